"""The logical day and day arithmetic across DST."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from dateutil import tz

from isotrack.domain.days import InvalidDate, logical_day, parse_day, parse_day_start

NY = tz.gettz("America/New_York")
LONDON = tz.gettz("Europe/London")


def test_set_after_midnight_belongs_to_previous_day() -> None:
    assert logical_day(datetime(2026, 11, 22, 1, 30, tzinfo=LONDON)) == date(2026, 11, 21)


def test_day_start_boundary() -> None:
    assert logical_day(datetime(2026, 11, 22, 3, 59, tzinfo=LONDON)) == date(2026, 11, 21)
    assert logical_day(datetime(2026, 11, 22, 4, 0, tzinfo=LONDON)) == date(2026, 11, 22)


def test_custom_day_start() -> None:
    now = datetime(2026, 11, 22, 5, 0, tzinfo=LONDON)
    assert logical_day(now, time(6, 0)) == date(2026, 11, 21)
    assert logical_day(now, time(0, 0)) == date(2026, 11, 22)


@pytest.mark.parametrize(
    ("zone", "local", "expected"),
    [
        # US spring forward 2026-03-08 02:00 -> 03:00: 03:30 is 3 h 30 of wall time, before 04:00
        (NY, datetime(2026, 3, 8, 3, 30), date(2026, 3, 7)),
        (NY, datetime(2026, 3, 8, 4, 30), date(2026, 3, 8)),
        # US fall back 2026-11-01 02:00 -> 01:00: 01:30 happens twice, both on the 31st
        (NY, datetime(2026, 11, 1, 1, 30, fold=0), date(2026, 10, 31)),
        (NY, datetime(2026, 11, 1, 1, 30, fold=1), date(2026, 10, 31)),
        (NY, datetime(2026, 11, 1, 4, 0), date(2026, 11, 1)),
        # UK spring forward 2026-03-29 01:00 -> 02:00
        (LONDON, datetime(2026, 3, 29, 2, 30), date(2026, 3, 28)),
        (LONDON, datetime(2026, 3, 29, 4, 1), date(2026, 3, 29)),
        # UK fall back 2026-10-25 02:00 -> 01:00
        (LONDON, datetime(2026, 10, 25, 1, 30, fold=1), date(2026, 10, 24)),
        (LONDON, datetime(2026, 10, 25, 23, 59), date(2026, 10, 25)),
    ],
)
def test_logical_day_across_dst(zone, local: datetime, expected: date) -> None:
    assert logical_day(local.replace(tzinfo=zone)) == expected


@pytest.mark.parametrize(
    ("utc", "expected"),
    [
        (datetime(2026, 10, 25, 0, 20), date(2026, 10, 24)),  # 01:20 BST, before the day start
        (datetime(2026, 10, 25, 0, 40), date(2026, 10, 25)),  # 01:40 BST: the new day began
        (datetime(2026, 10, 25, 1, 10), date(2026, 10, 25)),  # 01:10 GMT, the clocks went back
        (datetime(2026, 10, 25, 1, 40), date(2026, 10, 25)),  # 01:40 GMT: still the same day
        (datetime(2026, 10, 26, 1, 20), date(2026, 10, 25)),
    ],
)
def test_day_start_in_the_repeated_hour_never_steps_back(utc: datetime, expected: date) -> None:
    """Issue 15.12: day start 01:30 in London at the October change."""
    local = utc.replace(tzinfo=UTC).astimezone(LONDON)
    assert logical_day(local, time(1, 30)) == expected


def test_the_system_zone_knows_the_offset_before_a_change(monkeypatch) -> None:
    """The real clock's zone (no zone package) gives the same days as the zone database."""
    import time as system_time

    from isotrack.clock import SystemZone

    monkeypatch.setenv("TZ", "Europe/London")
    system_time.tzset()
    try:
        zone = SystemZone()
        for minutes in range(0, 24 * 60, 10):
            instant = datetime(2026, 10, 24, 12, tzinfo=UTC) + timedelta(minutes=minutes)
            mine, theirs = instant.astimezone(zone), instant.astimezone(LONDON)
            assert mine.replace(tzinfo=None) == theirs.replace(tzinfo=None)
            assert mine.astimezone(UTC) == instant
            assert logical_day(mine, time(1, 30)) == logical_day(theirs, time(1, 30))
    finally:
        monkeypatch.undo()
        system_time.tzset()


def test_the_system_zone_remembers_an_offset_only_where_no_change_falls(monkeypatch) -> None:
    """It keeps the offset of a quiet stretch of days between questions (a tick asks a few):
    asked hour by hour through the week of the October change, it still agrees with the
    zone database at every instant, before, across and after the change."""
    import time as system_time

    from isotrack.clock import SystemZone

    monkeypatch.setenv("TZ", "Europe/London")
    system_time.tzset()
    try:
        zone = SystemZone()
        for hours in range(0, 8 * 24):
            instant = datetime(2026, 10, 21, tzinfo=UTC) + timedelta(hours=hours, minutes=30)
            mine, theirs = instant.astimezone(zone), instant.astimezone(LONDON)
            assert (mine.replace(tzinfo=None), mine.fold) == (
                theirs.replace(tzinfo=None),
                theirs.fold,
            )
            assert mine.utcoffset() == theirs.utcoffset() and mine.astimezone(UTC) == instant
    finally:
        monkeypatch.undo()
        system_time.tzset()


def test_the_system_zone_answers_at_the_ends_of_the_calendar(monkeypatch) -> None:
    """A stretch it remembers is kept as times to compare with: at the calendar's ends,
    where those do not exist, it still answers (the long way)."""
    import time as system_time

    from isotrack.clock import SystemZone

    monkeypatch.setenv("TZ", "UTC")
    system_time.tzset()
    try:
        zone = SystemZone()
        for moment in (datetime.max, datetime.min, datetime(2026, 6, 1), datetime.max):
            assert moment.replace(tzinfo=zone).utcoffset() == timedelta(0)
    finally:
        monkeypatch.undo()
        system_time.tzset()


def test_same_instant_in_another_zone_uses_that_zones_wall_clock() -> None:
    instant = datetime(2026, 11, 22, 6, 0, tzinfo=LONDON)  # 01:00 in New York
    assert logical_day(instant.astimezone(NY)) == date(2026, 11, 21)
    assert logical_day(instant) == date(2026, 11, 22)


def test_naive_datetime_refused() -> None:
    with pytest.raises(ValueError):
        logical_day(datetime(2026, 11, 22, 1, 0))


def test_parsers() -> None:
    assert parse_day("2026-02-28") == date(2026, 2, 28)
    with pytest.raises(InvalidDate):
        parse_day("2026-02-30")
    with pytest.raises(InvalidDate, match="too early"):
        parse_day("0001-01-01")  # issue 15.12: calendars and streaks would walk 2000 years
    assert parse_day_start("05:30") == time(5, 30)
    assert parse_day_start("4:00") == time(4, 0)
    for bad in ("25:00", "noon", "13:00", "1_1:00", "4:-0", "٠٤:٠٠", "04:00 ", " 4:00", "4:0"):
        with pytest.raises(InvalidDate):
            parse_day_start(bad)


def test_a_thirty_year_old_day_is_still_a_day() -> None:
    assert parse_day("1996-11-30") == date(1996, 11, 30)
