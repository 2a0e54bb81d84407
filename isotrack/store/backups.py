"""Backups: incremental daily manifests over gzip blobs, 7 daily and 4 weekly kept.

``backups/blobs/`` holds each data file's bytes once, gzip-compressed and named by their hash.
A daily backup is a manifest ``backup-SEQUENCE-DAY.json`` listing every data file of the folder
(the main file and each month file, whose summary is inside it) with the blob holding it and
the file's stamp then. Taking one reads and compresses only the files whose stamp changed since
the previous manifest, so its cost follows what changed that day, not the history's length.
Each manifest is complete on its own (restoring needs only it and its blobs); pruning removes
manifests first and then only the blobs no remaining manifest names, so it never breaks one.

Manifests are numbered by a sequence that only grows, so the newest backup is the one taken
last whatever the clock said; a clock set back a few days neither hides new backups nor has
them pruned (the newest seven by sequence are always kept). Whole-folder snapshots written by
older versions (``daily-DAY.json.gz``) and before an upgrade (``before-vN-….json.gz``) are
still read. Every file is written atomically (temp file, fsync, rename).
"""

from __future__ import annotations

import contextlib
import gzip
import os
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from isotrack.store import safe_json
from isotrack.store.atomic import TEMP_MARK, dump_json, ensure_dir, write_bytes_atomic
from isotrack.store.codec import ShapeError, instant, obj, whole
from isotrack.store.digest import blake2b
from isotrack.store.errors import DataError
from isotrack.store.folder import (
    BACKUP_DIR,
    BACKUP_SUFFIX,
    DAILY_PREFIX,
    MANIFEST,
    Snapshot,
    backup_dir,
    data_files,
    is_due,
    manifest_of,
    manifests,
    relpath,
)

__all__ = ["BACKUP_DIR", "DAILY_PREFIX", "SUFFIX", "backup_dir", "is_due", "take"]

FORMAT = "isotrack-backup"
MANIFEST_FORMAT = "isotrack-backup-manifest"
DAILY_KEEP = 7
WEEKLY_KEEP = 4
SUFFIX = BACKUP_SUFFIX
BLOBS = "blobs"


@dataclass(frozen=True)
class Backup:
    """One backup: its files are read one at a time (:meth:`read`), so checking or restoring
    a long history holds one month in memory, not all of them."""

    path: Path
    taken: datetime
    schema: int
    sequence: int  # -1 for a whole-folder snapshot from an older version
    names: tuple[str, ...]  # data files, relative to the folder
    _blobs: dict[str, Path]
    _files: Snapshot

    def read(self, rel: str) -> Any:
        """One data file's tables; DataError when its blob is missing or damaged."""
        if rel in self._files:
            return self._files[rel]
        blob = self._blobs[rel]
        try:
            return safe_json.loads(safe_json.gunzip(blob.read_bytes()))
        except FileNotFoundError:
            raise DataError(self.path, f"its copy of {rel} is missing ({blob.name})") from None
        except (OSError, EOFError, zlib.error, ValueError) as exc:
            raise DataError(self.path, f"its copy of {rel} is damaged ({exc})") from None

    @property
    def label(self) -> str:
        """How the doctor names it."""
        number = f"backup {self.sequence}" if self.sequence >= 0 else self.path.name
        return f"{number}, taken {self.taken:%Y-%m-%d %H:%M}"


# -- names and order -------------------------------------------------------------------------


def _legacy_day(path: Path) -> date | None:
    if not path.name.startswith(DAILY_PREFIX):
        return None
    try:
        return date.fromisoformat(path.name.removeprefix(DAILY_PREFIX).removesuffix(SUFFIX))
    except ValueError:
        return None


def _order(path: Path) -> tuple[int, str]:
    found = manifest_of(path)
    return (found[0] if found else -1, path.name)


