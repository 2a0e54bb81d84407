"""Each day's status and heatmap level (design §2): done, partial, missed, rest, skipped, before
the program, open today or in the future, judged from the program in force that day.

The store judges each day of a month for its summary as it writes, so this module holds only
what that needs; the streaks built from the statuses live in :mod:`isotrack.domain.streaks`.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Mapping
from datetime import date, timedelta
from enum import StrEnum
from operator import attrgetter
from typing import NamedTuple

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord

DEFAULT_DONE_THRESHOLD = 1.0
_EPS = 1e-9  # tolerance so a threshold such as 0.1 * 7 still matches 7 of 10 sets
_COMPLETED = attrgetter("completed")
_EXERCISE_SIDE = attrgetter("exercise", "side")


class DayKind(StrEnum):
    """What kind of day a calendar cell shows."""

    DONE = "done"  # a training day whose completion reached the done threshold
    PARTIAL = "partial"  # a past training day with some sets, short of done
    MISSED = "missed"  # a past training day with no sets
    OPEN = "open"  # today, not done yet (it may still be)
    REST = "rest"  # not a training day in the schedule in force (even if sets were done)
    SKIPPED = "skipped"  # marked skipped by the user
    BEFORE = "before"  # before the program's first day
    FUTURE = "future"  # after today


class DayStatus(NamedTuple):
    """One day: its kind, completion fraction (0–1) and heatmap level (0–4). (A named tuple:
    the store judges a day with every tick, and one is defined at import in a tenth of a
    dataclass's time.)

    ``fraction`` and ``level`` describe the sets logged even on rest and skipped days, so a
    calendar may shade them; ``kind`` says which mark to draw. Before the first day and in the
    future both are 0.
    """

    day: date
    kind: DayKind
    fraction: float
    level: int


def _check_threshold(done_threshold: float) -> None:
    if not 0 < done_threshold <= 1:
        raise ValueError(f"done_threshold must be a fraction in (0, 1], not {done_threshold}")


def is_done(fraction: float, done_threshold: float = DEFAULT_DONE_THRESHOLD) -> bool:
    """True when ``fraction`` reaches the done threshold."""
    return fraction > 0 and fraction >= done_threshold - _EPS


def level_for(fraction: float, done_threshold: float = DEFAULT_DONE_THRESHOLD) -> int:
    """Heatmap level: 0 nothing, 1 under ⅓, 2 under ⅔, 3 under 1, 4 done."""
    if is_done(fraction, done_threshold):
        return 4
    if fraction <= 0:
        return 0
    if fraction < 1 / 3 - _EPS:
        return 1
    if fraction < 2 / 3 - _EPS:
        return 2
    return 3


def day_statuses(
    program: Program,
    days: Mapping[date, DayRecord],
    first: date,
    last: date,
    today: date,
    done_threshold: float = DEFAULT_DONE_THRESHOLD,
) -> dict[date, DayStatus]:
    """The status of every day from ``first`` to ``last`` inclusive (e.g. one calendar year)."""
    _check_threshold(done_threshold)
    completion = _CachedCompletion.of(program)
    statuses: dict[date, DayStatus] = {}
    day = first
    while day <= last:
        record = days.get(day) or DayRecord(day)
        statuses[day] = _status(program, record, today, done_threshold, completion)
        day += timedelta(days=1)
    return statuses


def past_statuses(
    program: Program,
    days: Mapping[date, DayRecord],
    first: date,
    last: date,
    done_threshold: float = DEFAULT_DONE_THRESHOLD,
) -> list[DayStatus]:
    """Every day's status from ``first`` to ``last`` judged as if each were already past
    (never open or future). It does not depend on today, so it can be kept with the data;
    :func:`seen_on` turns it into the status shown on a given day."""
    return list(day_statuses(program, days, first, last, date.max, done_threshold).values())


def past_status(
    program: Program, record: DayRecord, done_threshold: float = DEFAULT_DONE_THRESHOLD
) -> DayStatus:
    """:func:`past_statuses` of ``record``'s day alone (a tick judges one day: no walk)."""
    _check_threshold(done_threshold)
    return _status(program, record, date.max, done_threshold, _CachedCompletion.of(program))


def seen_on(status: DayStatus, today: date) -> DayStatus:
    """A status from :func:`past_statuses` as :func:`day_status` gives it on ``today``."""
    if status.kind is DayKind.BEFORE or status.day < today:
        return status
    if status.day > today:
        return DayStatus(status.day, DayKind.FUTURE, 0.0, 0)
    if status.kind in (DayKind.PARTIAL, DayKind.MISSED):
        return DayStatus(status.day, DayKind.OPEN, status.fraction, status.level)
    return status


def _status(
    program: Program,
    record: DayRecord,
    today: date,
    done_threshold: float,
    completion: Callable[[DayRecord], float],
) -> DayStatus:
    day = record.day
    first = program.first_day()
    if first is None or day < first:
        return DayStatus(day, DayKind.BEFORE, 0.0, 0)
    if day > today:
        return DayStatus(day, DayKind.FUTURE, 0.0, 0)
    fraction = completion(record) if record.sets else 0.0
    level = level_for(fraction, done_threshold)
    if record.skipped is not None:
        kind = DayKind.SKIPPED
    elif program.is_rest_day(day):
        kind = DayKind.REST
    elif level == 4:
        kind = DayKind.DONE
    elif day == today:
        kind = DayKind.OPEN
    else:
        kind = DayKind.PARTIAL if fraction > 0 else DayKind.MISSED
    return DayStatus(day, kind, fraction, level)


class _CachedCompletion:
    """``Program.completion`` for many days: the plan is built once per stretch without
    routine or target changes, and each day's sets are counted in one pass. A day with sets
    the plan does not expect (another exercise, or a side on a one-sided exercise) goes to
    ``Program.completion`` itself."""

    def __init__(self, program: Program) -> None:
        self._program = program
        since = {e.since for e in program.routine}
        since.update(e.since for history in program.targets.values() for e in history)
        self._changes = sorted(since)
        self._plans: dict[int, _SegmentPlan] = {}

    @classmethod
    def of(cls, program: Program) -> _CachedCompletion:
        """The one for ``program``, made once while the same program object is asked about
        again (programs never change in place), so judging one day at a time plans it once.
        A few programs are remembered (each keeps its program, so no id is reused)."""
        known = _RECENT.get(id(program))
        if known is None or known._program is not program:
            if len(_RECENT) >= 4:
                _RECENT.clear()
            known = _RECENT[id(program)] = cls(program)
        return known

    def _plan(self, day: date) -> _SegmentPlan:
        segment = bisect_right(self._changes, day)
        if segment not in self._plans:
            plan = self._program.plan_for(day)
            caps = tuple(
                ((p.exercise.id, side), p.target.sets)
                for p in plan
                for side in (p.exercise.sides or (None,))
            )
            planned = sum(p.planned_sets for p in plan)
            caps_of: dict[tuple[str, str | None], tuple[int, ...]] = {}
            for key, cap in caps:  # (a key planned twice counts against each of its caps)
                caps_of[key] = (*caps_of.get(key, ()), cap)
            self._plans[segment] = _SegmentPlan(caps_of, frozenset(caps_of), planned)
        return self._plans[segment]

    def __call__(self, record: DayRecord) -> float:
        plan = self._plan(record.day)
        if not plan.planned:
            return 0.0
        # (a list counted per key done: a day holds a few dozen sets at most, and a Counter
        # took a third of the time of judging one)
        done_sets = list(map(_EXERCISE_SIDE, filter(_COMPLETED, record.sets)))
        if not plan.keys.issuperset(done_sets):
            return self._program.completion(record)
        caps_of = plan.caps_of
        done = sum(
            [min(cap, done_sets.count(key)) for key in set(done_sets) for cap in caps_of[key]]
        )
        return min(1.0, done / plan.planned)


_RECENT: dict[int, _CachedCompletion] = {}  # by program id: the programs last asked about


class _SegmentPlan(NamedTuple):
    caps_of: dict[tuple[str, str | None], tuple[int, ...]]  # (exercise, side): sets it counts
    keys: frozenset[tuple[str, str | None]]
    planned: int
