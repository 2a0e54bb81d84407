"""The isotrack Textual app."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType

from isotrack.store.errors import DataError
from isotrack.tracker import Tracker
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.safety import SafetyScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.styles import stylesheets

R = TypeVar("R")


class IsotrackApp(App[None]):
    """Today's routine, the hold timer, the streak calendar and pain-guided progression."""

    TITLE = "isotrack"
    CSS_PATH: ClassVar = stylesheets()
    MODES: ClassVar = {"today": TodayScreen}
    DEFAULT_MODE = "today"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?"),
    ]

    def __init__(self, tracker: Tracker) -> None:
        super().__init__()
        self.tracker = tracker
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="isotrack-writer")
        self._pending: set[asyncio.Future[Any]] = set()

    def on_mount(self) -> None:
        theme = self.tracker.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        if not self.tracker.store.safety_acknowledged:
            self.push_screen(SafetyScreen(first_run=True))

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

    def action_help(self) -> None:
        """Show help for the current screen."""
        if isinstance(self.screen, HelpScreen):
            self.screen.dismiss()
            return
        keys = [
            (b.binding.key_display or self.get_key_display(b.binding), b.binding.description)
            for b in self.active_bindings.values()
            if b.binding.description
        ]
        self.push_screen(HelpScreen(keys))

    async def action_quit(self) -> None:
        await self.flush_writes()
        self._writer.shutdown(wait=True)
        self.exit()
