"""The tick's shortcuts keep every guarantee: a file this store last read or wrote is not read
again while its status shows it unchanged, but any other change is read under the lock; a
day's unchanged sets are neither encoded nor decoded again, yet a new one is checked; seals
written by older versions still verify."""

from __future__ import annotations

import gc
import json
import os
import weakref
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document

from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.store import atomic, codec, folder, json_bytes
from isotrack.store.codec import ShapeError, day_to_doc, set_to_doc
from isotrack.store.database import Database, DocTable
from isotrack.store.digest import blake2b
from isotrack.store.errors import DataError
from isotrack.store.folder import MonthDecoder
from isotrack.store.seal import DAYS_PREFIX, SUMMARY_MARK, sealed_pieces
from isotrack.store.store import Store
from isotrack.store.summaries import (
    INDEX_FILE,
    INDEX_FORMAT,
    MonthSummary,
    kinds_from_text,
    summarize,
    summary_from_text,
    summary_to_doc,
    summary_to_text,
)
from isotrack.tracker import Tracker

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
    assert sealed(old)
    assert not sealed(old.replace(b'"reps":10', b'"reps":11'))
    assert sealed(raw)  # today's seal
    assert not sealed(raw.replace(b'"reps":10', b'"reps":11'))


def sealed(raw: bytes) -> bool:
    tables = json.loads(raw)
    return sealed_pieces(raw, tables["days"], tables["summary"]) is not None


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


@holding
def test_a_held_write_takes_every_byte_and_keeps_the_file_it_wrote(tmp_path, monkeypatch) -> None:
    """The held file is the one written (no second descriptor), even when the system takes
    a write in parts; its status is the file's after the rename; the fsyncs are all made."""
    path, data = tmp_path / "f.json", b"0123456789" * 1000
    real_write, real_fsync = os.write, os.fsync
    synced: list[int] = []
    monkeypatch.setattr(os, "write", lambda fd, b: real_write(fd, bytes(b)[:7]))
    monkeypatch.setattr(os, "fsync", lambda fd: synced.append(fd) or real_fsync(fd))
    held = atomic.write_held(path, data)
    assert held is not None and path.read_bytes() == data
    assert held.is_at(path) and os.fstat(held.fileno()).st_ino == path.stat().st_ino
    assert len(synced) == 2 and synced[0] == held.fileno()  # the file, then the folder
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]
    held.release()


@holding
def test_a_failed_held_write_closes_its_file_and_leaves_no_temp(tmp_path, monkeypatch) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b"old")
    opened: list[int] = []
    real_open, real_close = os.open, os.close
    monkeypatch.setattr(os, "open", lambda *a: opened.append(real_open(*a)) or opened[-1])
    monkeypatch.setattr(os, "fsync", lambda fd: (_ for _ in ()).throw(OSError(5, "I/O error")))
    closed: list[int] = []
    monkeypatch.setattr(os, "close", lambda fd: closed.append(fd) or real_close(fd))
    with pytest.raises(DataError, match="I/O error"):
        atomic.write_held(path, b"new")
    assert closed == opened and path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The day of every day document decoded from now on."""
    decoded: list[str] = []
    real = folder.day_from_doc

    def counting(value, what="a day record", like=None):
        decoded.append(value["day"])
        return real(value, what, like)

    monkeypatch.setattr(folder, "day_from_doc", counting)
    return decoded


def test_a_fresh_process_ticks_decoding_only_the_day_it_changes(
    cli, data_dir, clock, monkeypatch
) -> None:
    """A month whose seal holds was checked when written: a new process reads it, decodes
    the day it ticks, and updates the month's summary from the sealed one."""
    assert cli("demo", "--years", "1", "--seed", "3")[0] == 0
    month = data_dir / "log" / "2026-11.json"
    before = json.loads(month.read_bytes())["days"]
    decoded = decodes(monkeypatch)
    Tracker.open(data_dir, clock).log_set("knees-in")
    assert set(decoded) == {"2026-11-21"}
    monkeypatch.undo()
    after = json.loads(month.read_bytes())["days"]
    assert {k: d for k, d in after.items() if k != "21"} == {
        k: d for k, d in before.items() if k != "21"
    }
    check = Store.open(data_dir, clock)
    days = check.days(date(2026, 11, 1), date(2026, 11, 30))
    program, threshold = check.stored_program(), check.settings().done_threshold / 100
    assert check.month_summaries(DAY.replace(month=11), DAY.replace(month=11)) == [
        summarize(program, days, 2026, 11, threshold)
    ]


