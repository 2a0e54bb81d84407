"""Crash-safe file writes and a TinyDB storage that uses them."""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any, BinaryIO

from tinydb.storages import Storage

from isotrack.store import safe_json
from isotrack.store.codec import ShapeError
from isotrack.store.errors import DataError

FILE_MODE = 0o600
DIR_MODE = 0o700
TEMP_MARK = ".tmp-"


def ensure_dir(path: Path) -> None:
    """Create a private folder (0700) if it does not exist."""
    if os.path.isdir(path):
        return
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
    os.close(_replace_with(path, data, durable))


def _replace_with(path: Path, data: bytes, durable: bool) -> int:
    """:func:`write_bytes_atomic`'s steps on a bare descriptor (no buffered file object), left
    open for the caller: the file that now is ``path``."""
    temp = _temp_beside(path)
    fd = None
    try:
        fd = os.open(temp, TEMP_FLAGS, FILE_MODE)
        _write_all(fd, data)
        if durable:
            os.fsync(fd)
        os.replace(temp, path)
        if durable:
            fsync_dir(path.parent)
        return fd
    except BaseException as exc:
        if fd is not None:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(temp)  # (gone already when the rename was made)
        if isinstance(exc, OSError):
            raise DataError(path, f"cannot write ({exc.strerror})") from None
        raise


def _temp_beside(path: Path) -> Path:
    """A new private temp file's name beside ``path`` (see :func:`temp_files`)."""
    return path.with_name(f".{path.name}{TEMP_MARK}{os.getpid()}-{os.urandom(4).hex()}")


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte of ``data`` to ``fd`` (a write may take only part of them)."""
    done = os.write(fd, data)
    if done < len(data):
        view = memoryview(data)
        while done < len(data):
            done += os.write(fd, view[done:])


@contextlib.contextmanager
def atomic_writer(path: Path, durable: bool = True) -> Iterator[BinaryIO]:
    """A private temp file beside ``path`` to write into; when the block ends it replaces
    ``path`` as :func:`write_bytes_atomic` does (so a long file can be written in pieces).
    When the block raises, the temp file is removed and ``path`` is left as it was."""
    temp = _temp_beside(path)
    try:
        fd = os.open(temp, TEMP_FLAGS, FILE_MODE)
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.replace(temp, path)
        if durable:
            fsync_dir(path.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            temp.unlink()
        if isinstance(exc, OSError):
            raise DataError(path, f"cannot write ({exc.strerror})") from None
        raise


# POSIX keeps a file that was read or written open (see HeldFile). Windows does not: there a
# file held open by one process cannot be replaced by another.
HOLD_FILES = os.name != "nt"


def _identity(info: os.stat_result) -> tuple[int, ...]:
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns)


class HeldFile:
    """A data file kept open after it was read or written, with its status at that moment.

    While it is open, its inode cannot be freed, so no other file can get its number: when
    the path's status (device, inode, size, modification and change times) still matches,
    the path names this very file, which isotrack never changes in place (it always replaces
    a whole file). A matching ``stat`` then stands for reading the bytes again.
    """

    def __init__(self, fd: int, info: os.stat_result) -> None:
        self._fd: int | None = fd
        self._identity = _identity(info)
        self.stamp = (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)

    def is_at(self, path: str | Path) -> bool:
        """True when ``path`` still names this file, unchanged."""
        try:
            return _identity(os.stat(path)) == self._identity
        except OSError:
            return False

    def fileno(self) -> int:
        """The open file's descriptor (ValueError once released)."""
        if self._fd is None:
            raise ValueError("the file was released")
        return self._fd

    def release(self) -> None:
        """Close the file (a held file that was replaced would linger on NFS)."""
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def __del__(self) -> None:
        try:
            self.release()
        except Exception:  # (already closed, or the os module gone at exit)
            return


def write_held(path: Path, data: bytes, durable: bool = True) -> HeldFile | None:
    """:func:`write_bytes_atomic`, keeping the new file open where files can be held: the
    descriptor the bytes went through, its status taken after the rename (which changes the
    file's change time)."""
    if not HOLD_FILES:
        write_bytes_atomic(path, data, durable)
        return None
    fd = _replace_with(path, data, durable)
    try:
        return HeldFile(fd, os.fstat(fd))
    except BaseException:
        os.close(fd)
        raise


def read_held(path: Path) -> tuple[bytes, HeldFile | None]:
    """:func:`read_data_file`, keeping the file open where files can be held."""
    raw, fd, info = _read_open(path)
    if HOLD_FILES:
        return raw, HeldFile(fd, info)
    os.close(fd)
    return raw, None


