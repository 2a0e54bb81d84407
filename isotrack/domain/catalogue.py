"""The built-in exercise catalogue and routines (facts from shared/exercises.md)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Mode(StrEnum):
    """How an exercise is timed."""

    FIXED = "fixed"  # count down a fixed hold, rep after rep
    MAX = "max"  # hold as long as possible; a stopwatch records the time


SIDES: tuple[str, str] = ("left", "right")


@dataclass(frozen=True)
class Exercise:
    """One catalogue exercise with its catalogue target."""

    id: str
    name: str
    source: str
    position: str
    cue: str
    hold: int  # seconds; for max-hold exercises the goal time
    reps: int
    sets: int  # per side for sided exercises
    sides: tuple[str, ...]
    equipment: str
    mode: Mode

    @property
    def sided(self) -> bool:
        """True when each side counts as its own set."""
        return bool(self.sides)


_SUPINE = "On your back on a firm surface, hips and knees bent to about 90°, low back eased flat."

CATALOGUE: tuple[Exercise, ...] = (
    Exercise(
        id="push-pull-a",
        name="Knee push–pull, side A",
        source="001",
        position=_SUPINE,
        cue="Draw the right knee toward your chest while the left knee pushes away. "
        "Nothing moves; keep breathing.",
        hold=5,
        reps=15,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="push-pull-b",
        name="Knee push–pull, side B",
        source="001",
        position=_SUPINE,
        cue="Draw the left knee toward your chest while the right knee pushes away. "
        "Nothing moves; keep breathing.",
        hold=5,
        reps=15,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="knees-in",
        name="Knees-in press",
        source="001",
        position=_SUPINE,
        cue="Squeeze the knees toward each other to work the inner thighs. "
        "Neck relaxed, breathe steadily.",
        hold=5,
        reps=15,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="knees-out",
        name="Knees-out press",
        source="001",
        position=_SUPINE,
        cue="Press the knees outward to work the outer hips. Neck relaxed, breathe steadily.",
        hold=5,
        reps=15,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="superman",
        name="Superman",
        source="000",
        position="Face down, arms reaching past your head, legs long.",
        cue="Float your arms and legs just off the floor and stay there, then let them down.",
        hold=5,
        reps=10,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="side-plank",
        name="Side plank",
        source="000",
        position="On one side, elbow below the shoulder, legs stacked.",
        cue="Raise the hips until only forearm and the lower foot carry you; "
        "head to ankles in one line. Hold as long as you can, then change sides.",
        hold=20,
        reps=1,
        sets=3,
        sides=SIDES,
        equipment="none",
        mode=Mode.MAX,
    ),
    Exercise(
        id="pallof-press",
        name="Half-kneeling Pallof press",
        source="000",
        position="Half-kneeling side-on to a band anchored at shoulder height, "
        "inner knee down, outer foot forward.",
        cue="Press the band out in front of your chest until your arms are straight, and "
        "don't let it turn you toward the anchor.",
        hold=3,
        reps=10,
        sets=3,
        sides=SIDES,
        equipment="resistance band or cable",
        mode=Mode.FIXED,
    ),
)

BY_ID: dict[str, Exercise] = {e.id: e for e in CATALOGUE}
IDS: tuple[str, ...] = tuple(BY_ID)

ROUTINES: dict[str, tuple[str, ...]] = {
    "beginner": ("push-pull-a", "push-pull-b", "knees-in", "knees-out"),
    "core": ("superman", "side-plank", "pallof-press"),
}
ROUTINES["both"] = ROUTINES["beginner"] + ROUTINES["core"]

ROUTINE_NAMES: dict[str, str] = {
    "beginner": "Beginner supine series",
    "core": "Core isometrics",
    "both": "Beginner series and core isometrics",
}

DEFAULT_ROUTINE = "beginner"


class UnknownExercise(ValueError):
    """An exercise id that is not in the catalogue."""

    def __init__(self, exercise_id: str) -> None:
        super().__init__(f"unknown exercise '{exercise_id}' (valid: {', '.join(IDS)})")
        self.exercise_id = exercise_id


def get(exercise_id: str) -> Exercise:
    """Return the catalogue exercise with this id or raise UnknownExercise."""
    try:
        return BY_ID[exercise_id]
    except KeyError:
        raise UnknownExercise(exercise_id) from None
