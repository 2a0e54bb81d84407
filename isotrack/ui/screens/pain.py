"""The pain dialog: kind, a 0–10 score, an optional note and the red-flag box."""

from __future__ import annotations

import re
from datetime import date
from typing import ClassVar

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, RadioButton, RadioSet, Static

from isotrack.domain.records import NOTE_LIMIT, PainEntry, PainKind
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.styles import stylesheet
from isotrack.ui.widgets.pain_scale import PainScale

SCORE_PATTERN = r"10|[0-9]|"  # what the score field may hold: empty or 0 to 10
KIND_HELP: dict[PainKind, str] = {
    PainKind.MORNING: "on waking, before exercise",
    PainKind.DURING: "the worst during the session",
    PainKind.AFTER: "after the session",
}
SCALE_HELP = "0 no pain  ·  10 the worst imaginable"
RANGE_ERROR = "A score goes from 0 to 10."
# Letter keys of the dialog; they work everywhere except in the note.
LETTER_ACTIONS: dict[str, tuple[str, str]] = {
    "m": ("kind('morning')", "Morning"),
    "d": ("kind('during')", "During"),
    "a": ("kind('after')", "After"),
    "r": ("red_flag", "Warning sign"),
}


class ScoreInput(Input):
    """The score field: it refuses any keystroke that would leave 0–10, and says so.

    The dialog's letter keys pass through to the dialog.
    """

    class Refused(Message):
        """A keystroke was refused."""

    class Letter(Message):
        """One of the dialog's letter keys was pressed here."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    async def _on_key(self, event: events.Key) -> None:
        if event.character in LETTER_ACTIONS:
            event.stop()
            event.prevent_default()
            self.post_message(self.Letter(event.character))

    def restricted(self) -> None:
        self.app.bell()
        self.post_message(self.Refused())


class PainDialog(ModalScreen[PainEntry | None]):
    """Record a pain score for ``day``, or correct ``entry``; dismisses with the saved entry
    (None if cancelled). A red flag is withdrawn from the day's pain list, not here."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "pain.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
        *(Binding(str(n), f"digit({n})", show=False) for n in range(10)),
        *(Binding(key, action, text, show=False) for key, (action, text) in LETTER_ACTIONS.items()),
    ]

    app = getters.app(AppBase)

    def __init__(self, day: date, entry: PainEntry | None = None, title: str | None = None) -> None:
        super().__init__()
        self.day = day
        self.entry = entry
        self.kind = entry.kind if entry else self.app.tracker.default_pain_kind(day)
        verb = "Correct pain" if entry else "Record pain"
        self.title_text = title or f"{verb}  ·  {day:%A %d %B}"

    def compose(self) -> ComposeResult:
        with Vertical(id="pain-box", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            with Horizontal(classes="pain-row"):
                yield Label("When", classes="pain-label")
                with RadioSet(id="pain-kind"):
                    for kind in PainKind:
                        yield RadioButton(kind.value.capitalize(), value=kind is self.kind)
            yield Static(KIND_HELP[self.kind], id="pain-kind-help", classes="pain-help")
            with Horizontal(classes="pain-row"):
                yield Label("Score", classes="pain-label")
                yield ScoreInput(
                    id="pain-score",
                    placeholder="0–10",
                    restrict=SCORE_PATTERN,
                    max_length=2,
                    select_on_focus=False,
                )
                yield PainScale(id="pain-scale")
            yield Static(SCALE_HELP, id="pain-score-help", classes="pain-help")
            with Horizontal(classes="pain-row"):
                yield Label("Note", classes="pain-label")
                yield Input(
                    self.entry.note if self.entry else "",
                    id="pain-note",
                    placeholder="optional",
                    max_length=NOTE_LIMIT,
                )
            yield Checkbox(
                "Warning sign: one of the red flags in the safety notice",
                id="pain-red-flag",
                disabled=self.entry is not None,
            )
            yield Static(
                "enter save · esc cancel · tab next field · outside a field: 0–9 score, "
                "m/d/a kind, r warning sign",
                id="pain-keys",
            )

    def on_mount(self) -> None:
        field = self.query_one("#pain-score", ScoreInput)
        if self.entry is not None:
            field.value = str(self.entry.score)
            self.query_one("#pain-red-flag", Checkbox).display = False
        field.focus()
        self.query_one("#pain-scale", PainScale).show(self.score)

    # -- the score -------------------------------------------------------------------------

    @property
    def score(self) -> int | None:
        """The score typed so far (None while empty)."""
        text = self.query_one("#pain-score", ScoreInput).value
        return int(text) if re.fullmatch(r"10|[0-9]", text) else None

    def show_score_help(self, error: str = "") -> None:
        """The line under the score: the scale's meaning, or why input was refused."""
        help_line = self.query_one("#pain-score-help", Static)
        help_line.update(error or SCALE_HELP)
        help_line.set_class(bool(error), "-error")

    @on(Input.Changed, "#pain-score")
    def score_changed(self) -> None:
        self.query_one("#pain-scale", PainScale).show(self.score)
        self.show_score_help()

    @on(ScoreInput.Refused)
    def score_refused(self) -> None:
        self.show_score_help(f"{RANGE_ERROR} Delete the digit first to type another.")

    def action_digit(self, digit: int) -> None:
        """A digit typed outside the score field sets the score (1 then 0 makes 10)."""
        field = self.query_one("#pain-score", ScoreInput)
        field.value = "10" if field.value == "1" and digit == 0 else str(digit)
        field.cursor_position = len(field.value)

    # -- kind and red flag -----------------------------------------------------------------

    @on(ScoreInput.Letter)
    async def letter_in_score(self, event: ScoreInput.Letter) -> None:
        await self.run_action(LETTER_ACTIONS[event.key][0])

    def action_kind(self, kind: str) -> None:
        """Choose the kind by key."""
        index = [k.value for k in PainKind].index(kind)
        self.query(RadioButton)[index].value = True

    @on(RadioSet.Changed, "#pain-kind")
    def kind_changed(self, event: RadioSet.Changed) -> None:
        self.kind = list(PainKind)[event.index]
        self.query_one("#pain-kind-help", Static).update(KIND_HELP[self.kind])

    def action_red_flag(self) -> None:
        """Toggle the warning-sign box (not when correcting an entry)."""
        box = self.query_one("#pain-red-flag", Checkbox)
        if not box.disabled:
            box.toggle()

    # -- saving ----------------------------------------------------------------------------

    async def action_save(self) -> None:
        """Save the entry (refused in place without a score)."""
        score = self.score
        if score is None:
            self.show_score_help(f"Type a score first. {RANGE_ERROR}")
            self.query_one("#pain-score", ScoreInput).focus()
            return
        note = self.query_one("#pain-note", Input).value
        tracker = self.app.tracker
        try:
            if self.entry is not None:
                entry = await self.app.write(
                    tracker.edit_pain, self.entry.id, "app", score=score, kind=self.kind, note=note
                )
            else:
                red_flag = self.query_one("#pain-red-flag", Checkbox).value
                entry = await self.app.write(
                    tracker.add_pain, score, self.kind, self.day, note, red_flag
                )
        except NotSaved:
            return  # the dialog stays open with what was typed
        self.dismiss(entry)

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
