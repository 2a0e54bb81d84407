"""CLI: calendar, streak, skip, unskip, schedule and demo."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

from isotrack.cli import main
from isotrack.domain.catalogue import ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.schedule import Schedule
from isotrack.store.store import Store

TODAY = date(2026, 11, 21)  # Saturday, the conftest clock's day
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]


def log_all(cli, day: date) -> None:
    for exercise in ROUTINES["beginner"]:
        assert cli("log", exercise, "--date", day.isoformat())[0] == 0


def grid_rows(out: str) -> list[str]:
    return [line for line in out.splitlines() if line[:3] in WEEKDAYS]


def test_streak_counts_a_run_through_a_rest_day_and_a_skipped_day(cli, data_dir) -> None:
    """Done 10 Nov, missed 11th, done 12–14, rest on Sunday 15th, skipped 16th, done 17–20."""
    start = date(2026, 11, 10)
    program = Program.new(start, ROUTINES["beginner"]).with_schedule(
        start, Schedule.parse("mon,tue,wed,thu,fri,sat")
    )
    Store.open(data_dir).save_program(program)
    for day in (10, 12, 13, 14, 17, 18, 19, 20):
        log_all(cli, date(2026, 11, day))
    assert cli("skip", "--date", "2026-11-16", "--reason", "a cold")[0] == 0
    code, out, err = cli("streak", "--json")
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data == {
        "date": "2026-11-21",
        "current": 7,
        "longest": 7,
        "done_days": 8,
        "rate_30d": round(8 / 9, 4),
    }
    code, out, _ = cli("streak")
    assert "Current streak  7 days" in out and "Longest streak  7 days" in out


def test_calendar_prints_seven_weekday_rows_in_plain_characters(cli) -> None:
    assert cli("demo", "--years", "2", "--seed", "4")[0] == 0
    code, out, err = cli("calendar")
    assert code == 0 and err == ""
    assert "\x1b[" not in out
    lines = out.splitlines()
    rows = grid_rows(out)
    assert [row[:3] for row in rows] == WEEKDAYS
    month_line = lines[lines.index(rows[0]) - 1]
    assert month_line.split()[:3] == ["Jan", "Feb", "Mar"] and "Dec" in month_line
    assert all(len(line) <= 80 for line in lines)
    assert "◆" in rows[5]  # today, a Saturday
    assert any(mark in "".join(rows) for mark in "█▓▒░")  # levels differ by character
    assert "less □░▒▓█ more" in out


def test_calendar_other_year_and_sunday_first(cli) -> None:
    cli("demo", "--years", "2")
    cli("config", "week_start", "sun")
    code, out, _ = cli("calendar", "--year", "2025")
    assert code == 0 and out.startswith("2025")
    assert [row[:3] for row in grid_rows(out)] == ["Sun", *WEEKDAYS[:6]]
    assert "◆" not in "".join(grid_rows(out))  # today is in another year
    assert cli("calendar", "--year", "1200")[0] == 2


def test_calendar_colour_on_a_terminal_unless_no_color(cli, monkeypatch) -> None:
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    _, coloured, _ = cli("calendar")
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    _, plain, _ = cli("calendar")
    assert "\x1b[" not in plain and len(grid_rows(plain)) == 7


def test_skip_and_unskip(cli, data_dir) -> None:
    code, out, _ = cli("skip", "--date", "2026-11-19", "--reason", "travelling")
    assert code == 0 and "2026-11-19" in out and "travelling" in out
    assert Store.open(data_dir).day(date(2026, 11, 19)).skipped == "travelling"
    assert cli("skip")[0] == 0
    assert json.loads(cli("today", "--json")[1])["skipped"] == ""
    code, out, _ = cli("unskip", "--date", "2026-11-19")
    assert code == 0 and "no longer" in out
    assert Store.open(data_dir).day(date(2026, 11, 19)).skipped is None
    code, out, _ = cli("unskip", "--date", "2026-11-19")
    assert code == 0 and "was not marked" in out
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    code, _, err = cli("skip", "--date", tomorrow)
    assert code == 2 and "future" in err and err.count("\n") == 1


def test_schedule_makes_other_days_rest_days_from_today(cli) -> None:
    code, out, _ = cli("schedule", "mon,wed,fri")
    assert code == 0 and "Mon, Wed, Fri" in out and "Mon 23 Nov" in out
    assert json.loads(cli("today", "--json")[1])["rest_day"] is True  # a Saturday
    code, out, _ = cli("schedule")
    assert "Mon, Wed, Fri" in out
    assert cli("schedule", "daily")[0] == 0
    assert json.loads(cli("today", "--json")[1])["rest_day"] is False
    code, _, err = cli("schedule", "funday")
    assert code == 2 and "funday" in err


def test_demo_fills_an_empty_folder_and_refuses_one_with_data(cli, data_dir) -> None:
    code, _, err = cli("demo", "--years", "1", "--seed", "2")
    assert code == 0 and err == ""
    store = Store.open(data_dir)
    assert len(store.months()) == 13 and not store.safety_acknowledged
    assert json.loads(cli("streak", "--json")[1])["done_days"] > 200
    code, _, err = cli("demo")
    assert code == 2 and "already holds data" in err and err.count("\n") == 1


def test_demo_refuses_a_folder_with_other_files(cli, data_dir) -> None:
    (data_dir / "notes.txt").write_text("mine")
    code, _, err = cli("demo")
    assert code == 2 and "already holds data" in err
    assert not (data_dir / "isotrack.json").exists()


def test_demo_accepts_the_safety_notice_for_scripts(cli, data_dir) -> None:
    code, out, _ = cli("demo", "--accept-safety-notice")
    assert code == 0 and f"Open it with: isotrack --data {data_dir}" in out
    assert Store.open(data_dir).safety_acknowledged


def test_demo_needs_an_explicit_folder(capsys, clock, monkeypatch) -> None:
    monkeypatch.delenv("ISOTRACK_DATA", raising=False)
    assert main(["demo"], clock=clock) == 2
    assert "--data" in capsys.readouterr().err


def test_calendar_commands_do_not_import_textual(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from isotrack.cli import main\n"
        f"main(['calendar', '--data', {str(tmp_path / 'd')!r}])\n"
        f"main(['streak', '--data', {str(tmp_path / 'd')!r}])\n"
        "assert 'textual' not in sys.modules, 'textual imported'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