def test_a_fresh_process_checks_a_hand_edited_month_in_full(cli, data_dir, clock) -> None:
    assert cli("demo", "--years", "1", "--seed", "3")[0] == 0
    month = data_dir / "log" / "2026-11.json"
    tables = json.loads(month.read_bytes())
    busy = next(d for d in tables["days"].values() if d["sets"])
    busy["sets"][0]["reps"] = "ten"  # valid JSON, not a valid set; no seal
    month.write_text(json.dumps(tables))
    before = month.read_bytes()
    with pytest.raises(DataError, match="reps"):
        Store(data_dir, clock).add_set(a_set(0, date(2026, 11, 21)))
    assert month.read_bytes() == before


def test_an_index_of_the_older_format_is_rebuilt(cli, data_dir, clock) -> None:
    """The index keeps each summary as a line of text; one of lists (before) is rebuilt."""
    before = demo_stats(cli, data_dir, clock)
    index = data_dir / INDEX_FILE
    tables = json.loads(index.read_bytes())
    assert tables["meta"]["1"]["format"] == INDEX_FORMAT
    first = next(iter(tables["months"].values()))
    summary = summary_from_text(first["summary"], 2025, 11)
    assert summary is not None
    old = summary_to_doc(summary)
    tables["months"] = {k: {**old, "stamp": d["stamp"]} for k, d in tables["months"].items()}
    del tables["meta"]["1"]["format"]
    index.write_text(json.dumps(tables))
    assert Tracker.open(data_dir, clock).streak_stats() == before
    assert json.loads(index.read_bytes())["meta"]["1"]["format"] == INDEX_FORMAT


def test_a_summary_as_text_reads_back_the_same() -> None:
    summary = MonthSummary(
        2026,
        4,
        "abc",
        "d" * 27 + "pmr",
        "4" * 27 + "310",
        (1.0,) * 27 + (2 / 3, 0.1, 0.0),
        (None,) * 26 + (0, 10, 3, None),
    )
    assert summary_from_text(summary_to_text(summary), 2026, 4) == summary
    assert summary_from_text(summary_to_text(summary), 2026, 5) is None  # 30 days, not 31
    assert summary_from_text("abc d 4 x 1", 2026, 4) is None
    text = summary_to_text(summary)
    for bad_score in ("11", "-1", "x", "3.5"):  # pain is 0-10; anything else is rebuilt
        assert summary_from_text(text.replace(",10,", f",{bad_score},"), 2026, 4) is None
    assert kinds_from_text(text, 2026, 4) == summary.kinds  # the streak's codes alone
    assert kinds_from_text(text, 2026, 5) is None  # 30 codes for a month of 31 days
    assert kinds_from_text(text.replace("pmr", "pmx"), 2026, 4) is None  # no such kind
    assert kinds_from_text("abc", 2026, 4) is None


def demo_stats(cli, data_dir: Path, clock):
    assert cli("demo", "--years", "1", "--seed", "3")[0] == 0
    return Tracker.open(data_dir, clock).streak_stats()


