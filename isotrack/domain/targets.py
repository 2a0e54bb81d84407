"""Targets (sets × reps × hold) and the dated history they change through."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date
from typing import Generic, TypedDict, TypeVar, Unpack

from isotrack.domain.exercise import LIMITS, Exercise, InvalidTarget, Mode, Target
from isotrack.domain.thresholds import GENTLE_REPS

__all__ = [
    "LIMITS",
    "Dated",
    "History",
    "InvalidTarget",
    "Target",
    "TargetParts",
    "catalogue_target",
    "gentle_target",
    "start_target",
    "with_parts",
]

T = TypeVar("T")


class TargetParts(TypedDict, total=False):
    """Parts of a target to change, given as keywords; one left out or None stays as it is."""

    sets: int | None
    reps: int | None
    hold: int | None


def with_parts(target: Target, **parts: Unpack[TargetParts]) -> Target:
    """``target`` with the given parts changed (checked against the limits again)."""
    return replace(target, **{part: value for part, value in parts.items() if value is not None})


def catalogue_target(exercise: Exercise) -> Target:
    """The full target: the catalogue's, or the user's top target for an own exercise."""
    return Target(exercise.sets, exercise.reps, exercise.hold)


GENTLE_MAX_HOLD = 10  # seconds: gentle side-plank goal (design)


def gentle_target(exercise: Exercise) -> Target:
    """The gentle start: 1 set × 5 reps at the catalogue hold (design §5)."""
    if exercise.mode is Mode.MAX:
        return Target(1, 1, min(GENTLE_MAX_HOLD, exercise.hold))
    return Target(1, min(GENTLE_REPS, exercise.reps), exercise.hold)


def start_target(exercise: Exercise, start: str) -> Target:
    """The starting target for ``start`` = ``gentle`` or ``full``."""
    return catalogue_target(exercise) if start == "full" else gentle_target(exercise)


@dataclass(frozen=True)
class Dated(Generic[T]):
    """A value that applies from ``since`` on."""

    since: date
    value: T


class History(Generic[T]):
    """Values that apply from a date on; the past is never rewritten."""

    def __init__(self, entries: list[Dated[T]] | None = None) -> None:
        self._entries: list[Dated[T]] = sorted(entries or [], key=lambda e: e.since)
        self._days = [e.since for e in self._entries]

    def at(self, day: date) -> T | None:
        """The value in force on ``day``, or None before the first entry."""
        i = bisect_right(self._days, day)
        return self._entries[i - 1].value if i else None

    def changed(self, day: date, value: T) -> History[T]:
        """A new history where ``value`` applies from ``day`` on (later entries dropped)."""
        kept = [e for e in self._entries if e.since < day]
        return History([*kept, Dated(day, value)])

    def latest(self) -> T:
        """The newest value (IndexError on an empty history)."""
        return self._entries[-1].value

    def during(self, first: date, last: date) -> list[Dated[T]]:
        """The entries in force on some day from ``first`` to ``last``: the one in force on
        ``first`` (if any) and those that start after it, up to ``last``."""
        start = max(bisect_right(self._days, first) - 1, 0)
        return self._entries[start : bisect_right(self._days, last)]

    def last_change(self) -> date | None:
        """The day of the newest entry."""
        return self._entries[-1].since if self._entries else None

    def first_day(self) -> date | None:
        """The day of the oldest entry."""
        return self._days[0] if self._days else None

    def __iter__(self) -> Iterator[Dated[T]]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, History) and self._entries == other._entries

    def __repr__(self) -> str:
        return f"History({self._entries!r})"
