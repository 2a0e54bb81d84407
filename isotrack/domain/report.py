"""What a report for a physiotherapist holds, computed from the records of a period.

Every figure comes from the functions the rest of isotrack uses (day statuses and streaks,
morning scores, the trend, zones), so the report says what ``streak`` and ``suggest`` say.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise
from statistics import median
from typing import Literal

from isotrack.domain.catalogue import UnknownExercise
from isotrack.domain.exercise import Exercise
from isotrack.domain.program import Program
from isotrack.domain.program_log import How, LogEntry
from isotrack.domain.progression import SuggestionSet
from isotrack.domain.records import DayRecord, PainEntry
from isotrack.domain.streaks import DayKind, DayStatus, StreakStats
from isotrack.domain.targets import Target
from isotrack.domain.trend import (
    WINDOW_DAYS,
    Direction,
    Trend,
    last_morning,
    meaningful_improvement,
    morning_scores,
    pain_trend,
)
from isotrack.domain.zones import Zone, day_zones, worst_during

DEFAULT_WEEKS = 6  # the period a report covers unless told otherwise (design)
WEEK_DAYS = 7
TRAINING_KINDS = (DayKind.DONE, DayKind.PARTIAL, DayKind.MISSED)  # as streaks count them


@dataclass(frozen=True)
class Week:
    """One week of the period: training days counted as streaks count them."""

    start: date
    end: date
    planned: int  # training days (not rest, not skipped; today once done)
    done: int
    completion: float | None  # mean share of planned sets done, None without a training day
    skipped: int


@dataclass(frozen=True)
class PainDay:
    """One day's pain: the morning score the trend uses and the worst "during" score."""

    day: date
    morning: int | None
    during: int | None
    zone: Zone | None
    red_flag: bool


@dataclass(frozen=True)
class PainChange:
    """Median morning pain of the period's first and last week, and where it went: DOWN or UP
    only for a meaningful change (design §4), INSUFFICIENT when either week has no score."""

    before: float | None
    after: float | None
    direction: Direction


@dataclass(frozen=True)
class TargetChange:
    """A target or routine change inside the period."""

    day: date
    exercise: str
    before: Target | None
    after: Target | None  # None: the exercise left the routine
    how: How | None  # accepted or by hand; None when the program log does not say
    what: str = ""  # for routine changes: "added to the routine" or "left the routine"


NoteKind = Literal["day", "skipped", "red flag", "withdrawn red flag", "pain"]


@dataclass(frozen=True)
class Note:
    """A dated piece of the user's own text, or a skip or a red flag (which have dates too).
    ``text`` is the user's words, "" when they gave none; ``pain`` is the entry a pain note or
    a red flag came with (the report names it by its kind and score)."""

    day: date
    kind: NoteKind
    text: str
    pain: PainEntry | None = None


@dataclass(frozen=True)
class PeriodReport:
    """Everything the five sections show, for the days ``start`` to ``end``."""

    start: date
    end: date
    today: date
    first_day: date | None
    routine: tuple[str, ...]  # exercise ids in force on ``end``
    done_threshold: float  # the share of planned sets that makes a day done
    statuses: tuple[DayStatus, ...]
    weeks: tuple[Week, ...]
    total: Week
    streaks: StreakStats  # as of ``end`` over the whole history
    pain: tuple[PainDay, ...]
    trend_start: Trend  # the first 14 days of the period
    trend_end: Trend  # the last 14 days (the trend ``suggest`` shows when ``end`` is today)
    change: PainChange
    red_flags: tuple[Note, ...]
    targets_start: tuple[tuple[str, Target], ...]
    targets_end: tuple[tuple[str, Target], ...]
    changes: tuple[TargetChange, ...]
    dismissed: tuple[LogEntry, ...]
    notes: tuple[Note, ...]
    suggestions: SuggestionSet | None  # today's, when the period ends today
    # Every exercise the report names, built-in or the user's own, as defined on ``end``; an id
    # the program no longer knows is missing (the renderers show the id itself).
    exercises: Mapping[str, Exercise]


def period(
    today: date, weeks: int | None, start: date | None, end: date | None
) -> tuple[date, date]:
    """The days a report covers: from ``start`` (or ``weeks`` whole weeks back, by default
    ``DEFAULT_WEEKS``) to ``end`` (by default today)."""
    end = end or today
    if start is None:
        start = end - timedelta(days=WEEK_DAYS * (weeks or DEFAULT_WEEKS) - 1)
    return start, end


