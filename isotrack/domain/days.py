"""The logical day: a set done at 01:30 still belongs to the evening before."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache

DEFAULT_DAY_START = time(4, 0)
# No day before this is stored or accepted: streaks and calendars walk day by day from a
# routine's start, and 0001-01-01 made them take seconds (issue 15). 1970 still leaves room for
# decades of history (a 30-year history begun today starts in the 1990s).
EARLIEST_DAY = date(1970, 1, 1)
_HH_MM = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)
RATE_WINDOW_DAYS = 30  # the done rate counts this many days, ending today (design §2)


class InvalidDate(ValueError):
    """A date or time of day that does not parse."""


def logical_day(now: datetime, day_start: time = DEFAULT_DAY_START) -> date:
    """The local date of ``now − day_start``: a day begins the first time the local clock
    shows ``day_start`` on it.

    Compared as instants, not wall times: when the clocks go back, 01:10 for the second time
    is later than 01:30 for the first, so with day start 01:30 the day does not step back.
    """
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.date()
    begins = datetime.combine(today, day_start, tzinfo=now.tzinfo)  # fold 0: the first time
    return today if now.astimezone(UTC) >= begins.astimezone(UTC) else today - timedelta(days=1)


def parse_day(text: str) -> date:
    """Parse an ISO ``YYYY-MM-DD`` date from :data:`EARLIEST_DAY` on."""
    try:
        day = date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidDate(f"'{text}' is not a date in the form YYYY-MM-DD") from None
    if day < EARLIEST_DAY:
        raise InvalidDate(f"{text} is too early: isotrack keeps days from {EARLIEST_DAY} on")
    return day


def parse_clock_time(text: str) -> time:
    """Parse a time of day as ``HH:MM``: ASCII digits only (``int`` would
    also take ``1_1``, ``-0``, spaces and other scripts' digits)."""
    match = _HH_MM.fullmatch(text) if isinstance(text, str) else None
    try:
        if match is None:
            raise ValueError(text)
        value = time(int(match[1]), int(match[2]))
    except ValueError:
        raise InvalidDate(f"'{text}' is not a time in the form HH:MM") from None
    return value


@lru_cache(maxsize=8)  # (asked with every tick, of the same few texts)
def parse_day_start(text: str) -> time:
    """Parse ``HH:MM`` for the day start (00:00 to 11:59)."""
    value = parse_clock_time(text)
    if value >= time(12, 0):
        raise InvalidDate(f"day start {text} must be before 12:00")
    return value


def format_day_start(value: time) -> str:
    """``HH:MM`` text for a day start."""
    return value.strftime("%H:%M")
