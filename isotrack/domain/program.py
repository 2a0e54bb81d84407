"""The program: routine, targets and schedule, each with a dated history."""

from __future__ import annotations

from datetime import date, timedelta
from typing import NamedTuple

from isotrack.domain import catalogue
from isotrack.domain.catalogue import Exercise
from isotrack.domain.records import DayRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import History, Target, start_target


class Planned(NamedTuple):
    """One exercise of a day's plan with the target in force that day (a named tuple, as
    the domain's small values are: see :class:`~isotrack.domain.schedule.Schedule`)."""

    exercise: Exercise
    target: Target

    @property
    def planned_sets(self) -> int:
        """Sets planned, both sides counted."""
        return self.target.planned_sets(self.exercise)

    def slots(self) -> list[str | None]:
        """One entry per planned set: its side (alternating) or None."""
        if not self.exercise.sided:
            return [None] * self.target.sets
        return [side for _ in range(self.target.sets) for side in self.exercise.sides]

    def done_sets(self, record: DayRecord) -> int:
        """Completed sets that count toward the plan (capped per side)."""
        if not self.exercise.sided:
            return min(self.target.sets, record.completed_sets(self.exercise.id))
        return sum(
            min(self.target.sets, record.completed_sets(self.exercise.id, side))
            for side in self.exercise.sides
        )

    def remaining_slots(self, record: DayRecord) -> tuple[tuple[str, int], ...]:
        """(side, set number) of each set still to do on a sided exercise, in the order to do
        them: always the side with fewer sets so far (left first on a tie), so sides logged
        unevenly catch up first and then alternate. Empty for an exercise without sides."""
        sides = self.exercise.sides
        done = {s: min(self.target.sets, record.completed_sets(self.exercise.id, s)) for s in sides}
        slots: list[tuple[str, int]] = []
        while sides and min(done.values()) < self.target.sets:
            side = min(sides, key=lambda s: done[s])
            done[side] += 1
            slots.append((side, done[side]))
        return tuple(slots)

    def next_side(self, record: DayRecord) -> str | None:
        """The side the next set should be on (the side with fewer sets, left first)."""
        if not self.exercise.sided:
            return None
        return min(self.exercise.sides, key=lambda s: record.completed_sets(self.exercise.id, s))


