"""Status: ``isotrack status`` (a shell prompt's line) on ten years of demo history.

A prompt runs it before every command line, so the figure is its median wall time against
an absolute budget (well under 50 ms), with ``python -c pass`` alongside for scale, and the
CPU time each used (user + system: on a busy machine wall times stretch, CPU times much less).
The first run after any write works the status out and refreshes the cache; that figure is
printed too. So is ``isotrack exercises --ids`` (with one exercise of the user's own), which
shell completion runs on each TAB where an exercise id fits: the same budget applies.

    python bench/status.py [--years 10] [--runs 21] [--data DIR]
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import common

BUDGET_MS = 50.0
REFERENCE = (common.PYTHON, "-c", "pass")


@dataclass(frozen=True)
class StatusResult:
    """Medians in seconds: a cached status, a status after a write, bare Python; and the
    CPU seconds of a cached status and of bare Python."""

    cached: float
    refresh: float
    python: float
    runs: int
    cached_cpu: float = 0.0
    python_cpu: float = 0.0
    ids: float = 0.0  # exercises --ids, a TAB's exercise ids


CPU: list[float] = []  # CPU seconds of each run, in order


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: Sequence[str]) -> float:
    """Wall seconds for one run (exit codes 0, 1 and 3 are all answers); its CPU seconds are
    appended to :data:`CPU`."""
    cpu = _children_cpu()
    start = time.perf_counter()
    done = subprocess.run(list(args), cwd=common.REPO, env=common.child_env(), capture_output=True)
    elapsed = time.perf_counter() - start
    CPU.append(_children_cpu() - cpu)
    if done.returncode not in (0, 1, 3):
        raise RuntimeError(f"{' '.join(args)} failed: {done.stderr.decode()}")
    return elapsed


def measure(folder: Path, runs: int = 21) -> StatusResult:
    """Time ``isotrack status`` on a scratch copy of ``folder``: cached, and after a write;
    and ``exercises --ids`` once an own exercise is added."""
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-status-") as tmp:
        scratch = common.copy_folder(folder, Path(tmp) / "data")
        data = ("--data", str(scratch))
        common.run([*common.ISOTRACK, "exercise", "add", "Wall sit", "--cue", "Hold", *data])
        status = (*common.ISOTRACK, "status", *data)
        ids = (*common.ISOTRACK, "exercises", "--ids", *data)
        timed(status)  # fills the cache
        wall: dict[tuple[str, ...], list[float]] = {status: [], ids: [], REFERENCE: []}
        cpu: dict[tuple[str, ...], list[float]] = {args: [] for args in wall}
        for i in range(runs):
            order = list(wall)
            for args in order[i % 3 :] + order[: i % 3]:  # each takes each place in turn
                wall[args].append(timed(args))
                cpu[args].append(CPU[-1])
        refresh: list[float] = []
        for _ in range(max(3, runs // 4)):
            (scratch / "isotrack.json").touch()  # a write anywhere makes the cache stale
            refresh.append(timed(status))
    return StatusResult(
        common.median(wall[status]),
        common.median(refresh),
        common.median(wall[REFERENCE]),
        runs,
        common.median(cpu[status]),
        common.median(cpu[REFERENCE]),
        common.median(wall[ids]),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--data", type=Path, help="an existing data folder to copy instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", args.years)
        result = measure(folder, args.runs)
    verdict = "pass" if result.cached * 1000 < BUDGET_MS else "FAIL"
    print(
        f"isotrack status {result.cached * 1000:.1f} ms median (budget {BUDGET_MS:.0f} ms: "
        f"{verdict}); python -c pass {result.python * 1000:.1f} ms; first status after a "
        f"write {result.refresh * 1000:.1f} ms; {result.runs} runs; CPU time: status "
        f"{result.cached_cpu * 1000:.1f} ms, python -c pass {result.python_cpu * 1000:.1f} ms; "
        f"exercises --ids (a TAB) {result.ids * 1000:.1f} ms median"
    )


if __name__ == "__main__":
    main()
