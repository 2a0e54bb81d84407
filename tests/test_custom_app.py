"""Own exercises in the app: made in Settings, then on Today, in the timer and the calendar."""

from __future__ import annotations

from textual.widgets import Checkbox, Input, Static, TextArea

from isotrack.clock import FakeClock
from isotrack.domain.custom import ExerciseSpec
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.calendar import sets_text
from isotrack.ui.screens.exercise_form import ExerciseForm
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from tests.pilot_helpers import settle
from tests.test_timer_screen import LINGER_SECONDS, advance, open_timer, today_row

ID = "glute-bridge-hold"


def glute(tracker: Tracker) -> None:
    tracker.add_exercise(
        ExerciseSpec(
            name="Glute bridge hold",
            sets=2,
            reps=8,
            hold=10,
            cues=("Squeeze the glutes, ribs down",),
        )
    )


async def test_an_exercise_made_in_settings_joins_the_routine(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        settings = app.screen
        assert isinstance(settings, SettingsScreen)
        settings.query_one("#new-exercise").press()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExerciseForm)
        await pilot.press(*"Glute bridge hold")
        form.query_one("#form-cues", TextArea).text = "Squeeze the glutes, ribs down"
        form.query_one("#form-sets", Input).value = "2"
        form.query_one("#form-reps", Input).value = "8"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is settings
        await settle(pilot)
        assert "added" in str(settings.query_one("#routine-message", Static).render())
        assert tracker.exercise(ID).sets == 2
        box = settings.query_one(f"#in-{ID}", Checkbox)
        assert app.screen.focused is box
        await pilot.press("space")
        await settle(pilot)
        assert ID in tracker.program().routine_on(tracker.today())
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "Glute bridge hold" in today_row(pilot, ID)


async def test_editing_in_settings_is_checked_and_applies_from_today(tracker: Tracker) -> None:
    glute(tracker)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        app.screen.query_one(f"#edit-{ID}").press()
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ExerciseForm)
        form.query_one("#form-name", Input).value = "Superman"
        await pilot.pause()
        assert "already used by superman" in str(form.query_one("#form-message").render())
        form.query_one("#form-name", Input).value = "Bridge [hold]"
        form.query_one("#form-hold", Input).value = "12"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, SettingsScreen)
        assert str(app.screen.query_one(f"#in-{ID}", Checkbox).label) == "Bridge [hold]"
    assert (tracker.exercise(ID).name, tracker.exercise(ID).hold) == ("Bridge [hold]", 12)


async def test_the_timer_runs_an_own_exercise_and_the_calendar_counts_it(
    tracker: Tracker, clock: FakeClock
) -> None:
    glute(tracker)
    tracker.set_routine((ID,))
    tracker.set_target(ID, sets=1, reps=2, hold=2)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_timer(pilot, ID)
        assert "Squeeze the glutes" in str(screen.query_one("#timer-cue", Static).render())
        await advance(pilot, clock, 3 + 2 + 3 + 2)
        await settle(pilot)
        (saved,) = tracker.day().sets
        assert (saved.exercise, saved.reps, saved.completed) == (ID, 2, True)
        await advance(pilot, clock, LINGER_SECONDS)
        await settle(pilot)
        assert "1/1" in today_row(pilot, ID)
    days, statuses = tracker.year_days(tracker.today().year)
    assert statuses[tracker.today()].level == 4
    assert tracker.current_streak() == 1
    panel = str(sets_text(statuses[tracker.today()], days[tracker.today()], tracker.program()))
    assert "Glute bridge hold" in panel and "1/1" in panel


def test_progress_shows_an_own_ladder_up_to_its_top_target(tracker: Tracker) -> None:
    from isotrack.ui.screens.progress import ladder_lines

    glute(tracker)
    tracker.set_routine((ID,))
    program, today = tracker.program(), tracker.today()
    text = str(ladder_lines(program, program.plan_for(today), today))
    assert "Glute bridge hold" in text and "3/6" in text  # 1, 3, 5 reps, then 7, 8, 2 sets
    assert "next 1 × 7 × 10 s · top 2 × 8 × 10 s" in text
