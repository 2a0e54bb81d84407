"""A whole number typed in place: Settings' target fields (sets, reps, hold).

Textual's Input costs several times a plain widget to mount (its cursor, selection, history
and four styled parts), and Settings shows three per exercise, most never edited. This field
does what a target needs and no more: it shows its number; the first digit typed after it
takes the focus replaces the number (like a fully selected Input), later digits add to it;
backspace deletes a digit; enter submits; pasted text gives its digits. It checks its text as
it changes and says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import RenderResult
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

MAX_DIGITS = 4  # every target part is at most 1000


class NumberField(Widget, can_focus=True):
    """A compact field holding a whole number, checked by ``check`` as it is typed."""

    value: reactive[str] = reactive("", init=False)

    class Changed(Message):
        """The text changed: ``error`` says why it is refused, or is None."""

        def __init__(self, field: NumberField, value: str, error: str | None) -> None:
            super().__init__()
            self.field, self.value, self.error = field, value, error

        @property
        def control(self) -> NumberField:
            return self.field

    class Done(Message):
        """The field is left with enter (Submitted) or by moving away (Blurred)."""

        def __init__(self, field: NumberField) -> None:
            super().__init__()
            self.field = field

        @property
        def control(self) -> NumberField:
            return self.field

    class Submitted(Done):
        """Enter was pressed in the field."""

    class Blurred(Done):
        """The field lost the focus."""

    def __init__(
        self,
        value: str,
        check: Callable[[str], Any],
        *,
        id: str | None = None,
        classes: str | None = None,
        disabled: bool = False,
    ) -> None:
        super().__init__(id=id, classes=classes, disabled=disabled)
        self.check = check
        self.set_reactive(NumberField.value, value)  # shown as stored: nothing to say yet
        self.fresh = False  # focused, nothing typed yet: the next digit replaces the number

    def render(self) -> RenderResult:
        if not self.has_focus:
            return Content(self.value)
        if self.fresh:
            return Content.styled(self.value, "reverse")
        return Content(self.value) + Content.styled(" ", "reverse")

    def watch_value(self, value: str) -> None:
        try:
            self.check(value)
        except ValueError as exc:
            error: str | None = str(exc)
        else:
            error = None
        self.set_class(error is not None, "-invalid")
        self.post_message(self.Changed(self, value, error))

    def on_focus(self) -> None:
        self.fresh = True
        self.refresh()

    def on_blur(self) -> None:
        self.fresh = False
        self.refresh()
        self.post_message(self.Blurred(self))

    def on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            self.post_message(self.Submitted(self))
        elif event.key == "backspace":
            self.value = "" if self.fresh else self.value[:-1]
        elif event.character is not None and event.character.isdigit():
            self.type_in(event.character)
        else:
            return
        event.stop()
        event.prevent_default()
        self.fresh = False
        self.refresh()

    def on_paste(self, event: events.Paste) -> None:
        digits = "".join(c for c in event.text if c.isdigit())
        if digits:
            self.type_in(digits)
            self.fresh = False
            self.refresh()
        event.stop()

    def type_in(self, digits: str) -> None:
        """Add digits to the number (in place of it, first thing after the focus)."""
        kept = "" if self.fresh else self.value
        self.value = (kept + digits)[:MAX_DIGITS]
