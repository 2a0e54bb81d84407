"""The errors the app and the commands catch: one small public module, so neither has to
import the store or the tracker's internals to name what can go wrong."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A data file or folder that cannot be used; the file is left as it was."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem


class InvalidInput(ValueError):
    """A request that does not make sense (e.g. a side for a one-sided exercise)."""


class BadImport(ValueError):
    """An import file that cannot be used; the message names the bad record."""
