"""The pain dialog on Today: `p`, digit keys, refusing out-of-range input, saving."""

from __future__ import annotations

from datetime import timedelta

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, RadioSet, Static

from isotrack.clock import FakeClock
from isotrack.domain.records import PainKind
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.pain import PainDialog, ScoreInput
from isotrack.ui.screens.safety import SafetyScreen
from isotrack.ui.screens.today import TodayScreen
from tests.pilot_helpers import settle


async def open_dialog(pilot: Pilot) -> PainDialog:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PainDialog)
    return dialog


def score_text(dialog: PainDialog) -> str:
    return dialog.query_one("#pain-score", ScoreInput).value


def help_text(dialog: PainDialog) -> str:
    return str(dialog.query_one("#pain-score-help", Static).render())


async def test_p_opens_the_dialog_and_a_digit_then_enter_saves(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        assert dialog.kind is PainKind.MORNING  # 09:30, nothing done yet
        assert dialog.query_one(RadioSet).pressed_index == 0
        await pilot.press("7")
        assert dialog.score == 7
        assert "7" in str(dialog.query_one("#pain-scale", Static).render())
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        (entry,) = tracker.day().pain
        assert (entry.score, entry.kind, entry.note, entry.red_flag) == (
            7,
            PainKind.MORNING,
            "",
            False,
        )
        assert entry.day == tracker.today()


async def test_out_of_range_input_is_refused_in_place(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press("1", "1")
        assert score_text(dialog) == "1"
        assert "from 0 to 10" in help_text(dialog)
        await pilot.press("5")
        assert score_text(dialog) == "1"
        await pilot.press("0")
        assert score_text(dialog) == "10" and dialog.score == 10
        assert "from 0 to 10" not in help_text(dialog)  # the message clears on a good key
        await pilot.press("backspace", "backspace", "enter")  # no score: refused
        await settle(pilot)
        assert app.screen is dialog and tracker.day().pain == ()
        assert "Type a score first" in help_text(dialog)
        await pilot.press("1", "0", "enter")
        await settle(pilot)
        (entry,) = tracker.day().pain
        assert entry.score == 10


async def test_keys_outside_the_field_kind_note_and_red_flag(
    tracker: Tracker, clock: FakeClock
) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press("d")  # typed in the score field, it still picks the kind
        assert dialog.kind is PainKind.DURING and score_text(dialog) == ""
        await pilot.press("shift+tab")  # back to the kind buttons, above the score
        assert isinstance(app.focused, RadioSet)
        await pilot.press("1", "0")  # outside the field: 1 then 0 makes 10
        assert dialog.score == 10
        await pilot.press("4", "a", "r")
        assert dialog.score == 4 and dialog.kind is PainKind.AFTER
        assert dialog.query_one("#pain-red-flag", Checkbox).value is True
        await pilot.press("r")
        assert dialog.query_one("#pain-red-flag", Checkbox).value is False
        dialog.query_one("#pain-note", Input).focus()
        await pilot.press(*"sat 2h")  # letters and digits go into the note
        assert dialog.score == 4 and dialog.kind is PainKind.AFTER
        await pilot.press("enter")
        await settle(pilot)
        (entry,) = tracker.day().pain
        assert (entry.score, entry.kind, entry.note) == (4, PainKind.AFTER, "sat 2h")


async def test_escape_cancels_without_writing(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_dialog(pilot)
        await pilot.press("5", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert tracker.day().pain == ()


async def test_saving_a_red_flag_shows_the_safety_notice(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        dialog = await open_dialog(pilot)
        await pilot.press("3")
        dialog.query_one("#pain-red-flag", Checkbox).value = True
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, SafetyScreen)
        assert "emergency care" in app.screen.query_one("Markdown").source.lower()
        (entry,) = tracker.day().pain
        assert entry.red_flag
        assert tracker.suggestions().red_flag


async def test_default_kind_is_during_soon_after_a_set(tracker: Tracker, clock) -> None:
    tracker.log_set("knees-in")
    clock.advance(timedelta(minutes=20).total_seconds())
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_dialog(pilot)
        assert dialog.kind is PainKind.DURING
        assert dialog.query_one(RadioSet).pressed_index == 1
