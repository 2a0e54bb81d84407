"""Whole-history reference forms of the streak rules, for tests only: the app reads a history
a month at a time (``Tracker.streak_stats``) and must agree with these."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.streaks import (
    DEFAULT_DONE_THRESHOLD,
    DayStatus,
    StreakStats,
    day_statuses,
    streaks_from,
)


def day_status(
    program: Program, record: DayRecord, today: date, done_threshold: float = DEFAULT_DONE_THRESHOLD
) -> DayStatus:
    """The status of one day judged against the targets in force that day."""
    day = record.day
    return day_statuses(program, {day: record}, day, day, today, done_threshold)[day]


def streaks(
    program: Program,
    days: Mapping[date, DayRecord],
    today: date,
    done_threshold: float = DEFAULT_DONE_THRESHOLD,
) -> StreakStats:
    """Streak figures over the whole history read at once."""
    first = program.first_day()
    if first is None or first > today:
        return StreakStats(0, 0, 0, None)
    statuses = day_statuses(program, days, first, today, today, done_threshold)
    return streaks_from(list(statuses.values()), today)
