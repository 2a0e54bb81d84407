"""The wheel carries the stylesheets, and the app finds them from any directory."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from isotrack.ui.styles import stylesheets

ROOT = Path(__file__).resolve().parents[1]


def test_wheel_includes_styles(tmp_path: Path) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("isotrack-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    expected = {f"isotrack/styles/{p.name}" for p in (ROOT / "styles").glob("*.tcss")}
    assert expected and expected <= set(names)
    assert any(n.endswith("entry_points.txt") for n in names)


def test_checkout_finds_stylesheets() -> None:
    sheets = stylesheets()
    assert sheets[0].name == "app.tcss"
    assert all(p.is_file() for p in sheets)
