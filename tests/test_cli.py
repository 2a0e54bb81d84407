"""The command line: outputs, exit codes and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from isotrack import __version__
from isotrack.cli import main
from isotrack.clock import FakeClock


def run(capsys, clock: FakeClock, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv), clock=clock)
    out, err = capsys.readouterr()
    return code, out, err


def test_today_on_fresh_folder_lists_beginner_series(cli) -> None:
    code, out, err = cli("today")
    assert code == 0 and err.count("not medical advice") == 1  # the notice is not read yet
    for name in (
        "Knee push–pull, side A",
        "Knee push–pull, side B",
        "Knees-in press",
        "Knees-out press",
    ):
        assert name in out
    assert out.count("1 × 5 × 5 s") == 4


def test_log_twice_shows_two_sets_in_json(cli) -> None:
    assert cli("target", "knees-in", "--sets", "3")[0] == 0
    assert cli("log", "knees-in")[0] == 0
    assert cli("log", "knees-in")[0] == 0
    data = json.loads(cli("today", "--json")[1])
    knees = next(e for e in data["exercises"] if e["id"] == "knees-in")
    assert knees["done_sets"] == 2
    assert [s["reps"] for s in knees["sets"]] == [5, 5]
    assert data["date"] == "2026-11-21"


def test_log_defaults_and_overrides(cli) -> None:
    cli("log", "knees-out", "--reps", "7", "--hold", "4.5")
    data = json.loads(cli("today", "--json")[1])
    sets = next(e for e in data["exercises"] if e["id"] == "knees-out")["sets"]
    assert sets[0]["reps"] == 7 and sets[0]["hold"] == 4.5


def test_unlog_removes_last_set(cli) -> None:
    cli("log", "knees-in")
    code, out, _ = cli("unlog", "knees-in")
    assert code == 0 and "Removed" in out
    code, out, _ = cli("unlog", "knees-in")
    assert code == 0 and "No set" in out


def test_log_for_another_date(cli) -> None:
    cli("log", "knees-in", "--date", "2026-11-20")
    data = json.loads(cli("today", "--json", "--date", "2026-11-20")[1])
    assert next(e for e in data["exercises"] if e["id"] == "knees-in")["done_sets"] == 1
    assert json.loads(cli("today", "--json")[1])["done_sets"] == 0


def test_sided_exercise_alternates_sides(cli) -> None:
    cli("routine", "--add", "pallof-press")
    cli("log", "pallof-press")
    cli("log", "pallof-press")
    data = json.loads(cli("today", "--json")[1])
    sides = [
        s["side"] for s in next(e for e in data["exercises"] if e["id"] == "pallof-press")["sets"]
    ]
    assert sides == ["left", "right"]


def test_target_change_applies_from_today(cli) -> None:
    code, out, _ = cli("target", "knees-in", "--sets", "2", "--reps", "8", "--hold", "6")
    assert code == 0 and "2 × 8 × 6 s" in out
    assert "2 × 8 × 6 s" in cli("target", "knees-in")[1]
    data = json.loads(cli("today", "--json", "--date", "2026-11-20")[1])
    assert data["exercises"] == []  # the program starts today: nothing before it


def test_routine_add_and_remove(cli) -> None:
    code, out, _ = cli("routine", "--add", "superman", "--remove", "knees-out")
    assert code == 0
    assert "superman" in out and "knees-out" not in out


def test_exercises_lists_catalogue(cli) -> None:
    out = cli("exercises")[1]
    for exercise_id in ("push-pull-a", "superman", "side-plank", "pallof-press"):
        assert exercise_id in out


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("log", "nope"), "unknown exercise 'nope' (valid: push-pull-a"),
        (("log", "knees-in", "--reps", "-1"), "--reps"),
        (("log", "knees-in", "--reps", "0"), "from 1 to 1000"),
        (("log", "knees-in", "--date", "2026-02-30"), "YYYY-MM-DD"),
        (("log", "knees-in", "--side", "left"), "not done on sides"),
        (("target", "knees-in", "--reps", "99"), "reps must be"),
        (("config", "relax", "lots"), "relax must be"),
        (("config", "colour"), "unknown setting"),
        (("frobnicate",), "invalid choice"),
        (("log", "knees-in", "--date", "2026-11-22"), "in the future"),
        (("serve", "--port", "99999"), "from 1 to 65535"),
        (("log", "knees-in", "--reps", "1001"), "from 1 to 1000"),
        (("log", "knees-in", "--hold", "0.5"), "holds at least 1 s"),
        (("unlog", "knees-in", "--date", "2026-11-22"), "in the future"),
        (("calendar", "--year", "0"), "from 1900 to 9998"),
        (("calendar", "--year", "99999"), "from 1900 to 9998"),
        (("routine", "--add", "superman", "--add", "nope"), "unknown exercise 'nope'"),
    ],
)
def test_bad_input_exits_2_with_one_line(cli, argv, needle) -> None:
    code, out, err = cli(*argv)
    assert code == 2
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_unreadable_file_exits_1_naming_it(cli, data_dir: Path) -> None:
    cli("log", "knees-in")
    main_file = data_dir / "isotrack.json"
    main_file.write_text("{not json")
    code, _out, err = cli("today")
    assert code == 1
    assert str(main_file) in err and len(err.strip().splitlines()) == 1
    assert main_file.read_text() == "{not json"


def test_data_from_environment(capsys, clock, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("ISOTRACK_DATA", str(tmp_path / "env"))
    assert run(capsys, clock, "log", "knees-in")[0] == 0
    assert (tmp_path / "env" / "log" / "2026-11.json").exists()


def test_version_and_module_entry_point(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "isotrack", "--version"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env={"PYTHONPATH": str(Path(__file__).resolve().parents[1])},
    )
    assert out.stdout.strip() == f"isotrack {__version__}"


def test_cli_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys; from isotrack.cli import main; "
        f"main(['today', '--data', {str(tmp_path / 'd')!r}]); "
        "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_streak_on_a_fresh_folder_reads_well(cli) -> None:
    code, out, _ = cli("streak")
    assert code == 0
    assert "Last 30 days    no training days yet\n" in out


def test_routine_keeps_every_repeated_add_and_remove(cli) -> None:
    out = cli("routine", "--add", "superman", "--add", "side-plank")[1]
    assert "superman" in out and "side-plank" in out
    out = cli("routine", "--remove", "superman", "--remove", "side-plank")[1]
    assert "superman" not in out and "side-plank" not in out and "knees-in" in out


@pytest.mark.parametrize("command", ["log knees-in", "skip"])
def test_days_before_the_program_are_refused(cli, command) -> None:
    assert cli("init", "--accept-safety-notice")[0] == 0  # the program starts 2026-11-21
    code, out, err = cli(*command.split(), "--date", "2026-11-20")
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "isotrack: 2026-11-20 is before your program's first day, 2026-11-21"
    ]


def test_skip_without_a_reason_keeps_the_reason_and_json_says_it(cli) -> None:
    assert json.loads(cli("today", "--json")[1])["skipped"] is None
    cli("skip", "--reason", "travelling")
    code, out, _ = cli("skip")
    assert code == 0 and "(travelling)" in out
    assert json.loads(cli("today", "--json")[1])["skipped"] == "travelling"
    cli("unskip")
    assert json.loads(cli("today", "--json")[1])["skipped"] is None


def test_init_on_a_folder_with_a_log_asks_for_force(cli) -> None:
    cli("log", "knees-in")
    code, _, err = cli("init", "--routine", "core")
    assert code == 2 and "init --force" in err and "from today on" in err
    assert len(err.strip().splitlines()) == 1
    assert "Superman" not in cli("today")[1]
    code, _, err = cli("init", "--accept-safety-notice")
    assert code == 0 and "Superman" not in cli("today")[1]
    assert cli("today")[2] == ""  # acknowledged: no reminder any more
    assert cli("init", "--routine", "core", "--force")[0] == 0
    assert "Superman" in cli("today")[1]


@pytest.mark.parametrize("command", ["today", "log knees-in"])
def test_without_the_safety_notice_read_today_and_log_remind_once(cli, command) -> None:
    code, _, err = cli(*command.split())
    assert code == 0
    assert err.count("not medical advice") == 1
    assert err.count("init --accept-safety-notice") == 1


@pytest.mark.parametrize("command", ["today", "calendar", "streak", "today --json"])
def test_a_read_command_does_not_create_a_mistyped_folder(capsys, clock, tmp_path, command):
    missing = tmp_path / "no-such-folder"
    code = main([*command.split(), "--data", str(missing)], clock=clock)
    _, err = capsys.readouterr()
    assert code == 1 and not missing.exists()
    assert err.strip().splitlines() == [f"isotrack: {missing}: no such data folder (check --data)"]
