"""The morning-pain trend in words and numbers, for the CLI and the app alike."""

from __future__ import annotations

from isotrack.domain.trend import (
    MIN_POINTS,
    RELIEF_PERCENT,
    RELIEF_POINTS,
    WINDOW_DAYS,
    Direction,
    Trend,
    format_score,
)
from isotrack.presentation.words import plural

# One word per direction, and the arrow the app puts before it.
TREND_WORDS: dict[Direction, str] = {
    Direction.DOWN: "falling",
    Direction.FLAT: "steady",
    Direction.UP: "rising",
    Direction.INSUFFICIENT: "not enough scores",
}
TREND_ARROWS: dict[Direction, str] = {
    Direction.DOWN: "↘",
    Direction.FLAT: "→",
    Direction.UP: "↗",
    Direction.INSUFFICIENT: "·",
}
# Morning pain from the first week of a report's period to the last (DOWN or UP: meaningfully).
CHANGE_WORDS: dict[Direction, str] = {
    Direction.DOWN: "meaningfully better",
    Direction.FLAT: "no meaningful change",
    Direction.UP: "meaningfully worse",
}
RELIEF = (
    f"A fall of {RELIEF_POINTS} points or {RELIEF_PERCENT}% is the size of change people feel "
    "as real relief."
)
NEEDS_SCORES = f"The trend needs {MIN_POINTS} morning scores in {WINDOW_DAYS} days"


def p_value(p: float) -> str:
    """A p-value to three places (``< 0.001`` and ``> 0.999`` at the ends)."""
    return "< 0.001" if p < 0.001 else "> 0.999" if p > 0.999 else f"{p:.3f}"


def trend_summary(trend: Trend) -> str:
    """The trend in a few words, e.g. ``morning pain falling (5 → 4)``."""
    if trend.direction is Direction.INSUFFICIENT:
        return f"pain trend: {trend.n} of {MIN_POINTS} morning scores so far"
    assert trend.first_week_median is not None and trend.last_week_median is not None
    medians = f"{format_score(trend.first_week_median)} → {format_score(trend.last_week_median)}"
    return f"morning pain {TREND_WORDS[trend.direction]} ({medians})"


def trend_statistics(trend: Trend) -> str:
    """The trend's statistics in one line (only the count while there are too few scores)."""
    if trend.slope_per_day is None or trend.z is None or trend.p_down is None:
        return f"{plural(trend.n, 'morning score')} in the last {WINDOW_DAYS} days"
    assert trend.p_up is not None
    change = ""
    if trend.change is not None:
        change = f" ({trend.change:+.1f} from the first score to the last)"
    return (
        f"{plural(trend.n, 'score')} · Theil–Sen slope {trend.slope_per_day:+.2f} a day{change} · "
        f"Mann–Kendall S {trend.s}, z {trend.z:+.2f}, "
        f"p(fall) {p_value(trend.p_down)}, p(rise) {p_value(trend.p_up)}"
    )
