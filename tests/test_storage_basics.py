"""The store: round trip, atomic writes, small partitioned files."""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

import pytest
from dateutil import tz

from isotrack.domain.program import default_program
from isotrack.domain.records import PainEntry, PainKind, SetRecord
from isotrack.domain.targets import Target
from isotrack.store import atomic
from isotrack.store.errors import DataError
from isotrack.store.store import Store

AT = datetime(2026, 11, 21, 9, 30, tzinfo=tz.gettz("Europe/London"))


def a_set(day: date, n: int = 0, exercise: str = "knees-in") -> SetRecord:
    return SetRecord(f"id{day}{n}", exercise, day, 5, 5.0, AT, None, True)


def test_round_trip(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    day = date(2026, 11, 21)
    record = SetRecord("s1", "pallof-press", day, 10, 3.0, AT, "left", False)
    pain = PainEntry("p1", day, PainKind.MORNING, 4, AT, "stiff", False)
    store.add_set(record)
    store.add_pain(pain)
    program = default_program(day).with_target("knees-in", day, Target(2, 7, 6))
    store.save_program(program)

    fresh = Store.open(tmp_path / "d")
    loaded = fresh.day(day)
    assert loaded.sets == (record,)
    assert loaded.pain == (pain,)
    assert fresh.stored_program() == program
    assert fresh.day(date(2026, 11, 20)).empty


def test_files_are_private(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_set(a_set(date(2026, 11, 21)))
    assert (tmp_path / "d").stat().st_mode & 0o777 == 0o700
    month = store.month_path(2026, 11)
    assert month.stat().st_mode & 0o777 == 0o600


def test_a_write_touches_one_small_month_file(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    for month in range(1, 13):
        for d in range(1, 28):
            store.add_set(a_set(date(2025, month, d)))
    before = {p: p.stat().st_mtime_ns for p in (tmp_path / "d").rglob("*.json")}
    store.add_set(a_set(date(2025, 6, 10), 1))
    changed = [p for p in (tmp_path / "d").rglob("*.json") if p.stat().st_mtime_ns != before[p]]
    assert changed == [store.month_path(2025, 6)]
    assert changed[0].stat().st_size < 10_000


def test_failed_write_leaves_the_old_file_intact(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path / "d")
    day = date(2026, 11, 21)
    store.add_set(a_set(day))
    path = store.month_path(2026, 11)
    old = path.read_bytes()

    def boom(*_args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(DataError, match="cannot write"):
        store.add_set(a_set(day, 2))
    assert path.read_bytes() == old
    assert not list(atomic.temp_files(tmp_path / "d"))


def test_unreadable_file_is_named_and_kept(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.add_set(a_set(date(2026, 11, 21)))
    path = store.month_path(2026, 11)
    path.write_text('{"days": {"1": {"day": "2026-11-21", "sets": [{"ex": 1}]}}}')
    before = path.read_bytes()
    with pytest.raises(DataError) as caught:
        Store.open(tmp_path / "d").day(date(2026, 11, 21))
    assert str(path) in str(caught.value)
    assert path.read_bytes() == before


def test_schema_version_is_stored(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    store.save_setting("relax", 4)
    doc = json.loads(store.main_path.read_text())
    assert isinstance(doc["meta"]["1"]["schema"], int)
    assert doc["settings"]["1"]["relax"] == 4


def test_remove_last_set(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "d")
    day = date(2026, 11, 21)
    store.add_set(a_set(day, 0))
    store.add_set(a_set(day, 1))
    removed = store.remove_last_set(day, "knees-in")
    assert removed is not None and removed.id == f"id{day}1"
    assert [s.id for s in store.day(day).sets] == [f"id{day}0"]
    assert store.remove_last_set(day, "superman") is None


def test_a_batch_reads_the_file_once_and_writes_it_once(tmp_path: Path, monkeypatch) -> None:
    from tinydb import TinyDB

    path = tmp_path / "t.json"
    db = TinyDB(path, storage=atomic.AtomicJSONStorage)
    db.insert({"a": 1})
    reads, writes = [], []
    real_read, real_write = atomic.read_data_file, atomic.write_bytes_atomic
    monkeypatch.setattr(atomic, "read_data_file", lambda p: reads.append(p) or real_read(p))
    monkeypatch.setattr(
        atomic,
        "write_bytes_atomic",
        lambda p, d, _durable=True: writes.append(p) or real_write(p, d),
    )
    with db.storage.batch():
        db.insert({"b": 2})
        db.table("other").insert({"c": 3})
        assert len(db.all()) == 2
    assert (len(reads), len(writes)) == (1, 1)
    db.all()  # outside a batch every operation reads the file again
    assert len(reads) == 2


def test_a_change_by_another_process_is_read_under_the_lock(tmp_path: Path) -> None:
    mine, theirs = Store.open(tmp_path), Store.open(tmp_path)
    mine.save_setting("done_threshold", "80")
    assert mine.settings().done_threshold == 80  # cached, decoded once
    theirs.save_setting("done_threshold", "60")
    with mine.locked():  # under the lock the file is read again, and its new bytes decoded
        assert mine.settings().done_threshold == 60
    theirs.save_setting("done_threshold", "60")  # the same bytes again: still that value
    with mine.locked():
        assert mine.settings().done_threshold == 60
