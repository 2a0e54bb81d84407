"""The progression ladder and the per-exercise suggestion rules (design §5)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest

from isotrack.domain import catalogue
from isotrack.domain.catalogue import ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.progression import (
    Action,
    Suggestion,
    next_exercise,
    step_back,
    step_up,
    suggest,
)
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import Target
from isotrack.domain.trend import Direction

TODAY = date(2026, 11, 21)  # a Saturday
START = TODAY - timedelta(days=30)
FALLING = [6, 6, 5, 6, 5, 5, 4, 5, 4, 4, 3, 4, 3, 3]
RISING = [2, 2, 3, 2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6]
KNEES_IN = catalogue.get("knees-in")
SUPERMAN = catalogue.get("superman")
PALLOF = catalogue.get("pallof-press")
SIDE_PLANK = catalogue.get("side-plank")

_ids = count()


def _at(day: date, hour: int) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def _day(program: Program, day: date, done: float, morning: int | None, during: int | None):
    """A day on which ``done`` of each planned exercise's sets were completed.

    A share between 0 and 1 also records one set stopped part-way (the exercise was started).
    """
    record = DayRecord(day)
    for planned in program.plan_for(day):
        slots = planned.slots()
        finished = round(len(slots) * done)
        for i, side in enumerate(slots[: finished + (0 < done < 1)]):
            record = record.with_set(
                SetRecord(
                    str(next(_ids)),
                    planned.exercise.id,
                    day,
                    planned.target.reps,
                    planned.target.hold,
                    _at(day, 10),
                    side,
                    completed=i < finished,
                )
            )
    if morning is not None:
        record = record.with_pain(
            PainEntry(str(next(_ids)), day, PainKind.MORNING, morning, _at(day, 7))
        )
    if during is not None:
        record = record.with_pain(
            PainEntry(str(next(_ids)), day, PainKind.DURING, during, _at(day, 11))
        )
    return record


def days_of(
    program: Program,
    mornings: Sequence[int | None],
    done: Sequence[float] | float = 1.0,
    during: dict[int, int] | None = None,
) -> dict[date, DayRecord]:
    """Records for the days ending TODAY; index −1 is TODAY. ``during`` maps index → score."""
    n = len(mornings)
    shares = [done] * n if isinstance(done, float | int) else list(done)
    assert len(shares) == n
    during = {i % n: s for i, s in (during or {}).items()}
    return {
        TODAY - timedelta(days=n - 1 - i): _day(
            program, TODAY - timedelta(days=n - 1 - i), shares[i], mornings[i], during.get(i)
        )
        for i in range(n)
    }


def only(program: Program, days: dict[date, DayRecord], **kwargs: float) -> Suggestion:
    result = suggest(program, days, TODAY, **kwargs)
    assert len(result.suggestions) == 1
    return result.suggestions[0]


def knees_in(start: str = "gentle") -> Program:
    return Program.new(START, ("knees-in",), start)


# --- acceptance examples ------------------------------------------------------------------


def test_falling_pain_and_full_completion_step_every_exercise_up() -> None:
    program = Program.new(START, ROUTINES["beginner"])
    result = suggest(program, days_of(program, FALLING), TODAY)
    assert result.trend.direction is Direction.DOWN
    assert not result.red_flag
    assert [s.exercise for s in result.suggestions] == list(ROUTINES["beginner"])
    for s in result.suggestions:
        assert s.action is Action.STEP_UP
        assert s.target == Target(1, 7, 5)
        assert "morning pain fell from 5 to 4 over 14 days" in s.reason.lower()
        assert "completed on 7 of 7 training days" in s.reason
        assert "1 × 7 × 5 s" in s.reason
    assert result.summary == "Morning pain fell from 5 to 4 over 14 days; suggested: 4 steps up."


def test_rising_pain_steps_every_exercise_back() -> None:
    program = Program.new(START, ROUTINES["beginner"], "full")
    result = suggest(program, days_of(program, RISING), TODAY)
    assert result.trend.direction is Direction.UP
    for s in result.suggestions:
        assert s.action is Action.STEP_BACK
        assert s.target == Target(2, 15, 5)
        assert "morning pain rose from 3 to 5" in s.reason.lower()
        assert "clinician" in s.reason
    assert "4 steps back" in result.summary


def test_red_flag_in_the_last_14_days_silences_every_suggestion() -> None:
    program = Program.new(START, ROUTINES["both"])
    days = days_of(program, FALLING)
    flag_day = TODAY - timedelta(days=13)
    flag = PainEntry("flag", flag_day, PainKind.MORNING, 6, _at(flag_day, 8), red_flag=True)
    days[flag_day] = days[flag_day].with_pain(flag)
    result = suggest(program, days, TODAY)
    assert result.red_flag
    assert len(result.suggestions) == 7
    for s in result.suggestions:
        assert (s.action, s.target, s.next_exercise) == (Action.NONE, None, None)
        assert "safety notice" in s.reason
        assert not s.actionable
    assert "8 Nov" in result.summary and "safety notice" in result.summary


def test_a_red_flag_15_days_ago_no_longer_silences() -> None:
    program = knees_in()
    days = days_of(program, [3, *FALLING])
    old = TODAY - timedelta(days=14)
    days[old] = days[old].with_pain(
        PainEntry("flag", old, PainKind.MORNING, 3, _at(old, 8), red_flag=True)
    )
    result = suggest(program, days, TODAY)
    assert not result.red_flag
    assert result.suggestions[0].action is Action.STEP_UP


# --- rule 2: step back --------------------------------------------------------------------


def test_two_red_days_in_the_last_week_step_back() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [3] * 14, during={-2: 6, -5: 7}))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(2, 15, 5))
    assert "red zone on 2 of the last 7 days" in s.reason


def test_red_days_before_the_last_week_do_not_count() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [1] * 14, during={-8: 6, -9: 7}))
    assert s.action is Action.STEP_UP


def test_three_started_days_short_of_target_step_back() -> None:
    program = knees_in("full")
    # newest last: short, nothing (not started, so not counted), short, short, today untouched
    done = [1.0] * 9 + [0.5, 0.0, 0.5, 0.5, 0.0]
    s = only(program, days_of(program, [3] * 14, done=done))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(2, 15, 5))
    assert "The last 3 times you started it you stopped short" in s.reason


def test_today_started_but_unfinished_is_still_open() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [3] * 14, done=[1.0] * 11 + [0.5, 0.5, 0.5]))
    assert s.action is Action.HOLD


def test_two_short_days_are_not_enough_to_step_back() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [3] * 14, done=[1.0] * 12 + [0.5, 0.5]))
    assert s.action is Action.HOLD


def test_step_back_at_the_lowest_step_holds_and_points_to_a_clinician() -> None:
    program = knees_in().with_target("knees-in", START, Target(1, 1, 5))
    s = only(program, days_of(program, RISING))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "already the lowest step" in s.reason and "clinician" in s.reason


def test_after_a_recent_step_back_older_evidence_is_not_counted_again() -> None:
    stepped = TODAY - timedelta(days=2)
    program = knees_in("full").with_target("knees-in", stepped, Target(2, 15, 5))
    s = only(program, days_of(program, RISING, during={-4: 6, -5: 6}))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "You stepped back 2 days ago" in s.reason
    # A week on, pain still rising is new evidence: step back again.
    program = knees_in("full").with_target("knees-in", TODAY - timedelta(days=7), Target(2, 15, 5))
    s = only(program, days_of(program, RISING))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(1, 15, 5))


def test_rising_pain_right_after_a_step_up_steps_back() -> None:
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=2), Target(1, 7, 5))
    s = only(program, days_of(program, RISING))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(1, 5, 5))


# --- rule 3: hold -------------------------------------------------------------------------


def test_hold_when_the_last_step_change_was_under_7_days_ago() -> None:
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=6), Target(1, 7, 5))
    s = only(program, days_of(program, FALLING))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "You moved to this step 6 days ago" in s.reason
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=7), Target(1, 7, 5))
    assert only(program, days_of(program, FALLING)).action is Action.STEP_UP


def test_hold_for_a_new_program_in_its_first_week() -> None:
    program = Program.new(TODAY - timedelta(days=3), ("knees-in",))
    s = only(program, days_of(program, [2, 2, 2, 2]))
    assert s.action is Action.HOLD
    assert "You started at this step 3 days ago" in s.reason


def test_hold_with_fewer_than_5_done_days_at_the_current_step() -> None:
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=9), Target(1, 7, 5))
    done = [1.0] * 4 + [0.0] * 6 + [1.0] * 4  # 4 done days since the change 9 days ago
    s = only(program, days_of(program, FALLING, done=done))
    assert s.action is Action.HOLD
    assert "Completed on 4 days at this step so far; 5 are needed" in s.reason
    done = [1.0] * 4 + [0.0] * 5 + [1.0] * 5
    assert only(program, days_of(program, FALLING, done=done)).action is Action.STEP_UP


def test_hold_after_one_red_day_in_the_last_week() -> None:
    program = knees_in()
    s = only(program, days_of(program, FALLING, during={-3: 6}))
    assert s.action is Action.HOLD
    assert "red zone on 19 Nov" in s.reason  # index −3 is two days ago


def test_hold_with_more_than_2_amber_days_in_the_last_week() -> None:
    program = knees_in()
    # FALLING already has one amber day (3 → 4 overnight, index 10 → 11); add two via during 4.
    s = only(program, days_of(program, FALLING, during={-1: 4, -3: 5}))
    assert s.action is Action.HOLD
    assert "amber zone on 3 of the last 7 days" in s.reason
    s = only(program, days_of(program, FALLING, during={-1: 4}))
    assert s.action is Action.STEP_UP


# --- rule 4: step up, rule 5: otherwise hold ----------------------------------------------


def test_step_up_needs_the_last_two_training_days_complete() -> None:
    program = knees_in()
    # yesterday nothing was done, so with pain falling the rules fall through to hold
    s = only(program, days_of(program, FALLING, done=[1.0] * 12 + [0.0, 1.0]))
    assert s.action is Action.HOLD
    assert "fell from 5 to 4" in s.reason and "not both completed" in s.reason


def test_a_skipped_day_is_not_a_training_day() -> None:
    program = knees_in()
    days = days_of(program, FALLING, done=[1.0] * 12 + [0.0, 1.0])
    yesterday = TODAY - timedelta(days=1)
    days[yesterday] = replace(days[yesterday], skipped="ill")
    s = only(program, days)
    assert s.action is Action.STEP_UP
    assert "completed on 6 of 6 training days" in s.reason


def test_today_still_open_does_not_count_against_a_step_up() -> None:
    program = knees_in()
    s = only(program, days_of(program, FALLING, done=[1.0] * 13 + [0.0]))
    assert s.action is Action.STEP_UP
    assert "completed on 6 of 6 training days" in s.reason


def test_rest_days_are_not_training_days() -> None:
    program = knees_in().with_schedule(START, Schedule.parse("mon,wed,fri"))
    window = [TODAY - timedelta(days=13 - i) for i in range(14)]
    done = [0.0 if program.is_rest_day(day) else 1.0 for day in window]  # rest days empty
    s = only(program, days_of(program, FALLING, done=done))
    assert s.action is Action.STEP_UP
    assert "completed on 3 of 3 training days" in s.reason


def test_low_morning_pain_steps_up_when_the_trend_is_not_up() -> None:
    program = knees_in()
    s = only(program, days_of(program, [1] * 14))
    assert (s.action, s.target) == (Action.STEP_UP, Target(1, 7, 5))
    assert "stayed low (median 1 over the last 7 days)" in s.reason
    # with too few scores for a trend, a low median still counts
    s = only(program, days_of(program, [None] * 8 + [2, 1, 2, 3, 2, 2]))
    assert s.action is Action.STEP_UP


def test_otherwise_hold() -> None:
    program = knees_in()
    s = only(program, days_of(program, [4] * 14))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert s.reason == (
        "Morning pain shows no clear trend (4, then 4) over 14 days; completed on 7 of 7 "
        "training days this past week; keep this target."
    )
    s = only(program, days_of(program, [None] * 14))
    assert s.action is Action.HOLD
    assert "Not enough morning pain scores yet (0 of the 10" in s.reason


def test_done_threshold_decides_what_counts_as_done() -> None:
    program = knees_in("full")
    days = days_of(program, FALLING, done=2 / 3)  # 2 of 3 sets every day
    assert only(program, days).action is Action.STEP_BACK  # three short days at 100%
    assert only(program, days, done_threshold=0.6).action is Action.STEP_UP
    with pytest.raises(ValueError):
        suggest(program, days, TODAY, done_threshold=0)


def test_top_of_the_ladder_suggests_the_next_exercise() -> None:
    top = Target(3, 15, 10)
    program = knees_in().with_target("knees-in", START, top)
    s = only(program, days_of(program, [1] * 14))
    assert (s.action, s.target, s.next_exercise) == (Action.STEP_UP, None, "superman")
    assert "top of the ladder for Knees-in press (3 × 15 × 10 s)" in s.reason
    assert "add Superman to your routine" in s.reason
    result = suggest(program, days_of(program, [1] * 14), TODAY)
    assert result.summary.endswith("suggested: 1 new exercise.")


def test_top_of_the_whole_line_holds() -> None:
    program = Program.new(START, ROUTINES["both"]).with_target(
        "pallof-press", START, Target(3, 10, 10)
    )
    s = suggest(program, days_of(program, [1] * 14), TODAY).for_exercise("pallof-press")
    assert s is not None
    assert (s.action, s.target, s.next_exercise) == (Action.HOLD, None, None)
    assert "top of the ladder" in s.reason and "keep it as it is" in s.reason


def test_key_names_the_facts_not_the_wording() -> None:
    a = Suggestion("knees-in", Action.STEP_UP, Target(1, 7, 5), "one reason")
    b = Suggestion("knees-in", Action.STEP_UP, Target(1, 7, 5), "another reason")
    c = Suggestion("knees-in", Action.STEP_UP, Target(1, 9, 5), "one reason")
    d = Suggestion("knees-in", Action.STEP_UP, None, "top", "superman")
    assert a.key == b.key == "knees-in|step-up|1x7x5|-"
    assert len({a.key, c.key, d.key}) == 3
    assert d.key == "knees-in|step-up|-|superman"


# --- the ladder ---------------------------------------------------------------------------


def _climb(exercise: catalogue.Exercise, target: Target) -> list[Target]:
    rungs = [target]
    while (higher := step_up(exercise, rungs[-1])) is not None:
        rungs.append(higher)
    return rungs


def test_fixed_ladder_from_gentle_start_to_the_top_and_back() -> None:
    rungs = _climb(KNEES_IN, Target(1, 5, 5))
    reps = [(1, r, 5) for r in (5, 7, 9, 11, 13, 15)]
    sets = [(2, 15, 5), (3, 15, 5)]
    holds = [(3, 15, h) for h in (6, 7, 8, 9, 10)]
    assert [(t.sets, t.reps, t.hold) for t in rungs] == reps + sets + holds
    down = [rungs[-1]]
    while (lower := step_back(KNEES_IN, down[-1])) is not None:
        down.append(lower)
    assert down[: len(rungs)] == rungs[::-1]
    assert down[len(rungs) :] == [Target(1, 3, 5), Target(1, 1, 5)]  # below the gentle start


def test_superman_reps_stop_at_10_and_pallof_hold_climbs_from_3() -> None:
    assert [t.reps for t in _climb(SUPERMAN, Target(1, 5, 5))][:5] == [5, 7, 9, 10, 10]
    assert step_back(SUPERMAN, Target(1, 10, 5)) == Target(1, 9, 5)
    pallof = _climb(PALLOF, Target(3, 10, 3))
    assert [t.hold for t in pallof] == list(range(3, 11))
    assert step_back(PALLOF, Target(3, 10, 3)) == Target(2, 10, 3)


def test_off_ladder_targets_move_sensibly() -> None:
    assert step_up(KNEES_IN, Target(1, 6, 5)) == Target(1, 7, 5)
    assert step_up(KNEES_IN, Target(1, 20, 5)) == Target(2, 20, 5)  # reps past the catalogue
    assert step_back(KNEES_IN, Target(1, 20, 5)) == Target(1, 15, 5)
    assert step_up(KNEES_IN, Target(4, 15, 12)) is None  # past the top already


@pytest.mark.parametrize(
    ("hold", "up", "back"),
    [
        (10, 12, 8),  # +10% is 1 s, so +2 s; −20% = 8
        (20, 22, 16),
        (25, 28, 20),  # +2.5 rounds up to +3
        (22, 25, 18),  # 17.6 rounds to 18
        (3, 5, 2),
        (2, 4, 1),  # 1.6 rounds to 2 but a step back drops at least 1 s
        (1, 3, None),
        (55, 60, 44),  # the goal stops at 60 s (design §5)
    ],
)
def test_max_hold_goal_time(hold: int, up: int | None, back: int | None) -> None:
    target = Target(1, 1, hold)
    higher, lower = step_up(SIDE_PLANK, target), step_back(SIDE_PLANK, target)
    assert (higher.hold if higher else None) == up
    assert (lower.hold if lower else None) == back
    if higher:
        assert (higher.sets, higher.reps) == (1, 1)


def test_max_hold_adds_sets_per_side_after_a_60_s_goal() -> None:
    assert step_up(SIDE_PLANK, Target(1, 1, 60)) == Target(2, 1, 60)
    assert step_up(SIDE_PLANK, Target(2, 1, 60)) == Target(3, 1, 60)
    assert step_up(SIDE_PLANK, Target(3, 1, 60)) is None


def test_side_plank_suggestion_raises_the_goal_time() -> None:
    program = Program.new(START, ("side-plank",))
    s = only(program, days_of(program, FALLING))
    assert (s.action, s.target) == (Action.STEP_UP, Target(1, 1, 12))
    assert "1 /side × 12 s goal" in s.reason


def test_next_exercise_in_line() -> None:
    assert next_exercise("push-pull-a") == "superman"
    assert next_exercise("knees-out", ROUTINES["beginner"]) == "superman"
    assert next_exercise("superman") == "side-plank"
    assert next_exercise("superman", ("superman", "side-plank")) == "pallof-press"
    assert next_exercise("side-plank") == "pallof-press"
    assert next_exercise("pallof-press") is None
    assert next_exercise("knees-in", ROUTINES["both"]) is None
