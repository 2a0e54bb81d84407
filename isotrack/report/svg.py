"""The report's two drawings as inline SVG: a calendar strip of the period and a pain chart.

Small hand-written SVG (no library): shapes with fixed colours, scaled by a viewBox, so the
same markup reads on a phone and prints on paper. Only numbers and dates go into it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta
from html import escape

from isotrack.domain.report import PainDay
from isotrack.domain.streaks import DayKind, DayStatus
from isotrack.domain.zones import AMBER_DURING, GREEN_DURING, Zone

LEVEL_FILL = ("#e4e7eb", "#c6e8c9", "#8fd19a", "#4cae62", "#1f7a3a")  # heatmap levels 0–4
KIND_FILL = {
    DayKind.REST: "#f4f5f7",
    DayKind.SKIPPED: "#f6dfb4",
    DayKind.BEFORE: "#ffffff",
    DayKind.FUTURE: "#ffffff",
}
ZONE_FILL = {Zone.GREEN: "#2e9d4f", Zone.AMBER: "#e0a21b", Zone.RED: "#d0473b"}
BAND_FILL = {Zone.GREEN: "#eaf6ec", Zone.AMBER: "#fdf3dc", Zone.RED: "#fbe6e4"}
MORNING = "#1d5fa8"
DURING = "#9aa5b1"
WEEKDAYS = "MTWTFSS"
CELL = 14  # calendar cell size in SVG units
GAP = 3


def _n(value: float) -> str:
    """A coordinate with at most one decimal."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(width: float, height: float, label: str, body: list[str], scale: float = 0) -> str:
    """An ``<svg>`` element; with ``scale`` it has a fixed size (units × scale pixels),
    else it takes the width of its box."""
    size = f'width="{_n(width * scale)}" height="{_n(height * scale)}" ' if scale else ""
    return (
        f'<svg {size}viewBox="0 0 {_n(width)} {_n(height)}" role="img" '
        f'aria-label="{escape(label)}" class="chart" preserveAspectRatio="xMinYMin meet">'
        + "".join(body)
        + "</svg>"
    )


def _status_word(status: DayStatus) -> str:
    if status.kind in (DayKind.DONE, DayKind.PARTIAL):
        return f"{status.kind}, {status.fraction:.0%} of sets"
    return str(status.kind)


def calendar_strip(statuses: Sequence[DayStatus], week_start: int = 0) -> str:
    """One column per calendar week and one row per weekday, each day shaded by its share
    of planned sets; rest days pale, skipped days sand-coloured, today outlined."""
    if not statuses:
        return _svg(10, 10, "no days", [])
    first = statuses[0].day
    origin = first - timedelta(days=(first.weekday() - week_start) % 7)
    left, top = 16, 4
    columns = (statuses[-1].day - origin).days // 7 + 1
    body = []
    for row in range(7):
        label = WEEKDAYS[(row + week_start) % 7]
        y = top + row * (CELL + GAP) + CELL - 3
        body.append(f'<text x="0" y="{y}" class="axis">{label}</text>')
    for status in statuses:
        offset = (status.day - origin).days
        x = left + (offset // 7) * (CELL + GAP)
        y = top + (offset % 7) * (CELL + GAP)
        fill = KIND_FILL.get(status.kind, LEVEL_FILL[status.level])
        stroke = ' stroke="#333" stroke-width="1.5"' if status.kind is DayKind.OPEN else ""
        body.append(
            f'<rect x="{x}" y="{y}" width="{CELL}" height="{CELL}" rx="2" fill="{fill}"{stroke}>'
            f"<title>{status.day.isoformat()}: {escape(_status_word(status))}</title></rect>"
        )
        if status.kind is DayKind.SKIPPED:
            body.append(
                f'<line x1="{x + 3}" y1="{y + CELL - 3}" x2="{x + CELL - 3}" y2="{y + 3}" '
                'stroke="#a06a00" stroke-width="1.5"/>'
            )
    width = left + columns * (CELL + GAP)
    height = top + 7 * (CELL + GAP)
    return _svg(width, height, "Calendar of the period: each square is a day", body, 1.25)


def pain_chart(days: Sequence[PainDay], width: int = 720, height: int = 240) -> str:
    """Morning pain as a line, the worst "during" score as bars, over bands for the zones;
    each training day's zone as a mark under the axis and red flags as triangles on top."""
    if not days:
        return _svg(10, 10, "no days", [])
    left, right, top, bottom = 28, 8, 14, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    step = plot_w / len(days)

    def y(score: float) -> float:
        return top + plot_h * (10 - score) / 10

    def x(i: float) -> float:
        return left + step * (i + 0.5)

    body = []
    for zone, low, high in (
        (Zone.GREEN, 0, GREEN_DURING),
        (Zone.AMBER, GREEN_DURING, AMBER_DURING),
        (Zone.RED, AMBER_DURING, 10),
    ):
        body.append(
            f'<rect x="{left}" y="{_n(y(high))}" width="{_n(plot_w)}" '
            f'height="{_n(y(low) - y(high))}" fill="{BAND_FILL[zone]}"/>'
        )
    for score in range(0, 11, 2):
        body.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{_n(y(score))}" y2="{_n(y(score))}" '
            'stroke="#d5d9de" stroke-width="0.5"/>'
            f'<text x="{left - 4}" y="{_n(y(score) + 3.5)}" class="axis" '
            f'text-anchor="end">{score}</text>'
        )
    bar = max(1.0, step * 0.55)
    for i, day in enumerate(days):
        if day.during is not None:
            top_y = y(day.during)
            paint = f'fill="{DURING}" fill-opacity="0.75"'
            body.append(
                _bar(day.day, f"during {day.during}", x(i), top_y, bar, y(0) - top_y, paint)
            )
    body += _morning_line(days, x, y)
    body += _marks(days, x, y, top + plot_h, step)
    return _svg(width, height, "Pain by day, 0 to 10", body)


