"""Today's sets done as a bar and a percentage, drawn by one widget.

It looks exactly like Textual's ProgressBar with a full-width bar and no ETA, but that is
four widgets (frame, bar, percentage and a hidden ETA), an interval timer and three more
stylesheets, all paid for before Today's first frame, to draw one line that changes only
when a set is ticked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual.widget import Widget

PERCENT_WIDTH = 5  # cells for "100%", right-aligned, as the ProgressBar's percentage
BAR, HALF_LEFT, HALF_RIGHT = "━", "╺", "╸"


class DayProgress(Widget, can_focus=False):
    """A bar filled to ``progress / total`` and the percentage after it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {"bar--bar", "bar--complete"}
    DEFAULT_CSS = """
    DayProgress {
        height: 1;
        & > .bar--bar { color: $primary; background: $surface; }
        & > .bar--complete { color: $success; background: $surface; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.fraction = 0.0

    def update(self, total: int, progress: int) -> None:
        """Show ``progress`` of ``total`` (at least 1)."""
        fraction = min(max(progress / max(total, 1), 0.0), 1.0)
        if fraction != self.fraction:
            self.fraction = fraction
            self.refresh()

    def render(self) -> Text:
        width = max(self.content_size.width - PERCENT_WIDTH, 0)
        style = self.get_component_rich_style("bar--bar" if self.fraction < 1 else "bar--complete")
        done, left = Style.from_color(style.color), Style.from_color(style.bgcolor)
        line = bar_line(self.fraction, width, done, left)
        percent = f"{round(self.fraction * 100)}%"
        line.append(" " * (PERCENT_WIDTH - len(percent)))
        line.append(percent, Style(bold=False))  # its own segment, as the ProgressBar's label
        return line


def bar_line(fraction: float, width: int, done: Style, left: Style) -> Text:
    """A bar of ``width`` cells filled to ``fraction`` in half cells, drawn as Textual's
    ProgressBar draws it, ``━━━╸━━━━`` or ``━━━━╺━━━`` (filled in ``done``, the rest in
    ``left``)."""
    end = round(fraction * width * 2) / 2
    line = Text(end="")
    if end <= 0:
        line.append(BAR * width, style=left)
        return line
    whole, half = int(end), end % 1 > 0
    line.append(BAR * whole + (HALF_RIGHT if half else ""), style=done)
    tail = ("" if half or whole >= width else HALF_LEFT) + BAR * (width - whole - 1)
    line.append(tail, style=left)
    return line
