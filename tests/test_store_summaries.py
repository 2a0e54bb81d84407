"""Month summaries: kept inside each month file and gathered in summaries.json, they give the
same streak figures as judging every day again, and a stale one is rebuilt."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from pathlib import Path

from tinydb import TinyDB

from isotrack.clock import FakeClock
from isotrack.store.store import Store
from isotrack.store.summaries import INDEX_FILE, SUMMARY
from isotrack.tracker import Tracker
from tests.streak_reference import streaks


def reference(data_dir: Path, clock: FakeClock):
    """Streak figures from every day judged again (the domain's own reference)."""
    tracker = Tracker.open(data_dir, clock)
    days = Store.open(data_dir, clock).days(date(1990, 1, 1), tracker.today())
    return streaks(tracker.program(), days, tracker.today(), tracker.done_threshold)


def demo(cli, data_dir: Path, clock: FakeClock) -> Tracker:
    assert cli("demo", "--years", "2", "--seed", "5")[0] == 0
    return Tracker.open(data_dir, clock)


def a_done_day(month: Path) -> tuple[dict, dict]:
    doc = json.loads(month.read_text())
    sets = {d["day"]: len(d["sets"]) for d in doc["days"].values()}
    busiest = max(sets, key=lambda day: sets[day])
    return doc, next(d for d in doc["days"].values() if d["day"] == busiest)


def test_summaries_give_the_figures_of_judging_every_day(cli, data_dir, clock) -> None:
    tracker = demo(cli, data_dir, clock)
    stats = tracker.streak_stats()
    assert stats == reference(data_dir, clock)
    assert stats.done_days > 300 and stats.longest > 5


def test_each_month_file_holds_its_summary_and_the_index_holds_them_all(
    cli, data_dir, clock
) -> None:
    demo(cli, data_dir, clock)
    month = data_dir / "log" / "2026-10.json"
    with TinyDB(month) as db:  # plain TinyDB sees the summary table too
        summary = db.table(SUMMARY).get(doc_id=1)
    assert len(summary["kind"]) == 31 and summary["hash"]
    index = json.loads((data_dir / INDEX_FILE).read_text())
    assert index["months"]["202610"]["summary"].split(" ")[1] == summary["kind"]


def test_a_hand_edited_month_is_summarised_again(cli, data_dir, clock) -> None:
    before = demo(cli, data_dir, clock).streak_stats()
    month = data_dir / "log" / "2026-10.json"
    doc, day = a_done_day(month)
    day["sets"] = []  # still valid JSON and a valid month; its summary is now stale
    month.write_text(json.dumps(doc))
    code, out, _ = cli("streak")
    expected = reference(data_dir, clock)
    assert code == 0 and re.search(rf"Done days\s+{expected.done_days}\n", out)
    assert expected.done_days == before.done_days - 1


def test_a_hand_edited_month_shows_on_its_year_of_the_calendar(cli, data_dir, clock) -> None:
    """A year's statuses stat only that year's month files: an edit is still seen."""
    tracker = demo(cli, data_dir, clock)
    month = data_dir / "log" / "2026-10.json"
    doc, day = a_done_day(month)
    edited = date.fromisoformat(day["day"])
    assert tracker.year_statuses(2026)[edited].kind.value == "done"
    day["sets"] = []
    month.write_text(json.dumps(doc))
    assert Tracker.open(data_dir, clock).year_statuses(2026)[edited].kind.value != "done"


def test_a_lost_or_damaged_index_is_rebuilt(cli, data_dir, clock) -> None:
    before = demo(cli, data_dir, clock).streak_stats()
    index = data_dir / INDEX_FILE
    index.write_text("{not json")
    assert Tracker.open(data_dir, clock).streak_stats() == before
    assert json.loads(index.read_text())["months"]
    index.unlink()
    assert Tracker.open(data_dir, clock).streak_stats() == before


def test_a_target_change_from_today_leaves_past_months_alone(cli, data_dir, clock) -> None:
    demo(cli, data_dir, clock)
    index = data_dir / INDEX_FILE
    past = json.loads(index.read_text())["months"]["202609"]
    assert cli("target", "knees-in", "--reps", "12")[0] == 0
    tracker = Tracker.open(data_dir, clock)
    assert tracker.streak_stats() == reference(data_dir, clock)
    assert json.loads(index.read_text())["months"]["202609"] == past


def test_a_new_done_threshold_judges_the_past_again(cli, data_dir, clock) -> None:
    before = demo(cli, data_dir, clock).streak_stats()
    assert cli("config", "done_threshold", "50")[0] == 0
    after = Tracker.open(data_dir, clock).streak_stats()
    assert after == reference(data_dir, clock)
    assert after.done_days > before.done_days


def test_ticks_keep_the_current_month_summary_in_step(cli, data_dir, clock) -> None:
    tracker = demo(cli, data_dir, clock)
    for exercise in tracker.program().routine_on(tracker.today()):
        for _ in range(3):
            tracker.log_set(exercise)
    tracker.skip(tracker.today() - timedelta(days=2), "away")
    assert tracker.streak_stats() == reference(data_dir, clock)
    assert Tracker.open(data_dir, clock).streak_stats() == reference(data_dir, clock)


def test_a_fresh_folder_has_no_summaries_to_read(data_dir, clock) -> None:
    tracker = Tracker.open(data_dir, clock)
    assert tracker.streak_stats().done_days == 0
    assert not (data_dir / INDEX_FILE).exists()
    tracker.log_set("knees-in", day=date(2026, 11, 20))
    assert tracker.streak_stats() == reference(data_dir, clock)


def test_streaks_are_quick_while_the_summaries_are_current(cli, data_dir, clock) -> None:
    demo(cli, data_dir, clock)
    assert Tracker.open(data_dir, clock).streaks_are_quick()
    assert cli("log", "knees-in")[0] == 0  # one month's summary is read again: still quick
    assert Tracker.open(data_dir, clock).streaks_are_quick()
    tracker = Tracker.open(data_dir, clock)
    tracker.save_setting("done_threshold", "50")  # every past month is judged again
    assert not tracker.streaks_are_quick()
    tracker.streak_stats()  # rebuilds them all, once
    assert tracker.streaks_are_quick() and Tracker.open(data_dir, clock).streaks_are_quick()
