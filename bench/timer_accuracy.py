"""How accurate is the hold timer when the event loop is busy?

Runs the real ``TimerScreen`` headless for real time (default 60 s) on a throw-away data folder,
while a saboteur task blocks the event loop for 50–350 ms at random moments, and measures:

- **phase-end error**: for every phase that started during the run, the time the engine gave it
  (``PhaseStarted.at``, i.e. the deadline it scheduled) minus the ideal time, which is the
  session start plus the configured durations of all phases before it. This is what the user's
  holds are timed by; any drift would build up here.
- **cumulative drift**: that error for the last phase of the run (signed).
- **display lag**: how late the screen noticed a phase end (the monotonic time of the tick that
  observed ``PhaseStarted`` minus ``PhaseStarted.at``). Bounded by the loop stalls plus one tick;
  it never accumulates, because each tick recomputes from the clock.
- for comparison, the drift a countdown that counted its 20 Hz ticks would have had.

Cues are on (``--cues tones`` by default): the real player runs its programs in the background
while the timer is measured, and the figures say which player it was and how many it failed.

Run from the checkout: ``python -m bench.timer_accuracy [--seconds 60] [--seed 1]``.
``main()`` returns the figures as a dict for a bench runner.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import random
import statistics
import tempfile
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from isotrack.clock import SystemClock
from isotrack.domain import catalogue
from isotrack.domain.program import Planned
from isotrack.domain.routine_run import Step
from isotrack.domain.timer import Event, Phase, PhaseStarted
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.timer import TICK_SECONDS, TimerScreen

EXERCISE = "knees-in"
GET_READY, HOLD, RELAX, REST = 2, 2, 1, 3  # seconds: short phases give many phase ends
STALL_MS = (50, 350)  # how long the saboteur blocks the loop
GAP_S = (0.1, 1.0)  # how long it waits between stalls


class RecordingTimerScreen(TimerScreen):
    """The real timer screen, noting when each phase start was observed and every tick."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.observed: list[tuple[PhaseStarted, float]] = []
        self.ticks = 0

    def tick(self) -> None:
        self.ticks += 1
        super().tick()

    def apply(self, events: list[Event], now: float) -> None:
        self.observed.extend((e, now) for e in events if isinstance(e, PhaseStarted))
        super().apply(events, now)


def reps_for(seconds: float) -> int:
    """Reps per set so that 10 sets outlast the run."""
    per_rep = HOLD + RELAX
    needed = ((seconds + 10) / 10 - GET_READY - REST + RELAX) / per_rep
    return max(5, min(50, math.ceil(needed)))


def duration(phase: Phase) -> float:
    """The configured length of a countdown phase."""
    return {Phase.GET_READY: GET_READY, Phase.HOLD: HOLD, Phase.RELAX: RELAX}.get(phase, REST)


async def _saboteur(stalls: list[float], rng: random.Random) -> None:
    """Block the event loop now and then, like a slow render or a stuck handler would."""
    while True:
        await asyncio.sleep(rng.uniform(*GAP_S))
        ms = rng.uniform(*STALL_MS)
        time.sleep(ms / 1000)  # deliberately blocking
        stalls.append(ms)


async def _run(seconds: float, seed: int, folder: Path, cues: str) -> dict[str, Any]:
    clock = SystemClock()
    tracker = Tracker.open(folder, clock)
    tracker.acknowledge_safety()
    for key, value in (("get_ready", GET_READY), ("relax", RELAX), ("rest", REST), ("cues", cues)):
        tracker.save_setting(key, value)
    target = tracker.set_target(EXERCISE, sets=10, reps=reps_for(seconds), hold=HOLD)
    app = IsotrackApp(tracker)
    stalls: list[float] = []
    async with app.run_test(headless=True, size=(80, 24)) as pilot:
        await pilot.pause()
        day: date = tracker.today()
        step = Step(Planned(catalogue.get(EXERCISE), target))
        screen = RecordingTimerScreen([step], day)
        await app.push_screen(screen)
        player = screen.player
        saboteur = asyncio.create_task(_saboteur(stalls, random.Random(seed)))
        began = clock.monotonic()
        await asyncio.sleep(seconds)
        saboteur.cancel()
        elapsed = clock.monotonic() - began
        ticks = screen.ticks
        observed = list(screen.observed)
        await app.flush_writes()
        sets_ended = screen.completed_sets
    sets_stored = tracker.day(day).completed_sets(EXERCISE)

    first = observed[0][0]
    ideal = first.at
    errors: list[float] = []
    lags: list[float] = []
    previous: Phase | None = None
    for event, seen in observed:
        if previous is not None:
            ideal += duration(previous)
        errors.append(event.at - ideal)
        lags.append(seen - event.at)
        previous = event.phase
    ms = 1000.0
    abs_errors = [abs(e) * ms for e in errors[1:]] or [0.0]
    counted = max(0, ticks - 1) * TICK_SECONDS  # ticks from the interval (one is at mount)
    return {
        "player": f"{type(player).__name__} {getattr(player, 'program', '')}".strip(),
        "player_failures": getattr(player, "failures", 0),
        "seconds": round(elapsed, 3),
        "phase_ends": len(errors) - 1,
        "phase_end_error_median_ms": statistics.median(abs_errors),
        "phase_end_error_max_ms": max(abs_errors),
        "cumulative_drift_ms": errors[-1] * ms,
        "display_lag_median_ms": statistics.median(lags) * ms,
        "display_lag_max_ms": max(lags) * ms,
        "stalls": len(stalls),
        "stall_total_s": sum(stalls) / ms,
        "stall_max_ms": max(stalls, default=0.0),
        "tick_counting_drift_ms": (counted - elapsed) * ms,
        "sets_completed": sets_ended,
        "sets_stored": sets_stored,
    }


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    """Run the bench, print the figures and return them."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0, help="real seconds to run")
    parser.add_argument("--seed", type=int, default=1, help="seed for the stall pattern")
    parser.add_argument(
        "--cues", default="tones", choices=("voice", "tones", "bell", "off"), help="timer sounds"
    )
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        result = asyncio.run(_run(args.seconds, args.seed, Path(tmp) / "data", args.cues))
    print(f"timer accuracy over {result['seconds']:.1f} s with a busy event loop")
    print(f"  cues: {args.cues}, played by {result['player']} ({result['player_failures']} failed)")
    print(
        f"  loop stalls: {result['stalls']} ({STALL_MS[0]}-{STALL_MS[1]} ms), "
        f"{result['stall_total_s']:.1f} s blocked in all, longest {result['stall_max_ms']:.0f} ms"
    )
    print(
        f"  phase ends: {result['phase_ends']}; error against the ideal schedule: "
        f"median {result['phase_end_error_median_ms']:.4f} ms, "
        f"max {result['phase_end_error_max_ms']:.4f} ms"
    )
    print(f"  cumulative drift at the last phase: {result['cumulative_drift_ms']:+.4f} ms")
    print(
        f"  display noticed phase ends late by: median {result['display_lag_median_ms']:.1f} ms, "
        f"max {result['display_lag_max_ms']:.1f} ms (never accumulates)"
    )
    print(
        f"  a countdown counting its {1 / TICK_SECONDS:.0f} Hz ticks would be off by "
        f"{result['tick_counting_drift_ms']:+.0f} ms"
    )
    print(f"  sets completed: {result['sets_completed']}, on disk: {result['sets_stored']}")
    return result


if __name__ == "__main__":
    main()
