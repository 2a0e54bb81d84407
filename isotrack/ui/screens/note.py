"""The note dialog: one line of free text for a day, saved on enter."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from isotrack.tracker import MAX_NOTE
from isotrack.ui.styles import stylesheet


class NoteDialog(ModalScreen[str | None]):
    """Edit a day's note: enter saves (empty clears it), escape leaves it as it was."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    DEFAULT_CSS = """
    NoteDialog { align: center middle; }
    #note-box { width: 78; max-width: 100%; height: auto; }
    #note-box Input { margin: 1 0 0 0; }
    #note-hint { color: $text-muted; margin: 1 1 0 1; }
    """

    def __init__(self, day: date, note: str) -> None:
        super().__init__()
        self.day = day
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box", classes="dialog"):
            yield Static(f"Note for {self.day:%A %d %B %Y}", classes="dialog-title")
            yield Input(self.note, id="note", max_length=MAX_NOTE, placeholder="a few words")
            yield Static("enter saves (empty clears the note)  ·  esc cancels", id="note-hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)

    def action_cancel(self) -> None:
        """Close without changing the note."""
        self.dismiss(None)
