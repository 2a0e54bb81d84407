"""Pain, suggest and accept through the command line, on a hand-made 14-day history."""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from datetime import timedelta
from statistics import median

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.catalogue import ROUTINES
from tests.conftest import NOW

FALLING = [6, 6, 5, 6, 5, 5, 4, 5, 4, 4, 3, 4, 3, 3]
RISING = [2, 2, 3, 2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6]
BEGINNER = ROUTINES["beginner"]


def history(
    cli, clock: FakeClock, mornings: Sequence[int], *setup: tuple[str, ...], sets: int = 1
) -> None:
    """Set up on the first day (``init``, then the ``setup`` commands); then each day a morning
    score at 07:00 and ``sets`` sets of every exercise at 08:00. The clock ends at NOW (09:30 on
    the last day, after that day's sets)."""
    first = NOW - timedelta(days=len(mornings) - 1)
    clock.set(first.replace(hour=7))
    assert cli("init", "--accept-safety-notice")[0] == 0
    for command in setup:
        assert cli(*command)[0] == 0
    for i, score in enumerate(mornings):
        day = first + timedelta(days=i)
        clock.set(day.replace(hour=7))
        assert cli("pain", str(score))[0] == 0  # kind: morning by default at 07:00
        clock.set(day.replace(hour=8))
        for exercise in BEGINNER:
            for _ in range(sets):
                assert cli("log", exercise)[0] == 0
    clock.set(NOW)


def suggest_json(cli) -> dict:
    code, out, err = cli("suggest", "--json")
    assert code == 0 and err == ""
    return json.loads(out)


def test_falling_pain_suggests_a_step_up_for_each_exercise(cli, clock) -> None:
    history(cli, clock, FALLING)
    data = suggest_json(cli)
    assert data["trend"]["direction"] == "down"
    assert set(data["trend"]) == {
        "n",
        "slope_per_day",
        "s",
        "var_s",
        "z",
        "p_down",
        "p_up",
        "direction",
    }
    assert [s["exercise"] for s in data["suggestions"]] == list(BEGINNER)
    for s in data["suggestions"]:
        assert s["action"] == "step-up"
        assert s["target"] == {"sets": 1, "reps": 7, "hold": 5}
        assert "fell from 5 to 4" in s["reason"]
    code, out, _ = cli("suggest")
    assert code == 0 and "step up to 1 × 7 × 5 s" in out and "fell from 5 to 4" in out


def test_rising_pain_suggests_a_step_back(cli, clock) -> None:
    history(cli, clock, RISING)
    data = suggest_json(cli)
    assert data["trend"]["direction"] == "up"
    for s in data["suggestions"]:
        assert s["action"] == "step-back"
        assert s["target"] == {"sets": 1, "reps": 3, "hold": 5}
        assert "rose from 3 to 5" in s["reason"]


def reference_trend(ys: list[int]) -> dict[str, float]:
    """Mann–Kendall and Theil–Sen from their textbook definitions (x = 0..n-1)."""
    n = len(ys)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n)]
    s = sum((ys[j] > ys[i]) - (ys[j] < ys[i]) for i, j in pairs)
    groups = [ys.count(v) for v in set(ys)]
    var = (n * (n - 1) * (2 * n + 5) - sum(t * (t - 1) * (2 * t + 5) for t in groups)) / 18
    z = (s - 1) / math.sqrt(var) if s > 0 else (s + 1) / math.sqrt(var) if s < 0 else 0.0
    phi = 0.5 * (1 + math.erf(z / math.sqrt(2)))
    slope = median((ys[j] - ys[i]) / (j - i) for i, j in pairs)
    return {"s": s, "var_s": var, "z": z, "p_down": phi, "p_up": 1 - phi, "slope_per_day": slope}


