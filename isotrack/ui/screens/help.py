"""Help: the keys of the current screen, the safety notice and background facts."""

from __future__ import annotations

from typing import ClassVar

from rich.markdown import Markdown as RichMarkdown
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from isotrack.ui.help_text import help_sections
from isotrack.ui.styles import stylesheet


class HelpScreen(ModalScreen[None]):
    """A scrollable help page over the current screen."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static("isotrack help  ·  esc to close", classes="dialog-title")
            # Rich's Markdown in one widget per section: Textual's Markdown widget builds one
            # widget per block (hundreds here), which made the first open take seconds. The
            # first two sections show at once, the background ones right after.
            first, *rest = help_sections(self.keys)
            with VerticalScroll(id="help-scroll"):
                yield Static(RichMarkdown(first), classes="help-section")
            self._rest = rest

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()
        self.call_after_refresh(self.add_the_rest)

    def add_the_rest(self) -> None:
        """Add the sections below the first screenful."""
        sections = [Static(RichMarkdown(text), classes="help-section") for text in self._rest]
        self.query_one("#help-scroll").mount_all(sections)

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)
