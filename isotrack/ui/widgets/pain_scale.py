"""The 0–10 pain scale with the chosen score marked, and the colour band of a score."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from isotrack.domain.zones import AMBER_DURING, GREEN_DURING

MAX_SCORE = 10


def score_style(score: int) -> str:
    """The colour of a score: green up to 3, amber to 5, red above (the zone bands)."""
    if score <= GREEN_DURING:
        return "$success"
    if score <= AMBER_DURING:
        return "$warning"
    return "$error"


def scale(score: int | None) -> Content:
    """``0 1 2 … 10`` with ``score`` highlighted in its colour."""
    parts: list[tuple[str, str] | str] = []
    for n in range(MAX_SCORE + 1):
        if n:
            parts.append(" ")
        if n == score:
            parts.append((f" {n} ", f"bold reverse {score_style(n)}"))
        else:
            parts.append((f" {n} ", "$text-muted"))
    return Content.assemble(*parts)


class PainScale(Static):
    """Shows the scale with the current score."""

    def show(self, score: int | None) -> None:
        """Mark ``score`` (None: nothing marked)."""
        self.update(scale(score))
