"""Following the whole routine: one ``TimerSession`` per exercise, one after another.

The next exercise's session starts exactly at the previous one's end (its deadline, never the
moment a tick noticed it) and opens with the rest between exercises, so a whole routine keeps
the timer's accuracy. A run of one step is the single-exercise timer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from isotrack.domain.program import Planned
from isotrack.domain.records import DayRecord
from isotrack.domain.timer import Event, Finished, Pauses, SetCompleted, TimerSession


@dataclass(frozen=True)
class Step:
    """One exercise of a run and where its sets start: sets already done and, for a sided
    exercise, the (side, set number) of each set left (empty: sides alternate from left)."""

    item: Planned
    first_set_index: int = 0
    slots: tuple[tuple[str, int], ...] = ()

    @classmethod
    def for_day(cls, item: Planned, record: DayRecord) -> Step:
        """The exercise's sets not yet done on the day of ``record``."""
        return cls(item, item.done_sets(record), item.remaining_slots(record))


@dataclass(frozen=True)
class ExerciseStarted:
    """The run moved on to ``steps[index]`` at ``at`` (its rest before it begins)."""

    index: int
    at: float


@dataclass(frozen=True)
class RunFinished:
    """The whole run ended: every step done, or ``stopped`` by the user."""

    at: float
    stopped: bool
    sets: int  # completed sets in the run
    seconds: float  # time taken, pauses included


RunEvent = Event | ExerciseStarted | RunFinished
Command = Literal["pause", "resume", "skip", "end_hold", "stop", "skip_exercise"]


def remaining_steps(plan: Sequence[Planned], record: DayRecord) -> list[Step]:
    """The day's sets not done yet, exercise by exercise in routine order."""
    return [
        Step.for_day(item, record) for item in plan if item.done_sets(record) < item.planned_sets
    ]


class RoutineRun:
    """Runs ``steps`` in order. Methods mirror ``TimerSession`` and return its events plus
    ``ExerciseStarted`` and, at the end, ``RunFinished``."""

    def __init__(self, steps: Sequence[Step], pauses: Pauses, *, start: float) -> None:
        if not steps:
            raise ValueError("a run needs at least one step")
        self.steps = tuple(steps)
        self.pauses = pauses
        self.started = start
        self.index = 0
        self.sets = 0
        self.finished = False
        self.sessions = [self._session(0, start, lead_rest=0.0)]

    @property
    def session(self) -> TimerSession:
        """The session of the current exercise."""
        return self.sessions[-1]

    @property
    def has_next(self) -> bool:
        """True when another exercise follows the current one."""
        return self.index + 1 < len(self.steps)

    def _session(self, index: int, start: float, lead_rest: float) -> TimerSession:
        step = self.steps[index]
        return TimerSession(
            step.item.exercise,
            step.item.target,
            self.pauses,
            start=start,
            first_set_index=step.first_set_index,
            slots=step.slots,
            lead_rest=lead_rest,
        )

    def update(self, now: float) -> list[RunEvent]:
        """Catch up to ``now``, moving on through as many exercises as ended meanwhile."""
        return self._follow(self.session.update(now), now)

    def act(self, command: Command, now: float) -> list[RunEvent]:
        """Do what the user asked at ``now``: ``skip_exercise`` leaves the current exercise
        (keeping an unfinished set) for the next one, or stops after the last; any other
        command is the current session's (see ``TimerSession``: an unfinished set comes back
        as a partial set on ``stop``)."""
        if command != "skip_exercise":
            return self._follow(getattr(self.session, command)(now), now)
        if not self.has_next:
            return self.act("stop", now)
        events: list[RunEvent] = [*self.session.stop(now)]
        self._count(events)
        return [*events, *self._next(now, now)]

    def _follow(self, events: list[Event], now: float) -> list[RunEvent]:
        out: list[RunEvent] = list(events)
        self._count(events)
        while not self.finished and out and isinstance(out[-1], Finished):
            ended = out[-1]
            if ended.stopped or not self.has_next:
                self.finished = True
                out.append(RunFinished(ended.at, ended.stopped, self.sets, ended.at - self.started))
            else:
                out.extend(self._next(ended.at, now))
        return out

    def _next(self, at: float, now: float) -> list[RunEvent]:
        self.index += 1
        self.sessions.append(self._session(self.index, at, self.pauses.exercise_rest))
        events = self.session.update(now)
        self._count(events)
        return [ExerciseStarted(self.index, at), *events]

    def _count(self, events: Sequence[RunEvent]) -> None:
        self.sets += sum(1 for e in events if isinstance(e, SetCompleted) and e.completed)
