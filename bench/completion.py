"""Completion: ``isotrack exercises --ids``, which a shell's TAB runs where an exercise id fits.

It runs on every such TAB, so the figure is its median wall time on a folder with ten years
of demo history and one exercise of the user's own, against the same absolute budget as the
prompt's status line, with ``python -c pass`` alongside for scale.

    python bench/completion.py [--years 10] [--runs 21] [--data DIR]
"""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

import common
from status import REFERENCE, timed

BUDGET_MS = 50.0


@dataclass(frozen=True)
class IdsResult:
    """Medians in seconds: the ids command and bare Python."""

    ids: float
    python: float
    runs: int


def measure(folder: Path, runs: int = 21) -> IdsResult:
    """Time ``isotrack exercises --ids`` on a scratch copy of ``folder`` with an own exercise."""
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-ids-") as tmp:
        scratch = common.copy_folder(folder, Path(tmp) / "data")
        common.run(
            [
                *common.ISOTRACK,
                "exercise",
                "add",
                "Glute bridge hold",
                "--cue",
                "Squeeze and hold",
                "--data",
                str(scratch),
            ]
        )
        command = (*common.ISOTRACK, "exercises", "--ids", "--data", str(scratch))
        if "glute-bridge-hold" not in common.run(command).stdout:
            raise RuntimeError("the own exercise is not listed")
        ids: list[float] = []
        python: list[float] = []
        for i in range(runs):
            first, second = (command, REFERENCE) if i % 2 else (REFERENCE, command)
            a, b = timed(first), timed(second)
            ids.append(a if first is command else b)
            python.append(b if first is command else a)
    return IdsResult(common.median(ids), common.median(python), runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--runs", type=int, default=21, help="runs of each command")
    parser.add_argument("--data", type=Path, help="an existing data folder to copy instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", args.years)
        result = measure(folder, args.runs)
    verdict = "pass" if result.ids * 1000 < BUDGET_MS else "FAIL"
    print(
        f"isotrack exercises --ids {result.ids * 1000:.1f} ms median (budget {BUDGET_MS:.0f} "
        f"ms: {verdict}); python -c pass {result.python * 1000:.1f} ms; {result.runs} runs"
    )


if __name__ == "__main__":
    main()
