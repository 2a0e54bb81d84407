"""The isotrack Textual app: its screens, keys and the actions that belong to no screen."""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.screen import Screen

from isotrack.errors import DataError
from isotrack.tracker import Tracker
from isotrack.ui.app_base import AppBase, NotSaved, is_help, is_instance
from isotrack.ui.palette_entry import in_palette
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.styles import stylesheet

MORNING_TITLE = "Good morning · how is your back?  (esc skips)"

if TYPE_CHECKING:  # the cue players are imported when a timer first opens
    from isotrack.cues import Player


# Only Today is imported up front; every other screen is imported when first shown, which
# keeps start-up close to Textual's own (see the Performance section of the README).
def lazy_screen(module: str, name: str) -> Callable[[], Screen[Any]]:
    """A MODES entry that imports ``isotrack.ui.screens.<module>`` on first use."""

    def make() -> Screen[Any]:
        return screen_class(module, name)()

    return make


def screen_class(module: str, name: str) -> type[Screen[Any]]:
    """A screen class of ``isotrack.ui.screens``, imported if it was not yet."""
    screen: type[Screen[Any]] = getattr(
        importlib.import_module(f"isotrack.ui.screens.{module}"), name
    )
    return screen


# The modes besides Today, as (mode, screen class); each screen's module is named for its mode.
# They are readied one at a time once the app is idle after its first frame: their code
# imported and their stylesheet added, so that the first open does not pay for either
# (Textual otherwise parses its whole stylesheet once more on that key).
READIED_SCREENS = (
    ("calendar", "CalendarScreen"),
    ("progress", "ProgressScreen"),
    ("settings", "SettingsScreen"),
)
READY_AFTER = 0.4  # seconds after the first frame: the streak line and suggestions are in


def palette_commands() -> type[Provider]:
    """The command palette's isotrack entries, imported when the palette first opens."""
    from isotrack.ui.palette import IsotrackCommands

    return IsotrackCommands


def is_text_field(widget: object) -> bool:
    """True for a widget that takes typed text."""
    return is_instance(widget, "textual.widgets._input", "Input") or is_instance(
        widget, "textual.widgets._text_area", "TextArea"
    )


# Textual's own keys on every screen, left out of help (which names tab and ctrl+q itself).
GENERIC_ACTIONS = frozenset(
    {"app.focus_next", "app.focus_previous", "screen.copy_text", "help_quit", "command_palette"}
)


