"""Day zones from during pain and the next morning (design §5)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.thresholds import RED_RISE
from isotrack.domain.zones import Zone, baseline, day_zones, worst_during, zone

DAY = date(2026, 11, 10)


@pytest.mark.parametrize(
    ("during", "base", "next1", "next2", "expected"),
    [
        (3, 4.0, 4, 4, Zone.GREEN),  # during ≤ 3, mornings at the baseline
        (0, 4.0, 2, 2, Zone.GREEN),
        (4, 4.0, 4, 4, Zone.AMBER),  # during 4–5
        (5, 2.0, 1, 1, Zone.AMBER),
        (2, 4.0, 5, 5, Zone.GREEN),  # one point above the baseline is noise
        (2, 4.0, 6, 4, Zone.AMBER),  # next morning 2+ above: a rise that may settle
        (2, 4.0, 4 + RED_RISE, 5, Zone.AMBER),  # far above once, then settled: not red
        (2, 4.0, 4 + RED_RISE, 4 + RED_RISE, Zone.RED),  # far above on both: a rise that lasted
        (2, 3.5, 3 + RED_RISE, 2 + RED_RISE, Zone.AMBER),  # half a point short the second day
        (6, 3.0, 3, 3, Zone.RED),  # during above 5
        (5, 3.0, 3 + RED_RISE, 3 + RED_RISE, Zone.RED),  # the worse sign wins
        # missing values: decide from what is there
        (None, 3.0, 3, None, Zone.GREEN),
        (None, 3.0, 5, None, Zone.AMBER),
        (None, 3.0, 9, None, Zone.AMBER),  # red needs the second morning
        (2, None, 9, 9, Zone.GREEN),  # no rise known without a baseline
        (5, None, None, None, Zone.AMBER),
        (7, None, None, None, Zone.RED),
        (None, None, 4, 4, None),
        (None, 4.0, None, 9, None),
        (None, None, None, None, None),
    ],
)
def test_zone(
    during: int | None,
    base: float | None,
    next1: int | None,
    next2: int | None,
    expected: Zone | None,
) -> None:
    assert zone(during, base, next1, next2) is expected


def test_baseline_is_the_median_of_the_7_days_before_with_at_least_4_scores() -> None:
    morning = {DAY - timedelta(days=i): s for i, s in ((1, 2), (2, 9), (3, 4), (7, 3), (8, 0))}
    assert baseline(morning, DAY) == 3.5  # 2, 9, 4, 3 (day −8 is outside; DAY itself is not in)
    morning[DAY] = 10
    assert baseline(morning, DAY) == 3.5
    del morning[DAY - timedelta(days=7)]
    assert baseline(morning, DAY) is None  # three scores are not enough


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


def test_day_zones_use_worst_during_and_the_next_two_mornings_against_the_baseline() -> None:
    before = [DAY - timedelta(days=i) for i in range(1, 8)]
    days = {d: DayRecord(d, pain=(_pain(d, PainKind.MORNING, 3, 7),)) for d in before}
    d0, d1, d2, d3, d4 = (DAY + timedelta(days=i) for i in range(5))
    days |= {
        # morning 6 then 3 (the last one counts); during 2 and 3 → worst 3; next mornings fine
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
        # the next two mornings far above a baseline of 3: red, though during pain is low
        d1: DayRecord(
            d1,
            sets=(_set(d1),),
            pain=(_pain(d1, PainKind.MORNING, 3, 7), _pain(d1, PainKind.DURING, 1, 10)),
        ),
        # a rest day with pain logged: no sets, so no zone
        d2: DayRecord(d2, pain=(_pain(d2, PainKind.MORNING, 3 + RED_RISE, 7),)),
        d3: DayRecord(d3, sets=(_set(d3),), pain=(_pain(d3, PainKind.MORNING, 3 + RED_RISE, 7),)),
        # trained with no pain logged at all and no next day: no zone
        d4: DayRecord(d4, sets=(_set(d4),)),
    }
    assert day_zones(days) == {d0: Zone.GREEN, d1: Zone.RED}
