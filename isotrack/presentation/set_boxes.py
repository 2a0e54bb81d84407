"""A day's sets of one exercise as boxes, one per planned set, ticked as they are done:
``■ ■ □`` or, for a sided exercise, ``L ■■□  R ■□□``."""

from __future__ import annotations

from typing import NamedTuple

from isotrack.domain.program import Planned
from isotrack.domain.records import DayRecord

DONE_BOX, OPEN_BOX = "■", "□"
ASCII_BOXES = ("x", ".")  # done, open: for output that may not show the squares
SIDE_GAP = "  "  # between the sides of a sided exercise


class BoxRun(NamedTuple):
    """The boxes of one side (or of an exercise without sides). (A named tuple: Today's
    first frame draws them, and a frozen dataclass costs eight times as long to define.)"""

    label: str  # "L", "R", or "" without sides
    done: int
    total: int

    @property
    def gap(self) -> str:
        """Between two boxes: none within a side, a space without sides."""
        return "" if self.label else " "


def box_runs(item: Planned, record: DayRecord) -> list[BoxRun]:
    """One run of boxes per side (one run without sides), done sets capped at the plan."""
    total = item.target.sets
    return [
        BoxRun(
            side[0].upper() if side else "",
            min(total, record.completed_sets(item.exercise.id, side)),
            total,
        )
        for side in item.exercise.sides or (None,)
    ]


def boxes_text(item: Planned, record: DayRecord, ascii_only: bool = False) -> str:
    """The boxes as plain text."""
    full, empty = ASCII_BOXES if ascii_only else (DONE_BOX, OPEN_BOX)
    parts = []
    for run in box_runs(item, record):
        marks = run.gap.join(full if i < run.done else empty for i in range(run.total))
        parts.append(f"{run.label} {marks}" if run.label else marks)
    return SIDE_GAP.join(parts)
