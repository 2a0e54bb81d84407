"""Waiting for the folder lock without leaving the user wondering why nothing happens."""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from isotrack.store import lock

LOCK_NOTICE_SECONDS = 1.0  # wait this long for another isotrack before saying so


def open_lock_file(path: Path) -> int:
    """The lock file, opened for locking. On a read-only or full file system it is opened
    read-only (flock works on any open file), so commands that only read still run; a folder
    without a lock file there is one nobody can write to, so a private stand-in will do."""
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        if exc.errno not in (errno.EROFS, errno.ENOSPC, errno.EACCES, errno.EPERM):
            raise
        try:
            return os.open(path, os.O_RDONLY)
        except FileNotFoundError:
            return os.open(os.devnull, os.O_RDONLY)


def say_waiting() -> None:
    """Tell the user why nothing happens: another isotrack holds the folder."""
    print("isotrack: waiting for another isotrack…", file=sys.stderr, flush=True)


def wait_for_lock(fd: int) -> None:
    """Take the folder lock on ``fd``; if another process holds it for more than
    :data:`LOCK_NOTICE_SECONDS`, say so once on stderr (and keep waiting)."""
    if lock.try_acquire(fd):
        return
    import threading  # only when another isotrack holds the lock

    notice = threading.Timer(LOCK_NOTICE_SECONDS, say_waiting)
    notice.daemon = True
    notice.start()
    try:
        lock.acquire(fd)
    finally:
        notice.cancel()
