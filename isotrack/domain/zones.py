"""Day zones from the pain-monitoring model (design §5, after Silbernagel et al. 2007)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from enum import StrEnum

from isotrack.domain.records import DayRecord, PainKind
from isotrack.domain.trend import last_morning

GREEN_DURING = 3  # during pain up to this is green (design §5)
AMBER_DURING = 5  # during pain up to this is amber; above it is red (design §5)


class Zone(StrEnum):
    """How a training day's pain responded."""

    GREEN = "green"
    AMBER = "amber"
    RED = "red"


def worst_during(record: DayRecord) -> int | None:
    """The highest "during" score of the day, or None."""
    scores = [p.score for p in record.pain if p.kind is PainKind.DURING]
    return max(scores) if scores else None


def zone(during: int | None, morning: int | None, next_morning: int | None) -> Zone | None:
    """The zone of a training day from Dₜ, Mₜ and Mₜ₊₁; the worse of what is known.

    During pain alone or the morning-to-morning change alone decides when the other is
    missing; the change needs both mornings. With nothing known there is no zone.
    """
    rise = None if morning is None or next_morning is None else next_morning - morning
    if during is None and rise is None:
        return None
    if (during is not None and during > AMBER_DURING) or (rise is not None and rise >= 2):
        return Zone.RED
    if (during is not None and during > GREEN_DURING) or rise == 1:
        return Zone.AMBER
    return Zone.GREEN


def day_zones(days: Mapping[date, DayRecord]) -> dict[date, Zone]:
    """Zones of the training days (days with any set recorded) that have one."""
    zones = {}
    for day, record in days.items():
        if not record.sets:
            continue
        following = days.get(day + timedelta(days=1))
        result = zone(
            worst_during(record),
            last_morning(record),
            last_morning(following) if following is not None else None,
        )
        if result is not None:
            zones[day] = result
    return zones
