"""The trend of morning pain: Theil–Sen slope and Mann–Kendall test (design §4)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from fractions import Fraction
from math import sqrt
from statistics import NormalDist, median

from isotrack.domain.records import DayRecord, PainKind

WINDOW_DAYS = 14  # logical days in the trend window, ending today (design)
HALF_DAYS = 7  # the window's two halves compared by their medians (design)
MIN_POINTS = 10  # morning scores needed in the window (design)
P_LEVEL = 0.10  # one-sided Mann–Kendall level (design)
MIN_CHANGE = 1  # points the fitted line and the half medians must move (design)
RELIEF_POINTS = 2  # a fall this large (points) is felt as real relief (design §4) ...
RELIEF_PERCENT = 30  # ... or a fall of this share of the starting median

_NORMAL = NormalDist()


class Direction(StrEnum):
    """Where morning pain is heading."""

    DOWN = "down"
    FLAT = "flat"
    UP = "up"
    INSUFFICIENT = "insufficient"


@dataclass(frozen=True)
class Trend:
    """The morning-pain trend over the window ending on ``today``.

    With fewer than ``MIN_POINTS`` scores the direction is INSUFFICIENT and the statistics
    (``slope_per_day``, ``change``, ``s``, ``var_s``, ``z``, ``p_down``, ``p_up``) are None.
    The half medians are filled whenever that half of the window has a score.
    """

    n: int
    slope_per_day: float | None
    change: float | None  # slope × (x_last − x_first): the fitted change over the data
    s: int | None
    var_s: float | None
    z: float | None
    p_down: float | None
    p_up: float | None
    direction: Direction
    first_week_median: float | None  # days 0–6 of the window
    last_week_median: float | None  # days 7–13 of the window

    @property
    def improved(self) -> bool:
        """True when the fall between the half medians is a meaningful improvement."""
        return meaningful_improvement(self.first_week_median, self.last_week_median)


def last_morning(record: DayRecord) -> int | None:
    """The day's last morning score (latest ``at``; the later entry on a tie), or None."""
    entries = sorted((p for p in record.pain if p.kind is PainKind.MORNING), key=lambda p: p.at)
    return entries[-1].score if entries else None


def morning_scores(days: Iterable[DayRecord]) -> dict[date, int]:
    """One morning score per logical day: the last one recorded that day."""
    scores = {}
    for record in days:
        score = last_morning(record)
        if score is not None:
            scores[record.day] = score
    return scores


def theil_sen(points: list[tuple[int, int]]) -> Fraction:
    """The median of the pairwise slopes (yⱼ−yᵢ)/(xⱼ−xᵢ), exact; x values must be distinct."""
    slopes = [
        Fraction(yj - yi, xj - xi)
        for i, (xi, yi) in enumerate(points)
        for xj, yj in points[i + 1 :]
    ]
    return median(slopes)


def mann_kendall(ys: list[int]) -> tuple[int, float, float]:
    """S, Var(S) with the tie correction, and Z (continuity-corrected) for ys in time order."""
    n = len(ys)
    s = sum((yj > yi) - (yj < yi) for i, yi in enumerate(ys) for yj in ys[i + 1 :])
    ties = sum(t * (t - 1) * (2 * t + 5) for t in (ys.count(v) for v in set(ys)))
    var_s = (n * (n - 1) * (2 * n + 5) - ties) / 18
    if s > 0:
        z = (s - 1) / sqrt(var_s)
    elif s < 0:
        z = (s + 1) / sqrt(var_s)
    else:
        z = 0.0
    return s, var_s, z


def pain_trend(morning: Mapping[date, int], today: date) -> Trend:
    """The trend of morning scores over the ``WINDOW_DAYS`` logical days ending ``today``.

    x is the day number in the window (0 = today − 13, 13 = today); days without a score
    are simply absent, and scores outside the window are ignored.
    """
    start = today - timedelta(days=WINDOW_DAYS - 1)
    points = sorted(
        ((day - start).days, score) for day, score in morning.items() if start <= day <= today
    )
    first = [y for x, y in points if x < HALF_DAYS]
    last = [y for x, y in points if x >= HALF_DAYS]
    first_median = float(median(first)) if first else None
    last_median = float(median(last)) if last else None
    n = len(points)
    if n < MIN_POINTS:
        # too few scores: no statistics (slope, change, S, var S, z, p down, p up)
        return Trend(n, *(None,) * 7, Direction.INSUFFICIENT, first_median, last_median)
    slope = theil_sen(points)
    change = slope * (points[-1][0] - points[0][0])
    s, var_s, z = mann_kendall([y for _, y in points])
    p_down = _NORMAL.cdf(z)
    p_up = 1 - p_down
    assert first_median is not None and last_median is not None  # n ≥ 10 fills both halves
    if p_down < P_LEVEL and change <= -MIN_CHANGE and last_median <= first_median - MIN_CHANGE:
        direction = Direction.DOWN
    elif p_up < P_LEVEL and change >= MIN_CHANGE and last_median >= first_median + MIN_CHANGE:
        direction = Direction.UP
    else:
        direction = Direction.FLAT
    return Trend(
        n=n,
        slope_per_day=float(slope),
        change=float(change),
        s=s,
        var_s=var_s,
        z=z,
        p_down=p_down,
        p_up=p_up,
        direction=direction,
        first_week_median=first_median,
        last_week_median=last_median,
    )


def meaningful_improvement(before: float | None, after: float | None) -> bool:
    """A fall of at least RELIEF_POINTS or RELIEF_PERCENT from ``before`` (design §4)."""
    if before is None or after is None:
        return False
    fall = before - after
    return fall >= RELIEF_POINTS or (before > 0 and fall * 100 >= before * RELIEF_PERCENT)


def format_score(value: float) -> str:
    """A score or median as text: ``5`` or ``4.5``."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def trend_phrase(trend: Trend) -> str:
    """The trend in plain words, lower case, e.g. ``morning pain fell from 5 to 3 over 14 days``."""
    if trend.direction is Direction.INSUFFICIENT:
        return (
            f"not enough morning pain scores yet ({trend.n} of the {MIN_POINTS} needed "
            f"in {WINDOW_DAYS} days)"
        )
    assert trend.first_week_median is not None and trend.last_week_median is not None
    before = format_score(trend.first_week_median)
    after = format_score(trend.last_week_median)
    if trend.direction is Direction.DOWN:
        return f"morning pain fell from {before} to {after} over {WINDOW_DAYS} days"
    if trend.direction is Direction.UP:
        return f"morning pain rose from {before} to {after} over {WINDOW_DAYS} days"
    return f"morning pain shows no clear trend ({before}, then {after}) over {WINDOW_DAYS} days"
