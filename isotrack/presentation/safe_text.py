"""Untrusted text made safe to show: one control-character strip, one CSV-cell guard.

Notes, skip reasons, exercise ids and paths come from the user, an import or the file system,
and reach three places that interpret characters: a terminal (ESC sequences retitle windows,
move the cursor or worse), Textual markup (``[/x]`` crashes a screen) and spreadsheets
(``=HYPERLINK(...)`` runs as a formula). The stored text is never changed; only what is shown
or exported is.

The app never parses user text as markup: screens pass it as ``Content`` (plain text) and
notifications are shown with ``markup=False`` (see ``IsotrackApp.notify``), after
:func:`strip_controls`. This module imports nothing heavy: the CLI, the store and the app use it.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 controls except tab and newline (ESC included), DEL, and the C1 controls (CSI, OSC, ...).
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spreadsheet formula starts (OWASP "CSV Injection"): such a cell gets a leading apostrophe.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def strip_controls(text: str) -> str:
    """``text`` without control characters a terminal would act on (tab and newline kept)."""
    return _CONTROLS.sub("", text)


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text, never runs as a formula (OWASP's rule), its
    line breaks all ``\n``: the CSV writer quotes a cell holding one, but not a lone ``\r``
    (an imported note may hold one), which a reader takes for the end of the row."""
    guarded = "'" + text if text.startswith(_FORMULA_START) else text
    return guarded.replace("\r\n", "\n").replace("\r", "\n")


class StrippedWriter:
    """A text stream that strips control characters from everything written to it.

    The CLI prints through one of these, so a note holding ``ESC ] 2 ; ... BEL`` cannot reach
    the terminal whichever command prints it. ``raw`` is the stream underneath, for data
    (an export) that must go out byte for byte when it is not going to a terminal.
    """

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(strip_controls(text))
        return len(text)

    def __getattr__(self, name: str) -> object:
        return getattr(self.raw, name)


def unstripped(stream: TextIO) -> TextIO:
    """The stream under a :class:`StrippedWriter`: for text the program built itself (the
    calendar's colours) or data that must go out exactly (an export into a pipe or file)."""
    return stream.raw if isinstance(stream, StrippedWriter) else stream
