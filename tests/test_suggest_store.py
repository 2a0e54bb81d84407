"""Dismissed suggestions are kept in the main file, one per exercise, with their facts."""

from __future__ import annotations

import pytest

from isotrack.domain.progression import Action, Suggestion, SuggestionSet
from isotrack.domain.targets import Target
from isotrack.tracker import InvalidInput, Tracker


def step_up(exercise: str, reps: int) -> Suggestion:
    return Suggestion(exercise, Action.STEP_UP, Target(1, reps, 5), "pain held")


def offered(tracker: Tracker, *suggestions: Suggestion) -> frozenset[str]:
    result = SuggestionSet(tracker.suggestions().trend, suggestions, False, "")
    return tracker.hidden(result)


def test_a_newer_dismissal_replaces_the_older_one(tracker: Tracker, data_dir, clock) -> None:
    tracker.dismiss(step_up("knees-in", 7))
    tracker.dismiss(step_up("knees-out", 7))
    tracker.dismiss(step_up("knees-in", 9))
    reopened = Tracker.open(data_dir, clock)
    assert offered(reopened, step_up("knees-in", 9), step_up("knees-out", 7)) == {
        "knees-in",
        "knees-out",
    }
    assert offered(reopened, step_up("knees-in", 7)) == frozenset()  # another change


def test_old_or_odd_stored_values_hide_nothing(tracker: Tracker) -> None:
    tracker._store.update_meta(dismissed_suggestions=["knees-in|step-up|1x7x5|-"])
    assert offered(tracker, step_up("knees-in", 7)) == frozenset()
    tracker._store.update_meta(dismissed_suggestions={"knees-in": "knees-in|step-up|1x7x5|-"})
    assert offered(tracker, step_up("knees-in", 7)) == frozenset()
    tracker.dismiss(step_up("knees-in", 7))
    assert offered(tracker, step_up("knees-in", 7)) == {"knees-in"}


def test_a_dismissal_lapses_after_7_days(tracker: Tracker, clock) -> None:
    tracker.dismiss(step_up("knees-in", 7))
    clock.advance(6 * 86400)
    assert offered(tracker, step_up("knees-in", 7)) == {"knees-in"}
    clock.advance(86400)
    assert offered(tracker, step_up("knees-in", 7)) == frozenset()


def test_only_a_change_can_be_dismissed(tracker: Tracker) -> None:
    with pytest.raises(InvalidInput):
        tracker.dismiss(Suggestion("knees-in", Action.HOLD, None, "let it settle"))
