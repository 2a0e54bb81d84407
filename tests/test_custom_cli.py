"""Own exercises and the McGill big three through the command line, as a new user would."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from tests.conftest import NOW

GLUTE = (
    "exercise",
    "add",
    "Glute bridge hold",
    "--sets",
    "2",
    "--reps",
    "8",
    "--hold",
    "10",
    "--cue",
    "Squeeze the glutes, ribs down",
)
ID = "glute-bridge-hold"


def ok(cli, *argv: str) -> str:
    code, out, err = cli(*argv)
    assert (code, err) == (0, ""), (argv, err)
    return out


def folder_bytes(folder: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and "backups" not in p.parts
    }


def set_up(cli) -> None:
    ok(cli, "init", "--accept-safety-notice")
    assert "Added Glute bridge hold (glute-bridge-hold): top target 2 × 8 × 10 s" in ok(cli, *GLUTE)
    ok(cli, "routine", "--add", ID)


def test_an_own_exercise_joins_today_and_is_logged(cli) -> None:
    set_up(cli)
    today = json.loads(ok(cli, "today", "--json"))
    mine = next(e for e in today["exercises"] if e["id"] == ID)
    assert (mine["name"], mine["target"], mine["planned_sets"]) == (
        "Glute bridge hold",
        {"sets": 1, "reps": 5, "hold": 10},
        1,
    )
    assert "Logged Glute bridge hold: 5 × 10 s" in ok(cli, "log", ID)
    assert "Glute bridge hold       1 × 5 × 10 s         ■  1/1" in ok(cli, "today")
    assert "1 × 5 × 10 s" in ok(cli, "target", ID)
    assert "2 × 5 × 10 s" in ok(cli, "target", ID, "--sets", "2")
    listed = json.loads(ok(cli, "exercises", "--json"))["exercises"]
    assert [e["id"] for e in listed if e["own"]] == [ID]
    assert "curl-up" in [e["id"] for e in listed if not e["own"]]
    assert "Glute bridge hold  (your own)" in ok(cli, "exercises")


def glute_only_with_a_set(cli) -> None:
    """A new folder whose routine is the own glute exercise alone, with one set logged."""
    ok(cli, "init", "--accept-safety-notice")
    ok(cli, *GLUTE)
    ok(cli, "routine", "--add", ID, "--remove", "push-pull-a", "push-pull-b", "knees-in")
    ok(cli, "routine", "--remove", "knees-out")
    ok(cli, "log", ID)


def test_the_calendar_and_streak_count_an_own_exercise(
    cli, clock: FakeClock, data_dir: Path
) -> None:
    clock.set(NOW - timedelta(days=1))
    glute_only_with_a_set(cli)
    clock.set(NOW)
    streak = json.loads(ok(cli, "streak", "--json"))
    assert streak["current"] == 1
    ok(cli, "log", ID)
    assert json.loads(ok(cli, "streak", "--json"))["current"] == 2
    _, statuses = Tracker(Store.open(data_dir), clock).year_days(NOW.year)
    assert statuses[(NOW - timedelta(days=1)).date()].level == 4
    assert statuses[NOW.date()].level == 4


def test_two_steady_weeks_offer_the_next_rung(cli, clock: FakeClock) -> None:
    first = NOW - timedelta(days=13)
    clock.set(first.replace(hour=7))
    ok(cli, "init", "--accept-safety-notice")
    ok(cli, *GLUTE)
    ok(cli, "routine", "--add", ID)
    for i in range(14):
        day = first + timedelta(days=i)
        clock.set(day.replace(hour=7))
        ok(cli, "pain", "2")
        clock.set(day.replace(hour=8))
        for exercise in json.loads(ok(cli, "today", "--json"))["exercises"]:
            for _ in range(exercise["planned_sets"]):
                ok(cli, "log", exercise["id"])
        ok(cli, "pain", "2", "--kind", "during")
    clock.set(NOW)
    suggestions = json.loads(ok(cli, "suggest", "--json"))["suggestions"]
    mine = next(s for s in suggestions if s["exercise"] == ID)
    assert (mine["action"], mine["target"]) == ("step-up", {"sets": 1, "reps": 7, "hold": 10})
    assert "Glute bridge hold: 1 × 7 × 10 s" in ok(cli, "accept", ID)


def test_init_mcgill_gives_the_big_three_at_their_targets(cli) -> None:
    out = ok(cli, "init", "--routine", "mcgill", "--start", "full", "--accept-safety-notice")
    assert "McGill big three" in out
    plan = json.loads(ok(cli, "today", "--json"))["exercises"]
    assert [(e["id"], e["target"], e["planned_sets"]) for e in plan] == [
        ("curl-up", {"sets": 3, "reps": 6, "hold": 10}, 3),
        ("side-plank", {"sets": 3, "reps": 1, "hold": 20}, 6),
        ("bird-dog", {"sets": 3, "reps": 6, "hold": 10}, 6),
    ]
    gentle = ok(cli, "init", "--routine", "mcgill", "--accept-safety-notice")
    assert "Bird-dog" in gentle and "1 × 5 × 10 s /side" in gentle


def test_export_import_export_is_identical_with_own_exercises(
    cli, clock: FakeClock, tmp_path: Path, capsys
) -> None:
    set_up(cli)
    ok(cli, "log", ID)
    ok(cli, "exercise", "edit", ID, "--hold", "12")
    first, second = tmp_path / "one.json", tmp_path / "two.json"
    assert cli("export", "--output", str(first))[0] == 0
    other = tmp_path / "other"
    assert main(["import", str(first), "--data", str(other)], clock=clock) == 0
    assert main(["export", "--output", str(second), "--data", str(other)], clock=clock) == 0
    capsys.readouterr()
    assert first.read_text() == second.read_text()
    assert '"glute-bridge-hold"' in first.read_text()
    csv = tmp_path / "sets.csv"
    assert cli("export", "--format", "csv", "--output", str(csv))[0] == 0
    assert f",{ID},Glute bridge hold," in csv.read_text()


def test_an_import_with_a_different_exercise_under_my_id_is_refused(
    cli, clock: FakeClock, tmp_path: Path, data_dir: Path, capsys
) -> None:
    set_up(cli)
    other = tmp_path / "other"
    theirs = tmp_path / "theirs.json"
    for argv in (
        ["init", "--accept-safety-notice"],
        ["exercise", "add", "Glute bridge hold", "--cue", "Different"],
        ["export", "--output", str(theirs)],
    ):
        assert main([*argv, "--data", str(other)], clock=clock) == 0
    before = folder_bytes(data_dir)
    capsys.readouterr()
    code, out, err = cli("import", str(theirs))
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and "glute-bridge-hold" in err and "not your" in err
    assert folder_bytes(data_dir) == before


def test_removing_a_logged_exercise_is_refused_and_history_stays(
    cli, clock: FakeClock, data_dir: Path
) -> None:
    yesterday = NOW - timedelta(days=1)
    clock.set(yesterday)
    set_up(cli)
    ok(cli, "log", ID)
    clock.set(NOW)
    before = folder_bytes(data_dir)
    code, out, err = cli("exercise", "remove", ID)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "take it out of the routine" in err
    assert folder_bytes(data_dir) == before
    ok(cli, "routine", "--remove", ID)
    assert ID not in ok(cli, "today")
    past = json.loads(ok(cli, "today", "--json", "--date", yesterday.date().isoformat()))
    mine = next(e for e in past["exercises"] if e["id"] == ID)
    assert (mine["done_sets"], len(mine["sets"])) == (1, 1)
    assert cli("exercise", "remove", ID)[0] == 2  # still refused: its set is stored
    ok(cli, "exercise", "add", "Dead bug", "--cue", "Slow")
    assert "Removed Dead bug (dead-bug)" in ok(cli, "exercise", "remove", "dead-bug")


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (("exercise", "add", ""), "a name is needed"),
        (("exercise", "add", "x" * 41, "--cue", "a"), "at most 40 characters"),
        (("exercise", "add", "Side plank", "--cue", "a"), "already used by side-plank"),
        (("exercise", "add", "Glute bridge hold", "--cue", "a"), "already used by"),
        (("exercise", "add", "Z", "--cue", "a", "--reps", "0"), "reps must be"),
        (("exercise", "add", "Z", "--cue", "a", "--hold", "601"), "hold must be"),
        (("exercise", "add", "Z", "--cue", "a", "--sets", "eleven"), "not a whole number"),
        (("exercise", "add", "Z", "--cue", "a", "b", "c", "d"), "at most 3 cue lines"),
        (("exercise", "add", "Z", "--cue", "a", "--next", "nope"), "does not exist"),
        (("exercise", "add", "Z", "--cue", "a", "--goal", "30"), "--goal is for a max hold"),
        (("exercise", "edit", ID, "--next", ID), "loop"),
        (("exercise", "edit", "superman", "--hold", "6"), "built in"),
        (("exercise", "edit", "nope", "--hold", "6"), "unknown exercise 'nope'"),
        (("exercise", "remove", "superman"), "built in"),
        (("routine", "--add", "nope"), "unknown exercise 'nope'"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_nothing_written(
    cli, data_dir: Path, argv, needle
) -> None:
    set_up(cli)
    before = folder_bytes(data_dir)
    code, out, err = cli(*argv)
    assert (code, out) == (2, "")
    assert needle in err and err.count("\n") == 1
    assert folder_bytes(data_dir) == before


def test_an_edit_never_changes_a_past_days_judgement(cli, clock: FakeClock) -> None:
    yesterday = NOW - timedelta(days=1)
    clock.set(yesterday)
    glute_only_with_a_set(cli)
    clock.set(NOW)
    ok(cli, "exercise", "edit", ID, "--sides", "--name", "Single-leg bridge")
    past = json.loads(ok(cli, "today", "--json", "--date", yesterday.date().isoformat()))
    assert (past["exercises"][0]["name"], past["completion"]) == ("Glute bridge hold", 1.0)
    streak = json.loads(ok(cli, "streak", "--json"))
    assert (streak["current"], streak["longest"]) == (1, 1)
    today = json.loads(ok(cli, "today", "--json"))["exercises"][0]
    assert (today["name"], today["planned_sets"]) == ("Single-leg bridge", 2)
