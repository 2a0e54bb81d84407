"""The Progress screen: chart, zones, trend, ladders, keys; and the chart's drawing rules."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import Static

from isotrack.domain import catalogue
from isotrack.domain.targets import Target
from isotrack.domain.zones import Zone
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.progress import ProgressScreen, ladder_position
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.pain_chart import PainChart, columns, render_chart
from tests.test_suggest_today import FALLING, build_history

D0 = date(2026, 11, 1)


def lines(content) -> list[str]:
    return str(content).split("\n")


def test_missing_days_are_not_drawn_and_zero_still_shows() -> None:
    scores = {D0: 10, D0 + timedelta(days=2): 0}
    chart = lines(render_chart(scores, {}, D0, D0 + timedelta(days=2), 5 + 3))
    bars = [line[5:] for line in chart[:5]]
    assert [b[0] for b in bars] == ["█"] * 5  # 10 fills the column
    assert [b[1] for b in bars] == [" "] * 5  # no score: nothing drawn, not even a dot
    assert [b[2] for b in bars] == [" "] * 4 + ["▁"]  # 0: a sliver, not a gap


def test_half_points_use_eighth_blocks() -> None:
    chart = lines(render_chart({D0: 3}, {}, D0, D0, 6))
    # 3 of 10 over 5 lines = 12 eighths: one full block and half of the next.
    assert [line[5] for line in chart[:5]] == [" ", " ", " ", "▄", "█"]


def test_long_spans_group_days_and_keep_the_worst_zone() -> None:
    end = D0 + timedelta(days=89)
    scores = {D0: 2, D0 + timedelta(days=1): 4, D0 + timedelta(days=2): 9}
    zones = {D0: Zone.GREEN, D0 + timedelta(days=1): Zone.RED}
    cols = columns(scores, zones, D0, end, 30)
    assert len(cols) == 30
    assert cols[0].score == 5.0 and cols[0].zone is Zone.RED  # days 1-3: mean, worst
    assert cols[1].score is None and cols[1].zone is None


def test_trend_window_is_drawn_heavy_on_the_axis() -> None:
    end = D0 + timedelta(days=29)
    chart = lines(render_chart({}, {}, D0, end, 65, window=end - timedelta(days=13)))
    axis = chart[5]
    assert axis.count("━") == 14 * 2 and axis.rstrip().endswith("━")
    assert "zone" in chart[6] and "1 Nov" in chart[7] and "30 Nov" in chart[7]


def test_ladder_position_counts_rungs() -> None:
    knees_in = catalogue.get("knees-in")
    assert ladder_position(knees_in, Target(1, 5, 5)) == (3, 15, Target(3, 15, 10))
    assert ladder_position(knees_in, Target(3, 15, 10))[:2] == (15, 15)
    superman = catalogue.get("superman")
    assert ladder_position(superman, Target(1, 1, 5)) == (1, 13, Target(3, 10, 10))


async def test_g_opens_progress_with_chart_trend_and_ladders(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, FALLING)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ProgressScreen)
        chart = str(screen.query_one(PainChart).render())
        assert "█" in chart and "G" in chart and "21 Nov" in chart
        assert "last 30 days" in str(screen.query_one("#progress-title", Static).render())
        trend = str(screen.query_one("#progress-trend", Static).render())
        assert "falling" in trend and "S -67" in trend
        assert "p(fall) < 0.001" in trend and "p(rise) > 0.999" in trend
        ladder = str(screen.query_one("#ladder", Static).render())
        assert "Knees-in press" in ladder and "next 1 × 7 × 5 s" in ladder
        assert "top 3 × 15 × 10 s, then Superman" in ladder and "3/15" in ladder
        await pilot.press("r")
        await pilot.pause()
        assert "last 90 days" in str(screen.query_one("#progress-title", Static).render())
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_progress_follows_an_accepted_step(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, FALLING)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        await pilot.press("t")
        await pilot.pause()
        await pilot.press("a")  # the first exercise: push-pull-a
        await app.flush_writes()
        await pilot.press("g")
        await pilot.pause()
        ladder = str(app.screen.query_one("#ladder", Static).render())
        assert "1 × 7 × 5 s" in ladder.split("\n")[0] and "4/15" in ladder.split("\n")[0]


def test_the_chart_grows_with_the_screen_and_keys_the_zones() -> None:
    from isotrack.ui.widgets.pain_chart import ROWS, ZONE_KEY, rows_for

    assert rows_for(24) == ROWS and rows_for(40) == 16
    chart = lines(render_chart({D0: 10}, {}, D0, D0, 8, rows=16))
    assert [line[5] for line in chart[:16]] == ["█"] * 16
    assert chart[-1] == ZONE_KEY and "G green" in ZONE_KEY and "R red" in ZONE_KEY
