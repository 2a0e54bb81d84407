"""A synthetic but lifelike history for demos, screenshots and benchmarks (pure, seeded)."""

from __future__ import annotations

import math
import random
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from dateutil.relativedelta import relativedelta

from isotrack.domain.catalogue import BY_ID, ROUTINES, Exercise, Mode
from isotrack.domain.program import Program
from isotrack.domain.progression import step_up
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import Target

MAX_GOAL = 60  # seconds: where the demo stops raising a max-hold goal (demo choice)
_RELAX = 3  # seconds between reps
_REST = 30  # seconds between sets

_SKIP_REASONS = ("a heavy cold", "travelling", "long day at work", "family visit", "")
_MON_TO_SAT = Schedule(frozenset(range(6)))


def _step_up(exercise: Exercise, target: Target) -> Target | None:
    """The next rung of the real ladder (``progression.step_up``), or None at the top; the
    demo stops raising a max-hold goal at MAX_GOAL."""
    higher = step_up(exercise, target)
    if higher is None or exercise.mode is not Mode.MAX or higher.hold <= MAX_GOAL:
        return higher
    return Target(higher.sets, higher.reps, MAX_GOAL) if target.hold < MAX_GOAL else None


@dataclass(frozen=True)
class _Flare:
    start: date
    length: int
    peak: float

    def extra(self, day: date) -> float:
        """Added pain on ``day``: a quick rise, then a slow settling."""
        t = (day - self.start).days
        if not 0 <= t < self.length:
            return 0.0
        return self.peak * min(1.0, (t + 1) / 2) * (1 - t / self.length)


class _Demo:
    """The simulation state; one instance builds one history."""

    def __init__(self, today: date, years: int, seed: int, zone: tzinfo) -> None:
        self.rng = random.Random(seed)
        self.zone = zone
        self.start = today - relativedelta(years=years)
        self.length = (today - self.start).days + 1
        self.serial = 0
        self.noise = 0.0
        rng = self.rng
        count = 2 + years // 3
        span = (self.length - 110) / count  # a flare in each stretch from day 60 to 50 days ago
        self.flares = [
            _Flare(
                self.start + timedelta(days=60 + int(span * i) + rng.randrange(int(span))),
                rng.randint(5, 12),
                rng.uniform(2.5, 4.0),
            )
            for i in range(count)
        ]
        self.away: dict[date, str] = {}  # one planned break a year, such as a trip
        for year in range(years):
            first = self.start + timedelta(days=365 * year + rng.randrange(30, 330))
            reason = rng.choice(_SKIP_REASONS[:-1])
            for i in range(rng.randint(2, 5)):
                self.away[first + timedelta(days=i)] = reason

    def next_id(self) -> str:
        self.serial += 1
        return f"demo-{self.serial}"

    def at(self, day: date, hour: int, minute: int) -> datetime:
        return datetime.combine(day, time(hour, minute), tzinfo=self.zone)

    def flare(self, day: date) -> float:
        return sum(f.extra(day) for f in self.flares)

    def morning_pain(self, day: date) -> int:
        """Morning pain drifting from about 6 to about 2, with noise and flares."""
        t = (day - self.start).days
        base = 2 + 4.5 * math.exp(-t / (min(self.length, 365) / 3))
        self.noise = 0.6 * self.noise + self.rng.gauss(0, 0.6)
        return _score(base + self.noise + self.flare(day))

    def session(self, program: Program, day: date, fraction: float) -> list[SetRecord]:
        """Sets for ``day``: the whole plan, or a first part of it when ``fraction`` < 1."""
        rng = self.rng
        slots = [(p, side) for p in program.plan_for(day) for side in p.slots()]
        finished = len(slots)
        if fraction < 1:
            finished = min(len(slots) - 1, max(1, int(len(slots) * fraction)))
        clock = self.at(day, rng.randint(8, 19), rng.randrange(0, 60, 5))
        sets = []
        for i, (planned, side) in enumerate(slots):
            if i > finished or (i == finished and rng.random() < 0.5):
                break
            target, exercise = planned.target, planned.exercise
            completed = i < finished
            if exercise.mode is Mode.MAX:
                reps = 1
                hold = round(target.hold * rng.uniform(0.85, 1.25) * (1 if completed else 0.5), 1)
            else:
                reps = target.reps if completed else rng.randint(1, max(1, target.reps - 1))
                hold = float(target.hold)
            clock += timedelta(seconds=reps * hold + (reps - 1) * _RELAX)
            sets.append(
                SetRecord(self.next_id(), exercise.id, day, reps, hold, clock, side, completed)
            )
            clock += timedelta(seconds=_REST)
        return sets

    def pain_after_session(self, day: date, morning: int, sets: list[SetRecord]) -> list[PainEntry]:
        """A worst-during score on most session days and an after score now and then."""
        rng = self.rng
        entries = []
        end = sets[-1].at
        during = _score(morning - 0.5 + rng.gauss(0, 0.8) + self.flare(day) / 2)
        if rng.random() < 0.75:
            entries.append(PainEntry(self.next_id(), day, PainKind.DURING, during, end))
        if rng.random() < 0.15:
            after = _score(during - 1 + rng.gauss(0, 0.7))
            entries.append(
                PainEntry(self.next_id(), day, PainKind.AFTER, after, end + timedelta(minutes=30))
            )
        return entries