def read_json(path: Path) -> Any:
    """Parse a JSON file; FileNotFoundError when it does not exist; DataError when unreadable."""
    return parse_json(path, read_data_file(path))


def read_data_file(path: Path) -> bytes:
    """A data file's bytes (see :func:`safe_json.read_file`); FileNotFoundError when it does
    not exist; DataError naming it when it cannot be read or is no regular file of sane size."""
    raw, fd, _info = _read_open(path)
    os.close(fd)
    return raw


def _read_open(path: Path) -> tuple[bytes, int, os.stat_result]:
    try:
        return safe_json.read_open(path)
    except FileNotFoundError:
        raise
    except safe_json.JSONRefused as exc:
        raise DataError(path, f"{exc}; left untouched") from None
    except OSError as exc:
        raise DataError(path, f"cannot read ({exc.strerror}); left untouched") from None


def parse_json(path: Path, raw: bytes, trusted: Callable[[Any], bool] | None = None) -> Any:
    """Parse a data file's bytes; DataError naming the file when they are not JSON
    (``trusted``: see :func:`safe_json.loads`)."""
    try:
        return safe_json.loads(raw, trusted=trusted)
    except safe_json.JSONRefused as exc:
        raise DataError(path, f"file {exc}; left untouched") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        what = "empty" if not raw.strip() else f"not valid JSON ({exc})"
        raise DataError(path, f"file is {what}; left untouched") from None


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)
# The C encoder ``_ENCODER.encode`` makes on every call, made once, with its arguments (a
# tick encodes a dozen small values: making it was a third of each one's cost). No record of
# the containers being encoded (it would be shared by threads): isotrack's values are trees
# of parsed JSON and new documents, never cyclic (a cycle would end in RecursionError).
_C_ENCODE = (
    None
    if json.encoder.c_make_encoder is None
    else json.encoder.c_make_encoder(
        None, _ENCODER.default, json.encoder.encode_basestring, None, ":", ",", True, False, True
    )
)


def dump_json(data: Any) -> bytes:
    """Compact, stable JSON bytes: what ``json.dumps(data, ensure_ascii=False,
    separators=(",", ":"), sort_keys=True)`` gives, encoded as UTF-8."""
    if _C_ENCODE is None or isinstance(data, str):  # (no C accelerator; a key, a text)
        return _ENCODER.encode(data).encode()
    return "".join(_C_ENCODE(data, 0)).encode()


def temp_files(
    folder: Path, listing: Mapping[Path, Iterable[os.DirEntry[str]]] | None = None
) -> Iterator[Path]:
    """Leftover temp files from interrupted writes (``listing``: the entries of ``folder``
    and of each folder in it, when already listed)."""
    if listing is None:
        listing = {sub: list(os.scandir(sub)) for sub in (folder, *_folders_in(folder))}
    for sub, entries in listing.items():
        yield from (sub / e.name for e in entries if TEMP_MARK in e.name and e.name[0] == ".")


def _folders_in(folder: Path) -> Iterator[Path]:
    return (p for p in folder.iterdir() if p.is_dir())


Tables = dict[str, dict[str, Any]]
Check = Callable[[Tables], object]


class Batch:
    """:meth:`AtomicJSONStorage.batch` as a ``with`` block (a class: a generator-made context
    manager costs several calls more, and every write makes one). One is made per block: kept
    on its storage, it would make a reference cycle, and a storage dropped with its tables
    would wait for the garbage collector instead of being freed at once (export and import
    drop one per month)."""

    __slots__ = ("_storage",)

    def __init__(self, storage: AtomicJSONStorage) -> None:
        self._storage = storage

    def __enter__(self) -> None:
        self._storage._begin()

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        self._storage._end(kind is not None)


