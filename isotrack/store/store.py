"""The data folder: one small main file plus one TinyDB file per month of history.

Each file is a TinyDB database opened as ``Database(path, storage=AtomicJSONStorage)`` (TinyDB
with a quicker upsert of one document, see :mod:`isotrack.store.database`); days,
settings, the program and meta are documents read and changed through TinyDB's tables
(``Table.all``, ``Table.get``, ``Table.upsert(Document(...))``, ``Table.remove``). A write touches
only the main file or the month that the day belongs to, so its cost does not grow with the
length of the history. Every read-modify-write holds an exclusive lock on the folder for its
whole length, re-reads the file from disk under that lock (never a cached copy), makes exactly
one atomic replace (the storage's batch), and refuses to write over a file it cannot read.

Opening a folder removes leftover temp files, upgrades old data (after a backup), checks every
file, and takes the day's backup if it is due.
"""

from __future__ import annotations

import _thread  # (threading loads more than a lock and a thread id need)
import contextlib
import copy
import os
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from stat import S_ISREG
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table

from isotrack.clock import Clock, SystemClock
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainEntry, SetRecord
from isotrack.domain.settings import Settings
from isotrack.store import lock
from isotrack.store.atomic import (
    AtomicJSONStorage,
    HeldFile,
    dump_json,
    ensure_dir,
    temp_files,
    write_bytes_atomic,
)
from isotrack.store.codec import ShapeError, checked_day_to_doc, program_to_doc
from isotrack.store.database import Database
from isotrack.store.errors import DataError
from isotrack.store.folder import (
    BACKUP_DIR,
    DAYS,
    LOCK_FILE,
    LOG_DIR,
    MAIN_FILE,
    MAIN_TABLES,
    SCHEMA,
    MainData,
    MainDecoder,
    MonthDecoder,
    check_snapshot,
    has_month_files,
    is_due,
    month_files,
    month_of,
    read_snapshot,
    read_tables,
    schema_problem,
    shape_error,
    snapshot_schema,
)
from isotrack.store.layout import Listing, make_private, misfits, scan
from isotrack.store.lock_wait import open_lock_file, wait_for_lock
from isotrack.store.notices import warn
from isotrack.store.summaries import (
    SUMMARY,
    Entry,
    MonthStorage,
    MonthSummary,
    SummaryIndex,
    YearMonth,
    month_basis,
    program_key,
    resummarize,
    summarize,
    summary_to_doc,
    summary_to_text,
    text_basis,
)

__all__ = ["SCHEMA", "Stamp", "Store", "new_id"]

Stamp = tuple[int, int, int, int]
Docs = dict[str, dict[str, Any]]

DISMISSED = "dismissed_suggestions"  # meta key: exercise id -> a Dismissal as a dict
# Up to this many months, a stat of each month file is quicker than listing the log folder
# (measured at thirty years: 36 stats about 0.4 ms, the listing 2 ms, 361 stats 3.5 ms).
FEW_MONTHS = 36


def new_id() -> str:
    """A stable random id for a record."""
    return os.urandom(8).hex()


def _stamp(path: Path) -> Stamp | None:
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _stamp_of(path: Path, storage: AtomicJSONStorage) -> Stamp | None:
    """The file's stamp, from the file its storage holds when it holds one (no ``stat``)."""
    return storage.stamp() or _stamp(path)


def _tables(db: TinyDB) -> Docs:
    """Every table of a database as read through TinyDB: name -> {doc id: document}."""
    return {
        name: {str(doc.doc_id): doc for doc in db.table(name, cache_size=0).all()}
        for name in sorted(db.tables())
    }


def _storage(db: TinyDB) -> AtomicJSONStorage:
    storage = db.storage
    assert isinstance(storage, AtomicJSONStorage)
    return storage


def _month_storage(db: TinyDB) -> MonthStorage:
    storage = db.storage
    assert isinstance(storage, MonthStorage)
    return storage


