"""The data folder's layout and the checks that decide whether each file is usable.

A folder holds ``isotrack.json`` (tables ``meta``, ``settings``, ``program``, one document each,
id 1) and ``log/YYYY-MM.json`` (table ``days``, one document per day, its id the day of the
month), all TinyDB databases in TinyDB's JSON format: plain ``TinyDB(path)`` opens any of them.
A *snapshot* is every data file of a folder as parsed JSON, keyed by its path relative to the
folder; backups, migrations and the doctor work on snapshots.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from datetime import date
from itertools import compress, count
from operator import ne
from pathlib import Path
from typing import Any, NamedTuple

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.settings import Settings
from isotrack.store.atomic import AtomicJSONStorage
from isotrack.store.codec import (
    Like,
    ShapeError,
    day_from_doc,
    meta_from_doc,
    obj,
    program_from_doc,
    settings_from_doc,
)
from isotrack.store.errors import DataError
from isotrack.store.json_bytes import Known, encode
from isotrack.store.seal import piece_crc

SCHEMA = 5  # the data format this program reads and writes
MAIN_FILE = "isotrack.json"
LOG_DIR = "log"
BACKUP_DIR = "backups"
DAILY_PREFIX = "daily-"
BACKUP_SUFFIX = ".json.gz"
LOCK_FILE = ".lock"
MAIN_TABLES = ("meta", "settings", "program")
DAYS = "days"
SUMMARY = "summary"  # a cache of the month's day statuses (see store.summaries)
MONTH_TABLES = frozenset({DAYS, SUMMARY})
MONTH_NAME = re.compile(r"^(\d{4})-(\d{2})\.json$")

Snapshot = dict[str, Any]


class MainData(NamedTuple):
    """The decoded main file. (Named tuples here and for other plain records every command
    makes: one is defined at import in a tenth of a dataclass's time.)"""

    meta: dict[str, Any]
    settings: Settings
    program: Program | None

    @property
    def schema(self) -> int:
        """The data version recorded in the file (the current one when none is)."""
        return int(self.meta.get("schema", SCHEMA))


@functools.lru_cache(maxsize=4096)  # (a command lists the log folder two or three times)
def month_of(name: str) -> tuple[int, int] | None:
    """(year, month) of a month file name, None when the name is not one."""
    found = MONTH_NAME.match(name)
    if not found or not 1 <= int(found[2]) <= 12:
        return None
    return int(found[1]), int(found[2])


def month_files(root: Path) -> list[Path]:
    """The folder's month files, oldest first."""
    log = root / LOG_DIR
    if not log.is_dir():
        return []
    with os.scandir(log) as entries:
        names = sorted(e.name for e in entries if month_of(e.name) and e.is_file())
    return [log / name for name in names]


def backup_dir(root: Path) -> Path:
    """The folder that holds the backups."""
    return root / BACKUP_DIR


MANIFEST = re.compile(r"^backup-(\d{6,})-(\d{4}-\d{2}-\d{2})\.json$")


def manifest_of(path: Path) -> tuple[int, date] | None:
    """(sequence, day) of a backup manifest's name; None when the name is not one."""
    found = MANIFEST.match(path.name)
    if not found:
        return None
    try:
        return int(found[1]), date.fromisoformat(found[2])
    except ValueError:
        return None


def manifests(root: Path) -> list[tuple[int, date, Path]]:
    """The backup manifests as (sequence, day, path), oldest (lowest sequence) first."""
    try:
        names = os.listdir(backup_dir(root))
    except (FileNotFoundError, NotADirectoryError):
        return []
    paths = (backup_dir(root) / name for name in names if MANIFEST.match(name))
    return sorted((m[0], m[1], p) for p in paths if (m := manifest_of(p)))


def is_due(root: Path, day: date) -> bool:
    """True unless the newest backup (by sequence) was taken on ``day``: one listing of a
    small folder; the backup code itself is imported only when one is taken. After the clock
    went back, a day is still a new backup: only the last one taken counts."""
    taken = manifests(root)
    return not taken or taken[-1][1] != day


def has_month_files(root: Path) -> bool:
    """True when the folder holds at least one month file (cheaper than listing them)."""
    try:
        with os.scandir(root / LOG_DIR) as entries:
            return any(month_of(e.name) and e.is_file() for e in entries)
    except (FileNotFoundError, NotADirectoryError):
        return False


def data_files(root: Path) -> list[Path]:
    """Every data file: the main file (when present) and the month files."""
    main = root / MAIN_FILE
    return ([main] if main.exists() else []) + month_files(root)


def relpath(root: Path, path: Path) -> str:
    """A data file's path relative to the folder, with ``/`` (by its text: a backup names
    every file, and pathlib's ``relative_to`` costs ten times as much)."""
    base, full = os.fspath(root), os.fspath(path)
    if not full.startswith(base + os.sep):
        return path.relative_to(root).as_posix()  # (ValueError when it is not in the folder)
    return full[len(base) + 1 :].replace(os.sep, "/")


# -- decoding whole files --------------------------------------------------------------------


def single_docs(tables: Any, names: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    """Tables that each hold at most one document (id 1), as name -> document."""
    tables = obj(tables, "the file")
    docs: dict[str, dict[str, Any]] = {}
    for name, table in tables.items():
        if name not in names:
            raise ShapeError(f"unexpected table '{name}'")
        table = obj(table, f"table '{name}'")
        if set(table) - {"1"}:
            raise ShapeError(f"table '{name}' should hold one document with id 1")
        if "1" in table:
            docs[name] = obj(table["1"], f"the {name} record")
    return docs


def decode_main(tables: Any) -> MainData:
    """Check and decode the main file (``{}`` when absent); ShapeError saying what is wrong."""
    docs = single_docs(tables, MAIN_TABLES)
    meta = meta_from_doc(docs.get("meta", {}))
    settings = settings_from_doc(docs.get("settings", {}))
    program = program_from_doc(docs["program"]) if docs.get("program") else None
    return MainData(meta, settings, program)


def same_doc(copy: dict[str, Any], doc: Any) -> bool:
    """True when ``doc`` has the content of ``copy``, a one-level copy made earlier.

    Dict equality compares each field by identity before content (in C): TinyDB changes a
    document only by replacing its top-level fields, and nothing changes a field's value in
    place, so an unchanged document costs one pointer comparison per field.
    """
    return isinstance(doc, dict) and copy == doc


def _copy_docs(table: dict[str, Any]) -> dict[str, Any]:
    """A table with each document copied one level deep: TinyDB updates a document by
    setting its top-level fields in place, so a copy stays as it was read."""
    return {k: dict(doc) if isinstance(doc, dict) else doc for k, doc in table.items()}


class MainDecoder:
    """Checks and decodes the main file, decoding again only when its documents changed."""

    def __init__(self) -> None:
        self._last: tuple[dict[str, Any], MainData] | None = None

    def __call__(self, tables: Any) -> MainData:
        if self._last is not None and self._last[0] == tables:
            return self._last[1]
        main = decode_main(tables)
        self._last = ({k: _copy_docs(t) for k, t in tables.items()}, main)
        return main


class DayEntry:
    """A day's document as last checked: a one-level copy of it, its day (None until asked
    for, when the document came from a file whose seal holds), and (once it is written or
    read so) its bytes in the file and their CRC-32."""

    __slots__ = ("copy", "crc", "piece", "record")

    def __init__(self, copy: dict[str, Any], record: DayRecord | None) -> None:
        self.copy, self.record = copy, record
        self.piece: bytes | None = None
        self.crc = b""


class MonthDecoder:
    """Checks and decodes one month file; a document equal to one decoded before is not
    decoded again, so a write checks only the days it changed, and encodes only them.

    A day's document id is its day of the month (the natural key: one document per day).
    """

    def __init__(self, year: int, month: int) -> None:
        self.year, self.month = year, month
        self._seen: dict[str, DayEntry] = {}
        # the last write's days in file order: keys, copies, bytes and CRCs (None once an
        # entry changed otherwise)
        self._order: tuple[list[str], list[dict[str, Any]], list[bytes], list[bytes]] | None = None
        self._items: dict[str, Known] = {}  # by key: the documents in its lists, encoded

    def __call__(self, tables: Any) -> dict[date, DayRecord]:
        docs = self.day_docs(tables)
        records = [self.record(key, doc) for key, doc in docs.items()]
        return {r.day: r for r in sorted(records, key=lambda r: r.day)}

    @staticmethod
    def day_docs(tables: Any) -> dict[str, Any]:
        """The table of days, once the file is found to hold only a month's tables."""
        tables = obj(tables, "the file")
        extra = set(tables) - MONTH_TABLES
        if extra:
            raise ShapeError(f"unexpected table '{sorted(extra)[0]}'")
        return obj(tables.get(DAYS, {}), f"table '{DAYS}'")

    def trust(self, docs: dict[str, Any], pieces: list[tuple[bytes, bytes]]) -> None:
        """Take the day documents of a file whose seal holds (isotrack wrote them, checked)
        as checked, with their bytes and CRC (``pieces``, in key order): each is decoded only
        when its day is asked for."""
        seen = self._seen
        for key, (piece, crc) in zip(sorted(docs), pieces, strict=True):
            doc = docs[key]
            hit = seen.get(key)
            if hit is None or hit.copy != doc:
                hit = seen[key] = DayEntry(dict(doc), None)
            hit.piece, hit.crc = piece, crc
        self._order = None

    def seed(self, key: str, doc: dict[str, Any], record: DayRecord) -> None:
        """Take ``doc`` as checked, its day being ``record``: :func:`checked_day_to_doc` has
        just made it of ``record`` and found that decoding it gives ``record`` back, so the
        write that follows finds it checked and does not decode it again. (A document changed
        after this is not the one seeded: it is decoded in full, as any other.)"""
        if (record.day.year, record.day.month) != (self.year, self.month):
            raise ShapeError(f"day {record.day.isoformat()} does not belong in this month")
        if str(record.day.day) != key:
            raise ShapeError(f"document {key} holds day {record.day.isoformat()}")
        self._seen[key] = DayEntry(dict(doc), record)

    def record(self, key: str, doc: Any) -> DayRecord:
        """The day document ``key`` holds, checked (ShapeError naming what is wrong)."""
        entry = self.entry(key, doc)
        if entry.record is None:
            entry.record = self._decoded(key, doc, None)
        return entry.record

    def pieces(self, docs: dict[str, Any]) -> tuple[list[bytes], list[bytes]]:
        """Each day document checked (see :meth:`entry`), by key in file order, as the bytes
        it is written as (``"10":{…}``), with their :func:`piece_crc`; made once per document.

        Every document is compared with the copy it was checked as; when the days are those
        of the last write, the comparing runs in C (one tick changes one day of thirty)."""
        keys = sorted(docs)
        order = self._order
        if order is None or order[0] != keys:
            order = keys, [], [], []
            for key in keys:
                self._add(order, self._encoded(key, docs[key]))
        else:
            _keys, copies, pieces, crcs = order
            values = list(map(docs.__getitem__, keys))
            for n in list(compress(count(), map(ne, copies, values))):  # (the changed ones)
                entry = self._encoded(keys[n], values[n])
                copies[n], pieces[n], crcs[n] = entry.copy, entry.piece, entry.crc
        self._order = order
        return order[2][:], order[3][:]  # (copies: the next write changes these lists)

    @staticmethod
    def _add(order: tuple[list[str], list[Any], list[bytes], list[bytes]], entry: DayEntry) -> None:
        order[1].append(entry.copy)
        order[2].append(entry.piece)
        order[3].append(entry.crc)

    def _encoded(self, key: str, doc: Any) -> DayEntry:
        """Document ``key`` checked, with its bytes in the file and their CRC."""
        entry = self.entry(key, doc)
        if entry.piece is None:
            seen: Known = {}  # (its sets and pain entries: the next write of the day reuses them)
            entry.piece = b'"%s":%s' % (key.encode(), encode(doc, self._items.get(key, {}), seen))
            entry.crc = piece_crc(entry.piece)
            self._items[key] = seen
        return entry

    def entry(self, key: str, doc: Any) -> DayEntry:
        """Document ``key`` checked (ShapeError naming what is wrong): the same entry while
        the document is unchanged, a new one once it has changed."""
        hit = self._seen.get(key)
        if hit is not None and same_doc(hit.copy, doc):
            return hit
        like = (hit.record, hit.copy) if hit is not None and hit.record is not None else None
        hit = self._seen[key] = DayEntry(dict(doc), self._decoded(key, doc, like))
        self._order = None  # (pieces sets it again when it is the one asking)
        return hit

    def _decoded(self, key: str, doc: Any, like: Like | None) -> DayRecord:
        """Document ``key`` decoded strictly (``like``: its earlier decoding, whose sets it
        may share)."""
        if not key.isdigit():
            raise ShapeError(f"document id '{key}' is not a number")
        record = day_from_doc(doc, f"document {key}", like)
        if (record.day.year, record.day.month) != (self.year, self.month):
            raise ShapeError(f"day {record.day.isoformat()} does not belong in this month")
        if record.day.day != int(key):
            raise ShapeError(
                f"document {key} holds day {record.day.isoformat()} (a day's document id is "
                "its day of the month)"
            )
        return record


def decoder_for(rel: str) -> Callable[[Any], MainData | dict[date, DayRecord]]:
    """The strict decoder of one data file, by its path relative to the folder."""
    if rel == MAIN_FILE:
        return MainDecoder()
    ym = month_of(rel.removeprefix(f"{LOG_DIR}/"))
    if ym is None or not rel.startswith(f"{LOG_DIR}/"):
        raise ShapeError("not an isotrack data file name")
    return MonthDecoder(*ym)


def check_file(rel: str, tables: Any) -> MainData | dict[date, DayRecord]:
    """Decode one data file by its relative path (ShapeError when it is wrong)."""
    return decoder_for(rel)(tables)


def read_tables(path: Path) -> Any:
    """A data file's TinyDB tables, ``{}`` when it does not exist; DataError when unreadable."""
    return AtomicJSONStorage(path).read() or {}


def read_snapshot(root: Path) -> Snapshot:
    """Every data file of the folder, parsed but not yet checked."""
    return {relpath(root, p): read_tables(p) for p in data_files(root)}


def shape_error(path: Path, exc: ShapeError) -> DataError:
    """The one-line error for a file of the wrong shape."""
    return DataError(path, f"has the wrong shape: {exc}; left untouched")


def check_snapshot(snapshot: Snapshot, where: Path) -> MainData:
    """Decode every file of a snapshot (main file first); DataError naming the first bad file.

    ``where`` is the folder the snapshot's paths are relative to, used in the message.
    """
    try:
        main = decode_main(snapshot.get(MAIN_FILE, {}))
    except ShapeError as exc:
        raise shape_error(where / MAIN_FILE, exc) from None
    problem = schema_problem(main.schema)
    if problem:
        raise DataError(where / MAIN_FILE, problem)
    for rel in sorted(snapshot):
        if rel != MAIN_FILE:
            try:
                check_file(rel, snapshot[rel])
            except ShapeError as exc:
                raise shape_error(where / rel, exc) from None
    return main


def snapshot_schema(main_tables: Any, has_months: bool) -> int:
    """The data version recorded in a main file's tables; a folder with data but no version
    recorded is version 1. ShapeError when the tables are not readable."""
    docs = single_docs(main_tables, MAIN_TABLES)
    meta = meta_from_doc(docs.get("meta", {}))
    if "schema" in meta:
        return int(meta["schema"])
    return 1 if has_months or docs else SCHEMA


def schema_problem(schema: int) -> str | None:
    """Why data of ``schema`` cannot be read by this program, or None when it can."""
    if schema > SCHEMA:
        return (
            f"written by a newer isotrack (data version {schema}; this one reads up to "
            f"{SCHEMA}); left untouched"
        )
    return None
