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


def stylesheet(*names: str) -> list[Path]:
    """Some of the stylesheets, by file name: the app loads its own at start and each screen
    loads its own when first shown, so the first frame parses only what it draws."""
    folder = styles_dir()
    sheets = [folder / name for name in names]
    missing = [p.name for p in sheets if not p.is_file()]
    if missing:
        raise FileNotFoundError(f"stylesheet {', '.join(missing)} not found in {folder}")
    return sheets


def stylesheets() -> list[Path]:
    """Every stylesheet, in a stable order (app.tcss first)."""
    folder = styles_dir()
    sheets = sorted(folder.glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))
    if not sheets:
        raise FileNotFoundError(f"no Textual stylesheets found in {folder}")
    return sheets
