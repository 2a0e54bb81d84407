"""Shared fixtures: a frozen clock and a data folder in a temp dir."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import pytest
from dateutil import tz

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.tracker import Tracker

ZONE = tz.gettz("Europe/London")
NOW = datetime(2026, 11, 21, 9, 30, tzinfo=ZONE)


def clock_on(day: date) -> FakeClock:
    """A clock frozen at noon London time on ``day`` (a store dates its backups by it)."""
    return FakeClock(datetime.combine(day, time(12), tzinfo=ZONE))


@pytest.fixture
def clock() -> FakeClock:
    """A clock frozen at Saturday 2026-11-21 09:30 London time."""
    return FakeClock(NOW)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """An empty data folder (it exists, as one made by a first run would)."""
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], clock: FakeClock, data_dir: Path):
    """Run ``isotrack ARGS --data DIR`` in-process on the frozen clock: (code, out, err)."""

    def call(*argv: str) -> tuple[int, str, str]:
        code = main([*argv, "--data", str(data_dir)], clock=clock)
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def tracker(data_dir: Path, clock: FakeClock) -> Tracker:
    """A tracker on a fresh folder whose safety notice is acknowledged."""
    tracker = Tracker.open(data_dir, clock)
    tracker.acknowledge_safety()
    return tracker


@pytest.fixture(autouse=True)
def no_real_sound(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never start a speech program or a sound player: cues fall back to the bell."""
    monkeypatch.setattr("isotrack.cues.find", lambda names, which=None: None)
