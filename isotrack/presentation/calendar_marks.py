"""What a calendar heatmap shows for each day and around the grid, shared by the app and the CLI.

Pure text layout: which mark a day gets, its character in colour and in plain output, the
legend, the weekday labels and the month label line over a window of week columns.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from isotrack.domain.schedule import DAY_NAMES
from isotrack.domain.streaks import DayKind, DayStatus
from isotrack.presentation.heatmap import YearGrid

LABEL_WIDTH = 4  # "Mon " before each weekday row
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Mark(StrEnum):
    """The look of one calendar cell."""

    LEVEL_0 = "level-0"
    LEVEL_1 = "level-1"
    LEVEL_2 = "level-2"
    LEVEL_3 = "level-3"
    LEVEL_4 = "level-4"
    REST = "rest"
    SKIPPED = "skipped"
    TODAY = "today"
    BEFORE = "before"
    FUTURE = "future"


LEVELS = (Mark.LEVEL_0, Mark.LEVEL_1, Mark.LEVEL_2, Mark.LEVEL_3, Mark.LEVEL_4)

# With colour the five levels share one square and differ by shade.
COLOUR_GLYPHS: dict[Mark, str] = {
    **dict.fromkeys(LEVELS, "■"),
    Mark.REST: "–",
    Mark.SKIPPED: "×",
    Mark.TODAY: "◆",
    Mark.BEFORE: "╱",
    Mark.FUTURE: "·",
}

# Without colour each level needs its own character.
PLAIN_GLYPHS: dict[Mark, str] = {
    **COLOUR_GLYPHS,
    Mark.LEVEL_0: "□",
    Mark.LEVEL_1: "░",
    Mark.LEVEL_2: "▒",
    Mark.LEVEL_3: "▓",
    Mark.LEVEL_4: "█",
}

LEGEND: tuple[tuple[Mark, str], ...] = (
    (Mark.TODAY, "today"),
    (Mark.REST, "rest"),
    (Mark.SKIPPED, "skipped"),
    (Mark.BEFORE, "before start"),
    (Mark.FUTURE, "to come"),
)
LEGEND_LESS, LEGEND_MORE = "less", "more"  # the level scale runs from no sets to all sets

KIND_TEXT: dict[DayKind, str] = {
    DayKind.DONE: "done",
    DayKind.PARTIAL: "partly done",
    DayKind.MISSED: "not done",
    DayKind.OPEN: "today, still open",
    DayKind.REST: "rest day",
    DayKind.SKIPPED: "skipped",
    DayKind.BEFORE: "before you began",
    DayKind.FUTURE: "still to come",
}


def mark_for(status: DayStatus, today: date) -> Mark:
    """The mark of one day: today first, then the day's kind, else its level."""
    if status.day == today:
        return Mark.TODAY
    kind = status.kind
    if kind is DayKind.REST:
        return Mark.REST
    if kind is DayKind.SKIPPED:
        return Mark.SKIPPED
    if kind is DayKind.BEFORE:
        return Mark.BEFORE
    if kind is DayKind.FUTURE:
        return Mark.FUTURE
    return LEVELS[status.level]


def week_start_number(text: str) -> int:
    """``mon`` → 0, ``sun`` → 6 (the weekday number a week column starts on)."""
    return DAY_NAMES.index(text[:3].lower())


def weekday_labels(week_start: int) -> list[str]:
    """The seven row labels, padded to ``LABEL_WIDTH``, starting on ``week_start``."""
    return [
        DAY_NAMES[(week_start + r) % 7].title().ljust(LABEL_WIDTH)[:LABEL_WIDTH] for r in range(7)
    ]


def month_line(grid: YearGrid, first_col: int, columns: int, cell_width: int) -> str:
    """Month names over the week columns ``first_col`` … ``first_col + columns - 1``.

    Each name sits over the column holding the 1st; a month that began left of the window
    is named at its left edge when there is room before the next name.
    """
    width = columns * cell_width
    line = [" "] * width
    end = 0  # first free position (keeps one space between names)
    starts = [(c - first_col) * cell_width for c in grid.month_columns]
    for m, pos in enumerate(starts):
        next_pos = starts[m + 1] if m < 11 else width
        if pos < 0:
            if next_pos <= 0:
                continue
            if next_pos < len(_MONTHS[m]) + 1:
                continue
            pos = 0
        if pos < end or pos >= width:
            continue
        name = _MONTHS[m][: width - pos]
        line[pos : pos + len(name)] = name
        end = pos + len(name) + 1
    return "".join(line)
