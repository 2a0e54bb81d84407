"""The doctor: check every file of a data folder and restore bad ones from a backup.

Checking never changes data; it only tightens loose permissions and removes leftover temp
files, as opening the folder does. Restoring copies each file it replaces aside first
(``NAME.bad-TIMESTAMP``), so nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from isotrack.store import backups
from isotrack.store.atomic import DIR_MODE, FILE_MODE, dump_json, temp_files, write_bytes_atomic
from isotrack.store.backups import Backup
from isotrack.store.codec import ShapeError
from isotrack.store.errors import DataError
from isotrack.store.folder import (
    LOG_DIR,
    MAIN_FILE,
    SCHEMA,
    check_file,
    check_snapshot,
    data_files,
    read_tables,
    relpath,
    schema_problem,
    shape_error,
    snapshot_schema,
)
from isotrack.store.migrations import migrate
from isotrack.store.store import Store


@dataclass(frozen=True)
class Problem:
    """A file that stops isotrack."""

    path: Path
    problem: str
    restorable: bool = True  # False when a backup would not help (data from a newer isotrack)

    def __str__(self) -> str:
        return f"{self.path}: {self.problem}"


@dataclass(frozen=True)
class BackupState:
    """One backup and whether it can be restored from."""

    path: Path
    taken: datetime | None
    problem: str | None  # None when the backup is good
    sequence: int = -1  # the order backups were taken in (-1: an older whole-folder snapshot)


@dataclass
class Report:
    """What the doctor found."""

    root: Path
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    backups: list[BackupState] = field(default_factory=list)

    def newest_good_backup(self) -> BackupState | None:
        """The good backup holding the newest data: the last one taken (by sequence, not by
        the clock, which may have been wrong), then older snapshots by the time they name."""
        good = [b for b in self.backups if b.problem is None and b.taken is not None]
        return max(good, key=lambda b: (b.sequence, b.taken or datetime.min), default=None)


def _tighten(path: Path, mode: int, report: Report) -> None:
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return
    if current & 0o077:
        os.chmod(path, mode)
        report.fixed.append(f"made {path} private ({current:o} -> {mode:o})")


def _check_permissions(root: Path, report: Report) -> None:
    for folder in (root, root / LOG_DIR, backups.backup_dir(root)):
        if folder.is_dir():
            _tighten(folder, DIR_MODE, report)
            for path in folder.iterdir():
                if path.is_file() and not path.is_symlink():
                    _tighten(path, FILE_MODE, report)


def _check_backup(path: Path) -> BackupState:
    try:
        backup = backups.load_backup(path)
        for _ in usable_files(backup):
            pass
    except DataError as exc:
        return BackupState(path, None, exc.problem)
    return BackupState(path, backup.taken, None, backup.sequence)


def usable_files(backup: Backup, only: set[str] | None = None) -> Iterator[tuple[str, Any]]:
    """A backup's files (or ``only`` those), upgraded to the current data version and checked,
    one at a time; DataError naming the backup when one is unusable."""
    problem = schema_problem(backup.schema)
    if problem:
        raise DataError(backup.path, problem)
    names = [rel for rel in backup.names if only is None or rel in only]
    if backup.schema < SCHEMA:  # an older snapshot: upgraded as a whole
        files = migrate({rel: backup.read(rel) for rel in backup.names}, backup.schema)
        check_snapshot(files, backup.path)
        yield from ((rel, files[rel]) for rel in names if rel in files)
        return
    for rel in names:
        tables = backup.read(rel)
        try:
            check_file(rel, tables)
        except ShapeError as exc:
            raise shape_error(backup.path / rel, exc) from None
        yield rel, tables


def examine(root: Path) -> Report:
    """Check every data file and backup of the folder (under its lock), one file at a time."""
    report = Report(root)
    if not root.is_dir():
        return report
    with Store(root).locked():
        for temp in temp_files(root):
            with contextlib.suppress(OSError):
                temp.unlink()
                report.fixed.append(f"removed {temp} (left over from an interrupted write)")
        _check_permissions(root, report)
        report.files = data_files(root)
        schema = _schema(root, report)
        if schema is None:
            pass
        elif schema < SCHEMA:
            _check_old(root, report, schema)
        else:
            for path in report.files:
                _check_one(root, path, report)
        report.backups = [_check_backup(p) for p in backups.backup_files(root)]
    return report


def _schema(root: Path, report: Report) -> int | None:
    """The folder's data version; None (with the problem noted) when it cannot be read or is
    newer than this program."""
    main_path = root / MAIN_FILE
    try:
        tables = read_tables(main_path)
        has_months = any(p != main_path for p in report.files)
        schema = snapshot_schema(tables, has_months)
    except DataError as exc:
        report.problems.append(Problem(main_path, exc.problem))
        return SCHEMA  # the month files are still checked
    except ShapeError as exc:
        report.problems.append(Problem(main_path, f"has the wrong shape: {exc}"))
        return SCHEMA
    problem = schema_problem(schema)
    if problem:
        report.problems.append(Problem(main_path, problem, restorable=False))
        return None
    return schema


def _check_one(root: Path, path: Path, report: Report) -> None:
    if any(p.path == path for p in report.problems):
        return  # (the main file, already found unreadable)
    try:
        check_file(relpath(root, path), read_tables(path))
    except DataError as exc:
        report.problems.append(Problem(path, exc.problem))
    except ShapeError as exc:
        report.problems.append(Problem(path, f"has the wrong shape: {exc}"))


def _check_old(root: Path, report: Report, schema: int) -> None:
    """Data of an older version: read whole, upgraded in memory, then checked."""
    parsed: dict[str, Any] = {}
    for path in report.files:
        try:
            parsed[relpath(root, path)] = read_tables(path)
        except DataError as exc:
            report.problems.append(Problem(path, exc.problem))
    for rel, tables in sorted(migrate(parsed, schema).items()):
        if rel not in parsed or any(p.path == root / rel for p in report.problems):
            continue  # added by the upgrade, or already found unusable
        try:
            check_file(rel, tables)
        except ShapeError as exc:
            report.problems.append(Problem(root / rel, f"has the wrong shape: {exc}"))


def restore(root: Path, backup_path: Path, only: set[str] | None, now: datetime) -> list[str]:
    """Restore data files from a backup, one file at a time; returns one line per change,
    the first naming the backup used.

    ``only`` limits the restore to those relative paths (the bad files); None restores the
    whole folder to the backup. Every file replaced or removed is first kept aside as
    ``NAME.bad-TIMESTAMP``.
    """
    with Store(root).locked():
        backup = backups.load_backup(backup_path)
        lines = [f"from {backup.label}"]
        current = {relpath(root, p) for p in data_files(root)}
        wanted = only if only is not None else current | set(backup.names)
        suffix = f".bad-{now:%Y%m%dT%H%M%S}"
        files = dict.fromkeys(sorted(wanted, key=lambda r: (r == MAIN_FILE, r)))
        for rel, tables in usable_files(backup, set(files)):
            files[rel] = tables
            if rel == MAIN_FILE:
                continue  # written last, after every month it describes
            lines.append(_put_back(root, rel, tables, suffix))
            files[rel] = True
        for rel, tables in files.items():
            path = root / rel
            if tables is True:
                continue
            if tables is not None:
                lines.append(_put_back(root, rel, tables, suffix))
            elif path.exists():
                aside = path.with_name(path.name + suffix)
                path.rename(aside)
                lines.append(f"moved {rel} aside as {aside.name} (the backup has no such file)")
    return lines


def _put_back(root: Path, rel: str, tables: Any, suffix: str) -> str:
    path = root / rel
    aside = path.with_name(path.name + suffix)
    if path.exists():
        write_bytes_atomic(aside, path.read_bytes())
    path.parent.mkdir(mode=DIR_MODE, exist_ok=True)
    write_bytes_atomic(path, dump_json(tables))
    kept = f" (the old file is kept as {aside.name})" if aside.exists() else ""
    return f"restored {rel}{kept}"
