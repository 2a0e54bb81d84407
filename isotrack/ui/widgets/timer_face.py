"""The face of the hold timer: phase, big clock, position in the set, progress and what is next."""

from __future__ import annotations

import math

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from isotrack.domain.catalogue import Mode
from isotrack.domain.timer import Phase, TimerSession
from isotrack.ui.widgets.big_clock import BigClock

DONE_TEXT = "Well done. Back to Today in a moment (esc to go now)."
PHASE_CLASSES: dict[Phase, str] = {phase: f"phase-{phase.value}" for phase in Phase}


def clock_text(seconds: float, *, counts_up: bool) -> str:
    """``m:ss`` for the big clock: a countdown rounds up (it shows 0:00 only at the end),
    a stopwatch rounds down. The width never changes, so updates need no re-layout."""
    whole = math.floor(seconds + 1e-9) if counts_up else math.ceil(seconds - 1e-9)
    minutes, secs = divmod(max(0, whole), 60)
    return f"{minutes}:{secs:02d}"


def position_text(session: TimerSession) -> str:
    """Where the user is: rep, set and side, e.g. "Rep 3 of 5  ·  Set 1 of 3  ·  Left side"."""
    if session.finished:
        return "All sets done"
    parts = (
        [] if session.exercise.mode is Mode.MAX else [f"Rep {session.rep} of {session.rep_count}"]
    )
    parts.append(f"Set {session.set_number} of {session.set_count}")
    if session.side:
        parts.append(f"{session.side.capitalize()} side")
    text = "  ·  ".join(parts)
    return f"Next: {text}" if session.phase is Phase.REST else text


class TimerFace(Vertical):
    """Shows a ``TimerSession`` at a moment; the phase is also a CSS class for its colour.

    Classes: ``phase-get_ready``, ``phase-hold``, ``phase-relax``, ``phase-rest``,
    ``phase-done``, plus ``switch-side`` and ``paused``.
    """

    def compose(self) -> ComposeResult:
        yield Static(id="timer-phase", markup=False)
        yield BigClock("0:00", id="timer-clock")
        yield Static(id="timer-position", markup=False)
        yield ProgressBar(id="timer-bar", total=1.0, show_eta=False, show_percentage=False)
        yield Static(id="timer-next", markup=False)

    def show(
        self,
        session: TimerSession,
        now: float,
        *,
        heading: str | None = None,
        done_text: str = DONE_TEXT,
    ) -> None:
        """Draw the session as of monotonic time ``now`` (cheap: no re-layout); ``heading``
        takes the place of the phase line (a question, or the next exercise's name)."""
        for phase, css_class in PHASE_CLASSES.items():
            self.set_class(session.phase is phase, css_class)
        self.set_class(session.switch_side, "switch-side")
        self.set_class(session.paused, "paused")
        label = session.label.upper()
        if session.next_side:
            label += f"  ·  {session.next_side.upper()} SIDE NEXT"
        if heading:
            label = heading
        elif session.paused:
            label += "  ·  PAUSED (space to go on)"
        elif session.counts_up:
            label += "  ·  AS LONG AS YOU CAN (space to stop)"
        self._text("#timer-phase", label)
        remaining = session.remaining(now)
        if remaining is None:
            seconds, counts_up = session.elapsed(now), True
        else:
            seconds, counts_up = remaining, False
        digits = self.query_one("#timer-clock", BigClock)
        value = clock_text(seconds, counts_up=counts_up)
        if digits.value != value:
            digits.update(value)
        self.query_one("#timer-bar", ProgressBar).update(progress=session.fraction(now))
        self._text("#timer-position", position_text(session))
        self._text("#timer-next", done_text if session.finished else session.next_text)

    def _text(self, selector: str, text: str) -> None:
        widget = self.query_one(selector, Static)
        if str(widget.content) != text:
            widget.update(text, layout=False)
