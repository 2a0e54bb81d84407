"""Records of what happened on a logical day: sets, pain entries, skips, notes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

MAX_SET_REPS = 1000  # the most reps one set may record (the store refuses more)


@dataclass(frozen=True)
class SetRecord:
    """One set of one exercise. ``completed`` is False for a set stopped part-way."""

    id: str
    exercise: str
    day: date
    reps: int
    hold: float  # seconds held per rep (for max-hold exercises: the hold time)
    at: datetime
    side: str | None = None
    completed: bool = True


class PainKind(StrEnum):
    """When a pain score was taken."""

    MORNING = "morning"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True)
class PainEntry:
    """A 0–10 pain rating, optionally flagged as a red-flag warning sign."""

    id: str
    day: date
    kind: PainKind
    score: int
    at: datetime
    note: str = ""
    red_flag: bool = False


@dataclass(frozen=True)
class DayRecord:
    """Everything recorded for one logical day."""

    day: date
    sets: tuple[SetRecord, ...] = ()
    pain: tuple[PainEntry, ...] = ()
    skipped: str | None = None  # the reason ("" when none given); None when not skipped
    note: str = ""

    def with_set(self, record: SetRecord) -> DayRecord:
        """This day with one more set."""
        return replace(self, sets=(*self.sets, record))

    def without_last_set(
        self, exercise: str, side: str | None = None
    ) -> tuple[DayRecord, SetRecord | None]:
        """This day without the last set of ``exercise`` (on ``side`` if given)."""
        for i in range(len(self.sets) - 1, -1, -1):
            s = self.sets[i]
            if s.exercise == exercise and (side is None or s.side == side):
                return replace(self, sets=self.sets[:i] + self.sets[i + 1 :]), s
        return self, None

    def with_pain(self, entry: PainEntry) -> DayRecord:
        """This day with one more pain entry."""
        return replace(self, pain=(*self.pain, entry))

    def completed_sets(self, exercise: str, side: str | None = None) -> int:
        """How many completed sets of ``exercise`` (on ``side`` if given)."""
        return sum(
            1
            for s in self.sets
            if s.completed and s.exercise == exercise and (side is None or s.side == side)
        )

    @property
    def empty(self) -> bool:
        """True when nothing at all is recorded."""
        return not (self.sets or self.pain or self.skipped is not None or self.note)
