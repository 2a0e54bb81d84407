"""The shape of a data folder: each entry the kind it must be, and no history without its
main file. Checked on every open (before any file is read) and by the doctor.

A month file replaced by a folder, a FIFO or a link to a device, ``log`` or ``backups`` as a
plain file, or ``isotrack.json`` a folder or gone while months and backups remain (issue 15):
each is named in one line instead of a hang, a traceback or a default program written over
the user's routine.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from isotrack.store.folder import BACKUP_DIR, LOG_DIR, MAIN_FILE, month_of
from isotrack.store.safe_json import kind_of

DOCTOR_HINT = "run 'isotrack doctor' to restore it from the newest backup"


class Misfit(NamedTuple):
    """An entry of the wrong kind, or the main file missing beside history. (A named tuple:
    every command imports this module, and one is made at import in a tenth of the time a
    dataclass takes.)"""

    path: Path
    problem: str


Listing = dict[Path, list[os.DirEntry[str]]]  # a folder -> its entries


def scan(root: Path) -> Listing:
    """The entries of a data folder and of each folder in it, one listing each. Opening a
    folder removes leftover temp files, tightens modes, checks kinds and stamps the months
    from this one pass, and each entry's status is read from the system once (an entry keeps
    what it read): at thirty years that spared a few thousand calls on every command."""
    try:
        with os.scandir(root) as entries:
            listing: Listing = {root: list(entries)}
    except OSError:
        return {}
    for entry in listing[root]:
        with contextlib.suppress(OSError):
            if entry.is_dir():
                with os.scandir(entry.path) as entries:
                    listing[Path(entry.path)] = list(entries)
    return listing


def _mode(path: Path) -> int | None:
    """The mode of what ``path`` leads to (links followed), None when nothing is there."""
    try:
        return os.stat(path).st_mode
    except FileNotFoundError:
        return None
    except OSError:
        return 0  # a dangling or looping link, or no permission: not a usable entry


def misfits(root: Path, listing: Listing | None = None) -> list[Misfit]:
    """Every entry of the wrong kind, and a missing main file beside history (``listing``:
    the folder's :func:`scan`, if taken)."""
    found: list[Misfit] = []
    for name in (LOG_DIR, BACKUP_DIR):
        mode = _mode(root / name)
        if mode is not None and not stat.S_ISDIR(mode):
            kind = "a plain file" if stat.S_ISREG(mode) else kind_of(mode)
            hint = "" if name == BACKUP_DIR else f"; {DOCTOR_HINT}"
            found.append(Misfit(root / name, f"is {kind}, not a folder{hint}"))
    log = root / LOG_DIR
    if stat.S_ISDIR(_mode(log) or 0):
        entries = None if listing is None else listing.get(log)
        found += sorted(_month_misfits(log, entries), key=lambda misfit: misfit.path.name)
    main = root / MAIN_FILE
    mode = _mode(main)
    if mode is None and has_backups(root):  # (months alone: a version 1 folder, upgraded)
        found.append(Misfit(main, f"is missing, yet the folder holds backups; {DOCTOR_HINT}"))
    elif mode is not None and not stat.S_ISREG(mode):
        found.append(Misfit(main, f"is {kind_of(mode)}, not a data file; {DOCTOR_HINT}"))
    return found


def _month_misfits(log: Path, entries: list[os.DirEntry[str]] | None) -> Iterator[Misfit]:
    """Month entries that are no regular file. A plain file is known from the folder listing
    itself (no call per file: a long history has hundreds); links and the rest are followed."""
    if entries is None:
        with os.scandir(log) as listed:
            entries = list(listed)
    for entry in entries:
        if not month_of(entry.name) or (entry.is_file() and not entry.is_symlink()):
            continue
        mode = _mode(Path(entry.path)) or 0
        if not stat.S_ISREG(mode):
            problem = f"is {kind_of(mode)}, not a data file; {DOCTOR_HINT}"
            yield Misfit(Path(entry.path), problem)


def has_backups(root: Path) -> bool:
    """True when the backup folder holds anything: the main file existed (isotrack writes it
    before the first backup), so its absence is a loss, not a new folder."""
    try:
        return any(not name.startswith(".") for name in os.listdir(root / BACKUP_DIR))
    except OSError:
        return False


def move_aside(path: Path, suffix: str) -> Path | None:
    """Rename an entry of the wrong kind out of the way (it is kept, never deleted)."""
    aside, n = path.with_name(path.name + suffix), 1
    while aside.exists() or aside.is_symlink():
        aside, n = path.with_name(f"{path.name}{suffix}-{n}"), n + 1
    with contextlib.suppress(FileNotFoundError):
        path.rename(aside)
        return aside
    return None


def make_private(root: Path, listing: Listing | None = None) -> bool:
    """Folders 0700 and data files 0600, as isotrack creates them: a folder or file made
    earlier with looser modes (0755, 0644) is tightened by the check of every file on open
    (the app's, a moment after its first frame), not only by the doctor.
    Quietly skipped where the folder cannot be changed (read-only). ``listing``: the
    folder's :func:`scan`, if taken. True when a mode was changed."""
    changed = False
    for folder in (root, root / LOG_DIR, root / BACKUP_DIR):
        if not folder.is_dir():
            continue
        with contextlib.suppress(OSError):
            changed |= _tighten(folder.lstat().st_mode, str(folder))
            entries = None if listing is None else listing.get(folder)
            if entries is None:
                with os.scandir(folder) as listed:
                    entries = list(listed)
            for entry in entries:
                with contextlib.suppress(OSError):
                    changed |= _tighten(entry.stat(follow_symlinks=False).st_mode, entry.path)
    return changed


def _tighten(mode: int, path: str) -> bool:
    """chmod a folder to 0700 or a file to 0600 when others or the group may use it (links
    are left alone: their own mode means nothing); True when it did."""
    if stat.S_IMODE(mode) & 0o077 and not stat.S_ISLNK(mode):
        os.chmod(path, 0o700 if stat.S_ISDIR(mode) else 0o600)
        return True
    return False
