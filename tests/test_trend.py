"""The morning-pain trend: Theil–Sen slope, Mann–Kendall test and the direction rule."""

from __future__ import annotations

import math
import random
from datetime import UTC, date, datetime, timedelta
from statistics import NormalDist

import pytest

from isotrack.domain.records import DayRecord, PainEntry, PainKind
from isotrack.domain.trend import (
    Direction,
    meaningful_improvement,
    morning_scores,
    pain_trend,
    trend_phrase,
)

TODAY = date(2026, 11, 21)


def window(scores: list[int | None]) -> dict[date, int]:
    """Scores for the 14 days ending TODAY (index 0 = TODAY − 13); None = no score."""
    assert len(scores) == 14
    start = TODAY - timedelta(days=13)
    return {start + timedelta(days=x): y for x, y in enumerate(scores) if y is not None}


def brute_force(points: list[tuple[int, int]]) -> tuple[float, int, float, float]:
    """An independent float reimplementation: slope, S, Var(S), Z."""
    slopes = sorted(
        (points[j][1] - points[i][1]) / (points[j][0] - points[i][0])
        for i in range(len(points))
        for j in range(len(points))
        if i < j
    )
    m = len(slopes)
    slope = slopes[m // 2] if m % 2 else (slopes[m // 2 - 1] + slopes[m // 2]) / 2
    s = 0
    for i in range(len(points)):
        for j in range(i + 1, len(points)):
            d = points[j][1] - points[i][1]
            s += 1 if d > 0 else -1 if d < 0 else 0
    n = len(points)
    groups: dict[int, int] = {}
    for _, y in points:
        groups[y] = groups.get(y, 0) + 1
    var = n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in groups.values())
    var /= 18
    z = 0.0 if s == 0 else (s - math.copysign(1, s)) / math.sqrt(var)
    return slope, s, var, z


def test_acceptance_series_by_hand() -> None:
    #  x: 0 1 2 3 4 5 6 7 8 9 10 11 12 13
    #  y: 6 6 5 6 5 5 4 5 4 4  3  4  3  3
    # S, counting (#later greater − #later smaller) for each i:
    #  i0 −11, i1 −11, i2 +1−7=−6, i3 −10, i4 −7, i5 −7, i6 +1−3=−2, i7 −6, i8 −3, i9 −3,
    #  i10 +1, i11 −2, i12 0  →  S = −67
    # ties: value 6 ×3, 5 ×4, 4 ×4, 3 ×3
    #  n(n−1)(2n+5) = 14·13·33 = 6006; t=3: 3·2·11 = 66; t=4: 4·3·13 = 156
    #  Var = (6006 − 2·66 − 2·156) / 18 = 5562 / 18 = 309
    # Z = (−67 + 1) / √309 = −66 / 17.5784 = −3.75461
    # half medians: 4 5 5 5 6 6 6 → 5;  3 3 3 4 4 4 5 → 4 (one point lower)
    ys = [6, 6, 5, 6, 5, 5, 4, 5, 4, 4, 3, 4, 3, 3]
    trend = pain_trend(window(ys), TODAY)
    assert trend.n == 14
    assert trend.s == -67
    assert trend.var_s == 309
    assert trend.z == pytest.approx(-66 / math.sqrt(309))
    assert trend.z == pytest.approx(-3.75461, abs=1e-5)
    assert trend.p_down == pytest.approx(NormalDist().cdf(-66 / math.sqrt(309)))
    assert trend.p_down + trend.p_up == pytest.approx(1)
    assert trend.slope_per_day == -0.25  # the median of 91 slopes, too many to list by hand
    assert brute_force(list(enumerate(ys)))[0] == -0.25
    assert trend.change == -3.25  # −0.25 × (13 − 0)
    assert (trend.first_week_median, trend.last_week_median) == (5, 4)
    assert trend.direction is Direction.DOWN
    assert trend_phrase(trend) == "morning pain fell from 5 to 4 over 14 days"


