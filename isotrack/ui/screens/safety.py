"""The safety notice, which a new user must acknowledge."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Markdown, Static

from isotrack.domain.safety import SAFETY_NOTICE


class SafetyScreen(ModalScreen[bool]):
    """Shows the safety notice; on first run it must be acknowledged before going on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "acknowledge", "I understand"),
        Binding("escape", "close", "Close", show=False),
    ]

    def __init__(self, first_run: bool = False) -> None:
        super().__init__()
        self.first_run = first_run

    def compose(self) -> ComposeResult:
        with Vertical(id="safety-box", classes="dialog"):
            yield Static("Before you start: safety", classes="dialog-title")
            with VerticalScroll():
                yield Markdown(SAFETY_NOTICE)
            yield Button("I have read this and understand", id="ack", variant="primary")

    def on_button_pressed(self, _event: Button.Pressed) -> None:
        self.action_acknowledge()

    def action_acknowledge(self) -> None:
        """Record the acknowledgement (first run) and close."""
        if self.first_run:
            tracker = self.app.tracker  # type: ignore[attr-defined]
            tracker.store.acknowledge_safety(tracker.clock.now())
        self.dismiss(True)

    def action_close(self) -> None:
        """Escape closes only when this is not the first-run acknowledgement."""
        if not self.first_run:
            self.dismiss(False)
