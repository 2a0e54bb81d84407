"""Dismissed suggestions are kept in the main file, one per exercise."""

from __future__ import annotations

from isotrack.domain.progression import Action, Suggestion
from isotrack.domain.targets import Target
from isotrack.store.store import Store
from isotrack.tracker import Tracker


def step_up(exercise: str, reps: int) -> Suggestion:
    return Suggestion(exercise, Action.STEP_UP, Target(1, reps, 5), "pain fell")


def test_a_newer_dismissal_replaces_the_older_one(tracker: Tracker, data_dir) -> None:
    tracker.dismiss(step_up("knees-in", 7))
    tracker.dismiss(step_up("knees-out", 7))
    tracker.dismiss(step_up("knees-in", 9))
    reopened = Store.open(data_dir)
    assert reopened.dismissed_suggestions() == {
        "knees-in": step_up("knees-in", 9).key,
        "knees-out": step_up("knees-out", 7).key,
    }
    assert step_up("knees-in", 7).key != step_up("knees-in", 9).key


def test_an_odd_stored_value_reads_as_nothing_dismissed(tracker: Tracker) -> None:
    tracker._store.update_meta(dismissed_suggestions=["knees-in|step-up|1x7x5|-"])
    assert tracker.dismissed() == {}
    tracker.dismiss(step_up("knees-in", 7))
    assert tracker.dismissed() == {"knees-in": step_up("knees-in", 7).key}