def backup_files(root: Path) -> list[Path]:
    """Every backup (manifests and older whole-folder snapshots), oldest first."""
    folder = backup_dir(root)
    try:
        names = os.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    paths = [
        folder / name
        for name in names
        if TEMP_MARK not in name and (name.endswith(SUFFIX) or MANIFEST.match(name))
    ]
    return sorted(paths, key=_order)


# -- taking one ------------------------------------------------------------------------------


def _blob_name(data: bytes) -> str:
    return blake2b(data, digest_size=16).hexdigest() + ".json.gz"


def _stamp(path: Path) -> list[int]:
    st = path.stat()
    return [st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino]


def take(root: Path, day: date, taken: datetime, schema: int) -> Path:
    """Take a backup of every data file: files unchanged since the newest manifest (same
    stamp) reuse its blobs; the others are compressed into new blobs. Returns the manifest."""
    folder = backup_dir(root)
    blobs = folder / BLOBS
    ensure_dir(folder)
    ensure_dir(blobs)
    taken_before = manifests(root)
    previous = _read_manifest(taken_before[-1][2]) if taken_before else {}
    known = previous.get("files", {}) if isinstance(previous.get("files"), dict) else {}
    files: dict[str, dict[str, Any]] = {}
    with os.scandir(blobs) as listed:  # one listing, not a stat per unchanged file
        stored = {entry.name for entry in listed if entry.is_file()}
    for path in data_files(root):
        rel = relpath(root, path)
        stamp = _stamp(path)
        entry = known.get(rel)
        if isinstance(entry, dict) and entry.get("stamp") == stamp and entry.get("blob") in stored:
            files[rel] = entry
            continue
        data = path.read_bytes()
        name = _blob_name(data)
        if not (blobs / name).exists():
            write_bytes_atomic(blobs / name, gzip.compress(data, compresslevel=6, mtime=0))
        files[rel] = {"blob": name, "stamp": stamp}
    sequence = taken_before[-1][0] + 1 if taken_before else 1
    manifest = {
        "format": MANIFEST_FORMAT,
        "sequence": sequence,
        "day": day.isoformat(),
        "taken": taken.isoformat(),
        "schema": schema,
        "files": files,
    }
    path = folder / f"backup-{sequence:06d}-{day.isoformat()}.json"
    write_bytes_atomic(path, dump_json(manifest))
    prune(root)
    return path


def _read_manifest(path: Path) -> dict[str, Any]:
    try:
        doc = safe_json.loads(path.read_bytes())
    except (OSError, ValueError):
        return {}
    return doc if isinstance(doc, dict) else {}


def write_backup(path: Path, snapshot: Snapshot, schema: int, taken: datetime) -> None:
    """Write a whole-folder snapshot as one backup file, atomically (before an upgrade)."""
    ensure_dir(path.parent)
    doc = {"format": FORMAT, "schema": schema, "taken": taken.isoformat(), "files": snapshot}
    write_bytes_atomic(path, gzip.compress(dump_json(doc), compresslevel=6, mtime=0))


# -- reading one -----------------------------------------------------------------------------


