"""Snapshots of Welcome, Settings, Help, Today, the safety notice and the hold timer at 80×24
and 120×40 (frozen clock, fixed theme).

Update after an intended change with ``pytest tests/test_snapshots_setup.py --snapshot-update``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from tests.conftest import NOW

SIZES = [(80, 24), (120, 40)]


def make_app(folder: Path, set_up: bool = True) -> IsotrackApp:
    """The app on a folder with both routines at the gentle start and two sets ticked."""
    clock = FakeClock(NOW)
    tracker = Tracker.open(folder, clock)
    if set_up:
        tracker.initialise("both", "gentle", None, True)
        tracker.log_set("push-pull-a")
        tracker.log_set("pallof-press")
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"
    return app


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome_first_step(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d", set_up=False), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_welcome_start_step(snap_compare, tmp_path, size) -> None:
    keys = ["enter", "tab", "enter", "down", "enter", "tab", "enter", "down", "enter"]
    assert snap_compare(make_app(tmp_path / "d", set_up=False), press=keys, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_settings(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), press=["comma"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_on_today(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), press=["question_mark"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_today(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_safety_notice_after_a_red_flag(snap_compare, tmp_path, size) -> None:
    from isotrack.ui.screens.safety import SafetyScreen

    async def show(pilot) -> None:
        await pilot.app.push_screen(SafetyScreen())
        await pilot.pause()

    assert snap_compare(make_app(tmp_path / "d"), run_before=show, terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_hold_timer(snap_compare, tmp_path, size) -> None:
    assert snap_compare(make_app(tmp_path / "d"), press=["down", "enter"], terminal_size=size)
