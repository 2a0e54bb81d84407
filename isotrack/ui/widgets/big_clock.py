"""The timer's remaining time, as large as the space given to it allows.

A hand-made seven-segment font of 3×5 cells drawn with half blocks, so one cell is ``scale``
columns wide and ``scale`` half-rows tall (about square). It scales in steps of one cell size:
5 rows at scale 2, 8 at 3, 10 at 4… Below 5 rows it falls back to Textual's 3-row ``Digits``.
Chosen over pyfiglet (which termdown uses): pyfiglet takes 70–135 ms to import and 8 MB to
install, and each of its fonts has one fixed height, so scaling means switching fonts; this font
costs nothing to load, renders in well under a millisecond and reads well from across a room.
"""

from __future__ import annotations

from textual.app import RenderResult
from textual.content import Content
from textual.widgets import Digits

MIN_SCALE = 2  # 5 rows: the smallest size drawn with the big font
# The font as drawn: FONT's space-separated columns are the glyphs of CHARS, in order
# ("#" lit, "." dark).
CHARS = "0123456789: "
FONT = (
    "### ..# ### ### #.# ### ### ### ### ### . ...",
    "#.# ..# ..# ..# #.# #.. #.. ..# #.# #.# # ...",
    "#.# ..# ### ### ### ### ### ..# ### ### . ...",
    "#.# ..# #.. ..# ..# ..# #.# ..# #.# ..# # ...",
    "### ..# ### ### ..# ### ### ..# ### ### . ...",
)
GLYPHS: dict[str, tuple[str, ...]] = dict(
    zip(CHARS, zip(*(row.split() for row in FONT), strict=True), strict=True)
)
GLYPH_ROWS = len(FONT)
HALF_BLOCKS = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}


def bitmap(text: str) -> list[str]:
    """The text as rows of ``#`` and ``.``, one cell of space between characters."""
    glyphs = [GLYPHS.get(char, GLYPHS[" "]) for char in text]
    return [".".join(glyph[row] for glyph in glyphs) for row in range(GLYPH_ROWS)]


def size_at(text: str, scale: int) -> tuple[int, int]:
    """(columns, rows) that ``text`` takes at ``scale``."""
    return len(bitmap(text)[0]) * scale, -(-GLYPH_ROWS * scale // 2)


def fitting_scale(text: str, width: int, height: int) -> int:
    """The largest scale at which ``text`` fits in ``width`` × ``height`` (0 when none does)."""
    columns, rows = size_at(text, 1)
    scale = min(width // columns, (2 * height) // (2 * rows - 1) if rows else 0)
    while scale > 0 and (size_at(text, scale)[0] > width or size_at(text, scale)[1] > height):
        scale -= 1
    return scale


def draw(text: str, scale: int) -> list[str]:
    """``text`` in the big font at ``scale``: terminal rows of half-block characters."""
    cells = bitmap(text)
    half_rows = ["".join(char * scale for char in row) for row in cells for _ in range(scale)]
    if len(half_rows) % 2:
        half_rows.append("." * len(half_rows[0]))
    return [
        "".join(
            HALF_BLOCKS[top == "#", bottom == "#"]
            for top, bottom in zip(half_rows[i], half_rows[i + 1], strict=True)
        )
        for i in range(0, len(half_rows), 2)
    ]


class BigClock(Digits):
    """``Digits`` that draws itself in the big font whenever at least 5 rows are free."""

    DEFAULT_CSS = """
    BigClock { height: 1fr; content-align: center middle; }
    """

    def __init__(self, value: str = "", **kwargs: object) -> None:
        super().__init__(value, **kwargs)  # type: ignore[arg-type]
        self._drawn: tuple[str, int, list[str]] | None = None

    @property
    def scale(self) -> int:
        """The big font's scale at the current size (below ``MIN_SCALE``: Digits is used)."""
        size = self.content_size
        return fitting_scale(self.value, size.width, size.height)

    def render(self) -> RenderResult:
        """The big font when it fits at least 5 rows tall; otherwise Textual's Digits."""
        scale = self.scale
        if scale < MIN_SCALE:
            return super().render()
        if self._drawn is None or self._drawn[:2] != (self.value, scale):
            self._drawn = (self.value, scale, draw(self.value, scale))
        return Content("\n".join(self._drawn[2]))
