"""Run every benchmark on fresh demo data and print one table: figure, value, budget, result.

    python bench/run.py [--quick] [--only NAME ...]

Comparisons are ratios against a reference measured in the same run (medians of several
runs), so a slow or noisy machine moves both sides alike. ``--quick`` runs fewer repetitions
and a shorter timer run, for a first look; use the full run for the numbers you report.
Exits 0 when every figure with a budget was measured and met, else 1.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import common


@dataclass(frozen=True)
class Row:
    """One line of the table; ``ok`` is None when the figure could not be measured or has no
    budget (``budget`` empty: shown for information)."""

    figure: str
    value: str
    budget: str
    ok: bool | None

    @property
    def result(self) -> str:
        """pass, FAIL or n/a."""
        return "n/a" if self.ok is None else ("pass" if self.ok else "FAIL")


@dataclass(frozen=True)
class Setup:
    """What every figure may use: demo folders and how hard to try."""

    one_year: Path
    ten_years: Path
    thirty_years: Path
    quick: bool


def ms(seconds: float) -> str:
    """Seconds as milliseconds for the table."""
    return f"{seconds * 1000:.1f} ms"


def mib(size: int) -> str:
    """Bytes as MiB for the table."""
    return f"{size / 2**20:.1f} MiB"


def startup_rows(setup: Setup) -> list[Row]:
    import startup

    result = startup.measure(setup.thirty_years, runs=9 if setup.quick else 61)
    return [
        Row(
            "start-up to first paint, 30 y vs bare Textual",
            f"{result.time_ratio:.2f} by launch pair, quartiles {result.quartiles[0]:.2f}-"
            f"{result.quartiles[1]:.2f} (medians {ms(result.app_seconds)} vs "
            f"{ms(result.bare_seconds)})",
            "≤ 1.10",
            result.time_ratio <= 1.10,
        ),
        Row(
            "peak RSS after first paint, 30 y vs bare Textual",
            f"{result.memory_ratio:.2f} ({mib(result.app_rss)} vs {mib(result.bare_rss)})",
            "≤ 1.30",
            result.memory_ratio <= 1.3,
        ),
    ]


def cli_rows(setup: Setup) -> list[Row]:
    import cli

    result = cli.measure(setup.ten_years, runs=9 if setup.quick else 21)
    return [
        Row(
            "`isotrack log`, 10 y vs python + tinydb + dateutil",
            f"{result.ratio:.2f} ({ms(result.log_seconds)} vs {ms(result.reference_seconds)})",
            "≤ 2.00",
            result.ratio <= 2.0,
        )
    ]


def status_rows(setup: Setup) -> list[Row]:
    import status

    result = status.measure(setup.ten_years, runs=9 if setup.quick else 21)
    return [
        Row(
            "`isotrack status` at 10 y, median (python -c pass; after a write)",
            f"{ms(result.cached)} ({ms(result.python)}; {ms(result.refresh)})",
            f"< {status.BUDGET_MS:.0f} ms",
            result.cached * 1000 < status.BUDGET_MS,
        ),
        Row(
            "`isotrack exercises --ids` (a TAB's exercise ids) at 10 y, median",
            ms(result.ids),
            f"< {status.BUDGET_MS:.0f} ms",
            result.ids * 1000 < status.BUDGET_MS,
        ),
    ]


def write_rows(setup: Setup) -> list[Row]:
    import write

    result = write.measure(setup.one_year, setup.thirty_years, ticks=100 if setup.quick else 300)
    long = result.long.ticks
    rows = [
        Row(
            "tick on disk at 30 y: p95 (median)",
            f"{ms(common.p95(long))} ({ms(common.median(long))})",
            "≤ 5 ms",
            common.p95(long) <= 0.005,
        ),
        Row(
            "tick on disk, median 30 y vs 1 y",
            f"{result.ratio:.2f} ({ms(common.median(long))} vs "
            f"{ms(common.median(result.short.ticks))})",
            "≤ 1.30",
            result.ratio <= 1.3,
        ),
    ]
    for years, side in ((1, result.short), (30, result.long)):
        floor = f"floor {ms(common.median(side.floor))}, p95 {ms(common.p95(side.floor))}"
        rows += [
            Row(
                f"tick vs bare atomic write at {years} y: median",
                f"{side.median_ratio:.2f} ({ms(common.median(side.ticks))}; {floor})",
                "≤ 2.00",
                side.median_ratio <= 2.0,
            ),
            Row(
                f"tick vs bare atomic write at {years} y: p95",
                f"{side.p95_ratio:.2f} ({ms(common.p95(side.ticks))})",
                "≤ 3.00",
                side.p95_ratio <= 3.0,
            ),
        ]
    return rows


def history_bytes(folder: Path) -> int:
    """The size of a folder's month files: what export, import and doctor go through."""
    return sum(path.stat().st_size for path in (folder / "log").glob("*.json"))


