"""History sweep: the commands that look at the whole history, at 1, 10 and 30 years.

Each command runs as its own process on a scratch copy of a demo folder, in rounds that run
it once at every length; the table gives the median wall time and the peak RSS at each length,
and the 30 y / 1 y ratio (the median of each round's ratio). Also measured: the first command
of a day (it takes the day's incremental backup) against the second, the app's calendar and
progress screens opening (from the key to the screen drawn) and how long after the first paint
the longest streak shows on Today, both in a real pseudo-terminal as the user sees them.

    python bench/history.py [--runs 5] [--years 1 10 30]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import common

COMMANDS: dict[str, tuple[str, ...]] = {
    "streak": ("streak",),
    "calendar": ("calendar",),
    "today": ("today",),
    "log": ("log", "knees-in"),
    "suggest": ("suggest",),
    "status": ("status",),
    "export": ("export",),
    "import": ("import",),  # the file is the history's own export, into an empty folder
    "doctor": ("doctor",),
}
# The commands that go through the whole history (seconds at 30 years; budgets on memory):
# the others take a tenth of a second and run twice as many rounds, for a steadier ratio.
WHOLE_HISTORY = frozenset({"export", "import", "doctor"})


@dataclass(frozen=True)
class Sample:
    """Median seconds and peak RSS (bytes) of one command at one history length."""

    seconds: float
    peak_rss: int


@dataclass
class Sweep:
    """Everything measured, by name and then by years."""

    commands: dict[str, dict[int, Sample]] = field(default_factory=dict)
    first_of_day: dict[int, tuple[float, float]] = field(default_factory=dict)  # first, second
    screens: dict[str, dict[int, float]] = field(default_factory=dict)
    streak_after_paint: dict[int, float] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)  # longest / shortest, by round

    def ratio(self, name: str) -> float:
        """30 y (longest) over 1 y (shortest) time: the median of each round's ratio (the
        rounds interleave the lengths, so a busy stretch inflates both sides of a round)."""
        return self.ratios[name]


def run_once(args: Sequence[str]) -> Sample:
    """One ``isotrack ARGS`` process: its wall time and peak RSS (its own VmHWM, read by
    ``bench/peak.py`` as it exits)."""
    with tempfile.NamedTemporaryFile(prefix="isotrack-peak-") as peak:
        command = [common.PYTHON, str(common.REPO / "bench" / "peak.py"), peak.name, *args]
        start = time.perf_counter()
        code = subprocess.call(
            command,
            cwd=common.REPO,
            env=common.child_env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        elapsed = time.perf_counter() - start
        if code not in (0, 1):
            raise RuntimeError(f"isotrack {' '.join(args)} exited {code}")
        return Sample(elapsed, int(Path(peak.name).read_text() or 0))


def has_command(name: str) -> bool:
    """True when ``isotrack NAME`` exists on this checkout."""
    return common.run([*common.ISOTRACK, name, "--help"], check=False).returncode == 0


def _command(
    name: str, folders: dict[int, Path], scratch: Path, runs: int
) -> dict[int, list[Sample]]:
    """Runs of ``isotrack NAME`` on each folder, interleaved: each round runs it once at every
    history length, in turn shortest first and longest first, so that a stretch of a busy
    machine falls on all lengths alike. Seconds and peak RSS by years; a first round that
    warms caches is dropped."""
    args: dict[int, list[str]] = {}
    for years, folder in folders.items():
        copy = common.copy_folder(folder, scratch / f"copy-{years}")
        args[years] = [*COMMANDS[name], "--data", str(copy)]
        if name == "import":
            export = scratch / f"export-{years}.json"
            run_once(["export", "--output", str(export), "--data", str(copy)])
            args[years] = ["import", str(export), "--data"]
    samples: dict[int, list[Sample]] = {years: [] for years in folders}
    order = sorted(folders)
    for n in range(runs + 1):
        for years in order if n % 2 else order[::-1]:
            command = args[years]
            if name == "import":  # into a new empty folder each time
                command = [*command, str(scratch / f"new-{years}-{n}")]
            sample = run_once(command)
            if n:
                samples[years].append(sample)
    return samples


def _first_of_day(folder: Path, scratch: Path, runs: int) -> tuple[float, float]:
    """Median of the first ``today`` of a day (the day's backup is due, one month changed
    since yesterday's) and of the one after it."""
    from isotrack.store.folder import manifests

    copy = common.copy_folder(folder, scratch / "day")
    today = ["today", "--data", str(copy)]
    run_once(today)  # today's backup, if the demo did not take it
    firsts, seconds = [], []
    for _ in range(runs):
        run_once(["log", "knees-in", "--data", str(copy)])
        sequence, day, path = manifests(copy)[-1]
        yesterday = day - timedelta(days=1)
        path.rename(path.with_name(f"backup-{sequence:06d}-{yesterday.isoformat()}.json"))
        firsts.append(run_once(today).seconds)
        seconds.append(run_once(today).seconds)
    return common.median(firsts), common.median(seconds)


# The key that opens each screen from Today, and text of its body that shows it drawn: the
# heatmap's first and last month and the streak line above it (Textual fills the footer's keys
# into a later frame, some 40 ms on; the screen takes keys from its first frame).
SCREENS = {
    "calendar": ("c", ("Jan", "Dec", "Streak")),
    "progress": ("g", ("Where each exercise stands",)),
}


def _screens(folder: Path, scratch: Path, runs: int) -> dict[str, list[float]]:
    """Seconds from the key to the screen drawn, each in a fresh app in a real terminal
    (the first open: the screen's code and stylesheet load then) once Today has settled."""
    copy = common.copy_folder(folder, scratch / "app")
    app_args = (*common.ISOTRACK, "--data", str(copy))
    ready = (common.today_title(), "longest")
    return {
        name: [common.time_key(app_args, ready, key, markers) for _ in range(runs)]
        for name, (key, markers) in SCREENS.items()
    }


def _streak_after_paint(folder: Path, scratch: Path, runs: int) -> float:
    """Median seconds from the first paint of Today to the longest streak on it."""
    from isotrack.clock import SystemClock
    from isotrack.tracker import Tracker

    copy = common.copy_folder(folder, scratch / "streak")
    longest = Tracker.open(copy, SystemClock()).streak_stats().longest
    app_args = (*common.ISOTRACK, "--data", str(copy))
    gaps = []
    for _ in range(runs):
        painted, shown = common.launch_until(app_args, (common.today_title(), f"longest {longest}"))
        gaps.append(shown - painted)
    return common.median(gaps)


def measure(folders: dict[int, Path], runs: int = 5) -> Sweep:
    """Measure every figure on each folder (years -> demo folder)."""
    sweep = Sweep()
    names = [n for n in COMMANDS if n != "status" or has_command("status")]
    shortest, longest = min(folders), max(folders)
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-history-") as tmp:
        for name in names:
            rounds = runs if name in WHOLE_HISTORY else 2 * runs + 1
            samples = _command(name, folders, Path(tmp) / name, rounds)
            sweep.commands[name] = {
                years: Sample(
                    common.median([s.seconds for s in runs_at]),
                    round(common.median([s.peak_rss for s in runs_at])),
                )
                for years, runs_at in sorted(samples.items())
            }
            sweep.ratios[name] = common.median(
                [
                    long.seconds / short.seconds
                    for long, short in zip(samples[longest], samples[shortest], strict=True)
                ]
            )
    for years, folder in sorted(folders.items()):
        with tempfile.TemporaryDirectory(prefix="isotrack-bench-history-") as tmp:
            scratch = Path(tmp)
            sweep.first_of_day[years] = _first_of_day(folder, scratch, runs)
            for name, times in _screens(folder, scratch, max(1, runs // 2)).items():
                sweep.screens.setdefault(name, {})[years] = common.median(times)
            sweep.streak_after_paint[years] = _streak_after_paint(folder, scratch, runs)
    return sweep


def report(sweep: Sweep) -> str:
    """The sweep as a Markdown table."""
    years = sorted(next(iter(sweep.commands.values())))
    head = ["figure", *(f"{y} y" for y in years), f"{years[-1]} y / {years[0]} y"]
    lines = [f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"]
    for name, by_years in sweep.commands.items():
        cells = [
            f"{by_years[y].seconds * 1000:.0f} ms, {by_years[y].peak_rss / 2**20:.1f} MiB"
            for y in years
        ]
        lines.append(f"| `{name}` | {' | '.join(cells)} | {sweep.ratio(name):.2f} |")
    cells = [f"+{(f - s) * 1000:.0f} ms" for f, s in (sweep.first_of_day[y] for y in years)]
    lines.append(f"| first command of a day vs second | {' | '.join(cells)} | |")
    for name, by_years in sweep.screens.items():
        cells = [f"{by_years[y] * 1000:.0f} ms" for y in years]
        lines.append(f"| app: {name} opens | {' | '.join(cells)} | |")
    cells = [f"{sweep.streak_after_paint[y] * 1000:.0f} ms" for y in years]
    lines.append(f"| app: longest streak shown after first paint | {' | '.join(cells)} | |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each command")
    parser.add_argument("--years", type=int, nargs="+", default=[1, 10, 30])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folders = {y: common.make_demo(Path(tmp) / f"demo-{y}y", y) for y in args.years}
        sweep = measure(folders, args.runs)
    print(report(sweep))


if __name__ == "__main__":
    main()
