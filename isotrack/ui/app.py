"""The isotrack Textual app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input, TextArea

from isotrack.store.errors import DataError
from isotrack.tracker import Tracker
from isotrack.ui.commands import IsotrackCommands
from isotrack.ui.screens.calendar import CalendarScreen
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.progress import ProgressScreen
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.screens.welcome import WelcomeScreen
from isotrack.ui.styles import stylesheets

R = TypeVar("R")

# Textual's own keys on every screen, left out of help (which names tab and ctrl+q itself).
GENERIC_ACTIONS = frozenset(
    {"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit", "command_palette"}
)


class IsotrackApp(App[None]):
    """Today's routine, the hold timer, the streak calendar and pain-guided progression."""

    TITLE = "isotrack"
    CSS_PATH: ClassVar = stylesheets()
    MODES: ClassVar = {
        "today": TodayScreen,
        "calendar": CalendarScreen,
        "progress": ProgressScreen,
        "settings": SettingsScreen,
    }
    DEFAULT_MODE = "today"
    COMMANDS: ClassVar = App.COMMANDS | {IsotrackCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so they work over modal screens too; they give way to a text field.
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("f1", "help(True)", "Help", show=False, priority=True),
        Binding("comma", "settings", "Settings", key_display=",", priority=True),
    ]

    def __init__(self, tracker: Tracker) -> None:
        super().__init__()
        self.tracker = tracker
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isotrack-writer")
        self._pending: set[asyncio.Future[Any]] = set()
        self.return_mode = "today"

    def on_mount(self) -> None:
        theme = self.tracker.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        if not self.tracker.store.safety_acknowledged:
            self.push_screen(WelcomeScreen(set_up=self.tracker.store.has_program()))

    def watch_theme(self, theme: str) -> None:
        """Store the theme whenever it changes (Settings or the palette)."""
        if self.is_mounted and theme != self.tracker.settings.theme:
            self.run_worker(self.write(self.tracker.store.save_setting, "theme", theme))

    @property
    def setting_up(self) -> bool:
        """True while the welcome screen is open (other screens wait until it is done)."""
        return any(isinstance(screen, WelcomeScreen) for screen in self.screen_stack)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`?` and `,` type into text fields; Settings opens once the welcome is done."""
        typing = isinstance(self.focused, (Input, TextArea))
        if action == "help":
            return bool(parameters) or not typing
        if action == "settings":
            return not (typing or self.setting_up or self.current_mode == "settings")
        return True

    async def action_settings(self) -> None:
        """Open Settings; going back returns to the screen it was opened from."""
        if self.current_mode == "settings" or self.setting_up:
            return
        if isinstance(self.screen, HelpScreen):
            await self.pop_screen()
        self.return_mode = self.current_mode
        await self.switch_mode("settings")

    def leave_settings(self) -> None:
        """Back from Settings."""
        self.switch_mode(self.return_mode)

    async def open_mode(self, mode: str) -> None:
        """Show a screen by its mode name (Settings remembers where it was opened from)."""
        if mode == "settings":
            await self.action_settings()
        else:
            await self.switch_mode(mode)

    async def run_on_today(self, action: str) -> None:
        """Go to Today and run one of its actions there."""
        await self.switch_mode("today")
        await self.run_action(action, self.screen_stack[0])

    async def write(self, fn: Callable[..., R], *args: Any) -> R | None:
        """Run a store write in the single writer thread (in order); None if it failed."""
        future = asyncio.get_running_loop().run_in_executor(self._writer, fn, *args)
        self._pending.add(future)
        try:
            return await future
        except DataError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return None
        finally:
            self._pending.discard(future)

    async def flush_writes(self) -> None:
        """Wait until every queued write is on disk (used by tests and on exit)."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    def action_help(self, anywhere: bool = False) -> None:
        """Show help for the current screen (``anywhere``: also from a text field)."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        keys = [
            (b.binding.key_display or self.get_key_display(b.binding), b.binding.description)
            for b in self.active_bindings.values()
            if b.binding.description
            and b.binding.action not in GENERIC_ACTIONS
            and (b.binding.show or isinstance(b.node, (App, Screen)))
        ]
        self.push_screen(HelpScreen(keys))

    async def action_quit(self) -> None:
        await self.flush_writes()
        self._writer.shutdown(wait=True)
        self.exit()
