"""isotrack on systems other than the one CI runs: no POSIX-only module at import, and the
Windows side of the folder lock through a stand-in for ``msvcrt``."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import isotrack
from isotrack.store import lock

REPO = Path(__file__).resolve().parents[1]
POSIX_ONLY = ("fcntl",)


def every_module() -> list[str]:
    """Every module of the isotrack package."""
    return sorted(
        info.name for info in pkgutil.walk_packages(isotrack.__path__, prefix="isotrack.")
    )


def test_every_module_imports_with_fcntl_unavailable() -> None:
    blocked = "; ".join(f"sys.modules[{name!r}] = None" for name in POSIX_ONLY)
    code = (
        f"import sys, importlib; {blocked}\n"
        f"for name in {every_module()!r}:\n"
        "    importlib.import_module(name)\n"
        "import isotrack.cli\n"
        "print('imported', len(sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("imported")


def test_the_list_of_modules_is_real() -> None:
    names = every_module()
    assert "isotrack.store.store" in names and "isotrack.ui.app" in names
    assert "isotrack.commands.status" in names


class FakeMsvcrt(types.ModuleType):
    """msvcrt's locking: records the calls; the first ``busy`` attempts fail as LK_LOCK does
    after its ten seconds of retrying."""

    LK_LOCK, LK_UNLCK = 1, 0

    def __init__(self, busy: int) -> None:
        super().__init__("msvcrt")
        self.busy = busy
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes))
        if mode == self.LK_LOCK and self.busy:
            self.busy -= 1
            raise OSError(36, "Resource deadlock avoided")


def test_the_windows_lock_keeps_waiting_and_unlocks(monkeypatch, tmp_path: Path) -> None:
    fake = FakeMsvcrt(busy=2)
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setattr(lock, "WINDOWS", True)
    fd = os.open(tmp_path / ".lock", os.O_RDWR | os.O_CREAT)
    try:
        lock.acquire(fd)
        lock.release(fd)
    finally:
        os.close(fd)
    assert fake.calls == [(1, 1), (1, 1), (1, 1), (0, 1)]


@pytest.mark.skipif(os.name != "posix", reason="flock")
def test_the_posix_lock_excludes_another_process(tmp_path: Path) -> None:
    path = tmp_path / ".lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT)
    lock.acquire(fd)
    try:
        probe = (
            "import fcntl, os, sys; fd = os.open(sys.argv[1], os.O_RDWR)\n"
            "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept OSError:\n"
            "    print('held')\nelse:\n    print('free')"
        )
        held = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True)
        assert held.stdout.strip() == b"held"
    finally:
        lock.release(fd)
        os.close(fd)
    free = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True)
    assert free.stdout.strip() == b"free"
