"""The hold timer: guides every rep of one exercise and stores each set the moment it ends.

Timing is deadline-based (design §1): a 20 Hz tick reads the injected monotonic clock and lets the
``TimerSession`` catch up to it, so late or dropped ticks never make the timer drift.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from isotrack.domain.catalogue import Mode
from isotrack.domain.program import Planned
from isotrack.domain.timer import (
    Event,
    Finished,
    HoldEnded,
    HoldStarted,
    PhaseStarted,
    SetCompleted,
    TimerSession,
    best_hold,
)
from isotrack.presentation.words import plural
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.styles import stylesheet
from isotrack.ui.widgets.timer_face import TimerFace

TICK_SECONDS = 1 / 20  # redraw rate; timing never depends on it
LINGER_SECONDS = 3.0  # how long "Done" stays up before going back to Today
BEST_DAYS = 30  # the best hold shown for max-hold exercises covers this many days


class TimerScreen(Screen[None]):
    """Guides one exercise from ``first_set_index`` to its last planned set of ``day``."""

    CSS_PATH: ClassVar = stylesheet("timer.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "pause", "Pause"),
        Binding("space", "resume", "Resume"),
        Binding("space", "end_hold", "End hold"),
        Binding("n", "skip", "Skip phase"),
        Binding("escape", "stop", "Stop"),
    ]

    app = getters.app(AppBase)

    def __init__(
        self,
        item: Planned,
        day: date,
        first_set_index: int = 0,
        first_side: str | None = None,
    ) -> None:
        super().__init__()
        tracker = self.app.tracker
        self.clock = tracker.clock
        self.exercise = item.exercise
        self.day = day
        settings = tracker.settings
        self.bell = settings.bell
        self.session = TimerSession(
            item.exercise,
            item.target,
            settings.get_ready,
            settings.relax,
            settings.rest,
            start=self.clock.monotonic(),
            first_set_index=first_set_index,
            first_side=first_side,
        )
        self.best = self._best_hold() if item.exercise.mode is Mode.MAX else None
        self.completed_sets = 0
        self.partial_reps = 0
        self._saves: set[asyncio.Task[None]] = set()
        self._finished_at: float | None = None
        self._leaving = False

    def _best_hold(self) -> float | None:
        since = self.day - timedelta(days=BEST_DAYS - 1)
        days = self.app.tracker.days(since, self.day)
        sets = [s for r in days.values() for s in r.sets if s.exercise == self.exercise.id]
        return best_hold(sets, since)

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        ex = self.exercise
        yield Header()
        with Vertical(id="timer-body"):
            yield Static(
                Content.assemble(
                    (ex.name, "bold"), (f"  ·  {self.session.target.label(ex)}", "dim")
                ),
                id="timer-title",
            )
            position = (f"{ex.position}\n", "dim") if ex.position else ""
            yield Static(Content.assemble(position, ex.cue), id="timer-cue")
            yield TimerFace(id="timer-face")
            if ex.mode is Mode.MAX:
                yield Static(self._goal_text(), id="timer-goal", markup=False)
        yield Footer()

    def _goal_text(self) -> str:
        best = "none yet" if self.best is None else f"{self.best:.1f} s"
        return f"Goal {self.session.goal} s  ·  Best in the last {BEST_DAYS} days: {best}"

    def on_mount(self) -> None:
        self.sub_title = "Hold timer"
        self.set_interval(TICK_SECONDS, self.tick)
        self.tick()

    # -- the clock -------------------------------------------------------------------------

    def tick(self) -> None:
        """Catch the session up to the clock and redraw; go back to Today once done."""
        now = self.clock.monotonic()
        self.apply(self.session.update(now), now)
        self.query_one(TimerFace).show(self.session, now)
        if (
            self._finished_at is not None
            and now - self._finished_at >= LINGER_SECONDS
            and self.is_current
            and not self._leaving
        ):
            self._leaving = True
            self.call_later(self._leave)

    def apply(self, events: list[Event], now: float) -> None:
        """React to engine events observed at ``now``: bell, colours, keys, storing sets."""
        ring = False
        for event in events:
            if isinstance(event, HoldStarted | HoldEnded):
                ring = True
            elif isinstance(event, SetCompleted):
                self._store(event)
            elif isinstance(event, Finished):
                self._finished_at = event.at
        if ring and self.bell:
            self.app.bell()
        if any(isinstance(e, PhaseStarted | Finished) for e in events):
            self.refresh_bindings()

    def _store(self, event: SetCompleted) -> None:
        """Queue the set for the writer thread (in order); the loop never waits for disk."""
        if event.completed:
            self.completed_sets += 1
        else:
            self.partial_reps = event.reps
        is_max = self.exercise.mode is Mode.MAX
        if is_max and event.completed and event.hold_seconds > (self.best or 0.0):
            self.best = event.hold_seconds
            self.query_one("#timer-goal", Static).update(self._goal_text(), layout=False)
        task = asyncio.create_task(
            self._save(
                self.app.tracker.log_set,
                self.exercise.id,
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
        """One write; a failure has been shown to the user and the session goes on."""
        with contextlib.suppress(NotSaved):
            await self.app.write(fn, *args)

    async def _leave(self) -> None:
        """Wait until this session's sets are on disk, then go back to Today."""
        self._leaving = True
        if self._saves:
            await asyncio.gather(*self._saves)
        if not self.is_current:  # e.g. help opened meanwhile: the tick retries once it closes
            self._leaving = False
            return
        if self.completed_sets or self.partial_reps:
            self.app.notify(self._summary(), title=self.exercise.name)
        self.dismiss()

    def _summary(self) -> str:
        sets = self.completed_sets
        text = f"{plural(sets, 'set')} saved." if sets else ""
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
        return True

    def _run(self, command: str) -> None:
        now = self.clock.monotonic()
        self.apply(getattr(self.session, command)(now), now)
        self.query_one(TimerFace).show(self.session, now)
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

    async def stop_keeping_progress(self) -> None:
        """Stop the session and wait until its sets, the unfinished one too, are on disk."""
        if not self._leaving and not self.session.finished:
            self._run("stop")
        if self._saves:
            await asyncio.gather(*self._saves)

    async def action_stop(self) -> None:
        """Stop: finished sets stay, an unfinished one is kept as partial; back to Today."""
        if self._leaving:
            return
        self._run("stop")
        await self._leave()
