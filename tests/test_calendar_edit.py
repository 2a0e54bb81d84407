"""Editing past days from the calendar: tick, untick, note, skip, and the streak follows."""

from __future__ import annotations

from datetime import timedelta

from isotrack.clock import FakeClock
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.calendar import CalendarScreen
from isotrack.ui.widgets.streak_line import StreakLine
from tests.conftest import NOW
from tests.pilot_helpers import settle

DAYS = 10  # days of history, the last one yesterday
MISSED = 5  # days back from today: a day last week left empty


def history(tracker: Tracker, clock: FakeClock) -> None:
    """A gentle beginner routine (4 sets a day) from DAYS days ago, every day done except the
    one MISSED days back; the clock ends at NOW."""
    clock.set(NOW - timedelta(days=DAYS))
    tracker.initialise("beginner", "gentle", None, True)
    for back in range(DAYS, 0, -1):
        clock.set(NOW - timedelta(days=back))
        if back != MISSED:
            for item in tracker.plan():
                tracker.log_set(item.exercise.id)
    clock.set(NOW)


async def calendar_on(pilot, back: int) -> CalendarScreen:
    await pilot.press("c")
    await settle(pilot)
    for _ in range(back):
        await pilot.press("up")  # a day back
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CalendarScreen)
    return screen


def streak_shown(screen: CalendarScreen) -> str:
    return str(screen.query_one(StreakLine).render())


async def test_ticking_a_missed_day_last_week_mends_the_streak_and_unticking_breaks_it(
    tracker: Tracker, clock: FakeClock
) -> None:
    history(tracker, clock)
    assert tracker.current_streak() == MISSED - 1
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await calendar_on(pilot, MISSED)
        day = tracker.today() - timedelta(days=MISSED)
        assert screen.cursor == day
        assert f"Streak {MISSED - 1} days" in streak_shown(screen)
        for _ in range(4):
            await pilot.press("space")
            await settle(pilot)
        assert len(tracker.day(day).sets) == 4  # the plan in force that day: 4 × 1 set
        assert tracker.current_streak() == DAYS
        assert f"Streak {DAYS} days" in streak_shown(screen)
        await pilot.press("space")  # nothing left to tick: nothing written
        await settle(pilot)
        assert len(tracker.day(day).sets) == 4
        await pilot.press("backspace")
        await settle(pilot)
        assert len(tracker.day(day).sets) == 3
        assert f"Streak {MISSED - 1} days" in streak_shown(screen)


async def test_note_and_skip_from_the_calendar(tracker: Tracker, clock: FakeClock) -> None:
    history(tracker, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await calendar_on(pilot, MISSED)
        day = tracker.today() - timedelta(days=MISSED)
        await pilot.press("n")
        await settle(pilot)
        await pilot.press(*"flu [b]", "enter")
        await settle(pilot)
        assert tracker.day(day).note == "flu [b]"
        await pilot.press("s")
        await settle(pilot)
        assert tracker.day(day).skipped == ""
        assert tracker.current_streak() == DAYS - 1  # a skipped day neither breaks nor counts
        await pilot.press("space")  # a skipped day is not ticked
        await settle(pilot)
        assert tracker.day(day).sets == ()
        await pilot.press("s")
        await settle(pilot)
        assert tracker.day(day).skipped is None


async def test_days_before_the_first_day_and_in_the_future_are_not_changed(
    tracker: Tracker, clock: FakeClock
) -> None:
    history(tracker, clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await calendar_on(pilot, DAYS + 1)
        await pilot.press("space", "s")
        await settle(pilot)
        assert tracker.day(tracker.today() - timedelta(days=DAYS + 1)).sets == ()
        await pilot.press("home", "down", "space")
        await settle(pilot)
        assert tracker.day(tracker.today() + timedelta(days=1)).sets == ()
