"""Make the README's screenshots: one SVG per screen, drawn by the app itself.

    python docs/make_screenshots.py [--size 100x32] [--out docs/screenshots]

Each screen is shot on a fresh folder filled with the seeded demo history (`isotrack demo`),
with the clock frozen and the theme fixed, so the pictures change only when the app does.
To add a screen, add a line to SHOTS; a screen whose mode the app does not have is skipped.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from dateutil import tz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from isotrack.cli import main as cli  # noqa: E402
from isotrack.clock import FakeClock  # noqa: E402
from isotrack.tracker import Tracker  # noqa: E402
from isotrack.ui.app import IsotrackApp  # noqa: E402

NOW = datetime(2026, 11, 21, 18, 30, tzinfo=tz.gettz("Europe/London"))
THEME = "textual-dark"


@dataclass(frozen=True)
class Shot:
    """One screenshot: the file name, the keys that lead to the screen, where it starts."""

    name: str
    keys: tuple[str, ...] = ()
    mode: str = "today"  # the app mode the keys start from (skipped if the app lacks it)
    fresh: bool = False  # a folder never opened, so the welcome shows


SHOTS: tuple[Shot, ...] = (
    Shot("welcome", fresh=True),
    Shot("today"),
    Shot("timer", ("enter",)),
    Shot("calendar", mode="calendar"),
    Shot("progress", mode="progress"),
    Shot("settings", mode="settings"),
    Shot("help", ("question_mark",)),
    Shot("palette", ("ctrl+p",)),
)


def demo_folder(folder: Path, clock: FakeClock) -> Tracker:
    """A folder with two years of demo history (or, without the demo command, a set-up one)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        code = cli(
            ["demo", "--years", "2", "--accept-safety-notice", "--data", str(folder)], clock=clock
        )
    tracker = Tracker.open(folder, clock)
    if code != 0:
        tracker.initialise("both", "gentle", None, accept_safety=True)
    return tracker


async def shoot(shot: Shot, folder: Path, size: tuple[int, int], out: Path) -> bool:
    """Save one screenshot; False when the app has no such screen."""
    clock = FakeClock(NOW)
    tracker = Tracker.open(folder, clock) if shot.fresh else demo_folder(folder, clock)
    app = IsotrackApp(tracker)
    if shot.mode not in app.MODES:
        return False
    app.theme = THEME
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        if shot.mode != app.current_mode:
            await app.switch_mode(shot.mode)
        await pilot.press(*shot.keys)
        await pilot.pause(0.5)
        await pilot.wait_for_scheduled_animations()
        app.save_screenshot(f"{shot.name}.svg", str(out))
    return True


def parse_size(text: str) -> tuple[int, int]:
    """``COLSxROWS`` as a pair."""
    cols, _, rows = text.partition("x")
    return int(cols), int(rows)


def main() -> int:
    """Shoot every screen in SHOTS that the app has."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=parse_size, default=(100, 32), help="COLSxROWS")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    for shot in SHOTS:
        with tempfile.TemporaryDirectory() as tmp:
            made = asyncio.run(shoot(shot, Path(tmp) / "data", args.size, args.out))
        print(f"{'wrote' if made else 'skipped (no such screen)'}: {shot.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
