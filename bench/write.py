"""Write: one tick (``Tracker.log_set``) until it is on disk, at 1 and at 10 years of history.

Ticks run in this process on scratch copies of two demo folders, alternating between them so
that noise hits both alike. Each timed tick is undone (untimed) so the day never grows.

    python bench/write.py [--ticks 200]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import common

from isotrack.clock import SystemClock
from isotrack.tracker import Tracker

EXERCISE = "push-pull-a"
WARM_UP = 5


@dataclass(frozen=True)
class WriteResult:
    """Tick times in seconds for the short and the long history."""

    short: list[float]
    long: list[float]

    @property
    def ratio(self) -> float:
        """Median tick on the long history over the median on the short one."""
        return common.median(self.long) / common.median(self.short)


def measure(short_folder: Path, long_folder: Path, ticks: int = 200) -> WriteResult:
    """Time ``ticks`` ticks on scratch copies of each folder."""
    times: tuple[list[float], list[float]] = ([], [])
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-write-") as tmp:
        trackers = [
            Tracker.open(common.copy_folder(folder, Path(tmp) / name), SystemClock())
            for name, folder in (("short", short_folder), ("long", long_folder))
        ]
        for i in range(WARM_UP + ticks):
            for tracker, samples in zip(trackers, times, strict=True):
                start = time.perf_counter()
                tracker.log_set(EXERCISE)
                elapsed = time.perf_counter() - start
                tracker.unlog(EXERCISE)
                if i >= WARM_UP:
                    samples.append(elapsed)
    return WriteResult(*times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ticks", type=int, default=200, help="ticks on each folder")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        short = common.make_demo(Path(tmp) / "demo1", 1)
        long = common.make_demo(Path(tmp) / "demo10", 10)
        result = measure(short, long, args.ticks)
    for label, samples in (("1 year", result.short), ("10 years", result.long)):
        print(
            f"tick at {label}: median {common.median(samples) * 1000:.2f} ms, "
            f"p95 {common.p95(samples) * 1000:.2f} ms"
        )
    print(f"10 years / 1 year (medians): {result.ratio:.2f}")


if __name__ == "__main__":
    main()
