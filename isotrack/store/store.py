"""The data folder: one small main file plus one TinyDB file per month of history.

A write touches only the main file or the month that the day belongs to, so its cost does not
grow with the length of the history. Every read-modify-write holds an exclusive lock on the
folder for its whole length, re-reads the file from disk under that lock (never a cached copy),
makes exactly one atomic replace, and refuses to write over a file it cannot read.

Opening a folder removes leftover temp files, upgrades old data (after a backup), checks every
file, and takes the day's backup if it is due.
"""

from __future__ import annotations

import contextlib
import copy
import json
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any, TypeVar

from isotrack.domain.catalogue import DEFAULT_ROUTINE, ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainEntry, SetRecord
from isotrack.domain.settings import Settings
from isotrack.store.atomic import (
    FILE_MODE,
    dump_json,
    ensure_dir,
    temp_files,
    write_bytes_atomic,
)
from isotrack.store.codec import ShapeError, day_to_doc, program_to_doc
from isotrack.store.errors import DataError
from isotrack.store.folder import (
    CHECKED_FILE,
    LOCK_FILE,
    LOG_DIR,
    MAIN_FILE,
    MAIN_TABLES,
    SCHEMA,
    Checked,
    MainData,
    check_snapshot,
    daily_path,
    decode_main,
    decode_month,
    has_month_files,
    is_due,
    month_files,
    month_of,
    read_snapshot,
    read_tables,
    schema_problem,
    shape_error,
    single_docs,
    snapshot_schema,
)
from isotrack.store.lock_wait import wait_for_lock
from isotrack.store.migrations import migrate

__all__ = ["SCHEMA", "Stamp", "Store", "new_id"]

Stamp = tuple[int, int, int, int]
T = TypeVar("T")
Docs = dict[str, dict[str, Any]]

DISMISSED = "dismissed_suggestions"  # meta key: exercise id -> Suggestion.key


def new_id() -> str:
    """A stable random id for a record."""
    return os.urandom(8).hex()


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)


def _now() -> datetime:
    return datetime.now().astimezone()


