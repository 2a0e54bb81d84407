"""The safety notice shown after a red flag is recorded."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.presentation.suggestion_words import RED_FLAG_INTRO
from isotrack.ui.styles import stylesheet


class SafetyScreen(ModalScreen[None]):
    """The safety notice after a red flag, with why suggestions have stopped."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,enter", "dismiss", "Close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="safety-box", classes="dialog"):
            yield Static("Safety notice", classes="dialog-title")
            with VerticalScroll():
                yield Static(RED_FLAG_INTRO, id="safety-intro")
                yield Markdown(SAFETY_NOTICE)
            yield Button("Close", id="ack", variant="primary")

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.dismiss()

    async def action_dismiss(self, result: None = None) -> None:
        """Close the notice."""
        self.dismiss(result)
