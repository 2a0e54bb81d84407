"""The pain log in the app: today's entries, corrections with confirmation, typed withdrawal of
a red flag, immediate responses that stay, and dismissals shared with the CLI."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList, Static

from isotrack.clock import FakeClock
from isotrack.domain.records import PainKind
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.pain import PainDialog
from isotrack.ui.screens.pain_log import ConfirmDialog, PainLogDialog, ResponseDialog
from isotrack.ui.screens.today import TodayScreen
from tests.pilot_helpers import settle
from tests.test_suggest_today import SURGE, build_history, highlight, row


def pain_today(app: IsotrackApp) -> str:
    return str(app.screen.query_one("#day-progress-label", Static).render())


async def test_today_shows_the_entries_and_l_corrects_and_removes(tracker: Tracker) -> None:
    tracker.add_pain(4, PainKind.MORNING, note="stiff")
    tracker.add_pain(3, PainKind.AFTER)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "pain morning 4, after 3 (l)" in pain_today(app)
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PainLogDialog)
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("e")  # correct the first: the dialog opens filled in
        await pilot.pause()
        assert isinstance(app.screen, PainDialog)
        assert app.screen.query_one("#pain-note", Input).value == "stiff"
        await pilot.press("backspace", "6", "enter")
        await settle(pilot)
        assert isinstance(app.screen, PainLogDialog)
        first, _ = tracker.day().pain
        assert first.score == 6 and first.history[0].by == "app"
        await pilot.press("down", "x")  # remove the second, after a confirmation
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("n")
        await settle(pilot)
        assert len(tracker.day().pain) == 2
        await pilot.press("x", "y")
        await settle(pilot)
        assert [p.id for p in tracker.day().pain] == [first.id]
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "pain morning 6 (l)" in pain_today(app) and "after" not in pain_today(app)


async def test_a_red_flag_is_withdrawn_only_by_typing_mistake(tracker: Tracker) -> None:
    tracker.initialise("beginner", "gentle", None, True)
    tracker.add_pain(5, PainKind.MORNING, red_flag=True)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l", "x")  # a red flag cannot simply be removed
        await pilot.pause()
        assert isinstance(app.screen, PainLogDialog)
        await pilot.press("w")
        await pilot.pause()
        await pilot.press(*"oops", "enter")
        await pilot.pause()
        assert tracker.day().pain[0].red_flag  # the wrong word withdraws nothing
        await pilot.press(*["backspace"] * 4, *"mistake", "enter")
        await settle(pilot)
        (entry,) = tracker.day().pain
        assert not entry.red_flag and entry.withdrawn_red_flag
        assert not tracker.suggestions().red_flag


async def test_during_pain_above_5_opens_a_message_that_stays_until_closed(
    tracker: Tracker, clock: FakeClock
) -> None:
    build_history(tracker, clock, [3] * 10)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("p", "d", "8", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ResponseDialog)
        text = str(app.screen.query_one("#response-text", Static).render())
        assert "Stop this exercise for today" in str(app.screen.query(Static)[0].render())
        assert "one step easier" in text and "see a clinician" in text
        clock.advance(60)
        await pilot.pause()
        await pilot.press("space", "p")  # other keys do not close it
        await pilot.pause()
        assert isinstance(app.screen, ResponseDialog)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "▲" not in row(pilot, "knees-in")  # a red day today: no step up today


async def test_a_dismissal_in_the_app_is_read_by_the_cli_until_a_new_red_day(
    tracker: Tracker, clock: FakeClock, cli
) -> None:
    build_history(tracker, clock, SURGE)

    def offered() -> dict[str, bool]:
        code, out, _ = cli("suggest", "--json")
        assert code == 0
        return {s["exercise"]: s["offered"] for s in json.loads(out)["suggestions"]}

    assert offered()["knees-in"] is True
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        highlight(pilot, "knees-in")
        await pilot.press("d")
        await settle(pilot)
    assert offered() == {
        "push-pull-a": True,
        "push-pull-b": True,
        "knees-in": False,
        "knees-out": True,
    }
    out = cli("suggest")[1]
    assert "Dismissed; it comes back within 7 days" in out
    tracker.add_pain(7, PainKind.DURING)  # a new red day: it is offered again, with its reason
    assert offered()["knees-in"] is True
    out = cli("suggest")[1]
    assert "averaged" in out.split("Knees-in press")[1]
