"""The built-in exercise catalogue and routines (facts from shared/exercises.md)."""

from __future__ import annotations

from typing import NamedTuple

from isotrack.domain.exercise import SIDES, Exercise, Mode

__all__ = [
    "BY_ID",
    "CATALOGUE",
    "DEFAULT_ROUTINE",
    "IDS",
    "ROUTINES",
    "ROUTINE_WORDS",
    "SIDES",
    "Exercise",
    "Mode",
    "RoutineWords",
    "UnknownExercise",
    "get",
]

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
        next="superman",
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
        next="superman",
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
        next="superman",
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
        next="superman",
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
        next="side-plank",
        note="McGill finds this arched lift loads the spine heavily; the bird-dog is the "
        "gentler alternative.",
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
        next="pallof-press",
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
    Exercise(
        id="curl-up",
        name="McGill curl-up",
        source="McGill",
        position="On your back, one knee bent with that foot flat, the other leg long; "
        "hands flat under the small of your back.",
        cue="Raise head and shoulders a touch off the floor as one piece, chin level, and keep "
        "the low back's natural curve. Change the bent leg halfway through.",
        hold=10,
        reps=6,
        sets=3,
        sides=(),
        equipment="none",
        mode=Mode.FIXED,
    ),
    Exercise(
        id="bird-dog",
        name="Bird-dog",
        source="McGill",
        position="On hands and knees, hands below the shoulders, knees below the hips, "
        "back neutral.",
        cue="Stretch one arm ahead and the other leg back until both line up with your back; "
        "hips and shoulders stay level. The side is the arm's.",
        hold=10,
        reps=6,
        sets=3,
        sides=SIDES,
        equipment="none",
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
ROUTINES["mcgill"] = ("curl-up", "side-plank", "bird-dog")


class RoutineWords(NamedTuple):
    """How a built-in routine is named, and what it holds in a few words. (A named tuple:
    made at import, by every command, in a tenth of a dataclass's time.)"""

    name: str
    summary: str


# In the order the welcome offers them.
ROUTINE_WORDS: dict[str, RoutineWords] = {
    "beginner": RoutineWords("Beginner supine series", "four presses on your back, no equipment"),
    "core": RoutineWords("Core isometrics", "superman, side plank, Pallof press (band)"),
    "mcgill": RoutineWords("McGill big three", "curl-up, side plank, bird-dog: 10-s holds"),
    "both": RoutineWords(
        "Beginner series and core isometrics", "the beginner series and core isometrics"
    ),
}

DEFAULT_ROUTINE = "beginner"


class UnknownExercise(ValueError):
    """An exercise id that is neither in the catalogue nor one of the user's own."""

    def __init__(self, exercise_id: str, valid: tuple[str, ...] = ()) -> None:
        known = ", ".join((*IDS, *valid))
        super().__init__(f"unknown exercise '{exercise_id}' (valid: {known})")
        self.exercise_id = exercise_id


def get(exercise_id: str) -> Exercise:
    """Return the catalogue exercise with this id or raise UnknownExercise."""
    try:
        return BY_ID[exercise_id]
    except KeyError:
        raise UnknownExercise(exercise_id) from None
