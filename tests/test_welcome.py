"""Pilot tests of the first run: welcome, safety notice, routine, start, then Today."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import ContentSwitcher, Input, Static

from isotrack.clock import FakeClock
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.screens.welcome import WelcomeScreen
from tests.pilot_helpers import settle


def fresh(data_dir: Path, clock: FakeClock) -> Tracker:
    return Tracker.open(data_dir, clock)


def step(app: IsotrackApp) -> str | None:
    return app.screen.query_one(ContentSwitcher).current


def rows(app: IsotrackApp) -> list[str]:
    options = app.screen.query_one("#exercises")
    return [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]


async def through_notice(app: IsotrackApp, pilot) -> None:
    """From the first step to the routine step with the keyboard."""
    await pilot.press("enter")  # "Next: the safety notice"
    assert step(app) == "safety"
    await pilot.press("tab", "enter")  # the acknowledge button
    await pilot.pause()


async def test_core_full_start_shows_exactly_that_on_today(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and step(app) == "about"
        await through_notice(app, pilot)
        assert step(app) == "routine"
        await pilot.press("down", "enter")  # Core isometrics
        await pilot.press("tab", "enter")  # Next
        assert step(app) == "start"
        await pilot.press("down", "enter")  # Full
        preview = str(app.screen.query_one("#preview", Static).render())
        assert "Superman" in preview and "3 × 10 × 5 s" in preview
        await pilot.press("tab", "tab", "enter")  # past the day start to Start
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        shown = rows(app)
        assert len(shown) == 3
        assert "Superman" in shown[0] and "3 × 10 × 5 s" in shown[0]
        assert "Side plank" in shown[1] and "3 /side × 20 s goal" in shown[1]
        assert "Pallof press" in shown[2] and "3 × 10 × 3 s /side" in shown[2]
        assert "Core isometrics" in str(app.screen.query_one("#day-title").render())
    assert tracker.safety_acknowledged
    again = IsotrackApp(fresh(data_dir, clock))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, TodayScreen)
        assert len(rows(again)) == 3


async def test_enter_alone_does_not_acknowledge_the_notice(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter", "enter", "escape", "escape", "enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen) and step(app) == "safety"


async def test_quitting_half_way_stores_nothing_and_welcomes_again(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await through_notice(app, pilot)
        assert step(app) == "routine"
    assert not tracker.safety_acknowledged
    assert not tracker.is_set_up()
    again = IsotrackApp(fresh(data_dir, clock))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, WelcomeScreen)


async def test_picking_exercises_needs_at_least_one(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await through_notice(app, pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # Pick exercises
        picks = app.screen.query_one("#pick-list")
        assert picks.display
        picks.deselect_all()
        await pilot.pause()
        await app.screen.action_next()
        await pilot.pause()
        assert step(app) == "routine"
        message = str(app.screen.query_one("#routine-message", Static).render())
        assert "at least one" in message
        picks.select("knees-out")
        picks.select("superman")
        await app.screen.action_next()
        assert step(app) == "start"
        await app.screen.finish()
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert tracker.program().routine_on(tracker.today()) == ("knees-out", "superman")
    assert [p.target.reps for p in tracker.plan()] == [5, 5]


async def test_invalid_day_start_is_refused_in_place(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await through_notice(app, pilot)
        await pilot.press("tab", "enter")
        day_start = app.screen.query_one("#day-start", Input)
        day_start.focus()
        day_start.value = "13:00"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        message = str(app.screen.query_one("#day-start-message", Static).render())
        assert "before 12:00" in message
        day_start.value = "05:30"
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert tracker.settings.day_start == "05:30"
    assert tracker.safety_acknowledged


async def test_folder_with_a_routine_only_asks_for_the_notice(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    tracker.initialise("core", "full", None, accept_safety=False)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")
        assert "step 2 of 2" in str(app.screen.query_one("#safety .step-title").render())
        await pilot.press("tab", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "3 × 10 × 5 s" in rows(app)[0]
    assert tracker.safety_acknowledged


async def test_settings_wait_until_the_welcome_is_done(data_dir, clock) -> None:
    app = IsotrackApp(fresh(data_dir, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert not isinstance(app.screen, SettingsScreen)


async def test_the_mcgill_big_three_can_be_chosen(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await through_notice(app, pilot)
        await pilot.press("down", "down", "enter")  # McGill big three
        preview = str(app.screen.query_one("#preview").render())
        assert "McGill curl-up" in preview and "Bird-dog" in preview
        await app.screen.action_next()
        await app.screen.finish()
        await settle(pilot)
    today = tracker.today()
    program = tracker.program()
    assert program.routine_on(today) == ("curl-up", "side-plank", "bird-dog")
    assert program.plan_for(today)[2].planned_sets == 2  # gentle: one set per side


async def test_pick_exercises_at_80x24_takes_the_arrows_and_reaches_next(data_dir, clock) -> None:
    from textual.widgets import Button, SelectionList

    app = IsotrackApp(fresh(data_dir, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await through_notice(app, pilot)
        await pilot.press("down", "down", "down", "down", "enter")  # Pick exercises
        await pilot.pause()
        picks = app.screen.query_one("#pick-list", SelectionList)
        assert app.focused is picks
        await pilot.press("down", "down")
        assert app.focused is picks and picks.highlighted == 2  # within the list
        await pilot.press("tab")
        await pilot.pause()
        button = app.screen.query_one("#next-routine", Button)
        assert app.focused is button and button.region.bottom <= 23  # on screen


async def test_a_folder_in_use_is_welcomed_to_explore(data_dir, clock) -> None:
    tracker = fresh(data_dir, clock)
    tracker.initialise("core", "full", None, accept_safety=False)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        intro = app.screen.query_one("#about Markdown").source
        assert "explore" in intro and "choose your exercises" not in intro
