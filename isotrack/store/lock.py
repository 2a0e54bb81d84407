"""The folder lock on every OS, behind one small interface: :func:`acquire` and :func:`release`
on an open lock file.

POSIX systems (Linux, macOS) use ``flock``; Windows locks the file's first byte with
``msvcrt.locking``. Each system's module is imported when a lock is first taken, so importing
isotrack never needs a module that only one system has. A library such as filelock would do
the same, but costs more start-up time than every quick command has to spare.
"""

from __future__ import annotations

import os

WINDOWS = os.name == "nt"


def acquire(fd: int) -> None:
    """Wait until this process holds the exclusive lock on the open file ``fd``."""
    if WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        while True:  # LK_LOCK itself gives up after about 10 s: keep waiting, as flock does
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)
                return
            except OSError:
                continue
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_EX)


def try_acquire(fd: int) -> bool:
    """Take the lock on ``fd`` if nobody holds it; False at once when another process does."""
    if WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def release(fd: int) -> None:
    """Let go of the lock on ``fd`` (closing the file afterwards is still the caller's)."""
    if WINDOWS:
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(fd, fcntl.LOCK_UN)