def test_ties_and_missing_days_by_hand() -> None:
    # y = 2 on days 0–4, nothing on days 5–8, y = 1 on days 9–13: n = 10.
    # Slopes: 20 same-group pairs give 0; the 25 cross pairs give −1/d, d = 5..13 with
    # counts 1 2 3 4 5 4 3 2 1. Ascending: −1/5 (#1), −1/6 (#2–3), −1/7 (#4–6), −1/8 (#7–10),
    # −1/9 (#11–15), −1/10 (#16–19), −1/11 (#20–22), −1/12 (#23–24), −1/13 (#25), 0 (#26–45).
    # The median of 45 is #23 = −1/12; change = −1/12 × 13 = −13/12.
    # S = −25; Var = (10·9·25 − 2·5·4·15) / 18 = (2250 − 600) / 18 = 91.667
    # Z = −24 / √91.667 = −2.50672; p_down = Φ(−2.50672) = 0.00609
    trend = pain_trend(window([2, 2, 2, 2, 2, None, None, None, None, 1, 1, 1, 1, 1]), TODAY)
    assert trend.n == 10
    assert trend.slope_per_day == pytest.approx(-1 / 12)
    assert trend.change == pytest.approx(-13 / 12)
    assert trend.s == -25
    assert trend.var_s == pytest.approx(1650 / 18)
    assert trend.z == pytest.approx(-2.50672, abs=1e-5)
    assert trend.p_down == pytest.approx(0.00609, abs=1e-5)
    assert (trend.first_week_median, trend.last_week_median) == (2, 1)
    assert trend.direction is Direction.DOWN


def test_rising_mirror_is_up() -> None:
    # The previous series upside down: S = +25, Z = +2.50672, slope +1/12, medians 1 → 2.
    trend = pain_trend(window([1, 1, 1, 1, 1, None, None, None, None, 2, 2, 2, 2, 2]), TODAY)
    assert trend.s == 25
    assert trend.p_up == pytest.approx(0.00609, abs=1e-5)
    assert trend.direction is Direction.UP
    assert trend_phrase(trend) == "morning pain rose from 1 to 2 over 14 days"


def test_constant_series_is_flat_with_zero_variance() -> None:
    # All 14 tied: Var = (6006 − 14·13·33) / 18 = 0, S = 0, so Z = 0 and p = Φ(0) = 0.5.
    trend = pain_trend(window([4] * 14), TODAY)
    assert (trend.s, trend.var_s, trend.z, trend.slope_per_day) == (0, 0, 0, 0)
    assert trend.p_down == trend.p_up == 0.5
    assert trend.direction is Direction.FLAT


def test_strict_fall_with_a_gap_at_the_end() -> None:
    # y = 10 − x for x = 0..9, days 10–13 missing: every pair falls, S = −45,
    # Var = 10·9·25 / 18 = 125, Z = −44 / √125; slope −1, change −1 × 9 = −9.
    trend = pain_trend(window([10, 9, 8, 7, 6, 5, 4, 3, 2, 1, None, None, None, None]), TODAY)
    assert (trend.s, trend.var_s, trend.slope_per_day, trend.change) == (-45, 125, -1, -9)
    assert trend.z == pytest.approx(-44 / math.sqrt(125))
    assert (trend.first_week_median, trend.last_week_median) == (7, 2)
    assert trend.direction is Direction.DOWN


@pytest.mark.parametrize(
    ("ys", "failing"),
    [
        # noisy: the line falls 1.18 and the medians 8 → 6, but p_down = 0.118
        ([8, 1, 8, 1, 8, 1, 8, 6, 0, 7, 0, 7, 0, 7], "p"),
        # most pairs tie, so the Theil–Sen slope is 0 though p_down = 0.003 and medians 5 → 4
        ([5] * 10 + [4] * 4, "change"),
        # p_down = 0.0003 and the line falls 1.6, but both half medians are 5
        ([6, 6, 6, 5, 5, 5, 5, 5, 5, 5, 5, 4, 4, 4], "medians"),
    ],
)
def test_each_down_condition_is_needed(ys: list[int], failing: str) -> None:
    trend = pain_trend(window(ys), TODAY)
    assert trend.p_down is not None and trend.change is not None
    assert trend.first_week_median is not None and trend.last_week_median is not None
    met = {
        "p": trend.p_down < 0.10,
        "change": trend.change <= -1,
        "medians": trend.last_week_median <= trend.first_week_median - 1,
    }
    assert met == {name: name != failing for name in met}
    assert trend.direction is Direction.FLAT
    rising = pain_trend(window([10 - y for y in ys]), TODAY)  # the mirror image
    assert rising.p_up == pytest.approx(trend.p_down)
    assert rising.direction is Direction.FLAT


