"""The Tracker's quick read-only windows: the status cache for ``isotrack status``, and the
exercise ids for shell completion.

A shell prompt runs ``isotrack status`` before every command line. :meth:`Tracker.status`
caches the facts it works out; this module reads them back for the prompt without loading
the Tracker, TinyDB or the CLI. A shell's completion asks for the exercise ids on every TAB
where one fits; they come from the main file alone. This module is part of the door (screens
and commands never import the store): it only reads, and when the cache cannot answer, the
command asks the Tracker.
"""

from __future__ import annotations

from isotrack.store.glance import read
from isotrack.store.paths import data_dir, quick_data_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from isotrack.domain.status import StatusFacts


def cached_status(data: str | None, now: datetime) -> StatusFacts | None:
    """Today's status from the cache of the data folder (``--data``, else the default one);
    None when the folder needs a library to find, or the cache is missing or stale."""
    root = quick_data_dir(data)
    return None if root is None else read(root, now)


def exercise_ids(data: str | None) -> list[str] | None:
    """Every exercise id of the data folder (``--data``, else the default one): the built-in
    ones in catalogue order, then the user's own, sorted. None when the folder or its main
    file is missing or cannot be read: the caller then says nothing."""
    from isotrack.domain.ids import BUILT_IN
    from isotrack.store.exercise_ids import Unreadable, own_exercise_ids

    root = quick_data_dir(data) or str(data_dir(data))
    try:
        own = own_exercise_ids(root)
    except Unreadable:
        return None
    return [*BUILT_IN, *own]
