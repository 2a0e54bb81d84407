"""The daily reminder's schedule: a systemd user timer on Linux, else a line to add by hand.

Nothing is installed behind the user's back: with systemd the two unit files go into the
user's own ``systemd/user`` folder and the timer is enabled; elsewhere the crontab (or, on
Windows, Task Scheduler) line is shown for the user to add.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

UNIT = "isotrack-remind"
TIMEOUT = 30


@dataclass(frozen=True)
class Outcome:
    """What an install or uninstall did, in lines for the user; ``ok`` False on failure."""

    lines: list[str]
    ok: bool = True


def unit_dir() -> Path:
    """The systemd user unit folder ($XDG_CONFIG_HOME/systemd/user)."""
    config = os.environ.get("XDG_CONFIG_HOME", "").strip() or os.path.expanduser("~/.config")
    return Path(config) / "systemd" / "user"


def remind_argv(data: str | None) -> list[str]:
    """The command the schedule runs: this Python running ``isotrack remind``."""
    argv = [sys.executable, "-m", "isotrack", "remind"]
    return [*argv, "--data", os.path.abspath(os.path.expanduser(data))] if data else argv


def has_user_systemd() -> bool:
    """True when ``systemctl --user`` can reach a user manager."""
    tool = shutil.which("systemctl")
    if tool is None or not sys.platform.startswith("linux"):
        return False
    try:
        done = subprocess.run(
            [tool, "--user", "show-environment"], capture_output=True, timeout=TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0


def _systemctl(*args: str) -> tuple[bool, str]:
    try:
        done = subprocess.run(
            ["systemctl", "--user", *args], capture_output=True, text=True, timeout=TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, str(exc)
    return done.returncode == 0, (done.stderr or done.stdout).strip()


def unit_files(at: str, data: str | None) -> dict[str, str]:
    """The service and timer unit files, by name."""
    command = shlex.join(remind_argv(data))
    service = (
        "[Unit]\nDescription=isotrack: remind me of today's routine\n\n"
        f"[Service]\nType=oneshot\nExecStart={command}\n"
    )
    timer = (
        "[Unit]\nDescription=isotrack: daily reminder\n\n"
        f"[Timer]\nOnCalendar=*-*-* {at}:00\nPersistent=false\n\n"
        "[Install]\nWantedBy=timers.target\n"
    )
    return {f"{UNIT}.service": service, f"{UNIT}.timer": timer}


def manual_line(at: str, data: str | None, platform: str = sys.platform) -> str:
    """The line a user adds by hand where there is no systemd: a crontab entry, or on
    Windows a Task Scheduler command."""
    hour, minute = at.split(":")
    if platform.startswith("win"):
        command = subprocess.list2cmdline(remind_argv(data))
        return f'schtasks /Create /SC DAILY /ST {at} /TN isotrack-remind /TR "{command}"'
    return f"{int(minute)} {int(hour)} * * * {shlex.join(remind_argv(data))}"


def install(at: str, data: str | None) -> Outcome:
    """Write and enable the systemd user timer, or show the line to add by hand."""
    if not has_user_systemd():
        where = "Task Scheduler" if sys.platform.startswith("win") else "your crontab"
        how = "" if sys.platform.startswith("win") else " (crontab -e)"
        line = manual_line(at, data)
        return Outcome([f"No systemd user session here. Add this to {where}{how}:", line])
    folder = unit_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in unit_files(at, data).items():
        (folder / name).write_text(text, encoding="utf-8")
    for step in (("daemon-reload",), ("enable", "--now", f"{UNIT}.timer")):
        ok, said = _systemctl(*step)
        if not ok:
            return Outcome([f"systemctl --user {' '.join(step)} failed: {said}"], ok=False)
    return Outcome(
        [
            f"Reminder set for {at} every day: {folder / (UNIT + '.timer')}",
            f"'systemctl --user list-timers {UNIT}.timer' shows it; "
            "'isotrack remind --uninstall' removes it.",
        ]
    )


def uninstall() -> Outcome:
    """Disable and remove the systemd user timer (or say how to remove a crontab line)."""
    folder = unit_dir()
    files = [folder / name for name in (f"{UNIT}.timer", f"{UNIT}.service")]
    present = [path for path in files if path.exists()]
    systemd = has_user_systemd()
    if systemd and present:
        _systemctl("disable", "--now", f"{UNIT}.timer")
    for path in present:
        path.unlink()
    if systemd and present:
        _systemctl("daemon-reload")
    if present:
        return Outcome([f"Removed the reminder ({', '.join(p.name for p in present)})."])
    if sys.platform.startswith("win"):
        return Outcome(
            ["No reminder timer here; remove the task: schtasks /Delete /TN isotrack-remind"]
        )
    return Outcome(
        ["No reminder timer here; if you added the crontab line, remove it with crontab -e."]
    )