def _put_days(
    storage: MonthStorage,
    table: Table,
    current: dict[date, DayRecord],
    new: dict[date, DayRecord],
    only: date | None,
    read: dict[int, Document | None],
) -> list[date]:
    """Make ``table`` hold ``new``'s days where they are not ``current``'s (the same record
    objects): each changed day's document is put, an emptied or dropped day's removed.
    ``only``: the one day that may have changed; ``read``: documents already got from
    ``table`` in this batch, by id (not got again). Returns the days changed, in order.

    Each document put is checked as it is made (its parts that were not read from the file:
    see :func:`checked_day_to_doc`; DataError when one is bad) and, when it decodes to its
    record exactly, handed to the file's decoder with that record, so the write does not
    decode it again."""
    if only is not None:
        changed = [only] if new.get(only) is not current.get(only) else []
    else:
        changed = sorted(
            [day for day, record in new.items() if record is not current.get(day)]
            + [day for day in current if day not in new]
        )
    for day in changed:
        record = new.get(day)
        old = read[day.day] if day.day in read else table.get(doc_id=day.day)
        if record is None or record.empty:
            if old is not None:
                table.remove(doc_ids=[day.day])
        else:
            like = (current[day], old) if old is not None and day in current else None
            try:
                doc, exact = checked_day_to_doc(record, like)
                if exact:
                    storage.decoder.seed(str(day.day), doc, record)
            except ShapeError as exc:
                raise DataError(storage.path, f"refused to write a bad record ({exc})") from None
            _put(table, day.day, doc, old)
    return changed


def _put(table: Table, doc_id: int, doc: dict[str, Any], old: dict[str, Any] | None) -> None:
    """Make document ``doc_id`` exactly ``doc`` (``old`` is what it holds now): an upsert,
    then TinyDB's ``delete`` for any field the new document no longer has."""
    if doc == old:
        return
    table.upsert(Document(doc, doc_id=doc_id))
    gone = sorted(old.keys() - doc.keys()) if old else []
    if gone:
        from tinydb.operations import delete  # (a field dropped: rare)

        for key in gone:
            table.update(delete(key), doc_ids=[doc_id])


def _months(first: date, last: date) -> list[YearMonth]:
    """Every month from ``first``'s to ``last``'s, in order."""
    months: list[YearMonth] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def _indexed(entry: Entry | None, stamp: Stamp, basis: str | None) -> bool:
    """True when the index entry was read from this very month file and, when ``basis`` is
    given (the program changed since the index was written), was made under that basis."""
    if entry is None or entry[0] != stamp:
        return False
    return basis is None or text_basis(entry[1]) == basis


class FolderLock:
    """:meth:`Store.locked` as a ``with`` block (a class: every write takes the lock, and a context
    manager made from a generator costs several calls more each time)."""

    __slots__ = ("_store",)

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._acquire()

    def __exit__(self, *_exc: object) -> None:
        self._store._release()


