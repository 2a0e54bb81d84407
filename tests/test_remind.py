"""isotrack remind: the notification, and the daily timer with a fake systemctl on PATH."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from isotrack.desktop import notify, timer

FAKE_TOOL = """#!/bin/sh
echo "$0 $*" >> "{log}"
exit {code}
"""


def fake_tool(folder: Path, name: str, log: Path, code: int = 0) -> None:
    """A stand-in for a system tool that records each call in ``log``."""
    path = folder / name
    path.write_text(FAKE_TOOL.format(log=log, code=code))
    path.chmod(path.stat().st_mode | stat.S_IXUSR)


@pytest.fixture
def fake_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """An empty bin folder as the whole PATH, a temp XDG_CONFIG_HOME, and the calls log."""
    bin_dir, log = tmp_path / "bin", tmp_path / "calls.log"
    bin_dir.mkdir()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setattr(sys, "platform", "linux")
    return bin_dir, log


linux_only = pytest.mark.skipif(os.name != "posix", reason="fake tools are shell scripts")


@linux_only
def test_install_writes_and_enables_a_user_timer(fake_path, cli, data_dir) -> None:
    bin_dir, log = fake_path
    fake_tool(bin_dir, "systemctl", log)
    code, out, _ = cli("remind", "--install", "--at", "07:45")
    units = Path(os.environ["XDG_CONFIG_HOME"]) / "systemd" / "user"
    assert code == 0 and "07:45" in out
    timer_text = (units / "isotrack-remind.timer").read_text()
    assert "OnCalendar=*-*-* 07:45:00" in timer_text and "WantedBy=timers.target" in timer_text
    service = (units / "isotrack-remind.service").read_text()
    assert f"-m isotrack remind --data {data_dir}" in service
    calls = log.read_text()
    assert "--user daemon-reload" in calls
    assert "--user enable --now isotrack-remind.timer" in calls

    code, out, _ = cli("remind", "--uninstall")
    assert code == 0 and "Removed" in out
    assert not list(units.iterdir())
    assert "--user disable --now isotrack-remind.timer" in log.read_text()


@linux_only
def test_without_systemd_the_crontab_line_is_shown_and_nothing_written(fake_path, cli) -> None:
    bin_dir, log = fake_path
    fake_tool(bin_dir, "systemctl", log, code=1)  # a systemctl that cannot reach a user bus
    code, out, _ = cli("remind", "--install")
    assert code == 0 and "crontab" in out
    assert "0 19 * * * " in out and "-m isotrack remind" in out
    assert not (Path(os.environ["XDG_CONFIG_HOME"]) / "systemd").exists()
    assert "enable" not in log.read_text()


def test_at_goes_only_with_install(cli) -> None:
    assert cli("remind", "--at", "07:00")[0] == 2
    assert cli("remind", "--install", "--at", "7")[0] == 2


@linux_only
def test_remind_notifies_when_sets_are_left_and_prints_without_a_notifier(fake_path, cli) -> None:
    code, out, _ = cli("remind")  # no notify-send on PATH: the line is printed
    assert code == 0 and out == "4 sets of today's routine still to do.\n"
    bin_dir, log = fake_path
    fake_tool(bin_dir, "notify-send", log)
    code, out, _ = cli("remind")
    assert code == 0 and out == ""
    assert "isotrack 4 sets of today's routine still to do." in log.read_text()
    for exercise in ("push-pull-a", "push-pull-b", "knees-in", "knees-out"):
        cli("log", exercise)
    code, out, _ = cli("remind")
    assert "today is done" in out
    assert log.read_text().count("notify-send") == 1


def test_each_system_gets_its_own_notifier(monkeypatch) -> None:
    monkeypatch.setattr(notify.shutil, "which", lambda name: f"/usr/bin/{name}")
    mac = notify.command_for('say "hi"', "darwin")
    assert mac is not None and mac[0] == "/usr/bin/osascript"
    assert mac[2] == 'display notification "say \\"hi\\"" with title "isotrack"'
    assert notify.command_for("hi", "linux") == [
        "/usr/bin/notify-send",
        "--app-name",
        "isotrack",
        "isotrack",
        "hi",
    ]
    assert notify.command_for("hi", "win32") is None


def test_the_manual_lines_for_cron_and_windows() -> None:
    assert timer.manual_line("07:05", None, "linux").startswith("5 7 * * * ")
    assert timer.manual_line("07:05", None, "win32").startswith(
        "schtasks /Create /SC DAILY /ST 07:05 /TN isotrack-remind"
    )
