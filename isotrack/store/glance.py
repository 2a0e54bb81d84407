"""A small cache of today's status, so a shell prompt can show it without reading the history.

The tracker writes ``.status`` after working the status out from the data; it records the
stamp (times, size, inode) of the main file and of every month file it stood on. A prompt's
``isotrack status`` then costs a directory listing, a ``stat`` per month file and one small
read: while every stamp and the day match, the cached facts are still true. Any write (a set,
a pain score, a setting, an import) changes a stamp, and the next status works it out again.

The file is plain lines (a header, the facts, one stamp per file), read without ``json`` and
with nothing beyond the cheapest standard modules: it runs before every prompt.
"""

from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta

from isotrack.domain.status import StatusFacts

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

CACHE_FILE = ".status"
HEADER = "isotrack status cache 1"
_MAIN = "isotrack.json"
_LOG = "log"
_SUFFIX = ".json"


def _line(rel: str, st: os.stat_result) -> str:
    return f"{rel} {st.st_mtime_ns} {st.st_ctime_ns} {st.st_size} {st.st_ino}"


def stamps(root: str | Path) -> list[str]:
    """One line per data file (the main file and every month file): its path relative to the
    folder and its stamp, sorted."""
    base = os.fspath(root)
    found: list[str] = []
    try:
        found.append(_line(_MAIN, os.stat(os.path.join(base, _MAIN))))
        with os.scandir(os.path.join(base, _LOG)) as entries:
            for entry in entries:
                if entry.name.endswith(_SUFFIX) and not entry.name.startswith("."):
                    found.append(_line(f"{_LOG}/{entry.name}", entry.stat()))
    except OSError:
        pass
    found.sort()
    return found


def _logical_day(now: datetime, day_start: str) -> date:
    start = time.fromisoformat(day_start)
    return (now - timedelta(hours=start.hour, minutes=start.minute)).date()


def read(root: str | Path, now: datetime) -> StatusFacts | None:
    """Today's status from the cache, or None when it is missing, stale or unreadable."""
    try:
        with open(os.path.join(os.fspath(root), CACHE_FILE), encoding="utf-8") as handle:
            lines = handle.read().splitlines()
        if len(lines) < 2 or lines[0] != HEADER:
            return None
        day, day_start, planned, done, rest, skipped, streak, waiting, threshold = lines[1].split()
        today = _logical_day(now, day_start)
        if day != today.isoformat() or lines[2:] != stamps(root):
            return None
        return StatusFacts(
            today,
            int(planned),
            int(done),
            rest_day=rest == "1",
            skipped=skipped == "1",
            streak_before=int(streak),
            suggestions=int(waiting),
            threshold=float(threshold),
        )
    except (OSError, ValueError, UnicodeDecodeError):
        return None


def write(root: Path, facts: StatusFacts, day_start: str, taken: list[str]) -> None:
    """Cache ``facts``; ``taken`` holds the stamps read *before* the data they came from, so a
    write in between leaves the cache stale rather than wrong. Best effort: it is a cache."""
    import contextlib

    from isotrack.store.atomic import write_bytes_atomic  # only when the cache is refreshed
    from isotrack.store.errors import DataError

    values = (
        facts.day.isoformat(),
        day_start,
        facts.planned,
        facts.done,
        int(facts.rest_day),
        int(facts.skipped),
        facts.streak_before,
        facts.suggestions,
        facts.threshold,
    )
    text = "\n".join([HEADER, " ".join(map(str, values)), *taken]) + "\n"
    with contextlib.suppress(DataError):
        write_bytes_atomic(root / CACHE_FILE, text.encode(), durable=False)