def history_rows(setup: Setup) -> list[Row]:
    import history

    folders = {1: setup.one_year, 10: setup.ten_years, 30: setup.thirty_years}
    sweep = history.measure(folders, runs=3 if setup.quick else 7)
    print(history.report(sweep), file=sys.stderr)
    rows = []
    today_rss = sweep.commands["today"][30].peak_rss
    data = history_bytes(setup.thirty_years) / history_bytes(setup.one_year)
    for name, by_years in sweep.commands.items():
        at = by_years[30]
        value = (
            f"{sweep.ratio(name):.2f} ({ms(by_years[1].seconds)} / {ms(by_years[10].seconds)} / "
            f"{ms(at.seconds)}; {mib(at.peak_rss)} at 30 y)"
        )
        if name in ("export", "import", "doctor"):
            memory = at.peak_rss / today_rss
            rows.append(
                Row(
                    f"`{name}` 30 y / 1 y time (history {data:.0f}× as large); peak memory "
                    "at 30 y vs `today`",
                    f"{value}; {memory:.2f}",
                    "memory ≤ 1.50",
                    memory <= 1.5,
                )
            )
        else:
            ratio = sweep.ratio(name)
            rows.append(
                Row(f"`{name}` 30 y / 1 y time (1 / 10 / 30 y)", value, "≤ 1.30", ratio <= 1.3)
            )
    first, second = sweep.first_of_day[30]
    rows.append(
        Row(
            "first command of a day vs the second at 30 y",
            f"+{ms(first - second)} ({ms(first)} vs {ms(second)})",
            "≤ +50 ms",
            first - second <= 0.050,
        )
    )
    calendar = sweep.screens["calendar"]
    rows.append(
        Row(
            "app: calendar opens at 30 y (1 / 10 / 30 y)",
            " / ".join(ms(calendar[y]) for y in (1, 10, 30)),
            "≤ 300 ms",
            calendar[30] <= 0.3,
        )
    )
    progress = sweep.screens["progress"]
    rows.append(
        Row(
            "app: progress opens (1 / 10 / 30 y)",
            " / ".join(ms(progress[y]) for y in (1, 10, 30)),
            "",
            None,
        )
    )
    gap = sweep.streak_after_paint
    rows.append(
        Row(
            "app: longest streak on Today after first paint at 30 y",
            f"{ms(gap[30])} (1 y {ms(gap[1])}, 10 y {ms(gap[10])})",
            "≤ 200 ms",
            gap[30] <= 0.2,
        )
    )
    return rows


def heatmap_rows(setup: Setup) -> list[Row]:
    import heatmap

    result = heatmap.measure(setup.ten_years, passes=1 if setup.quick else 3)
    return [
        Row(
            "heatmap: render one year, 10 y of data (median)",
            ms(result.render),
            "≤ 16 ms",
            result.render <= 0.016,
        ),
        Row(
            "heatmap: switch to another year (median)",
            f"{ms(result.switch)} ([ held down: {ms(result.cold_switch)})",
            "≤ 50 ms",
            result.switch <= 0.050,
        ),
    ]


def timer_rows(setup: Setup) -> list[Row]:
    import timer

    result = timer.measure(quick=setup.quick)
    return [
        Row(
            f"timer: phase-end error over a busy {result.seconds:.0f} s, max (median)",
            f"{ms(result.max_error)} ({ms(result.median_error)}; drift {ms(result.drift)})",
            "≤ 20 ms",
            result.max_error <= 0.020,
        )
    ]


FIGURES: dict[str, Callable[[Setup], list[Row]]] = {
    "startup": startup_rows,
    "cli": cli_rows,
    "status": status_rows,
    "write": write_rows,
    "heatmap": heatmap_rows,
    "history": history_rows,
    "timer": timer_rows,
}


def collect(setup: Setup, names: list[str]) -> list[Row]:
    """Measure each named figure; a figure that cannot run gives one n/a row saying why."""
    rows: list[Row] = []
    for name in names:
        started = time.perf_counter()
        print(f"measuring {name} …", file=sys.stderr, flush=True)
        try:
            rows += FIGURES[name](setup)
        except common.NotAvailable as exc:
            rows.append(Row(name, str(exc), "", None))
        except Exception as exc:
            traceback.print_exc()
            rows.append(Row(name, f"error: {exc!r}", "", None))
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    return rows


def table(rows: list[Row]) -> str:
    """The rows as a Markdown table."""
    head = ("figure", "value", "budget", "result")
    lines = [f"| {' | '.join(head)} |", f"|{'---|' * len(head)}"]
    lines += [f"| {r.figure} | {r.value} | {r.budget} | {r.result} |" for r in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions, shorter timer")
    parser.add_argument("--only", nargs="+", choices=FIGURES, help="just these figures")
    args = parser.parse_args()
    names = args.only or list(FIGURES)
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        print("building demo folders (1, 10 and 30 years) …", file=sys.stderr, flush=True)
        started = time.perf_counter()
        setup = Setup(
            one_year=common.make_demo(Path(tmp) / "demo-1y", 1),
            ten_years=common.make_demo(Path(tmp) / "demo-10y", 10),
            thirty_years=common.make_demo(Path(tmp) / "demo-30y", 30),
            quick=args.quick,
        )
        print(f"  {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
        rows = collect(setup, names)
    print(table(rows))
    print(f"\nPython {sys.version.split()[0]}; {common.machine()}")
    # A figure shown for information has no budget; one with a budget must be measured and met.
    return 0 if all(r.ok or not r.budget for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
