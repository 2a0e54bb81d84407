"""Snapshots of the pain dialog and the Progress screen at 80×24 and 120×40 (frozen clock,
fixed theme, a hand-made 14-day history of falling pain).

Update after an intended change with
``pytest tests/test_progress_snapshot.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from tests.conftest import NOW
from tests.test_suggest_today import FALLING, build_history

SIZES = [(80, 24), (120, 40)]


def make_app(folder: Path) -> IsotrackApp:
    clock = FakeClock(NOW)
    tracker = Tracker.open(folder, clock)
    build_history(tracker, clock, FALLING)
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_pain_dialog(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), press=["p", "7"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_progress(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), press=["g"], terminal_size=size)
