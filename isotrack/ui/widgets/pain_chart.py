"""A text chart of morning pain, one bar per day (or per few days), with each day's zone
underneath and a one-line key to the zones. Days without a score are left blank: no bar and
no dot, so a day nobody scored never reads as a score; a score of 0 shows a thin bar."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from math import ceil

from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget

from isotrack.domain.zones import Zone
from isotrack.ui.widgets.pain_scale import MAX_SCORE, score_style

ROWS = 5  # the least chart height in lines (each then holds 2 points of the 0–10 scale)
MAX_ROWS = 20  # the most: one line per half point
SPARE_LINES = 24  # what the rest of the Progress screen needs around the chart
AXIS = 5  # columns for the axis labels (" 10 ┤")
EIGHTHS = " ▁▂▃▄▅▆▇█"
ZONE_MARKS: dict[Zone, tuple[str, str]] = {
    Zone.GREEN: ("G", "bold $success"),
    Zone.AMBER: ("A", "bold $warning"),
    Zone.RED: ("R", "bold $error"),
}
ZONE_ORDER = (Zone.GREEN, Zone.AMBER, Zone.RED)


@dataclass(frozen=True)
class Column:
    """One column of the chart: some days, their mean score (None: no score) and worst zone."""

    first: date
    score: float | None
    zone: Zone | None


def columns(
    scores: Mapping[date, int], zones: Mapping[date, Zone], start: date, end: date, room: int
) -> list[Column]:
    """The days from ``start`` to ``end`` in at most ``room`` columns (days grouped evenly)."""
    days = (end - start).days + 1
    per = max(1, ceil(days / max(1, room)))
    out = []
    for offset in range(0, days, per):
        group = [start + timedelta(days=offset + i) for i in range(per) if offset + i < days]
        values = [scores[d] for d in group if d in scores]
        marks = [zones[d] for d in group if d in zones]
        out.append(
            Column(
                group[0],
                sum(values) / len(values) if values else None,
                max(marks, key=ZONE_ORDER.index) if marks else None,
            )
        )
    return out


ZONE_KEY = "G green: ≤3, settled · A amber: 4–5 or 1 worse · R red: >5 or 2 worse"


def rows_for(height: int) -> int:
    """Chart lines for a screen ``height`` lines high: what the rest leaves, within limits."""
    return max(ROWS, min(MAX_ROWS, height - SPARE_LINES))


def _cell(score: float, row: int, rows: int = ROWS) -> str:
    """The block for ``score`` in line ``row`` (0 = top) of a chart ``rows`` lines high."""
    eighths = round(score / MAX_SCORE * rows * 8)
    filled = eighths - (rows - 1 - row) * 8
    return EIGHTHS[max(0, min(8, filled))]


def render_chart(
    scores: Mapping[date, int],
    zones: Mapping[date, Zone],
    start: date,
    end: date,
    width: int,
    window: date | None = None,
    rows: int = ROWS,
) -> Content:
    """The chart (``rows`` lines high), the zone row, the date row and the zone key, fitted to
    ``width`` columns; the axis is drawn heavy from ``window`` on (the trend's days)."""
    cols = columns(scores, zones, start, end, width - AXIS)
    step = max(1, min(3, (width - AXIS) // max(1, len(cols))))
    bar = max(1, step - 1)
    pad = " " * (step - bar)
    lines: list[Content] = []
    for row in range(rows):
        label = {0: "10", rows // 2: "5"}.get(row, "")
        parts: list[tuple[str, str] | str] = [(f"{label:>3} ┤", "$text-muted")]
        for col in cols:
            if col.score is None:
                parts.append(" " * step)  # no score: nothing drawn
            else:
                cell = _cell(col.score, row, rows)
                if row == rows - 1 and cell == " ":
                    cell = "▁"  # a score of 0 still shows that a score was given
                parts.append((cell * bar + pad, score_style(round(col.score))))
        lines.append(Content.assemble(*parts))
    axis: list[tuple[str, str] | str] = [("  0 └", "$text-muted")]
    for col in cols:
        in_window = window is not None and col.first >= window
        axis.append(("━" * step, "bold $accent") if in_window else ("─" * step, "$text-muted"))
    lines.append(Content.assemble(*axis))
    zone_parts: list[tuple[str, str] | str] = [("zone ", "$text-muted")]
    for col in cols:
        if col.zone is None:
            zone_parts.append(" " * step)
        else:
            mark, style = ZONE_MARKS[col.zone]
            zone_parts.append((mark.ljust(step), style))
    lines.append(Content.assemble(*zone_parts))
    first, last = f"{start.day} {start:%b}", f"{end.day} {end:%b}"
    gap = max(1, len(cols) * step - len(first) - len(last))
    lines.append(Content.styled(" " * AXIS + first + " " * gap + last, "$text-muted"))
    lines.append(Content.styled(ZONE_KEY, "$text-muted"))
    return Content("\n").join(lines)


class PainChart(Widget):
    """Morning pain from ``start`` to ``end`` with zones; redraws to fit its width."""

    DEFAULT_CSS = """
    PainChart {
        height: auto;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scores: Mapping[date, int] = {}
        self.zones: Mapping[date, Zone] = {}
        self.span: tuple[date, date] | None = None
        self.window: date | None = None

    def show(
        self,
        scores: Mapping[date, int],
        zones: Mapping[date, Zone],
        start: date,
        end: date,
        window: date | None = None,
    ) -> None:
        """Plot the days from ``start`` to ``end``, marking the trend window from ``window``."""
        self.scores, self.zones, self.span = scores, zones, (start, end)
        self.window = window
        self.refresh(layout=True)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return rows_for(self.screen.size.height) + 4 if self.span else 0

    def on_resize(self) -> None:
        self.refresh(layout=True)  # the screen's height sets the chart's

    def render(self) -> Content:
        if self.span is None:
            return Content("")
        rows = rows_for(self.screen.size.height)
        return render_chart(self.scores, self.zones, *self.span, self.size.width, self.window, rows)
