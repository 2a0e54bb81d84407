"""The program: routine, targets and schedule, each with a dated history."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from isotrack.domain import catalogue
from isotrack.domain.catalogue import Exercise
from isotrack.domain.records import DayRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import History, Target, start_target


@dataclass(frozen=True)
class Planned:
    """One exercise of a day's plan with the target in force that day."""

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


@dataclass(frozen=True)
class Program:
    """Routine, per-exercise targets and schedule, each applying from a date on."""

    routine: History[tuple[str, ...]]
    targets: dict[str, History[Target]] = field(default_factory=dict)
    schedule: History[Schedule] = field(default_factory=History)

    @classmethod
    def new(cls, day: date, routine: tuple[str, ...], start: str = "gentle") -> Program:
        """A fresh program from ``day``: the routine at the gentle or full start."""
        program = cls(History().changed(day, routine), {}, History().changed(day, Schedule()))
        for exercise_id in routine:
            program = program.ensure_target(exercise_id, day, start)
        return program

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
            if target is not None and exercise_id in catalogue.BY_ID:
                plan.append(Planned(catalogue.BY_ID[exercise_id], target))
        return plan

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
        return replace(self, targets={**self.targets, exercise_id: history.changed(day, target)})

    def ensure_target(self, exercise_id: str, day: date, start: str = "gentle") -> Program:
        """Give an exercise a starting target from ``day`` if it has none yet."""
        if exercise_id in self.targets:
            return self
        return self.with_target(exercise_id, day, start_target(catalogue.get(exercise_id), start))

    def with_routine(self, day: date, routine: tuple[str, ...], start: str = "gentle") -> Program:
        """This program with ``routine`` from ``day`` on (new exercises get a start target)."""
        for exercise_id in routine:
            catalogue.get(exercise_id)
        program = replace(self, routine=self.routine.changed(day, tuple(routine)))
        for exercise_id in routine:
            program = program.ensure_target(exercise_id, day, start)
        return program

    def with_schedule(self, day: date, schedule: Schedule) -> Program:
        """This program with ``schedule`` from ``day`` on."""
        return replace(self, schedule=self.schedule.changed(day, schedule))


def default_program(start: date) -> Program:
    """The program of a folder that has none yet: the default routine at the gentle start,
    from ``start`` on (a domain decision, so the store never picks a routine)."""
    return Program.new(start, catalogue.ROUTINES[catalogue.DEFAULT_ROUTINE])