def _week(statuses: list[DayStatus], start: date, end: date) -> Week:
    counted = [s for s in statuses if s.kind in TRAINING_KINDS]
    fractions = [s.fraction for s in counted]
    return Week(
        start=start,
        end=end,
        planned=len(counted),
        done=sum(s.kind is DayKind.DONE for s in counted),
        completion=sum(fractions) / len(fractions) if fractions else None,
        skipped=sum(s.kind is DayKind.SKIPPED for s in statuses),
    )


def weekly(statuses: Iterable[DayStatus], start: date, end: date) -> list[Week]:
    """The period in weeks from ``start`` (the last one may be short)."""
    by_day = {s.day: s for s in statuses}
    weeks = []
    first = start
    while first <= end:
        last = min(end, first + timedelta(days=WEEK_DAYS - 1))
        days = [by_day[d] for d in _dates(first, last) if d in by_day]
        weeks.append(_week(days, first, last))
        first = last + timedelta(days=1)
    return weeks


def _dates(first: date, last: date) -> Iterable[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def meaningful_rise(before: float | None, after: float | None) -> bool:
    """A rise of at least 2 points or 30%: the mirror of ``meaningful_improvement`` (a fall
    from ``before`` to ``2·before − after`` is the same size as this rise), so both directions
    share the thresholds kept there."""
    if before is None or after is None:
        return False
    return meaningful_improvement(before, 2 * before - after)


def pain_change(morning: Mapping[date, int], start: date, end: date) -> PainChange:
    """The median morning score of the first and the last 7 days, and where it went."""
    first_end = min(end, start + timedelta(days=WEEK_DAYS - 1))
    last_start = max(start, end - timedelta(days=WEEK_DAYS - 1))
    first = [s for d, s in morning.items() if start <= d <= first_end]
    last = [s for d, s in morning.items() if last_start <= d <= end]
    before = float(median(first)) if first else None
    after = float(median(last)) if last else None
    if before is None or after is None:
        direction = Direction.INSUFFICIENT
    elif meaningful_improvement(before, after):
        direction = Direction.DOWN
    elif meaningful_rise(before, after):
        direction = Direction.UP
    else:
        direction = Direction.FLAT
    return PainChange(before, after, direction)


def pain_days(days: Mapping[date, DayRecord], start: date, end: date) -> list[PainDay]:
    """Morning and worst "during" score and the zone of every day of the period."""
    zones = day_zones(days)
    out = []
    for day in _dates(start, end):
        record = days.get(day) or DayRecord(day)
        out.append(
            PainDay(
                day,
                last_morning(record),
                worst_during(record),
                zones.get(day),
                any(p.red_flag for p in record.pain),
            )
        )
    return out


def _how(log: list[LogEntry], day: date, exercise: str, target: Target | None) -> How | None:
    """How the change of ``exercise`` on ``day`` was made, from the newest matching entry;
    None when the log holds none."""
    for entry in reversed(log):
        if entry.day != day or entry.how is How.DISMISSED:
            continue
        if entry.exercise == exercise and (target is None or entry.target == target):
            return entry.how
        if entry.next_exercise == exercise and entry.how is How.ACCEPTED:
            return How.ACCEPTED
    return None


def target_changes(
    program: Program, start: date, end: date, log: list[LogEntry]
) -> list[TargetChange]:
    """Target changes and routine changes dated inside the period, oldest first."""
    changes = []
    for exercise, history in program.targets.items():
        entries = list(history)
        for before, after in pairwise(entries):
            if start <= after.since <= end:
                how = _how(log, after.since, exercise, after.value)
                changes.append(TargetChange(after.since, exercise, before.value, after.value, how))
    routine = list(program.routine)
    for before, after in pairwise(routine):
        if not start <= after.since <= end:
            continue
        for exercise in after.value:
            if exercise not in before.value:
                target = program.target_on(exercise, after.since)
                how = _how(log, after.since, exercise, None)
                changes.append(
                    TargetChange(after.since, exercise, None, target, how, "added to the routine")
                )
        for exercise in before.value:
            if exercise not in after.value:
                how = _how(log, after.since, exercise, None)
                changes.append(
                    TargetChange(after.since, exercise, None, None, how, "left the routine")
                )
    return sorted(changes, key=lambda c: (c.day, c.exercise))


def notes_of(days: Mapping[date, DayRecord], start: date, end: date) -> list[Note]:
    """Day notes, pain notes, skip reasons and red flags of the period, in date order."""
    notes = []
    for day in _dates(start, end):
        record = days.get(day)
        if record is None:
            continue
        if record.note:
            notes.append(Note(day, "day", record.note))
        if record.skipped is not None:
            notes.append(Note(day, "skipped", record.skipped))
        for entry in sorted(record.pain, key=lambda p: p.at):
            if entry.red_flag:
                notes.append(Note(day, "red flag", entry.note, entry))
            elif entry.withdrawn_red_flag:  # kept, as the safety rules keep it (design §3)
                notes.append(Note(day, "withdrawn red flag", entry.note, entry))
            elif entry.note:
                notes.append(Note(day, "pain", entry.note, entry))
    return notes


def _targets_on(
    program: Program, day: date, known: Mapping[str, Exercise]
) -> tuple[tuple[str, Target], ...]:
    return tuple(
        (exercise, target)
        for exercise in program.routine_on(day)
        if exercise in known and (target := program.target_on(exercise, day)) is not None
    )


def _named(program: Program, ids: Iterable[str | None], day: date) -> dict[str, Exercise]:
    """The exercises behind ``ids`` as defined on ``day`` (an own exercise's name is the
    user's, and its mode decides how a target reads); ids the program no longer knows are
    left out."""
    known = {}
    for exercise_id in dict.fromkeys(i for i in ids if i):
        try:
            known[exercise_id] = program.exercise(exercise_id, day)
        except UnknownExercise:
            continue
    return known


def _mentioned(
    program: Program,
    start: date,
    end: date,
    changes: Iterable[TargetChange],
    log: Iterable[LogEntry],
    suggestions: SuggestionSet | None,
) -> Iterable[str | None]:
    """Every exercise id a report of ``start`` to ``end`` may name: the routines in force,
    the changes, the log's answers and today's suggestions."""
    for routine in program.routine.during(start, end):
        yield from routine.value
    yield from (c.exercise for c in changes)
    for entry in log:
        yield from (entry.exercise, entry.next_exercise)
    for suggestion in suggestions.suggestions if suggestions else ():
        yield from (suggestion.exercise, suggestion.next_exercise)


def build_report(
    program: Program,
    days: Mapping[date, DayRecord],
    statuses: Mapping[date, DayStatus],
    start: date,
    end: date,
    today: date,
    done_threshold: float,
    streaks: StreakStats,
    log: list[LogEntry],
    suggestions: SuggestionSet | None = None,
) -> PeriodReport:
    """The report of ``start`` to ``end``.

    ``days`` holds the records from ``start`` to two days after ``end`` (the zones of the last
    days need the next mornings); ``statuses`` the status of every day of the period;
    ``streaks`` the streak figures as of ``end``; ``suggestions`` today's, when ``end`` is today.
    """
    period = [statuses[d] for d in _dates(start, end)]
    morning = morning_scores(days.values())
    in_period = {d: r for d, r in days.items() if start <= d <= end}
    pain = pain_days(days, start, end)
    red_flags = [n for n in notes_of(in_period, start, end) if n.kind == "red flag"]
    first_window_end = min(end, start + timedelta(days=WINDOW_DAYS - 1))
    changes = target_changes(program, start, end, log)
    dismissed = [e for e in log if e.how is How.DISMISSED and start <= e.day <= end]
    mentioned = _mentioned(program, start, end, changes, dismissed, suggestions)
    known = _named(program, mentioned, end)
    return PeriodReport(
        start=start,
        end=end,
        today=today,
        first_day=program.first_day(),
        routine=program.routine_on(end),
        done_threshold=done_threshold,
        statuses=tuple(period),
        weeks=tuple(weekly(period, start, end)),
        total=_week(period, start, end),
        streaks=streaks,
        pain=tuple(pain),
        trend_start=pain_trend(morning, first_window_end),
        trend_end=pain_trend(morning, end),
        change=pain_change(morning, start, end),
        red_flags=tuple(red_flags),
        targets_start=_targets_on(program, start, known),
        targets_end=_targets_on(program, end, known),
        changes=tuple(changes),
        dismissed=tuple(dismissed),
        notes=tuple(notes_of(in_period, start, end)),
        suggestions=suggestions,
        exercises=known,
    )