@pytest.mark.parametrize("mornings", [FALLING, RISING])
def test_trend_numbers_match_the_standard_definitions(cli, clock, mornings) -> None:
    history(cli, clock, mornings)
    trend = suggest_json(cli)["trend"]
    expected = reference_trend(list(mornings))
    assert trend["n"] == 14
    for key, value in expected.items():
        assert trend[key] == pytest.approx(value, abs=1e-9), key
    # Worked by hand for the falling series: of 91 pairs 3 rise, 70 fall and 18 tie; the tie
    # groups are 3 sixes, 4 fives, 4 fours, 3 threes: (6006 - 2·66 - 2·156) / 18 = 309.
    if mornings is FALLING:
        assert (trend["s"], trend["var_s"]) == (-67, 309.0)
        assert trend["z"] == pytest.approx(-66 / math.sqrt(309), abs=1e-12)


def test_missing_days_and_too_few_scores(cli, clock) -> None:
    history(cli, clock, [3] * 9)
    trend = suggest_json(cli)["trend"]
    assert trend["direction"] == "insufficient" and trend["n"] == 9
    assert trend["slope_per_day"] is None and trend["z"] is None


def test_accept_changes_the_target_from_today_only(cli, clock) -> None:
    history(cli, clock, FALLING)
    code, out, err = cli("accept", "knees-in")
    assert (code, err) == (0, "")
    assert "1 × 7 × 5 s from 2026-11-21 (was 1 × 5 × 5 s)" in out
    today = json.loads(cli("today", "--json")[1])
    yesterday = json.loads(cli("today", "--json", "--date", "2026-11-20")[1])

    def target(data: dict) -> dict:
        return next(e["target"] for e in data["exercises"] if e["id"] == "knees-in")

    assert target(today) == {"sets": 1, "reps": 7, "hold": 5}
    assert target(yesterday) == {"sets": 1, "reps": 5, "hold": 5}
    assert yesterday["completion"] == 1.0  # still judged done against the old target
    after = next(s for s in suggest_json(cli)["suggestions"] if s["exercise"] == "knees-in")
    assert after["action"] == "hold" and "today" in after["reason"]


def test_accept_without_a_change_to_accept_exits_2(cli, clock) -> None:
    history(cli, clock, [3] * 9)
    code, out, err = cli("accept", "knees-in")
    assert code == 2 and out == ""
    assert err.startswith("isotrack: no change is suggested for Knees-in press")
    assert err.count("\n") == 1
    assert cli("accept", "superman")[0] == 2  # not in the routine
    assert cli("accept", "nonsense")[0] == 2


def test_red_flag_stops_every_suggestion_and_prints_the_notice(cli, clock) -> None:
    history(cli, clock, FALLING)
    code, out, err = cli("pain", "4", "--kind", "during", "--red-flag", "--note", "leg tingling")
    assert code == 0 and err == ""
    assert "Recorded during pain 4/10 with a red flag" in out
    assert "emergency care" in out.lower() and "**" not in out
    data = suggest_json(cli)
    assert data["red_flag"] is True
    assert [s["action"] for s in data["suggestions"]] == ["none"] * 4
    assert all(s["target"] is None for s in data["suggestions"])
    assert cli("accept", "knees-in")[0] == 2
    code, out, _ = cli("suggest")
    assert "warning sign" in out and "emergency care" in out.lower()
    clock.set(NOW + timedelta(days=14))  # the flag is 14 days old: suggestions return
    assert {s["action"] for s in suggest_json(cli)["suggestions"]} != {"none"}


def test_top_of_the_ladder_suggests_the_next_exercise(cli, clock) -> None:
    tops = [("target", e, "--sets", "3", "--reps", "15", "--hold", "10") for e in BEGINNER]
    history(cli, clock, FALLING, *tops, sets=3)
    data = suggest_json(cli)
    knees = next(s for s in data["suggestions"] if s["exercise"] == "knees-in")
    assert (knees["action"], knees["target"], knees["next_exercise"]) == (
        "step-up",
        None,
        "superman",
    )
    assert "top of the ladder" in knees["reason"] and "Superman" in knees["reason"]
    code, out, _ = cli("accept", "knees-in")
    assert code == 0 and "Added Superman to your routine at 1 × 5 × 5 s" in out
    today = json.loads(cli("today", "--json")[1])
    assert [e["id"] for e in today["exercises"]] == [*BEGINNER, "superman"]
    yesterday = json.loads(cli("today", "--json", "--date", "2026-11-20")[1])
    assert [e["id"] for e in yesterday["exercises"]] == list(BEGINNER)
