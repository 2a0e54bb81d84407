"""The progression ladder and the per-exercise suggestion rules (design §5)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from itertools import count

import pytest

from isotrack.domain import catalogue
from isotrack.domain.catalogue import ROUTINES
from isotrack.domain.dismissals import Dismissal, hides
from isotrack.domain.ladder import next_exercise, step_back, step_up
from isotrack.domain.program import Program
from isotrack.domain.progression import Action, Suggestion, suggest
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


# --- "done when" histories (issue 12) -----------------------------------------------------


@pytest.mark.parametrize("bump", range(14))
def test_one_morning_of_6_among_4s_never_steps_back(bump: int) -> None:
    program = knees_in()
    mornings = [4] * 14
    mornings[bump] = 6
    s = only(program, days_of(program, mornings, during={i: 2 for i in range(14)}))
    assert s.action is not Action.STEP_BACK
    assert s.action is (Action.HOLD if bump >= 12 else Action.STEP_UP)  # a rise in progress


def test_steady_tolerated_pain_and_complete_sessions_step_up_naming_the_numbers() -> None:
    program = knees_in()
    s = only(program, days_of(program, [4] * 14, during={i: 2 for i in range(14)}))
    assert (s.action, s.target) == (Action.STEP_UP, Target(1, 7, 5))
    assert s.reason == (
        "Morning pain held at 4 over the last 7 days; you completed 7 of the last 7 training "
        "days; next step: 1 × 7 × 5 s."
    )


def test_during_above_5_on_two_sessions_in_a_week_steps_back_the_next_day() -> None:
    program = knees_in("full")
    days = days_of(program, [3] * 14, during={-6: 7})
    assert only(program, days).action is Action.HOLD  # one red day: hold
    days = days_of(program, [3] * 14, during={-6: 7, -2: 6})
    s = only(program, days)
    assert (s.action, s.target) == (Action.STEP_BACK, Target(2, 15, 5))
    assert "red zone on 2 of the last 7 days (16 Nov, 20 Nov)" in s.reason
    assert "clinician" in s.reason
    # the same day: today's session logged with during pain 6 turns the suggestion at once
    s = only(program, days_of(program, [3] * 14, during={-6: 7, -1: 6}))
    assert s.action is Action.STEP_BACK


def test_a_dismissed_step_back_returns_when_two_more_red_days_come() -> None:
    program = knees_in("full")
    before = TODAY - timedelta(days=3)
    days = days_of(program, [3] * 14, during={-6: 7, -5: 7})
    shown = suggest(program, {d: r for d, r in days.items() if d <= before}, before)
    first = shown.suggestions[0]
    assert first.action is Action.STEP_BACK
    dismissal = Dismissal.of(first, before)
    assert hides(dismissal, first, before)
    calm = only(program, days)
    assert calm.key == first.key and hides(dismissal, calm, TODAY)  # nothing new: still hidden
    days = days_of(program, [3] * 14, during={-6: 7, -5: 7, -2: 6, -1: 8})
    again = only(program, days)
    assert again.key == first.key
    assert not hides(dismissal, again, TODAY)
    assert "red zone on 4 of the last 7 days" in again.reason


# --- rule 1: red flags --------------------------------------------------------------------


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
        assert not hides(Dismissal.of(s, TODAY), s, TODAY)  # safety is never hidden
    assert "8 Nov" in result.summary and "safety notice" in result.summary


def test_a_red_flag_15_days_ago_no_longer_silences() -> None:
    program = knees_in()
    days = days_of(program, [3, *[2] * 14])
    old = TODAY - timedelta(days=14)
    days[old] = days[old].with_pain(
        PainEntry("flag", old, PainKind.MORNING, 3, _at(old, 8), red_flag=True)
    )
    result = suggest(program, days, TODAY)
    assert not result.red_flag
    assert result.suggestions[0].action is Action.STEP_UP


# --- rule 2: step back --------------------------------------------------------------------


def test_red_days_before_the_last_week_do_not_count() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [1] * 14, during={-8: 6, -9: 7}))
    assert s.action is Action.STEP_UP


def test_a_sustained_rise_steps_back_and_a_rising_trend_alone_does_not() -> None:
    program = knees_in("full")
    s = only(program, days_of(program, [3] * 11 + [6, 6, 7]))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(2, 15, 5))
    assert "averaged 6.3 over the last 3 mornings, up from 3.0 over the 14 days before" in s.reason
    s = only(program, days_of(program, [3] * 11 + [5, 6, 5]))  # 5.33 − 3 = 2.33: not enough
    assert s.action is Action.HOLD
    result = suggest(program, days_of(program, RISING), TODAY)
    assert result.trend.direction is Direction.UP
    assert result.suggestions[0].action is Action.HOLD


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


def test_step_back_at_the_lowest_step_holds_and_points_to_a_clinician() -> None:
    program = knees_in().with_target("knees-in", START, Target(1, 1, 5))
    s = only(program, days_of(program, [3] * 14, during={-2: 6, -3: 7}))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "already the lowest step" in s.reason and "clinician" in s.reason


def test_no_second_step_back_on_the_same_bad_days_within_7_days() -> None:
    stepped = TODAY - timedelta(days=2)
    program = knees_in("full").with_target("knees-in", stepped, Target(2, 15, 5))
    s = only(program, days_of(program, [3] * 14, during={-4: 6, -5: 6}))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "red zone" in s.reason  # still shown as the reason to hold
    # two new red days after the step back are new evidence
    s = only(program, days_of(program, [3] * 14, during={-4: 6, -5: 6, -1: 6, -2: 7}))
    assert (s.action, s.target) == (Action.STEP_BACK, Target(1, 15, 5))
    # a week on, the old red days are simply out of the window
    program = knees_in("full").with_target("knees-in", TODAY - timedelta(days=7), Target(2, 15, 5))
    s = only(program, days_of(program, [3] * 14, during={-7: 6, -8: 6}))
    assert s.action is not Action.STEP_BACK


# --- rule 3: hold -------------------------------------------------------------------------


def test_hold_when_the_last_step_change_was_under_7_days_ago() -> None:
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=6), Target(1, 7, 5))
    s = only(program, days_of(program, [3] * 14))
    assert (s.action, s.target) == (Action.HOLD, None)
    assert "You moved to this step 6 days ago" in s.reason
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=7), Target(1, 7, 5))
    assert only(program, days_of(program, [3] * 14)).action is Action.STEP_UP


def test_the_starting_target_counts_as_the_last_step_change() -> None:
    program = Program.new(TODAY - timedelta(days=5), ("knees-in",))
    s = only(program, days_of(program, [2] * 6))
    assert s.action is Action.HOLD
    assert "You started at this step 5 days ago" in s.reason


def test_hold_with_fewer_than_5_complete_sessions_at_the_step() -> None:
    program = knees_in().with_target("knees-in", TODAY - timedelta(days=9), Target(1, 7, 5))
    done = [1.0] * 4 + [0.0] * 6 + [1.0] * 4  # 4 complete sessions since the change
    s = only(program, days_of(program, [3] * 14, done=done))
    assert s.action is Action.HOLD
    assert "You completed 4 sessions at this step so far; 5 are needed" in s.reason
    done = [1.0] * 4 + [0.0] * 5 + [1.0] * 5
    assert only(program, days_of(program, [3] * 14, done=done)).action is Action.STEP_UP


def test_hold_after_one_red_day_in_the_last_week() -> None:
    s = only(knees_in(), days_of(knees_in(), [3] * 14, during={-3: 6}))
    assert s.action is Action.HOLD
    assert "red zone on 19 Nov" in s.reason  # index −3 is two days ago


def test_hold_with_more_than_2_amber_days_in_the_last_week() -> None:
    program = knees_in()
    s = only(program, days_of(program, [3] * 14, during={-1: 4, -3: 5, -5: 4}))
    assert s.action is Action.HOLD
    assert "amber zone on 3 of the last 7 days" in s.reason
    s = only(program, days_of(program, [3] * 14, during={-1: 4, -3: 5}))
    assert s.action is Action.STEP_UP


def test_hold_asks_for_morning_scores() -> None:
    program = knees_in()
    s = only(program, days_of(program, [3] * 10 + [None, 3, None, 3]))
    assert s.action is Action.STEP_UP
    s = only(program, days_of(program, [3] * 8 + [None] * 3 + [3, None, 3]))
    assert s.action is Action.HOLD
    assert "Record morning pain to get suggestions (3 of the 4 needed" in s.reason


# --- rule 4: step up, rule 5: otherwise hold ----------------------------------------------


def test_step_up_needs_the_last_two_sessions_complete() -> None:
    program = knees_in()
    s = only(program, days_of(program, [3] * 14, done=[1.0] * 12 + [0.0, 1.0]))
    assert s.action is Action.HOLD
    assert "The last 2 sessions were not all complete" in s.reason


def test_a_skipped_day_is_not_a_training_day() -> None:
    program = knees_in()
    days = days_of(program, [3] * 14, done=[1.0] * 12 + [0.0, 1.0])
    yesterday = TODAY - timedelta(days=1)
    days[yesterday] = days[yesterday]._replace(skipped="ill")
    s = only(program, days)
    assert s.action is Action.STEP_UP
    assert "you completed 6 of the last 6 training days" in s.reason


def test_today_still_open_does_not_count_against_a_step_up() -> None:
    s = only(knees_in(), days_of(knees_in(), [3] * 14, done=[1.0] * 13 + [0.0]))
    assert s.action is Action.STEP_UP
    assert "you completed 6 of the last 6 training days" in s.reason


def test_rest_days_are_not_training_days() -> None:
    program = knees_in().with_schedule(START, Schedule.parse("mon,wed,fri"))
    window = [TODAY - timedelta(days=13 - i) for i in range(14)]
    done = [0.0 if program.is_rest_day(day) else 1.0 for day in window]  # rest days empty
    s = only(program, days_of(program, [3] * 14, done=done))
    assert s.action is Action.STEP_UP
    assert "you completed 3 of the last 3 training days" in s.reason


def test_no_step_up_while_a_morning_rise_is_in_progress() -> None:
    program = knees_in()
    s = only(program, days_of(program, [3] * 13 + [5]))
    assert s.action is Action.HOLD
    assert "Morning pain on 21 Nov was 5, above your usual 3" in s.reason


def test_no_step_up_above_the_ceiling_the_clinician_decides() -> None:
    program = knees_in()
    s = only(program, days_of(program, [6] * 14))
    assert s.action is Action.HOLD
    assert "around 6 this week, above 5" in s.reason and "clinician" in s.reason
    assert only(program, days_of(program, [5] * 14)).action is Action.STEP_UP


def test_no_step_up_when_pain_settled_higher_than_before_the_step() -> None:
    began = TODAY - timedelta(days=14)
    program = knees_in().with_target("knees-in", began, Target(1, 7, 5))
    s = only(program, days_of(program, [2] * 7 + [4] * 15))
    assert s.action is Action.HOLD
    assert "around 4 this week, up from 2 when this step began" in s.reason
    s = only(program, days_of(program, [2] * 7 + [3] * 15))  # within a point: stable
    assert s.action is Action.STEP_UP


def test_falling_pain_is_named_in_the_step_up() -> None:
    program = Program.new(START, ROUTINES["beginner"])
    result = suggest(program, days_of(program, FALLING), TODAY)
    assert result.trend.direction is Direction.DOWN
    for s in result.suggestions:
        assert (s.action, s.target) == (Action.STEP_UP, Target(1, 7, 5))
        assert s.reason.startswith("Morning pain fell from 5 to 4 over 14 days")
    assert result.summary == "Morning pain fell from 5 to 4 over 14 days; suggested: 4 steps up."


def test_done_threshold_decides_what_counts_as_done() -> None:
    program = knees_in("full")
    days = days_of(program, [3] * 14, done=2 / 3)  # 2 of 3 sets every day
    assert only(program, days).action is Action.STEP_BACK  # three short days at 100%
    assert only(program, days, done_threshold=0.6).action is Action.STEP_UP
    with pytest.raises(ValueError):
        suggest(program, days, TODAY, done_threshold=0)


def test_top_of_the_ladder_suggests_the_next_exercise() -> None:
    program = knees_in().with_target("knees-in", START, Target(3, 15, 10))
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


def test_key_names_the_change_not_the_wording() -> None:
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


def test_a_target_set_by_hand_between_rungs_goes_two_up() -> None:
    assert step_up(KNEES_IN, Target(1, 8, 5)) == Target(1, 10, 5)  # not 9
    assert step_up(KNEES_IN, Target(1, 14, 5)) == Target(1, 15, 5)  # capped at the catalogue
    assert step_up(KNEES_IN, Target(1, 20, 5)) == Target(2, 20, 5)  # reps past the catalogue
    assert step_back(KNEES_IN, Target(1, 20, 5)) == Target(1, 15, 5)
    assert step_up(KNEES_IN, Target(4, 15, 12)) is None  # past the top already


def test_superman_reps_stop_at_10_and_pallof_hold_climbs_from_3() -> None:
    assert [t.reps for t in _climb(SUPERMAN, Target(1, 5, 5))][:5] == [5, 7, 9, 10, 10]
    assert step_back(SUPERMAN, Target(1, 10, 5)) == Target(1, 9, 5)
    pallof = _climb(PALLOF, Target(3, 10, 3))
    assert [t.hold for t in pallof] == list(range(3, 11))
    assert step_back(PALLOF, Target(3, 10, 3)) == Target(2, 10, 3)


@pytest.mark.parametrize(
    ("hold", "up", "back"),
    [
        (10, 12, 8),  # +10% is 1 s, so +2 s; −20% = 8
        (20, 22, 16),
        (25, 28, 20),  # +2.5 rounds up to +3
        (22, 25, 18),  # 17.6 rounds to 18
        (8, 10, 6),  # −20% is 1.6 s, so −2 s
        (6, 8, 5),  # not below the 5 s floor
        (5, 7, None),  # at the floor with one set: the lowest step
        (58, 60, 46),  # the goal stops at 60 s
        (60, None, 48),  # at 60 s the next step adds a set
    ],
)
def test_max_hold_goal_time(hold: int, up: int | None, back: int | None) -> None:
    target = Target(1, 1, hold)
    higher, lower = step_up(SIDE_PLANK, target), step_back(SIDE_PLANK, target)
    if up is None:
        assert higher == Target(2, 1, hold)
    else:
        assert higher == Target(1, 1, up)
    assert (lower.hold if lower else None) == back


def test_max_hold_ladder_adds_sets_at_60_s_then_the_next_exercise() -> None:
    rungs = _climb(SIDE_PLANK, Target(1, 1, 10))
    assert [t.hold for t in rungs if t.sets == 1] == [
        10,
        12,
        14,
        16,
        18,
        20,
        22,
        25,
        28,
        31,
        35,
        39,
        43,
        48,
        53,
        59,
        60,
    ]
    assert rungs[-2:] == [Target(2, 1, 60), Target(3, 1, 60)]
    assert step_back(SIDE_PLANK, Target(3, 1, 5)) == Target(2, 1, 5)  # one set fewer at the floor
    program = Program.new(START, ("side-plank",)).with_target("side-plank", START, Target(3, 1, 60))
    s = only(program, days_of(program, [2] * 14))
    assert (s.action, s.next_exercise) == (Action.STEP_UP, "pallof-press")


def test_side_plank_suggestion_raises_the_goal_time() -> None:
    program = Program.new(START, ("side-plank",))
    s = only(program, days_of(program, [3] * 14))
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
