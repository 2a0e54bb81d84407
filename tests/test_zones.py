"""Day zones from during pain and the next morning (design §5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.zones import Zone, day_zones, worst_during, zone

DAY = date(2026, 11, 10)


@pytest.mark.parametrize(
    ("during", "morning", "next_morning", "expected"),
    [
        (3, 4, 4, Zone.GREEN),  # D ≤ 3, M unchanged
        (0, 4, 2, Zone.GREEN),  # pain settled overnight
        (4, 4, 4, Zone.AMBER),  # D 4–5
        (5, 2, 1, Zone.AMBER),
        (2, 4, 5, Zone.AMBER),  # next morning +1
        (6, 3, 3, Zone.RED),  # D > 5
        (1, 3, 5, Zone.RED),  # next morning +2
        (5, 3, 4, Zone.AMBER),  # two amber signs stay amber
        (4, 3, 6, Zone.RED),  # the worse sign wins
        # missing values: decide from what is there
        (None, 3, 3, Zone.GREEN),
        (None, 3, 4, Zone.AMBER),
        (None, 3, 5, Zone.RED),
        (2, None, 5, Zone.GREEN),  # no change known without this morning
        (2, 4, None, Zone.GREEN),  # tomorrow not yet known
        (5, None, None, Zone.AMBER),
        (7, 2, None, Zone.RED),
        (None, 4, None, None),
        (None, None, 4, None),
        (None, None, None, None),
    ],
)
def test_zone(
    during: int | None, morning: int | None, next_morning: int | None, expected: Zone | None
) -> None:
    assert zone(during, morning, next_morning) is expected


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _pain(day: date, kind: PainKind, score: int, hour: int) -> PainEntry:
    return PainEntry(f"{day}{kind}{hour}", day, kind, score, _at(day, hour))


def _set(day: date) -> SetRecord:
    return SetRecord(f"set{day}", "knees-in", day, 5, 5.0, _at(day, 10))


def test_worst_during_score_of_the_day() -> None:
    record = DayRecord(
        DAY,
        pain=(
            _pain(DAY, PainKind.DURING, 2, 10),
            _pain(DAY, PainKind.DURING, 5, 11),
            _pain(DAY, PainKind.DURING, 3, 12),
            _pain(DAY, PainKind.AFTER, 8, 13),
        ),
    )
    assert worst_during(record) == 5
    assert worst_during(DayRecord(DAY)) is None


def test_day_zones_use_worst_during_last_morning_and_next_day() -> None:
    d0, d1, d2, d3 = (DAY + timedelta(days=i) for i in range(4))
    days = {
        # morning 6 then 3 (the last one counts); during 2 and 3 → worst 3; next morning 3 → GREEN
        d0: DayRecord(
            d0,
            sets=(_set(d0),),
            pain=(
                _pain(d0, PainKind.MORNING, 6, 6),
                _pain(d0, PainKind.MORNING, 3, 8),
                _pain(d0, PainKind.DURING, 2, 10),
                _pain(d0, PainKind.DURING, 3, 11),
            ),
        ),
        # morning 3, next morning 5 (+2) → RED, though during pain is low
        d1: DayRecord(
            d1,
            sets=(_set(d1),),
            pain=(_pain(d1, PainKind.MORNING, 3, 7), _pain(d1, PainKind.DURING, 1, 10)),
        ),
        # a rest day with pain logged: no sets, so no zone
        d2: DayRecord(d2, pain=(_pain(d2, PainKind.MORNING, 5, 7),)),
        # trained with no pain logged at all and no next day: no zone
        d3: DayRecord(d3, sets=(_set(d3),)),
    }
    assert day_zones(days) == {d0: Zone.GREEN, d1: Zone.RED}