def test_a_document_changed_in_place_is_checked_and_encoded_again() -> None:
    """A write compares every day with the copy it was checked as, the same objects too."""
    decode = MonthDecoder(2026, 3)
    docs = {
        str(n): day_to_doc(DayRecord(date(2026, 3, n), (a_set(n, date(2026, 3, n)),)))
        for n in (1, 2, 10)
    }
    pieces, _crcs = decode.pieces(docs)
    assert decode.pieces(docs)[0] == pieces  # nothing changed
    docs["2"]["note"] = "stiff"  # in place, as TinyDB's update does
    again, _crcs = decode.pieces(docs)
    # file order is the keys' text order: "1", "10", "2"
    assert again[2] != pieces[2] and b'"note":"stiff"' in again[2]
    assert again[0] is pieces[0] and again[1] is pieces[1]
    docs["10"]["sets"] = [{**docs["10"]["sets"][0], "reps": "ten"}]
    with pytest.raises(ShapeError, match="reps"):
        decode.pieces(docs)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=20,
)


DOCS = st.lists(st.dictionaries(st.text(max_size=3), JSON), min_size=json_bytes.LONG - 1)


@given(st.dictionaries(st.text(max_size=4), JSON | DOCS))
def test_a_day_is_encoded_from_kept_pieces_as_dump_json_would(doc) -> None:
    first: json_bytes.Known = {}
    assert json_bytes.encode(doc, {}, first) == atomic.dump_json(doc)
    assert json_bytes.encode(doc, first, {}) == atomic.dump_json(doc)  # from kept pieces


def test_a_set_changed_in_place_is_encoded_again() -> None:
    doc = day_to_doc(DayRecord(DAY, tuple(a_set(n) for n in range(json_bytes.LONG))))
    kept: json_bytes.Known = {}
    json_bytes.encode(doc, {}, kept)
    assert len(kept) == json_bytes.LONG  # (each set's bytes kept)
    doc["sets"][1]["reps"] = 12  # the same object, another field value
    assert b'"reps":12' in json_bytes.encode(doc, kept, {})
    assert json_bytes.encode({1: "a"}, {}, {}) == atomic.dump_json({1: "a"})


def upserted(database: type[TinyDB], raw: dict, docs: list[Document]) -> tuple[dict, list]:
    """The tables after upserting ``docs`` one by one into ``raw``, and what each returned."""
    db = database(storage=MemoryStorage)
    db.storage.write(json.loads(json.dumps(raw)))
    table = db.table("days", cache_size=0)
    returned = [table.upsert(doc) for doc in docs]
    return db.storage.read(), returned


@pytest.mark.parametrize(
    "raw",
    [
        {},
        {"days": {}},
        {"days": {"1": {"a": 1, "b": 2}, "10": {"a": 3}}},
        {"days": {"01": {"a": 1}}},
    ],
)
def test_an_upsert_by_id_leaves_the_tables_tinydb_would(raw) -> None:
    """Changing, adding and re-adding documents by id, in files as isotrack writes them and
    as a hand might (an id written "01")."""
    docs = [Document({"a": 5}, 1), Document({"c": 6}, 2), Document({"b": 7}, 1)]
    assert isinstance(Database(storage=MemoryStorage).table("days"), DocTable)
    assert upserted(Database, raw, docs) == upserted(TinyDB, raw, docs)


@given(JSON | DOCS)
def test_dump_json_gives_what_json_dumps_gives(value) -> None:
    """The encoder made once writes the bytes ``json.dumps`` would, for any JSON value
    (NaN and the infinities as Python writes them, a key or a text on its own too)."""
    expected = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    assert atomic.dump_json(value) == expected.encode()
    assert atomic.dump_json(value) == expected.encode()  # (nothing kept between calls)


def test_dump_json_refuses_what_json_refuses() -> None:
    with pytest.raises(TypeError):
        atomic.dump_json({"at": datetime(2026, 3, 1, tzinfo=UTC)})
    with pytest.raises(TypeError):
        atomic.dump_json({1: 1, "a": 2})  # keys of two kinds cannot be sorted
    assert atomic.dump_json({"ok": [1, 2.5, None]}) == b'{"ok":[1,2.5,null]}'  # still works


