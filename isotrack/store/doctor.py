"""The doctor: check every file of a data folder and restore bad ones from a backup.

Checking never changes data; it only tightens loose permissions and removes leftover temp
files, as opening the folder does. Restoring copies each file it replaces aside first
(``NAME.bad-TIMESTAMP``), so nothing is ever deleted.
"""

from __future__ import annotations

import contextlib
import os
import stat
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
    """One backup file and whether it can be restored from."""

    path: Path
    taken: datetime | None
    problem: str | None  # None when the backup is good


@dataclass
class Report:
    """What the doctor found."""

    root: Path
    files: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    fixed: list[str] = field(default_factory=list)
    backups: list[BackupState] = field(default_factory=list)

    def newest_good_backup(self) -> BackupState | None:
        """The most recently taken backup that checks good."""
        good = [b for b in self.backups if b.problem is None and b.taken is not None]
        return max(good, key=lambda b: b.taken or datetime.min, default=None)


def _tighten(path: Path, mode: int, report: Report) -> None:
    try:
        current = stat.S_IMODE(path.lstat().st_mode)
    except FileNotFoundError:
        return
    if current & 0o077:
        os.chmod(path, mode)
        report.fixed.append(f"made {path} private ({current:o} -> {mode:o})")


def _check_permissions(root: Path, report: Report) -> None:
    if os.name == "nt":  # no owner/group/other modes there: the user's profile is private
        return
    for folder in (root, root / LOG_DIR, backups.backup_dir(root)):
        if folder.is_dir():
            _tighten(folder, DIR_MODE, report)
            for path in folder.iterdir():
                if path.is_file() and not path.is_symlink():
                    _tighten(path, FILE_MODE, report)


def _check_backup(path: Path) -> BackupState:
    try:
        backup = backups.load_backup(path)
        usable_files(backup)
    except DataError as exc:
        return BackupState(path, None, exc.problem)
    return BackupState(path, backup.taken, None)


def usable_files(backup: Backup) -> dict[str, Any]:
    """A backup's files upgraded to the current data version; DataError when unusable."""
    problem = schema_problem(backup.schema)
    if problem:
        raise DataError(backup.path, problem)
    files = migrate(backup.files, backup.schema)
    check_snapshot(files, backup.path)
    return files


def examine(root: Path) -> Report:
    """Check every data file and backup of the folder (under its lock)."""
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
        parsed: dict[str, Any] = {}
        for path in report.files:
            try:
                parsed[relpath(root, path)] = read_tables(path)
            except DataError as exc:
                report.problems.append(Problem(path, exc.problem))
        _check_parsed(root, parsed, report)
        report.backups = [_check_backup(p) for p in backups.backup_files(root)]
    return report


def _check_parsed(root: Path, parsed: dict[str, Any], report: Report) -> None:
    """Decode the files that parsed, upgraded in memory if they are an older version."""
    main_path = root / MAIN_FILE
    schema = SCHEMA
    if MAIN_FILE in parsed or not main_path.exists():
        try:
            schema = snapshot_schema(parsed.get(MAIN_FILE, {}), any(parsed.keys() - {MAIN_FILE}))
        except ShapeError as exc:
            report.problems.append(Problem(main_path, f"has the wrong shape: {exc}"))
            del parsed[MAIN_FILE]
    problem = schema_problem(schema)
    if problem:
        report.problems.append(Problem(main_path, problem, restorable=False))
        return
    for rel, tables in sorted(migrate(parsed, schema).items()):
        if rel == MAIN_FILE and rel not in parsed:
            continue  # added by the upgrade; nothing on disk to check
        try:
            check_file(rel, tables)
        except ShapeError as exc:
            report.problems.append(Problem(root / rel, f"has the wrong shape: {exc}"))


def restore(root: Path, backup_path: Path, only: set[str] | None, now: datetime) -> list[str]:
    """Restore data files from a backup; returns one line per file changed.

    ``only`` limits the restore to those relative paths (the bad files); None restores the
    whole folder to the backup. Every file replaced or removed is first kept aside as
    ``NAME.bad-TIMESTAMP``.
    """
    lines: list[str] = []
    with Store(root).locked():
        files = usable_files(backups.load_backup(backup_path))
        current = {relpath(root, p) for p in data_files(root)}
        targets = only if only is not None else current | set(files)
        suffix = f".bad-{now:%Y%m%dT%H%M%S}"
        for rel in sorted(targets, key=lambda r: (r == MAIN_FILE, r)):
            path = root / rel
            aside = path.with_name(path.name + suffix)
            if rel in files:
                if path.exists():
                    write_bytes_atomic(aside, path.read_bytes())
                path.parent.mkdir(mode=DIR_MODE, exist_ok=True)
                write_bytes_atomic(path, dump_json(files[rel]))
                kept = f" (the old file is kept as {aside.name})" if aside.exists() else ""
                lines.append(f"restored {rel}{kept}")
            elif path.exists():
                path.rename(aside)
                lines.append(f"moved {rel} aside as {aside.name} (the backup has no such file)")
    return lines
