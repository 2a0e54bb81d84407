"""Several processes at once, and processes killed at random moments, never lose a write."""

from __future__ import annotations

import gzip
import json
import random
import signal
import subprocess
import sys
from datetime import date
from pathlib import Path

from isotrack.domain.program import default_program
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.today import TodayScreen
from tests.conftest import clock_on

ROOT = Path(__file__).resolve().parents[1]
DAY = date(2026, 11, 21)
EXERCISES = ("knees-in", "knees-out")

# Logs and unlogs sets on DAY and now and then changes a target, printing each step's
# intent before it and an acknowledgement once the call has returned (the write is on disk).
WORKER = """
import random, sys
from datetime import date
from pathlib import Path
from isotrack.clock import SystemClock
from isotrack.tracker import Tracker

def say(line):
    sys.stdout.write(line + "\\n")
    sys.stdout.flush()

root, seed, steps = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
day = date(2026, 11, 21)
tracker = Tracker.open(root, SystemClock())
for _ in range(steps):
    exercise = rng.choice(("knees-in", "knees-out"))
    roll = rng.random()
    if roll < 0.6:
        say(f"L {exercise}")
        say(f"+ {exercise} {tracker.log_set(exercise, day).id}")
    elif roll < 0.9:
        say(f"U {exercise}")
        removed = tracker.unlog(exercise, day)
        say(f"- {exercise} {removed.id if removed else 'none'}")
    else:
        reps = rng.randint(1, 50)
        say(f"T {exercise} {reps}")
        tracker.set_target(exercise, reps=reps)
        say(f"= {exercise} {reps}")
"""


def start_worker(root: Path, seed: int, steps: int) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", WORKER, str(root), str(seed), str(steps)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )


def state(root: Path) -> tuple[list[tuple[str, str]], dict[str, int]]:
    """(exercise, id) of every set on DAY in order, and each exercise's reps target."""
    store = Store.open(root, clock=clock_on(DAY))
    program = store.stored_program() or default_program(DAY)
    latest = date(9999, 12, 31)  # targets change from the real today, which may be after DAY
    reps = {e: t.reps for e in EXERCISES if (t := program.target_on(e, latest)) is not None}
    return [(s.exercise, s.id) for s in store.day(DAY).sets], reps


def every_file_parses(root: Path) -> None:
    for path in root.rglob("*.json"):
        json.loads(path.read_bytes())
    for path in root.rglob("*.json.gz"):
        json.loads(gzip.decompress(path.read_bytes()))


def without_last(sets: list[tuple[str, str]], exercise: str) -> list[tuple[str, str]]:
    for i in range(len(sets) - 1, -1, -1):
        if sets[i][0] == exercise:
            return sets[:i] + sets[i + 1 :]
    return sets


def replay(
    sets: list[tuple[str, str]], reps: dict[str, int], lines: list[str]
) -> tuple[list[tuple[str, str]], dict[str, int], list[str] | None]:
    """Apply the acknowledged steps; also return the step in flight when killed (if any).

    A line cut short by the kill (no newline) acknowledges nothing.
    """
    pending: list[str] | None = None
    for line in lines:
        if not line.endswith("\n"):
            continue
        kind, *rest = line.split()
        if kind in ("L", "U", "T"):
            pending = [kind, *rest]
        elif kind == "+":
            sets = [*sets, (rest[0], rest[1])]
            pending = None
        elif kind == "-":
            sets = without_last(sets, rest[0]) if rest[1] != "none" else sets
            pending = None
        elif kind == "=":
            reps = {**reps, rest[0]: int(rest[1])}
            pending = None
    return sets, reps, pending


def allowed_outcomes(
    sets: list[tuple[str, str]], reps: dict[str, int], pending: list[str] | None
) -> tuple[list[tuple[str, str]] | None, dict[str, int]] | None:
    """What the step in flight may have done (None for set ids not known in advance)."""
    if pending is None:
        return None
    kind, exercise, *rest = pending
    if kind == "U":
        return without_last(sets, exercise), reps
    if kind == "T":
        return sets, {**reps, exercise: int(rest[0])}
    return None, reps  # a log: one new set at the end, id unknown


def test_sigkill_at_random_moments_loses_no_acknowledged_write(tmp_path: Path) -> None:
    rng = random.Random(20261121)
    sets, reps = state(tmp_path)
    kills = 0
    for round_no in range(36):
        worker = start_worker(tmp_path, round_no, 400)
        assert worker.stdout is not None
        acks = rng.randint(0, 8)
        lines: list[str] = []
        while sum(1 for x in lines if x[0] in "+-=") < acks:
            line = worker.stdout.readline()
            if not line:
                break
            lines.append(line)
        try:
            worker.wait(timeout=rng.uniform(0, 0.05))  # a random moment, often mid-write
        except subprocess.TimeoutExpired:
            worker.send_signal(signal.SIGKILL)
            kills += 1
        rest, _ = worker.communicate()
        assert worker.returncode in (0, -signal.SIGKILL)
        lines += rest.splitlines(keepends=True)

        every_file_parses(tmp_path)
        expected_sets, expected_reps, pending = replay(sets, reps, lines)
        sets, reps = state(tmp_path)  # Store.open checks every file too
        if (sets, reps) != (expected_sets, expected_reps):
            maybe_sets, maybe_reps = allowed_outcomes(expected_sets, expected_reps, pending)
            assert reps == maybe_reps
            if maybe_sets is None:  # the log in flight landed: one new set at the end
                assert sets[:-1] == expected_sets
                assert sets[-1][1] not in {set_id for _, set_id in expected_sets}
                assert sets[-1][0] == pending[1]
            else:
                assert sets == maybe_sets
    assert kills >= 20


LOGGER = """
import sys
from datetime import date
from pathlib import Path
from isotrack.clock import SystemClock
from isotrack.tracker import Tracker

tracker = Tracker.open(Path(sys.argv[1]), SystemClock())
print("ready", flush=True)
sys.stdin.readline()
for _ in range(200):
    tracker.log_set(sys.argv[2], date(2026, 11, 21))
"""


def test_two_processes_logging_at_once_keep_all_400_sets(tmp_path: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", LOGGER, str(tmp_path), exercise],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )
        for exercise in EXERCISES
    ]
    for writer in writers:
        assert writer.stdout is not None and writer.stdout.readline().strip() == "ready"
    for writer in writers:  # both are running; release them together
        assert writer.stdin is not None
        writer.stdin.write("go\n")
        writer.stdin.flush()
    assert [w.wait(timeout=120) for w in writers] == [0, 0]
    sets, _ = state(tmp_path)
    assert len(sets) == 400
    assert len({set_id for _, set_id in sets}) == 400
    assert sorted(e for e, _ in sets) == sorted(EXERCISES * 200)


async def test_today_screen_picks_up_another_process_write(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert screen.record is not None and not screen.record.sets
        argv = ["log", "knees-in", "--date", "2026-11-21", "--data", str(tracker._store.root)]
        done = subprocess.run(
            [sys.executable, "-m", "isotrack", *argv],
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stderr
        screen.check_for_changes()  # what the 2-second poll runs
        await pilot.pause()
        assert screen.record is not None
        assert [s.exercise for s in screen.record.sets] == ["knees-in"]
