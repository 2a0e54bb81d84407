"""Snapshot of the Today screen at 80×24 with a frozen clock."""

from __future__ import annotations

from datetime import datetime

from dateutil import tz

from isotrack.clock import FakeClock
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp


def make_app(path) -> IsotrackApp:
    clock = FakeClock(datetime(2026, 11, 21, 9, 30, tzinfo=tz.gettz("Europe/London")))
    tracker = Tracker(Store.open(path), clock)
    tracker.store.acknowledge_safety(clock.now())
    tracker.initialise("both", "gentle", None, True)
    tracker.log_set("push-pull-a")
    tracker.log_set("pallof-press")
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"
    return app


def test_today_80x24(snap_compare, tmp_path) -> None:
    assert snap_compare(make_app(tmp_path / "d"), terminal_size=(80, 24))
