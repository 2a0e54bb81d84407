"""Errors the store raises; each names the file concerned (defined in ``isotrack.errors``)."""

from isotrack.errors import DataError

__all__ = ["DataError"]
