"""The morning-pain offer when the app opens before noon without a morning score."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import Static, Switch

from isotrack.clock import FakeClock
from isotrack.domain.records import PainKind
from isotrack.tracker import Tracker
from isotrack.ui.app import MORNING_TITLE, IsotrackApp
from isotrack.ui.screens.pain import PainDialog
from isotrack.ui.screens.today import TodayScreen
from tests.pilot_helpers import settle


async def test_before_noon_the_app_offers_a_morning_score_and_saves_it(tracker) -> None:
    app = IsotrackApp(tracker, morning_prompt=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        dialog = app.screen
        assert isinstance(dialog, PainDialog) and dialog.kind is PainKind.MORNING
        assert str(dialog.query_one(".dialog-title", Static).render()) == MORNING_TITLE
        await pilot.press("3", "enter")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    (entry,) = tracker.day().pain
    assert (entry.kind, entry.score) == (PainKind.MORNING, 3)
    assert not tracker.wants_morning_score()  # asked once a day at most


async def test_one_key_skips_it(tracker) -> None:
    app = IsotrackApp(tracker, morning_prompt=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, PainDialog)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert tracker.day().pain == ()


def test_no_offer_after_noon_with_a_morning_score_or_with_the_setting_off(
    tracker: Tracker, clock: FakeClock
) -> None:
    assert tracker.wants_morning_score()  # 09:30
    clock.advance(timedelta(hours=3).total_seconds())
    assert not tracker.wants_morning_score()  # 12:30
    clock.advance(-timedelta(hours=3).total_seconds())
    tracker.save_setting("morning_prompt", "off")
    assert not tracker.wants_morning_score()
    tracker.save_setting("morning_prompt", "on")
    tracker.add_pain(2, PainKind.AFTER)
    assert tracker.wants_morning_score()  # an after score is not a morning score
    tracker.add_pain(2, PainKind.MORNING)
    assert not tracker.wants_morning_score()


async def test_the_setting_is_a_switch_in_settings(tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("comma")
        await settle(pilot)
        switch = app.screen.query_one("#morning_prompt", Switch)
        assert switch.value is True
        switch.value = False
        await settle(pilot)
        await app.flush_writes()
    assert tracker.settings.morning_prompt is False


async def test_the_app_opened_by_tests_and_tools_does_not_ask(tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
