"""Find the Textual CSS folder in a wheel install (isotrack/styles) or a checkout (styles/)."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent


def styles_dir() -> Path:
    """The folder holding the ``.tcss`` files."""
    packaged = _PACKAGE / "styles"
    if packaged.is_dir():
        return packaged
    return _PACKAGE.parent / "styles"


def stylesheets() -> list[Path]:
    """Every stylesheet, in a stable order (app.tcss first)."""
    folder = styles_dir()
    sheets = sorted(folder.glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))
    if not sheets:
        raise FileNotFoundError(f"no Textual stylesheets found in {folder}")
    return sheets
