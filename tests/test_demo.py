"""The synthetic demo history: deterministic, lifelike and consistent with the domain rules."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, timedelta, timezone
from itertools import pairwise
from statistics import mean

import pytest

from isotrack.domain.catalogue import BY_ID, ROUTINES, Mode
from isotrack.domain.days import logical_day
from isotrack.domain.demo import MAX_GOAL, demo_history
from isotrack.domain.program import Program
from isotrack.domain.progression import step_up
from isotrack.domain.records import DayRecord, PainKind
from isotrack.domain.schedule import Schedule
from isotrack.domain.streaks import DayKind, day_statuses
from tests.streak_reference import streaks

TODAY = date(2025, 6, 15)
ZONE = timezone(timedelta(hours=2))
SEEDS = range(6)


def history(seed: int = 0, years: int = 1) -> tuple[Program, list[DayRecord]]:
    return demo_history(TODAY, years, seed, zone=ZONE)


def test_same_seed_same_history_other_seed_differs() -> None:
    assert history(7) == history(7)
    assert history(7)[1] != history(8)[1]


def test_records_cover_the_years_in_order_and_end_with_an_open_today() -> None:
    program, records = history(1)
    days = [r.day for r in records]
    assert program.first_day() == date(2024, 6, 15)
    assert days == sorted(set(days))
    assert days[0] >= program.first_day() and days[-1] == TODAY
    assert not any(r.empty for r in records)
    today = records[-1]
    assert not today.sets and [p.kind for p in today.pain] == [PainKind.MORNING]
    statuses = day_statuses(program, {r.day: r for r in records}, TODAY, TODAY, TODAY)
    assert statuses[TODAY].kind is DayKind.OPEN


def test_ids_are_unique_and_times_are_aware_in_the_zone_on_their_logical_day() -> None:
    _, records = history(2)
    entries = [e for r in records for e in (*r.sets, *r.pain)]
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert all(i.startswith("demo-") and i[5:].isdigit() for i in ids)
    for entry in entries:
        assert entry.at.tzinfo is ZONE
        assert logical_day(entry.at) == entry.day


@pytest.mark.parametrize("seed", SEEDS)
def test_adherence_is_about_eighty_percent_with_every_kind_of_day(seed: int) -> None:
    program, records = history(seed)
    days = {r.day: r for r in records}
    statuses = day_statuses(program, days, program.first_day(), TODAY, TODAY)
    kinds = Counter(s.kind for s in statuses.values())
    training = kinds[DayKind.DONE] + kinds[DayKind.PARTIAL] + kinds[DayKind.MISSED]
    assert 0.7 <= kinds[DayKind.DONE] / training <= 0.9
    assert all(kinds[k] > 0 for k in (DayKind.PARTIAL, DayKind.MISSED, DayKind.REST))
    assert kinds[DayKind.SKIPPED] > 0
    assert {s.level for s in statuses.values()} == {0, 1, 2, 3, 4}
    stats = streaks(program, days, TODAY)
    assert stats.longest >= 10  # runs, not scattered days
    assert stats.done_days == kinds[DayKind.DONE]


def test_skipped_days_carry_reasons() -> None:
    reasons = {r.skipped for seed in SEEDS for r in history(seed)[1] if r.skipped is not None}
    assert len(reasons - {""}) >= 3


def test_core_exercises_join_later_and_schedule_changes_for_a_while() -> None:
    program, _ = history(0)
    routines = [e.value for e in program.routine]
    assert routines == [ROUTINES["beginner"], ROUTINES["both"]]
    schedules = [e.value for e in program.schedule]
    assert schedules == [Schedule(), Schedule(frozenset(range(6))), Schedule()]


@pytest.mark.parametrize("seed", SEEDS)
def test_targets_climb_the_real_ladder_one_rung_at_a_time(seed: int) -> None:
    program, _ = history(seed, years=2)
    for exercise_id, targets in program.targets.items():
        exercise = BY_ID[exercise_id]
        entries = list(targets)
        assert len(entries) >= 5, exercise_id
        for before, after in pairwise(entries):
            assert 14 <= (after.since - before.since).days <= 90
            old, new = before.value, after.value
            expected = step_up(exercise, old)  # the real ladder, one rung
            assert expected is not None
            if exercise.mode is Mode.MAX:
                expected = expected._replace(hold=min(expected.hold, MAX_GOAL))
            assert new == expected


def test_sets_follow_the_plan_in_force_that_day() -> None:
    program, records = history(3)
    for record in records:
        plan = {p.exercise.id: p for p in program.plan_for(record.day)}
        for s in record.sets:
            target = plan[s.exercise].target
            assert s.side in (BY_ID[s.exercise].sides or (None,))
            if s.completed and BY_ID[s.exercise].mode is Mode.FIXED:
                assert (s.reps, s.hold) == (target.reps, target.hold)


@pytest.mark.parametrize("seed", SEEDS)
def test_pain_stays_in_range_and_drifts_down_with_flares(seed: int) -> None:
    program, records = history(seed)
    start = program.first_day()
    scores = [p.score for r in records for p in r.pain]
    assert all(0 <= s <= 10 for s in scores)
    morning = {r.day: p.score for r in records for p in r.pain if p.kind is PainKind.MORNING}
    first_month = [v for day, v in morning.items() if day < start + timedelta(days=30)]
    last_month = [v for day, v in morning.items() if day > TODAY - timedelta(days=30)]
    assert 5 <= mean(first_month) <= 7
    assert 1 <= mean(last_month) <= 3
    settled = [v for day, v in morning.items() if day > start + timedelta(days=120)]
    assert max(settled) >= 5  # a flare after the pain had settled
    kinds = Counter(p.kind for r in records for p in r.pain)
    assert kinds[PainKind.DURING] > 100 and kinds[PainKind.AFTER] > 10


def test_ten_years_is_large() -> None:
    """(Its speed is measured in bench/, not asserted here.)"""
    program, records = demo_history(TODAY, 10, 5, zone=UTC)
    assert program.first_day() == date(2015, 6, 15)
    assert len(records) > 3300
    assert sum(len(r.sets) for r in records) > 50_000


def test_years_must_be_positive() -> None:
    with pytest.raises(ValueError, match="years"):
        demo_history(TODAY, 0, 1, zone=UTC)
