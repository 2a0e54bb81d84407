"""The one source of time: wall-clock "now" in the local timezone and a monotonic clock."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    """Gives the current local time and a monotonic reading in seconds."""

    def now(self) -> datetime: ...

    def monotonic(self) -> float: ...


class SystemClock:
    """The real clock: local time from the system (or ``zone``), ``time.monotonic``."""

    def __init__(self, zone: tzinfo | None = None) -> None:
        self._zone = zone

    def now(self) -> datetime:
        """Aware local now; without a zone, the system's UTC offset at this instant.

        ``astimezone()`` asks the C library, so the CLI need not import a time-zone package.
        """
        if self._zone is None:
            return datetime.now().astimezone()
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
