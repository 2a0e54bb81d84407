"""The tick's shortcuts keep every guarantee: a file this store last read or wrote is not read
again while its status shows it unchanged, but any other change is read under the lock; a
day's unchanged sets are neither encoded nor decoded again, yet a new one is checked; seals
written by older versions still verify."""

from __future__ import annotations

import json
import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from isotrack.domain.records import DayRecord, SetRecord
from isotrack.store import atomic, folder
from isotrack.store.codec import ShapeError, day_to_doc, set_to_doc
from isotrack.store.digest import blake2b
from isotrack.store.errors import DataError
from isotrack.store.folder import MonthDecoder
from isotrack.store.seal import DAYS_PREFIX, SUMMARY_MARK
from isotrack.store.store import Store
from isotrack.store.summaries import sealed_summary

DAY = date(2026, 3, 10)
holding = pytest.mark.skipif(not atomic.HOLD_FILES, reason="files are not held on this OS")


def a_set(n: int, day: date = DAY, reps: int = 10) -> SetRecord:
    return SetRecord(f"s{n}", "knees-in", day, reps, 5.0, datetime(2026, 3, 1, 9, tzinfo=UTC))


def count_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every data file read from now on, by name."""
    reads: list[str] = []
    real = atomic.safe_json.read_open

    def counting(path, *args):
        reads.append(Path(path).name)
        return real(path, *args)

    monkeypatch.setattr(atomic.safe_json, "read_open", counting)
    return reads


@holding
def test_a_tick_after_this_stores_own_write_reads_no_file(tmp_path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set(0))
    reads = count_reads(monkeypatch)
    store.add_set(a_set(1))
    store.add_set(a_set(2))
    assert reads == []  # the month and the main file: a stat each, under the lock
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == ["s0", "s1", "s2"]


def test_a_month_another_store_wrote_between_two_ticks_is_read_again(tmp_path) -> None:
    mine, theirs = Store.open(tmp_path), Store.open(tmp_path)
    mine.add_set(a_set(0))
    theirs.add_set(a_set(1))
    mine.add_set(a_set(2))  # must not write back its own last write without s1
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == ["s0", "s1", "s2"]


def test_an_edit_in_place_of_the_same_size_is_read_again(tmp_path) -> None:
    """A hand edit that keeps the file's size and inode shows in its times."""
    store = Store.open(tmp_path)
    store.add_set(a_set(0, reps=10))
    path = store.month_path(2026, 3)
    raw = path.read_bytes()
    info = path.stat()
    with open(path, "r+b") as handle:  # in place: same inode, same size
        handle.write(raw.replace(b'"reps":10', b'"reps":12'))
    os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns + 1_000_000_000))  # a coarse clock
    assert path.stat().st_ino == info.st_ino and path.stat().st_size == info.st_size
    store.add_set(a_set(1))
    assert [s.reps for s in Store.open(tmp_path).day(DAY).sets] == [12, 10]


def test_a_bad_set_added_beside_checked_ones_is_refused(tmp_path) -> None:
    """Sets decoded before are taken as they were, a new one is checked in full."""
    decode = MonthDecoder(2026, 3)
    doc = day_to_doc(DayRecord(DAY, (a_set(0), a_set(1))))
    first = decode({"days": {"10": doc}})[DAY]
    again = decode({"days": {"10": {**doc, "sets": [*doc["sets"], set_to_doc(a_set(2))]}}})
    assert again[DAY].sets[:2] == first.sets and again[DAY].sets[0] is first.sets[0]
    bad = {**day_to_doc(DayRecord(DAY, (a_set(3),))), "day": DAY.isoformat()}
    bad["sets"][0]["reps"] = "ten"
    with pytest.raises(ShapeError, match="reps"):
        decode({"days": {"10": {**doc, "sets": [*doc["sets"], *bad["sets"]]}}})


def test_a_days_unchanged_sets_keep_their_documents() -> None:
    old = DayRecord(DAY, (a_set(0), a_set(1)))
    old_doc = day_to_doc(old)
    new_doc = day_to_doc(old.with_set(a_set(2)), like=(old, old_doc))
    assert new_doc["sets"][0] is old_doc["sets"][0] and new_doc["sets"][1] is old_doc["sets"][1]
    assert new_doc == day_to_doc(old.with_set(a_set(2)))  # the same document as made afresh


def test_a_month_sealed_by_an_older_version_still_verifies(tmp_path) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set(0))
    raw = store.month_path(2026, 3).read_bytes()
    end = raw.rfind(SUMMARY_MARK)
    tables = json.loads(raw)
    doc = tables["summary"]["1"]
    fields = {k: v for k, v in doc.items() if k != "hash"}
    days = raw[len(DAYS_PREFIX) : end]
    doc["hash"] = blake2b(days + b"|" + atomic.dump_json(fields), digest_size=8).hexdigest()
    old = DAYS_PREFIX + days + SUMMARY_MARK + atomic.dump_json(tables["summary"]) + b"}"
    assert json.loads(old) == tables
    assert sealed_summary(old, tables, 2026, 3) is not None
    edited = old.replace(b'"reps":10', b'"reps":11')
    assert sealed_summary(edited, json.loads(edited), 2026, 3) is None
    assert sealed_summary(raw, json.loads(raw), 2026, 3) is not None  # today's seal


def test_the_backup_folder_is_looked_at_once_a_day(tmp_path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set(0))  # the day's backup is taken (or found) here
    looks: list[date] = []
    real = folder.is_due
    monkeypatch.setattr(
        "isotrack.store.store.is_due", lambda root, day: looks.append(day) or real(root, day)
    )
    store.add_set(a_set(1))
    store.add_set(a_set(2, DAY - timedelta(days=1)))
    assert looks == []


def test_a_failed_write_forgets_the_held_file(tmp_path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set(0))

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DataError):
        store.add_set(a_set(1))
    monkeypatch.undo()
    store.add_set(a_set(2))
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == ["s0", "s2"]
