"""The domain layer stays pure: it never imports the UI or storage libraries."""

import subprocess
import sys
from pathlib import Path

import isotrack.domain

FORBIDDEN = ("textual", "tinydb", "rich", "platformdirs")
FORBIDDEN_OWN = ("isotrack.store", "isotrack.ui", "isotrack.cli", "isotrack.commands")


def test_domain_modules_import_no_ui_or_storage() -> None:
    domain_dir = Path(isotrack.domain.__file__).parent
    modules = sorted(
        f"isotrack.domain.{p.stem}" for p in domain_dir.glob("*.py") if p.stem != "__init__"
    )
    assert modules, "no domain modules found"
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + f"bad = sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN!r}\n"
        + f"             or m.startswith({FORBIDDEN_OWN!r}))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"domain imported: {out.stdout.strip()}"


def test_domain_source_has_no_wall_clock_or_io() -> None:
    domain_dir = Path(isotrack.domain.__file__).parent
    for path in domain_dir.glob("*.py"):
        text = path.read_text()
        for banned in ("datetime.now(", "date.today(", "time.time(", "open(", "time.monotonic("):
            assert banned not in text, f"{path.name} uses {banned}"
