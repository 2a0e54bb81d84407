"""How long Settings and Help take to open the first time (their code, stylesheet and widgets
are loaded on first use), from the key press to the screen drawn, as the user sees it.

    python bench/first_open.py [--runs 5] [--data DIR]

Each sample starts the app in a fresh process in a real pseudo-terminal of 100×32, waits until
Today is drawn and has settled for a second, types ``,`` (Settings) or ``?`` (Help) once and
times until the screen's first screenful is drawn: its top and the last line of that screenful.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

import common

# The key that opens each screen from Today, and what only that screen, fully drawn, shows at
# 100×32: its heading and the last thing in its first screenful.
SCREENS = {
    "settings": (",", ("Routine · Targets", "Get ready (s)")),
    "help": ("?", ("isotrack help", "Get emergency care now")),
}
BUDGET = 0.5  # seconds (issue 16)


def measure(folder: Path, screen: str, runs: int) -> list[float]:
    """``runs`` samples of the first open of ``screen``, each in a fresh app."""
    key, markers = SCREENS[screen]
    app_args = (*common.ISOTRACK, "--data", str(folder))
    ready = (common.today_title(), "longest")
    return [common.time_key(app_args, ready, key, markers) for _ in range(runs)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="samples of each screen")
    parser.add_argument("--data", type=Path, help="a data folder (default: 1 year of demo)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="isotrack-bench-") as tmp:
        scratch = Path(tmp)
        source = args.data or common.make_demo(scratch / "demo", 1)
        folder = common.copy_folder(source, scratch / "app")  # the app's writes stay here
        for screen in SCREENS:
            samples = measure(folder, screen, args.runs)
            median = common.median(samples)
            verdict = "pass" if median < BUDGET else "FAIL"
            print(
                f"first open of {screen}: median {median * 1000:.0f} ms, "
                f"max {max(samples) * 1000:.0f} ms over {len(samples)} runs "
                f"(budget {BUDGET * 1000:.0f} ms: {verdict})"
            )


if __name__ == "__main__":
    sys.exit(main())
