"""The layout of a year heatmap: week columns of seven days, and where each month starts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MONDAY = 0
SUNDAY = 6


@dataclass(frozen=True)
class YearGrid:
    """A year as week columns.

    ``weeks[c][r]`` is the date in column ``c``, row ``r`` (row 0 is the first day of the
    week), or None for the padding before 1 January and after 31 December.
    ``month_columns[m - 1]`` is the column holding the 1st of month ``m``.
    """

    year: int
    week_start: int
    weeks: tuple[tuple[date | None, ...], ...]
    month_columns: tuple[int, ...]


def year_grid(year: int, week_start: int = MONDAY) -> YearGrid:
    """Lay ``year`` out in week columns starting on ``week_start`` (0 = Monday, 6 = Sunday).

    A year takes 53 columns, or 54 when a leap year begins on the last day of the week.
    """
    if not 0 <= week_start <= 6:
        raise ValueError(f"week_start must be a weekday number 0-6, not {week_start}")
    first = date(year, 1, 1)
    last = date(year, 12, 31)
    offset = (first.weekday() - week_start) % 7
    length = (last - first).days + 1
    columns = -(-(offset + length) // 7)
    grid_start = first - timedelta(days=offset)
    weeks = tuple(
        tuple(
            day if first <= day <= last else None
            for day in (grid_start + timedelta(days=7 * c + r) for r in range(7))
        )
        for c in range(columns)
    )
    month_columns = tuple((offset + (date(year, m, 1) - first).days) // 7 for m in range(1, 13))
    return YearGrid(year, week_start, weeks, month_columns)
