"""Following the timer from the floor: cues, the whole routine, safer keys and big digits.

Driven by the fake monotonic clock (never sleeping); cues go to a recording fake player.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from isotrack.clock import FakeClock
from isotrack.cues import Cue, Kind, TonePlayer
from isotrack.domain.timer import Phase
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.timer import LINGER_SECONDS, TimerScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.big_clock import BigClock
from tests.pilot_helpers import settle
from tests.test_timer_screen import advance, open_timer, today_row


class FakePlayer:
    """Records the cues of each moment instead of sounding them."""

    def __init__(self) -> None:
        self.moments: list[list[Cue]] = []

    def play(self, cues: Sequence[Cue]) -> None:
        self.moments.append(list(cues))

    def kinds(self) -> list[list[Kind]]:
        return [[c.kind for c in moment] for moment in self.moments]


@pytest.fixture
def player() -> FakePlayer:
    return FakePlayer()


@pytest.fixture
def app(tracker: Tracker, player: FakePlayer) -> IsotrackApp:
    return IsotrackApp(tracker, player=player)


def two_exercise_routine(tracker: Tracker) -> None:
    tracker.set_routine(("knees-in", "knees-out"))
    for exercise_id in ("knees-in", "knees-out"):
        tracker.set_target(exercise_id, sets=1, reps=2, hold=2)


def timer(pilot: Pilot) -> TimerScreen:
    screen = pilot.app.screen
    assert isinstance(screen, TimerScreen)
    return screen


async def start_routine(pilot: Pilot) -> TimerScreen:
    """Press `r` on Today once it is drawn: the routine's timer."""
    await pilot.pause()
    await pilot.press("r")
    await pilot.pause()
    return timer(pilot)


async def test_a_two_rep_set_plays_its_cues_in_order(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock, player: FakePlayer
) -> None:
    tracker.save_setting("cues", "tones")
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2 + 3 + 2 + 0.5, step=0.25)
        await settle(pilot)
    assert player.kinds() == [
        [Kind.COUNT],
        [Kind.COUNT],
        [Kind.COUNT],
        [Kind.HOLD],
        [Kind.RELAX],
        [Kind.HOLD],
        [Kind.SET_DONE, Kind.EXERCISE_DONE],
    ]
    assert [m[0].words for m in player.moments[:3]] == ["3", "2", "1"]
    assert len(tracker.day().sets) == 1


async def test_with_no_sound_player_the_timer_is_silent_and_logs_the_set(
    tracker: Tracker, clock: FakeClock, tmp_path
) -> None:
    class InThisThread(TonePlayer):
        """Plays in the caller's thread, so the test sees every attempt."""

        def play(self, cues: Sequence[Cue]) -> None:
            self.run(tuple(cues))

    missing = InThisThread("/nonexistent/aplay", tmp_path)
    app = IsotrackApp(tracker, player=missing)
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 2 + 3 + 2 + 0.5)
        await settle(pilot)
        (saved,) = tracker.day().sets
        assert (saved.reps, saved.completed) == (2, True)
    assert missing.failures == 7  # every moment tried, none could play, nothing went wrong


async def test_r_follows_the_whole_routine_and_logs_every_set(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock, player: FakePlayer
) -> None:
    two_exercise_routine(tracker)
    tracker.save_setting("exercise_rest", 20)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_routine(pilot)
        assert screen.routine and screen.exercise.id == "knees-in"
        await advance(pilot, clock, 3 + 2 + 3 + 2 + 1, step=0.5)  # first exercise, rest begins
        assert screen.exercise.id == "knees-out" and screen.session.phase is Phase.REST
        assert "Knees-out press" in str(screen.query_one("#timer-title").content)
        assert str(screen.query_one("#timer-phase").content) == "REST  ·  NEXT: KNEES-OUT PRESS"
        assert [s.exercise for s in tracker.day().sets] == ["knees-in"]
        announced = [c for m in player.moments for c in m if c.kind is Kind.NEXT]
        assert [c.words for c in announced] == [
            "next: Knees-out press. Press the knees outward to work the outer hips."
        ]
        await advance(pilot, clock, 20 + 3 + 2 + 3 + 2, step=0.5)
        await settle(pilot)
        assert screen.run.finished
        assert "Routine done: 2 sets in 40 s." in str(screen.query_one("#timer-next").content)
        assert player.kinds()[-1] == [Kind.SET_DONE, Kind.ROUTINE_DONE]
        await advance(pilot, clock, LINGER_SECONDS)
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        assert "1/1" in today_row(pilot, "knees-in") and "1/1" in today_row(pilot, "knees-out")
    sets = tracker.day().sets
    assert [(s.exercise, s.reps, s.completed) for s in sets] == [
        ("knees-in", 2, True),
        ("knees-out", 2, True),
    ]


