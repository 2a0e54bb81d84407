"""Snapshots of the Calendar on a demo history, with a frozen clock, at 80×24 and 120×40."""

from __future__ import annotations

from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.demo import demo_history
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from tests.conftest import NOW, ZONE


def make_app(path: Path) -> IsotrackApp:
    clock = FakeClock(NOW)
    tracker = Tracker.open(path, clock)
    tracker.acknowledge_safety()
    program, records = demo_history(NOW.date(), 2, 7, zone=ZONE)
    tracker._store.save_program(program)
    tracker._store.write_days(records)
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"
    return app


async def open_calendar(pilot) -> None:
    await pilot.press("c", "left", "up")  # a past day, so the panel shows sets and pain
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=["80x24", "120x40"])
def test_calendar_demo_year(snap_compare, tmp_path: Path, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(tmp_path / "d"), terminal_size=size, run_before=open_calendar)
