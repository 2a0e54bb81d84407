"""Pain entries can be corrected; every change is kept with the entry (design §3)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from isotrack.domain.records import DayRecord, PainChange, PainEntry, PainKind

DAY = date(2026, 11, 10)
AT = datetime(2026, 11, 10, 7, tzinfo=UTC)
LATER = datetime(2026, 11, 10, 9, tzinfo=UTC)


def test_a_correction_changes_the_values_and_keeps_what_they_were() -> None:
    entry = PainEntry("p1", DAY, PainKind.MORNING, 4, AT, red_flag=True)
    fixed = entry.corrected(LATER, "cli", score=6, kind=PainKind.DURING, note=None)
    assert (fixed.score, fixed.kind, fixed.red_flag) == (6, PainKind.DURING, True)
    assert fixed.history == (
        PainChange(LATER, "cli", "score", "4", "6"),
        PainChange(LATER, "cli", "kind", "morning", "during"),
    )
    withdrawn = fixed.corrected(LATER, "app", red_flag=False, score=6)  # same score: no trace
    assert not withdrawn.red_flag and withdrawn.withdrawn_red_flag
    assert withdrawn.history[-1] == PainChange(LATER, "app", "red_flag", "true", "false")
    assert len(withdrawn.history) == 3
    assert not entry.withdrawn_red_flag


def test_a_day_replaces_or_drops_one_entry_by_id() -> None:
    a = PainEntry("a", DAY, PainKind.MORNING, 4, AT)
    b = PainEntry("b", DAY, PainKind.DURING, 2, LATER)
    record = DayRecord(DAY, pain=(a, b))
    assert record.with_pain_replaced(b.corrected(LATER, "cli", score=3)).pain[1].score == 3
    assert record.without_pain("a").pain == (b,)
    assert record.without_pain("x") == record
