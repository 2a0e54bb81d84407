"""CLI: ``isotrack log`` end to end on a demo folder vs starting Python with tinydb and dateutil.

The reference is the floor any isotrack command stands on: the interpreter plus the two
storage and date libraries. Runs alternate between the two so that noise hits both alike; one
warm-up run each is discarded. ``log`` writes to a scratch copy of the folder.

    python bench/cli.py [--years 10] [--runs 15] [--data DIR]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import common

REFERENCE = (common.PYTHON, "-c", "import tinydb, dateutil.relativedelta")
EXERCISE = "push-pull-a"


@dataclass(frozen=True)
class CliResult:
    """Medians of several runs of each command."""

    log_seconds: float
    reference_seconds: float
    runs: int

    @property
    def ratio(self) -> float:
        """``isotrack log`` over the reference."""
        return self.log_seconds / self.reference_seconds


def timed(args: Sequence[str]) -> float:
    """Seconds for one run of a command to finish (it must succeed)."""
    env = common.child_env()
    start = time.perf_counter()
    subprocess.run(list(args), cwd=common.REPO, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(folder: Path, runs: int = 15) -> CliResult:
    """Time ``isotrack log`` on a scratch copy of ``folder`` against the reference."""
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-cli-") as tmp:
        scratch = common.copy_folder(folder, Path(tmp) / "data")
        log = (*common.ISOTRACK, "log", EXERCISE, "--data", str(scratch))
        logs: list[float] = []
        references: list[float] = []
        for i in range(runs + 1):
            if i % 2:  # alternate which goes first, so a drift in machine speed hits both alike
                reference_time = timed(REFERENCE)
                log_time = timed(log)
            else:
                log_time = timed(log)
                reference_time = timed(REFERENCE)
            if i:  # the first pair warms caches
                logs.append(log_time)
                references.append(reference_time)
    return CliResult(common.median(logs), common.median(references), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--runs", type=int, default=15, help="runs of each command")
    parser.add_argument("--data", type=Path, help="an existing data folder to copy instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", args.years)
        result = measure(folder, args.runs)
    print(
        f"isotrack log {result.log_seconds * 1000:.1f} ms, reference "
        f"{result.reference_seconds * 1000:.1f} ms, ratio {result.ratio:.2f}"
    )


if __name__ == "__main__":
    main()
