"""The command palette's isotrack entries: every screen and the main actions."""

from __future__ import annotations

from textual.command import CommandPalette, Hit

from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.palette import IsotrackCommands
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.screens.welcome import WelcomeScreen


async def first_hit(app: IsotrackApp, query: str) -> Hit:
    async for hit in IsotrackCommands(app.screen).search(query):
        return hit
    raise AssertionError(f"no palette entry for {query!r}")


async def titles(app: IsotrackApp, query: str = "") -> list[str]:
    provider = IsotrackCommands(app.screen)
    if query:
        return [str(hit.text) async for hit in provider.search(query)]
    return [str(hit.text) async for hit in provider.discover()]


async def test_every_screen_and_main_action_is_listed(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await titles(app) == [  # in palette order
            "Go to Today",
            "Go to Calendar",
            "Go to Progress",
            "Go to Settings",
            "Tick a set",
            "Start the hold timer",
            "Start routine",
            "Log pain",
            "Accept the suggestion",
            "Help",
            "Export data",
            "Report for your physiotherapist…",
        ]
        assert await titles(app, "sett") == ["Go to Settings"]


async def test_log_pain_entry_opens_the_dialog_from_another_screen(tracker: Tracker) -> None:
    from isotrack.ui.screens.pain import PainDialog

    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        pain = await first_hit(app, "log pain")
        await app.switch_mode("calendar")
        await pilot.pause()
        await pain.command()
        await pilot.pause()
        assert isinstance(app.screen, PainDialog)


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
    app = IsotrackApp(Tracker.open(data_dir, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert await titles(app) == []


def test_marked_actions_come_bases_first_in_the_order_written() -> None:
    from isotrack.ui.palette_entry import PaletteEntry, in_palette, palette_actions

    class Base:
        @in_palette("Second", "b")
        def action_second(self) -> None: ...

        @in_palette("Not an action", "x")
        def helper(self) -> None: ...

    class Screen(Base):
        @in_palette("Third", "c")
        def action_third(self) -> None: ...

        def action_unmarked(self) -> None: ...

        @in_palette("First", "a")
        def action_first(self) -> None: ...

    assert list(palette_actions(Screen)) == [
        ("second", PaletteEntry("Second", "b")),
        ("third", PaletteEntry("Third", "c")),
        ("first", PaletteEntry("First", "a")),
    ]