class Store:
    """All reads and writes of one data folder."""

    def __init__(self, root: Path, clock: Clock | None = None) -> None:
        self.root = root
        self.clock: Clock = clock or SystemClock()
        self.main_path = root / MAIN_FILE
        self.log_dir = root / LOG_DIR
        # each file's decoded value, with the stamp and the storage generation it was read at
        self._cache: dict[Path, tuple[Stamp | None, Any, int]] = {}
        self._dbs: dict[Path, TinyDB] = {}  # files this store writes, kept with their storage
        self._index = SummaryIndex(root)
        self._fresh: dict[YearMonth, tuple[Stamp | None, MonthSummary]] = {}  # from own writes
        self._backed_up: date | None = None  # the day whose backup this store saw taken
        self._paths: dict[YearMonth, Path] = {}
        self._lock_path = root / LOCK_FILE
        self._lock_file: HeldFile | None = None  # kept open between locks (see _lock_fd)
        self._thread_lock = _thread.RLock()
        self._depth = 0
        self._owner: int | None = None
        self._locked_fd = -1  # the lock file's descriptor while the lock is held

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(
        cls, root: Path, clock: Clock | None = None, backup: bool = True, check: bool = True
    ) -> Store:
        """Open (creating if needed) a data folder; DataError naming a file that is unusable.

        Removes leftover temp files, upgrades old data after a backup, checks every file (and
        tightens loose modes) and takes the day's backup when it is due (all under the folder's
        lock). ``clock`` is the injected clock backups are dated by (the system's when none is
        given).
        ``backup=False`` leaves the day's backup to the caller (the app takes it after its
        first frame: on a long history it reads every file), ``check=False`` the check of every
        file (:meth:`check`; the app runs it after its first frame too).
        """
        ensure_dir(root)
        store = cls(root, clock)
        with store.locked():
            listing = scan(root)  # one listing of each folder, each entry's status read once
            for temp in temp_files(root, listing):
                with contextlib.suppress(OSError):
                    temp.unlink()
            for misfit in misfits(root, listing):  # before any file is read
                if misfit.path.name != BACKUP_DIR:  # (without backups, data still works)
                    raise DataError(misfit.path, misfit.problem)
            store._upgrade()
            if check:
                store.check(listing)
            if backup:  # (every file was checked just now, under this same lock)
                store.backup_or_warn(checked=check)
        return store

    def locked(self) -> FolderLock:
        """Hold the folder's exclusive lock (other isotrack processes and threads wait), as a
        ``with`` block.

        Re-entrant within one thread, so a locked operation may call another.
        """
        return FolderLock(self)  # (made per block: kept on the store, a reference cycle)

    def _acquire(self) -> None:
        self._thread_lock.acquire()
        if self._depth:
            self._depth += 1
            return
        try:
            fd = self._lock_fd()
            wait_for_lock(fd)
        except BaseException:
            self._thread_lock.release()
            raise
        self._depth, self._owner, self._locked_fd = 1, _thread.get_ident(), fd

    def _release(self) -> None:
        try:
            if self._depth > 1:
                self._depth -= 1
                return
            self._depth, self._owner = 0, None
            with contextlib.suppress(OSError):
                lock.release(self._locked_fd)
        finally:
            self._thread_lock.release()

    def _lock_fd(self) -> int:
        """The lock file, opened once and kept open while its path still names that file (a
        tick then spares an open and a close); opened again when it was removed or replaced,
        so that every process locks the file that is there."""
        held = self._lock_file
        if held is not None:
            if held.is_at(self._lock_path):
                return held.fileno()
            held.release()
            self._lock_file = None
        path = self._lock_path
        try:
            fd = open_lock_file(path)
        except OSError as exc:
            raise DataError(path, f"cannot open the lock file ({exc.strerror})") from None
        self._lock_file = HeldFile(fd, os.fstat(fd))
        return fd

    def _today(self) -> date:
        """The date backups are named by: the clock's calendar date."""
        return self.clock.now().date()

    def _holds_lock(self) -> bool:
        return self._owner == _thread.get_ident()

    def _upgrade(self) -> None:
        """Bring data of an older version up to :data:`SCHEMA`, after a backup of it."""
        try:
            schema = snapshot_schema(read_tables(self.main_path), has_month_files(self.root))
        except ShapeError as exc:
            raise shape_error(self.main_path, exc) from None
        problem = schema_problem(schema)
        if problem:
            raise DataError(self.main_path, problem)
        if schema >= SCHEMA:
            return
        from isotrack.store.migrations import migrate  # (data of an older version: rare)

        snapshot = read_snapshot(self.root)
        upgraded = migrate(snapshot, schema)
        check_snapshot(upgraded, self.root)
        now = self.clock.now()
        from isotrack.store import backups  # imported when needed: most runs never are

        name = f"before-v{SCHEMA}-{now:%Y-%m-%dT%H%M%S}{backups.SUFFIX}"
        backups.write_backup(backups.backup_dir(self.root) / name, snapshot, schema, now)
        for rel in sorted(upgraded, key=lambda r: r == MAIN_FILE):  # main file last
            if upgraded[rel] != snapshot.get(rel):
                write_bytes_atomic(self.root / rel, dump_json(upgraded[rel]))
        self._cache.clear()

    def check(self, listing: Listing | None = None) -> None:
        """Tighten loose modes (see :func:`make_private`), then read and check every data
        file; DataError naming the first unusable one.

        A month file whose stamp (times, size, inode) matches its entry in the summary index,
        or whose own summary is sealed to its exact days, was written and checked by isotrack
        and is not decoded again (see :meth:`summaries`). ``listing``: the folder as just
        listed under the lock (:func:`scan`).
        """
        tightened = make_private(self.root, listing)
        self._main()
        entries = None if tightened or listing is None else listing.get(self.log_dir)
        self.summaries(decode=False, log_entries=entries)

    # -- month summaries ------------------------------------------------------------------

    def _summary_inputs(self) -> tuple[Program | None, float]:
        main = self._main()
        return main.program, main.settings.done_threshold / 100

    def _month_stamps(
        self,
        entries: list[os.DirEntry[str]] | None = None,
        months: list[YearMonth] | None = None,
    ) -> dict[YearMonth, Stamp]:
        """Month files' stamps: of a few ``months`` alone (a year's heatmap reads twelve,
        however long the history), else of every one, from one pass over the log folder
        (``entries``, when listed already: an entry keeps the status it read)."""
        if months is not None and entries is None and len(months) <= FEW_MONTHS:
            return self._stamps_of(months)
        try:
            entries = list(os.scandir(self.log_dir)) if entries is None else entries
        except (FileNotFoundError, NotADirectoryError):
            return {}
        stamps: dict[YearMonth, Stamp] = {}
        for entry in entries:
            ym = month_of(entry.name)
            if ym is not None and entry.is_file():
                st = entry.stat()
                stamps[ym] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        return stamps

    def _stamps_of(self, months: Iterable[YearMonth]) -> dict[YearMonth, Stamp]:
        """The stamps of these months' files (a month without a file has none)."""
        stamps: dict[YearMonth, Stamp] = {}
        for ym in months:
            try:
                st = os.stat(self.month_path(*ym))
            except OSError:  # (not there, or the log folder is not a folder)
                continue
            if S_ISREG(st.st_mode):
                stamps[ym] = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        return stamps

    def summaries(
        self,
        months: Iterable[YearMonth] | None = None,
        decode: bool = True,
        log_entries: list[os.DirEntry[str]] | None = None,
    ) -> dict[YearMonth, MonthSummary]:
        """The summaries of ``months`` (default: every month file), each from this store's
        last write, the summary index, the month file's own sealed summary, or rebuilt from
        that month's days (DataError when the month file is unusable). A month without a file
        is summarised as empty. The index is rewritten when rebuilding was needed.
        ``decode=False`` only checks that every summary is current (nothing is returned).
        ``log_entries``: the log folder as just listed (see :meth:`_month_stamps`)."""
        found = self._summaries(months, decode, log_entries)
        return {ym: s for ym, s in found.items() if isinstance(s, MonthSummary)}

    def streak_summaries(
        self, first: date, window: date, last: date
    ) -> tuple[str, list[MonthSummary]]:
        """For the streak counts from ``first`` to ``last``: the kind codes (see
        ``summaries.CODES``) of every day of the months before ``window``'s, in order (the
        counts need no more of them, and a month in the index gives its codes without its
        other columns), and the summaries of ``window``'s month to ``last``'s."""
        split = (window.year, window.month)
        found = self._summaries(_months(first, last), True, None, split)
        codes = "".join(
            s if isinstance(s, str) else s.kinds for ym, s in found.items() if ym < split
        )
        whole = [s for ym, s in found.items() if ym >= split and isinstance(s, MonthSummary)]
        return codes, whole

    def _summaries(
        self,
        months: Iterable[YearMonth] | None,
        decode: bool,
        log_entries: list[os.DirEntry[str]] | None,
        whole_from: YearMonth = (0, 0),
    ) -> dict[YearMonth, MonthSummary | str]:
        """:meth:`summaries`; a month before ``whole_from`` may come as its kind codes alone
        (when the index holds it)."""
        months = None if months is None else list(months)
        program, threshold = self._summary_inputs()
        key = program_key(program, threshold)
        stored_key, entries = self._index.load()
        stamps = self._month_stamps(log_entries, months)
        out: dict[YearMonth, MonthSummary | str] = {}
        changed: dict[YearMonth, Entry] = {}
        rebuilt = False
        for ym in sorted(stamps) if months is None else months:
            stamp = stamps.get(ym)
            if stamp is None:
                if decode:
                    out[ym] = summarize(program, {}, *ym, threshold)
                continue
            basis = month_basis(program, *ym, threshold) if stored_key != key else None
            entry = entries.get(ym)
            indexed = _indexed(entry, stamp, basis)
            found: MonthSummary | str | None = self._fresh_summary(ym, stamp)
            if found is None and indexed and entry is not None:
                if not decode:
                    continue
                index = self._index
                found = (index.decoded if ym >= whole_from else index.kinds)(ym, entry[1])
            if found is None:
                newest = ym == max(stamps)  # the month a write most likely follows
                found, from_days = self._read_summary(ym, program, threshold, newest)
                rebuilt = rebuilt or from_days
            if not indexed and isinstance(found, MonthSummary):  # (codes come from the index)
                changed[ym] = (stamp, summary_to_text(found))
            if decode:
                out[ym] = found
        if rebuilt or len(changed) > 3 or (stored_key != key and entries):
            self._index.save(key, {**entries, **changed})
        return out

    def months_to_summarize(self) -> int:
        """How many month files :meth:`summaries` would have to read (none when the index or
        this store's own writes hold every summary under the current basis): a caller can
        tell a quick count of the whole history from one that must wait for a rebuild."""
        program, threshold = self._summary_inputs()
        stored_key, entries = self._index.load()
        current = stored_key == program_key(program, threshold)
        unread = 0
        for ym, stamp in self._month_stamps().items():
            if self._fresh_summary(ym, stamp) is not None:
                continue
            basis = None if current else month_basis(program, *ym, threshold)
            unread += not _indexed(entries.get(ym), stamp, basis)
        return unread

    def _fresh_summary(self, ym: YearMonth, stamp: Stamp) -> MonthSummary | None:
        """The summary this store made when it last wrote the month, if the file is still
        that one and the summary's basis is current."""
        fresh = self._fresh.get(ym)
        if fresh is None or fresh[0] != stamp:
            return None
        program, threshold = self._summary_inputs()
        return fresh[1] if fresh[1].basis == month_basis(program, *ym, threshold) else None

    def _read_summary(
        self, ym: YearMonth, program: Program | None, threshold: float, keep: bool = False
    ) -> tuple[MonthSummary, bool]:
        """A month's summary read from its file: the sealed one when it is current, else
        rebuilt from the month's days (True then). ``keep`` keeps the file as read (the
        newest month, which a tick is about to change: it is not parsed twice)."""
        path = self.month_path(*ym)
        db = self._db(path, keep)
        storage = _month_storage(db)
        storage.read()  # DataError when unusable; a sealed file's days are not decoded
        sealed = storage.sealed_summary()
        if sealed is not None and sealed.basis == month_basis(program, *ym, threshold):
            return sealed, False
        days = self._load(path) if keep else self._decoded(path, db)  # strictly decoded
        return summarize(program, days, *ym, threshold), True

    def month_summaries(self, first: date, last: date) -> list[MonthSummary]:
        """The summary of every month from ``first``'s to ``last``'s, in order."""
        months = _months(first, last)
        found = self.summaries(months)
        return [found[ym] for ym in months]

    def backup_or_warn(self, checked: bool = False) -> None:
        """Take the day's backup if due; when the folder cannot take it (read-only, full,
        ``backups`` not a folder) say so in one line on stderr and carry on: reading and
        writing the data itself must not depend on it. ``checked``: see :meth:`backup_if_due`."""
        try:
            self.backup_if_due(checked=checked)
        except DataError as exc:
            warn(f"no backup taken today ({exc})")

    def backup_if_due(self, today: date | None = None, checked: bool = False) -> Path | None:
        """Take ``today``'s backup unless the newest one is from that day (one listing of the
        backup folder when it is). Only a folder whose every file checks good is backed up
        (``checked``: the caller checked every file under the lock it still holds); the
        backup copies only the files changed since the last one."""
        day = today or self._today()
        if day == self._backed_up or not is_due(self.root, day):
            self._backed_up = day  # a day's backup, once there, stays: no need to look again
            return None
        with self.locked():
            if not is_due(self.root, day) or not self.exists:
                return None
            from isotrack.store import backups  # imported only when a backup is taken

            if not (checked and self._depth > 1):  # (a caller's lock is held, not just ours)
                self.check()
            taken = backups.take(self.root, day, self.clock.now(), self._main().schema)
            self._backed_up = day
            return taken

    # -- reading and writing whole files ---------------------------------------------------

    def _db(self, path: Path, keep: bool = True) -> TinyDB:
        """The file's TinyDB database over the atomic storage, with its strict decoder.

        Databases of files this store writes are kept, so their storage remembers the bytes it
        last read or wrote and a write decodes only the documents it changed.
        """
        db = self._dbs.get(path)
        if db is None:
            if path == self.main_path:  # read before most writes: kept open (held)
                db = Database(path, storage=AtomicJSONStorage, check=self._main_decoder())
                _storage(db).hold = keep
            else:
                ym = month_of(path.name)
                assert ym is not None
                db = Database(path, storage=MonthStorage, check=MonthDecoder(*ym))
            if keep:
                self._dbs[path] = db
        return db

    def _main_decoder(self) -> Callable[[Any], MainData]:
        decode = MainDecoder()

        def check(tables: Any) -> MainData:
            main = decode(tables)
            problem = schema_problem(main.schema)
            if problem:
                raise DataError(self.main_path, problem)
            return main

        return check

    def _decoded(self, path: Path, db: TinyDB) -> Any:
        """The file's value, read through TinyDB's tables and decoded strictly; documents
        decoded before are not decoded again."""
        decode = _storage(db).check  # the strict decoder the storage runs on reads and writes
        assert decode is not None
        try:
            return decode(_tables(db))
        except ShapeError as exc:
            raise shape_error(path, exc) from None

    def _load(self, path: Path, keep: bool = True) -> Any:
        """A decoded file: cached while its stamp is unchanged, re-read when under the lock.

        ``keep=False`` reads without adding the file to the cache (a pass over the history).
        """
        locked = self._holds_lock()
        stamp = None if locked else _stamp(path)  # taken before reading, so a change is seen
        cached = self._cache.get(path)
        if cached is not None and not locked and cached[0] == stamp:
            return cached[1]
        db = self._db(path, keep)
        storage = _storage(db)
        if cached is not None:  # (a cached file's database is kept)
            storage.read()  # again (a stat if it is held): the same bytes keep their generation
            if cached[2] == storage.generation:
                self._cache[path] = (_stamp_of(path, storage) if locked else stamp, *cached[1:])
                return cached[1]
        value = self._decoded(path, db)
        if keep:
            self._cache[path] = (
                _stamp_of(path, storage) if locked else stamp,
                value,
                storage.generation,
            )
        return value

    def _refresh(self, path: Path, db: TinyDB) -> Any:
        """After a write: the file's value, cached under its new stamp."""
        value = self._decoded(path, db)
        self._cache[path] = (_stamp(path), value, _storage(db).generation)
        return value

    # -- main file: meta, settings, program -----------------------------------------------

    def _main(self) -> MainData:
        value: MainData = self._load(self.main_path)
        return value

    def update_main(self, change: Callable[[Docs], Docs]) -> MainData:
        """Change the main file's documents (``meta``, ``settings``, ``program``) under the lock.

        ``change`` gets fresh copies read under the lock; the result is checked before it is
        written, and ``meta.schema`` is stamped with the current version.
        """

        with self.locked():
            self.backup_or_warn()
            db = self._db(self.main_path)
            with _storage(db).batch():  # one atomic replace however many tables change
                docs = {
                    name: dict(doc)
                    for name in MAIN_TABLES
                    if (doc := db.table(name, cache_size=0).get(doc_id=1)) is not None
                }
                new = change(copy.deepcopy(docs))
                new["meta"] = {**new.get("meta", {}), "schema": SCHEMA}
                for name in MAIN_TABLES:
                    table = db.table(name, cache_size=0)
                    if name in new:
                        _put(table, 1, new[name], docs.get(name))
                    elif name in docs:
                        table.remove(doc_ids=[1])
            value: MainData = self._refresh(self.main_path, db)
            return value

    @property
    def exists(self) -> bool:
        """True when the folder already holds isotrack data."""
        return self.main_path.exists() or bool(month_files(self.root))

    def meta(self) -> dict[str, Any]:
        """The meta document (schema, safety acknowledgement)."""
        return dict(self._main().meta)

    def update_meta(self, **values: Any) -> None:
        """Store meta values."""
        self.update_main(lambda docs: {**docs, "meta": {**docs.get("meta", {}), **values}})

    @property
    def safety_acknowledged(self) -> bool:
        """True once the user has acknowledged the safety notice."""
        return bool(self.meta().get("safety_acknowledged"))

    def acknowledge_safety(self, when: datetime) -> None:
        """Record that the safety notice was acknowledged."""
        self.update_meta(safety_acknowledged=when.isoformat())

    def dismissed_suggestions(self) -> dict[str, dict[str, Any]]:
        """Exercise id -> the dismissal the user last made for it (as stored; an older form,
        a bare key, reads as nothing: dismissals lapse within a week anyway)."""
        value = self.meta().get(DISMISSED, {})
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, dict)}

    def dismiss_suggestion(self, exercise_id: str, dismissal: dict[str, Any]) -> None:
        """Remember a dismissal (one per exercise; a newer one replaces it)."""
        with self.locked():
            dismissed = {**self.dismissed_suggestions(), exercise_id: dismissal}
            self.update_meta(**{DISMISSED: dismissed})

    def settings(self) -> Settings:
        """The stored settings (defaults for anything unset)."""
        return self._main().settings

    def settings_and_program(self) -> tuple[Settings, Program | None]:
        """The stored settings and program, from one look at the main file (a tick needs
        both)."""
        main = self._main()
        return main.settings, main.program

    def save_setting(self, key: str, value: Any) -> Settings:
        """Validate and store one setting (read and written under the lock)."""
        with self.locked():
            settings = self.settings().with_value(key, value)
            self.update_main(lambda docs: {**docs, "settings": settings.to_dict()})
        return settings

    def stored_program(self) -> Program | None:
        """The stored program, None when none has been stored yet."""
        return self._main().program

    def has_program(self) -> bool:
        """True once a program has been stored."""
        return self._main().program is not None

    def save_program(self, program: Program) -> None:
        """Store the program."""
        self.update_main(lambda docs: {**docs, "program": program_to_doc(program)})

    def ensure_program(self, default: Program) -> Program:
        """The stored program; when there is none, store ``default`` (the domain's choice).

        The check and the write happen under one lock, so this never overwrites a program
        another process stored in between.
        """
        program = self._main().program
        if program is not None:
            return program
        with self.locked():
            program = self._main().program
            if program is None:
                program = default
                self.save_program(program)
            return program

    def update_program(self, default: Program, change: Callable[[Program], Program]) -> Program:
        """Read, change and store the program under the lock (``default`` stands in for a
        program never stored); returns the new program."""
        with self.locked():
            program = change(self.stored_program() or default)
            self.save_program(program)
        return program

    # -- history: one TinyDB file per month ----------------------------------------------

    def month_path(self, year: int, month: int) -> Path:
        """The file that holds one month of days (one object per month: a path is a dict key
        here, and pathlib works out its hash and text once per object)."""
        path = self._paths.get((year, month))
        if path is None:
            path = self._paths[(year, month)] = self.log_dir / f"{year:04d}-{month:02d}.json"
        return path

    def month_files(self) -> Iterator[Path]:
        """Existing month files, oldest first."""
        yield from month_files(self.root)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month that has a file."""
        return [ym for p in self.month_files() if (ym := month_of(p.name))]

    def _month(self, year: int, month: int, keep: bool = True) -> dict[date, DayRecord]:
        value: dict[date, DayRecord] = self._load(self.month_path(year, month), keep)
        return value

    def version(self, day: date) -> tuple[Stamp | None, Stamp | None]:
        """A cheap token that changes when the main file or ``day``'s month file changes."""
        return (_stamp(self.main_path), _stamp(self.month_path(day.year, day.month)))

    def day(self, day: date) -> DayRecord:
        """Everything recorded on ``day`` (an empty record when nothing is). A month not in
        memory whose file is sealed has that day's document alone decoded."""
        path = self.month_path(day.year, day.month)
        if path in self._cache:
            return self._month(day.year, day.month).get(day) or DayRecord(day)
        db = self._db(path)
        _storage(db).read()  # the file as it is now (checked in full unless it is sealed)
        return self._one_day(db, day).get(day) or DayRecord(day)

    def days(self, start: date, end: date, keep: bool = True) -> dict[date, DayRecord]:
        """Recorded days from ``start`` to ``end`` inclusive; loads only the months needed.

        ``keep=False`` leaves months it had to read out of the cache (a pass over the whole
        history then holds one month at a time, not all of them).
        """
        out: dict[date, DayRecord] = {}
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            for d, record in self._month(year, month, keep).items():
                if start <= d <= end:
                    out[d] = record
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def update_month(
        self,
        year: int,
        month: int,
        change: Callable[[dict[date, DayRecord]], dict[date, DayRecord]],
        keep: bool = True,
        day: date | None = None,
    ) -> dict[date, DayRecord]:
        """Read, change and write one month under the lock; on disk on return.

        ``change`` gets the month's days read fresh under the lock and returns the new days;
        documents of days it leaves untouched are written back exactly as they were.
        ``keep=False`` drops the month from memory afterwards (a pass over many months).
        ``day``: the one day ``change`` reads and changes (it must leave the others as they
        are: only that day is compared and written). It then gets that day alone (if
        recorded) and the result holds only what it returned, when the month's summary (from
        this store's last write, or sealed in the file) lets the rest of the month go
        undecoded: a fresh process decodes one day, not the month.
        """
        path = self.month_path(year, month)
        with self.locked():
            main = self._main()  # read under the lock (a stat when it holds the file)
            if _storage(self._db(self.main_path)).stamp() is None and not self.main_path.exists():
                main = self.update_main(lambda docs: docs)  # stamp the data version first
            self.backup_or_warn()
            db = self._db(path)
            storage = _storage(db)
            storage.hold = keep
            program, threshold = main.program, main.settings.done_threshold / 100
            with storage.batch():  # one read of the file, one atomic replace
                storage.read()  # under the lock (a stat when it holds the file it last wrote)
                if storage.stamp() is None:  # not a file this store holds: is the folder there?
                    ensure_dir(self.log_dir)
                previous = self._summary_as_read((year, month), db, program, threshold)
                whole = day is None or previous is None or path in self._cache
                # decoded unless it still holds what was last decoded
                current: dict[date, DayRecord] = self._load(path, keep) if whole else {}
                read: dict[int, Document | None] = {}  # (the day's document, got once)
                if not whole and day is not None:
                    current = self._one_day(db, day, read)
                new = change(dict(current))
                changed = _put_days(
                    _month_storage(db), db.table(DAYS, cache_size=0), current, new, day, read
                )
                # the storage checks every document it writes: the new days are the value
                if list(new) == list(current) and not any(new[day].empty for day in changed):
                    value = new  # the same days in the same order, none emptied
                else:
                    value = {day: new[day] for day in sorted(new) if not new[day].empty}
                if previous is None:
                    summary = summarize(program, value, year, month, threshold)
                else:
                    summary = resummarize(previous, program, value, changed, threshold)
                db.table(SUMMARY, cache_size=0).upsert(Document(summary_to_doc(summary), doc_id=1))
            stamp = _stamp_of(path, storage)
            self._fresh[(year, month)] = (stamp, summary)
            if keep and whole:
                self._cache[path] = (stamp, value, storage.generation)
            else:
                self._cache.pop(path, None)
            if not keep:
                self._dbs.pop(path, None)
                db.close()
            return value

    def _summary_as_read(
        self, ym: YearMonth, db: TinyDB, program: Program | None, threshold: float
    ) -> MonthSummary | None:
        """The summary of the month file as just read under the lock, when it is known
        without reading the days: this store's last write, if the file still holds it, or
        the one sealed in the file; None when neither is there under the current basis."""
        fresh = self._fresh.get(ym)
        storage = _month_storage(db)
        own = fresh[1] if fresh is not None and storage.holds_own_write else None
        summary = own or storage.sealed_summary()
        if summary is None or summary.basis != month_basis(program, *ym, threshold):
            return None
        return summary

    def _one_day(
        self, db: TinyDB, day: date, read: dict[int, Document | None] | None = None
    ) -> dict[date, DayRecord]:
        """``day`` from its month file (as read last) alone, decoded: {} when not recorded.
        ``read`` gets the document as got from TinyDB (None when there is none)."""
        doc = db.table(DAYS, cache_size=0).get(doc_id=day.day)
        if read is not None:
            read[day.day] = doc
        if doc is None:
            return {}
        storage = _month_storage(db)
        try:
            return {day: storage.decoder.record(str(day.day), doc)}
        except ShapeError as exc:
            raise shape_error(storage.path, exc) from None

    def update_day(self, day: date, change: Callable[[DayRecord], DayRecord]) -> DayRecord:
        """Read, change and write one day under the lock; the write is on disk on return."""
        days = self.update_month(
            day.year,
            day.month,
            lambda current: {**current, day: change(current.get(day) or DayRecord(day))},
            day=day,
        )
        return days.get(day) or DayRecord(day)

    def write_days(self, records: Iterable[DayRecord]) -> None:
        """Store many days (replacing any stored on the same dates), writing each month file
        once, all under one lock (for the demo history and imports)."""
        by_month: dict[tuple[int, int], dict[date, DayRecord]] = {}
        for record in records:
            by_month.setdefault((record.day.year, record.day.month), {})[record.day] = record
        with self.locked():
            for (year, month), days in sorted(by_month.items()):
                self.update_month(
                    year, month, lambda current, new=days: {**current, **new}, keep=False
                )

    def add_set(self, record: SetRecord) -> SetRecord:
        """Record one set; returns it once it is on disk."""
        self.update_day(record.day, lambda d: d.with_set(record))
        return record

    def remove_last_set(
        self, day: date, exercise: str, side: str | None = None
    ) -> SetRecord | None:
        """Remove the day's last set of ``exercise``; returns it, or None if there was none."""
        removed: list[SetRecord | None] = [None]

        def change(record: DayRecord) -> DayRecord:
            new, removed[0] = record.without_last_set(exercise, side)
            return new

        self.update_day(day, change)
        return removed[0]

    def add_pain(self, entry: PainEntry) -> PainEntry:
        """Record one pain entry."""
        self.update_day(entry.day, lambda d: d.with_pain(entry))
        return entry
