"""Which weekdays are training days, as a dateutil weekly rule."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from dateutil.rrule import rrule, weekday


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class InvalidSchedule(ValueError):
    """A schedule text that does not parse."""


class Schedule(NamedTuple):
    """Training weekdays (0 = Monday). Every day when all seven are set. (The domain's small
    values are named tuples: every command defines them at import, each in a tenth of a
    dataclass's time.)"""

    days: frozenset[int] = frozenset(range(7))

    @classmethod
    def parse(cls, text: str) -> Schedule:
        """Parse ``daily`` or a comma list such as ``mon,wed,fri``."""
        text = text.strip().lower()
        if text in ("daily", "every day", "all"):
            return cls()
        days: set[int] = set()
        for part in filter(None, (p.strip() for p in text.split(","))):
            key = part[:3]
            if key not in DAY_NAMES:
                raise InvalidSchedule(f"'{part}' is not a weekday (use daily or e.g. mon,wed,fri)")
            days.add(DAY_NAMES.index(key))
        if not days:
            raise InvalidSchedule("a schedule needs at least one weekday")
        return cls(frozenset(days))

    def rule(self, start: date) -> rrule:
        """The weekly recurrence rule of training days from ``start`` on."""
        from dateutil.rrule import WEEKLY, rrule, weekdays  # imported here: commands start faster

        by: list[weekday] = [weekdays[d] for d in sorted(self.days)]
        return rrule(WEEKLY, byweekday=by, dtstart=datetime(start.year, start.month, start.day))

    def is_training_day(self, day: date) -> bool:
        """True when ``day`` falls on a training weekday."""
        return day.weekday() in self.days

    def text(self) -> str:
        """``daily`` or the comma list of weekdays."""
        if len(self.days) == 7:
            return "daily"
        return ",".join(DAY_NAMES[d] for d in sorted(self.days))
