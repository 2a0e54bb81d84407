"""The deadline-based hold timer engine, driven by fake monotonic times."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from isotrack.domain.catalogue import get
from isotrack.domain.records import SetRecord
from isotrack.domain.targets import Target
from isotrack.domain.timer import (
    Finished,
    HoldEnded,
    HoldStarted,
    Pauses,
    Phase,
    PhaseStarted,
    SetCompleted,
    TimerSession,
    best_hold,
)

T0 = 1000.0
KNEES_IN = get("knees-in")
SIDE_PLANK = get("side-plank")
PALLOF = get("pallof-press")


TWO_REPS = Target(1, 2, 5)


def session(
    target: Target = TWO_REPS,
    get_ready: float = 3,
    relax: float = 2,
    rest: float = 30,
    exercise=KNEES_IN,
    **kwargs,
) -> TimerSession:
    return TimerSession(exercise, target, Pauses(get_ready, relax, rest, 0), start=T0, **kwargs)


def of(kind: type, events: list) -> list:
    return [e for e in events if isinstance(e, kind)]


def phases(events: list) -> list[tuple[Phase, float]]:
    return [(e.phase, e.at) for e in of(PhaseStarted, events)]


def test_full_fixed_set_yields_one_completed_set() -> None:
    s = session(Target(1, 2, 5))
    events = []
    for k in range(400):  # 20 s of 20 Hz ticks
        events += s.update(T0 + k * 0.05)
    assert of(SetCompleted, events) == [SetCompleted(0, None, 2, 5.0, True, T0 + 3 + 5 + 2 + 5)]
    assert phases(events) == [
        (Phase.GET_READY, T0),
        (Phase.HOLD, T0 + 3),
        (Phase.RELAX, T0 + 8),
        (Phase.HOLD, T0 + 10),
    ]
    assert len(of(HoldStarted, events)) == 2
    assert [e.held for e in of(HoldEnded, events)] == [5.0, 5.0]
    assert events[-1] == Finished(T0 + 15, stopped=False)
    assert s.finished and s.phase is Phase.DONE


def test_stalled_loop_catches_up_on_deadlines_without_drift() -> None:
    s = session(Target(2, 3, 5), get_ready=3, relax=2, rest=30)
    s.update(T0 + 1)
    events = s.update(T0 + 1000)
    # get ready 3, then per set 3 holds of 5 and 2 relaxes of 2, with one rest of 30 between
    set_length = 3 * 5 + 2 * 2
    end = T0 + 3 + set_length + 30 + 3 + set_length
    assert [e.at for e in of(SetCompleted, events)] == [T0 + 3 + set_length, end]
    assert events[-1] == Finished(end)
    rest_start = next(e.at for e in of(PhaseStarted, events) if e.phase is Phase.REST)
    assert rest_start == T0 + 3 + set_length
    assert all(e.hold_seconds == 5.0 and e.reps == 3 for e in of(SetCompleted, events))


def test_jittery_ticks_give_the_same_times_as_one_late_tick() -> None:
    ticked = session(Target(2, 3, 5))
    events = []
    now = T0
    for k in range(2000):
        now += 0.037 + (k % 7) * 0.011  # irregular, sometimes late ticks
        events += ticked.update(now)
    stalled = session(Target(2, 3, 5)).update(now)
    assert events == stalled
    assert events[-1] == Finished(T0 + 3 + 19 + 30 + 3 + 19)


def test_stall_mid_session_stops_in_the_right_phase() -> None:
    s = session(Target(2, 3, 5), get_ready=3, relax=2, rest=30)
    s.update(T0 + 3 + 19 + 10)  # ten seconds into the rest
    assert s.phase is Phase.REST
    assert s.remaining(T0 + 3 + 19 + 10) == 20
    assert s.set_number == 2 and s.rep == 1


def test_pause_moves_the_deadline_by_the_paused_time() -> None:
    s = session(Target(1, 2, 5))
    s.update(T0 + 4)  # one second into hold 1
    s.pause(T0 + 4)
    assert s.paused
    assert s.update(T0 + 100) == []
    assert s.remaining(T0 + 100) == 4
    assert s.elapsed(T0 + 100) == 1
    s.resume(T0 + 104)  # paused 100 s
    assert not s.paused
    assert s.remaining(T0 + 104) == 4
    assert s.update(T0 + 107.9) == []
    events = s.update(T0 + 108)
    assert events[0] == HoldEnded(0, 1, None, T0 + 108, 5.0)
    assert events[1].phase is Phase.RELAX


def test_pause_catches_up_first() -> None:
    s = session(Target(1, 2, 5))
    events = s.pause(T0 + 9)  # hold 1 ended at T0 + 8 before the pause
    assert of(HoldEnded, events)[0].at == T0 + 8
    assert s.phase is Phase.RELAX and s.remaining(T0 + 50) == 1


def test_skip_get_ready_starts_the_hold_now() -> None:
    s = session(Target(1, 2, 5))
    events = s.skip(T0 + 1)
    assert events[-2:] == [
        PhaseStarted(Phase.HOLD, 0, 1, None, T0 + 1),
        HoldStarted(0, 1, None, T0 + 1),
    ]
    assert s.remaining(T0 + 1) == 5


def test_skip_hold_counts_the_rep_with_seconds_held() -> None:
    s = session(Target(1, 2, 5))
    s.update(T0 + 3)
    s.skip(T0 + 5)  # held 2 s
    assert s.phase is Phase.RELAX and s.reps_done == 1
    s.skip(T0 + 6)
    events = s.update(T0 + 11)  # second hold runs the full 5 s
    assert of(SetCompleted, events) == [SetCompleted(0, None, 2, 3.5, True, T0 + 11)]


def test_skip_after_a_missed_deadline_ends_the_phase_at_its_deadline() -> None:
    s = session(Target(1, 2, 5))
    s.update(T0 + 9.99)  # relax ends at T0 + 10
    s.skip(T0 + 10.02)
    assert s.phase is Phase.HOLD and s.rep == 2
    assert s.remaining(T0 + 10.02) == pytest.approx(4.98)


def test_skip_while_paused_starts_the_next_phase_paused() -> None:
    s = session(Target(1, 2, 5))
    s.pause(T0 + 1)
    s.skip(T0 + 50)
    assert s.phase is Phase.HOLD and s.paused
    assert s.remaining(T0 + 80) == 5
    s.resume(T0 + 90)
    assert s.remaining(T0 + 92) == 3


def test_stop_mid_set_returns_a_partial_set() -> None:
    s = session(Target(1, 3, 5))
    s.update(T0 + 9)  # rep 1 done, relaxing
    events = s.stop(T0 + 9)
    assert events == [SetCompleted(0, None, 1, 5.0, False, T0 + 9), Finished(T0 + 9, True)]
    assert s.finished and s.update(T0 + 99) == []


def test_stop_during_the_last_rep_does_not_count_it() -> None:
    s = session(Target(1, 2, 5))
    s.update(T0 + 12)  # in rep 2 of 2
    assert s.phase is Phase.HOLD and s.rep == 2
    events = s.stop(T0 + 12)
    assert of(SetCompleted, events) == [SetCompleted(0, None, 1, 5.0, False, T0 + 12)]


def test_stop_with_no_reps_in_the_set_stores_nothing() -> None:
    s = session(Target(2, 1, 5))
    s.update(T0 + 20)  # set 1 done, resting
    assert s.stop(T0 + 20) == [Finished(T0 + 20, True)]


def test_max_hold_is_a_stopwatch_ended_by_the_user() -> None:
    s = session(Target(1, 1, 20), exercise=SIDE_PLANK, rest=10)
    s.update(T0 + 3)
    assert s.phase is Phase.HOLD and s.counts_up and s.remaining(T0 + 500) is None
    assert s.update(T0 + 500) == []  # no deadline
    s2 = session(Target(1, 1, 20), exercise=SIDE_PLANK, rest=10)
    s2.update(T0 + 3)
    assert s2.elapsed(T0 + 5) == 2
    assert s2.fraction(T0 + 5) == pytest.approx(0.1)
    events = s2.end_hold(T0 + 7)
    assert of(SetCompleted, events) == [SetCompleted(0, "left", 1, 4.0, True, T0 + 7)]
    assert s2.phase is Phase.REST and s2.side == "right"
    assert s2.next_text == "Next: switch to right side"
    s2.update(T0 + 9)  # the rest between the sides of one set is the relax time (2 s)
    assert s2.phase is Phase.GET_READY and s2.switch_side and s2.label == "Switch side"


def test_max_hold_pause_freezes_the_stopwatch() -> None:
    s = session(Target(1, 1, 20), exercise=SIDE_PLANK)
    s.update(T0 + 3)
    s.pause(T0 + 5)
    s.resume(T0 + 65)
    events = s.end_hold(T0 + 67)
    assert of(SetCompleted, events)[0].hold_seconds == 4.0


def test_end_hold_outside_a_hold_does_nothing() -> None:
    s = session(Target(1, 1, 20), exercise=SIDE_PLANK)
    s.update(T0 + 1)
    assert s.end_hold(T0 + 2) == []
    assert s.phase is Phase.GET_READY


def test_sided_sets_alternate_sides() -> None:
    s = session(Target(2, 1, 3), exercise=PALLOF, get_ready=2, rest=5)
    events = s.update(T0 + 1000)
    done = of(SetCompleted, events)
    assert [(e.set_index, e.side) for e in done] == [
        (0, "left"),
        (1, "right"),
        (2, "left"),
        (3, "right"),
    ]
    ready = [e for e in of(PhaseStarted, events) if e.phase is Phase.GET_READY]
    assert [e.side for e in ready] == ["left", "right", "left", "right"]
    assert [e.switch_side for e in ready] == [False, True, True, True]


def test_next_text_before_a_side_switch() -> None:
    s = session(Target(2, 1, 3), exercise=PALLOF, get_ready=2, rest=5)
    s.update(T0 + 2)
    assert s.side == "left" and s.next_text == "Next: 2 s rest, then switch to right side"
    assert s.set_number == 1 and s.set_count == 2


def test_rest_between_the_sides_of_a_set_is_the_relax_time() -> None:
    s = session(Target(2, 1, 3), exercise=PALLOF, get_ready=2, relax=4, rest=30)
    events = s.update(T0 + 1000)
    rests = [e.at for e in of(PhaseStarted, events) if e.phase is Phase.REST]
    readies = [e.at for e in of(PhaseStarted, events) if e.phase is Phase.GET_READY][1:]
    # left 1 -> right 1 (relax 4 s), right 1 -> left 2 (rest 30 s), left 2 -> right 2 (4 s)
    assert [ready - rest for rest, ready in zip(rests, readies, strict=True)] == [4, 30, 4]


def test_the_rest_names_the_side_that_comes_next() -> None:
    s = session(Target(2, 1, 3), exercise=PALLOF, get_ready=2, relax=4, rest=30)
    s.update(T0 + 5)  # left side held: resting before the right side
    assert s.phase is Phase.REST and s.side == "right" and s.next_side == "right"
    s.update(T0 + 9 + 5)  # right side held: resting before set 2 on the left
    assert s.phase is Phase.REST and s.next_side == "left" and s.set_number == 2
    plain = session(Target(2, 1, 3))
    plain.update(T0 + 6)
    assert plain.phase is Phase.REST and plain.next_side is None


def test_a_session_can_open_with_a_rest() -> None:
    s = session(Target(1, 1, 3), lead_rest=20)
    assert phases(s.update(T0 + 21)) == [(Phase.REST, T0), (Phase.GET_READY, T0 + 20)]
    assert s.next_text == "Next: Hold 3 s"


def test_zero_second_phases_are_skipped() -> None:
    s = session(Target(2, 2, 5), get_ready=0, relax=0, rest=0)
    events = s.update(T0 + 1000)
    assert {e.phase for e in of(PhaseStarted, events)} == {Phase.HOLD}
    assert [e.at for e in of(HoldStarted, events)] == [T0, T0 + 5, T0 + 10, T0 + 15]
    assert events[-1] == Finished(T0 + 20)


def test_first_event_is_reported_even_when_starting_in_a_hold() -> None:
    s = session(get_ready=0)
    assert s.phase is Phase.HOLD
    assert s.update(T0) == [
        PhaseStarted(Phase.HOLD, 0, 1, None, T0),
        HoldStarted(0, 1, None, T0),
    ]


def test_starting_from_set_two() -> None:
    s = session(Target(3, 1, 5), first_set_index=1)
    assert (s.set_index, s.set_number, s.set_count) == (1, 2, 3)
    events = s.update(T0 + 1000)
    assert [e.set_index for e in of(SetCompleted, events)] == [1, 2]


def test_starting_a_sided_exercise_on_the_right() -> None:
    s = session(Target(3, 1, 5), exercise=PALLOF, first_set_index=1, first_side="right")
    assert s.side == "right" and s.set_number == 1 and not s.switch_side
    events = s.update(T0 + 1000)
    assert [e.side for e in of(SetCompleted, events)] == ["right", "left", "right", "left", "right"]


def test_bad_start_is_refused() -> None:
    with pytest.raises(ValueError):
        session(Target(2, 1, 5), first_set_index=2)
    with pytest.raises(ValueError):
        session(exercise=PALLOF, first_side="up")
    with pytest.raises(ValueError):
        session(first_side="left")


def test_display_state_through_a_set() -> None:
    s = session(Target(2, 3, 5), get_ready=3, relax=2, rest=30)
    assert s.label == "Get ready" and s.next_text == "Next: Hold 5 s"
    s.update(T0 + 5.5)  # half way through hold 1
    assert (s.rep, s.rep_count, s.reps_done) == (1, 3, 0)
    assert s.fraction(T0 + 5.5) == pytest.approx(0.5 / 3)
    assert s.next_text == "Next: Relax 2 s"
    s.update(T0 + 8)
    assert s.label == "Relax" and s.rep == 2 and s.reps_done == 1
    assert s.next_text == "Next: Hold 5 s (rep 2 of 3)"
    assert s.fraction(T0 + 8) == pytest.approx(1 / 3)
    s.update(T0 + 17)  # last hold of set 1
    assert s.next_text == "Next: Set 2 of 2 after 30 s rest"
    s.update(T0 + 22)
    assert s.label == "Rest" and s.next_text == "Next: Set 2 of 2" and s.fraction(T0 + 22) == 0
    s.update(T0 + 70)  # set 2: hold at 55, 62, 69
    assert s.rep == 3 and s.next_text == "Next: finished"
    s.update(T0 + 74)
    assert s.next_text == "" and s.fraction(T0 + 74) == 1.0 and s.remaining(T0 + 74) is None


def test_best_hold_looks_only_since_the_given_day() -> None:
    at = datetime(2024, 5, 1, tzinfo=UTC)

    def rec(day: int, hold: float) -> SetRecord:
        return SetRecord(f"s{day}", "side-plank", date(2024, 5, day), 1, hold, at, "left")

    sets = [rec(1, 50.0), rec(10, 31.5), rec(12, 28.0)]
    assert best_hold(sets, date(2024, 5, 2)) == 31.5
    assert best_hold(sets, date(2024, 5, 1)) == 50.0
    assert best_hold(sets, date(2024, 5, 13)) is None


def test_uneven_sides_do_the_lagging_side_first_with_a_full_rest_between() -> None:
    # left done twice, right not yet: both right sets, a full set rest between them
    s = session(
        Target(2, 1, 3),
        exercise=PALLOF,
        get_ready=2,
        relax=4,
        rest=30,
        first_set_index=2,
        slots=(("right", 1), ("right", 2)),
    )
    assert (s.side, s.set_number) == ("right", 1)
    events = s.update(T0 + 1000)
    assert [(e.side, e.completed) for e in of(SetCompleted, events)] == [
        ("right", True),
        ("right", True),
    ]
    rest = [e.at for e in of(PhaseStarted, events) if e.phase is Phase.REST]
    ready = [e.at for e in of(PhaseStarted, events) if e.phase is Phase.GET_READY]
    assert ready[1] - rest[0] == 30
    assert not any(e.switch_side for e in of(PhaseStarted, events))


def test_slots_must_cover_the_sets_left() -> None:
    with pytest.raises(ValueError, match="slots"):
        session(Target(2, 1, 3), exercise=PALLOF, first_set_index=2, slots=(("right", 1),))
