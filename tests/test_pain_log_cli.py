"""`isotrack pain --list/--edit/--delete/--withdraw-red-flag` and the immediate responses."""

from __future__ import annotations

import json

from tests.test_suggest_cli import FALLING, history, suggest_json


def entries(cli, *args: str) -> list[dict]:
    code, out, err = cli("pain", "--list", "--json", *args)
    assert code == 0 and err == ""
    return json.loads(out)


def test_during_pain_above_5_prints_stop_and_step_easier(cli) -> None:
    code, out, err = cli("pain", "8", "--kind", "during")
    assert code == 0 and err == ""
    assert "Recorded during pain 8/10" in out
    assert "Stop this exercise for today" in out and "one step easier" in out
    assert "see a clinician" in out
    code, out, _ = cli("pain", "5", "--kind", "during")
    assert code == 0 and "Stop" not in out


def test_a_high_morning_says_go_gently(cli) -> None:
    code, out, _ = cli("pain", "8", "--kind", "morning")
    assert code == 0 and "Go gently today" in out and "within a few days" in out


def test_list_shows_ids_and_json_every_field(cli) -> None:
    cli("pain", "4", "--kind", "morning", "--note", "stiff")
    cli("pain", "2", "--kind", "after", "--date", "2026-11-10")
    (today,) = entries(cli)  # the last 7 days by default
    assert set(today) == {
        "id",
        "day",
        "at",
        "kind",
        "score",
        "note",
        "red_flag",
        "red_flag_withdrawn",
        "history",
    }
    assert (today["day"], today["kind"], today["score"], today["note"]) == (
        "2026-11-21",
        "morning",
        4,
        "stiff",
    )
    assert len(entries(cli, "--days", "12")) == 2
    assert entries(cli, "--days", "1") == [today]
    code, out, _ = cli("pain", "--list", "--days", "12")
    assert code == 0 and today["id"] in out and "morning 4/10 — stiff" in out


def test_edit_and_delete_by_id(cli) -> None:
    cli("pain", "4", "--kind", "morning")
    (entry,) = entries(cli)
    code, out, _ = cli("pain", "--edit", entry["id"], "--score", "6", "--kind", "during")
    assert code == 0 and "during pain 6/10" in out
    (edited,) = entries(cli)
    assert (edited["score"], edited["kind"]) == (6, "during")
    assert [(h["field"], h["from"], h["to"], h["by"]) for h in edited["history"]] == [
        ("score", "4", "6", "cli"),
        ("kind", "morning", "during", "cli"),
    ]
    for bad in (("--edit", entry["id"]), ("--edit", "nope", "--score", "3"), ("--delete", "x")):
        code, out, err = cli("pain", *bad)
        assert code == 2 and out == "" and err.count("\n") == 1
    assert cli("pain", "--delete", entry["id"])[0] == 0
    assert entries(cli) == []


def test_a_note_over_500_characters_is_refused_in_one_line(cli) -> None:
    code, out, err = cli("pain", "3", "--note", "x" * 501)
    assert code == 2 and out == "" and "at most 500 characters" in err
    assert entries(cli) == []


def test_deleting_wrong_scores_changes_the_trend(cli, clock) -> None:
    history(cli, clock, FALLING)
    assert suggest_json(cli)["trend"]["direction"] == "down"
    for entry in entries(cli, "--days", "14")[:6]:  # the six highest, oldest scores
        assert cli("pain", "--delete", entry["id"])[0] == 0
    trend = suggest_json(cli)["trend"]
    assert trend["n"] == 8 and trend["direction"] == "insufficient"


def test_a_red_flag_withdrawn_by_mistake_ends_the_pause_and_stays_in_history(cli, clock) -> None:
    history(cli, clock, [3] * 10)
    cli("pain", "3", "--kind", "after", "--red-flag")
    assert suggest_json(cli)["red_flag"] is True
    flag = next(e for e in entries(cli) if e["red_flag"])
    code, _, err = cli("pain", "--delete", flag["id"])
    assert code == 2 and "withdraw it first" in err
    code, out, _ = cli("pain", "--withdraw-red-flag", flag["id"])
    assert code == 0 and "withdrawn" in out and "no longer paused" in out
    assert suggest_json(cli)["red_flag"] is False
    again = next(e for e in entries(cli) if e["id"] == flag["id"])
    assert again["red_flag"] is False and again["red_flag_withdrawn"] is True
    assert again["history"][-1]["field"] == "red_flag"


def test_suggest_text_has_no_statistics(cli, clock) -> None:
    history(cli, clock, FALLING)
    code, out, _ = cli("suggest")
    assert code == 0 and "fell from 5 to 4" in out
    for statistic in ("Mann–Kendall", "p(fall)", " z ", "Theil"):
        assert statistic not in out
    assert "p_down" in json.dumps(suggest_json(cli)["trend"])
