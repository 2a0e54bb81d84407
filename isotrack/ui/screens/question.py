"""A yes/no question in a small dialog (y or enter: yes; n or escape: no)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from isotrack.ui.styles import stylesheet


class QuestionDialog(ModalScreen[bool]):
    """Ask one question; dismissed with True for yes."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]
    DEFAULT_CSS = """
    QuestionDialog { align: center middle; }
    #question-box { width: 64; max-width: 100%; height: auto; }
    #question-text { margin: 1 1 0 1; }
    #question-buttons { height: auto; margin: 1 0 0 0; }
    #question-buttons Button { width: 1fr; margin: 0 1; }
    """

    def __init__(self, title: str, question: str, yes: str, no: str = "No") -> None:
        super().__init__()
        self.title_text, self.question, self.yes, self.no = title, question, yes, no

    def compose(self) -> ComposeResult:
        with Vertical(id="question-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            yield Static(self.question, id="question-text", markup=False)
            with Horizontal(id="question-buttons"):
                yield Button(f"{self.yes} (y)", id="yes", variant="primary")
                yield Button(f"{self.no} (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)
