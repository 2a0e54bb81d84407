"""Set-up without the app: init, config and serve from the command line."""

from __future__ import annotations

import shlex
import sys
from typing import Any, ClassVar

from isotrack.commands import serve
from isotrack.store.store import Store


def test_init_core_full_then_today_shows_the_three_at_full_targets(cli, data_dir) -> None:
    code, out, _ = cli("init", "--routine", "core", "--start", "full", "--accept-safety-notice")
    assert code == 0 and "Core isometrics (full start)" in out
    code, out, _ = cli("today")
    lines = [line for line in out.splitlines() if line.startswith("  ")]
    assert len(lines) == 3
    assert "Superman" in lines[0] and "3 × 10 × 5 s" in lines[0]
    assert "Side plank" in lines[1] and "3 /side × 20 s goal" in lines[1]
    assert "Pallof press" in lines[2] and "3 × 10 × 3 s /side" in lines[2]
    assert Store.open(data_dir).safety_acknowledged


def test_init_again_applies_to_a_folder_in_use(cli) -> None:
    assert cli("log", "knees-in")[0] == 0  # a fresh folder works with the defaults
    assert cli("init", "--routine", "both", "--start", "full", "--day-start", "05:00")[0] == 2
    assert (
        cli("init", "--routine", "both", "--start", "full", "--day-start", "05:00", "--force")[0]
        == 0
    )
    code, out, _ = cli("today")
    assert code == 0
    assert out.count("3 × 15 × 5 s") == 4 and "Superman" in out
    assert cli("config", "day_start")[1].strip() == "05:00"


def test_init_without_the_notice_says_so(cli, data_dir) -> None:
    code, out, _ = cli("init")
    assert code == 0 and "not medical advice" in out
    assert not Store.open(data_dir).safety_acknowledged


def test_config_theme_is_checked_against_the_apps_themes(cli) -> None:
    code, _, err = cli("config", "theme", "no-such-theme")
    assert code == 2 and "unknown theme" in err and err.count("\n") == 1
    assert cli("config", "theme", "nord")[0] == 0
    assert cli("config", "theme")[1].strip() == "nord"


def test_serve_without_textual_serve_says_how_to_install(cli, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    code, out, err = cli("serve")
    assert code == 1 and out == ""
    assert err.strip() == serve.INSTALL_HINT and "isotrack[web]" in err


class FakeServer:
    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, command: str, **options: Any) -> None:
        self.made.append({"command": command, **options})

    def serve(self) -> None:
        self.made[-1]["served"] = True


def test_serve_binds_loopback_and_runs_the_app_on_this_folder(cli, monkeypatch, data_dir) -> None:
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "Server", FakeServer)
    assert cli("serve")[0] == 0
    made = FakeServer.made[-1]
    assert made["host"] == "127.0.0.1" and made["port"] == 8000 and made["served"]
    argv = shlex.split(made["command"])
    assert argv[:3] == [sys.executable, "-m", "isotrack"]
    assert argv[3:] == ["--data", str(data_dir.resolve()), "tui"]
    assert cli("serve", "--host", "0.0.0.0", "--port", "8123")[0] == 0
    assert (FakeServer.made[-1]["host"], FakeServer.made[-1]["port"]) == ("0.0.0.0", 8123)


def test_app_command_quotes_awkward_folders() -> None:
    argv = shlex.split(serve.app_command("/tmp/my data; rm -rf x"))
    assert argv[-3:] == ["--data", "/tmp/my data; rm -rf x", "tui"]
