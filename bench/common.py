"""Shared pieces of the benchmarks: demo folders, statistics, launching apps in a terminal.

The benchmarks always run the code of this checkout (its root goes first on ``sys.path`` and
is the working directory of every child process), with the interpreter that runs them.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

PYTHON = sys.executable
# The way the installed ``isotrack`` program starts (its console script imports and calls
# ``isotrack.__main__.run``); ``python -m isotrack`` would add runpy's own imports, some 5 ms.
ISOTRACK = (PYTHON, "-c", "import sys; from isotrack.__main__ import run; sys.exit(run())")
BARE_APP = (PYTHON, str(REPO / "bench" / "bare_app.py"))
BARE_MARKER = "bare app ready"
TERMINAL_SIZE = (100, 32)  # columns, rows

_ANSI = re.compile(rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|.)")


class NotAvailable(Exception):
    """A figure whose subject does not exist (yet); the message says what is missing."""


def machine() -> str:
    """A short description of the machine and the UI toolkit, for the table's footer."""
    from importlib.metadata import version

    model = "unknown CPU"
    with contextlib.suppress(OSError), open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return f"{model}, {os.cpu_count()} CPUs; Textual {version('textual')}"


# -- statistics ---------------------------------------------------------------------------


def median(values: Sequence[float]) -> float:
    """The median."""
    return statistics.median(values)