async def test_the_routine_starts_at_the_remaining_sets_and_s_skips_an_exercise(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_routine(("push-pull-a", "knees-in", "knees-out"))
    for exercise_id in ("push-pull-a", "knees-in", "knees-out"):
        tracker.set_target(exercise_id, sets=1, reps=2, hold=2)
    tracker.log_set("push-pull-a")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start_routine(pilot)
        assert [s.item.exercise.id for s in screen.run.steps] == ["knees-in", "knees-out"]
        await pilot.press("s")  # skip knees-in before any rep: nothing stored for it
        await pilot.pause()
        assert screen.exercise.id == "knees-out"
        await pilot.press("escape")  # resting, not mid-set: stops at once
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert [s.exercise for s in tracker.day().sets] == ["push-pull-a"]


async def test_r_with_everything_done_says_so(app: IsotrackApp, tracker: Tracker) -> None:
    tracker.set_routine(("knees-in",))
    tracker.set_target("knees-in", sets=1, reps=2, hold=2)
    tracker.log_set("knees-in")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_escape_mid_hold_asks_and_any_other_key_goes_on(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=5)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 1)
        await pilot.press("escape")
        await pilot.pause()
        assert screen.asking and app.screen is screen
        await pilot.press("n")  # goes on; the key does nothing else (no skipped hold)
        await pilot.pause()
        assert not screen.asking and screen.session.phase is Phase.HOLD
        await pilot.press("escape", "escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert tracker.day().sets == ()  # no rep finished: nothing to keep


@pytest.mark.parametrize(("key", "back"), [("question_mark", "escape"), ("comma", "escape")])
async def test_help_and_settings_pause_the_timer_while_open(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock, key: str, back: str
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=10)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_timer(pilot, "knees-in")
        await advance(pilot, clock, 3 + 4)
        left = screen.session.remaining(clock.monotonic())
        assert screen.session.phase is Phase.HOLD and left == pytest.approx(6.0)
        await pilot.press(key)
        await settle(pilot)
        assert app.screen is not screen and screen.session.paused
        if key == "question_mark":
            assert isinstance(app.screen, HelpScreen)
        clock.advance(30)
        screen.tick()
        await pilot.press(back)
        await settle(pilot)
        assert app.screen is screen and not screen.session.paused
        assert screen.session.remaining(clock.monotonic()) == pytest.approx(left)
        assert screen.session.phase is Phase.HOLD


@pytest.mark.parametrize(("size", "rows"), [((100, 30), 15), ((80, 24), 8), ((80, 16), 0)])
async def test_the_digits_scale_with_the_terminal(
    app: IsotrackApp, tracker: Tracker, size: tuple[int, int], rows: int
) -> None:
    tracker.set_target("knees-in", sets=1, reps=2, hold=5)
    async with app.run_test(size=size) as pilot:
        screen = await open_timer(pilot, "knees-in")
        clock_widget = screen.query_one(BigClock)
        big = clock_widget.scale >= 2
        height = -(-5 * clock_widget.scale // 2) if big else 0
        assert height == rows
        for selector in ("#timer-phase", "#timer-position"):  # still on screen
            region = screen.query_one(selector).region
            assert region.height == 1 and region.bottom <= size[1]


def _in_a_hold(clock: FakeClock):
    async def run_before(pilot: Pilot) -> None:
        await pilot.pause()
        today = pilot.app.screen
        assert isinstance(today, TodayScreen)
        today.query_one("#exercises", OptionList).highlighted = 0
        await pilot.press("r")
        await pilot.pause()
        await advance(pilot, clock, 3 + 2.5)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_snapshot_big_digits(
    tracker: Tracker, clock: FakeClock, snap_compare, size: tuple[int, int]
) -> None:
    two_exercise_routine(tracker)
    tracker.set_target("knees-in", sets=2, reps=3, hold=8)
    app = IsotrackApp(tracker, player=FakePlayer())
    app.theme = "textual-dark"
    assert snap_compare(app, terminal_size=size, run_before=_in_a_hold(clock))


async def test_the_routine_announces_and_logs_an_own_exercise(
    app: IsotrackApp, tracker: Tracker, clock: FakeClock, player: FakePlayer
) -> None:
    from isotrack.domain.custom import ExerciseSpec

    cues = ("Squeeze the glutes, ribs down", "Breathe out as you lift")
    tracker.add_exercise(ExerciseSpec(name="Glute bridge hold", cues=cues))
    tracker.set_routine(("knees-in", "glute-bridge-hold"))
    for exercise_id in ("knees-in", "glute-bridge-hold"):
        tracker.set_target(exercise_id, sets=1, reps=2, hold=2)
    tracker.save_setting("exercise_rest", 20)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await start_routine(pilot)
        await advance(pilot, clock, 3 + 2 + 3 + 2 + 1 + 20 + 3 + 2 + 3 + 2, step=0.5)
        await settle(pilot)
        assert screen.run.finished
    announced = [c.words for m in player.moments for c in m if c.kind is Kind.NEXT]
    assert announced == ["next: Glute bridge hold. Squeeze the glutes, ribs down."]
    assert [s.exercise for s in tracker.day().sets] == ["knees-in", "glute-bridge-hold"]
