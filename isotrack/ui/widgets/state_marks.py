"""Check boxes, radio buttons and switches that show their state in characters.

Textual draws a box's ``X``, a radio button's dot and a switch's slider in every state and
tells on from off by colour alone. Under NO_COLOR, on a 16-colour or a monochrome terminal
that difference can vanish, so there a box or a button off is drawn empty and a switch
reads "on" or "off". Textual offers no setting for this: an app on such a terminal swaps in
these drawings once, and they apply only to apps whose ``few_colours`` is true.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widgets import Switch
from textual.widgets._toggle_button import ToggleButton


def show_state_in_characters() -> None:
    """Draw an unchecked box or radio button empty and a switch as "on"/"off"."""
    if getattr(ToggleButton, "_isotrack_marks", False):
        return
    drawn, slider = ToggleButton._button, Switch.render

    def button(self: ToggleButton) -> Content:
        if self.value or not getattr(self.app, "few_colours", False):
            self.__dict__.pop("BUTTON_INNER", None)  # the class's own mark
        else:
            self.BUTTON_INNER = " "
        return drawn.fget(self)  # type: ignore[attr-defined]

    def switch(self: Switch) -> RenderResult:
        if not getattr(self.app, "few_colours", False):
            return slider(self)
        return Content.styled(" on " if self.value else "off ", "bold" if self.value else "dim")

    ToggleButton._button = property(button)  # type: ignore[method-assign,assignment]
    Switch.render = switch  # type: ignore[method-assign,assignment]
    ToggleButton._isotrack_marks = True  # type: ignore[attr-defined]
