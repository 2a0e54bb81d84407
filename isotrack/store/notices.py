"""One-line warnings on stderr for what the store skipped but the user should know."""

from __future__ import annotations

import sys

_said: set[str] = set()


def warn(text: str) -> None:
    """Print ``isotrack: warning: TEXT`` once per process (a loop of writes says it once)."""
    if text not in _said:
        _said.add(text)
        print(f"isotrack: warning: {text}", file=sys.stderr, flush=True)
