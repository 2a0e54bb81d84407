"""The hold timer: guides every rep of one exercise, or of the whole routine, and stores each set
the moment it ends.

Timing is deadline-based (design §1): a 20 Hz tick reads the injected monotonic clock and lets the
``RoutineRun`` catch up to it, so late or dropped ticks never make the timer drift. Cues
(design §8) go to the app's cue player, which returns at once: sound never delays a tick.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from typing import ClassVar

from textual import events, getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from isotrack.cues import Cue, CuePlan, Kind, Player, next_exercise, routine_done
from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.routine_run import (
    Command,
    ExerciseStarted,
    RoutineRun,
    RunEvent,
    RunFinished,
    Step,
)
from isotrack.domain.timer import (
    Finished,
    Pauses,
    Phase,
    PhaseStarted,
    SetCompleted,
    TimerSession,
    best_hold,
)
from isotrack.presentation.words import plural
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.styles import stylesheet
from isotrack.ui.widgets.timer_face import DONE_TEXT, TimerFace

TICK_SECONDS = 1 / 20  # redraw rate; timing never depends on it
LINGER_SECONDS = 3.0  # how long "Done" stays up before going back to Today
BEST_DAYS = 30  # the best hold shown for max-hold exercises covers this many days
STOP_QUESTION = "Stop here? The set so far is kept.  (esc or y: stop · other keys: go on)"
MID_SET = (Phase.HOLD, Phase.RELAX)  # Esc asks before stopping in these


def duration_words(seconds: float) -> str:
    """ "12 min 5 s" for a summary."""
    minutes, secs = divmod(round(seconds), 60)
    return f"{minutes} min {secs} s" if minutes else f"{secs} s"


class TimerScreen(Screen[None]):
    """Guides ``steps`` (one exercise, or the day's remaining routine) on ``day``."""

    CSS_PATH: ClassVar = stylesheet("timer.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("space", "end_hold", "End hold"),
        Binding("n", "skip", "Skip phase"),
        Binding("s", "skip_exercise", "Skip exercise"),
        Binding("escape", "stop", "Stop"),
        Binding("escape", "leave_now", "Back to Today"),  # once done, as the text says
    ]

    app = getters.app(AppBase)

    def __init__(self, steps: Sequence[Step], day: date, *, routine: bool = False) -> None:
        super().__init__()
        self.clock = self.app.tracker.clock
        self.day = day
        self.routine = routine
        settings = self.app.tracker.settings
        pauses = Pauses(settings.get_ready, settings.relax, settings.rest, settings.exercise_rest)
        self.run = RoutineRun(steps, pauses, start=self.clock.monotonic())
        self.plan = CuePlan(count_in=settings.count_in)
        self.player: Player | None = None
        self.best = self._best_hold(self.exercise)
        self.completed_sets = 0
        self.partial_reps = 0
        self.asking = False
        self._auto_paused = False
        self._saves: set[asyncio.Task[None]] = set()
        self._finished: RunFinished | None = None
        self._leaving = False

    @property
    def session(self) -> TimerSession:
        """The current exercise's session."""
        return self.run.session

    @property
    def exercise(self) -> Exercise:
        """The exercise under way."""
        return self.run.steps[self.run.index].item.exercise

    def _best_hold(self, exercise: Exercise) -> float | None:
        if exercise.mode is not Mode.MAX:
            return None
        since = self.day - timedelta(days=BEST_DAYS - 1)
        days = self.app.tracker.days(since, self.day)
        sets = [s for r in days.values() for s in r.sets if s.exercise == exercise.id]
        return best_hold(sets, since)

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="timer-body"):
            yield Static(id="timer-title")
            yield Static(id="timer-cue")
            yield TimerFace(id="timer-face")
            yield Static(id="timer-goal", markup=False)
        yield Footer()

    def show_exercise(self) -> None:
        """Name the exercise under way, how to do it and (max holds) the goal."""
        ex = self.exercise
        target = self.session.target.label(ex)
        where = ""
        if self.routine:
            where = f"  ·  exercise {self.run.index + 1} of {len(self.run.steps)}"
        self.query_one("#timer-title", Static).update(
            Content.assemble((ex.name, "bold"), (f"  ·  {target}{where}", "dim"))
        )
        position = (f"{ex.position}\n", "dim") if ex.position else ""  # own ones have none
        self.query_one("#timer-cue", Static).update(Content.assemble(position, ex.cue))
        goal = self.query_one("#timer-goal", Static)
        goal.display = ex.mode is Mode.MAX
        if ex.mode is Mode.MAX:
            goal.update(self._goal_text(), layout=False)

    def _goal_text(self) -> str:
        best = "none yet" if self.best is None else f"{self.best:.1f} s"
        return f"Goal {self.session.goal} s  ·  Best in the last {BEST_DAYS} days: {best}"

    def on_mount(self) -> None:
        self.sub_title = "Whole routine" if self.routine else "Hold timer"
        self.player = self.app.cue_player()
        self.show_exercise()
        self.set_interval(TICK_SECONDS, self.tick)
        self.tick()

    # -- the clock -------------------------------------------------------------------------

    def tick(self) -> None:
        """Catch the run up to the clock and redraw; go back to Today once done."""
        now = self.clock.monotonic()
        self.apply(self.run.update(now), now)
        self.draw(now)
        if (
            self._finished is not None
            and now - self._finished.at >= LINGER_SECONDS
            and self.is_current
            and not self._leaving
        ):
            self._leaving = True
            self.call_later(self._leave)

    def draw(self, now: float) -> None:
        """Show the run as of ``now``."""
        session, heading = self.session, None
        if self.asking:
            heading = STOP_QUESTION
        elif session.phase is Phase.REST and session.set_index == session.first_set_index:
            heading = f"REST  ·  NEXT: {self.exercise.name.upper()}"  # between exercises
            if session.paused:
                heading += "  ·  PAUSED"
        self.query_one(TimerFace).show(session, now, heading=heading, done_text=self._done_text())

    def apply(self, events: list[RunEvent], now: float) -> None:
        """React to run events observed at ``now``: cues, colours, keys, storing sets."""
        cues: list[Cue] = []
        index = self.run.index - sum(isinstance(e, ExerciseStarted) for e in events)
        for event in events:
            session = self.run.sessions[index]
            if isinstance(event, ExerciseStarted):
                index = event.index
                self.best = self._best_hold(self.run.steps[index].item.exercise)
                self.show_exercise()
                cues.append(next_exercise(self.run.steps[index].item.exercise))
            elif isinstance(event, RunFinished):
                self._finished = event
                self.asking = False
                if self.routine and not event.stopped:
                    cues = [c for c in cues if c.kind is not Kind.EXERCISE_DONE]
                    cues.append(routine_done(event.sets))
            else:
                if isinstance(event, SetCompleted):
                    self._store(event, session.exercise)
                cues.extend(self.plan.for_events([event], session))
        count = self.plan.count_in(self.session, now)
        if count is not None:
            cues.append(count)
        if cues and self.player is not None:
            self.player.play(cues)
        if any(isinstance(e, PhaseStarted | Finished | ExerciseStarted) for e in events):
            self.refresh_bindings()

    def _store(self, event: SetCompleted, exercise: Exercise) -> None:
        """Queue the set for the writer thread (in order); the loop never waits for disk."""
        if event.completed:
            self.completed_sets += 1
        else:
            self.partial_reps = event.reps
        is_max = exercise.mode is Mode.MAX
        if is_max and event.completed and event.hold_seconds > (self.best or 0.0):
            self.best = event.hold_seconds
            self.query_one("#timer-goal", Static).update(self._goal_text(), layout=False)
        task = asyncio.create_task(
            self._save(
                self.app.tracker.log_set,
                exercise.id,
                self.day,
                event.side,
                event.reps,
                event.hold_seconds,
                event.completed,
            )
        )
        self._saves.add(task)
        task.add_done_callback(self._saves.discard)

    async def _save(self, fn: Callable[..., object], *args: object) -> None:
        """One write; a failure has been shown to the user and the run goes on."""
        with contextlib.suppress(NotSaved):
            await self.app.write(fn, *args)

    def _done_text(self) -> str:
        if not self.routine or self._finished is None:
            return DONE_TEXT
        return f"{self._summary()}  Back to Today in a moment (esc to go now)."

    async def _leave(self) -> None:
        """Wait until this run's sets are on disk, then go back to Today."""
        self._leaving = True
        if self._saves:
            await asyncio.gather(*self._saves)
        if not self.is_current:  # e.g. help opened meanwhile: the tick retries once it closes
            self._leaving = False
            return
        if self.completed_sets or self.partial_reps or self.routine:
            self.app.notify(
                self._summary(), title="Routine" if self.routine else self.exercise.name
            )
        self.dismiss()

    def _summary(self) -> str:
        sets = self.completed_sets
        text = f"{plural(sets, 'set')} saved." if sets else ""
        if self.routine and self._finished is not None:
            done = "Routine stopped" if self._finished.stopped else "Routine done"
            text = f"{done}: {plural(sets, 'set')} in "
            text += f"{duration_words(self._finished.seconds)}."
        if self.partial_reps:
            reps = self.partial_reps
            text += (
                f" The unfinished set was kept with {plural(reps, 'rep')}; "
                "it does not count as done."
            )
        return text.strip()

    # -- keys ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Space means pause, resume or end hold depending on the moment."""
        session = self.session
        if action == "pause":
            return not (session.paused or session.counts_up or session.finished)
        if action == "resume":
            return session.paused
        if action == "end_hold":
            return session.counts_up and not session.paused
        if action == "skip":
            return not session.finished
        if action == "skip_exercise":
            return self.routine and self.run.has_next and not self.run.finished
        if action == "stop":
            return not session.finished
        if action == "leave_now":
            return session.finished
        return True

    def _run(self, command: Command) -> None:
        now = self.clock.monotonic()
        self.apply(self.run.act(command, now), now)
        self.draw(now)
        self.refresh_bindings()

    def action_pause(self) -> None:
        """Freeze the countdown."""
        self._run("pause")

    def action_resume(self) -> None:
        """Go on; the deadline moves by the time paused."""
        self._run("resume")

    def action_end_hold(self) -> None:
        """Stop the stopwatch of a max hold and keep the time held."""
        self._run("end_hold")

    def action_skip(self) -> None:
        """Go straight to the next phase (a skipped hold counts with the time held)."""
        self._run("skip")

    def action_skip_exercise(self) -> None:
        """Go on to the next exercise of the routine (an unfinished set is kept)."""
        self._run("skip_exercise")

    async def stop_keeping_progress(self) -> None:
        """Stop the run and wait until its sets, the unfinished one too, are on disk."""
        if not self._leaving and not self.run.finished:
            self._run("stop")
        if self._saves:
            await asyncio.gather(*self._saves)

    async def action_stop(self) -> None:
        """Stop: finished sets stay, an unfinished one is kept as partial; back to Today.
        In the middle of a set it asks first."""
        if self._leaving:
            return
        if self.session.phase in MID_SET and not self.asking:
            self.asking = True
            self.draw(self.clock.monotonic())
            return
        self.asking = False
        self._run("stop")
        await self._leave()

    async def action_leave_now(self) -> None:
        """Done: go back to Today now rather than in a moment (esc, as before)."""
        await self.action_stop()

    async def on_key(self, event: events.Key) -> None:
        """While asking "stop here?": esc or y stops, any other key goes on."""
        if not self.asking:
            return
        event.stop()
        event.prevent_default()
        if event.key in ("escape", "y"):
            await self.action_stop()
        else:
            self.asking = False
            self.draw(self.clock.monotonic())

    # -- help and settings pause the timer -------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Another screen (help, settings, the palette) covers the timer: pause it."""
        if not (self.session.paused or self.run.finished or self._leaving):
            self._auto_paused = True
            self._run("pause")

    def on_screen_resume(self) -> None:
        """Back on the timer: go on if it was paused by covering it."""
        if self._auto_paused:
            self._auto_paused = False
            self._run("resume")
