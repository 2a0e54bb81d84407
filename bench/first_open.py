"""How long Settings and Help take to open the first time (their code, stylesheet and widgets
are loaded on first use), from the key press to the screen drawn, in a fresh process each.

    python bench/first_open.py [--runs 5] [--data DIR]

Each sample runs the app headless at 100×32 in its own interpreter, opens Today, then presses
``,`` (Settings) or ``?`` (Help) once and waits until the screen is on show and idle.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from pathlib import Path

import common

KEYS = {"settings": "comma", "help": "question_mark"}
BUDGET = 0.5  # seconds (issue 16)


def one(folder: Path, screen: str) -> float:
    """Open the app on ``folder`` and time the first open of ``screen`` (seconds)."""
    from isotrack.clock import SystemClock
    from isotrack.tracker import Tracker
    from isotrack.ui.app import IsotrackApp

    app = IsotrackApp(Tracker.open(folder, SystemClock(), backup=False))

    async def run() -> float:
        async with app.run_test(size=common.TERMINAL_SIZE) as pilot:
            await pilot.pause(0.5)  # Today drawn, deferred work done
            before = app.screen
            start = time.perf_counter()
            await pilot.press(KEYS[screen])
            while app.screen is before:
                await pilot.pause()
            await pilot.pause()  # its first frame
            await pilot.pause()
            return time.perf_counter() - start

    return asyncio.run(run())


def measure(folder: Path, screen: str, runs: int) -> list[float]:
    """``runs`` samples, each in a fresh interpreter."""
    samples = []
    for _ in range(runs):
        out = common.run([common.PYTHON, __file__, "--one", screen, "--data", str(folder)])
        samples.append(float(out.stdout.strip().splitlines()[-1]))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples of each screen")
    parser.add_argument("--data", type=Path, help="a data folder (default: 1 year of demo)")
    parser.add_argument("--one", choices=tuple(KEYS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(f"{one(args.data, args.one):.4f}")
        return
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", 1)
        for screen in KEYS:
            samples = measure(folder, screen, args.runs)
            median = common.median(samples)
            verdict = "pass" if median < BUDGET else "FAIL"
            print(
                f"first open of {screen}: median {median * 1000:.0f} ms, "
                f"max {max(samples) * 1000:.0f} ms over {len(samples)} runs "
                f"(budget {BUDGET * 1000:.0f} ms: {verdict})"
            )


if __name__ == "__main__":
    sys.exit(main())
