"""The command palette's isotrack entries follow the screens and actions that exist."""

from __future__ import annotations

from typing import ClassVar

from textual.command import CommandPalette, Hit
from textual.screen import Screen

from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.commands import IsotrackCommands
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.screens.welcome import WelcomeScreen


class CalendarStub(Screen[None]):
    """A year of days."""


class TodayWithPain(TodayScreen):
    pained: ClassVar[list[bool]] = []

    def action_pain(self) -> None:
        self.pained.append(True)


class StubbedApp(IsotrackApp):
    MODES: ClassVar = {**IsotrackApp.MODES, "today": TodayWithPain, "calendar": CalendarStub}


async def first_hit(app: IsotrackApp, query: str) -> Hit:
    async for hit in IsotrackCommands(app.screen).search(query):
        return hit
    raise AssertionError(f"no palette entry for {query!r}")


async def titles(app: IsotrackApp, query: str = "") -> list[str]:
    provider = IsotrackCommands(app.screen)
    if query:
        return [str(hit.text) async for hit in provider.search(query)]
    return [str(hit.text) async for hit in provider.discover()]


class BareToday(Screen[None]):
    """Only ticks."""

    def action_tick(self) -> None:
        """Tick."""


class BareApp(IsotrackApp):
    MODES: ClassVar = {"today": BareToday, "settings": SettingsScreen}


async def test_entries_are_only_what_exists(tracker: Tracker) -> None:
    app = BareApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await titles(app)
        assert found == ["Go to Today", "Go to Settings", "Tick a set", "Help"]
        assert await titles(app, "sett") == ["Go to Settings"]


async def test_entries_appear_when_screens_and_actions_land(tracker: Tracker) -> None:
    app = StubbedApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        found = await titles(app)
        assert "Go to Calendar" in found and "Log pain" in found
        pain = await first_hit(app, "log pain")
        await app.switch_mode("settings")
        await pain.command()
        await pilot.pause()
        assert isinstance(app.screen, TodayWithPain) and TodayWithPain.pained == [True]


async def test_palette_goes_to_settings_and_ticks(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"go to settings")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SettingsScreen)
        tick = await first_hit(app, "tick a set")
        await tick.command()
        await app.flush_writes()
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert tracker.day().completed_sets("push-pull-a") == 1


async def test_no_entries_during_the_welcome(data_dir, clock) -> None:
    app = IsotrackApp(Tracker(Store.open(data_dir), clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert await titles(app) == []
