"""What screens and widgets may ask of the app: the tracker, the one writer thread, the
first-frame hooks and moving between screens.

Screens reach it typed with ``app = getters.app(AppBase)``. It imports no screen, so no screen
module imports the module that lists them all (``isotrack.ui.app``): no import cycle.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, TypeVar

from textual.app import App
from textual.notifications import SeverityLevel
from textual.screen import Screen

from isotrack.errors import DataError, InvalidInput
from isotrack.presentation.safe_text import strip_controls
from isotrack.tracker import Tracker

if TYPE_CHECKING:  # the cue players are imported when a timer first opens
    from concurrent.futures import ThreadPoolExecutor

    from isotrack.cues import Player

R = TypeVar("R")


class NotSaved(Exception):
    """A write failed; the user has already been told why (an error notification)."""


def is_instance(obj: object, module: str, name: str) -> bool:
    """``isinstance(obj, module.name)`` without importing ``module``: when it was never
    imported, no object of its classes can exist."""
    loaded = sys.modules.get(module)
    return loaded is not None and isinstance(obj, getattr(loaded, name))


def is_help(screen: object) -> bool:
    """True for the help screen."""
    return is_instance(screen, "isotrack.ui.screens.help", "HelpScreen")


class AppBase(App[None]):
    """The app's services for its screens (``IsotrackApp`` adds the screens themselves)."""

    def __init__(self, tracker: Tracker, player: Player | None = None) -> None:
        super().__init__()
        self.tracker = tracker
        self._player = player  # tests inject a fake; else made from the settings per timer
        self._writer_pool: ThreadPoolExecutor | None = None
        self._pending: set[asyncio.Future[Any]] = set()
        self.return_mode = "today"
        self._after_first_frame: list[Callable[[], object]] | None = []
        # A data problem the user was just told about (it sent them back to Today, or the
        # check after the first frame found it): the next read failing with it says nothing.
        self._bounced: str | None = None

    # -- showing untrusted text and data problems ----------------------------------------------

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
            if str(exc) == self._bounced:  # Today echoing what was just reported
                self._bounced = None
            else:
                self.report_problem(exc)
            if not is_instance(self.screen, "isotrack.ui.screens.today", "TodayScreen"):
                self._bounced = str(exc)
                self.switch_mode("today")
            return False
        self._bounced = None
        return True

    def report_problem(self, exc: DataError) -> None:
        """Name a data file that cannot be used, and what to do about it."""
        self.notify(
            f"{exc}. Quit and run 'isotrack doctor'.",
            title="Data file problem",
            severity="error",
            timeout=30,
        )

    @property
    def few_colours(self) -> bool:
        """True under NO_COLOR, on a 16-colour or a monochrome terminal: there shades and
        colours cannot carry meaning alone (heatmap levels, a box's state)."""
        if self.no_color:
            return True
        return not self.is_headless and self.console.color_system in (None, "standard", "windows")

    # -- writing ------------------------------------------------------------------------------

    @property
    def _writer(self) -> ThreadPoolExecutor:
        """The one writer thread, made when first used (after the first frame)."""
        if self._writer_pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._writer_pool = ThreadPoolExecutor(1, thread_name_prefix="isotrack-writer")
        return self._writer_pool

    async def write(self, fn: Callable[..., R], *args: Any, **keywords: Any) -> R:
        """Run a tracker write in the single writer thread (in order) and return its result.

        A data error, or a change refused (e.g. an entry removed meanwhile), is shown to the
        user and raised again as NotSaved, so a caller never mistakes it for a saved one."""
        call = partial(fn, *args, **keywords)
        future = asyncio.get_running_loop().run_in_executor(self._writer, call)
        self._pending.add(future)
        try:
            return await future
        except (DataError, InvalidInput) as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            raise NotSaved(str(exc)) from exc
        finally:
            self._pending.discard(future)

    async def flush_writes(self) -> None:
        """Wait until every queued write is on disk (used by tests and on exit)."""
        while self._pending:
            await asyncio.gather(*self._pending, return_exceptions=True)

    # -- the timer's cues ----------------------------------------------------------------------

    def cue_player(self) -> Player:
        """The player for the timer's cues, as the settings ask (voice, tones, bell, off)."""
        if self._player is not None:
            return self._player
        from isotrack.cues import cache_folder, make_player

        settings = self.tracker.settings
        return make_player(
            settings.cues,
            ring=self.bell,
            cache=cache_folder(),
            speech=settings.speech,
            volume=settings.volume,
            ring_from_thread=lambda: self.call_from_thread(self.bell),
        )

    # -- the first frame ----------------------------------------------------------------------

    def start_deferred(self) -> None:
        """The first frame is on screen: run what was waiting for it."""
        waiting, self._after_first_frame = self._after_first_frame or [], None
        for callback in waiting:
            callback()

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

    # -- moving between screens ---------------------------------------------------------------

    @property
    def setting_up(self) -> bool:
        """True while the welcome screen is open (other screens wait until it is done)."""
        return any(
            is_instance(screen, "isotrack.ui.screens.welcome", "WelcomeScreen")
            for screen in self.screen_stack
        )

    async def action_settings(self) -> None:
        """Open Settings; going back returns to the screen it was opened from."""
        if self.current_mode == "settings" or self.setting_up:
            return
        if is_help(self.screen):
            await self.pop_screen()
        self.return_mode = self.current_mode
        await self.switch_mode("settings")

    def add_stylesheets(self, paths: Iterable[str | PurePath]) -> None:
        """Add a screen's stylesheet files, each once, as Textual does when the screen is
        first shown, but without parsing every stylesheet again: a new one is parsed alone.
        (Through ``add_source``: ``Stylesheet.read`` keeps the old rule map, and after a theme
        change that styled the new screen with rules no longer in force, that is, not at all.)
        """
        for path in paths:
            key = os.path.abspath(path)  # the name Textual's own loading gives it
            if not self.stylesheet.has_source(key, ""):
                css = Path(key).read_text(encoding="utf-8")
                self.stylesheet.add_source(css, read_from=(key, ""), is_default_css=False)

    def style_as_new(self, screen: Screen[Any]) -> None:
        """Have a screen made for its first showing styled with the CSS of now as its widgets
        mount: its stylesheet added, and its CSS count the app's. (Textual otherwise parses
        all CSS again and restyles Today twice for a new mode's screen whose count lags, and
        once more for its stylesheet.)"""
        screen._css_update_count = self._css_update_count
        self.add_stylesheets(screen.css_path)

    def leave_settings(self) -> None:
        """Back from Settings."""
        self.switch_mode(self.return_mode)

    def mode_screens(self) -> Iterator[tuple[str, type[Screen[Any]]]]:
        """Each mode's name and screen class, in the app's order (the app lists its screens;
        this base knows none of them)."""
        raise NotImplementedError

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
