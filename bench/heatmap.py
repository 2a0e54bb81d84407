"""Heatmap: draw one year of the calendar, and switch to another year, on 10 years of data.

Runs the real app headless (120 × 40) on the calendar screen:

- **render**: redraw the year on show (its days already read): every line of the heatmap
  widget, styled as Textual paints it;
- **switch**: ``[`` to the previous year, never shown before in this app, then every line of
  the widgets that changed. While a year is on show the calendar reads the one before it in a
  background thread, so each switch starts once that reading is done (as it is for anyone who
  looks at a year for a moment): its days are rated and the detail panel filled;
- **hurried switch**: ``[`` again at once, before that background reading is done (``[`` held
  down): the month files are read and decoded in the switch itself.

Each pass opens a fresh app, so no year is cached in memory; the files are in the OS cache, as
they are after the app has run once.

    python bench/heatmap.py [--years 10] [--passes 3] [--data DIR]
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import common
from textual.geometry import Region
from textual.widget import Widget

from isotrack.clock import SystemClock
from isotrack.tracker import Tracker

SIZE = (120, 40)
RENDERS_PER_PASS = 10


@dataclass(frozen=True)
class HeatmapResult:
    """Seconds for each redraw, each year switch and each hurried switch."""

    renders: list[float]
    switches: list[float]
    cold_switches: list[float]

    @property
    def render(self) -> float:
        """Median redraw."""
        return common.median(self.renders)

    @property
    def switch(self) -> float:
        """Median year switch."""
        return common.median(self.switches)

    @property
    def cold_switch(self) -> float:
        """Median hurried switch (``[`` held down)."""
        return common.median(self.cold_switches)


async def _pass(folder: Path, result: HeatmapResult, hurried: bool) -> None:
    """One fresh app: redraw the current year a few times, then walk back year by year, each
    time after the background reading of the year before is done, or (``hurried``) at once."""
    from isotrack.ui.app import IsotrackApp
    from isotrack.ui.screens.calendar import CalendarScreen
    from isotrack.ui.widgets.heatmap import Heatmap

    app = IsotrackApp(Tracker.open(folder, SystemClock()))
    async with app.run_test(headless=True, size=SIZE) as pilot:
        await pilot.pause()
        screen = CalendarScreen()
        await app.push_screen(screen)
        await pilot.pause()
        heatmap = screen.query_one(Heatmap)
        changed = [heatmap, *screen.query("#calendar-year, #day-detail Static")]
        for _ in range(0 if hurried else RENDERS_PER_PASS):
            assert heatmap.view is not None and heatmap.cursor is not None
            start = time.perf_counter()
            heatmap.show(heatmap.view, heatmap.cursor)  # drop the drawn lines: a full redraw
            paint([heatmap])
            result.renders.append(time.perf_counter() - start)
            await pilot.pause()
        low, _high = screen.years
        samples = result.cold_switches if hurried else result.switches
        await app.workers.wait_for_complete()
        while screen.year > low:
            if not hurried:
                await app.workers.wait_for_complete()  # the year before is read meanwhile
            year = screen.year
            start = time.perf_counter()
            screen.action_year(-1)  # what `[` runs
            paint(changed)
            samples.append(time.perf_counter() - start)
            assert screen.year == year - 1, "the year did not change"
            await pilot.pause()


def paint(widgets: list[Widget]) -> None:
    """Render every line of each widget, as the compositor does for a frame."""
    for widget in widgets:
        widget.render_lines(Region(0, 0, *widget.size))


def measure(folder: Path, passes: int = 3) -> HeatmapResult:
    """Time redraws and year switches over ``passes`` fresh apps."""
    screen = common.REPO / "isotrack" / "ui" / "screens" / "calendar.py"
    if not screen.exists():
        raise common.NotAvailable("not available yet (no calendar screen)")
    result = HeatmapResult([], [], [])
    for _ in range(passes):
        asyncio.run(_pass(folder, result, hurried=False))
        asyncio.run(_pass(folder, result, hurried=True))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--years", type=int, default=10, help="years of demo history")
    parser.add_argument("--passes", type=int, default=3, help="fresh apps to run")
    parser.add_argument("--data", type=Path, help="an existing data folder to open instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        folder = args.data or common.make_demo(Path(tmp) / "demo", args.years)
        result = measure(folder, args.passes)
    for label, samples in (
        ("redraw a year", result.renders),
        ("switch year", result.switches),
        ("switch at once ([ held down)", result.cold_switches),
    ):
        print(
            f"{label}: median {common.median(samples) * 1000:.1f} ms, "
            f"p95 {common.p95(samples) * 1000:.1f} ms ({len(samples)} samples)"
        )


if __name__ == "__main__":
    main()
