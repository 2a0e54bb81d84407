"""Desktop notifications through the tool each system ships: ``notify-send`` on Linux and other
freedesktop systems, ``osascript`` on macOS. Windows has none that needs no extra library, so
there (and wherever the tool is missing) :func:`notify` reports that it could not, and the
caller prints the line instead.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

TITLE = "isotrack"
TIMEOUT = 10  # seconds: a notifier that hangs must not hold a reminder up


def _applescript_text(text: str) -> str:
    """``text`` as an AppleScript string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def command_for(message: str, platform: str = sys.platform) -> list[str] | None:
    """The command that shows ``message`` on this system, None when there is none."""
    if platform == "darwin":
        tool = shutil.which("osascript")
        script = f'display notification {_applescript_text(message)} with title "{TITLE}"'
        return [tool, "-e", script] if tool else None
    if platform.startswith("win"):
        return None
    tool = shutil.which("notify-send")
    return [tool, "--app-name", TITLE, TITLE, message] if tool else None


def notify(message: str) -> bool:
    """Show ``message`` as a desktop notification; False when it could not be shown."""
    argv = command_for(message)
    if argv is None:
        return False
    try:
        done = subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return done.returncode == 0