def _score(value: float) -> int:
    return max(0, min(10, round(value)))


def demo_history(
    today: date, years: int = 1, seed: int = 0, *, zone: tzinfo
) -> tuple[Program, list[DayRecord]]:
    """A seeded, deterministic history of ``years`` years ending on ``today``.

    The beginner series starts gently and the core exercises join after about four months;
    targets climb the ladder every two to four weeks when training went well; adherence is
    about 80 % with runs and gaps; the schedule is Monday–Saturday for a while; a few days are
    skipped with a reason; morning pain falls from about 6 to about 2 with some flares. Today
    holds only a morning pain score, so it is still open. Returns the program and the non-empty
    day records in date order; ids are ``demo-1``, ``demo-2``, … and times are in ``zone``.
    """
    if years < 1:
        raise ValueError("years must be at least 1")
    demo = _Demo(today, years, seed, zone)
    rng, start, n = demo.rng, demo.start, demo.length
    core_day = start + timedelta(days=min(120, n // 3))
    six_days_from = start + timedelta(days=n * 2 // 5)
    six_days_until = six_days_from + timedelta(days=min(180, n // 4))

    program = Program.new(start, ROUTINES["beginner"])
    next_step = {e: start + timedelta(days=rng.randint(14, 28)) for e in ROUTINES["beginner"]}
    recent: deque[bool] = deque(maxlen=7)  # done or not, for the last training days
    gap = skip = 0
    skip_reason = ""
    records: list[DayRecord] = []

    for offset in range(n):
        day = start + timedelta(days=offset)
        if day == core_day:
            program = program.with_routine(day, ROUTINES["both"])
            for exercise_id in ROUTINES["core"]:
                next_step[exercise_id] = day + timedelta(days=rng.randint(14, 28))
        if day == six_days_from:
            program = program.with_schedule(day, _MON_TO_SAT)
        if day == six_days_until:
            program = program.with_schedule(day, Schedule())
        flaring = demo.flare(day) > 1
        for exercise_id in program.routine_on(day):
            if next_step[exercise_id] > day:
                continue
            if flaring or sum(recent) < 4:
                next_step[exercise_id] = day + timedelta(days=rng.randint(3, 7))
                continue
            target = program.target_on(exercise_id, day)
            higher = _step_up(BY_ID[exercise_id], target) if target else None
            if higher is not None:
                program = program.with_target(exercise_id, day, higher)
            next_step[exercise_id] = day + timedelta(days=rng.randint(14, 28))

        record = DayRecord(day)
        morning = demo.morning_pain(day)
        if day == today or rng.random() < 0.85:
            at = demo.at(day, rng.randint(6, 7), rng.randrange(0, 60, 5))
            record = record.with_pain(PainEntry(demo.next_id(), day, PainKind.MORNING, morning, at))
        fraction = 0.0
        if day == today or program.is_rest_day(day):
            pass
        elif day in demo.away:
            record = record._replace(skipped=demo.away[day])
        elif skip or rng.random() < 0.004 or (flaring and rng.random() < 0.1):
            if not skip:
                skip = rng.randint(1, 4)
                skip_reason = "back flare-up" if flaring else rng.choice(_SKIP_REASONS)
            skip -= 1
            record = record._replace(skipped=skip_reason)
        elif gap or rng.random() < 0.035:
            gap = gap - 1 if gap else rng.randint(0, 4)
        elif rng.random() < (0.4 if flaring else 0.09):
            fraction = rng.uniform(0.1, 0.95)
        else:
            fraction = 1.0
        if fraction:
            sets = demo.session(program, day, fraction)
            record = record._replace(sets=tuple(sets))
            for entry in demo.pain_after_session(day, morning, sets):
                record = record.with_pain(entry)
        if not program.is_rest_day(day) and record.skipped is None and day != today:
            recent.append(fraction >= 1)
        if not record.empty:
            records.append(record)
    return program, records