class AtomicJSONStorage(Storage):
    """TinyDB storage over one JSON file, written through :func:`write_bytes_atomic`.

    It refuses a file that is not a set of TinyDB tables instead of overwriting it, and runs
    ``check`` (a strict decoder that raises ShapeError) on what it reads and before it writes,
    so TinyDB never sees, and never stores, a record of the wrong shape.

    TinyDB reads the whole file before every operation; this storage keeps the bytes it last
    read or wrote with their parsed tables and, while the file still holds exactly those bytes,
    hands the tables back without parsing again. With ``hold`` set (files the store writes),
    the file last read or written is kept open (:class:`HeldFile`), and while the path's
    status still matches it, the bytes are not even read again. Inside :meth:`batch` (always
    run under the folder lock), the file is read once, writes stay in memory and the batch
    ends in one atomic replace, so several table operations (an upsert that inserts, a change
    to three tables) cost one read and one write. A write that would not change the file is
    skipped.
    """

    durable = True  # False for caches: no flush to disk (a lost cache is rebuilt)

    def __init__(self, path: str | os.PathLike[str], check: Check | None = None) -> None:
        self.path = Path(path)
        self._where = os.fspath(path)  # (what the system is asked: no pathlib on each tick)
        self.check = check
        self.hold = False  # keep the file last read or written open (see HeldFile)
        self._known: tuple[bytes, Tables] | None = None  # the file's bytes and their tables
        self._held: HeldFile | None = None  # the file those bytes were read from or written to
        self._pending: Tables | None = None
        self._depth = 0
        self._read_in_batch = False  # the file was read since the outermost batch began
        self.generation = 0  # changes whenever the tables handed out may hold other content
        self.holds_own_write = False  # the file's bytes, as last read, are this storage's write

    def read(self) -> Tables | None:
        if self._pending is not None:
            return self._pending
        if self._read_in_batch and self._known is not None:
            return self._known[1]  # read once per batch: the batch runs under the folder lock
        self._read_in_batch = self._depth > 0
        if self._known is not None and self._held is not None and self._held.is_at(self._where):
            return self._known[1]  # the very file last read or written, unchanged
        try:
            raw, held = read_held(self.path) if self.hold else (read_data_file(self.path), None)
        except FileNotFoundError:
            self._forget()
            return None
        if self._known is not None and self._known[0] == raw:
            self._keep(held)
            return self._known[1]
        self._forget()
        try:
            tables = self._parse(raw)
        except BaseException:
            if held is not None:
                held.release()
            raise
        self._known = (raw, tables)
        self._keep(held)
        return tables

    def stamp(self) -> tuple[int, int, int, int] | None:
        """The held file's modification and change times, size and inode (None when no file
        is held): what a ``stat`` of the path gives while the file is unchanged."""
        return None if self._held is None else self._held.stamp

    def _keep(self, held: HeldFile | None) -> None:
        """Hold ``held`` (the file the known bytes are in) instead of the one held before."""
        if self._held is not None:
            self._held.release()
        self._held = held

    def _forget(self) -> None:
        """The file's content is no longer known (it changed, or a write failed)."""
        self._known, self.holds_own_write = None, False
        self._keep(None)
        self.generation += 1

    def _parse(self, raw: bytes) -> Tables:
        return self._checked(parse_json(self.path, raw))

    def _checked(self, data: Any) -> Tables:
        """``data``, once it is found to be TinyDB tables that ``check`` passes."""
        try:
            if not isinstance(data, dict):
                raise ShapeError("the file is not an object")
            for name, table in data.items():
                if not isinstance(table, dict):
                    raise ShapeError(f"table '{name}' is not an object")
            if self.check is not None:
                self.check(data)
        except ShapeError as exc:
            raise DataError(self.path, f"has the wrong shape: {exc}; left untouched") from None
        return data

    def write(self, data: Tables) -> None:
        if self._depth:
            self._pending = data
            return
        self._flush(data)

    def _flush(self, data: Tables) -> None:
        try:
            raw = self._checked_bytes(data)
        except ShapeError as exc:
            self._forget()
            raise DataError(self.path, f"refused to write a bad record ({exc})") from None
        if self._known is not None and self._known[0] == raw:
            return  # the file already holds exactly these bytes (read under the same lock)
        self._forget()  # releases the held file before it is replaced
        if self.hold:
            held = write_held(self.path, raw, self.durable)
        else:
            write_bytes_atomic(self.path, raw, self.durable)
            held = None
        self._known, self.holds_own_write = (raw, data), True
        self._keep(held)

    def _checked_bytes(self, data: Tables) -> bytes:
        """The file's bytes for ``data``, once ``check`` has passed it (ShapeError if not)."""
        if self.check is not None:
            self.check(data)
        return dump_json(data)

    def batch(self) -> Batch:
        """Collect the writes made inside (a ``with`` block) and make them one atomic replace
        at the end.

        When the block raises, nothing is written and the tables TinyDB changed in memory are
        forgotten.
        """
        return Batch(self)  # (made per block: kept on the storage it would be a cycle)

    def _begin(self) -> None:
        self._depth += 1

    def _end(self, failed: bool) -> None:
        self._depth -= 1
        if self._depth:
            return
        self._read_in_batch = False
        pending, self._pending = self._pending, None
        if failed:
            self._forget()
        elif pending is not None:
            self._flush(pending)

    def close(self) -> None:
        """Let go of the held file, if any (nothing else stays open between operations)."""
        self._keep(None)
