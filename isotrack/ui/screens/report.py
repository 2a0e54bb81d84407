"""After a report is written: where it is, and an offer to open it in a web browser.

The browser opens only when the person asks; a browser that would run inside this terminal
(a text browser) is not offered, as it would take the screen from the app.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from isotrack.presentation.words import one_line
from isotrack.ui.styles import stylesheet


def find_browser() -> webbrowser.BaseBrowser | None:
    """A browser that opens a window of its own, or None (none found, or only one that
    would run in this terminal and wait)."""
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return None
    return None if type(browser) is webbrowser.GenericBrowser else browser


class ReportSavedScreen(ModalScreen[bool]):
    """Says where the report is; offers to open it. Dismissed with True when opened."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "report.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("o", "open", "Open in browser"),
        Binding("escape,enter", "close", "Close"),
    ]

    def __init__(self, path: Path, browser: webbrowser.BaseBrowser | None) -> None:
        super().__init__()
        self.path = path
        self.browser = browser

    def compose(self) -> ComposeResult:
        with Vertical(id="report-box", classes="dialog"):
            yield Static("Report saved", classes="dialog-title")
            yield Static(Content(f"Saved to {one_line(str(self.path))}"), id="report-path")
            hint = (
                "Open it in a browser to read it, print it or save it as a PDF."
                if self.browser
                else "No web browser was found here: open the file on a computer with one."
            )
            yield Static(hint, id="report-hint")
            with Horizontal(id="report-buttons"):
                if self.browser is not None:
                    yield Button("Open in browser (o)", id="open", variant="primary")
                yield Button("Close", id="close")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "open":
            self.action_open()
        else:
            self.action_close()

    def action_open(self) -> None:
        """Open the report in the browser (only on the person's request)."""
        if self.browser is None:
            return
        opened = self.browser.open(self.path.as_uri())
        if not opened:
            self.app.notify("The browser did not open; open the file yourself.", severity="warning")
        self.dismiss(bool(opened))

    def action_close(self) -> None:
        """Close without opening anything."""
        self.dismiss(False)
