"""Baseline and day zones from the pain-monitoring model (design §5, after Silbernagel 2007).

A day's zone weighs the pain during the session and whether the next mornings rose above the
person's own baseline, so one noisy morning is never enough for red.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum
from statistics import median

from isotrack.domain.records import DayRecord, PainKind
from isotrack.domain.thresholds import (
    AMBER_DURING,
    AMBER_RISE,
    BASELINE_DAYS,
    BASELINE_MIN_SCORES,
    GREEN_DURING,
    RED_RISE,
)
from isotrack.domain.trend import morning_scores

__all__ = ["AMBER_DURING", "GREEN_DURING", "Zone", "baseline", "day_zones", "worst_during", "zone"]


class Zone(StrEnum):
    """How a training day's pain responded."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def worst_during(record: DayRecord) -> int | None:
    """The highest "during" score of the day, or None."""
    scores = [p.score for p in record.pain if p.kind is PainKind.DURING]
    return max(scores) if scores else None


def baseline(morning: Mapping[date, int], day: date) -> float | None:
    """B(day): the median morning score of the 7 days before ``day`` (at least 4 of them)."""
    scores = [
        morning[d]
        for d in (day - timedelta(days=i) for i in range(1, BASELINE_DAYS + 1))
        if d in morning
    ]
    return float(median(scores)) if len(scores) >= BASELINE_MIN_SCORES else None


def zone(
    during: int | None, base: float | None, next1: int | None, next2: int | None
) -> Zone | None:
    """The zone of a training day from D(t), B(t), M(t+1) and M(t+2) (design §5).

    Red: during pain above 5, or both next mornings 3+ above the baseline (a rise that lasted).
    Amber: during pain 4–5, or the next morning 2+ above the baseline. Green when during pain
    or the next morning against a baseline is known; otherwise no zone.
    """
    rise1 = None if base is None or next1 is None else next1 - base
    rise2 = None if base is None or next2 is None else next2 - base
    if during is not None and during > AMBER_DURING:
        return Zone.RED
    if rise1 is not None and rise2 is not None and min(rise1, rise2) >= RED_RISE:
        return Zone.RED
    if (during is not None and during > GREEN_DURING) or (
        rise1 is not None and rise1 >= AMBER_RISE
    ):
        return Zone.AMBER
    if during is not None or rise1 is not None:
        return Zone.GREEN
    return None


def day_zones(
    days: Mapping[date, DayRecord], morning: Mapping[date, int] | None = None
) -> dict[date, Zone]:
    """Zones of the training days (days with any set recorded) that have one.

    ``morning`` is the days' morning scores when the caller has them already.
    """
    morning = morning_scores(days.values()) if morning is None else morning
    zones = {}
    for day, record in days.items():
        if not record.sets:
            continue
        result = zone(
            worst_during(record),
            baseline(morning, day),
            morning.get(day + timedelta(days=1)),
            morning.get(day + timedelta(days=2)),
        )
        if result is not None:
            zones[day] = result
    return zones
