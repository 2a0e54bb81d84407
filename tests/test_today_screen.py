"""Pilot tests of the Today screen: tick, untick, persistence, keys."""

from __future__ import annotations

from datetime import date

import pytest
from textual.widgets import OptionList

from isotrack.clock import FakeClock
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.today import TodayScreen
from tests.conftest import NOW
from tests.pilot_helpers import settle


def row_text(app: IsotrackApp, index: int) -> str:
    options = app.screen.query_one("#exercises")
    return str(options.get_option_at_index(index).prompt)


async def test_space_ticks_highlighted_exercise_on_disk(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        assert isinstance(app.screen, TodayScreen)
        await pilot.press("down", "space")
        await settle(pilot)
        assert tracker.day(tracker.today()).completed_sets("push-pull-b") == 1
        assert "■" in row_text(app, 1) and "1/1" in row_text(app, 1)
        assert "□" in row_text(app, 0)
        label = str(app.screen.query_one("#day-progress-label").render())
        assert "1 of 4 sets done" in label


async def test_backspace_unticks_and_j_k_move(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "j", "k", "space")
        await settle(pilot)
        assert tracker.day(tracker.today()).completed_sets("push-pull-b") == 1
        await pilot.press("backspace")
        await settle(pilot)
        assert tracker.day(tracker.today()).completed_sets("push-pull-b") == 0
        assert "0/1" in row_text(app, 1)


async def test_ticks_survive_a_restart(data_dir, clock: FakeClock, tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await settle(pilot)
        await pilot.press("q")
    again = IsotrackApp(Tracker.open(data_dir, clock))
    async with again.run_test() as pilot:
        await pilot.pause()
        assert "1/1" in row_text(again, 0)


async def test_no_extra_tick_beyond_the_plan(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        await pilot.press("space", "space")
        await settle(pilot)
        assert tracker.day(tracker.today()).completed_sets("push-pull-a") == 1


async def test_help_shows_keys_and_safety(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.pause()
        text = "\n".join(s.content.markup for s in app.screen.query(".help-section"))
        assert "`space`  Tick" in text and "emergency care" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_other_process_writes_are_picked_up(tracker: Tracker, data_dir, clock) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        other = Tracker.open(data_dir, clock)
        other.log_set("knees-in")
        app.screen.check_for_changes()
        await pilot.pause()
        assert "1/1" in row_text(app, 2)


async def test_day_rolls_over_while_open(tracker: Tracker, clock: FakeClock) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await settle(pilot)
        clock.advance(24 * 3600)
        app.screen.check_for_changes()
        await pilot.pause()
        assert "0/1" in row_text(app, 0)
        title = str(app.screen.query_one("#day-title").render())
        assert "Sunday 22 November 2026" in title


async def test_enter_opens_the_timer_on_the_exercise_reached_by_typed_ahead_keys(
    tracker: Tracker,
) -> None:
    from isotrack.ui.screens.timer import TimerScreen

    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, TimerScreen)
        assert app.screen.exercise.id == "knees-in"


async def tick_then_break_the_month(pilot, tracker: Tracker):
    """Tick a set, then damage this month's file behind the app's back; the file."""
    await pilot.press("space")
    await settle(pilot)
    month = tracker._store.month_path(2026, 11)
    month.write_text("{broken")
    return month


async def test_a_file_damaged_while_open_is_reported_not_overwritten(
    tracker: Tracker, data_dir
) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        month = await tick_then_break_the_month(pilot, tracker)
        app.screen.check_for_changes()
        await pilot.pause()
        assert any(str(month) in str(n.message) for n in app._notifications)
        assert month.read_text() == "{broken"
        app.screen.check_for_changes()  # reported once, no crash
        await pilot.pause()


async def test_calendar_and_progress_on_a_file_damaged_while_open_say_so(
    tracker: Tracker, data_dir
) -> None:
    """Issue 15.7: `c` and `g` after a month file went bad: a message, Today again, no crash."""
    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        month = await tick_then_break_the_month(pilot, tracker)
        for key in ("c", "g"):
            app._notifications.clear()
            await pilot.press(key)
            await settle(pilot)
            assert app.is_running and isinstance(app.screen, TodayScreen)
            assert any(str(month) in str(n.message) for n in app._notifications)
            assert any("isotrack doctor" in str(n.message) for n in app._notifications)
        assert month.read_text() == "{broken"


async def test_export_action_writes_a_complete_json_file(tracker: Tracker, data_dir) -> None:
    import json

    app = IsotrackApp(tracker)
    async with app.run_test() as pilot:
        await pilot.press("space")
        await settle(pilot)
        await app.run_action("export")
        await settle(pilot)
    (path,) = (data_dir / "exports").glob("isotrack-export-2026-11-21.json")
    doc = json.loads(path.read_text())
    assert "knees" not in path.name and doc  # a real export, not an empty file
    assert path.stat().st_mode & 0o777 == 0o600
    assert "push-pull-a" in path.read_text()


async def test_a_rest_day_names_the_next_training_day_and_offers_no_timer(
    tracker: Tracker,
) -> None:
    from isotrack.domain.schedule import Schedule

    tracker.set_schedule(Schedule.parse("mon,wed,fri"))  # the clock's day is a Saturday
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        text = str(screen.query_one("#exercises", OptionList).get_option_at_index(0).prompt)
        assert "Rest day" in text and "Next training day: Monday 23 November" in text
        await pilot.press("enter", "space")
        await settle(pilot)
        assert app.screen is screen and tracker.day().sets == ()


@pytest.mark.parametrize(("answer", "skipped", "sets"), [("y", None, 1), ("n", "", 0)])
async def test_ticking_a_skipped_day_asks_to_clear_the_skip(
    tracker: Tracker, answer: str, skipped: str | None, sets: int
) -> None:
    tracker.skip()
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("space")
        await settle(pilot)
        assert "Clear the skip mark" in str(app.screen.query_one("#question-text").render())
        await pilot.press(answer)
        await settle(pilot)
        assert tracker.day().skipped == skipped and len(tracker.day().sets) == sets


async def test_a_set_ticked_after_the_day_start_is_named_with_its_day(
    tracker: Tracker, clock: FakeClock
) -> None:
    clock.set(NOW.replace(day=22, hour=3, minute=50))  # Sunday 03:50: still Saturday
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        clock.set(NOW.replace(day=22, hour=4, minute=5))  # the session ran past 04:00
        await pilot.press("space")
        await settle(pilot)
        assert len(tracker.day(date(2026, 11, 21)).sets) == 1
        titles = [n.title for n in app._notifications]
        assert "Saved to Saturday" in titles
