"""The base of the screens the app's modes show (Calendar, Progress), kept apart from the
app's base so that the first frame, which shows Today, does not define it."""

from __future__ import annotations

from textual import getters
from textual.events import ScreenResume
from textual.screen import Screen

from isotrack.ui.app_base import AppBase


class ModeScreen(Screen[None]):
    """A screen one of the app's modes shows, which reads its data each time it is shown.

    Textual resumes a new mode's screen twice before its first frame and restyles every
    widget each time; this screen was styled as it mounted and nothing can have changed
    before it was ever left, so those first resumes keep its styles and it reads its data once.
    """

    app = getters.app(AppBase)

    def __init__(self) -> None:
        super().__init__()
        self.app.style_as_new(self)
        self._left = False  # suspended at least once (another screen was shown over it)
        self._loaded = False

    def on_screen_suspend(self) -> None:
        self._left = True

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self._left:
            event.refresh_styles = False
            if self._loaded:
                return
        self._loaded = True
        self.app.read_or_report(self.reload)

    def reload(self) -> None:
        """Read the data again and redraw (another screen or process may have changed it)."""
        raise NotImplementedError
