"""Backups: whole-folder snapshots in ``backups/``, one per day, 7 daily and 4 weekly kept.

Each backup is one gzip-compressed JSON file (``zcat`` shows it) written atomically (temp file,
fsync, rename), so a backup is either complete or absent. Checking whether today's backup is
due costs one ``stat``.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from isotrack.store.atomic import TEMP_MARK, dump_json, ensure_dir, write_bytes_atomic
from isotrack.store.codec import ShapeError, instant, obj, whole
from isotrack.store.errors import DataError
from isotrack.store.folder import (
    BACKUP_DIR,
    BACKUP_SUFFIX,
    DAILY_PREFIX,
    Snapshot,
    backup_dir,
    daily_path,
    is_due,
)

__all__ = ["BACKUP_DIR", "DAILY_PREFIX", "SUFFIX", "backup_dir", "daily_path", "is_due"]

FORMAT = "isotrack-backup"
DAILY_KEEP = 7
WEEKLY_KEEP = 4
SUFFIX = BACKUP_SUFFIX


@dataclass(frozen=True)
class Backup:
    """One loaded backup."""

    path: Path
    taken: datetime
    schema: int
    files: Snapshot


def write_backup(path: Path, snapshot: Snapshot, schema: int, taken: datetime) -> None:
    """Write a snapshot as one backup file, atomically."""
    import gzip  # imported here: most runs take no backup

    ensure_dir(path.parent)
    doc = {"format": FORMAT, "schema": schema, "taken": taken.isoformat(), "files": snapshot}
    write_bytes_atomic(path, gzip.compress(dump_json(doc), compresslevel=6, mtime=0))


def load_backup(path: Path) -> Backup:
    """Read a backup file; DataError when it cannot be read or is not a backup."""
    import gzip
    import zlib

    try:
        raw = json.loads(gzip.decompress(path.read_bytes()))
    except FileNotFoundError:
        raise DataError(path, "no such backup") from None
    except gzip.BadGzipFile as exc:
        raise DataError(path, f"this backup is damaged ({exc})") from None
    except OSError as exc:
        raise DataError(path, f"cannot read this backup ({exc.strerror or exc})") from None
    except (EOFError, zlib.error, UnicodeDecodeError, ValueError) as exc:
        raise DataError(path, f"this backup is damaged ({exc})") from None
    try:
        doc = obj(raw, "the backup")
        if doc.get("format") != FORMAT:
            raise ShapeError("not an isotrack backup")
        files = obj(doc.get("files"), "the backup's files")
        return Backup(
            path,
            instant(doc, "taken", "the backup"),
            whole(doc, "schema", "the backup", 1, 10**6),
            files,
        )
    except ShapeError as exc:
        raise DataError(path, f"not a usable backup ({exc})") from None


def backup_files(root: Path) -> list[Path]:
    """Every backup file, by name."""
    folder = backup_dir(root)
    if not folder.is_dir():
        return []
    return sorted(
        p for p in folder.iterdir() if p.name.endswith(SUFFIX) and TEMP_MARK not in p.name
    )


def _daily_day(path: Path) -> date | None:
    if not path.name.startswith(DAILY_PREFIX):
        return None
    try:
        return date.fromisoformat(path.name.removeprefix(DAILY_PREFIX).removesuffix(SUFFIX))
    except ValueError:
        return None


def retained(days: Iterable[date]) -> set[date]:
    """Which daily backups to keep: the 7 newest, then the newest of each of 4 older weeks."""
    newest_first = sorted(set(days), reverse=True)
    keep = set(newest_first[:DAILY_KEEP])
    weeks: set[tuple[int, int]] = set()
    for day in newest_first[DAILY_KEEP:]:
        week = day.isocalendar()[:2]
        if week in weeks:
            continue
        if len(weeks) == WEEKLY_KEEP:
            break
        weeks.add(week)
        keep.add(day)
    return keep


def prune(root: Path) -> list[Path]:
    """Delete daily backups that :func:`retained` does not keep; returns what was removed."""
    dailies = {day: p for p in backup_files(root) if (day := _daily_day(p)) is not None}
    keep = retained(dailies)
    removed = []
    for day, path in sorted(dailies.items()):
        if day not in keep:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
            removed.append(path)
    return removed
