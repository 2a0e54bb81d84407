"""What an exercise is, built-in or the user's own, and the target it asks for."""

from __future__ import annotations

from enum import StrEnum
from typing import NamedTuple

from isotrack.domain.thresholds import MAX_GOAL, MAX_HOLD, MAX_SETS


class Mode(StrEnum):
    """How an exercise is timed."""

    FIXED = "fixed"  # count down a fixed hold, rep after rep
    MAX = "max"  # hold as long as possible; a stopwatch records the time


SIDES: tuple[str, str] = ("left", "right")

LIMITS: dict[str, tuple[int, int]] = {"sets": (1, 10), "reps": (1, 50), "hold": (1, 600)}


class InvalidTarget(ValueError):
    """A target value outside its allowed range."""


class InvalidExercise(ValueError):
    """An own exercise that cannot be stored as given; the message is one line. (Named in
    :mod:`isotrack.domain.custom`, which holds own exercises; it lives here so a command
    that touches none need not load that module.)"""


class _TargetFields(NamedTuple):
    sets: int
    reps: int
    hold: int


class Target(_TargetFields):
    """What one exercise asks for: sets (per side when sided) × reps × hold seconds.

    The domain's records are named tuples, not dataclasses: ``log`` and the other quick
    commands then need not load :mod:`dataclasses` (with :mod:`inspect` and its friends,
    about a tenth of a command's time) nor make its classes at import. A target checks its
    values as it is made; a changed copy is made with the class (:func:`~isotrack.domain.
    targets.with_parts`), never ``_replace``, so that it is checked too.
    """

    __slots__ = ()

    def __new__(cls, sets: int, reps: int, hold: int) -> Target:
        for name, value in zip(LIMITS, (sets, reps, hold), strict=True):
            low, high = LIMITS[name]
            if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
                raise InvalidTarget(f"{name} must be a whole number from {low} to {high}")
        return super().__new__(cls, sets, reps, hold)

    def planned_sets(self, exercise: Exercise) -> int:
        """Sets planned for a day; each side of a sided exercise counts as its own set."""
        return self.sets * max(1, len(exercise.sides))

    def label(self, exercise: Exercise) -> str:
        """Short human text such as ``1 × 5 × 5 s`` or ``3 × 20 s goal /side``."""
        per_side = " /side" if exercise.sided else ""
        if exercise.mode is Mode.MAX:
            return f"{self.sets}{per_side} × {self.hold} s goal"
        return f"{self.sets} × {self.reps} × {self.hold} s{per_side}"

    def as_dict(self) -> dict[str, int]:
        """Plain dict form used by the store and JSON output."""
        return {"sets": self.sets, "reps": self.reps, "hold": self.hold}


class Exercise(NamedTuple):
    """One exercise with its full target: the catalogue's, or the user's top target (a named
    tuple, as the domain's records are: see :class:`Target`).

    ``next`` is the exercise the ladder suggests after this one's top rung (None: none).
    An own exercise has no position or equipment; its cue is one to three lines.
    """

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
    next: str | None = None
    custom: bool = False
    note: str = ""  # a caution shown with the exercise (e.g. a gentler alternative)

    @property
    def sided(self) -> bool:
        """True when each side counts as its own set."""
        return bool(self.sides)

    @property
    def cue_lines(self) -> tuple[str, ...]:
        """The cue as lines (an own exercise's lines as the user wrote them)."""
        return tuple(self.cue.splitlines())

    def top_of_ladder(self) -> tuple[Target, str | None]:
        """The highest rung of this exercise's ladder and the exercise suggested after it.

        The one place the ladder learns where it ends: an own exercise stops at the user's
        top target; a built-in fixed hold at 3 sets of its catalogue reps held 10 s, a
        built-in max hold at 3 sets per side of a 60-s goal (design §5).
        """
        if self.custom:
            return Target(self.sets, self.reps, self.hold), self.next
        if self.mode is Mode.MAX:
            return Target(max(MAX_SETS, self.sets), 1, max(MAX_GOAL, self.hold)), self.next
        top = Target(max(MAX_SETS, self.sets), self.reps, max(MAX_HOLD, self.hold))
        return top, self.next
