"""Immediate responses to a pain score (design §3)."""

from __future__ import annotations

import pytest

from isotrack.domain.pain_response import Response, immediate_response
from isotrack.domain.records import PainKind


@pytest.mark.parametrize(
    ("kind", "score", "base", "expected"),
    [
        (PainKind.DURING, 6, None, Response.STOP),
        (PainKind.DURING, 5, None, None),  # up to 5 is acceptable
        (PainKind.MORNING, 8, None, Response.GENTLE),
        (PainKind.MORNING, 7, None, None),
        (PainKind.MORNING, 7, 4.0, Response.GENTLE),  # 3 above the baseline
        (PainKind.MORNING, 6, 3.5, None),  # 2.5 above is not 3
        (PainKind.AFTER, 9, 2.0, None),
        (PainKind.DURING, 5, 1.0, None),  # a jump in "during" pain is judged by its level
    ],
)
def test_immediate_response(
    kind: PainKind, score: int, base: float | None, expected: Response | None
) -> None:
    assert immediate_response(kind, score, base) is expected
