"""Dismissals hold while the facts stay the same, and never for safety (design §5)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from isotrack.domain.dismissals import Dismissal, hides
from isotrack.domain.progression import Action, Evidence, Suggestion
from isotrack.domain.targets import Target

DAY = date(2026, 11, 10)
RED = DAY - timedelta(days=2)


def back(
    reps: int = 5,
    red: date | None = RED,
    median: float | None = 4.0,
    strength: tuple[int, int, int] = (2, 0, 0),
) -> Suggestion:
    evidence = Evidence(red, median, strength)
    return Suggestion("knees-in", Action.STEP_BACK, Target(1, reps, 5), "why", evidence=evidence)


def test_a_dismissal_hides_the_same_suggestion_for_under_7_days() -> None:
    dismissal = Dismissal.of(back(), DAY)
    for days in range(7):
        assert hides(dismissal, back(), DAY + timedelta(days=days))
    assert not hides(dismissal, back(), DAY + timedelta(days=7))
    assert not hides(None, back(), DAY)


@pytest.mark.parametrize(
    "changed",
    [
        back(reps=3),  # another target
        back(red=DAY),  # a new red day
        back(median=4.5),  # a higher weekly median
        back(strength=(2, 5, 0)),  # more evidence for the step back: a sustained rise too
        back(strength=(3, 0, 0)),
    ],
)
def test_a_dismissal_lapses_when_the_facts_change(changed: Suggestion) -> None:
    assert not hides(Dismissal.of(back(), DAY), changed, DAY)


def test_less_evidence_or_a_lower_median_keeps_it_hidden() -> None:
    dismissal = Dismissal.of(back(), DAY)
    assert hides(dismissal, back(median=3.0, strength=(1, 0, 0)), DAY)


def test_holds_and_safety_pauses_are_never_hidden() -> None:
    pause = Suggestion("knees-in", Action.NONE, None, "a warning sign was recorded")
    hold = Suggestion("knees-in", Action.HOLD, None, "let it settle")
    for s in (pause, hold):
        assert not hides(Dismissal.of(s, DAY), s, DAY)


def test_stored_form_round_trips_and_odd_values_read_as_none() -> None:
    dismissal = Dismissal.of(back(), DAY)
    assert Dismissal.from_dict(dismissal.as_dict()) == dismissal
    plain = Dismissal.of(back(red=None, median=None), DAY)
    assert Dismissal.from_dict(plain.as_dict()) == plain
    for odd in ("knees-in|step-back|1x5x5|-", None, {}, {"key": "k", "day": "x"}, [1]):
        assert Dismissal.from_dict(odd) is None
