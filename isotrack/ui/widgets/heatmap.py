"""The year heatmap: every day of one year drawn by a single widget through the Line API.

Row 0 holds the month names, rows 1–7 the weekdays (one cell per week column), then a blank
row and the legend. Cells are two characters wide when the whole year fits, else one; when
even that does not fit, the widget shows a window of weeks that follows the cursor.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from isotrack.domain.streaks import DayStatus
from isotrack.presentation.calendar_marks import (
    COLOUR_GLYPHS,
    LABEL_WIDTH,
    LEGEND,
    LEGEND_LESS,
    LEGEND_MORE,
    LEVELS,
    PLAIN_GLYPHS,
    Mark,
    mark_for,
    month_line,
    weekday_labels,
)
from isotrack.presentation.heatmap import YearGrid

GRID_ROWS = 9  # month names, seven weekdays, a blank row before the legend
LABEL = "label"
CURSOR = "cursor"
CURSOR_LABEL = "cursor-label"
GAP = "  "  # between legend entries

Palette = Mapping[str, Style]

# Close to the textual-dark theme; the widget takes its styles from CSS instead.
DEFAULT_PALETTE: dict[str, Style] = {
    Mark.LEVEL_0: Style(color="#3a3f45"),
    Mark.LEVEL_1: Style(color="#1f5130"),
    Mark.LEVEL_2: Style(color="#2f7a45"),
    Mark.LEVEL_3: Style(color="#3fa35c"),
    Mark.LEVEL_4: Style(color="#4ebf71"),
    Mark.REST: Style(color="#7d8590"),
    Mark.SKIPPED: Style(color="#ffa62b"),
    Mark.TODAY: Style(color="#ffa62b", bold=True),
    Mark.BEFORE: Style(color="#30353b"),
    Mark.FUTURE: Style(color="#4b5158"),
    LABEL: Style(color="#8b949e"),
    CURSOR: Style(bgcolor="#0178d4", bold=True),
    CURSOR_LABEL: Style(color="#e0e0e0", bold=True),
}


@dataclass(frozen=True)
class YearView:
    """One year ready to draw: its week grid, every day's status, and today."""

    grid: YearGrid
    statuses: Mapping[date, DayStatus]
    today: date

    def position(self, day: date) -> tuple[int, int]:
        """(week column, weekday row) of a day of this year."""
        offset = (date(self.grid.year, 1, 1).weekday() - self.grid.week_start) % 7
        index = offset + (day - date(self.grid.year, 1, 1)).days
        return index // 7, index % 7

    @property
    def columns(self) -> int:
        """Week columns in the grid (53 or 54)."""
        return len(self.grid.weeks)


def cell_width(width: int, columns: int) -> int:
    """2 characters a day when the whole year fits in ``width``, else 1."""
    return 2 if LABEL_WIDTH + 2 * columns <= width else 1


