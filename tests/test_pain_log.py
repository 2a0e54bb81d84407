"""Correcting the pain log through the Tracker: edit, delete, withdraw a red flag (design §3)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.pain_response import Response
from isotrack.domain.progression import Action
from isotrack.domain.records import PainKind
from isotrack.tracker import InvalidInput, Tracker


def test_edit_keeps_the_old_values_in_the_entry_history(tracker: Tracker, clock) -> None:
    entry = tracker.add_pain(4, PainKind.MORNING, note="stiff")
    clock.advance(300)
    edited = tracker.edit_pain(entry.id, "cli", score=6, kind=PainKind.DURING, note="sore")
    assert (edited.score, edited.kind, edited.note) == (6, PainKind.DURING, "sore")
    (stored,) = tracker.pain_entries()
    assert stored == edited
    assert [(c.field, c.before, c.after, c.by) for c in stored.history] == [
        ("score", "4", "6", "cli"),
        ("kind", "morning", "during", "cli"),
        ("note", "stiff", "sore", "cli"),
    ]


def test_delete_removes_an_entry_and_unknown_ids_are_refused(tracker: Tracker) -> None:
    keep = tracker.add_pain(3, PainKind.MORNING)
    gone = tracker.add_pain(7, PainKind.AFTER)
    assert tracker.delete_pain(gone.id) == gone
    assert tracker.pain_entries() == [keep]
    with pytest.raises(InvalidInput, match="no pain entry has the id"):
        tracker.delete_pain(gone.id)
    with pytest.raises(InvalidInput):
        tracker.edit_pain("nope", "cli", score=2)


def test_an_edit_never_sets_or_clears_a_red_flag(tracker: Tracker) -> None:
    flag = tracker.add_pain(6, PainKind.MORNING, red_flag=True)
    with pytest.raises(InvalidInput, match="withdrawn as a mistake, not edited"):
        tracker.edit_pain(flag.id, "cli", red_flag=False)
    assert tracker.pain_entries()[0].red_flag


def test_a_red_flag_is_withdrawn_not_deleted_and_the_pause_ends(
    tracker: Tracker, clock: FakeClock
) -> None:
    tracker.initialise("beginner", "gentle", None, True)
    flag = tracker.add_pain(5, PainKind.MORNING, red_flag=True)
    assert tracker.suggestions().red_flag
    with pytest.raises(InvalidInput, match="withdraw it first"):
        tracker.delete_pain(flag.id)
    withdrawn = tracker.withdraw_red_flag(flag.id, "app")
    assert not withdrawn.red_flag and withdrawn.withdrawn_red_flag
    assert withdrawn.history[-1].field == "red_flag" and withdrawn.history[-1].by == "app"
    assert not tracker.suggestions().red_flag
    assert tracker.suggestions().suggestions[0].action is not Action.NONE
    with pytest.raises(InvalidInput, match="no red flag"):
        tracker.withdraw_red_flag(flag.id, "app")
    tracker.delete_pain(flag.id)  # withdrawn first, so it may go now


def test_notes_are_limited_to_500_characters(tracker: Tracker) -> None:
    tracker.add_pain(3, PainKind.MORNING, note="x" * 500)
    with pytest.raises(InvalidInput, match="at most 500 characters"):
        tracker.add_pain(3, PainKind.MORNING, note="x" * 501)
    entry = tracker.pain_entries()[0]
    with pytest.raises(InvalidInput, match="at most 500"):
        tracker.edit_pain(entry.id, "cli", note="y" * 600)


def test_listing_covers_the_last_n_days(tracker: Tracker) -> None:
    today = tracker.today()
    old = tracker.add_pain(2, PainKind.MORNING, day=today - timedelta(days=3))
    new = tracker.add_pain(4, PainKind.MORNING)
    assert tracker.pain_entries() == [new]
    assert tracker.pain_entries(4) == [old, new]
    assert tracker.pain_entry(old.id) == old


def test_immediate_responses(tracker: Tracker) -> None:
    today = tracker.today()
    for n in range(1, 8):
        tracker.add_pain(3, PainKind.MORNING, day=today - timedelta(days=n))
    assert tracker.pain_response(tracker.add_pain(5, PainKind.MORNING)) is None
    assert tracker.pain_response(tracker.add_pain(6, PainKind.MORNING)) is Response.GENTLE
    assert tracker.pain_response(tracker.add_pain(8, PainKind.DURING)) is Response.STOP
    assert tracker.pain_response(tracker.add_pain(5, PainKind.DURING)) is None
    yesterday = tracker.add_pain(9, PainKind.DURING, day=today - timedelta(days=1))
    assert tracker.pain_response(yesterday) is None  # back-filled: nothing to do now
