"""The day's pain entries, to correct or remove (design §3), and the immediate-response dialog.

Removing an entry asks for confirmation; withdrawing a red flag asks the user to type that it
was recorded by mistake, and the withdrawal stays in the entry's history.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from rich.markup import escape
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from isotrack.domain.pain_response import Response
from isotrack.domain.records import PainEntry
from isotrack.presentation.pain_words import RESPONSE_TITLES, RESPONSES, pain_line
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.styles import stylesheet

WITHDRAW_WORD = "mistake"  # typed to confirm that a red flag was recorded by mistake


class ResponseDialog(ModalScreen[None]):
    """What a pain score calls for at once; it stays until the user closes it."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "pain.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter,escape", "close", "Close")]

    def __init__(self, response: Response) -> None:
        super().__init__()
        self.response = response

    def compose(self) -> ComposeResult:
        with Vertical(id="response-box", classes="dialog"):
            yield Static(RESPONSE_TITLES[self.response], classes="dialog-title")
            yield Static(RESPONSES[self.response], id="response-text")
            yield Static("enter or esc close", classes="pain-help")

    def action_close(self) -> None:
        """Close the message."""
        self.dismiss(None)


class ConfirmDialog(ModalScreen[bool]):
    """A yes/no question; ``y`` confirms, ``n`` or esc declines."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "pain.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static(escape(self.question), id="confirm-text")
            yield Static("y yes · n no", classes="pain-help")

    def action_answer(self, yes: bool) -> None:
        """Close with the answer."""
        self.dismiss(yes)


class WithdrawDialog(ModalScreen[bool]):
    """Withdraw a red flag only when the user types that it was recorded by mistake."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "pain.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-box", classes="dialog"):
            yield Static("Withdraw this warning sign?", classes="dialog-title")
            yield Static(
                "Only if it was recorded by mistake. The entry keeps a note that it was "
                "withdrawn, and suggestions start again. If the warning sign is real, please "
                f"keep it and read the safety notice. Type '{WITHDRAW_WORD}' and press enter.",
                id="confirm-text",
            )
            yield Input(id="withdraw-word", placeholder=WITHDRAW_WORD, max_length=20)
            yield Static("esc cancel", id="withdraw-help", classes="pain-help")

    def on_mount(self) -> None:
        self.query_one("#withdraw-word", Input).focus()

    @on(Input.Submitted, "#withdraw-word")
    def submitted(self, event: Input.Submitted) -> None:
        if event.value.strip().lower() == WITHDRAW_WORD:
            self.dismiss(True)
            return
        help_line = self.query_one("#withdraw-help", Static)
        help_line.update(f"Type '{WITHDRAW_WORD}' to withdraw it, or press esc to keep it.")
        help_line.add_class("-error")

    def action_cancel(self) -> None:
        """Keep the red flag."""
        self.dismiss(False)


class PainLogDialog(ModalScreen[bool]):
    """The pain entries of one day: e edit, x remove, w withdraw a red flag.

    Dismisses with True when anything changed.
    """

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "pain.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "edit", "Edit"),
        Binding("x,delete", "delete", "Remove"),
        Binding("w", "withdraw", "Withdraw red flag"),
        Binding("escape,q", "close", "Close"),
    ]

    app = getters.app(AppBase)

    def __init__(self, day: date) -> None:
        super().__init__()
        self.day = day
        self.entries: list[PainEntry] = []
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-log-box", classes="dialog"):
            yield Static(f"Pain entries  ·  {self.day:%A %d %B}", classes="dialog-title")
            yield OptionList(id="pain-entries")
            yield Static(
                "e edit · x remove · w withdraw a warning sign · esc close", classes="pain-help"
            )

    def on_mount(self) -> None:
        self.load()

    def load(self) -> None:
        """Read the day's entries again and list them."""
        self.entries = list(self.app.tracker.day(self.day).pain)
        options = self.query_one("#pain-entries", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if not self.entries:
            options.add_option(Option("No pain recorded on this day.", disabled=True))
            return
        options.add_options([Option(escape(pain_line(p)), id=p.id) for p in self.entries])
        options.highlighted = min(highlighted or 0, len(self.entries) - 1)
        options.focus()

    def current(self) -> PainEntry | None:
        index = self.query_one("#pain-entries", OptionList).highlighted
        return None if index is None or index >= len(self.entries) else self.entries[index]

    def action_edit(self) -> None:
        """Correct the highlighted entry's score, kind or note."""
        entry = self.current()
        if entry is None:
            return
        from isotrack.ui.screens.pain import PainDialog

        def saved(result: PainEntry | None) -> None:
            if result is not None:
                self.changed = True
                self.load()

        self.app.push_screen(PainDialog(self.day, entry), saved)

    def action_delete(self) -> None:
        """Remove the highlighted entry after a confirmation."""
        entry = self.current()
        if entry is None:
            return
        if entry.red_flag:
            self.notify("Withdraw the warning sign first (w) if it was a mistake.", title="Pain")
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.change(self.app.tracker.delete_pain, entry.id)

        self.app.push_screen(ConfirmDialog(f"Remove {pain_line(entry)}?"), answered)

    def action_withdraw(self) -> None:
        """Withdraw the highlighted entry's red flag after a typed confirmation."""
        entry = self.current()
        if entry is None or not entry.red_flag:
            self.notify("This entry has no warning sign to withdraw.", title="Pain")
            return

        async def answered(yes: bool | None) -> None:
            if yes:
                await self.change(self.app.tracker.withdraw_red_flag, entry.id, "app")

        self.app.push_screen(WithdrawDialog(), answered)

    async def change(self, write, *args: object) -> None:
        try:
            await self.app.write(write, *args)
        except NotSaved:
            return
        self.changed = True
        self.load()

    def action_close(self) -> None:
        """Close the list."""
        self.dismiss(self.changed)
