"""The hold timer screen, driven by a fake monotonic clock (no real sleeping)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Digits, OptionList, Static

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.domain.timer import Phase
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.timer import LINGER_SECONDS, TimerScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.timer_face import TimerFace, clock_text
from tests.pilot_helpers import settle


@pytest.fixture
def app(tracker: Tracker) -> IsotrackApp:
    return IsotrackApp(tracker)


def timer(pilot: Pilot) -> TimerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen)
    return screen


async def open_timer(pilot: Pilot, exercise_id: str) -> TimerScreen:
    """Highlight the exercise on Today and press enter."""
    await pilot.pause()
    today = pilot.app.screen
    assert isinstance(today, TodayScreen)
    ids = [p.exercise.id for p in today.plan]
    today.query_one("#exercises", OptionList).highlighted = ids.index(exercise_id)
    await pilot.press("enter")
    await pilot.pause()
    return timer(pilot)


async def advance(pilot: Pilot, clock: FakeClock, seconds: float, step: float = 0.5) -> None:
    """Move the clock forward in steps, letting the timer screen tick at each step."""
    left = seconds
    while left > 1e-9:
        clock.advance(min(step, left))
        left -= step
        if isinstance(pilot.app.screen, TimerScreen):
            pilot.app.screen.tick()
        await pilot.pause()


def today_row(pilot: Pilot, exercise_id: str) -> str:
    today = pilot.app.screen
    assert isinstance(today, TodayScreen)
    index = [p.exercise.id for p in today.plan].index(exercise_id)
    return str(today.query_one("#exercises", OptionList).get_option_at_index(index).prompt)


def shown(screen: TimerScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def test_full_fixed_set_logs_one_completed_set_and_ticks_today(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        assert screen.session.phase is Phase.GET_READY
        assert screen.query_one("#timer-clock", Digits).value == "0:03"
        await advance(pilot, clock, 3 + 2 + 3 + 1.5)  # get ready, rep 1, relax, most of rep 2
        assert (screen.session.phase, screen.session.rep) == (Phase.HOLD, 2)
        await settle(pilot)
        assert tracker.day().sets == ()
        await advance(pilot, clock, 0.5)
        await settle(pilot)
        (saved,) = tracker.day().sets
        assert (saved.exercise, saved.reps, saved.hold, saved.completed) == (
            "knees-in",
            2,
            2.0,
            True,
        )
        assert screen.session.finished and timer(pilot) is screen
        await advance(pilot, clock, LINGER_SECONDS)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "■" in today_row(pilot, "knees-in")
        assert "1/1" in today_row(pilot, "knees-in")
        assert len(tracker.day().sets) == 1


async def test_pause_moves_the_deadline(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 1)
        await pilot.press("space")
        assert screen.session.paused
        assert screen.query_one(TimerFace).has_class("paused")
        await advance(pilot, clock, 60)
        assert screen.session.phase is Phase.GET_READY
        assert screen.session.remaining(clock.monotonic()) == pytest.approx(2.0)
        assert screen.query_one("#timer-clock", Digits).value == "0:02"
        await pilot.press("space")
        assert not screen.session.paused
        await advance(pilot, clock, 1.9, step=0.1)
        assert screen.session.phase is Phase.GET_READY
        await advance(pilot, clock, 0.2, step=0.1)
        assert screen.session.phase is Phase.HOLD
        assert screen.query_one(TimerFace).has_class("phase-hold")


async def test_n_skips_to_the_next_phase(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await pilot.press("n")
        assert screen.session.phase is Phase.HOLD
        assert screen.query_one(TimerFace).has_class("phase-hold")
        assert not screen.query_one(TimerFace).has_class("phase-get_ready")
        await advance(pilot, clock, 1)
        await pilot.press("n")  # a skipped hold counts with the second held
        assert (screen.session.phase, screen.session.reps_done) == (Phase.RELAX, 1)
        await advance(pilot, clock, 3 + 2)
        await settle(pilot)
        (saved,) = tracker.day().sets
        assert (saved.reps, saved.hold, saved.completed) == (2, 1.5, True)


async def test_escape_mid_set_stores_a_partial_set_that_does_not_count(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2 + 3 + 1)  # into the second rep
        await pilot.press("escape")  # mid-set it asks first
        await settle(pilot)
        assert app.screen is screen and screen.asking
        assert shown(screen, "#timer-phase").startswith("Stop here? The set so far is kept.")
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        (saved,) = tracker.day().sets
        assert (saved.reps, saved.hold, saved.completed) == (1, 2.0, False)
        assert tracker.day().completed_sets("knees-in") == 0
        assert "■" not in today_row(pilot, "knees-in")
        assert "0/1" in today_row(pilot, "knees-in")


async def test_quitting_mid_set_keeps_the_partial_set(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=3, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2 + 3 + 2 + 1)  # two reps held, into the relax
        await pilot.press("ctrl+q")
        await pilot.pause()
    (saved,) = tracker.day().sets
    assert (saved.reps, saved.completed) == (2, False)


async def test_escape_keeps_completed_sets(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=2, reps=1, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2 + 5)
        assert screen.session.phase is Phase.REST
        await pilot.press("escape")
        await settle(pilot)
        assert [(s.reps, s.completed) for s in tracker.day().sets] == [(1, True)]
        assert "1/2" in today_row(pilot, "knees-in")


async def test_side_plank_stores_the_time_held(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_routine(("side-plank",))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "side-plank")
        assert screen.session.side == "left"
        await advance(pilot, clock, 3)
        assert screen.session.counts_up
        await advance(pilot, clock, 4, step=0.05)
        assert screen.query_one("#timer-clock", Digits).value == "0:04"
        await pilot.press("space")
        await settle(pilot)
        (saved,) = tracker.day().sets
        assert saved.hold == pytest.approx(4.0, abs=0.3)
        assert (saved.side, saved.reps, saved.completed) == ("left", 1, True)
        assert screen.session.phase is Phase.REST
        assert screen.session.side == "right"
        assert "Best in the last 30 days: 4.0 s" in shown(screen, "#timer-goal")


async def test_side_plank_shows_goal_and_best_hold_of_the_last_30_days(
    app: IsotrackApp, tracker: Tracker
) -> None:
    today = tracker.today()
    tracker.log_set("side-plank", today - timedelta(days=30), "left", 1, 50.0)
    tracker.log_set("side-plank", today - timedelta(days=5), "right", 1, 12.5)
    tracker.log_set("side-plank", today - timedelta(days=4), "left", 1, 9.0)
    tracker.set_routine(("side-plank",))  # after the history, which starts the program
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "side-plank")
        goal = shown(screen, "#timer-goal")
        assert "Goal 10 s" in goal
        assert "12.5 s" in goal


async def test_sided_exercise_alternates_sides(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_routine(("pallof-press",))
    tracker.set_target("pallof-press", sets=2, reps=1, hold=1)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "pallof-press")
        await advance(pilot, clock, 3 + 1 + 1)  # left side held, resting before the right
        assert shown(screen, "#timer-phase") == "REST  ·  RIGHT SIDE NEXT"
        assert shown(screen, "#timer-position").startswith("Next: ")
        assert shown(screen, "#timer-position").endswith("Right side")
        await advance(pilot, clock, 2)  # the rest between sides is the relax time (3 s)
        assert screen.session.label == "Switch side"
        assert screen.query_one(TimerFace).has_class("switch-side")
        assert "Right side" in shown(screen, "#timer-position")
        await advance(pilot, clock, 60, step=1)
        await settle(pilot)
        sets = tracker.day().sets
        assert [s.side for s in sets] == ["left", "right", "left", "right"]
        assert all(s.completed for s in sets)


async def test_timer_starts_at_the_first_set_not_done(app: IsotrackApp, tracker: Tracker) -> None:
    tracker.set_routine(("pallof-press",))
    tracker.set_target("pallof-press", sets=2, reps=1, hold=1)
    tracker.log_set("pallof-press", side="left")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "pallof-press")
        assert (screen.session.set_index, screen.session.side) == (1, "right")
        assert shown(screen, "#timer-position") == "Rep 1 of 1  ·  Set 1 of 2  ·  Right side"


async def test_no_timer_when_every_set_is_done(app: IsotrackApp, tracker: Tracker) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    tracker.log_set("knees-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        today = app.screen
        assert isinstance(today, TodayScreen)
        ids = [p.exercise.id for p in today.plan]
        today.query_one("#exercises", OptionList).highlighted = ids.index("knees-in")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is today


@pytest.mark.parametrize(
    ("cues", "count_in", "rings"), [("bell", True, 5), ("bell", False, 2), ("off", True, 0)]
)
async def test_the_bell_rings_once_per_cue_moment(
    app: IsotrackApp,
    tracker: Tracker,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    cues: str,
    count_in: bool,
    rings: int,
) -> None:
    tracker.save_setting("cues", cues)
    tracker.save_setting("count_in", count_in)
    tracker.set_target("knees-in", sets=1, reps=1, hold=2)
    calls: list[None] = []
    monkeypatch.setattr(app, "bell", lambda: calls.append(None))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2)  # 3-2-1 (with the count-in), hold, set done
        assert len(calls) == rings


async def test_config_sets_the_timer_durations(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock, data_dir: Path
) -> None:
    for key, value in (
        ("get_ready", "5"),
        ("relax", "1"),
        ("rest", "7"),
        ("cues", "voice"),
        ("count_in", "off"),
        ("exercise_rest", "20"),
    ):
        assert main(["config", key, value, "--data", str(data_dir)], clock) == 0
    assert main(["config", "rest", "601", "--data", str(data_dir)], clock) == 2
    assert main(["config", "cues", "loud", "--data", str(data_dir)], clock) == 2
    assert main(["config", "count_in", "maybe", "--data", str(data_dir)], clock) == 2
    settings = tracker.settings
    assert (settings.get_ready, settings.relax, settings.rest) == (5, 1, 7)
    assert (settings.cues, settings.count_in, settings.exercise_rest) == ("voice", False, 20)
    tracker.set_target("knees-in", sets=2, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        session = screen.session
        assert screen.query_one("#timer-clock", Digits).value == "0:05"
        await advance(pilot, clock, 5 + 2)
        assert session.phase is Phase.RELAX
        assert session.remaining(clock.monotonic()) == pytest.approx(1.0)
        await advance(pilot, clock, 1 + 2)
        assert session.phase is Phase.REST
        assert session.remaining(clock.monotonic()) == pytest.approx(7.0)


async def test_help_lists_the_timer_keys(app: IsotrackApp, tracker: Tracker) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timer(pilot, "knees-in")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = dict(app.screen.keys)
        assert keys["space"] == "Pause"
        assert keys["n"] == "Skip phase"
        assert keys["esc"] == "Stop"


def test_clock_text_rounds_a_countdown_up_and_a_stopwatch_down() -> None:
    assert clock_text(4.2, counts_up=False) == "0:05"
    assert clock_text(5.0, counts_up=False) == "0:05"
    assert clock_text(4.9, counts_up=True) == "0:04"
    assert clock_text(75, counts_up=True) == "1:15"


def _into_second_rep(clock: FakeClock):
    async def run_before(pilot: Pilot) -> None:
        await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 5 + 3 + 2)  # two seconds into rep 2
        await pilot.pause()

    return run_before


def test_snapshot_timer_80x24(tracker: Tracker, clock: FakeClock, snap_compare) -> None:
    tracker.set_target("knees-in", sets=3, reps=5, hold=5)
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=(80, 24), run_before=_into_second_rep(clock))


def test_snapshot_side_plank_120x40(tracker: Tracker, clock: FakeClock, snap_compare) -> None:
    tracker.log_set("side-plank", tracker.today() - timedelta(days=2), "left", 1, 14.2)
    tracker.set_routine(("side-plank",))  # after the history, which starts the program
    app = IsotrackApp(tracker)
    app.theme = "textual-dark"

    async def run_before(pilot: Pilot) -> None:
        await open_timer(pilot, "side-plank")
        await advance(pilot, clock, 3 + 6.4)

    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
