"""Suggestions on Today: marks, the summary line, `a` to accept and `d` to dismiss."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from isotrack.clock import FakeClock
from isotrack.domain.records import PainKind
from isotrack.domain.targets import Target
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.today import TodayScreen
from tests.conftest import NOW
from tests.pilot_helpers import settle

FALLING = [6, 6, 5, 6, 5, 5, 4, 5, 4, 4, 3, 4, 3, 3]
RISING = [2, 2, 3, 2, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6]
YESTERDAY = date(2026, 11, 20)


def build_history(
    tracker: Tracker, clock: FakeClock, mornings: Sequence[int], routine: str = "beginner"
) -> None:
    """Set up on the first day; then each day a morning score at 07:00 and every planned set at
    08:00. The clock ends at NOW (09:30 on the last day)."""
    first = NOW - timedelta(days=len(mornings) - 1)
    clock.set(first.replace(hour=7))
    tracker.initialise(routine, "gentle", None, True)
    for i, score in enumerate(mornings):
        day = first + timedelta(days=i)
        clock.set(day.replace(hour=7))
        tracker.add_pain(score, PainKind.MORNING)
        clock.set(day.replace(hour=8))
        for item in tracker.plan():
            for _ in range(item.planned_sets):
                tracker.log_set(item.exercise.id)
    clock.set(NOW)


def today(pilot: Pilot) -> TodayScreen:
    screen = pilot.app.screen
    assert isinstance(screen, TodayScreen)
    return screen


def row(pilot: Pilot, exercise_id: str) -> str:
    screen = today(pilot)
    index = [p.exercise.id for p in screen.plan].index(exercise_id)
    return str(screen.query_one("#exercises", OptionList).get_option_at_index(index).prompt)


def highlight(pilot: Pilot, exercise_id: str) -> None:
    screen = today(pilot)
    index = [p.exercise.id for p in screen.plan].index(exercise_id)
    screen.query_one("#exercises", OptionList).highlighted = index


def text(pilot: Pilot, selector: str) -> str:
    return str(today(pilot).query_one(selector, Static).render())


async def test_falling_pain_marks_every_row_and_summarises(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, FALLING)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for exercise_id in ("push-pull-a", "push-pull-b", "knees-in", "knees-out"):
            assert "▲ up" in row(pilot, exercise_id)
        summary = text(pilot, "#suggestion-summary")
        assert "falling (5 → 4)" in summary and "4 steps up" in summary
        cue = text(pilot, "#cue")
        assert "Step up to 1 × 7 × 5 s" in cue and "fell from 5 to 4" in cue


async def test_a_accepts_from_today_and_yesterday_keeps_the_old_target(
    tracker: Tracker, clock
) -> None:
    build_history(tracker, clock, FALLING)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        highlight(pilot, "knees-in")
        await pilot.press("a")
        await settle(pilot)
        program = tracker.program()
        assert program.target_on("knees-in", tracker.today()) == Target(1, 7, 5)
        assert program.target_on("knees-in", YESTERDAY) == Target(1, 5, 5)
        assert program.target_on("knees-out", tracker.today()) == Target(1, 5, 5)
        assert "1 × 7 × 5 s" in row(pilot, "knees-in") and "▲" not in row(pilot, "knees-in")
        assert "3 steps up" in text(pilot, "#suggestion-summary")
        assert "Keep this target" in text(pilot, "#cue")
        record = tracker.day(YESTERDAY)
        assert program.completion(record) == 1.0  # yesterday is still judged done


async def test_a_without_a_suggestion_changes_nothing(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, [3] * 5)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        before = tracker.program()
        await pilot.press("a", "d")
        await settle(pilot)
        assert tracker.program() == before
        assert tracker.dismissed() == {}
        assert "no change suggested" in text(pilot, "#suggestion-summary")


async def test_d_dismisses_until_the_facts_change(
    tracker: Tracker, clock: FakeClock, data_dir
) -> None:
    build_history(tracker, clock, RISING)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "▼ back" in row(pilot, "knees-in")
        highlight(pilot, "knees-in")
        await pilot.press("d")
        await settle(pilot)
        assert "▼" not in row(pilot, "knees-in") and "▼ back" in row(pilot, "knees-out")
        assert "dismissed" in text(pilot, "#cue")
        assert "3 steps back" in text(pilot, "#suggestion-summary")
        assert tracker.program().target_on("knees-in", tracker.today()) == Target(1, 5, 5)
    again = IsotrackApp(Tracker.open(data_dir, clock))
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "▼" not in row(pilot, "knees-in")  # still dismissed after a restart
        tracker.set_target("knees-in", reps=7)  # new facts: a new step back, to 1 × 5 × 5 s
        today(pilot).check_for_changes()
        await pilot.pause()
        assert "▼ back" in row(pilot, "knees-in")
        highlight(pilot, "knees-in")
        await pilot.pause()
        assert "Step back to 1 × 5 × 5 s" in text(pilot, "#cue")


async def test_red_flag_pauses_suggestions_on_today(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, FALLING)
    tracker.add_pain(5, PainKind.DURING, red_flag=True)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "▲" not in row(pilot, "knees-in")
        assert "suggestions paused for 14 days" in text(pilot, "#suggestion-summary")
        await pilot.press("a")
        await settle(pilot)
        assert tracker.program().target_on("knees-in", tracker.today()) == Target(1, 5, 5)


def footer_keys(pilot: Pilot) -> list[str]:
    """The footer's key descriptions that are wholly on screen."""
    from textual.widgets._footer import FooterKey

    width = pilot.app.size.width
    keys = pilot.app.screen.query(FooterKey)
    return [k.description for k in keys if k.region.width and k.region.right <= width]


async def test_footer_at_80_columns_shows_help_quit_and_a_d_with_a_suggestion(
    tracker: Tracker, clock
) -> None:
    build_history(tracker, clock, RISING, routine="both")  # seven exercises: the longest list
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        highlight(pilot, "knees-in")
        await settle(pilot)
        keys = footer_keys(pilot)
        assert {"Help", "Quit", "Accept", "Dismiss", "Tick", "Timer"} <= set(keys)
        cue = today(pilot).query_one("#cue")
        assert "Step back" in text(pilot, "#cue") and "Squeeze the knees" in text(pilot, "#cue")
        assert cue.region.bottom <= 23  # the whole panel is above the footer
        assert cue.size.height >= 5  # the suggestion (3 lines) and the cue's first 2 lines


async def test_footer_offers_a_and_d_only_with_a_suggestion(tracker: Tracker, clock) -> None:
    build_history(tracker, clock, [3] * 5)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        keys = footer_keys(pilot)
        assert "Help" in keys and "Quit" in keys
        assert "Accept" not in keys and "Dismiss" not in keys
