"""The Tracker's quick read-only window on the status cache, for ``isotrack status``.

A shell prompt runs ``isotrack status`` before every command line. :meth:`Tracker.status`
caches the facts it works out; this module reads them back for the prompt without loading
the Tracker, TinyDB or the CLI. It is part of the door (screens and commands never import
the store): it only reads, and when the cache cannot answer, the command asks the Tracker.
"""

from __future__ import annotations

from isotrack.store.glance import read
from isotrack.store.paths import quick_data_dir

TYPE_CHECKING = False
if TYPE_CHECKING:
    from datetime import datetime

    from isotrack.domain.status import StatusFacts


def cached_status(data: str | None, now: datetime) -> StatusFacts | None:
    """Today's status from the cache of the data folder (``--data``, else the default one);
    None when the folder needs a library to find, or the cache is missing or stale."""
    root = quick_data_dir(data)
    return None if root is None else read(root, now)
