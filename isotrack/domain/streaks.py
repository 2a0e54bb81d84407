"""The streaks built from each day's status (design §2): the current and longest run of done
days, done days and the 30-day rate. The statuses themselves are judged in
:mod:`isotrack.domain.day_status` (and named here too, where they have always been found).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from isotrack.domain.day_status import (
    DEFAULT_DONE_THRESHOLD,
    DayKind,
    DayStatus,
    day_statuses,
    is_done,
    level_for,
    past_statuses,
    seen_on,
)
from isotrack.domain.days import RATE_WINDOW_DAYS

__all__ = [
    "DEFAULT_DONE_THRESHOLD",
    "RATE_WINDOW_DAYS",
    "DayKind",
    "DayStatus",
    "Runs",
    "StreakStats",
    "day_statuses",
    "is_done",
    "level_for",
    "past_statuses",
    "seen_on",
    "streaks_from",
]


@dataclass(frozen=True)
class StreakStats:
    """Streak figures up to and including today.

    ``rate_30d`` is the mean completion fraction (each day capped at 1) over the counted days
    of the 30 days ending today: training days on or after the first day, not skipped, and
    today only once it is done. None when no day counts.
    """

    current: int
    longest: int
    done_days: int
    rate_30d: float | None


@dataclass(frozen=True)
class Runs:
    """Streak counts over a stretch of days: the run of done days at its end, the longest
    run in it and its done days."""

    current: int = 0
    longest: int = 0
    done_days: int = 0


def streaks_from(statuses: Sequence[DayStatus], today: date, before: Runs = Runs()) -> StreakStats:
    """Current and longest streak, done days and 30-day rate from the status of every day
    from the first day to today, in date order; ``before`` carries the counts of the days
    before those (so a long history is rated from its kept month summaries).

    A streak counts done days; rest and skipped days neither break nor extend it, and today
    breaks nothing while it is still open. A past training day that is not done ends a streak.
    """
    run, longest, done_days = before.current, before.longest, before.done_days
    for status in statuses:
        if status.kind is DayKind.DONE:
            run += 1
            done_days += 1
            longest = max(longest, run)
        elif status.kind in (DayKind.PARTIAL, DayKind.MISSED):
            run = 0
    window_start = today - timedelta(days=RATE_WINDOW_DAYS - 1)
    counted = [
        s.fraction
        for s in statuses
        if s.day >= window_start and s.kind in (DayKind.DONE, DayKind.PARTIAL, DayKind.MISSED)
    ]
    rate = sum(counted) / len(counted) if counted else None
    return StreakStats(run, longest, done_days, rate)
