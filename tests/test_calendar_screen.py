"""Pilot tests of the Calendar screen and the streak line on Today."""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.demo import demo_history
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.calendar import CalendarScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.heatmap import Heatmap
from isotrack.ui.widgets.streak_line import StreakLine
from tests.conftest import NOW

TODAY = date(2026, 11, 21)  # the conftest clock's logical day, a Saturday
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def fill_demo(tracker: Tracker, years: int = 2, seed: int = 3) -> None:
    zone = tracker.clock.now().tzinfo
    assert zone is not None
    program, records = demo_history(TODAY, years, seed, zone=zone)
    tracker._store.save_program(program)
    tracker._store.write_days(records)


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two years of demo history, written once for this module."""
    folder = tmp_path_factory.mktemp("demo") / "data"
    tracker = Tracker.open(folder, FakeClock(NOW))
    tracker.acknowledge_safety()
    fill_demo(tracker)
    return folder


@pytest.fixture
def demo_tracker(demo_folder: Path, tmp_path: Path, clock: FakeClock) -> Tracker:
    """A copy of the demo folder that a test may change."""
    folder = tmp_path / "demo"
    shutil.copytree(demo_folder, folder)
    return Tracker.open(folder, clock)


def detail_title(app: IsotrackApp) -> str:
    return str(app.screen.query_one("#day-detail").border_title)


def detail_text(app: IsotrackApp) -> str:
    screen = app.screen
    return "\n".join(
        str(screen.query_one(f"#detail-{part}").render()) for part in ("status", "sets", "notes")
    )


def heatmap_text(app: IsotrackApp) -> list[str]:
    heatmap = app.screen.query_one(Heatmap)
    return [heatmap.render_line(y).text for y in range(heatmap.size.height)]


async def open_calendar(app: IsotrackApp, pilot) -> CalendarScreen:
    await pilot.press("c")
    await pilot.pause()
    assert isinstance(app.screen, CalendarScreen)
    return app.screen


async def test_cursor_moves_with_arrows_and_hjkl_and_the_panel_follows(
    demo_tracker: Tracker,
) -> None:
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(app, pilot)
        assert screen.cursor == TODAY
        assert detail_title(app) == "Saturday 21 November 2026"
        steps = [
            ("left", TODAY - timedelta(days=7)),
            ("h", TODAY - timedelta(days=14)),
            ("up", TODAY - timedelta(days=15)),
            ("k", TODAY - timedelta(days=16)),
            ("down", TODAY - timedelta(days=15)),
            ("j", TODAY - timedelta(days=14)),
            ("right", TODAY - timedelta(days=7)),
            ("l", TODAY),
        ]
        for key, expected in steps:
            await pilot.press(key)
            await pilot.pause()
            assert screen.cursor == expected, key
            assert detail_title(app) == f"{expected:%A %d %B %Y}", key
            assert app.screen.query_one(Heatmap).cursor == expected


async def test_detail_shows_sets_against_that_days_targets_and_pain(
    demo_tracker: Tracker,
) -> None:
    day = TODAY - timedelta(days=7)
    record = demo_tracker.day(day)
    plan = demo_tracker.program().plan_for(day)
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_calendar(app, pilot)
        await pilot.press("left")
        await pilot.pause()
        text = detail_text(app)
        for item in plan:
            assert item.exercise.name in text
            assert f"{item.done_sets(record)}/{item.planned_sets}" in text
            assert item.target.label(item.exercise) in text
        for entry in record.pain:
            assert f"{entry.kind.value.title()} {entry.score}" in text
        done = sum(item.done_sets(record) for item in plan)
        planned = sum(item.planned_sets for item in plan)
        assert f"{done} of {planned} sets" in text and "level " not in text


async def test_brackets_switch_year_and_home_returns(demo_tracker: Tracker) -> None:
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(app, pilot)
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert screen.cursor == date(2025, 11, 21)
        assert screen.query_one(Heatmap).view.grid.year == 2025
        assert str(screen.query_one("#calendar-year").render()) == "2025"
        assert detail_title(app) == "Friday 21 November 2025"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert screen.cursor == TODAY
        await pilot.press("right_square_bracket")  # no later year than this one
        await pilot.pause()
        assert screen.cursor == TODAY
        await pilot.press("left_square_bracket", "left_square_bracket", "left", "home")
        await pilot.pause()
        assert screen.cursor == TODAY
        assert screen.query_one(Heatmap).view.grid.year == 2026
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_moving_past_new_year_loads_the_other_year(demo_tracker: Tracker) -> None:
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_calendar(app, pilot)
        screen.show(date(2026, 1, 1))
        await pilot.press("up")
        await pilot.pause()
        assert screen.cursor == date(2025, 12, 31)
        assert screen.query_one(Heatmap).view.grid.year == 2025


async def test_s_toggles_skip_on_a_past_day_not_on_a_future_one(tracker: Tracker) -> None:
    tracker.log_set("knees-in", TODAY - timedelta(days=2))  # the program starts then
    app = IsotrackApp(tracker)
    day = TODAY - timedelta(days=1)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(app, pilot)
        await pilot.press("up", "s")
        await app.flush_writes()
        await pilot.pause()
        assert tracker.day(day).skipped == ""
        assert "Skipped" in detail_text(app)
        await pilot.press("s")
        await app.flush_writes()
        await pilot.pause()
        assert tracker.day(day).skipped is None
        await pilot.press("down", "down", "s")
        await app.flush_writes()
        await pilot.pause()
        assert tracker.day(TODAY + timedelta(days=1)).skipped is None


async def test_heatmap_has_seven_weekday_rows_and_fits_80_columns(demo_tracker: Tracker) -> None:
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(app, pilot)
        lines = heatmap_text(app)
        assert lines[0].split()[:3] == ["Jan", "Feb", "Mar"]
        assert [line[:3] for line in lines[1:8]] == WEEKDAYS
        assert "Dec" in lines[0]  # the whole year is in view
        assert all(len(line) <= 80 for line in lines)
        assert "◆" in lines[6]  # today, a Saturday
        assert any("today" in line for line in lines[8:])


async def test_narrow_terminal_scrolls_to_follow_the_cursor(demo_tracker: Tracker) -> None:
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(40, 24)) as pilot:
        screen = await open_calendar(app, pilot)
        assert "Nov" in heatmap_text(app)[0] and "Jan" not in heatmap_text(app)[0]
        screen.show(date(2026, 1, 2))
        await pilot.pause()
        assert heatmap_text(app)[0].split()[0] == "Jan"


async def test_sunday_week_start_puts_sunday_first(demo_tracker: Tracker) -> None:
    demo_tracker.save_setting("week_start", "sun")
    app = IsotrackApp(demo_tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_calendar(app, pilot)
        assert heatmap_text(app)[1].startswith("Sun")


async def test_today_shows_the_streak_line(tracker: Tracker, clock: FakeClock) -> None:
    for days_ago in (3, 2, 1):
        for exercise in tracker.program().routine_on(TODAY):
            tracker.log_set(exercise, TODAY - timedelta(days=days_ago))
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one(StreakLine).render())
        assert "Streak 3 days" in text and "longest 3" in text


async def test_today_streak_line_counts_a_long_history_in_a_worker(
    tracker: Tracker,
) -> None:
    fill_demo(tracker, years=1, seed=5)
    stats = tracker.streak_stats()
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = str(app.screen.query_one(StreakLine).render())
        assert f"Streak {stats.current} day" in text
        assert f"longest {stats.longest}" in text


def test_calendar_and_current_streak_read_only_recent_months(data_dir, clock: FakeClock) -> None:
    """This year and the current streak need a few months, not the whole history."""
    tracker = Tracker.open(data_dir, clock)
    fill_demo(tracker, years=3)
    store = Store(data_dir)
    asked: list[date] = []
    days = store.days

    def spy(start: date, end: date):
        asked.append(start)
        return days(start, end)

    store.days = spy  # type: ignore[method-assign]
    fresh = Tracker(store, clock)
    fresh.year_days(2026)
    assert fresh.current_streak() == tracker.streak_stats().current
    assert asked and min(asked) >= date(2025, 6, 1)


async def test_the_calendar_is_readied_while_today_is_idle(tracker: Tracker) -> None:
    """Its code and stylesheet are loaded after Today's first frame, so that the first `c`
    does not wait for them."""
    from isotrack.ui.app import READY_AFTER
    from isotrack.ui.styles import stylesheet

    app = IsotrackApp(tracker)
    calendar_css = str(stylesheet("calendar.tcss")[0])
    async with app.run_test() as pilot:
        assert not app.stylesheet.has_source(calendar_css, "")
        await pilot.pause(READY_AFTER + 0.3)
        assert app.stylesheet.has_source(calendar_css, "")
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("c")
        await pilot.pause()
        assert app.screen.query_one("#heatmap").view is not None


async def test_the_calendar_first_opened_after_a_theme_change_wears_that_theme(
    tracker: Tracker,
) -> None:
    """A new screen skips Textual's restyle on its first open: it must still be styled with
    the theme of the moment, not the one the app started with."""
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        await pilot.pause()
        start = app.screen.styles.background
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        themed = app.screen.styles.background
        assert themed != start  # Today took the new theme
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CalendarScreen)
        assert app.screen.styles.background == themed
