"""A corrected pain entry keeps its history on disk, and dismissals are shared (design §3, §5)."""

from __future__ import annotations

import json
from datetime import timedelta

from isotrack.domain.records import PainKind
from isotrack.tracker import Tracker


def test_corrections_and_withdrawals_survive_a_reopen(tracker: Tracker, data_dir, clock) -> None:
    entry = tracker.add_pain(6, PainKind.MORNING, note="slept badly", red_flag=True)
    clock.advance(600)
    tracker.edit_pain(entry.id, "cli", score=5)
    tracker.withdraw_red_flag(entry.id, "app")
    again = Tracker.open(data_dir, clock)
    (stored,) = again.pain_entries()
    assert (stored.score, stored.red_flag, stored.withdrawn_red_flag) == (5, False, True)
    assert [(c.field, c.before, c.after, c.by) for c in stored.history] == [
        ("score", "6", "5", "cli"),
        ("red_flag", "true", "false", "app"),
    ]
    assert stored.history[0].at == entry.at + timedelta(seconds=600)
    month = json.loads(next((data_dir / "log").glob("*.json")).read_text())
    assert "history" in json.dumps(month)  # readable by any JSON reader
