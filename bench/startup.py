"""Start-up and memory: isotrack on a demo folder vs a bare Textual app, in a real terminal.

Each launch runs in a fresh pseudo-terminal and is timed from the fork until the first
painted frame shows a marker (the Today screen's date title; the bare app's text), and is
killed then. A few more launches of each run on for a settle time (so work the app starts in
the background after the first frame counts too) before their peak RSS (VmHWM) is read.
Launches alternate between the two apps so that machine noise hits both alike; one warm-up
pair is discarded.

The time ratio is the median of each launch pair's ratio (isotrack over the bare app launched
beside it), not the ratio of the two medians: on a shared virtual machine launches fall into a
fast and a slow mode (here about 240 ms and 350 ms for both apps), and a ratio of medians
moved between 0.80 and 1.30 over groups of 20 pairs of the same commit while the paired
ratio moved between 1.00 and 1.07.

    python bench/startup.py [--years 10] [--runs 41] [--data DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import common


@dataclass(frozen=True)
class StartupResult:
    """Medians of several launches of each app, and of the launch pairs' time ratios."""

    app_seconds: float
    bare_seconds: float
    time_ratio: float  # isotrack's start-up over the bare app's, the median over launch pairs
    quartiles: tuple[float, float]  # the pairs' ratios: the first and third quartile
    app_rss: int
    bare_rss: int
    runs: int

    @property
    def memory_ratio(self) -> float:
        """isotrack's peak RSS over the bare app's."""
        return self.app_rss / self.bare_rss


def _pairs(folder: Path, pairs: int, settle: float) -> tuple[list[common.Launch], ...]:
    """``pairs`` launches of isotrack on ``folder`` and of the bare app, alternating which
    goes first; one warm-up pair (the app takes the day's backup then) is dropped."""
    app_args = (*common.ISOTRACK, "--data", str(folder))
    title = common.today_title()
    apps: list[common.Launch] = []
    bares: list[common.Launch] = []
    for i in range(pairs + 1):
        if i % 2:  # alternate which goes first, so a drift in machine speed hits both alike
            bare = common.launch(common.BARE_APP, common.BARE_MARKER, settle)
            app = common.launch(app_args, title, settle)
        else:
            app = common.launch(app_args, title, settle)
            bare = common.launch(common.BARE_APP, common.BARE_MARKER, settle)
        if i:
            apps.append(app)
            bares.append(bare)
    return apps, bares


def measure(
    folder: Path, runs: int = 41, memory_runs: int = 5, settle: float = 1.5
) -> StartupResult:
    """Time ``runs`` launch pairs of isotrack on ``folder`` and the bare app, each ended at
    its first paint, then read the peak RSS of ``memory_runs`` more pairs that run on for
    ``settle`` seconds (the work started after the first frame counts for memory)."""
    apps, bares = _pairs(folder, runs, 0.0)
    ratios = sorted(a.seconds / b.seconds for a, b in zip(apps, bares, strict=True))
    app_memory, bare_memory = _pairs(folder, memory_runs, settle)
    return StartupResult(
        app_seconds=common.median([a.seconds for a in apps]),
        bare_seconds=common.median([b.seconds for b in bares]),
        time_ratio=common.median(ratios),
        quartiles=(ratios[len(ratios) // 4], ratios[(3 * len(ratios)) // 4]),
        app_rss=round(common.median([a.peak_rss for a in app_memory])),
        bare_rss=round(common.median([b.peak_rss for b in bare_memory])),
        runs=runs,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--runs", type=int, default=41, help="timed launch pairs")
    parser.add_argument("--data", type=Path, help="an existing data folder to open instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", args.years)
        result = measure(folder, args.runs)
    print(
        f"start-up: isotrack {result.app_seconds * 1000:.0f} ms, bare Textual "
        f"{result.bare_seconds * 1000:.0f} ms (medians), ratio {result.time_ratio:.2f} "
        f"(median over launch pairs; quartiles {result.quartiles[0]:.2f}-{result.quartiles[1]:.2f})"
    )
    print(
        f"peak RSS: isotrack {result.app_rss / 2**20:.1f} MiB, bare Textual "
        f"{result.bare_rss / 2**20:.1f} MiB, ratio {result.memory_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
