"""Crash-safe file writes and a TinyDB storage that uses them."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tinydb.storages import Storage

from isotrack.store.errors import DataError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


def ensure_dir(path: Path) -> None:
    """Create a private folder (0700) if it does not exist."""
    try:
        path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)
    except OSError as exc:
        raise DataError(path, f"cannot create the folder ({exc.strerror})") from None
    if not path.is_dir():
        raise DataError(path, "is not a folder")


# A new private file, never through a symlink (POSIX only) and in binary mode (Windows only).
TEMP_FLAGS = (
    os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
)


def fsync_dir(path: Path) -> None:
    """Flush a folder's entries (the rename) to disk. Windows cannot open a folder as a
    file, and its rename is already durable once the call returns (MoveFileEx)."""
    if os.name == "nt":
        return
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_bytes_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write ``data`` to ``path`` so that a crash leaves either the old or the new file.

    The bytes go to a new private temp file beside ``path``, are flushed to disk, and replace
    ``path`` in one rename; the folder is then flushed so the rename survives a power cut.
    ``durable=False`` skips both flushes (for caches that may be lost).
    """
    temp = path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")
    try:
        fd = os.open(temp, TEMP_FLAGS, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
        if durable:
            fsync_dir(path.parent)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise DataError(path, f"cannot write ({exc.strerror})") from None


def read_json(path: Path) -> Any:
    """Parse a JSON file; FileNotFoundError when it does not exist; DataError when unreadable."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise DataError(path, f"cannot read ({exc.strerror}); left untouched") from None
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        what = "empty" if not raw.strip() else f"not valid JSON ({exc})"
        raise DataError(path, f"file is {what}; left untouched") from None


def dump_json(data: Any) -> bytes:
    """Compact, stable JSON bytes."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode()


def temp_files(folder: Path) -> Iterator[Path]:
    """Leftover temp files from interrupted writes."""
    for sub in (folder, *(p for p in folder.iterdir() if p.is_dir())):
        yield from (p for p in sub.iterdir() if TEMP_MARK in p.name and p.name.startswith("."))


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written through :func:`write_bytes_atomic`.

    It refuses a file that is not a set of TinyDB tables instead of overwriting it.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_json(self.path)
        except FileNotFoundError:
            return None
        if not isinstance(data, dict):
            raise DataError(
                self.path, "has the wrong shape: the file is not an object; left untouched"
            )
        for name, table in data.items():
            if not isinstance(table, dict):
                problem = f"table '{name}' is not an object"
                raise DataError(self.path, f"has the wrong shape: {problem}; left untouched")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        write_bytes_atomic(self.path, dump_json(data))

    def close(self) -> None:
        """Nothing stays open between operations."""
