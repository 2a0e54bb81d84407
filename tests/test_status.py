"""isotrack status: the prompt line, its exit codes, and the cache that keeps it quick."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.commands.status import quick, quick_args
from isotrack.domain.status import DONE, REST_DAY, SETS_LEFT, StatusFacts
from isotrack.presentation.status_line import check_template, status_line
from isotrack.store.glance import CACHE_FILE
from isotrack.store.paths import data_dir, quick_data_dir

REPO = Path(__file__).resolve().parents[1]
DAY = date(2026, 11, 21)


def test_the_default_line_shows_sets_risk_and_suggestions() -> None:
    facts = StatusFacts(DAY, 4, 2, streak_before=5, suggestions=1)
    assert status_line(facts) == "iso 2/4 ! ▲"
    assert facts.exit_code == SETS_LEFT
    done = StatusFacts(DAY, 4, 4, streak_before=5)
    assert (status_line(done), done.exit_code, done.streak, done.at_risk) == (
        "iso 4/4",
        DONE,
        6,
        False,
    )


def test_rest_and_skipped_days_are_not_at_risk() -> None:
    rest = StatusFacts(DAY, 0, 0, rest_day=True, streak_before=5)
    assert (status_line(rest), rest.exit_code, rest.at_risk) == ("iso rest", REST_DAY, False)
    skipped = StatusFacts(DAY, 4, 0, skipped=True, streak_before=5)
    assert (skipped.state, skipped.exit_code, skipped.at_risk) == ("skipped", DONE, False)


def test_the_done_threshold_decides_when_today_is_done() -> None:
    assert StatusFacts(DAY, 10, 8, threshold=0.8).exit_code == DONE
    assert StatusFacts(DAY, 10, 7, threshold=0.8).exit_code == SETS_LEFT


def test_format_placeholders_and_bad_templates() -> None:
    facts = StatusFacts(DAY, 4, 1, streak_before=2)
    assert status_line(facts, "{left} left · {streak}d · {percent}% · {state} {date}") == (
        "3 left · 2d · 25% · left 2026-11-21"
    )
    assert check_template("{left}") is None
    assert "unknown placeholder {nope}" in (check_template("{nope}") or "")
    assert check_template("{left") is not None


def test_status_exit_code_changes_when_todays_sets_are_all_logged(cli) -> None:
    code, out, err = cli("status")
    assert (code, out, err) == (SETS_LEFT, "iso 0/4\n", "")
    for exercise in ("push-pull-a", "push-pull-b", "knees-in"):
        cli("log", exercise)
    assert cli("status")[:2] == (SETS_LEFT, "iso 3/4\n")
    cli("log", "knees-out")
    assert cli("status")[:2] == (DONE, "iso 4/4\n")
    data = json.loads(cli("status", "--json")[1])
    assert data == {
        "date": "2026-11-21",
        "state": "done",
        "done_sets": 4,
        "planned_sets": 4,
        "sets_left": 0,
        "streak": 1,
        "streak_at_risk": False,
        "suggestions_waiting": 0,
        "exit_code": 0,
    }


def test_a_rest_day_exits_3(cli) -> None:
    cli("schedule", "mon,wed")  # the clock's day is a Saturday
    assert cli("status")[:2] == (REST_DAY, "iso rest\n")


def test_a_streak_riding_on_today_is_marked(cli, clock: FakeClock) -> None:
    for back in (2, 1):
        day = (DAY - timedelta(days=back)).isoformat()
        for exercise in ("push-pull-a", "push-pull-b", "knees-in", "knees-out"):
            cli("log", exercise, "--date", day)
    assert cli("status", "--format", "{streak}{risk}")[1] == "2 !\n"


def test_a_bad_format_is_one_line_and_exit_2(cli) -> None:
    code, out, err = cli("status", "--format", "{sets}")
    assert code == 2 and out == "" and err.count("\n") == 1 and "{sets}" in err


def test_the_cache_answers_until_a_write_changes_the_data(cli, clock, data_dir, capsys) -> None:
    argv = ["status", "--data", str(data_dir)]
    assert quick(argv, clock.now()) is None  # nothing cached yet
    assert cli("status")[1] == "iso 0/4\n"  # the full command fills the cache
    assert (data_dir / CACHE_FILE).exists()
    assert quick(argv, clock.now()) == SETS_LEFT
    assert capsys.readouterr().out == "iso 0/4\n"
    assert quick([*argv, "--format", "{left}"], clock.now()) == SETS_LEFT
    assert capsys.readouterr().out == "4\n"
    cli("log", "knees-in")
    assert quick(argv, clock.now()) is None  # a month file changed: stale
    assert cli("status")[1] == "iso 1/4\n"
    cli("config", "done_threshold", "50")
    assert quick(argv, clock.now()) is None  # the main file changed: stale
    cli("status")
    assert quick(argv, clock.now() + timedelta(days=1)) is None  # another day: stale


def test_a_damaged_cache_is_ignored(cli, clock, data_dir) -> None:
    cli("status")
    (data_dir / CACHE_FILE).write_text("isotrack status cache 1\nrubbish\n")
    assert quick(["status", "--data", str(data_dir)], clock.now()) is None
    assert cli("status")[:2] == (SETS_LEFT, "iso 0/4\n")


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["status"], {"data": None, "format": None, "json": False}),
        (["--data", "d", "status", "--json"], {"data": "d", "format": None, "json": True}),
        (
            ["status", "--format={left}", "--data=d"],
            {"data": "d", "format": "{left}", "json": False},
        ),
        (["status", "--help"], None),
        (["--json", "status"], None),
        (["log", "status"], None),
        (["status", "--data"], None),
    ],
)
def test_the_quick_path_takes_only_what_it_understands(argv, expected) -> None:
    assert quick_args(argv) == expected


def test_the_quick_data_folder_matches_platformdirs_on_linux(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("ISOTRACK_DATA", raising=False)
    assert quick_data_dir("~/x") == str(data_dir("~/x"))
    if sys.platform.startswith("linux"):
        for xdg in ("", str(tmp_path)):
            monkeypatch.setenv("XDG_DATA_HOME", xdg)
            assert quick_data_dir() == str(data_dir())


def test_a_cached_status_loads_neither_the_tracker_the_store_nor_argparse(data_dir) -> None:
    fill = [sys.executable, "-m", "isotrack", "status", "--data", str(data_dir)]
    subprocess.run(fill, capture_output=True, cwd=REPO, check=False)  # the real clock's day
    code = (
        "import sys, runpy; sys.argv = ['isotrack', 'status', '--data', "
        f"{str(data_dir)!r}]\n"
        "from isotrack.__main__ import run\n"
        "try:\n    run()\nexcept SystemExit as exc:\n"
        "    print(exc.code, sorted(m for m in sys.modules if m.startswith(("
        "'tinydb', 'argparse', 'isotrack.store.store', 'isotrack.cli', 'isotrack.tracker', "
        "'platformdirs', 'json', 'pathlib'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.splitlines()[-1].endswith("[]"), out.stdout + out.stderr