class Program(NamedTuple):
    """Routine, per-exercise targets and schedule, each applying from a date on (a named
    tuple, as the domain's records are: see :class:`~isotrack.domain.exercise.Target`; its
    values, the empty defaults too, are never changed in place)."""

    routine: History[tuple[str, ...]]
    targets: dict[str, History[Target]] = {}  # noqa: RUF012 (never changed in place)
    schedule: History[Schedule] = History()
    # The user's own exercises: each definition applies from the day it was made or edited,
    # so an edit never changes how a past day is judged (design §7).
    custom: dict[str, History[Exercise]] = {}  # noqa: RUF012 (never changed in place)

    @classmethod
    def new(cls, day: date, routine: tuple[str, ...], start: str = "gentle") -> Program:
        """A fresh program from ``day``: the routine at the gentle or full start."""
        program = cls(History().changed(day, routine), {}, History().changed(day, Schedule()))
        for exercise_id in routine:
            program = program.ensure_target(exercise_id, day, start)
        return program

    def exercise(self, exercise_id: str, day: date | None = None) -> Exercise:
        """A built-in or own exercise by id (an own one as defined on ``day``, else as now).

        The one lookup for every exercise the program may name; UnknownExercise otherwise.
        """
        found = catalogue.BY_ID.get(exercise_id)
        if found is not None:
            return found
        history = self.custom.get(exercise_id)
        if history is None:
            raise catalogue.UnknownExercise(exercise_id, tuple(self.custom))
        at = history.at(day) if day is not None else None
        return at if at is not None else history.latest()

    def own(self) -> dict[str, Exercise]:
        """The user's own exercises as they are now, by id."""
        return {i: h.latest() for i, h in self.custom.items()}

    def all_exercises(self) -> list[Exercise]:
        """The catalogue, then the user's own exercises."""
        return [*catalogue.CATALOGUE, *self.own().values()]

    def with_exercise(self, day: date, exercise: Exercise) -> Program:
        """This program with an own exercise defined (or redefined) from ``day`` on."""
        history = self.custom.get(exercise.id, History())
        return self._replace(custom={**self.custom, exercise.id: history.changed(day, exercise)})

    def without_exercise(self, exercise_id: str) -> Program:
        """This program without an own exercise (see :meth:`removal_problem` first)."""
        custom = {k: v for k, v in self.custom.items() if k != exercise_id}
        targets = {k: v for k, v in self.targets.items() if k != exercise_id}
        return self._replace(custom=custom, targets=targets)

    def removal_problem(self, exercise_id: str, has_sets: bool) -> str | None:
        """Why an own exercise cannot be deleted, or None when it can.

        Deleting is refused while any set of it is stored, and while any routine (today's or
        a past one) names it: those days are judged with it (design §7).
        """
        exercise = self.exercise(exercise_id)
        if not exercise.custom:
            return f"{exercise_id} is built in and cannot be removed"
        if has_sets:
            return (
                f"{exercise.name} has logged sets, so it stays: take it out of the routine "
                f"instead (isotrack routine --remove {exercise_id}); its history is kept"
            )
        if any(exercise_id in entry.value for entry in self.routine):
            return (
                f"{exercise.name} is or was in your routine, so it stays: take it out of the "
                f"routine instead (isotrack routine --remove {exercise_id})"
            )
        return None

    def first_day(self) -> date | None:
        """The first day the program applies to."""
        return self.routine.first_day()

    def target_on(self, exercise_id: str, day: date) -> Target | None:
        """The target of an exercise in force on ``day``."""
        history = self.targets.get(exercise_id)
        return history.at(day) if history else None

    def routine_on(self, day: date) -> tuple[str, ...]:
        """The routine's exercise ids in force on ``day`` (empty before the first day)."""
        return self.routine.at(day) or ()

    def is_rest_day(self, day: date) -> bool:
        """True when the schedule has no training on ``day``."""
        schedule = self.schedule.at(day)
        return schedule is not None and not schedule.is_training_day(day)

    def next_training_day(self, after: date) -> date | None:
        """The first day after ``after`` that is not a rest day (None: none within a week,
        which a schedule with no training days would give)."""
        for n in range(1, 8):
            day = after + timedelta(days=n)
            if not self.is_rest_day(day):
                return day
        return None

    def plan_for(self, day: date) -> list[Planned]:
        """The exercises of ``day`` with their targets in force, in routine order."""
        plan = []
        for exercise_id in self.routine_on(day):
            target = self.target_on(exercise_id, day)
            if target is not None and self.knows(exercise_id):
                plan.append(Planned(self.exercise(exercise_id, day), target))
        return plan

    def knows(self, exercise_id: str) -> bool:
        """True when the id is a built-in or one of the user's own exercises."""
        return exercise_id in catalogue.BY_ID or exercise_id in self.custom

    def completion(self, record: DayRecord) -> float:
        """Sets done ÷ sets planned on that day, capped at 1 (0 when nothing is planned)."""
        plan = self.plan_for(record.day)
        planned = sum(p.planned_sets for p in plan)
        if not planned:
            return 0.0
        return min(1.0, sum(p.done_sets(record) for p in plan) / planned)

    def with_target(self, exercise_id: str, day: date, target: Target) -> Program:
        """This program with ``target`` for the exercise from ``day`` on."""
        history = self.targets.get(exercise_id, History())
        return self._replace(targets={**self.targets, exercise_id: history.changed(day, target)})

    def ensure_target(self, exercise_id: str, day: date, start: str = "gentle") -> Program:
        """Give an exercise a starting target from ``day`` if it has none yet."""
        if exercise_id in self.targets:
            return self
        return self.with_target(exercise_id, day, start_target(self.exercise(exercise_id), start))

    def with_routine(self, day: date, routine: tuple[str, ...], start: str = "gentle") -> Program:
        """This program with ``routine`` from ``day`` on (new exercises get a start target)."""
        for exercise_id in routine:
            self.exercise(exercise_id)
        program = self._replace(routine=self.routine.changed(day, tuple(routine)))
        for exercise_id in routine:
            program = program.ensure_target(exercise_id, day, start)
        return program

    def with_schedule(self, day: date, schedule: Schedule) -> Program:
        """This program with ``schedule`` from ``day`` on."""
        return self._replace(schedule=self.schedule.changed(day, schedule))


def default_program(start: date) -> Program:
    """The program of a folder that has none yet: the default routine at the gentle start,
    from ``start`` on (a domain decision, so the store never picks a routine)."""
    return Program.new(start, catalogue.ROUTINES[catalogue.DEFAULT_ROUTINE])
