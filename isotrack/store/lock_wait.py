"""Waiting for the folder lock without leaving the user wondering why nothing happens."""

from __future__ import annotations

import fcntl
import sys
import threading

LOCK_NOTICE_SECONDS = 1.0  # wait this long for another isotrack before saying so


def say_waiting() -> None:
    """Tell the user why nothing happens: another isotrack holds the folder."""
    print("isotrack: waiting for another isotrack…", file=sys.stderr, flush=True)


def wait_for_lock(fd: int) -> None:
    """Take the folder lock on ``fd``; if another process holds it for more than
    :data:`LOCK_NOTICE_SECONDS`, say so once on stderr (and keep waiting)."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return
    except BlockingIOError:
        pass
    notice = threading.Timer(LOCK_NOTICE_SECONDS, say_waiting)
    notice.daemon = True
    notice.start()
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    finally:
        notice.cancel()