def load_backup(path: Path) -> Backup:
    """Read a backup (a manifest, or an older whole-folder snapshot); DataError when it
    cannot be read or is not a backup. A manifest's files are read later, one at a time."""
    if manifest_of(path) is not None:
        return _load_manifest(path)
    try:
        raw = safe_json.loads(safe_json.gunzip(path.read_bytes()))
    except FileNotFoundError:
        raise DataError(path, "no such backup") from None
    except OSError as exc:
        raise DataError(path, f"cannot read this backup ({exc.strerror or exc})") from None
    except (EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise DataError(path, f"this backup is damaged ({exc})") from None
    try:
        doc = obj(raw, "the backup")
        if doc.get("format") != FORMAT:
            raise ShapeError("not an isotrack backup")
        files = obj(doc.get("files"), "the backup's files")
        taken = instant(doc, "taken", "the backup")
        schema = whole(doc, "schema", "the backup", 1, 10**6)
    except ShapeError as exc:
        raise DataError(path, f"not a usable backup ({exc})") from None
    return Backup(path, taken, schema, -1, tuple(sorted(files)), {}, files)


def _load_manifest(path: Path) -> Backup:
    try:
        raw = safe_json.loads(path.read_bytes())
    except FileNotFoundError:
        raise DataError(path, "no such backup") from None
    except OSError as exc:
        raise DataError(path, f"cannot read this backup ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise DataError(path, f"this backup is damaged ({exc})") from None
    try:
        doc = obj(raw, "the backup")
        if doc.get("format") != MANIFEST_FORMAT:
            raise ShapeError("not an isotrack backup")
        blobs: dict[str, Path] = {}
        for rel, entry in obj(doc.get("files"), "the backup's files").items():
            name = obj(entry, f"the entry of {rel}").get("blob")
            if not isinstance(name, str) or "/" in name or not name.endswith(".json.gz"):
                raise ShapeError(f"the entry of {rel} names no blob")
            blobs[rel] = path.parent / BLOBS / name
        taken = instant(doc, "taken", "the backup")
        schema = whole(doc, "schema", "the backup", 1, 10**6)
        sequence = whole(doc, "sequence", "the backup", 1, 10**9)
    except ShapeError as exc:
        raise DataError(path, f"not a usable backup ({exc})") from None
    return Backup(path, taken, schema, sequence, tuple(sorted(blobs)), blobs, {})


# -- pruning ---------------------------------------------------------------------------------


def retained(days: Iterable[date]) -> set[date]:
    """Which days to keep of dated backups: the 7 newest, then the newest of each of 4 older
    weeks (for older whole-folder snapshots, named by their day)."""
    newest_first = sorted(set(days), reverse=True)
    return set(_keep(newest_first, lambda day: day))


def _keep(newest_first: list[Any], day_of: Any) -> Iterator[Any]:
    yield from newest_first[:DAILY_KEEP]
    weeks: set[tuple[int, int]] = set()
    for item in newest_first[DAILY_KEEP:]:
        week = day_of(item).isocalendar()[:2]
        if week in weeks:
            continue
        if len(weeks) == WEEKLY_KEEP:
            break
        weeks.add(week)
        yield item


def prune(root: Path) -> list[Path]:
    """Delete the daily backups not kept (the 7 newest by sequence, then the newest of each of
    4 older weeks), then the blobs no kept manifest names. Returns what was removed."""
    removed: list[Path] = []
    newest_first = sorted(manifests(root), reverse=True)
    kept = set(_keep(newest_first, lambda m: m[1]))
    for manifest in newest_first:
        if manifest not in kept:
            with contextlib.suppress(FileNotFoundError):
                manifest[2].unlink()
            removed.append(manifest[2])
    legacy = {day: p for p in backup_files(root) if (day := _legacy_day(p)) is not None}
    # older whole-folder dailies are kept by their day until seven manifests take over
    keep_days = retained(legacy) if len(kept) < DAILY_KEEP else set()
    for day, path in sorted(legacy.items()):
        if day not in keep_days:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    removed += _collect_blobs(root, [m[2] for m in kept])
    return removed


def _collect_blobs(root: Path, manifests: list[Path]) -> list[Path]:
    """Delete blobs that no kept manifest names (nothing when a manifest cannot be read)."""
    named: set[str] = set()
    for path in manifests:
        doc = _read_manifest(path)
        files = doc.get("files")
        if not isinstance(files, dict):
            return []  # cannot tell what it needs: keep every blob
        named.update(str(e.get("blob")) for e in files.values() if isinstance(e, dict))
    blobs = backup_dir(root) / BLOBS
    removed = []
    for path in blobs.iterdir() if blobs.is_dir() else ():
        if path.name not in named:  # (a leftover temp file too: this runs under the lock)
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    return removed
