"""Heatmap layout and marks, the tracker's streak and skip helpers, and the bulk day write."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from textual.strip import Strip

from isotrack.clock import FakeClock
from isotrack.domain.demo import demo_history
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, SetRecord
from isotrack.domain.streaks import DayKind, DayStatus
from isotrack.domain.targets import Target
from isotrack.presentation.calendar_marks import (
    Mark,
    mark_for,
    month_line,
    week_start_number,
    weekday_labels,
)
from isotrack.presentation.heatmap import SUNDAY, year_grid
from isotrack.store.store import Store
from isotrack.tracker import RECENT_DAYS, InvalidInput, Tracker
from isotrack.ui.widgets.heatmap import (
    DEFAULT_PALETTE,
    YearView,
    follow,
    paint_year,
    same_day_in,
    visible_columns,
)
from tests.conftest import NOW, ZONE

TODAY = NOW.date()


def render_year(tracker: Tracker, year: int, width: int = 120) -> list[Strip]:
    """Read one year through the tracker and draw it without an app, cursor on today."""
    _days, statuses = tracker.year_days(year)
    week_start = week_start_number(tracker.settings.week_start)
    view = YearView(year_grid(year, week_start), statuses, tracker.today())
    cursor = view.today if view.today.year == year else date(year, 1, 1)
    shown = visible_columns(width, view.columns)
    first = follow(0, view.position(cursor)[0], shown, view.columns)
    return paint_year(view, cursor, width, first, DEFAULT_PALETTE)


WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def status(day: date, kind: DayKind, level: int = 0) -> DayStatus:
    return DayStatus(day, kind, level / 4, level)


def test_marks_put_today_first_then_kind_then_level() -> None:
    day = date(2026, 3, 3)
    assert mark_for(status(day, DayKind.DONE, 4), day) is Mark.TODAY
    assert mark_for(status(day, DayKind.REST, 2), TODAY) is Mark.REST
    assert mark_for(status(day, DayKind.SKIPPED, 3), TODAY) is Mark.SKIPPED
    assert mark_for(status(day, DayKind.BEFORE), TODAY) is Mark.BEFORE
    assert mark_for(status(day, DayKind.FUTURE), TODAY) is Mark.FUTURE
    assert mark_for(status(day, DayKind.MISSED), TODAY) is Mark.LEVEL_0
    assert mark_for(status(day, DayKind.PARTIAL, 2), TODAY) is Mark.LEVEL_2
    assert mark_for(status(day, DayKind.DONE, 4), TODAY) is Mark.LEVEL_4


def test_month_names_sit_over_the_column_of_the_first() -> None:
    grid = year_grid(2026)
    line = month_line(grid, 0, len(grid.weeks), 2)
    for m, name in enumerate(("Jan", "Feb", "Mar", "Dec")):
        month = 12 if name == "Dec" else m + 1
        assert line[grid.month_columns[month - 1] * 2 :].startswith(name)


def test_month_line_names_a_month_cut_at_the_left_only_with_room() -> None:
    grid = year_grid(2026)
    march = grid.month_columns[2]
    assert month_line(grid, march - 1, 10, 1).startswith(" Mar")  # February's tail too short
    assert month_line(grid, march - 3, 10, 2).startswith("Feb   Mar")  # 3 weeks of it shown


def test_weekday_labels_follow_the_week_start() -> None:
    assert [label.strip() for label in weekday_labels(SUNDAY)][:2] == ["Sun", "Mon"]


def view_of(year: int, today: date = TODAY) -> YearView:
    grid = year_grid(year)
    statuses = {
        day: status(day, DayKind.FUTURE if day > today else DayKind.DONE, 0 if day > today else 4)
        for week in grid.weeks
        for day in week
        if day is not None
    }
    return YearView(grid, statuses, today)


@pytest.mark.parametrize(("width", "cell"), [(120, 2), (80, 1)])
def test_whole_year_fits_with_two_or_one_character_cells(width: int, cell: int) -> None:
    view = view_of(2026)
    lines = [strip.text for strip in paint_year(view, TODAY, width, 0, DEFAULT_PALETTE)]
    rows = lines[1:8]
    assert [row[:3] for row in rows] == WEEKDAYS
    assert all(strip_len <= width for strip_len in map(len, lines))
    assert len(rows[0].rstrip()) == 4 + view.columns * cell - (cell - 1)
    column, row = view.position(TODAY)
    assert rows[row][4 + column * cell] == "◆"


def test_position_and_follow_keep_the_cursor_in_view() -> None:
    view = view_of(2026)
    assert view.position(date(2026, 1, 1)) == (0, 3)  # a Thursday
    assert view.position(date(2026, 12, 31)) == (52, 3)
    assert follow(0, 40, 20, 53) == 21
    assert follow(21, 30, 20, 53) == 21
    assert follow(21, 5, 20, 53) == 5
    assert follow(0, 52, 60, 53) == 0


def test_same_day_in_another_year() -> None:
    assert same_day_in(2025, date(2024, 2, 29)) == date(2025, 2, 28)
    assert same_day_in(2024, date(2025, 11, 21)) == date(2024, 11, 21)


# -- tracker helpers over a store ------------------------------------------------------------


def one_set(day: date) -> DayRecord:
    at = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return DayRecord(day, (SetRecord(f"s{day}", "knees-in", day, 5, 5.0, at),))


@pytest.fixture
def simple(tracker: Tracker) -> Tracker:
    """One set of one exercise a day, from 200 days ago."""
    start = TODAY - timedelta(days=200)
    program = Program.new(start, ("knees-in",)).with_target("knees-in", start, Target(1, 5, 5))
    tracker._store.save_program(program)
    return tracker


def test_current_streak_reads_back_past_the_recent_window(simple: Tracker) -> None:
    run = RECENT_DAYS * 2 + 5
    days = [one_set(TODAY - timedelta(days=n)) for n in range(1, run + 1)]
    simple._store.write_days(days)
    assert simple.current_streak() == run
    assert simple.streak_stats().current == run
    assert not simple.has_short_history()


def test_current_streak_matches_the_full_count_on_demo_histories(tracker: Tracker) -> None:
    program, records = demo_history(TODAY, 2, 11, zone=ZONE)
    tracker._store.save_program(program)
    tracker._store.write_days(records)
    clock = tracker.clock
    assert isinstance(clock, FakeClock)
    seen = set()
    for back in range(0, 360, 9):
        clock.set(NOW - timedelta(days=back))
        current = tracker.current_streak()
        assert current == tracker.streak_stats().current, back
        seen.add(current)
    assert len(seen) > 5  # the histories had streaks of many lengths


def test_skip_keeps_the_days_sets_and_refuses_the_future(simple: Tracker) -> None:
    day = TODAY - timedelta(days=2)
    simple._store.write_days([one_set(day)])
    assert simple.skip(day, "  ill ").skipped == "ill"
    assert simple.day(day).sets and simple.day(day).skipped == "ill"
    assert simple.unskip(day) and simple.day(day).skipped is None
    assert not simple.unskip(day)
    with pytest.raises(InvalidInput):
        simple.skip(TODAY + timedelta(days=1))


def test_write_days_replaces_given_days_and_keeps_the_rest(data_dir) -> None:
    store = Store.open(data_dir)
    first, second = date(2026, 3, 1), date(2026, 3, 2)
    store.write_days([one_set(first), DayRecord(second, note="old")])
    store.write_days([DayRecord(second, note="new"), DayRecord(date(2026, 4, 1), note="april")])
    again = Store.open(data_dir)
    assert again.day(first).sets and again.day(second).note == "new"
    assert again.day(date(2026, 4, 1)).note == "april"
    assert again.months() == [(2026, 3), (2026, 4)]


def test_render_year_draws_any_year_for_benchmarks(simple: Tracker) -> None:
    simple._store.write_days([one_set(TODAY - timedelta(days=n)) for n in range(1, 30)])
    lines = render_year(simple, TODAY.year, width=120)
    assert [line.text[:3] for line in lines[1:8]] == WEEKDAYS
    assert "╱" in lines[1].text and "■" in "".join(line.text for line in lines[1:8])
