"""The isotrack Textual app."""

from __future__ import annotations

import asyncio
import importlib
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.notifications import SeverityLevel
from textual.screen import Screen

from isotrack.store.errors import DataError
from isotrack.text_safety import strip_controls
from isotrack.tracker import Tracker
from isotrack.ui.commands import IsotrackCommands
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.styles import stylesheet

R = TypeVar("R")


# Only Today is imported up front; every other screen is imported when first shown, which
# keeps start-up close to Textual's own (see the Performance section of the README).
def lazy_screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A MODES entry that imports ``isotrack.ui.screens.<module>`` on first use."""

    def make() -> Screen[Any]:
        screen_class = getattr(importlib.import_module(f"isotrack.ui.screens.{module}"), name)
        return screen_class()

    return make


def is_instance(obj: object, module: str, name: str) -> bool:
    """``isinstance(obj, module.name)`` without importing ``module``: when it was never
    imported, no object of its classes can exist."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(obj, getattr(loaded, name))


def is_help(screen: object) -> bool:
    """True for the help screen."""
    return is_instance(screen, "isotrack.ui.screens.help", "HelpScreen")


def is_text_field(widget: object) -> bool:
    """True for a widget that takes typed text."""
    return is_instance(widget, "textual.widgets._input", "Input") or is_instance(
        widget, "textual.widgets._text_area", "TextArea"
    )


# Textual's own keys on every screen, left out of help (which names tab and ctrl+q itself).
GENERIC_ACTIONS = frozenset(
    {"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit", "command_palette"}
)


class IsotrackApp(App[None]):
    """Today's routine, the hold timer, the streak calendar and pain-guided progression."""

    TITLE = "isotrack"
    CSS_PATH: ClassVar = stylesheet("app.tcss")  # each screen loads its own when shown
    MODES: ClassVar = {
        "today": TodayScreen,
        "calendar": lazy_screen("calendar", "CalendarScreen"),
        "progress": lazy_screen("progress", "ProgressScreen"),
        "settings": lazy_screen("settings", "SettingsScreen"),
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
        # Today is Textual's default screen rather than a mode's screen: it is composed with
        # the app, which paints the first frame in about half the time. It joins the modes on
        # mount, so switch_mode("today") works as before.
        self._today_screen = self._modes.pop("today")
        self._after_first_frame: list[Callable[[], object]] | None = []
        self._bounced: str | None = None  # the data problem that sent the user back to Today

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: Today."""
        return self._today_screen()

    def on_mount(self) -> None:
        self.add_mode("today", self._today_screen)
        theme = self.tracker.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        if not self.tracker.store.safety_acknowledged:
            from isotrack.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(set_up=self.tracker.store.has_program()))

    def on_ready(self) -> None:
        """The first frame is on screen: start the work that was waiting for it."""
        waiting, self._after_first_frame = self._after_first_frame or [], None
        for callback in waiting:
            callback()
        # The day's backup, if no run has taken it yet today (on a long history it reads
        # every file, so it waits for the first frame and runs in the writer thread).
        self.run_worker(self.write(self.tracker.store.backup_if_due), exit_on_error=False)

    @property
    def first_frame_shown(self) -> bool:
        """True once the first frame is on screen."""
        return self._after_first_frame is None

    def after_first_frame(self, callback: Callable[[], object]) -> None:
        """Run ``callback`` once the first frame is on screen (at once if it already is), so
        that background work such as reading the whole history never delays it."""
        if self._after_first_frame is None:
            callback()
        else:
            self._after_first_frame.append(callback)

    def watch_theme(self, theme: str) -> None:
        """Store the theme whenever it changes (Settings or the palette)."""
        if self.is_mounted and theme != self.tracker.settings.theme:
            self.run_worker(self.write(self.tracker.store.save_setting, "theme", theme))

    @property
    def setting_up(self) -> bool:
        """True while the welcome screen is open (other screens wait until it is done)."""
        return any(
            is_instance(screen, "isotrack.ui.screens.welcome", "WelcomeScreen")
            for screen in self.screen_stack
        )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`?` and `,` type into text fields; Settings opens once the welcome is done."""
        typing = is_text_field(self.focused)
        if action == "help":
            return bool(parameters) or not typing
        if action == "settings":
            return not (typing or self.setting_up or self.current_mode == "settings")
        return True

    async def action_settings(self) -> None:
        """Open Settings; going back returns to the screen it was opened from."""
        if self.current_mode == "settings" or self.setting_up:
            return
        if is_help(self.screen):
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

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast as plain text without control characters: messages name paths, exercises
        and errors, any of which may hold ``[`` or an escape sequence (``markup`` is ignored)."""
        super().notify(
            strip_controls(message),
            title=strip_controls(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    def read_or_report(self, read: Callable[[], object]) -> bool:
        """Run a screen's reading; a data file that went bad while the app was open is named in
        a message (never a crash) and the app goes back to Today, which keeps reporting it."""
        try:
            read()
        except DataError as exc:
            if str(exc) == self._bounced:  # Today echoing what just sent the user back to it
                self._bounced = None
            else:
                self.notify(
                    f"{exc}. Quit and run 'isotrack doctor'.",
                    title="Data file problem",
                    severity="error",
                    timeout=30,
                )
            if not isinstance(self.screen, TodayScreen):
                self._bounced = str(exc)
                self.switch_mode("today")
            return False
        self._bounced = None
        return True

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
        if is_help(self.screen):
            self.screen.dismiss()
            return
        keys = [
            (b.binding.key_display or self.get_key_display(b.binding), b.binding.description)
            for b in self.active_bindings.values()
            if b.binding.description
            and b.binding.action not in GENERIC_ACTIONS
            and (b.binding.show or isinstance(b.node, (App, Screen)))
        ]
        from isotrack.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(keys))

    async def action_export(self) -> None:
        """Write a complete JSON export into the data folder's ``exports/`` and say where."""
        path = await self.write(self._export)
        if path is not None:
            self.notify(f"Saved to {path}", title="Export")

    def _export(self) -> Path:
        from isotrack.store.exchange import write_export

        return write_export(self.tracker.store, self.tracker.today())

    async def action_quit(self) -> None:
        """Quit once every write is on disk; a hold timer mid-set keeps its partial set."""
        from isotrack.ui.screens.timer import TimerScreen

        for screen in self.screen_stack:
            if isinstance(screen, TimerScreen):
                await screen.stop_keeping_progress()
        await self.flush_writes()
        self._writer.shutdown(wait=True)
        self.exit()