def test_a_just_significant_noisy_fall_is_down() -> None:
    # p_down = 0.086 < 0.10, change −13/11 ≤ −1, medians 6 → 5
    trend = pain_trend(window([6, 2, 6, 2, 6, 2, 6, 5, 1, 5, 1, 5, 1, 5]), TODAY)
    assert trend.p_down == pytest.approx(0.0861, abs=1e-4)
    assert trend.direction is Direction.DOWN


def test_fewer_than_ten_points_is_insufficient() -> None:
    trend = pain_trend(window([6, 5, 5, 4, 4, 3, 3, 2, 2, None, None, None, None, None]), TODAY)
    assert trend.n == 9
    assert trend.direction is Direction.INSUFFICIENT
    stats = (trend.slope_per_day, trend.change, trend.s, trend.var_s, trend.z)
    assert stats == (None,) * 5
    assert (trend.p_down, trend.p_up) == (None, None)
    # the halves still have medians: 3 3 4 4 5 5 6 → 4 and 2 2 → 2
    assert (trend.first_week_median, trend.last_week_median) == (4, 2)
    assert trend_phrase(trend).startswith("not enough morning pain scores yet (9 of the 10")


def test_scores_outside_the_window_are_ignored() -> None:
    scores = window([5] * 9 + [None] * 5)
    scores[TODAY - timedelta(days=14)] = 9  # the day before the window
    scores[TODAY + timedelta(days=1)] = 0  # tomorrow
    assert pain_trend(scores, TODAY).n == 9
    scores[TODAY] = 5
    assert pain_trend(scores, TODAY).n == 10


@pytest.mark.parametrize("seed", range(300))
def test_matches_brute_force_on_random_series(seed: int) -> None:
    rng = random.Random(seed)
    xs = sorted(rng.sample(range(14), rng.randint(10, 14)))
    points = [(x, rng.randint(0, rng.choice([2, 5, 10]))) for x in xs]
    scores = {TODAY - timedelta(days=13 - x): y for x, y in points}
    trend = pain_trend(scores, TODAY)
    slope, s, var, z = brute_force(points)
    assert trend.n == len(points)
    assert trend.s == s
    assert trend.slope_per_day == pytest.approx(slope, abs=1e-9)
    assert trend.var_s == pytest.approx(var, abs=1e-9)
    assert trend.z == pytest.approx(z, abs=1e-9)
    assert trend.p_down == pytest.approx(NormalDist().cdf(z), abs=1e-9)
    assert trend.p_up == pytest.approx(1 - NormalDist().cdf(z), abs=1e-9)


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        (5, 3, True),  # 2 points
        (5, 4, False),  # 1 point, 20%
        (3, 2, True),  # 1 point but 33%
        (10, 7, True),  # exactly 30%
        (9, 7.5, False),  # 1.5 points, 17%
        (0, 0, False),
        (3, 5, False),  # a rise
        (None, 2, False),
    ],
)
def test_meaningful_improvement(before: float | None, after: float | None, expected: bool) -> None:
    assert meaningful_improvement(before, after) is expected


def test_morning_scores_keep_the_last_morning_entry_of_each_day() -> None:
    day = TODAY - timedelta(days=1)

    def entry(kind: PainKind, score: int, hour: int, on: date = day) -> PainEntry:
        at = datetime(on.year, on.month, on.day, hour, tzinfo=UTC)
        return PainEntry(f"{kind}{hour}", on, kind, score, at)

    busy = DayRecord(
        day,
        pain=(
            entry(PainKind.MORNING, 7, 9),
            entry(PainKind.MORNING, 4, 6),  # recorded earlier in the day, listed later
            entry(PainKind.DURING, 9, 10),
            entry(PainKind.AFTER, 1, 11),
        ),
    )
    only_during = DayRecord(TODAY, pain=(entry(PainKind.DURING, 3, 9, TODAY),))
    assert morning_scores([busy, only_during, DayRecord(day - timedelta(days=1))]) == {day: 7}
