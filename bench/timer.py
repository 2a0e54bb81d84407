"""Timer: phase-end error of the hold timer over a busy run, from bench/timer_accuracy.py.

python bench/timer.py [--quick]
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from dataclasses import dataclass

import common

FULL_SECONDS = 60
QUICK_SECONDS = 15


@dataclass(frozen=True)
class TimerResult:
    """Phase-end errors in seconds over a run of ``seconds``."""

    seconds: float
    median_error: float
    max_error: float
    drift: float


def measure(quick: bool = False) -> TimerResult:
    """Run the timer accuracy bench (its own report goes to stderr) and return its figures."""
    if not (common.REPO / "bench" / "timer_accuracy.py").exists():
        raise common.NotAvailable("not available yet (no bench/timer_accuracy.py)")
    import timer_accuracy

    seconds = QUICK_SECONDS if quick else FULL_SECONDS
    with contextlib.redirect_stdout(sys.stderr):
        figures = timer_accuracy.main(["--seconds", str(seconds)])
    return TimerResult(
        seconds=figures["seconds"],
        median_error=figures["phase_end_error_median_ms"] / 1000,
        max_error=figures["phase_end_error_max_ms"] / 1000,
        drift=figures["cumulative_drift_ms"] / 1000,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_SECONDS} s, not 60 s")
    result = measure(parser.parse_args().quick)
    print(
        f"timer over {result.seconds:.0f} s: phase-end error median "
        f"{result.median_error * 1000:.2f} ms, max {result.max_error * 1000:.2f} ms, "
        f"drift {result.drift * 1000:+.2f} ms"
    )


if __name__ == "__main__":
    main()
