"""Errors the store raises; each names the file concerned."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A data file or folder that cannot be used; the file is left as it was."""

    def __init__(self, path: Path | str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = Path(path)
        self.problem = problem
