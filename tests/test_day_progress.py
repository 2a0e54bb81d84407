"""Today's progress line is one light widget that must look exactly like the Textual
ProgressBar it replaced (a bar across the width and the percentage, no ETA)."""

from __future__ import annotations

from typing import ClassVar

import pytest
from rich.color import ColorSystem
from rich.style import Style
from textual.app import App, ComposeResult
from textual.widgets import ProgressBar

from isotrack.ui.widgets.day_progress import DayProgress

TRUECOLOR = ColorSystem.TRUECOLOR
CSS = "#line { padding: 0 2; height: 1; } #line Bar { width: 1fr; }"


class Line(App[None]):
    """One progress line, ``done`` of ``total``."""

    CSS: ClassVar[str] = CSS

    def __init__(self, total: int, done: int) -> None:
        super().__init__()
        self.total, self.done = total, done


class Reference(Line):
    """Textual's ProgressBar as Today used to show it."""

    def compose(self) -> ComposeResult:
        yield ProgressBar(self.total, id="line", show_eta=False)

    def on_mount(self) -> None:
        self.query_one(ProgressBar).update(progress=self.done)


class Light(Line):
    """The same line drawn by DayProgress."""

    def compose(self) -> ComposeResult:
        yield DayProgress(id="line")

    def on_mount(self) -> None:
        self.query_one(DayProgress).update(self.total, self.done)


async def screen(app: Line, width: int) -> list[str]:
    """Every cell of the app's first line as the terminal gets it: the character in its
    colours and attributes."""
    async with app.run_test(size=(width, 3)) as pilot:
        await pilot.pause()
        strip = app.screen._compositor.render_strips()[0]
        return [
            (s.style or Style()).render(c, color_system=TRUECOLOR) for s in strip for c in s.text
        ]


@pytest.mark.parametrize("width", [80, 103])
@pytest.mark.parametrize(
    ("done", "total"), [(0, 1), (1, 9), (2, 9), (4, 9), (8, 9), (9, 9), (3, 7)]
)
async def test_the_line_looks_like_textuals_progress_bar(done: int, total: int, width: int) -> None:
    assert await screen(Light(total, done), width) == await screen(Reference(total, done), width)


async def test_a_change_redraws_the_line() -> None:
    app = Light(4, 1)
    async with app.run_test(size=(80, 3)) as pilot:
        line = app.query_one(DayProgress)
        line.update(4, 4)
        await pilot.pause()
        assert "100%" in str(line.render())
        assert str(line.render()).count("━") == 80 - 4 - 5