def visible_columns(width: int, columns: int) -> int:
    """How many week columns fit in ``width``."""
    return max(1, min(columns, (width - LABEL_WIDTH) // cell_width(width, columns)))


def follow(first: int, cursor_column: int, shown: int, columns: int) -> int:
    """The first visible column, moved as little as needed to keep the cursor in view."""
    first = min(first, cursor_column)
    first = max(first, cursor_column - shown + 1)
    return max(0, min(first, columns - shown))


def legend_lines(
    width: int, palette: Palette, glyphs: Mapping[Mark, str] = COLOUR_GLYPHS
) -> list[Strip]:
    """The legend, wrapped into as many lines as ``width`` needs."""
    label = palette[LABEL]
    items: list[list[Segment]] = [
        [
            Segment(f"{LEGEND_LESS} ", label),
            *(Segment(glyphs[m], palette[m]) for m in LEVELS),
            Segment(f" {LEGEND_MORE}", label),
        ]
    ]
    items += [
        [Segment(glyphs[mark], palette[mark]), Segment(f" {text}", label)] for mark, text in LEGEND
    ]
    lines: list[list[Segment]] = [[Segment(" " * LABEL_WIDTH)]]
    used = LABEL_WIDTH
    for item in items:
        length = sum(s.cell_length for s in item)
        if used > LABEL_WIDTH and used + len(GAP) + length > width:
            lines.append([Segment(" " * LABEL_WIDTH)])
            used = LABEL_WIDTH
        if used > LABEL_WIDTH:
            lines[-1].append(Segment(GAP))
            used += len(GAP)
        lines[-1].extend(item)
        used += length
    return [Strip(line) for line in lines]


def paint_year(
    view: YearView,
    cursor: date | None,
    width: int,
    first: int,
    palette: Palette,
    glyphs: Mapping[Mark, str] = COLOUR_GLYPHS,
) -> list[Strip]:
    """All lines of the heatmap for ``width`` cells, week columns from ``first`` on
    (``glyphs``: PLAIN_GLYPHS where colour cannot tell the levels apart)."""
    grid, statuses, today = view.grid, view.statuses, view.today
    cell = cell_width(width, view.columns)
    shown = visible_columns(width, view.columns)
    pad = " " * (cell - 1)
    label = palette[LABEL]
    cursor_at = view.position(cursor) if cursor and cursor.year == grid.year else None
    months = month_line(grid, first, shown, cell)
    top = [Segment(" " * LABEL_WIDTH), Segment(months, label)]
    if cursor is not None and cursor_at is not None:  # the cursor's month in its own colour
        start = grid.month_columns[cursor.month - 1]
        at = max(0, (start - first) * cell)
        if months[at : at + 3].strip():
            top = [
                Segment(" " * LABEL_WIDTH),
                Segment(months[:at], label),
                Segment(months[at : at + 3], palette[CURSOR_LABEL]),
                Segment(months[at + 3 :], label),
            ]
    lines = [Strip(top)]
    styles = {mark: palette[mark] for mark in Mark}
    cursor_style = palette[CURSOR]
    weeks = grid.weeks[first : first + shown]
    for row, name in enumerate(weekday_labels(grid.week_start)):
        on_row = cursor_at is not None and cursor_at[1] == row
        segments = [Segment(name, palette[CURSOR_LABEL] if on_row else label)]
        for offset, week in enumerate(weeks):
            day = week[row]
            if day is None:
                segments.append(Segment(" " * cell))
                continue
            mark = mark_for(statuses[day], today)
            style = styles[mark]
            if on_row and cursor_at is not None and cursor_at[0] == first + offset:
                style = style + cursor_style
            segments.append(Segment(glyphs[mark], style))
            if pad:
                segments.append(Segment(pad))
        lines.append(Strip(segments))
    lines.append(Strip.blank(0))
    return lines + legend_lines(width, palette, glyphs)


class Heatmap(Widget):
    """One year of days; the screen moves the cursor, the widget draws and follows it."""

    DEFAULT_CSS = """
    Heatmap {
        height: auto;
        width: 1fr;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        *(f"heatmap--{mark}" for mark in Mark),
        f"heatmap--{LABEL}",
        f"heatmap--{CURSOR}",
        f"heatmap--{CURSOR_LABEL}",
    }

    class Clicked(Message):
        """The user clicked a day."""

        def __init__(self, day: date) -> None:
            super().__init__()
            self.day = day

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.view: YearView | None = None
        self.cursor: date | None = None
        self._first = 0
        self._cache: tuple[object, list[Strip]] | None = None

    def show(self, view: YearView, cursor: date) -> None:
        """Draw ``view`` with the cursor on ``cursor``."""
        new_year = self.view is None or self.view.grid.year != view.grid.year
        self.view, self.cursor = view, cursor
        if new_year:
            self._first = 0
        self._cache = None
        self.refresh(layout=True)

    def move_cursor(self, day: date) -> None:
        """Put the cursor on another day of the shown year."""
        self.cursor = day
        self._cache = None
        self.refresh()

    def palette(self) -> dict[str, Style]:
        """The rich styles of every mark and label, from the CSS component classes."""
        names = [*Mark, LABEL, CURSOR, CURSOR_LABEL]
        return {
            name: self.get_component_rich_style(f"heatmap--{name}", partial=name == CURSOR)
            for name in names
        }

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return GRID_ROWS + len(legend_lines(width, DEFAULT_PALETTE))

    def _lines(self) -> list[Strip]:
        width = self.size.width
        key = (width, self.app.theme)
        if self._cache is not None and self._cache[0] == key:
            return self._cache[1]
        lines: list[Strip] = []
        if self.view is not None and width > LABEL_WIDTH:
            shown = visible_columns(width, self.view.columns)
            if self.cursor is not None and self.cursor.year == self.view.grid.year:
                column = self.view.position(self.cursor)[0]
                self._first = follow(self._first, column, shown, self.view.columns)
            glyphs = PLAIN_GLYPHS if getattr(self.app, "few_colours", False) else COLOUR_GLYPHS
            lines = paint_year(self.view, self.cursor, width, self._first, self.palette(), glyphs)
        self._cache = (key, lines)
        return lines

    def render_line(self, y: int) -> Strip:
        lines = self._lines()
        strip = lines[y] if y < len(lines) else Strip.blank(0)
        width = self.size.width
        return strip.extend_cell_length(width).crop(0, width).apply_style(self.rich_style)

    def day_at(self, x: int, y: int) -> date | None:
        """The day drawn at widget offset (x, y), if any."""
        view = self.view
        if view is None or not 1 <= y <= 7 or x < LABEL_WIDTH:
            return None
        width = self.size.width
        column = self._first + (x - LABEL_WIDTH) // cell_width(width, view.columns)
        if column >= min(view.columns, self._first + visible_columns(width, view.columns)):
            return None
        return view.grid.weeks[column][y - 1]

    def on_click(self, event: events.Click) -> None:
        day = self.day_at(event.x, event.y)
        if day is not None:
            self.post_message(self.Clicked(day))


def same_day_in(year: int, day: date) -> date:
    """``day``'s month and day in ``year`` (29 February becomes the 28th)."""
    try:
        return day.replace(year=year)
    except ValueError:
        return day.replace(year=year, day=28)
