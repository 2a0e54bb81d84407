"""The one source of time: wall-clock "now" in the local timezone and a monotonic clock."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, tzinfo
from functools import lru_cache
from typing import Protocol

EPOCH = datetime(1970, 1, 1)
_DAY = 86_400
_SECOND = timedelta(seconds=1)
# An offset found the same at an instant and this long either side of it is taken to hold
# over all that stretch: zones change offset a few times a year, never twice in days.
_STEADY = 2 * _DAY


def _offset_at(seconds: int) -> int:
    """The system's UTC offset (seconds) at a POSIX time, from the C library."""
    return _offset_in(seconds, time.tzname)


@lru_cache(maxsize=64)
def _offset_in(seconds: int, _zone: tuple[str, str]) -> int:
    """One tick asks about the same instants several times: the last few are remembered,
    per zone (``time.tzname`` changes when the process re-reads TZ with ``time.tzset``)."""
    return time.localtime(seconds).tm_gmtoff


# A stretch of steady offset as bounds to compare with: zone names, first, end of instants,
# end of wall times, offset.
Quick = tuple[tuple[str, str], datetime, datetime, datetime, timedelta]


class SystemZone(tzinfo):
    """The computer's own time zone, asked through the C library for each instant (as
    dateutil's ``tzlocal`` does) so that no zone package is imported. Unlike the fixed offset
    ``astimezone()`` gives, it knows the offset an hour earlier differs across a clock change.

    Every tick asks it the time and the offset of a few instants: the stretch of days around
    the last one asked, when no change of offset falls in it, is remembered and answers them
    without asking the C library again.
    """

    def __init__(self) -> None:
        super().__init__()
        self._steady: tuple[tuple[str, str], int, int, timedelta] = (("", ""), 0, -1, _SECOND)
        # The same stretch as bounds in this zone, which a time in it is compared with in C
        # (one zone: by wall time alone): from the first bound, instants to the second and
        # wall times to the third (exclusive) are answered from it (see _learn).
        never = datetime.min.replace(tzinfo=self)
        self._quick: Quick = (("", ""), never, never, never, _SECOND)

    def _steady_over(self, first: int, last: int) -> timedelta | None:
        """The offset from ``first`` to ``last`` (seconds), if a steady stretch holds both."""
        zone, low, high, offset = self._steady
        return offset if low <= first and last <= high and zone == time.tzname else None

    def _learn(self, seconds: int) -> None:
        """Remember the stretch around ``seconds`` if its offset is the same throughout."""
        offset = _offset_at(seconds)
        if _offset_at(seconds - _STEADY) == offset == _offset_at(seconds + _STEADY):
            low, high, steady = seconds - _STEADY, seconds + _STEADY, timedelta(seconds=offset)
            self._steady = (time.tzname, low, high, steady)
            # the whole seconds s of an instant with _steady_over(s - _DAY, s), and w of a
            # wall time with _steady_over(w - _DAY, w + _DAY)
            try:
                first, instants, walls = (
                    (EPOCH + n * _SECOND).replace(tzinfo=self)
                    for n in (low + _DAY, high + 1, high - _DAY + 1)
                )
            except OverflowError:  # (a stretch at an end of the calendar: asked the long way)
                return
            self._quick = (time.tzname, first, instants, walls, steady)

    def fromutc(self, dt: datetime) -> datetime:
        zone, first, instants, _walls, steady_offset = self._quick
        if first <= dt < instants and zone == time.tzname:  # (dt: the UTC time, in this zone)
            return dt + steady_offset  # (a sum's fold is 0)
        naive = dt.replace(tzinfo=None)
        seconds = (naive - EPOCH) // _SECOND
        steady = self._steady_over(seconds - _DAY, seconds)
        if steady is not None:  # no change of offset within the day before: not a fold
            return (naive + steady).replace(tzinfo=self, fold=0)
        self._learn(seconds)
        offset = _offset_at(seconds)
        wall = dt.replace(tzinfo=None) + timedelta(seconds=offset)
        earlier = _offset_at(seconds - _DAY)  # the same wall time also came before, once?
        fold = int(offset < earlier and _offset_at(seconds - (earlier - offset)) == earlier)
        return wall.replace(tzinfo=self, fold=fold)

    def utcoffset(self, dt: datetime | None) -> timedelta:
        if dt is None:
            return timedelta(seconds=_offset_at(int(time.time())))
        zone, first, _instants, walls, steady_offset = self._quick
        if dt.tzinfo is self and first <= dt < walls and zone == time.tzname:
            return steady_offset
        wall = (dt.replace(tzinfo=None, fold=0) - EPOCH) // _SECOND
        steady = self._steady_over(wall - _DAY, wall + _DAY)
        if steady is not None:
            return steady
        self._learn(wall)
        before, after = _offset_at(wall - _DAY), _offset_at(wall + _DAY)
        if before == after and _offset_at(wall - before) == before:
            return timedelta(seconds=before)  # no change of offset near: the one offset
        valid = sorted(
            (
                o
                for o in {_offset_at(wall - _DAY), _offset_at(wall + _DAY)}
                if _offset_at(wall - o) == o
            ),
            reverse=True,
        )  # the largest offset is the earlier instant (fold 0)
        if not valid:  # a wall time skipped by a change: the offset before it (PEP 495)
            return timedelta(seconds=_offset_at(wall - _DAY))
        return timedelta(seconds=valid[min(dt.fold, len(valid) - 1)])

    def dst(self, dt: datetime | None) -> timedelta | None:
        return None

    def tzname(self, dt: datetime | None) -> str | None:
        return time.strftime("%Z", time.localtime((dt or datetime.now(UTC)).timestamp()))


class Clock(Protocol):
    """Gives the current local time and a monotonic reading in seconds."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clock: local time from the system (or ``zone``), ``time.monotonic``."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self._zone = zone or SystemZone()

    def now(self) -> datetime:
        """Aware local now, in a zone that knows its other offsets (see :class:`SystemZone`)."""
        return datetime.now(self._zone)

    def monotonic(self) -> float:
        """Seconds from an arbitrary start that never go backwards."""
        return time.monotonic()


class FakeClock:
    """A clock for tests, benchmarks and screenshots that only moves when told."""

    def __init__(self, now: datetime, monotonic: float = 1000.0) -> None:
        if now.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = now
        self._mono = monotonic

    def now(self) -> datetime:
        """The frozen wall time."""
        return self._now

    def monotonic(self) -> float:
        """The frozen monotonic reading."""
        return self._mono

    def advance(self, seconds: float) -> None:
        """Move both clocks forward."""
        self._now += timedelta(seconds=seconds)
        self._mono += seconds

    def set(self, now: datetime) -> None:
        """Jump the wall clock (the monotonic clock is untouched)."""
        self._now = now
