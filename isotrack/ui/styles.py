"""The Textual CSS files: where they are (a wheel install's isotrack/styles or a checkout's
styles/), and adding one to a running app."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.css.stylesheet import Stylesheet

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


def add_stylesheet(css: Stylesheet, path: Path) -> None:
    """Add a stylesheet file to the app's CSS, to be parsed when a widget is next styled (the
    others' rules come from Textual's cache), as Textual does for a new screen's CSS_PATH but
    without reparsing everything. Not ``Stylesheet.read``: it keeps the selector map of the
    rules before it, and the next widget styled would get none of the rules."""
    if not css.has_source(str(path), ""):
        css.add_source(path.read_text(encoding="utf-8"), read_from=(str(path), ""))


def stylesheets() -> list[Path]:
    """Every stylesheet, in a stable order (app.tcss first)."""
    folder = styles_dir()
    sheets = sorted(folder.glob("*.tcss"), key=lambda p: (p.name != "app.tcss", p.name))
    if not sheets:
        raise FileNotFoundError(f"no Textual stylesheets found in {folder}")
    return sheets
