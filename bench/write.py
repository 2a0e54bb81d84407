"""Write: one tick (``Tracker.log_set``) until it is on disk, beside the bare atomic-write floor.

The floor is one crash-safe write (temp file, fsync, rename, fsync of the folder) of a file as
large as the month file the tick rewrites, with nothing else: no decoding, no encoding. Ticks and
floor writes run in this process on scratch copies of two demo folders, alternating so that
noise hits every side alike. Each timed tick is undone (untimed) so the day never grows.

    python bench/write.py [--ticks 200] [--years 1 30]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import common

from isotrack.clock import SystemClock
from isotrack.store.atomic import write_bytes_atomic
from isotrack.tracker import Tracker

EXERCISE = "push-pull-a"
WARM_UP = 5


@dataclass(frozen=True)
class Side:
    """Tick and floor times in seconds on one history."""

    ticks: list[float]
    floor: list[float]

    @property
    def median_ratio(self) -> float:
        """Median tick over median floor."""
        return common.median(self.ticks) / common.median(self.floor)

    @property
    def p95_ratio(self) -> float:
        """p95 tick over p95 floor."""
        return common.p95(self.ticks) / common.p95(self.floor)


@dataclass(frozen=True)
class WriteResult:
    """The short and the long history."""

    short: Side
    long: Side

    @property
    def ratio(self) -> float:
        """Median tick on the long history over the median on the short one."""
        return common.median(self.long.ticks) / common.median(self.short.ticks)


def _floor_write(tracker: Tracker, probe: Path) -> float:
    """One bare atomic write of as many bytes as today's month file holds."""
    today = tracker.today()
    data = (tracker.root / "log" / f"{today:%Y-%m}.json").read_bytes()
    start = time.perf_counter()
    write_bytes_atomic(probe, data)
    return time.perf_counter() - start


def measure(short_folder: Path, long_folder: Path, ticks: int = 200) -> WriteResult:
    """Time ``ticks`` ticks and as many floor writes on scratch copies of each folder."""
    sides = (Side([], []), Side([], []))
    clock = SystemClock()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-write-") as tmp:
        trackers = [
            Tracker.open(common.copy_folder(folder, Path(tmp) / name), clock)
            for name, folder in (("short", short_folder), ("long", long_folder))
        ]
        for tracker in trackers:  # today's month file exists before the first floor write
            tracker.log_set(EXERCISE)
            tracker.unlog(EXERCISE)
        for i in range(WARM_UP + ticks):
            for tracker, side in zip(trackers, sides, strict=True):
                floor = _floor_write(tracker, tracker.root / "log" / ".floor-probe")
                start = time.perf_counter()
                tracker.log_set(EXERCISE)
                elapsed = time.perf_counter() - start
                tracker.unlog(EXERCISE)
                if i >= WARM_UP:
                    side.ticks.append(elapsed)
                    side.floor.append(floor)
    return WriteResult(*sides)


def describe(label: str, side: Side) -> str:
    """One line: tick and floor, median and p95, and their ratios."""
    return (
        f"{label}: tick median {common.median(side.ticks) * 1000:.2f} ms, "
        f"p95 {common.p95(side.ticks) * 1000:.2f} ms; bare atomic write median "
        f"{common.median(side.floor) * 1000:.2f} ms, p95 {common.p95(side.floor) * 1000:.2f} ms; "
        f"ratio median {side.median_ratio:.2f}, p95 {side.p95_ratio:.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ticks", type=int, default=200, help="ticks on each folder")
    parser.add_argument("--years", type=int, nargs=2, default=(1, 30), help="short and long")
    args = parser.parse_args()
    short_years, long_years = args.years
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        short = common.make_demo(Path(tmp) / "short", short_years)
        long = common.make_demo(Path(tmp) / "long", long_years)
        result = measure(short, long, args.ticks)
    print(describe(f"{short_years} y", result.short))
    print(describe(f"{long_years} y", result.long))
    print(f"{long_years} y / {short_years} y (tick medians): {result.ratio:.2f}")


if __name__ == "__main__":
    main()
