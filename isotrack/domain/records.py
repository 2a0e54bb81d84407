"""Records of what happened on a logical day: sets, pain entries, skips, notes."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from typing import TypedDict, Unpack

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


NOTE_LIMIT = 500  # characters in a pain entry's note (design §3)


class PainKind(StrEnum):
    """When a pain score was taken."""

    MORNING = "morning"
    DURING = "during"
    AFTER = "after"


@dataclass(frozen=True)
class PainChange:
    """One correction of a pain entry, kept with it so nothing is silently erased (design §3)."""

    at: datetime
    by: str  # where it was changed: "app" or "cli"
    field: str  # score, kind, note or red_flag
    before: str
    after: str


class Correction(TypedDict, total=False):
    """What a correction of a pain entry sets, given as keywords; a value left out or None
    keeps the entry's own."""

    score: int | None
    kind: PainKind | None
    note: str | None
    red_flag: bool | None


@dataclass(frozen=True)
class PainEntry:
    """A 0–10 pain rating, optionally flagged as a red-flag warning sign.

    ``history`` lists the corrections made since it was recorded, oldest first.
    """

    id: str
    day: date
    kind: PainKind
    score: int
    at: datetime
    note: str = ""
    red_flag: bool = False
    history: tuple[PainChange, ...] = ()

    def corrected(self, at: datetime, by: str, **correction: Unpack[Correction]) -> PainEntry:
        """This entry with the given values changed and each change kept in ``history``.

        Values left out, or equal to the current ones, change nothing and leave no trace.
        """
        given: dict[str, object] = dict(correction)
        new = {k: v for k, v in given.items() if v is not None and v != getattr(self, k)}
        changes = tuple(
            PainChange(at, by, name, _text(getattr(self, name)), _text(value))
            for name, value in new.items()
        )
        return replace(self, **new, history=(*self.history, *changes))

    @property
    def withdrawn_red_flag(self) -> bool:
        """True when a red flag was recorded here and later withdrawn as a mistake."""
        return any(c.field == "red_flag" and c.after == "false" for c in self.history)


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


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

    def with_pain_replaced(self, entry: PainEntry) -> DayRecord:
        """This day with the pain entry of the same id replaced by ``entry``."""
        return replace(self, pain=tuple(entry if p.id == entry.id else p for p in self.pain))

    def without_pain(self, entry_id: str) -> DayRecord:
        """This day without the pain entry ``entry_id``."""
        return replace(self, pain=tuple(p for p in self.pain if p.id != entry_id))

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