class Store:
    """All reads and writes of one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.main_path = root / MAIN_FILE
        self.log_dir = root / LOG_DIR
        self._cache: dict[Path, tuple[Stamp | None, Any]] = {}
        self._written: dict[Path, tuple[bytes, Any]] = {}  # bytes this store wrote, as tables
        self._checked: dict[Path, Checked] = {}  # month documents decoded by the last write
        self._good: dict[str, list[int]] | None = None  # .checked as this store last saw it
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._owner: int | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path, today: date | None = None, backup: bool = True) -> Store:
        """Open (creating if needed) a data folder; DataError naming a file that is unusable.

        Removes leftover temp files, upgrades old data after a backup, checks every file and
        takes the day's backup when it is due (all under the folder's lock). ``today`` pins
        the date backups are named by (tests); by default it is the system's date.
        ``backup=False`` leaves the day's backup to the caller (the app takes it after its
        first frame: on a long history it reads every file).
        """
        ensure_dir(root)
        store = cls(root)
        if today is not None:
            store._today = lambda: today  # type: ignore[method-assign]
        with store.locked():
            for temp in temp_files(root):
                with contextlib.suppress(OSError):
                    temp.unlink()
            store._upgrade()
            store.check()
            if backup:
                store.backup_if_due()
        return store

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's exclusive lock (other isotrack processes and threads wait).

        Re-entrant within one thread, so a locked operation may call another.
        """
        with self._thread_lock:
            if self._depth:
                self._depth += 1
                try:
                    yield
                finally:
                    self._depth -= 1
                return
            path = self.root / LOCK_FILE
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            except OSError as exc:
                raise DataError(path, f"cannot open the lock file ({exc.strerror})") from None
            try:
                wait_for_lock(fd)
                self._depth, self._owner = 1, threading.get_ident()
                yield
            finally:
                self._depth, self._owner = 0, None
                os.close(fd)

    def _today(self) -> date:
        """The date backups are named by."""
        return date.today()

    def _holds_lock(self) -> bool:
        return self._owner == threading.get_ident()

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
        snapshot = read_snapshot(self.root)
        upgraded = migrate(snapshot, schema)
        check_snapshot(upgraded, self.root)
        now = _now()
        from isotrack.store import backups  # imported when needed: most runs never are

        name = f"before-v{SCHEMA}-{now:%Y-%m-%dT%H%M%S}{backups.SUFFIX}"
        backups.write_backup(backups.backup_dir(self.root) / name, snapshot, schema, now)
        for rel in sorted(upgraded, key=lambda r: r == MAIN_FILE):  # main file last
            if upgraded[rel] != snapshot.get(rel):
                write_bytes_atomic(self.root / rel, dump_json(upgraded[rel]))
        self._cache.clear()

    def check(self) -> None:
        """Read and check every data file; DataError naming the first unusable one.

        Month files whose stamp (times, size, inode) matches the last check are not read
        again: the stamps of files found good are cached in ``.checked``.
        """
        self._main()
        known = self._checked_stamps()
        good: dict[str, list[int]] = {}
        for path in month_files(self.root):
            stamp = _stamp(path)
            rel = f"{LOG_DIR}/{path.name}"
            if stamp is None:
                continue
            if known.get(rel) != list(stamp):
                ym = month_of(path.name)
                assert ym is not None
                self._month(*ym, keep=False)  # checked, not kept: memory stays small
            good[rel] = list(stamp)
        if good != known:
            write_bytes_atomic(self.root / CHECKED_FILE, dump_json(good), durable=False)
        self._good = good

    def _checked_stamps(self) -> dict[str, list[int]]:
        """The stamps in ``.checked`` (empty when it is missing or unreadable)."""
        try:
            known = json.loads((self.root / CHECKED_FILE).read_bytes())
        except (OSError, ValueError):
            return {}
        return known if isinstance(known, dict) else {}

    def _note_checked(self, path: Path) -> None:
        """Record in ``.checked`` a month file this store has just written (every document in
        it was checked), so that the next open need not read it again."""
        stamp = _stamp(path)
        if stamp is None:
            return
        # What this store last saw will do: an entry another process added since and that
        # is lost here only means that file is read and checked once more at the next open.
        known = self._good if self._good is not None else self._checked_stamps()
        known[f"{LOG_DIR}/{path.name}"] = list(stamp)
        write_bytes_atomic(self.root / CHECKED_FILE, dump_json(known), durable=False)
        self._good = known

    def backup_if_due(self, today: date | None = None) -> Path | None:
        """Take ``today``'s backup unless it exists (one ``stat`` when it does).

        Only a folder whose every file checks good is backed up.
        """
        day = today or self._today()
        if not is_due(self.root, day):
            return None
        with self.locked():
            if not is_due(self.root, day) or not self.exists:
                return None
            from isotrack.store import backups  # imported only when a backup is taken

            self.check()
            snapshot = read_snapshot(self.root)
            path = daily_path(self.root, day)
            backups.write_backup(path, snapshot, self._main().schema, _now())
            backups.prune(self.root)
            return path

    # -- reading and writing whole files ---------------------------------------------------

    def _load(self, path: Path, decode: Callable[[Any], T], keep: bool = True) -> T:
        """A decoded file: cached while its stamp is unchanged, re-read when under the lock.

        ``keep=False`` reads without adding the file to the cache (a pass over the history).
        """
        stamp = _stamp(path)
        cached = self._cache.get(path)
        if cached is not None and cached[0] == stamp and not self._holds_lock():
            return cached[1]
        tables = read_tables(path) if stamp is not None else {}
        try:
            value = decode(tables)
        except ShapeError as exc:
            raise shape_error(path, exc) from None
        if keep:
            self._cache[path] = (stamp, value)
        return value

    def _read_locked(self, path: Path) -> Any:
        """The file's tables, read under the lock. When its bytes are exactly the ones this
        store last wrote there, the tables it wrote are returned (the same objects), which
        lets the month decoder skip every document the write did not change."""
        written = self._written.get(path)
        if written is not None:
            with contextlib.suppress(OSError):
                if path.read_bytes() == written[0]:
                    return written[1]
        return read_tables(path)

    def _rewrite(self, path: Path, decode: Callable[[Any], T], change: Callable[[Any], Any]) -> T:
        """Read ``path`` under the lock, change its tables, write it back in one replace."""
        with self.locked():
            self.backup_if_due()
            tables = self._read_locked(path)
            try:
                decode(tables)
            except ShapeError as exc:
                raise shape_error(path, exc) from None
            new = change(tables)  # changes build new tables; they never edit ``tables``
            try:
                value = decode(new)
            except ShapeError as exc:
                raise DataError(path, f"refused to write a bad record ({exc})") from None
            if new != tables or not path.exists():
                data = dump_json(new)
                self._written.pop(path, None)
                write_bytes_atomic(path, data)
                self._written[path] = (data, new)
                if path.parent == self.log_dir:
                    self._note_checked(path)
            self._cache[path] = (_stamp(path), value)
            return value

    # -- main file: meta, settings, program -----------------------------------------------

    def _decode_main(self, tables: Any) -> MainData:
        main = decode_main(tables)
        problem = schema_problem(main.schema)
        if problem:
            raise DataError(self.main_path, problem)
        return main

    def _main(self) -> MainData:
        return self._load(self.main_path, self._decode_main)

    def update_main(self, change: Callable[[Docs], Docs]) -> MainData:
        """Change the main file's documents (``meta``, ``settings``, ``program``) under the lock.

        ``change`` gets fresh copies read under the lock; the result is checked before it is
        written, and ``meta.schema`` is stamped with the current version.
        """

        def apply(tables: Any) -> dict[str, dict[str, Any]]:
            docs = change(copy.deepcopy(single_docs(tables, MAIN_TABLES)))
            docs["meta"] = {**docs.get("meta", {}), "schema": SCHEMA}
            return {name: {"1": doc} for name, doc in docs.items()}

        return self._rewrite(self.main_path, self._decode_main, apply)

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

    def dismissed_suggestions(self) -> dict[str, str]:
        """Exercise id -> the key of the suggestion the user last dismissed for it."""
        value = self.meta().get(DISMISSED, {})
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}

    def dismiss_suggestion(self, exercise_id: str, key: str) -> None:
        """Remember a dismissed suggestion (one per exercise; a newer one replaces it)."""
        with self.locked():
            dismissed = {**self.dismissed_suggestions(), exercise_id: key}
            self.update_meta(**{DISMISSED: dismissed})

    def settings(self) -> Settings:
        """The stored settings (defaults for anything unset)."""
        return self._main().settings

    def save_setting(self, key: str, value: Any) -> Settings:
        """Validate and store one setting (read and written under the lock)."""
        with self.locked():
            settings = self.settings().with_value(key, value)
            self.update_main(lambda docs: {**docs, "settings": settings.to_dict()})
        return settings

    def program(self, today: date) -> Program:
        """The stored program, or the default (beginner series, gentle start) from today."""
        program = self._main().program
        return program if program is not None else Program.new(today, ROUTINES[DEFAULT_ROUTINE])

    def stored_program(self) -> Program | None:
        """The stored program, None when none has been stored yet."""
        return self._main().program

    def has_program(self) -> bool:
        """True once a program has been stored."""
        return self._main().program is not None

    def save_program(self, program: Program) -> None:
        """Store the program."""
        self.update_main(lambda docs: {**docs, "program": program_to_doc(program)})

    def ensure_program(self, start: date) -> Program:
        """The stored program; when there is none, store the default one from ``start``.

        The check and the write happen under one lock, so this never overwrites a program
        another process stored in between.
        """
        program = self._main().program
        if program is not None:
            return program
        with self.locked():
            program = self._main().program
            if program is None:
                program = self.program(start)
                self.save_program(program)
            return program

    def update_program(self, today: date, change: Callable[[Program], Program]) -> Program:
        """Read, change and store the program under the lock; returns the new program."""
        with self.locked():
            program = change(self.program(today))
            self.save_program(program)
        return program

    # -- history: one TinyDB file per month ----------------------------------------------

    def month_path(self, year: int, month: int) -> Path:
        """The file that holds one month of days."""
        return self.log_dir / f"{year:04d}-{month:02d}.json"

    def month_files(self) -> Iterator[Path]:
        """Existing month files, oldest first."""
        yield from month_files(self.root)

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month that has a file."""
        return [ym for p in self.month_files() if (ym := month_of(p.name))]

    def _month(self, year: int, month: int, keep: bool = True) -> dict[date, DayRecord]:
        return self._load(
            self.month_path(year, month), lambda tables: decode_month(tables, year, month), keep
        )

    def version(self, day: date) -> tuple[Stamp | None, Stamp | None]:
        """A cheap token that changes when the main file or ``day``'s month file changes."""
        return (_stamp(self.main_path), _stamp(self.month_path(day.year, day.month)))

    def day(self, day: date) -> DayRecord:
        """Everything recorded on ``day`` (an empty record when nothing is)."""
        return self._month(day.year, day.month).get(day) or DayRecord(day)

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

    def all_days(self) -> dict[date, DayRecord]:
        """Every recorded day, in date order."""
        out: dict[date, DayRecord] = {}
        for year, month in self.months():
            out.update(sorted(self._month(year, month).items()))
        return out

    def update_month(
        self,
        year: int,
        month: int,
        change: Callable[[dict[date, DayRecord]], dict[date, DayRecord]],
    ) -> dict[date, DayRecord]:
        """Read, change and write one month under the lock; on disk on return.

        ``change`` gets the month's days read fresh under the lock and returns the new days;
        documents of days it leaves untouched are written back exactly as they were.
        """
        ensure_dir(self.log_dir)
        path = self.month_path(year, month)
        checked = self._checked.setdefault(path, {})

        def decode(tables: Any) -> dict[date, DayRecord]:
            return decode_month(tables, year, month, checked)

        def apply(tables: Any) -> dict[str, Any]:
            current = decode(tables)
            raw = tables.get("days", {})
            keys = {doc["day"]: key for key, doc in raw.items()}
            new = change(dict(current))
            next_key = max((int(k) for k in raw), default=0) + 1
            out: dict[str, Any] = {}
            for d in sorted(new):
                if new[d].empty:
                    continue
                key = keys.get(d.isoformat())
                if key is None:
                    key, next_key = str(next_key), next_key + 1
                out[key] = raw[key] if new[d] is current.get(d) else day_to_doc(new[d])
            return {"days": out}

        with self.locked():
            if not self.main_path.exists():
                self.update_main(lambda docs: docs)  # stamp the data version first
            return self._rewrite(path, decode, apply)

    def update_day(self, day: date, change: Callable[[DayRecord], DayRecord]) -> DayRecord:
        """Read, change and write one day under the lock; the write is on disk on return."""
        days = self.update_month(
            day.year,
            day.month,
            lambda current: {**current, day: change(current.get(day) or DayRecord(day))},
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
                self.update_month(year, month, lambda current, new=days: {**current, **new})

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
