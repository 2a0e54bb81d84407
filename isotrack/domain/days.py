"""The logical day: a set done at 01:30 still belongs to the evening before."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

DEFAULT_DAY_START = time(4, 0)
RATE_WINDOW_DAYS = 30  # the done rate counts this many days, ending today (design §2)


class InvalidDate(ValueError):
    """A date or time of day that does not parse."""


def logical_day(now: datetime, day_start: time = DEFAULT_DAY_START) -> date:
    """The local date of ``now − day_start`` (wall-clock arithmetic, so DST is harmless)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return (now - timedelta(hours=day_start.hour, minutes=day_start.minute)).date()


def parse_day(text: str) -> date:
    """Parse an ISO ``YYYY-MM-DD`` date."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        raise InvalidDate(f"'{text}' is not a date in the form YYYY-MM-DD") from None


def parse_day_start(text: str) -> time:
    """Parse ``HH:MM`` for the day start (00:00 to 11:59)."""
    try:
        hours, minutes = (int(p) for p in text.split(":"))
        value = time(hours, minutes)
    except (ValueError, TypeError):
        raise InvalidDate(f"'{text}' is not a time in the form HH:MM") from None
    if value >= time(12, 0):
        raise InvalidDate(f"day start {text} must be before 12:00")
    return value


def format_day_start(value: time) -> str:
    """``HH:MM`` text for a day start."""
    return value.strftime("%H:%M")
