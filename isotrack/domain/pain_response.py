"""Immediate responses to a pain score (design §3; NICE NG59 and the pain-monitoring model).

Some scores call for a word at once rather than a change of plan a day later: pain during an
exercise above the acceptable limit, and a morning that is very high or far above the baseline.
"""

from __future__ import annotations

from enum import StrEnum

from isotrack.domain.records import PainKind
from isotrack.domain.thresholds import HIGH_MORNING, JUMP_MORNING, STOP_DURING


class Response(StrEnum):
    """What a pain score calls for at once."""

    STOP = "stop"  # stop this exercise for today, take it a step easier
    GENTLE = "gentle"  # go gently today; see a clinician if it does not settle


def immediate_response(kind: PainKind, score: int, base: float | None) -> Response | None:
    """The response a new score calls for, given the baseline ``base`` (None when unknown)."""
    if kind is PainKind.DURING and score > STOP_DURING:
        return Response.STOP
    if kind is PainKind.MORNING and (
        score >= HIGH_MORNING or (base is not None and score >= base + JUMP_MORNING)
    ):
        return Response.GENTLE
    return None
