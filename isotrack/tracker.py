"""The application service: today's plan and every change to it, over the store and a clock.

Both the CLI and the Textual app go through this, so a tick from either path is the same write.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Unpack

from isotrack.clock import Clock
from isotrack.domain.catalogue import ROUTINES, Exercise, Mode
from isotrack.domain.days import logical_day, parse_day_start
from isotrack.domain.exercise import InvalidExercise
from isotrack.domain.program import Planned, Program, default_program
from isotrack.domain.records import (
    MAX_SET_REPS,
    NOTE_LIMIT,
    Correction,
    DayRecord,
    PainEntry,
    PainKind,
    SetRecord,
)
from isotrack.domain.schedule import Schedule
from isotrack.domain.settings import Settings
from isotrack.domain.targets import Target, TargetParts, start_target, with_parts
from isotrack.errors import BadImport, InvalidInput
from isotrack.store.folder import LOCK_FILE
from isotrack.store.paths import ENV_VAR as DATA_ENV_VAR
from isotrack.store.paths import data_dir
from isotrack.store.store import Store, new_id

if TYPE_CHECKING:  # progression, streaks and own exercises are imported when first needed
    from isotrack.domain.custom import ExerciseSpec
    from isotrack.domain.pain_response import Response
    from isotrack.domain.program_log import LogEntry
    from isotrack.domain.progression import Suggestion, SuggestionSet
    from isotrack.domain.report import PeriodReport
    from isotrack.domain.status import StatusFacts
    from isotrack.domain.streaks import DayStatus, StreakStats
    from isotrack.store.doctor import Report
    from isotrack.store.exchange import ImportResult

__all__ = ["DATA_ENV_VAR", "InvalidInput", "TodayView", "Tracker", "YearDays"]

RECENT_DAYS = 62  # the first read for the current streak: about two months
# Month files whose summary may be read again while the streaks still count as quick: each
# costs a millisecond or two (its sealed summary); the month of the last tick is one.
QUICK_SUMMARY_MONTHS = 3
MORNING_UNTIL = time(12, 0)  # a pain score before this, before any set, is a morning score
DURING_MINUTES = 60
MAX_NOTE = (
    500  # characters in a day's note  # a pain score this soon after a set is a "during" score
)
PROGRAM_LOG = "program_log"  # meta key: how targets changed and suggestions were answered


class TodayView(NamedTuple):
    """One consistent read of today for the Today screen: the date is computed once. (A named
    tuple: every command imports the tracker, and one is made in a tenth of a dataclass's
    time.)"""

    day: date
    program: Program
    plan: list[Planned]
    record: DayRecord
    version: Hashable  # changes when the day's file or the main file changes
    suggestions: SuggestionSet | None  # None when not asked for (before the first frame)
    hidden: frozenset[str]  # exercises whose suggestion a dismissal hides today


class YearDays(Mapping[date, DayRecord]):
    """One year's recorded days; a month is read from the store when a day of it is first
    asked for (the calendar shows one day's details at a time)."""

    def __init__(self, store: Store, year: int) -> None:
        self._store = store
        self._year = year
        self._months: dict[int, dict[date, DayRecord]] = {}

    def _month(self, month: int) -> dict[date, DayRecord]:
        if month not in self._months:
            first = date(self._year, month, 1)
            last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            self._months[month] = self._store.days(first, last)
        return self._months[month]

    def __getitem__(self, day: date) -> DayRecord:
        if day.year != self._year:
            raise KeyError(day)
        return self._month(day.month)[day]

    def __iter__(self) -> Iterator[date]:
        for month in range(1, 13):
            yield from self._month(month)

    def __len__(self) -> int:
        return sum(len(self._month(month)) for month in range(1, 13))


class Tracker:
    """Reads and changes one data folder as of the clock's "now"; the only door to the data
    for the app and the commands (the store is private to it)."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self._store = store
        self.clock = clock

    @classmethod
    def open(
        cls,
        folder: str | os.PathLike[str] | None,
        clock: Clock,
        *,
        backup: bool = True,
        check: bool = True,
    ) -> Tracker:
        """Open a data folder (None: ``$ISOTRACK_DATA`` or the user data folder), creating it
        if needed; DataError naming a file that cannot be used. ``backup``: take the day's
        backup now if it is due; ``check``: check every data file now (the app does both
        after its first frame instead, see :meth:`check`)."""
        return cls(Store.open(data_dir(folder), clock, backup=backup, check=check), clock)

    @staticmethod
    def folder(folder: str | os.PathLike[str] | None = None) -> Path:
        """Where the data folder is (without opening it)."""
        return data_dir(folder)

    @property
    def root(self) -> Path:
        """The opened data folder."""
        return self._store.root

    # -- settings and the first run ---------------------------------------------------------

    @property
    def settings(self) -> Settings:
        """Current settings."""
        return self._store.settings()

    def save_setting(self, key: str, value: Any) -> Settings:
        """Check and store one setting (InvalidSetting when it is not valid)."""
        return self._store.save_setting(key, value)

    @property
    def safety_acknowledged(self) -> bool:
        """True once the user has read the safety notice."""
        return self._store.safety_acknowledged

    def acknowledge_safety(self) -> None:
        """Record, as of now, that the user has read the safety notice."""
        self._store.acknowledge_safety(self.clock.now())

    def needs_welcome(self) -> bool:
        """True until the safety notice is acknowledged (the app opens on the welcome)."""
        return not self._store.safety_acknowledged

    def is_set_up(self) -> bool:
        """True when a program is stored (set up by the welcome, ``init`` or a first set)."""
        return self._store.has_program()

    def holds_data(self) -> bool:
        """True when the folder holds anything but its lock file."""
        store = self._store
        return store.exists or any(p.name != LOCK_FILE for p in store.root.iterdir())

    def check(self) -> None:
        """Read and check every data file, as opening does unless told not to; DataError
        naming the first one that cannot be used."""
        with self._store.locked():
            self._store.check()

    def backup_if_due(self) -> Path | None:
        """Take the day's backup unless one was taken today; its path, or None."""
        return self._store.backup_if_due()

    # -- reading ----------------------------------------------------------------------------

    def today(self) -> date:
        """The logical day of now (design §1)."""
        return logical_day(self.clock.now(), self.settings.day_start_time)

    def program(self, today: date | None = None) -> Program:
        """The stored program (the default one on a fresh folder)."""
        return self._store.stored_program() or default_program(today or self.today())

    def plan(self, day: date | None = None) -> list[Planned]:
        """The day's exercises with the targets in force that day (empty on a rest day)."""
        day = day or self.today()
        return self._plan(self.program(), day)

    @staticmethod
    def _plan(program: Program, day: date) -> list[Planned]:
        return [] if program.is_rest_day(day) else program.plan_for(day)

    def day(self, day: date | None = None) -> DayRecord:
        """What is recorded on a day."""
        return self._store.day(day or self.today())

    def days(self, start: date, end: date) -> dict[date, DayRecord]:
        """The recorded days from ``start`` to ``end`` (reads only those months)."""
        return self._store.days(start, end)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month that has a file, in order."""
        return self._store.months()

    def version(self, day: date) -> Hashable:
        """A token that changes whenever the day's data or the main file changes (so a screen
        can tell, cheaply, that another process wrote)."""
        return self._store.version(day)

    def changed_since(self, day: date, version: Hashable) -> bool:
        """True when ``day`` or the main file changed since ``version`` was read."""
        return self._store.version(day) != version

    def today_view(self, with_suggestions: bool = True) -> TodayView:
        """Today's plan, record and (optionally) suggestions, read once for one refresh."""
        day = self.today()
        program = self.program(day)
        version = self._store.version(day)
        suggestions, hidden = None, frozenset[str]()
        if with_suggestions:
            suggestions = self.suggestions(day, program)
            hidden = self.hidden(suggestions)
        return TodayView(
            day=day,
            program=program,
            plan=self._plan(program, day),
            record=self._store.day(day),
            version=version,
            suggestions=suggestions,
            hidden=hidden,
        )

    def _persist_program(self, day: date) -> Program:
        """Make sure the program is stored (a fresh folder starts it on ``day``)."""
        stored = self._store.stored_program()
        return stored or self._store.ensure_program(default_program(min(day, self.today())))

    def _change_program(self, change: Callable[[Program], Program]) -> Program:
        """Read, change and store the program under the folder's lock (the default program
        from today stands in for one never stored)."""
        return self._store.update_program(default_program(self.today()), change)

    def log_set(
        self,
        exercise_id: str,
        day: date | None = None,
        side: str | None = None,
        reps: int | None = None,
        hold: float | None = None,
        completed: bool = True,
    ) -> SetRecord:
        """Record one set (defaults: the target in force that day); on disk when it returns."""
        now = self.clock.now()  # the set's time and the day it falls on
        settings, stored = self._store.settings_and_program()  # one read for all checks below
        day = self._in_program(self._not_future(day, now, settings), stored)
        exercise = (stored or self.program()).exercise(exercise_id, day)
        program = stored or self._persist_program(day)
        target = program.target_on(exercise_id, day) or start_target(exercise, "full")
        if exercise.sided:
            if side is None:
                side = Planned(exercise, target).next_side(self.day(day))
            elif side not in exercise.sides:
                raise InvalidInput(f"side must be one of {', '.join(exercise.sides)}")
        elif side is not None:
            raise InvalidInput(f"{exercise.id} is not done on sides; leave out --side")
        if reps is None:
            reps = target.reps
        if hold is None:
            hold = float(target.hold)
        least = 1 if completed else 0
        if not least <= reps <= MAX_SET_REPS or hold < 0:
            raise InvalidInput(
                f"reps must be from {least} to {MAX_SET_REPS} and hold must not be negative"
            )
        if completed and exercise.mode is Mode.FIXED and hold < 1:
            raise InvalidInput(f"a completed set of {exercise.name} holds at least 1 s")
        if exercise.mode is Mode.MAX:
            reps = 1
        record = SetRecord(
            id=new_id(),
            exercise=exercise_id,
            day=day,
            reps=reps,
            hold=round(float(hold), 1),
            at=now,
            side=side,
            completed=completed,
        )
        return self._store.add_set(record)

    def unlog(
        self, exercise_id: str, day: date | None = None, side: str | None = None
    ) -> SetRecord | None:
        """Remove the day's last set of an exercise (on ``side`` if given)."""
        exercise = self.exercise(exercise_id, day)
        if side is not None and side not in exercise.sides:
            raise InvalidInput(f"{exercise.id} has no side '{side}'")
        return self._store.remove_last_set(self._not_future(day), exercise_id, side)

    def set_target(self, exercise_id: str, **parts: Unpack[TargetParts]) -> Target:
        """Change an exercise's target from today on; parts not given stay as they are."""
        exercise = self.exercise(exercise_id)
        today = self.today()

        def change(program: Program) -> Program:
            current = program.target_on(exercise_id, today) or start_target(exercise, "gentle")
            return program.with_target(exercise_id, today, with_parts(current, **parts))

        program = self._change_program(change)
        target = program.target_on(exercise_id, today)
        assert target is not None
        self._log_by_hand(exercise_id, target=target)
        return target

    def set_routine(self, exercise_ids: tuple[str, ...]) -> Program:
        """Make the routine these exercises, in this order, from today on."""
        if not exercise_ids:
            raise InvalidInput("a routine needs at least one exercise")
        today = self.today()
        before = self.program().routine_on(today)
        program = self._change_program(
            lambda p: p.with_routine(today, tuple(dict.fromkeys(exercise_ids)))
        )
        self._log_routine_change(before, program.routine_on(today))
        return program

    def edit_routine(
        self, add: tuple[str, ...] = (), remove: tuple[str, ...] = (), at: int | None = None
    ) -> Program:
        """Add exercises at the end of the routine (or at place ``at``, where one unticked by
        mistake stood) and take others out, from today on. The rest is the routine as stored
        now (re-read under the lock), not as a screen last saw it."""
        program = self.program()
        for exercise_id in (*add, *remove):
            program.exercise(exercise_id)
        today = self.today()

        before = program.routine_on(today)

        def change(program: Program) -> Program:
            kept = [i for i in program.routine_on(today) if i not in remove]
            new = [i for i in dict.fromkeys(add) if i not in kept]  # one already in stays put
            place = len(kept) if at is None else max(0, min(at, len(kept)))
            ids = (*kept[:place], *new, *kept[place:])
            if not ids:
                raise InvalidInput("a routine needs at least one exercise")
            return program.with_routine(today, ids)

        program = self._change_program(change)
        self._log_routine_change(before, program.routine_on(today))
        return program

    def _log_routine_change(self, before: Iterable[str], after: Iterable[str]) -> None:
        """Note each exercise that joined or left the routine as changed by hand (the report
        says how the program changed)."""
        for exercise_id in sorted(set(before) ^ set(after)):
            self._log_by_hand(exercise_id, action="routine")

    def move_in_routine(self, exercise_id: str, step: int) -> Program:
        """Move one exercise ``step`` places up (−) or down (+) the stored routine."""
        today = self.today()

        def change(program: Program) -> Program:
            ids = list(program.routine_on(today))
            if exercise_id not in ids:
                return program
            index = ids.index(exercise_id)
            ids.insert(max(0, min(len(ids) - 1, index + step)), ids.pop(index))
            return program.with_routine(today, tuple(ids))

        return self._change_program(change)

    def set_schedule(self, schedule: Schedule) -> Program:
        """Training weekdays from today on."""
        today = self.today()
        return self._change_program(lambda p: p.with_schedule(today, schedule))

    def initialise(
        self,
        routine: str | tuple[str, ...],
        start: str,
        day_start: str | None,
        accept_safety: bool,
    ) -> Program:
        """Set up a folder: routine (a built-in name or exercise ids) and starting targets from
        today, day start, safety notice."""
        ids = ROUTINES[routine] if isinstance(routine, str) else tuple(dict.fromkeys(routine))
        if not ids:
            raise InvalidInput("a routine needs at least one exercise")
        if day_start is not None:
            parse_day_start(day_start)
            self._store.save_setting("day_start", day_start)
        today = self.today()

        def change(program: Program) -> Program:
            program = program.with_routine(today, ids, start)
            for exercise_id in ids:
                program = program.with_target(
                    exercise_id, today, start_target(program.exercise(exercise_id), start)
                )
            return program

        program = self._change_program(change)
        if accept_safety:
            self._store.acknowledge_safety(self.clock.now())
        return program

    # -- exercises, built-in and the user's own -------------------------------------------------

    def exercise(self, exercise_id: str, day: date | None = None) -> Exercise:
        """A built-in or own exercise (an own one as defined on ``day``); UnknownExercise."""
        return self.program().exercise(exercise_id, day)

    def exercises(self) -> list[Exercise]:
        """Every exercise: the catalogue, then the user's own."""
        return self.program().all_exercises()

    def add_exercise(self, spec: ExerciseSpec) -> Exercise:
        """Define a new own exercise from today (InvalidExercise: nothing is stored)."""
        from isotrack.domain.custom import new_exercise

        today = self.today()
        made: list[Exercise] = []

        def change(program: Program) -> Program:
            made.append(new_exercise(spec, program.own()))
            return program.with_exercise(today, made[-1])

        self._change_program(change)
        return made[-1]

    def edit_exercise(self, exercise_id: str, spec: ExerciseSpec) -> Exercise:
        """Change an own exercise from today on (past days keep the definition they had)."""
        from isotrack.domain.custom import edited

        today = self.today()
        made: list[Exercise] = []

        def change(program: Program) -> Program:
            made.append(edited(program.exercise(exercise_id), spec, program.own()))
            return program.with_exercise(today, made[-1])

        self._change_program(change)
        return made[-1]

    def remove_exercise(self, exercise_id: str) -> Exercise:
        """Delete an own exercise; refused while any set of it is stored or a routine names
        it (checked under the folder lock, so a set logged meanwhile is seen)."""
        removed: list[Exercise] = []

        from isotrack.store.exchange import iter_days  # every month: a rare, deliberate act

        def change(program: Program) -> Program:
            exercise = program.exercise(exercise_id)
            days = iter_days(self._store)
            has_sets = any(s.exercise == exercise_id for d in days for s in d.sets)
            problem = program.removal_problem(exercise_id, has_sets)
            if problem is not None:
                raise InvalidExercise(problem)
            removed.append(exercise)
            return program.without_exercise(exercise_id)

        self._change_program(change)
        return removed[-1]

    # -- calendar and streaks -----------------------------------------------------------------

    @property
    def done_threshold(self) -> float:
        """The done threshold as a fraction (the setting is a percentage)."""
        return self.settings.done_threshold / 100

    def year_days(self, year: int) -> tuple[Mapping[date, DayRecord], dict[date, DayStatus]]:
        """One calendar year: the recorded days (each month read when a day of it is first
        asked for) and every day's status (from the month summaries)."""
        return YearDays(self._store, year), self.year_statuses(year)

    def year_statuses(self, year: int) -> dict[date, DayStatus]:
        """Every day's status in one calendar year, from the month summaries."""
        from isotrack.domain.streaks import day_statuses, seen_on

        first, last, today = date(year, 1, 1), date(year, 12, 31), self.today()
        if not self._store.has_program():  # nothing recorded yet: judged under the default
            return day_statuses(self.program(), {}, first, last, today, self.done_threshold)
        return {
            status.day: seen_on(status, today)
            for summary in self._store.month_summaries(first, last)
            for status in summary.statuses()
        }

    def current_streak(self, through: date | None = None) -> int:
        """The current streak (design §2), reading back only as far as the run goes;
        ``through`` an earlier day: the run that ended on that day."""
        from isotrack.domain.streaks import DayKind, day_statuses

        program, today, threshold = self.program(), self.today(), self.done_threshold
        first = program.first_day()
        end, span, run = min(through or today, today), RECENT_DAYS, 0
        while first is not None and first <= end:
            start = max(first, end - timedelta(days=span - 1))
            days = self._store.days(start, end)
            statuses = day_statuses(program, days, start, end, today, threshold)
            for status in reversed(statuses.values()):
                if status.kind is DayKind.DONE:
                    run += 1
                elif status.kind in (DayKind.PARTIAL, DayKind.MISSED):
                    return run
            end, span = start - timedelta(days=1), span * 4
        return run

    def has_short_history(self) -> bool:
        """True when the whole history lies within the recent days (full streaks are cheap)."""
        first = self.program().first_day()
        return first is None or (self.today() - first).days < RECENT_DAYS

    def streaks_are_quick(self) -> bool:
        """True when :meth:`streak_stats` can answer from the stored month summaries (a few
        months at most to read again); False when they must be rebuilt first (after a change
        that applies to the past, or a history copied in), which takes long on a long one."""
        return self._store.months_to_summarize() <= QUICK_SUMMARY_MONTHS

    def streak_stats(self, until: date | None = None) -> StreakStats:
        """Current and longest streak, done days and 30-day rate as of ``until`` (default
        today), from the month summaries the store keeps (one small file for the whole
        history, whatever its length)."""
        from isotrack.domain.streaks import RATE_WINDOW_DAYS, StreakStats, seen_on, streaks_from
        from isotrack.store.summaries import runs

        program, today = self.program(), self.today()
        last = min(until or today, today)
        first = program.first_day()
        if first is None or first > last:
            return StreakStats(0, 0, 0, None)
        since = last - timedelta(days=RATE_WINDOW_DAYS)  # from its month on: full statuses
        window = date(since.year, since.month, 1)
        earlier, summaries = self._store.streak_summaries(first, window, last)
        recent = [
            seen_on(status, today)
            for summary in summaries
            for status in summary.statuses()
            if status.day <= last
        ]
        return streaks_from(recent, last, runs(earlier))

    def skip(self, day: date | None = None, reason: str | None = None) -> DayRecord:
        """Mark today or a past day skipped (it neither breaks nor extends a streak). Without
        a ``reason``, a day already skipped keeps the reason it had."""
        day = self._in_program(self._not_future(day))
        self._persist_program(self.today())

        def mark(record: DayRecord) -> DayRecord:
            kept = record.skipped or ""
            return record._replace(skipped=kept if reason is None else reason.strip())

        return self._store.update_day(day, mark)

    def unskip(self, day: date | None = None) -> bool:
        """Clear a day's skip mark; False when it was not marked."""
        day = self._not_future(day)
        if self._store.day(day).skipped is None:
            return False
        self._store.update_day(day, lambda d: d._replace(skipped=None))
        return True

    def set_note(self, day: date, text: str) -> DayRecord:
        """Replace a day's note (empty text clears it); whitespace runs become one space."""
        day = self._in_program(self._not_future(day))
        note = " ".join(text.split())
        if len(note) > MAX_NOTE:
            raise InvalidInput(f"a note is at most {MAX_NOTE} characters")
        self._persist_program(self.today())
        return self._store.update_day(day, lambda d: d._replace(note=note))

    def late_sets(self, day: date) -> list[SetRecord]:
        """Sets of ``day`` saved after it ended (a session that ran past the day start)."""
        start = self.settings.day_start_time
        return [s for s in self._store.day(day).sets if logical_day(s.at, start) > day]

    def untick_last(self, day: date) -> SetRecord | None:
        """Remove the set logged last on ``day`` (whatever the exercise); None if none."""
        record = self._store.day(self._not_future(day))
        if not record.sets:
            return None
        last = max(record.sets, key=lambda s: s.at)
        return self._store.remove_last_set(day, last.exercise, last.side)

    def _in_program(self, day: date, stored: Program | None = None) -> date:
        """``day``, unless it lies before the stored program's first day (InvalidInput);
        ``stored`` is that program when the caller has just read it."""
        stored = stored or self._store.stored_program()
        first = stored.first_day() if stored is not None else None
        if first is not None and day < first:
            raise InvalidInput(
                f"{day.isoformat()} is before your program's first day, {first.isoformat()}"
            )
        return day

    def _not_future(
        self, day: date | None, now: datetime | None = None, settings: Settings | None = None
    ) -> date:
        """``day`` (default today, as of ``now`` when given), unless it is after today
        (``settings``: the stored settings, when just read)."""
        settings = settings or self.settings
        today = logical_day(now or self.clock.now(), settings.day_start_time)
        if day is not None and day > today:
            raise InvalidInput(f"{day.isoformat()} is in the future; use today or a past day")
        return day or today

    # -- pain and progression -------------------------------------------------------------

    def default_pain_kind(self, day: date | None = None) -> PainKind:
        """The likely kind of a pain score recorded now for ``day`` (default today).

        During: within an hour of a set. Morning: before any set and before noon (and after
        the day start), or for an earlier day. After: otherwise.
        """
        today = self.today()
        if day is not None and day != today:
            return PainKind.MORNING
        now = self.clock.now()
        sets = self.day(today).sets
        last = max((s.at for s in sets), default=None)
        if last is not None and now - last <= timedelta(minutes=DURING_MINUTES):
            return PainKind.DURING
        morning = self.settings.day_start_time <= now.time() < MORNING_UNTIL
        return PainKind.MORNING if morning and not sets else PainKind.AFTER

    def wants_morning_score(self) -> bool:
        """True when the app should offer to record this morning's pain: the setting is on,
        it is before noon, and no morning score is recorded today."""
        if not self.settings.morning_prompt:
            return False
        if not self.settings.day_start_time <= self.clock.now().time() < MORNING_UNTIL:
            return False
        return not any(p.kind is PainKind.MORNING for p in self.day().pain)

    def add_pain(
        self,
        score: int,
        kind: PainKind | None = None,
        day: date | None = None,
        note: str = "",
        red_flag: bool = False,
    ) -> PainEntry:
        """Record a 0–10 pain score for today or a past day (kind: the likely one)."""
        if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 10:
            raise InvalidInput("a pain score is a whole number from 0 to 10")
        day = self._not_future(day)
        entry = PainEntry(
            id=new_id(),
            day=day,
            kind=kind or self.default_pain_kind(day),
            score=score,
            at=self.clock.now(),
            note=_note(note),
            red_flag=red_flag,
        )
        self._persist_program(day)
        return self._store.add_pain(entry)

    def suggestions(
        self, today: date | None = None, program: Program | None = None
    ) -> SuggestionSet:
        """Today's suggestions from the last 30 days (only those months are read)."""
        today = today or self.today()
        from isotrack.domain.progression import LOOKBACK_DAYS, suggest

        days = self._store.days(today - timedelta(days=LOOKBACK_DAYS - 1), today)
        return suggest(program or self.program(today), days, today, self.done_threshold)

    def apply_suggestion(self, suggestion: Suggestion) -> Program:
        """Accept a step up or back: the new target from today on (past days keep theirs);
        at the top of a ladder, the next exercise joins the routine."""
        if not suggestion.actionable:
            name = self.exercise(suggestion.exercise).name
            raise InvalidInput(f"no change is suggested for {name}: {suggestion.reason}")
        today = self.today()
        target, following = suggestion.target, suggestion.next_exercise
        if target is not None:
            program = self._change_program(
                lambda p: p.with_target(suggestion.exercise, today, target)
            )
        else:
            assert following is not None
            program = self._change_program(
                lambda p: p.with_routine(
                    today, tuple(dict.fromkeys((*p.routine_on(today), following)))
                ),
            )
        self._log_answer(suggestion, accepted=True)
        return program

    def accept(self, exercise_id: str) -> Suggestion:
        """Accept today's suggestion for one exercise; returns what was accepted."""
        exercise = self.exercise(exercise_id)
        suggestion = self.suggestions().for_exercise(exercise.id)
        if suggestion is None:
            raise InvalidInput(f"{exercise.name} is not in today's plan")
        self.apply_suggestion(suggestion)
        return suggestion

    def pain_response(self, entry: PainEntry) -> Response | None:
        """What a new pain entry of today calls for at once (design §3), against its day's
        baseline; a score back-filled for an earlier day calls for nothing now."""
        if entry.day != self.today():
            return None
        from isotrack.domain.pain_response import immediate_response
        from isotrack.domain.thresholds import BASELINE_DAYS
        from isotrack.domain.trend import morning_scores
        from isotrack.domain.zones import baseline

        days = self._store.days(entry.day - timedelta(days=BASELINE_DAYS), entry.day)
        return immediate_response(
            entry.kind, entry.score, baseline(morning_scores(days.values()), entry.day)
        )

    def pain_entries(self, days: int = 1) -> list[PainEntry]:
        """Pain entries of the last ``days`` logical days (1: today), oldest first."""
        if days < 1:
            raise InvalidInput("--days must be at least 1")
        today = self.today()
        records = self._store.days(today - timedelta(days=days - 1), today)
        return sorted((p for r in records.values() for p in r.pain), key=lambda p: (p.day, p.at))

    def pain_entry(self, entry_id: str) -> PainEntry:
        """The pain entry with this id, looked for from the newest month back."""
        for year, month in sorted(self._store.months(), reverse=True):
            first = date(year, month, 1)
            last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            for record in self._store.days(first, last).values():
                for entry in record.pain:
                    if entry.id == entry_id:
                        return entry
        raise InvalidInput(f"no pain entry has the id '{entry_id}' (see: isotrack pain --list)")

    def _change_pain(self, entry_id: str, change: Callable[[PainEntry], PainEntry | None]) -> None:
        day = self.pain_entry(entry_id).day

        def update(record: DayRecord) -> DayRecord:
            entry = next((p for p in record.pain if p.id == entry_id), None)
            if entry is None:
                raise InvalidInput(f"pain entry '{entry_id}' was removed meanwhile")
            changed = change(entry)
            if changed is None:
                return record.without_pain(entry_id)
            return record.with_pain_replaced(changed)

        self._store.update_day(day, update)

    def edit_pain(self, entry_id: str, by: str, **correction: Unpack[Correction]) -> PainEntry:
        """Correct a pain entry's score, kind or note; the old values stay in its history (a
        red flag is withdrawn as a mistake, never edited)."""
        score = correction.get("score")
        if score is not None and not (isinstance(score, int) and 0 <= score <= 10):
            raise InvalidInput("a pain score is a whole number from 0 to 10")
        if correction.get("red_flag") is not None:
            raise InvalidInput("a red flag is withdrawn as a mistake, not edited")
        note = correction.get("note")
        if note is not None:
            correction["note"] = _note(note)
        now = self.clock.now()
        edited: list[PainEntry] = []

        def change(entry: PainEntry) -> PainEntry:
            edited.append(entry.corrected(now, by, **correction))
            return edited[-1]

        self._change_pain(entry_id, change)
        return edited[-1]

    def delete_pain(self, entry_id: str) -> PainEntry:
        """Remove a pain entry recorded by mistake; a standing red flag must be withdrawn first
        (so a warning sign is never erased silently)."""
        removed: list[PainEntry] = []

        def change(entry: PainEntry) -> None:
            if entry.red_flag:
                raise InvalidInput(
                    "this entry carries a red flag; withdraw it first if it was recorded by "
                    "mistake (isotrack pain --withdraw-red-flag ID)"
                )
            removed.append(entry)

        self._change_pain(entry_id, change)
        return removed[-1]

    def withdraw_red_flag(self, entry_id: str, by: str) -> PainEntry:
        """Withdraw a red flag recorded by mistake; the withdrawal stays in the entry's history
        and the pause on suggestions ends (unless another red flag stands)."""
        now = self.clock.now()
        withdrawn: list[PainEntry] = []

        def change(entry: PainEntry) -> PainEntry:
            if not entry.red_flag:
                raise InvalidInput("this pain entry has no red flag to withdraw")
            withdrawn.append(entry.corrected(now, by, red_flag=False))
            return withdrawn[-1]

        self._change_pain(entry_id, change)
        return withdrawn[-1]

    def dismiss(self, suggestion: Suggestion) -> Suggestion:
        """Hide a suggestion while its facts stay the same (design §5, dismissals)."""
        from isotrack.domain.dismissals import Dismissal

        if not suggestion.actionable:
            raise InvalidInput("only a suggested change can be dismissed")
        dismissal = Dismissal.of(suggestion, self.today())
        self._store.dismiss_suggestion(suggestion.exercise, dismissal.as_dict())
        self._log_answer(suggestion, accepted=False)
        return suggestion

    def hidden(self, suggestions: SuggestionSet) -> frozenset[str]:
        """The exercises whose suggestion today is hidden by a dismissal still in force."""
        from isotrack.domain.dismissals import Dismissal, hides

        stored, today = self._store.dismissed_suggestions(), self.today()
        return frozenset(
            s.exercise
            for s in suggestions.suggestions
            if hides(Dismissal.from_dict(stored.get(s.exercise)), s, today)
        )

    # -- export, import, demo ---------------------------------------------------------------

    def export(self, fmt: str = "json", what: str = "sets", excel: bool = False) -> Iterator[str]:
        """Everything as JSON text, or as CSV every set (``what="pain"``: every pain score;
        ``excel``: a UTF-8 byte-order mark first), in pieces read a month at a time."""
        from isotrack.store.exchange import csv_chunks, export_chunks

        if fmt == "csv":
            return csv_chunks(self._store, what, excel)
        return export_chunks(self._store)

    def save_export(
        self, path: Path | None = None, fmt: str = "json", what: str = "sets", excel: bool = False
    ) -> Path:
        """Write the export atomically to ``path`` (default: the folder's ``exports/``, named
        by today); returns where it went."""
        from isotrack.store.exchange import export_path, write_export

        target = export_path(self._store, self.today()) if path is None else path
        return write_export(self._store, target, self.export(fmt, what, excel))

    def import_file(self, path: Path) -> ImportResult:
        """Check a whole export file (a regular file of sane size), then merge it a month at a
        time under one lock (BadImport: nothing written; OSError or UnicodeDecodeError: it
        cannot be read)."""
        from isotrack.store.exchange import import_file
        from isotrack.store.safe_json import JSONRefused, check_regular

        try:
            check_regular(path)
        except JSONRefused as exc:
            raise BadImport(f"the file {exc}") from None
        return import_file(self._store, lambda: path.open(encoding="utf-8"), self.today())

    def fill_demo(self, years: int, seed: int, accept_safety: bool) -> tuple[Program, int]:
        """Fill an empty folder with a seeded made-up history ending today; the program and
        the number of days written. InvalidInput when the folder already holds data."""
        from isotrack.domain.demo import demo_history

        if self.holds_data():
            raise InvalidInput(f"{self.root} already holds data; demo fills only an empty folder")
        zone = self.clock.now().tzinfo
        assert zone is not None  # the clock gives aware local times
        program, records = demo_history(self.today(), years, seed, zone=zone)
        self._store.save_program(program)
        self._store.write_days(records)
        if accept_safety:
            self.acknowledge_safety()
        return program, len(records)

    # -- a folder that may not open: doctor ---------------------------------------------------

    @staticmethod
    def examine(root: Path) -> Report:
        """Check every file of a folder without opening it as a store (permissions are fixed
        in passing)."""
        from isotrack.store.doctor import examine

        return examine(root)

    @staticmethod
    def restore(root: Path, report: Report, whole: bool, clock: Clock) -> list[str]:
        """Restore the newest good backup: the whole folder, or only the files with problems.
        Replaced files are kept aside; returns what was done, one line each."""
        from isotrack.store.doctor import restore
        from isotrack.store.folder import relpath

        newest = report.newest_good_backup()
        assert newest is not None
        only = None if whole else {relpath(root, p.path) for p in report.problems}
        return restore(root, newest.path, only, clock.now())

    @staticmethod
    def restore_scope(root: Path, report: Report, whole: bool) -> str:
        """What a restore would replace, in words."""
        from isotrack.store.folder import relpath

        if whole:
            return "the whole folder"
        return ", ".join(sorted({relpath(root, p.path) for p in report.problems}))

    # -- the report for a physiotherapist -------------------------------------------------

    def _log(self, entry: LogEntry) -> None:
        """Add an entry to the program log, which says how targets changed for the report."""
        from isotrack.domain.program_log import LOG_LIMIT

        with self._store.locked():
            docs = self._store.meta().get(PROGRAM_LOG)
            docs = docs if isinstance(docs, list) else []
            self._store.update_meta(**{PROGRAM_LOG: [*docs, entry.to_doc()][-LOG_LIMIT:]})

    def _log_by_hand(self, exercise_id: str, **values: Any) -> None:
        from isotrack.domain.program_log import How, LogEntry

        self._log(LogEntry(self.today(), How.BY_HAND, exercise_id, **values))

    def _log_answer(self, suggestion: Suggestion, accepted: bool) -> None:
        from isotrack.domain.program_log import How, LogEntry

        entry = LogEntry(
            day=self.today(),
            how=How.ACCEPTED if accepted else How.DISMISSED,
            exercise=suggestion.exercise,
            action=str(suggestion.action),
            target=suggestion.target,
            next_exercise=suggestion.next_exercise,
            reason=suggestion.reason,
        )
        self._log(entry)

    def program_log(self) -> list[LogEntry]:
        """How targets changed and which suggestions were answered, oldest first."""
        from isotrack.domain.program_log import log_from_docs

        return log_from_docs(self._store.meta().get(PROGRAM_LOG))

    def save_report(self, path: Path, text: str) -> Path:
        """Write a rendered report in one step (a crash leaves no half file; readable only by
        the user, as it holds health records); returns its absolute path."""
        from isotrack.store.atomic import write_bytes_atomic

        path = path.expanduser().absolute()
        write_bytes_atomic(path, text.encode("utf-8"))
        return path

    def report_data(self, start: date, end: date) -> PeriodReport:
        """What a report of the days ``start`` to ``end`` shows (figures as ``streak`` and
        ``suggest`` give them; today's suggestions when the period ends today)."""
        from isotrack.domain.report import build_report
        from isotrack.domain.streaks import day_statuses

        today = self.today()
        if end > today:
            raise InvalidInput(f"{end.isoformat()} is in the future; end the report by today")
        if start > end:
            raise InvalidInput("the report's first day must not be after its last day")
        program = self.program()
        lookback = start - timedelta(days=2 * 7)  # zones may look a week back, trends two
        days = self._store.days(lookback, min(today, end + timedelta(days=2)))
        statuses = day_statuses(program, days, start, end, today, self.done_threshold)
        return build_report(
            program,
            days,
            statuses,
            start,
            end,
            today,
            self.done_threshold,
            self.streak_stats(end),
            self.program_log(),
            self.suggestions() if end == today else None,
        )

    # -- the prompt's status line -----------------------------------------------------------

    def status(self) -> StatusFacts:
        """Today's sets, the streak through yesterday and the suggestions waiting, cached in
        the folder (:mod:`isotrack.store.glance`) so that the next ``isotrack status`` need
        not read the history: it reads the cache back through :mod:`isotrack.glance`."""
        from isotrack.domain.status import StatusFacts
        from isotrack.store import glance

        taken = glance.stamps(self._store.root)  # before reading: a write in between shows
        today = self.today()
        plan = self.plan(today)
        record = self.day(today)
        waiting = 0
        if plan:
            suggestions = self.suggestions()
            hidden = self.hidden(suggestions)
            waiting = sum(
                1 for s in suggestions.suggestions if s.actionable and s.exercise not in hidden
            )
        facts = StatusFacts(
            today,
            sum(item.planned_sets for item in plan),
            sum(item.done_sets(record) for item in plan),
            rest_day=not plan and self.program().is_rest_day(today),
            skipped=record.skipped is not None,
            streak_before=self.current_streak(today - timedelta(days=1)),
            suggestions=waiting,
            threshold=self.done_threshold,
        )
        glance.write(self._store.root, facts, self.settings.day_start, taken)
        return facts


def _note(note: str) -> str:
    """A note as stored: whitespace collapsed, at most NOTE_LIMIT characters."""
    clean = " ".join("".join(ch if ch.isprintable() else " " for ch in note).split())
    if len(clean) > NOTE_LIMIT:
        raise InvalidInput(f"a note is at most {NOTE_LIMIT} characters (this one has {len(clean)})")
    return clean
