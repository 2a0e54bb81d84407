"""Help: the keys of the current screen, the safety notice and background facts."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Markdown, Static

from isotrack.ui.help_text import help_markdown


class HelpScreen(ModalScreen[None]):
    """A scrollable help page over the current screen."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help"),
    ]

    def __init__(self, keys: list[tuple[str, str]]) -> None:
        super().__init__()
        self.keys = keys

    def compose(self) -> ComposeResult:
        with Vertical(id="help-box", classes="dialog"):
            yield Static("isotrack help  ·  esc to close", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Markdown(help_markdown(self.keys))

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()

    async def action_dismiss(self, result: None = None) -> None:
        """Close help."""
        self.dismiss(result)