class IsotrackApp(AppBase):
    """Today's routine, the hold timer, the streak calendar and pain-guided progression."""

    TITLE = "isotrack"
    CSS_PATH: ClassVar = stylesheet("app.tcss")  # each screen loads its own when shown
    MODES: ClassVar = {"today": TodayScreen} | {
        mode: lazy_screen(mode, name) for mode, name in READIED_SCREENS
    }
    DEFAULT_MODE = "today"
    COMMANDS: ClassVar = App.COMMANDS | {palette_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Priority, so they work over modal screens too; they give way to a text field.
        Binding("question_mark", "help", "Help", key_display="?", priority=True),
        Binding("f1", "help(True)", "Help", show=False, priority=True),
        # Not in the footer, which keeps ? and q visible at 80 columns; help and ctrl+p name it.
        Binding("comma", "settings", "Settings", key_display=",", priority=True, show=False),
    ]

    def __init__(
        self, tracker: Tracker, player: Player | None = None, morning_prompt: bool = False
    ) -> None:
        super().__init__(tracker, player)
        self.morning_prompt = morning_prompt  # offer morning pain at start (run_app: True)
        # Today is Textual's default screen rather than a mode's screen: it is composed with
        # the app, which paints the first frame in about half the time. It joins the modes on
        # mount, so switch_mode("today") works as before.
        self._today_screen = self._modes.pop("today")

    def mode_screens(self) -> Iterator[tuple[str, type[Screen[Any]]]]:
        """Today's screen class, then the others', each imported if it was not yet."""
        yield "today", TodayScreen
        for mode, name in READIED_SCREENS:
            yield mode, screen_class(mode, name)

    def get_default_screen(self) -> Screen[Any]:
        """The first screen: Today."""
        return self._today_screen()

    def on_mount(self) -> None:
        self.add_mode("today", self._today_screen)
        if self.few_colours:  # boxes and switches show their state in characters
            from isotrack.ui.widgets.state_marks import show_state_in_characters

            show_state_in_characters()
        theme = self.tracker.settings.theme
        if theme in self.available_themes:
            self.theme = theme
        if self.tracker.needs_welcome():
            from isotrack.ui.screens.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen(set_up=self.tracker.is_set_up()))

    def on_ready(self) -> None:
        """The first frame is on screen: start the work that was waiting for it."""
        self.set_timer(READY_AFTER, lambda: self.ready_screens(list(READIED_SCREENS)))
        self.offer_morning_score()
        self.run_worker(self.check_then_carry_on(), exit_on_error=False)

    async def check_then_carry_on(self) -> None:
        """Check every data file (opening the folder left that for after the first frame),
        then run what waited for the first frame (suggestions, streaks), then take the day's
        backup if no run has taken it yet today. The check is usually quick (the summary
        index is current) and runs here; when the index must be rebuilt (a folder copied or
        restored) it runs in the writer thread first, and the streak line then finds it
        current instead of rebuilding it as well. A file that cannot be used is named once;
        nothing is backed up over it."""
        try:
            if self.tracker.streaks_are_quick():
                self.tracker.check()
            else:
                await asyncio.get_running_loop().run_in_executor(self._writer, self.tracker.check)
        except DataError as exc:
            self.report_problem(exc)
            self._bounced = str(exc)  # Today's reads that follow would only say it again
            return
        finally:
            self.start_deferred()
        await self.write(self.tracker.backup_if_due)

    def ready_screens(self, waiting: list[tuple[str, str]]) -> None:
        """Import the next waiting screen and add its stylesheet, then let the app breathe
        before the one after (a key pressed meanwhile is handled between the two)."""
        if not waiting:
            return
        self.add_stylesheets(screen_class(*waiting.pop(0)).CSS_PATH)
        self.call_after_refresh(self.ready_screens, waiting)

    def offer_morning_score(self) -> None:
        """Before noon with no morning score yet, open the pain dialog set to morning (esc
        skips; the morning_prompt setting turns this off). Never over the welcome."""
        if not self.morning_prompt or not self.tracker.safety_acknowledged:
            return
        if self.tracker.wants_morning_score() and isinstance(self.screen, TodayScreen):
            self.screen.action_pain(MORNING_TITLE)

    def watch_theme(self, theme: str) -> None:
        """Store the theme whenever it changes (Settings or the palette)."""
        if self.is_mounted and theme != self.tracker.settings.theme:
            self.run_worker(self.write(self.tracker.save_setting, "theme", theme))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`?` and `,` type into text fields; Settings opens once the welcome is done."""
        typing = is_text_field(self.focused)
        if action == "help":
            return bool(parameters) or not typing
        if action == "settings":
            return not (typing or self.setting_up or self.current_mode == "settings")
        return True

    @in_palette("Help", "Keys, what the colours mean, how suggestions work, the safety notice")
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

    @in_palette("Export data", "Write all your data to a JSON file in the data folder")
    async def action_export(self) -> None:
        """Write a complete JSON export into the data folder's ``exports/`` and say where."""
        try:
            path = await self.write(self.tracker.save_export)
        except NotSaved:
            return
        self.notify(f"Saved to {path}", title="Export")

    @in_palette(
        "Report for your physiotherapist…",
        "A web page of your recent weeks to print or send, written to the current folder",
    )
    async def action_report(self) -> None:
        """Write the report of the last six weeks into the current folder, say where, and
        offer (never silently) to open it in a web browser."""
        try:
            path = await self.write(self._write_report)
        except NotSaved:
            return
        from isotrack.ui.screens.report import ReportSavedScreen, find_browser

        browser = await asyncio.to_thread(find_browser)
        self.push_screen(ReportSavedScreen(path, browser))

    def _write_report(self) -> Path:
        from isotrack.domain.report import period
        from isotrack.presentation.calendar_marks import week_start_number
        from isotrack.report.files import file_name, render

        tracker = self.tracker
        start, end = period(tracker.today(), None, None, None)
        week_start = week_start_number(tracker.settings.week_start)
        text = render(tracker.report_data(start, end), "html", week_start)
        try:
            folder = Path.cwd()
        except OSError as exc:
            raise DataError(".", f"the current folder cannot be used ({exc.strerror})") from None
        return tracker.save_report(folder / file_name(start, end, "html"), text)

    async def action_quit(self) -> None:
        """Quit once every write is on disk; a hold timer mid-set keeps its partial set."""
        from isotrack.ui.screens.timer import TimerScreen

        for screen in self.screen_stack:
            if isinstance(screen, TimerScreen):
                await screen.stop_keeping_progress()
        await self.flush_writes()
        self._writer.shutdown(wait=True)
        self.exit()