def p95(values: Sequence[float]) -> float:
    """The 95th percentile (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(0.95 * len(ordered)) - 1))]


# -- demo data ----------------------------------------------------------------------------


def child_env() -> dict[str, str]:
    """The environment for child processes: this checkout first, a plain colour terminal."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEXTUAL", "ISOTRACK"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (str(REPO), env.get("PYTHONPATH"))))
    env.update(TERM="xterm-256color", COLORTERM="truecolor", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("NO_COLOR", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # an installed package has its bytecode cached
    return env


def run(args: Sequence[str], check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run a command from the checkout's root and capture its output."""
    return subprocess.run(
        list(args), cwd=REPO, env=child_env(), capture_output=True, text=True, check=check
    )


def has_demo_command() -> bool:
    """True when ``isotrack demo`` exists."""
    return run([*ISOTRACK, "demo", "--help"], check=False).returncode == 0


def make_demo(folder: Path, years: int) -> Path:
    """Fill an empty ``folder`` with ``years`` of demo history ending today; returns it."""
    if has_demo_command():
        run([*ISOTRACK, "demo", "--years", str(years), "--data", str(folder),
             "--accept-safety-notice"])  # fmt: skip
        return folder
    _write_demo_directly(folder, years)
    return folder


def _write_demo_directly(folder: Path, years: int) -> None:
    """Until ``isotrack demo`` exists: write each month file once from ``demo_history``."""
    from isotrack.clock import SystemClock
    from isotrack.domain.demo import demo_history
    from isotrack.store.atomic import AtomicJSONStorage, ensure_dir
    from isotrack.store.codec import day_to_doc
    from isotrack.store.store import Store
    from isotrack.tracker import Tracker

    clock = SystemClock()
    store = Store.open(folder, clock)
    today = Tracker(store, clock).today()
    zone = datetime.now().astimezone().tzinfo
    assert zone is not None
    program, records = demo_history(today, years, seed=7, zone=zone)
    store.save_program(program)
    store.acknowledge_safety(clock.now())
    months: dict[tuple[int, int], dict[str, dict[str, object]]] = {}
    for record in records:
        days = months.setdefault((record.day.year, record.day.month), {})
        days[str(record.day.day)] = day_to_doc(record)
    ensure_dir(store.log_dir)
    for (year, month), days in months.items():
        AtomicJSONStorage(store.month_path(year, month)).write({"days": days})


def copy_folder(source: Path, target: Path) -> Path:
    """A scratch copy of a data folder (figures that write never touch the shared one)."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target)
    return target


def today_title() -> str:
    """The Today screen's title text for the current logical day (default day start)."""
    from isotrack.clock import SystemClock
    from isotrack.domain.days import logical_day, parse_day_start

    day: date = logical_day(SystemClock().now(), parse_day_start("04:00"))
    return f"{day:%A %d %B %Y}"


# -- apps in a pseudo-terminal ------------------------------------------------------------


@dataclass(frozen=True)
class Launch:
    """One launch of a terminal app: seconds to the first paint and peak RSS in bytes."""

    seconds: float
    peak_rss: int


def _peak_rss(pid: int) -> int:
    """VmHWM (peak resident set size) of a running process, in bytes."""
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError(f"no VmHWM for process {pid}")


def _spawn(args: Sequence[str]) -> tuple[int, int]:
    """Fork ``args`` in a fresh pseudo-terminal of TERMINAL_SIZE; its pid and the pty's fd."""
    columns, rows = TERMINAL_SIZE
    env = child_env()
    pid, fd = pty.fork()
    if pid == 0:  # the child: size the terminal, become the app
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
            os.chdir(REPO)
            os.execve(args[0], list(args), env)
        finally:
            os._exit(127)
    return pid, fd


def launch(args: Sequence[str], marker: str, settle: float = 0.0, timeout: float = 30.0) -> Launch:
    """Start ``args`` in a fresh pseudo-terminal and time it until ``marker`` is on screen.

    After the marker shows, keep the app running (and its output drained) for ``settle``
    seconds, read its peak RSS, then kill it.
    """
    needle = marker.encode()
    start = time.perf_counter()
    pid, fd = _spawn(args)
    seen = b""
    elapsed: float | None = None
    try:
        deadline = start + timeout
        while elapsed is None:
            chunk = _read(fd, deadline - time.perf_counter())
            if chunk is None:
                raise RuntimeError(f"{' '.join(args)}: '{marker}' not shown; output: {seen!r}")
            seen += chunk
            if needle in _ANSI.sub(b"", seen):
                elapsed = time.perf_counter() - start
        settle_until = time.perf_counter() + settle
        while (left := settle_until - time.perf_counter()) > 0:
            if _read(fd, left) is None:
                break
        return Launch(elapsed, _peak_rss(pid))
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)


class Terminal:
    """An app running in a fresh pseudo-terminal: wait for text on screen, press keys."""

    def __init__(self, args: Sequence[str], timeout: float = 30.0) -> None:
        self.args, self.timeout = args, timeout
        self.pid, self.fd = _spawn(args)
        self.seen = b""

    def wait_for(self, markers: Sequence[str]) -> list[float]:
        """Seconds from now until each marker is in the output that follows now."""
        start = time.perf_counter()
        self.seen = b""
        found: list[float | None] = [None] * len(markers)
        deadline = start + self.timeout
        while None in found:
            chunk = _read(self.fd, deadline - time.perf_counter())
            if chunk is None:
                raise RuntimeError(f"{' '.join(self.args)}: {markers} not all shown; {self.seen!r}")
            self.seen += chunk
            plain = _ANSI.sub(b"", self.seen)
            now = time.perf_counter() - start
            for n, marker in enumerate(markers):
                if found[n] is None and marker.encode() in plain:
                    found[n] = now
        return [t for t in found if t is not None]

    def drain(self, seconds: float) -> None:
        """Read and drop the output of the next ``seconds`` (the app settles meanwhile)."""
        until = time.perf_counter() + seconds
        while (left := until - time.perf_counter()) > 0:
            if _read(self.fd, left) is None:
                break

    def press(self, key: str, markers: Sequence[str]) -> float:
        """Type ``key``; seconds until every marker has been drawn after it."""
        os.write(self.fd, key.encode())
        return max(self.wait_for(markers))

    def close(self) -> None:
        """Kill the app and release its terminal."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)
        os.close(self.fd)


def launch_until(args: Sequence[str], markers: Sequence[str], timeout: float = 30.0) -> list[float]:
    """Start ``args`` in a fresh pseudo-terminal; seconds until each marker is on screen."""
    terminal = Terminal(args, timeout)
    try:
        return terminal.wait_for(markers)
    finally:
        terminal.close()


def time_key(args: Sequence[str], ready: Sequence[str], key: str, markers: Sequence[str]) -> float:
    """Start ``args`` in a terminal, wait for ``ready`` and a settled second, then type
    ``key``: seconds until every one of ``markers`` is drawn (what the user waits for)."""
    terminal = Terminal(args)
    try:
        terminal.wait_for(ready)
        terminal.drain(1.0)
        return terminal.press(key, markers)
    finally:
        terminal.close()


def _read(fd: int, timeout: float) -> bytes | None:
    """Whatever the terminal has (b"" if nothing within ``timeout``); None at its end."""
    if timeout <= 0:
        return None
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        data = os.read(fd, 65536)
    except OSError:
        return None
    return data or None
