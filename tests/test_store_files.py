"""Store files: atomic writes, one small file per write, privacy, the lock, no network."""

from __future__ import annotations

import fcntl
import json
import os
import socket
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz
from tinydb import Query, TinyDB

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.domain.program import default_program
from isotrack.domain.records import SetRecord
from isotrack.store import atomic
from isotrack.store.atomic import AtomicJSONStorage
from isotrack.store.errors import DataError
from isotrack.store.folder import SCHEMA
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp

AT = datetime(2026, 11, 21, 9, 30, tzinfo=tz.gettz("Europe/London"))
DAY = date(2026, 11, 21)


def a_set(day: date = DAY, n: int = 0) -> SetRecord:
    return SetRecord(f"s{day:%Y%m%d}{n}", "knees-in", day, 5, 5.0, AT)


def snapshot(root: Path) -> dict[Path, tuple[int, int, int]]:
    """Every file with (inode, size, mtime) — any rewrite changes the inode."""
    return {
        p: (p.stat().st_ino, p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


def test_a_failed_replace_leaves_the_old_file_and_no_temp(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set())
    path = store.month_path(2026, 11)
    old = path.read_bytes()

    def refuse(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(DataError, match="No space left on device"):
        store.add_set(a_set(n=1))
    assert path.read_bytes() == old
    assert list(atomic.temp_files(tmp_path)) == []
    monkeypatch.undo()
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == [a_set().id]


def test_a_failed_fsync_leaves_the_old_file(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path)
    store.save_setting("rest", 40)
    old = store.main_path.read_bytes()

    def broken(_fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(DataError, match="Input/output error"):
        store.save_setting("rest", 50)
    assert store.main_path.read_bytes() == old
    assert list(atomic.temp_files(tmp_path)) == []


def test_open_removes_leftover_temp_files_only(tmp_path: Path) -> None:
    Store.open(tmp_path).add_set(a_set())
    leftovers = [
        tmp_path / ".isotrack.json.tmp-123-ab",
        tmp_path / "log" / ".2026-11.json.tmp-9-cd",
        tmp_path / "backups" / ".daily-2026-11-21.json.gz.tmp-9-ef",
    ]
    for path in leftovers:
        path.parent.mkdir(exist_ok=True)
        path.write_text('{"half": ')
    keep = tmp_path / "log" / "notes.txt"
    keep.write_text("mine")
    Store.open(tmp_path)
    assert not any(p.exists() for p in leftovers)
    assert keep.read_text() == "mine"


def test_a_write_touches_only_one_small_file(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    for month in range(1, 13):
        for day in range(1, 29, 3):
            store.add_set(a_set(date(2025, month, day)))
    store = Store.open(tmp_path)  # today's backup (if due) is taken here, not in the write
    before = snapshot(tmp_path)
    store.add_set(a_set(date(2025, 6, 10), 1))
    after = snapshot(tmp_path)
    changed = [p for p in after if before.get(p) != after[p]]
    assert changed == [store.month_path(2025, 6)]  # its summary is inside it: nothing else
    assert changed[0].stat().st_size < 6_000


def test_write_reads_the_file_fresh_under_the_lock(tmp_path: Path) -> None:
    """Two store objects on one folder (like two processes) never lose each other's sets."""
    first, second = Store.open(tmp_path), Store.open(tmp_path)
    first.add_set(a_set(n=0))
    assert len(second.day(DAY).sets) == 1  # second has now cached the month
    first.add_set(a_set(n=1))
    second.add_set(a_set(n=2))  # must not write over first's n=1 from a stale cache
    assert [s.id for s in Store.open(tmp_path).day(DAY).sets] == [a_set(n=n).id for n in range(3)]


def test_program_is_not_overwritten_by_a_stale_default(tmp_path: Path, clock: FakeClock) -> None:
    """A first log in one process must not replace a target another process just stored."""
    logger = Tracker.open(tmp_path, clock)
    assert not logger._store.has_program()
    other = Tracker.open(tmp_path, clock)
    other.set_target("knees-in", sets=3, reps=9, hold=7)
    logger.log_set("knees-in")
    program = Store.open(tmp_path).stored_program()
    assert program.target_on("knees-in", DAY).as_dict() == {"sets": 3, "reps": 9, "hold": 7}


def lock_is_free(root: Path) -> bool:
    """Try the folder lock from a separate open file, as another process would."""
    fd = os.open(root / ".lock", os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
    return True


def test_lock_is_exclusive_and_reentrant(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    assert lock_is_free(tmp_path)
    with store.locked():
        assert not lock_is_free(tmp_path)
        with store.locked():  # re-entrant within one thread
            store.add_set(a_set())
        assert not lock_is_free(tmp_path)  # the inner exit does not release it
    assert lock_is_free(tmp_path)


def test_the_lock_file_stays_open_and_a_removed_one_is_made_again(tmp_path: Path) -> None:
    """The store keeps its lock file open between locks (no open per tick), but locks the
    file that is there: one removed or replaced is opened afresh, so another process that
    creates it locks the same file."""
    store = Store.open(tmp_path)
    for seconds in range(20, 40):
        store.save_setting("rest", seconds)
    fds = Path("/proc/self/fd")
    if fds.is_dir():  # one descriptor on the lock file, however many locks were taken
        lock_path = os.path.realpath(tmp_path / ".lock")
        held = [fd for fd in fds.iterdir() if os.path.realpath(fd) == lock_path]
        assert len(held) == 1
    lock_file = tmp_path / ".lock"
    lock_file.unlink()
    with store.locked():
        assert lock_file.exists() and not lock_is_free(tmp_path)
    lock_file.unlink()
    lock_file.write_text("")  # a new file in its place
    with store.locked():
        assert not lock_is_free(tmp_path)
    assert lock_is_free(tmp_path)


def test_every_write_holds_the_lock(tmp_path: Path, monkeypatch) -> None:
    """The atomic replace of every data file happens while the folder lock is held."""
    store = Store.open(tmp_path)
    seen: list[tuple[str, bool]] = []
    real_replace = os.replace

    def checking_replace(src: str, dst: str) -> None:
        seen.append((Path(dst).name, lock_is_free(tmp_path)))
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", checking_replace)
    store.add_set(a_set())
    store.save_setting("rest", 20)
    store.update_program(default_program(DAY), lambda p: p)
    store.acknowledge_safety(AT)
    store.remove_last_set(DAY, "knees-in")
    assert {name for name, _ in seen} >= {"isotrack.json", "2026-11.json"}
    assert all(not free for _, free in seen), seen


def test_files_and_folders_are_private(tmp_path: Path, clock: FakeClock, capsys) -> None:
    root = tmp_path / "data"
    old_umask = os.umask(0o022)
    try:
        store = Store.open(root)
    finally:
        os.umask(old_umask)
    store.add_set(a_set())
    store.save_setting("rest", 45)
    assert store.backup_if_due(date(2030, 1, 1)) is not None
    out = tmp_path / "export.json"
    assert main(["export", "--output", str(out), "--data", str(root)], clock=clock) == 0
    capsys.readouterr()
    folders = [root, root / "log", root / "backups"]
    files = [p for p in root.rglob("*") if p.is_file()] + [out]
    assert {p.name for p in files} >= {".lock", "isotrack.json", "2026-11.json", "export.json"}
    assert any(p.parent.name == "backups" for p in files)
    for folder in folders:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path


def test_month_files_are_tinydb_databases(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    store.add_set(a_set())
    with TinyDB(store.month_path(2026, 11), storage=AtomicJSONStorage) as db:
        (doc,) = db.table("days").search(Query().day == "2026-11-21")
    assert doc["sets"][0]["id"] == a_set().id
    assert json.loads(store.main_path.read_text())["meta"]["1"]["schema"] == SCHEMA


@pytest.fixture
def no_network(monkeypatch) -> None:
    """Make any outgoing connection or name lookup fail the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("isotrack tried to open a network connection")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.usefixtures("no_network")
def test_commands_open_no_network_connection(tmp_path: Path, clock: FakeClock, capsys) -> None:
    data = ["--data", str(tmp_path / "d")]
    export = str(tmp_path / "e.json")
    for argv in (
        ["init", "--accept-safety-notice"],
        ["log", "knees-in"],
        ["today"],
        ["export", "--output", export],
        ["import", export],
        ["doctor"],
        ["unlog", "knees-in"],
    ):
        assert main([*argv, *data], clock=clock) == 0, argv
    capsys.readouterr()


@pytest.mark.usefixtures("no_network")
async def test_the_app_opens_no_network_connection(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space")
        await app.flush_writes()
        await pilot.pause()
    assert tracker.day().sets


def test_plain_tinydb_reads_a_month_file(tmp_path: Path) -> None:
    """A month file is an ordinary TinyDB database: no isotrack code is needed to read it."""
    store = Store.open(tmp_path)
    store.add_set(a_set())
    store.add_set(a_set(n=1))
    with TinyDB(store.month_path(2026, 11)) as db:  # TinyDB's own JSONStorage
        days = db.table("days")
        (doc,) = days.search(Query().day == DAY.isoformat())
        assert doc.doc_id == DAY.day  # the day of the month is the document id
        assert [s["id"] for s in doc["sets"]] == [a_set().id, a_set(n=1).id]
        assert days.get(doc_id=DAY.day)["sets"] == doc["sets"]
        assert days.search(Query().sets.any(Query().ex == "knees-in")) == [doc]


def test_a_tick_is_one_atomic_replace_of_its_month(tmp_path: Path, monkeypatch) -> None:
    """TinyDB's upsert of a new day (an update, then an insert) still writes the month once:
    the storage's batch turns the table operations into one replace."""
    store = Store.open(tmp_path)
    store.add_set(a_set(n=0))
    replaced: list[str] = []
    real_replace = os.replace

    def counting_replace(src: str, dst: str) -> None:
        replaced.append(Path(dst).name)
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", counting_replace)
    store.add_set(a_set(DAY - timedelta(days=1)))  # a new day: upsert inserts
    store.add_set(a_set(n=1))  # an existing day: upsert updates
    assert replaced == ["2026-11.json"] * 2
