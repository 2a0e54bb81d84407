"""Targets with a history, plans and day completion."""

from datetime import date, datetime

import pytest
from dateutil import tz

from isotrack.domain.catalogue import ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import InvalidTarget, Target

D0 = date(2026, 11, 1)
AT = datetime(2026, 11, 1, 9, tzinfo=tz.UTC)


def sets(day: date, exercise: str, n: int, side: str | None = None, done: bool = True):
    return tuple(
        SetRecord(f"{exercise}{side}{i}", exercise, day, 5, 5.0, AT, side, done) for i in range(n)
    )


def test_new_program_starts_gentle_on_beginner_series() -> None:
    program = Program.new(D0, ROUTINES["beginner"])
    plan = program.plan_for(D0)
    assert [p.exercise.id for p in plan] == list(ROUTINES["beginner"])
    assert all(p.target == Target(1, 5, 5) for p in plan)
    assert program.plan_for(date(2026, 10, 31)) == []


def test_full_start_uses_catalogue_targets() -> None:
    program = Program.new(D0, ROUTINES["core"], start="full")
    by_id = {p.exercise.id: p for p in program.plan_for(D0)}
    assert by_id["superman"].target == Target(3, 10, 5)
    assert by_id["side-plank"].planned_sets == 6
    assert by_id["pallof-press"].target == Target(3, 10, 3)


def test_completion_uses_targets_in_force_that_day() -> None:
    program = Program.new(D0, ("knees-in",))
    day1 = DayRecord(D0, sets(D0, "knees-in", 1))
    later = date(2026, 11, 10)
    program = program.with_target("knees-in", later, Target(3, 5, 5))
    assert program.completion(day1) == 1.0  # judged against 1 set, not 3
    assert program.completion(DayRecord(later, sets(later, "knees-in", 1))) == pytest.approx(1 / 3)


def test_completion_caps_at_one_and_ignores_partial_sets() -> None:
    program = Program.new(D0, ("knees-in", "knees-out"))
    record = DayRecord(D0, sets(D0, "knees-in", 4) + sets(D0, "knees-out", 1, done=False))
    assert program.completion(record) == 0.5


def test_sided_sets_count_per_side() -> None:
    program = Program.new(D0, ("pallof-press",), start="full")
    record = DayRecord(
        D0, sets(D0, "pallof-press", 5, "left") + sets(D0, "pallof-press", 1, "right")
    )
    assert program.completion(record) == pytest.approx(4 / 6)
    assert program.plan_for(D0)[0].next_side(record) == "right"


def test_rest_days_from_schedule() -> None:
    program = Program.new(D0, ("knees-in",)).with_schedule(D0, Schedule.parse("mon,wed,fri"))
    assert program.is_rest_day(date(2026, 11, 1))  # Sunday
    assert not program.is_rest_day(date(2026, 11, 2))  # Monday
    assert list(Schedule.parse("mon,fri").rule(D0)[:2]) == [
        datetime(2026, 11, 2),
        datetime(2026, 11, 6),
    ]


def test_routine_change_keeps_past() -> None:
    program = Program.new(D0, ("knees-in",))
    later = date(2026, 11, 5)
    program = program.with_routine(later, ("knees-in", "superman"))
    assert [p.exercise.id for p in program.plan_for(D0)] == ["knees-in"]
    assert [p.exercise.id for p in program.plan_for(later)] == ["knees-in", "superman"]


@pytest.mark.parametrize("values", [(0, 5, 5), (1, 0, 5), (1, 5, 0), (11, 5, 5), (1, 51, 5)])
def test_target_limits(values) -> None:
    with pytest.raises(InvalidTarget):
        Target(*values)


@pytest.mark.parametrize(
    ("left", "right", "slots"),
    [
        (0, 0, [("left", 1), ("right", 1), ("left", 2), ("right", 2)]),
        (1, 0, [("right", 1), ("left", 2), ("right", 2)]),
        (2, 0, [("right", 1), ("right", 2)]),
        (0, 1, [("left", 1), ("left", 2), ("right", 2)]),
        (3, 2, []),
    ],
)
def test_sides_logged_unevenly_catch_up_first(left: int, right: int, slots: list) -> None:
    program = Program.new(D0, ("pallof-press",)).with_target("pallof-press", D0, Target(2, 1, 5))
    record = DayRecord(
        D0, sets(D0, "pallof-press", left, "left") + sets(D0, "pallof-press", right, "right")
    )
    assert list(program.plan_for(D0)[0].remaining_slots(record)) == slots