Scale = Callable[[float], float]


def _bar(
    day: date, what: str, cx: float, top: float, width: float, height: float, paint: str
) -> str:
    """A rectangle centred on ``cx`` from ``top`` down, with ``paint`` (its fill attributes) and
    the day and ``what`` as its tooltip."""
    return (
        f'<rect x="{_n(cx - width / 2)}" y="{_n(top)}" width="{_n(width)}" '
        f'height="{_n(height)}" {paint}><title>{day.isoformat()}: {what}</title></rect>'
    )


def _morning_line(days: Sequence[PainDay], x: Scale, y: Scale) -> list[str]:
    """Line segments between consecutive days with a morning score, and a dot for each."""
    out, run = [], []
    for i, day in enumerate([*days, None]):
        if day is not None and day.morning is not None:
            run.append(f"{_n(x(i))},{_n(y(day.morning))}")
            out.append(
                f'<circle cx="{_n(x(i))}" cy="{_n(y(day.morning))}" r="2.2" fill="{MORNING}">'
                f"<title>{day.day.isoformat()}: morning {day.morning}</title></circle>"
            )
            continue
        if len(run) > 1:
            out.insert(
                0,
                f'<polyline points="{" ".join(run)}" fill="none" stroke="{MORNING}" '
                'stroke-width="1.6" stroke-linejoin="round"/>',
            )
        run = []
    return out


def _marks(days: Sequence[PainDay], x: Scale, y: Scale, axis: float, step: float) -> list[str]:
    """Zone squares under the axis, red-flag triangles at the top, week labels."""
    out = [
        f'<line x1="{_n(x(0) - step / 2)}" x2="{_n(x(len(days) - 1) + step / 2)}" '
        f'y1="{_n(axis)}" y2="{_n(axis)}" stroke="#555" stroke-width="0.8"/>'
    ]
    size = max(2.0, min(7.0, step * 0.7))
    for i, day in enumerate(days):
        if day.zone is not None:
            paint = f'fill="{ZONE_FILL[day.zone]}"'
            out.append(_bar(day.day, f"{day.zone} zone", x(i), axis + 4, size, size, paint))
        if day.red_flag:
            cx, cy = x(i), y(10)
            out.append(
                f'<polygon points="{_n(cx - 5)},{_n(cy - 9)} {_n(cx + 5)},{_n(cy - 9)} '
                f'{_n(cx)},{_n(cy - 1)}" fill="#b00020">'
                f"<title>{day.day.isoformat()}: red flag</title></polygon>"
            )
        if i % 7 == 0:
            out.append(
                f'<text x="{_n(x(i))}" y="{_n(axis + 24)}" class="axis" text-anchor="middle">'
                f"{_label(day.day)}</text>"
            )
    return out


def _label(day: date) -> str:
    return f"{day.day} {day:%b}"
