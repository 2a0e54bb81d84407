"""Day status, heatmap levels, streaks and the year grid (design §2)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from isotrack.domain.day_status import past_status
from isotrack.domain.demo import demo_history
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.streaks import (
    DayKind,
    StreakStats,
    day_statuses,
    level_for,
    past_statuses,
)
from isotrack.domain.targets import History, Target
from isotrack.presentation.heatmap import MONDAY, SUNDAY, year_grid
from tests.streak_reference import day_status, streaks

START = date(2024, 1, 1)  # a Monday
EXERCISE = "knees-in"


def make_program(sets: int = 3, start: date = START) -> Program:
    """One exercise, ``sets`` sets a day, from ``start``."""
    return Program.new(start, (EXERCISE,)).with_target(EXERCISE, start, Target(sets, 5, 5))


def done(day: date, count: int, exercise: str = EXERCISE, side: str | None = None) -> DayRecord:
    """A day with ``count`` completed sets of ``exercise``."""
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    sets = tuple(
        SetRecord(f"{day}-{exercise}-{side}-{i}", exercise, day, 5, 5.0, at, side)
        for i in range(count)
    )
    return DayRecord(day, sets)


def d(offset: int) -> date:
    return START + timedelta(days=offset)


# --- levels and day status -------------------------------------------------------------


def test_level_thresholds_at_exact_boundaries() -> None:
    assert level_for(0.0) == 0
    assert level_for(0.01) == 1
    assert level_for(0.333) == 1
    assert level_for(1 / 3) == 2
    assert level_for(0.666) == 2
    assert level_for(2 / 3) == 3
    assert level_for(0.999) == 3
    assert level_for(1.0) == 4


@pytest.mark.parametrize(
    ("planned", "count", "level", "kind"),
    [
        (3, 0, 0, DayKind.MISSED),
        (6, 1, 1, DayKind.PARTIAL),
        (3, 1, 2, DayKind.PARTIAL),
        (6, 2, 2, DayKind.PARTIAL),
        (3, 2, 3, DayKind.PARTIAL),
        (6, 4, 3, DayKind.PARTIAL),
        (6, 5, 3, DayKind.PARTIAL),
        (3, 3, 4, DayKind.DONE),
        (3, 5, 4, DayKind.DONE),  # extra sets are capped at 1
    ],
)
def test_day_status_levels_from_sets(planned: int, count: int, level: int, kind: DayKind) -> None:
    status = day_status(make_program(planned), done(d(1), count), today=d(5))
    assert (status.level, status.kind) == (level, kind)
    assert status.fraction == min(1.0, count / planned)


def test_done_threshold_below_full() -> None:
    program = make_program(5)
    four = day_status(program, done(d(1), 4), d(5), done_threshold=0.8)
    three = day_status(program, done(d(1), 3), d(5), done_threshold=0.8)
    assert (four.kind, four.level) == (DayKind.DONE, 4)
    assert (three.kind, three.level) == (DayKind.PARTIAL, 2)
    assert day_status(program, done(d(1), 4), d(5)).kind is DayKind.PARTIAL
    assert day_status(program, done(d(1), 4), d(5), done_threshold=0.1 * 8).level == 4


@pytest.mark.parametrize("threshold", [0.0, -0.5, 1.5])
def test_done_threshold_must_be_a_fraction(threshold: float) -> None:
    with pytest.raises(ValueError, match="done_threshold"):
        day_status(make_program(), done(d(1), 3), d(5), threshold)


def test_each_day_judged_against_targets_in_force_that_day() -> None:
    program = make_program(3)
    early = done(d(2), 3)
    before_change = day_status(program, early, d(10))
    raised = program.with_target(EXERCISE, d(5), Target(6, 5, 5))
    assert day_status(raised, early, d(10)) == before_change
    assert before_change.level == 4
    later = day_status(raised, done(d(6), 3), d(10))
    assert (later.kind, later.level, later.fraction) == (DayKind.PARTIAL, 2, 0.5)


def test_days_before_first_use_and_future_days() -> None:
    program = make_program(3, start=d(3))
    before = day_status(program, done(d(1), 3), today=d(5))
    future = day_status(program, done(d(7), 3), today=d(5))
    assert (before.kind, before.level) == (DayKind.BEFORE, 0)
    assert (future.kind, future.level) == (DayKind.FUTURE, 0)


def test_rest_skipped_and_open_days_have_their_own_kinds() -> None:
    program = make_program(3).with_schedule(START, Schedule.parse("mon,wed,fri"))
    rest = day_status(program, done(d(1), 3), today=d(5))  # Tuesday, trained anyway
    skipped = day_status(program, done(d(2), 1)._replace(skipped="ill"), today=d(5))
    open_today = day_status(program, done(d(4), 1), today=d(4))
    assert (rest.kind, rest.level) == (DayKind.REST, 4)
    assert (skipped.kind, skipped.level) == (DayKind.SKIPPED, 2)
    assert (open_today.kind, open_today.level) == (DayKind.OPEN, 2)
    assert day_status(program, done(d(4), 3), today=d(4)).kind is DayKind.DONE


def test_bulk_statuses_match_program_completion() -> None:
    program, records = demo_history(date(2025, 3, 1), 2, seed=3, zone=UTC)
    base = records[-5]
    odd_day = base.day
    at = datetime(odd_day.year, odd_day.month, odd_day.day, 12, tzinfo=UTC)
    odd = DayRecord(  # a side on a one-sided exercise, and an unknown exercise
        odd_day,
        tuple(s for s in base.sets if s.exercise != "push-pull-a")
        + tuple(SetRecord(f"x{i}", "push-pull-a", odd_day, 5, 5.0, at, "left") for i in range(3))
        + (SetRecord("x9", "ghost", odd_day, 5, 5.0, at),),
    )
    days = {r.day: r for r in records} | {odd_day: odd}
    statuses = day_statuses(program, days, program.first_day(), date(2025, 3, 1), date(2025, 3, 1))
    for day, record in days.items():
        assert statuses[day].fraction == program.completion(record), day


def test_one_day_judged_alone_is_judged_as_in_the_walk() -> None:
    program, records = demo_history(date(2025, 3, 1), 1, seed=5, zone=UTC)
    days = {r.day: r for r in records}
    first, last = program.first_day() - timedelta(days=3), date(2025, 3, 1)
    walked = past_statuses(program, days, first, last, 0.8)
    assert {s.kind for s in walked} >= {DayKind.BEFORE, DayKind.DONE, DayKind.REST}
    for status in walked:
        alone = past_status(program, days.get(status.day) or DayRecord(status.day), 0.8)
        assert alone == status


# --- streaks ---------------------------------------------------------------------------


def test_rest_and_skipped_days_inside_a_run_keep_one_streak() -> None:
    program = make_program(3).with_schedule(START, Schedule.parse("mon,tue,wed,thu,fri,sat"))
    days = {d(i): done(d(i), 3) for i in (0, 1, 2, 4, 5, 7)}  # Sunday d(6) is a rest day
    days[d(3)] = DayRecord(d(3), skipped="travelling")
    days[d(8)] = done(d(8), 1)  # today, still open
    assert streaks(program, days, today=d(8)) == StreakStats(6, 6, 6, 1.0)
    days[d(8)] = done(d(8), 3)
    assert streaks(program, days, today=d(8)).current == 7
    del days[d(8)]
    assert streaks(program, days, today=d(8)).current == 6


def test_training_on_a_rest_day_does_not_extend_a_streak() -> None:
    program = make_program(3).with_schedule(START, Schedule.parse("mon,tue,wed,thu,fri,sat"))
    days = {d(i): done(d(i), 3) for i in range(8)}  # d(6) is Sunday
    stats = streaks(program, days, today=d(7))
    assert (stats.current, stats.longest, stats.done_days) == (7, 7, 7)


def test_missed_or_partial_past_day_breaks_the_streak() -> None:
    program = make_program(3)
    days = {d(i): done(d(i), 3) for i in (0, 1, 2, 4, 5, 7, 8)}
    days[d(6)] = done(d(6), 2)  # partial
    stats = streaks(program, days, today=d(9))  # d(3) missed, today open and empty
    assert (stats.current, stats.longest, stats.done_days) == (2, 3, 7)


def test_yesterday_not_done_and_today_open_means_no_current_streak() -> None:
    program = make_program(3)
    days = {d(i): done(d(i), 3) for i in range(4)}
    stats = streaks(program, days, today=d(5))
    assert (stats.current, stats.longest) == (0, 4)


def test_rate_30d_is_mean_completion_over_counted_days() -> None:
    program = make_program(3)
    today = d(39)
    days = {d(i): done(d(i), 3 if i % 2 == 0 else 1) for i in range(10, 39)}
    days[d(11)] = DayRecord(d(11), skipped="")
    days[today] = done(today, 1)  # open: not counted yet
    stats = streaks(program, days, today)
    assert stats.rate_30d == pytest.approx((15 + 13 / 3) / 28)
    days[today] = done(today, 3)
    assert streaks(program, days, today).rate_30d == pytest.approx((16 + 13 / 3) / 29)


def test_streaks_without_counted_days() -> None:
    assert streaks(make_program(3), {}, today=START) == StreakStats(0, 0, 0, None)
    assert streaks(make_program(3), {}, today=d(-1)) == StreakStats(0, 0, 0, None)
    assert streaks(Program(History()), {}, today=START) == StreakStats(0, 0, 0, None)


def test_streaks_over_ten_years_count_every_done_day() -> None:
    """(How long this takes is measured in bench/, not asserted here.)"""
    today = date(2025, 6, 15)
    program, records = demo_history(today, 10, seed=1, zone=UTC)
    days = {r.day: r for r in records}
    stats = streaks(program, days, today)
    assert stats.done_days > 2500


# --- year grid -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "week_start", "columns", "first_row"),
    [
        (2024, MONDAY, 53, 0),  # leap year that begins on a Monday
        (2024, SUNDAY, 53, 1),
        (2023, SUNDAY, 53, 0),  # begins on a Sunday
        (2023, MONDAY, 53, 6),
        (2012, MONDAY, 54, 6),  # leap year that begins on a Sunday
        (2000, SUNDAY, 54, 6),  # leap year that begins on a Saturday
        (2025, MONDAY, 53, 2),
    ],
)
def test_year_grid_layout(year: int, week_start: int, columns: int, first_row: int) -> None:
    grid = year_grid(year, week_start)
    assert len(grid.weeks) == columns
    assert all(len(week) == 7 for week in grid.weeks)
    assert grid.weeks[0][first_row] == date(year, 1, 1)
    assert all(cell is None for cell in grid.weeks[0][:first_row])
    cells = [cell for week in grid.weeks for cell in week]
    days = [cell for cell in cells if cell is not None]
    length = 366 if year % 4 == 0 else 365
    assert days == [date(year, 1, 1) + timedelta(days=i) for i in range(length)]
    for week in grid.weeks:
        for row, cell in enumerate(week):
            if cell is not None:
                assert cell.weekday() == (week_start + row) % 7
    for month, column in enumerate(grid.month_columns, start=1):
        assert date(year, month, 1) in grid.weeks[column]


def test_year_grid_month_columns_2024_monday() -> None:
    grid = year_grid(2024, MONDAY)
    assert grid.month_columns[:3] == (0, 4, 8)  # 1 Feb is in week 5, 1 Mar in week 9
    assert grid.weeks[-1][:2] == (date(2024, 12, 30), date(2024, 12, 31))
    assert grid.weeks[-1][2:] == (None,) * 5


def test_year_grid_rejects_bad_week_start() -> None:
    with pytest.raises(ValueError, match="week_start"):
        year_grid(2024, 7)
