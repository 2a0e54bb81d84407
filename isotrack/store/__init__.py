"""Storage: TinyDB files inside one data folder, written atomically under a lock."""

from isotrack.store.errors import DataError
from isotrack.store.store import Store

__all__ = ["DataError", "Store"]