def test_a_tick_decodes_no_day_it_made_itself(tmp_path, monkeypatch) -> None:
    """The day a tick writes was checked as it was made (its new set decoded strictly):
    the write does not decode the day again."""
    store = Store.open(tmp_path)
    store.add_set(a_set(0))
    decoded = decodes(monkeypatch)
    checked: list[str] = []
    real = codec.set_from_doc
    monkeypatch.setattr(
        codec, "set_from_doc", lambda doc, *a: checked.append(doc["id"]) or real(doc, *a)
    )
    store.add_set(a_set(1))
    store.remove_last_set(DAY, "knees-in")
    assert decoded == [] and checked == ["s1"]  # the new set alone, and once
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == ["s0"]


def test_a_bad_set_is_refused_before_anything_is_written(tmp_path) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set(0))
    path = store.month_path(2026, 3)
    before = path.read_bytes()
    bad = a_set(1)._replace(hold=5000.0)  # beyond what a stored set may hold
    with pytest.raises(DataError, match=r"refused to write a bad record.*hold"):
        store.add_set(bad)
    assert path.read_bytes() == before
    store.add_set(a_set(2))  # and the store carries on from the file as it is
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == ["s0", "s2"]


def test_a_seeded_day_still_refuses_a_document_changed_after_it_was_made() -> None:
    decode = MonthDecoder(2026, 3)
    record = DayRecord(DAY, (a_set(0),))
    doc, exact = codec.checked_day_to_doc(record)
    assert exact
    decode.seed("10", doc, record)
    assert decode({"days": {"10": doc}})[DAY] is record  # taken as made: not decoded
    changed = {**doc, "sets": [{**doc["sets"][0], "reps": "ten"}]}
    with pytest.raises(ShapeError, match="reps"):
        decode.pieces({"10": changed})
    with pytest.raises(ShapeError, match="does not belong"):
        decode.seed("10", doc, DayRecord(DAY.replace(month=4), (a_set(0),)))


def test_a_record_that_does_not_read_back_as_itself_is_not_seeded() -> None:
    """A set whose own day is not its day's would read back with the day's date: the write
    then decodes the document, as one read from a file."""
    record = DayRecord(DAY, (a_set(0, day=DAY - timedelta(days=1)),))
    doc, exact = codec.checked_day_to_doc(record)
    assert not exact and doc == day_to_doc(record)
    assert codec.checked_day_to_doc(DayRecord(DAY, (a_set(0),)))[1]
    with pytest.raises(ShapeError, match="two records share an id"):
        codec.checked_day_to_doc(DayRecord(DAY, (a_set(0), a_set(0))))


def test_a_new_pain_entry_beside_checked_sets_is_checked_and_the_sets_are_not() -> None:
    old = DayRecord(DAY, (a_set(0), a_set(1)))
    old_doc = day_to_doc(old)
    at = datetime(2026, 3, 10, 8, tzinfo=UTC)
    good = PainEntry("p1", DAY, PainKind.MORNING, 3, at)
    doc, exact = codec.checked_day_to_doc(old.with_pain(good), (old, old_doc))
    assert exact and doc["sets"][0] is old_doc["sets"][0]  # taken as checked, not remade
    with pytest.raises(ShapeError, match=r"pain entry 1.*score"):
        codec.checked_day_to_doc(old.with_pain(good._replace(score=11)), (old, old_doc))
    # a document of another day (never given) is not taken as checked
    other = DayRecord(DAY - timedelta(days=1), old.sets)
    other_doc = {**day_to_doc(other), "sets": [{**old_doc["sets"][0], "reps": -1}, {}]}
    with pytest.raises(ShapeError, match="reps"):
        codec.checked_day_to_doc(old, (other, other_doc))


def test_a_storage_is_freed_as_soon_as_it_is_dropped(tmp_path: Path) -> None:
    """No reference cycle keeps a storage (and the tables it holds) alive until the garbage
    collector runs: export and import drop one per month, and their memory must stay flat."""
    gc.disable()
    try:
        storage = atomic.AtomicJSONStorage(tmp_path / "month.json")
        with storage.batch():
            storage.write({"days": {}})
        storage.read()
        dropped = weakref.ref(storage)
        del storage
        assert dropped() is None
    finally:
        gc.enable()
