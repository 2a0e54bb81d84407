"""The data folder: one small main file plus one TinyDB file per month of history.

A write touches only the main file or the month that the day belongs to, so its cost does not
grow with the length of the history. Every read-modify-write holds an exclusive lock on the
folder and goes through an atomic replace.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.table import Document

from isotrack.domain.catalogue import DEFAULT_ROUTINE, ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainEntry, SetRecord
from isotrack.domain.settings import InvalidSetting, Settings
from isotrack.store.atomic import (
    FILE_MODE,
    AtomicJSONStorage,
    ensure_dir,
    temp_files,
)
from isotrack.store.codec import (
    ShapeError,
    day_from_doc,
    day_to_doc,
    program_from_doc,
    program_to_doc,
)
from isotrack.store.errors import DataError

SCHEMA = 1
MAIN_FILE = "isotrack.json"
LOG_DIR = "log"
LOCK_FILE = ".lock"

_DAY = Query().day

Stamp = tuple[int, int, int]

DISMISSED = "dismissed_suggestions"  # meta key: exercise id -> Suggestion.key


def new_id() -> str:
    """A stable random id for a record."""
    return uuid.uuid4().hex[:16]


def _stamp(path: Path) -> Stamp | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


class Store:
    """All reads and writes of one data folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.main_path = root / MAIN_FILE
        self.log_dir = root / LOG_DIR
        self._months: dict[tuple[int, int], tuple[Stamp | None, dict[date, DayRecord]]] = {}
        self._main: tuple[Stamp | None, dict[str, Any]] | None = None
        self._thread_lock = threading.RLock()
        self._lock_depth = 0

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path) -> Store:
        """Open (creating if needed) a data folder; DataError if its main file is unusable."""
        ensure_dir(root)
        store = cls(root)
        with store.locked():
            for temp in temp_files(root):
                with contextlib.suppress(OSError):
                    temp.unlink()
        store._main_doc()
        return store

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the folder's exclusive lock (other isotrack processes and threads wait).

        Re-entrant within one thread, so a locked operation may call another.
        """
        with self._thread_lock:
            if self._lock_depth:
                self._lock_depth += 1
                try:
                    yield
                finally:
                    self._lock_depth -= 1
                return
            path = self.root / LOCK_FILE
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, FILE_MODE)
            except OSError as exc:
                raise DataError(path, f"cannot open the lock file ({exc.strerror})") from None
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
                self._lock_depth = 1
                yield
            finally:
                self._lock_depth = 0
                os.close(fd)

    # -- main file: meta, settings, program -----------------------------------------------

    def _db(self, path: Path) -> TinyDB:
        return TinyDB(path, storage=AtomicJSONStorage)

    def _main_doc(self) -> dict[str, Any]:
        stamp = _stamp(self.main_path)
        if self._main is not None and self._main[0] == stamp:
            return self._main[1]
        raw = AtomicJSONStorage(self.main_path).read() or {}
        doc = {name: table.get("1", {}) for name, table in raw.items()}
        meta = doc.get("meta", {})
        schema = meta.get("schema", SCHEMA)
        if not isinstance(schema, int):
            raise DataError(self.main_path, "unexpected content (schema is not a number)")
        if schema > SCHEMA:
            raise DataError(
                self.main_path,
                f"written by a newer isotrack (schema {schema}, this one reads {SCHEMA}); "
                "left untouched",
            )
        self._main = (stamp, doc)
        return doc

    def _write_main(self, table: str, update: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        with self.locked():
            self._main = None
            current = self._main_doc().get(table, {})
            db = self._db(self.main_path)
            new = update(dict(current))
            _replace_single(db, table, new)
            if table != "meta" and not self._main_doc().get("meta"):
                _replace_single(db, "meta", {"schema": SCHEMA})
            self._main = None

    @property
    def exists(self) -> bool:
        """True when the folder already holds isotrack data."""
        return self.main_path.exists() or any(self.month_files())

    def meta(self) -> dict[str, Any]:
        """The meta document (schema, safety acknowledgement)."""
        return dict(self._main_doc().get("meta", {}))

    def update_meta(self, **values: Any) -> None:
        """Store meta values."""
        self._write_main("meta", lambda doc: {"schema": SCHEMA, **doc, **values})

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
        try:
            return Settings.from_dict(self._main_doc().get("settings", {}))
        except InvalidSetting as exc:
            raise DataError(self.main_path, f"a stored setting is invalid ({exc})") from None

    def save_setting(self, key: str, value: Any) -> Settings:
        """Validate and store one setting; InvalidSetting when refused."""
        settings = self.settings().with_value(key, value)
        self._write_main("settings", lambda _doc: settings.to_dict())
        return settings

    def program(self, today: date) -> Program:
        """The stored program, or the default (beginner series, gentle start) from today."""
        doc = self._main_doc().get("program")
        if not doc:
            return Program.new(today, ROUTINES[DEFAULT_ROUTINE])
        try:
            return program_from_doc(doc)
        except ShapeError as exc:
            raise DataError(self.main_path, str(exc)) from None

    def has_program(self) -> bool:
        """True once a program has been stored."""
        return bool(self._main_doc().get("program"))

    def save_program(self, program: Program) -> None:
        """Store the program."""
        self._write_main("program", lambda _doc: program_to_doc(program))

    def update_program(self, today: date, change: Callable[[Program], Program]) -> Program:
        """Read, change and store the program under the lock; returns the new program."""
        with self.locked():
            self._main = None
            program = change(self.program(today))
            self.save_program(program)
        return program

    # -- history: one TinyDB file per month ----------------------------------------------

    def month_path(self, year: int, month: int) -> Path:
        """The file that holds one month of days."""
        return self.log_dir / f"{year:04d}-{month:02d}.json"

    def month_files(self) -> Iterator[Path]:
        """Existing month files, oldest first."""
        if self.log_dir.is_dir():
            yield from sorted(p for p in self.log_dir.glob("????-??.json"))

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month that has a file."""
        return [(int(p.stem[:4]), int(p.stem[5:])) for p in self.month_files()]

    def _month(self, year: int, month: int) -> dict[date, DayRecord]:
        path = self.month_path(year, month)
        stamp = _stamp(path)
        cached = self._months.get((year, month))
        if cached is not None and cached[0] == stamp:
            return cached[1]
        days: dict[date, DayRecord] = {}
        if stamp is not None:
            raw = AtomicJSONStorage(path).read() or {}
            try:
                for doc in raw.get("days", {}).values():
                    record = day_from_doc(doc)
                    days[record.day] = record
            except ShapeError as exc:
                raise DataError(path, f"{exc}; left untouched") from None
        self._months[(year, month)] = (stamp, days)
        return days

    def version(self, day: date) -> tuple[Stamp | None, Stamp | None]:
        """A cheap token that changes when the main file or ``day``'s month file changes."""
        return (_stamp(self.main_path), _stamp(self.month_path(day.year, day.month)))

    def day(self, day: date) -> DayRecord:
        """Everything recorded on ``day`` (an empty record when nothing is)."""
        return self._month(day.year, day.month).get(day) or DayRecord(day)

    def days(self, start: date, end: date) -> dict[date, DayRecord]:
        """Recorded days from ``start`` to ``end`` inclusive; loads only the months needed."""
        out: dict[date, DayRecord] = {}
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            for d, record in self._month(year, month).items():
                if start <= d <= end:
                    out[d] = record
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return out

    def update_day(self, day: date, change: Callable[[DayRecord], DayRecord]) -> DayRecord:
        """Read, change and write one day under the lock; the write is on disk on return."""
        ensure_dir(self.log_dir)
        path = self.month_path(day.year, day.month)
        with self.locked():
            self._months.pop((day.year, day.month), None)
            current = self.day(day)
            new = change(current)
            db = self._db(path)
            table = db.table("days")
            table.upsert(day_to_doc(new), day.isoformat() == _DAY)
            self._months.pop((day.year, day.month), None)
        return new

    def write_days(self, records: Iterable[DayRecord]) -> None:
        """Store many days (replacing any stored on the same dates), writing each month file
        once, all under one lock (for the demo history and imports)."""
        by_month: dict[tuple[int, int], dict[date, DayRecord]] = {}
        for record in records:
            by_month.setdefault((record.day.year, record.day.month), {})[record.day] = record
        ensure_dir(self.log_dir)
        with self.locked():
            for (year, month), days in sorted(by_month.items()):
                storage = AtomicJSONStorage(self.month_path(year, month))
                table = (storage.read() or {}).get("days", {})
                keys = {doc.get("day"): key for key, doc in table.items()}
                next_key = max(map(int, table), default=0) + 1
                for day, record in sorted(days.items()):
                    key = keys.get(day.isoformat())
                    if key is None:
                        key, next_key = str(next_key), next_key + 1
                    table[key] = day_to_doc(record)
                storage.write({"days": table})
                self._months.pop((year, month), None)

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


def _replace_single(db: TinyDB, table: str, doc: dict[str, Any]) -> None:
    """Make ``table`` hold exactly one document, ``doc``, with id 1."""
    db.table(table).upsert(Document(doc, doc_id=1))
