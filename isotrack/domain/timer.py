"""The live hold timer: a pure, deadline-based engine driven by monotonic clock readings.

The caller passes the monotonic time to every method; the engine never counts ticks. Each
countdown phase has a deadline and the next phase starts exactly at the previous deadline, so a
stalled caller loses nothing and nothing drifts.

Rules chosen here (design):
- Phases carry the position (set, rep, side) of the hold they lead to: Get ready and Rest carry
  the coming set, Relax carries the coming rep.
- Skipping or ending a Hold early counts the rep as done with the seconds actually held.
- Stopping does not count a Hold in progress; reps already finished in the current set are
  returned as a partial set (``completed=False``).
- Sided exercises alternate sides set by set, starting from ``first_side``. The rest between
  the two sides of one set (same set number) is the relax time, not the full rest.
- A session can open with a Rest (``lead_rest``): the pause between exercises of a routine.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.records import SetRecord
from isotrack.domain.targets import Target


class Phase(StrEnum):
    """What the user is doing right now."""

    GET_READY = "get_ready"
    HOLD = "hold"
    RELAX = "relax"
    REST = "rest"
    DONE = "done"


_LABELS: dict[Phase, str] = {
    Phase.GET_READY: "Get ready",
    Phase.HOLD: "Hold",
    Phase.RELAX: "Relax",
    Phase.REST: "Rest",
    Phase.DONE: "Done",
}
SWITCH_SIDE_LABEL = "Switch side"


@dataclass(frozen=True)
class PhaseStarted:
    """A phase began at monotonic time ``at`` (not emitted for skipped 0-second phases)."""

    phase: Phase
    set_index: int
    rep: int
    side: str | None
    at: float
    switch_side: bool = False


@dataclass(frozen=True)
class HoldStarted:
    """A hold began (a cue for the bell)."""

    set_index: int
    rep: int
    side: str | None
    at: float


@dataclass(frozen=True)
class HoldEnded:
    """A hold ended after ``held`` seconds (a cue for the bell)."""

    set_index: int
    rep: int
    side: str | None
    at: float
    held: float


@dataclass(frozen=True)
class SetCompleted:
    """A set to store: reps done and mean seconds held per rep (rounded to 0.1 s)."""

    set_index: int
    side: str | None
    reps: int
    hold_seconds: float
    completed: bool
    at: float


@dataclass(frozen=True)
class Finished:
    """The session ended: every set done, or ``stopped`` by the user."""

    at: float
    stopped: bool = False


Event = PhaseStarted | HoldStarted | HoldEnded | SetCompleted | Finished


@dataclass(frozen=True)
class Pauses:
    """Lengths of the pauses, in seconds."""

    get_ready: float
    relax: float
    rest: float
    exercise_rest: float


def _secs(seconds: float) -> str:
    return f"{seconds:g} s"


class TimerSession:
    """One exercise's timed sets, from ``first_set_index`` to the last planned set.

    ``pauses`` gives the Get ready, Relax and Rest lengths (the rest between exercises is the
    run's: a session after another opens with ``lead_rest``).
    ``first_set_index`` counts sets already done (both sides counted for sided exercises);
    ``first_side`` is the side of the first set to do (default: the side that index falls on),
    and the sides alternate from there. ``slots`` instead gives the (side, set number) of each
    set to do, for sides logged unevenly (see ``Planned.remaining_slots``).
    Every method taking ``now`` expects a monotonic reading in seconds that never goes back.
    Methods that change state return the events that happened, oldest first; events from
    construction are returned by the first such call.
    """

    def __init__(
        self,
        exercise: Exercise,
        target: Target,
        pauses: Pauses,
        *,
        start: float,
        first_set_index: int = 0,
        first_side: str | None = None,
        lead_rest: float = 0.0,
        slots: Sequence[tuple[str, int]] | None = None,
    ) -> None:
        if min(pauses.get_ready, pauses.relax, pauses.rest, lead_rest) < 0:
            raise ValueError("phase durations must not be negative")
        total = target.planned_sets(exercise)
        if not 0 <= first_set_index < total:
            raise ValueError(f"first_set_index must be from 0 to {total - 1}")
        sides = exercise.sides
        if slots:
            if len(slots) != total - first_set_index or any(s not in sides for s, _ in slots):
                raise ValueError("slots must give a side of the exercise for every set left")
            first_side = slots[0][0]
        if sides:
            first_side = first_side or sides[first_set_index % len(sides)]
            if first_side not in sides:
                raise ValueError(f"first_side must be one of {', '.join(sides)}")
        elif first_side is not None:
            raise ValueError(f"{exercise.id} has no sides")
        self.exercise = exercise
        self.target = target
        self.pauses = pauses
        self.set_total = total
        self._first_index = first_set_index
        self._slots: tuple[tuple[str | None, int], ...] = tuple(slots or ()) or tuple(
            _alternating(sides, first_side, first_set_index, total)
        )
        self._phase = Phase.GET_READY
        self._set_index = first_set_index
        self._rep = 1
        self._switch = False
        self._held: list[float] = []
        self._paused_at: float | None = None
        self._start = start
        self._deadline: float | None = None
        self._pending: list[Event] = []
        first = Phase.REST if lead_rest > 0 else Phase.GET_READY
        self._pending.extend(self._enter(first, start, lead_rest or None))

    # ----- commands -------------------------------------------------------------------------

    def update(self, now: float) -> list[Event]:
        """Advance through every phase whose deadline is at or before ``now``."""
        events = self._flush()
        if self._paused_at is not None:
            return events
        while self._deadline is not None and now >= self._deadline:
            events.extend(self._end_phase(self._deadline))
        return events

    def pause(self, now: float) -> list[Event]:
        """Freeze the timer (after catching up to ``now``); no effect when paused or done."""
        events = self.update(now)
        if self._paused_at is None and self._phase is not Phase.DONE:
            self._paused_at = now
        return events

    def resume(self, now: float) -> list[Event]:
        """Unfreeze; the phase start and deadline move forward by the time spent paused."""
        if self._paused_at is not None:
            shift = now - self._paused_at
            self._start += shift
            if self._deadline is not None:
                self._deadline += shift
            self._paused_at = None
        return self.update(now)

    def skip(self, now: float) -> list[Event]:
        """End the current phase now; a skipped Hold counts as a rep with the seconds held.

        A phase whose deadline already passed ends at its deadline instead. While paused, the
        next phase starts paused with its full duration.
        """
        events = self._flush()
        if self._phase is Phase.DONE:
            return events
        t = self._effective(now)
        if self._deadline is not None:
            t = min(t, self._deadline)
        events.extend(self._end_phase(t))
        if self._paused_at is not None:
            self._paused_at = None if self._phase is Phase.DONE else t
            return events
        events.extend(self.update(now))
        return events

    def end_hold(self, now: float) -> list[Event]:
        """End the current Hold (the stopwatch for max-hold exercises); [] outside a Hold."""
        if self._phase is not Phase.HOLD:
            return self._flush()
        return self.skip(now)

    def stop(self, now: float) -> list[Event]:
        """End the session; reps finished in the current set come back as a partial set."""
        events = self.update(now)
        if self._phase is Phase.DONE:
            return events
        t = self._effective(now)
        if self._held:
            events.append(self._set_completed(t, completed=False))
        events.extend(self._finish(t, stopped=True))
        return events

    # ----- read-only state ------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """The current phase."""
        return self._phase

    @property
    def switch_side(self) -> bool:
        """True during a Get ready that follows a change of side."""
        return self._switch

    @property
    def label(self) -> str:
        """Text for the current phase: "Get ready", "Switch side", "Hold", "Relax"…"""
        return SWITCH_SIDE_LABEL if self._switch else _LABELS[self._phase]

    @property
    def paused(self) -> bool:
        """True while paused."""
        return self._paused_at is not None

    @property
    def finished(self) -> bool:
        """True once the session is over."""
        return self._phase is Phase.DONE

    @property
    def counts_up(self) -> bool:
        """True when the clock is a stopwatch (a max-hold Hold) rather than a countdown."""
        return self._phase is Phase.HOLD and self._deadline is None

    @property
    def set_index(self) -> int:
        """0-based index of the current set over all planned sets (both sides counted)."""
        return self._set_index

    @property
    def set_number(self) -> int:
        """1-based set number, counted per side for sided exercises."""
        return self._number_of(self._set_index)

    @property
    def set_count(self) -> int:
        """Sets planned (per side for sided exercises)."""
        return self.target.sets

    @property
    def rep(self) -> int:
        """1-based rep being held, or coming next during Get ready, Relax and Rest."""
        return self._rep

    @property
    def rep_count(self) -> int:
        """Reps per set (1 for max-hold exercises)."""
        return 1 if self.exercise.mode is Mode.MAX else self.target.reps

    @property
    def reps_done(self) -> int:
        """Reps finished in the current set."""
        return len(self._held)

    @property
    def side(self) -> str | None:
        """Side of the current set, or None."""
        return self._side_of(self._set_index)

    @property
    def first_set_index(self) -> int:
        """Index of the session's first set (sets done before it began)."""
        return self._first_index

    def switches_side_at(self, index: int) -> bool:
        """True when set ``index`` is on another side than the set before it."""
        return index > self._first_index and self._side_of(index) != self._side_of(index - 1)

    @property
    def next_side(self) -> str | None:
        """During a Rest, the side of the coming set when it changes side (else None)."""
        if self._phase is Phase.REST and self.switches_side_at(self._set_index):
            return self.side
        return None

    @property
    def goal(self) -> int:
        """Hold seconds asked for (for max-hold exercises the goal, display only)."""
        return self.target.hold

    def remaining(self, now: float) -> float | None:
        """Seconds left in a countdown phase (never below 0); None for a stopwatch or done."""
        if self._deadline is None:
            return None
        return max(0.0, self._deadline - self._effective(now))

    def elapsed(self, now: float) -> float:
        """Seconds spent in the current phase, pauses excluded."""
        if self._phase is Phase.DONE:
            return 0.0
        return max(0.0, self._effective(now) - self._start)

    def fraction(self, now: float) -> float:
        """Fraction of the current set done, 0 to 1, for a progress bar."""
        if self._phase is Phase.DONE:
            return 1.0
        done = float(len(self._held))
        if self._phase is Phase.HOLD:
            done += min(1.0, self.elapsed(now) / self.target.hold)
        return min(1.0, done / self.rep_count)

    @property
    def next_text(self) -> str:
        """What comes after the current phase, e.g. "Next: Relax 3 s"."""
        hold = _secs(self.target.hold)
        if self._phase is Phase.DONE:
            return ""
        if self._phase in (Phase.GET_READY, Phase.RELAX):
            if self.exercise.mode is Mode.MAX:
                return f"Next: Hold as long as you can (goal {hold})"
            if self._phase is Phase.GET_READY:
                return f"Next: Hold {hold}"
            return f"Next: Hold {hold} (rep {self._rep} of {self.rep_count})"
        if self._phase is Phase.REST:
            return self._next_set_text(self._set_index, with_rest=False)
        if self._rep < self.rep_count:
            if self.pauses.relax > 0:
                return f"Next: Relax {_secs(self.pauses.relax)}"
            return f"Next: Hold {hold} (rep {self._rep + 1} of {self.rep_count})"
        if self._set_index + 1 >= self.set_total:
            return "Next: finished"
        index = self._set_index + 1
        return self._next_set_text(index, with_rest=self._rest_before(index) > 0)

    # ----- internals ------------------------------------------------------------------------

    def _side_of(self, index: int) -> str | None:
        if not self._first_index <= index < self.set_total:
            return None
        return self._slots[index - self._first_index][0]

    def _number_of(self, index: int) -> int:
        return self._slots[min(index, self.set_total - 1) - self._first_index][1]

    def _next_set_text(self, index: int, *, with_rest: bool) -> str:
        rest = f"{_secs(self._rest_before(index))} rest" if with_rest else ""
        if self.switches_side_at(index):
            then = f"switch to {self._side_of(index)} side"
            return f"Next: {rest}, then {then}" if rest else f"Next: {then}"
        after = f" after {rest}" if rest else ""
        return f"Next: Set {self._number_of(index)} of {self.set_count}{after}"

    def _effective(self, now: float) -> float:
        return self._paused_at if self._paused_at is not None else now

    def _flush(self) -> list[Event]:
        events, self._pending = self._pending, []
        return events

    def _rest_before(self, index: int) -> float:
        """The rest before set ``index``: the relax time between the sides of one set."""
        same_set = index > self._first_index and self._number_of(index) == self._number_of(
            index - 1
        )
        return self.pauses.relax if self.exercise.sides and same_set else self.pauses.rest

    def _duration(self, phase: Phase) -> float | None:
        if phase is Phase.HOLD:
            return None if self.exercise.mode is Mode.MAX else float(self.target.hold)
        if phase is Phase.REST:
            return self._rest_before(self._set_index)
        return self.pauses.get_ready if phase is Phase.GET_READY else self.pauses.relax

    def _enter(self, phase: Phase, t: float, duration: float | None = None) -> list[Event]:
        """Start ``phase`` at ``t`` (``duration``: its own length instead of the setting's);
        a 0-second countdown phase passes straight on."""
        duration = duration if duration is not None else self._duration(phase)
        if phase is not Phase.HOLD and duration == 0:
            return self._enter(Phase.GET_READY if phase is Phase.REST else Phase.HOLD, t)
        self._phase = phase
        self._start = t
        self._deadline = None if duration is None else t + duration
        self._switch = (
            phase is Phase.GET_READY
            and self._set_index > self._first_index
            and self.side != self._side_of(self._set_index - 1)
        )
        side = self.side
        events: list[Event] = [
            PhaseStarted(phase, self._set_index, self._rep, side, t, self._switch)
        ]
        if phase is Phase.HOLD:
            events.append(HoldStarted(self._set_index, self._rep, side, t))
        return events

    def _end_phase(self, t: float) -> list[Event]:
        """End the current phase at ``t`` and start the next one at ``t``."""
        if self._phase is not Phase.HOLD:
            if self._phase is Phase.REST:
                return self._enter(Phase.GET_READY, t)
            return self._enter(Phase.HOLD, t)
        held = t - self._start
        self._held.append(held)
        events: list[Event] = [HoldEnded(self._set_index, self._rep, self.side, t, held)]
        if self._rep < self.rep_count:
            self._rep += 1
            return [*events, *self._enter(Phase.RELAX, t)]
        events.append(self._set_completed(t, completed=True))
        if self._set_index + 1 >= self.set_total:
            return [*events, *self._finish(t, stopped=False)]
        self._set_index += 1
        self._rep = 1
        return [*events, *self._enter(Phase.REST, t)]

    def _set_completed(self, t: float, *, completed: bool) -> SetCompleted:
        mean = round(sum(self._held) / len(self._held), 1)
        event = SetCompleted(self._set_index, self.side, len(self._held), mean, completed, t)
        self._held = []
        return event

    def _finish(self, t: float, *, stopped: bool) -> list[Event]:
        self._phase = Phase.DONE
        self._start = t
        self._deadline = None
        self._switch = False
        self._paused_at = None
        return [Finished(t, stopped)]


def _alternating(
    sides: tuple[str, ...], first_side: str | None, first_index: int, total: int
) -> Iterator[tuple[str | None, int]]:
    """(side, set number) of sets ``first_index`` to ``total - 1``, sides alternating."""
    count = max(1, len(sides))
    for index in range(first_index, total):
        side = None
        if sides and first_side is not None:
            side = sides[(sides.index(first_side) + index - first_index) % count]
        yield side, index // count + 1


def best_hold(sets: Iterable[SetRecord], since: date) -> float | None:
    """The longest hold among ``sets`` on or after ``since`` (pass one exercise's sets)."""
    holds = [s.hold for s in sets if s.day >= since and s.reps > 0]
    return max(holds, default=None)
