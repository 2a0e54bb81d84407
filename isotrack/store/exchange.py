"""Export and import: the whole folder as one stable JSON document, or every set as CSV.

The JSON export holds meta, settings, the program's routine, target and schedule histories,
and every day with its sets, pain entries, skip and note; keys are sorted and days are in date
order, so exporting the same data twice gives the same bytes. Importing validates the whole
file before writing anything, then merges: records are matched by their stable ids, days by
date, and program histories by the date each entry applies from; what the folder already holds
wins over the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO, TypeVar

from isotrack.domain.catalogue import BY_ID
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.targets import History
from isotrack.errors import BadImport
from isotrack.store.atomic import atomic_writer, ensure_dir
from isotrack.store.codec import (
    ShapeError,
    day_from_doc,
    day_to_doc,
    items,
    meta_from_doc,
    program_from_doc,
    program_to_doc,
    settings_from_doc,
    whole,
)
from isotrack.store.store import Docs, Store

FORMAT = "isotrack-export"
# The export's own format version: independent of the folder's data version (version 3
# changed only how days are keyed inside month files, not what an export holds).
EXPORT_SCHEMA = 2
CSV_HEADER = (
    "date",
    "exercise",
    "exercise_name",
    "side",
    "reps",
    "hold_seconds",
    "completed",
    "at",
    "id",
)

T = TypeVar("T")


@dataclass(frozen=True)
class Export:
    """A checked export: everything an import may write."""

    meta: dict[str, Any]
    settings: dict[str, Any]
    program: Program | None
    days: tuple[DayRecord, ...]


@dataclass
class ImportResult:
    """What an import added (records already present are counted as known)."""

    sets_added: int = 0
    pain_added: int = 0
    records_known: int = 0
    days_changed: list[date] = field(default_factory=list)


# -- export ----------------------------------------------------------------------------------


def iter_days(store: Store) -> Iterator[DayRecord]:
    """Every recorded day in date order, read a month at a time (memory stays one month)."""
    for year, month in store.months():
        first = date(year, month, 1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        yield from (r for r in store.days(first, last, keep=False).values() if not r.empty)


def _header(store: Store) -> dict[str, Any]:
    meta = store.meta()
    meta.pop("schema", None)
    program = store.stored_program()
    return {
        "format": FORMAT,
        "schema": EXPORT_SCHEMA,
        "meta": meta,
        "settings": store.settings().to_dict(),
        "program": program_to_doc(program) if program is not None else None,
    }


def export_doc(store: Store) -> dict[str, Any]:
    """The folder as one JSON-ready document (the whole history in memory: for small folders
    and as the reference the streamed export is checked against)."""
    return {**_header(store), "days": [day_to_doc(r) for r in iter_days(store)]}


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


def export_chunks(store: Store) -> Iterator[str]:
    """The JSON export as pieces of text, one day at a time: byte for byte what
    ``json.dumps(export_doc(store), sort_keys=True, indent=2, ensure_ascii=False) + "\n"``
    gives, without holding the history ("days" sorts first among the keys)."""
    yield '{\n  "days": ['
    empty = True
    for record in iter_days(store):
        text = _dumps(day_to_doc(record)).replace("\n", "\n    ")
        yield ("\n    " if empty else ",\n    ") + text
        empty = False
    yield "]" if empty else "\n  ]"
    yield ",\n" + _dumps(_header(store)).removeprefix("{\n") + "\n"


def export_json(store: Store) -> str:
    """The export as stable, indented JSON text."""
    return "".join(export_chunks(store))


def write_export(store: Store, path: Path, chunks: Iterable[str]) -> Path:
    """Write an export to ``path`` atomically, piece by piece."""
    with atomic_writer(path) as handle:
        for chunk in chunks:
            handle.write(chunk.encode())
    return path


def export_path(store: Store, day: date) -> Path:
    """Where the app saves an export: the data folder's ``exports/``, named by ``day``."""
    folder = store.root / "exports"
    ensure_dir(folder)
    return folder / f"isotrack-export-{day.isoformat()}.json"


def csv_chunks(store: Store) -> Iterator[str]:
    """One row per set, with a header row, for spreadsheets; a month at a time."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for record in iter_days(store):
        for s in record.sets:
            writer.writerow(
                (
                    record.day.isoformat(),
                    s.exercise,
                    BY_ID[s.exercise].name,
                    s.side or "",
                    s.reps,
                    f"{s.hold:g}",
                    "yes" if s.completed else "no",
                    s.at.isoformat(),
                    s.id,
                )
            )
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def export_csv(store: Store) -> str:
    """The CSV export as one text."""
    return "".join(csv_chunks(store))


# -- import ----------------------------------------------------------------------------------


class _NotJson(ValueError):
    """The text is not valid JSON (the message says where)."""


class _Reader:
    """Reads one JSON document from a text stream a value at a time, so the days of a long
    export go by one at a time instead of all being held at once."""

    CHUNK = 1 << 16

    def __init__(self, handle: TextIO) -> None:
        self._handle = handle
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._decoder = json.JSONDecoder()

    def _fill(self) -> bool:
        chunk = "" if self._eof else self._handle.read(self.CHUNK)
        self._eof = not chunk
        self._buf = self._buf[self._pos :] + chunk
        self._pos = 0
        return bool(chunk)

    def peek(self) -> str:
        """The next character that is not white space ("" at the end)."""
        while True:
            while self._pos < len(self._buf) and self._buf[self._pos] in " \t\n\r":
                self._pos += 1
            if self._pos < len(self._buf) or not self._fill():
                return self._buf[self._pos : self._pos + 1]

    def expect(self, char: str) -> None:
        """Step over ``char``; _NotJson when something else comes."""
        if self.peek() != char:
            raise _NotJson(f"expected '{char}' at offset {self._pos}")
        self._pos += 1

    def value(self) -> Any:
        """The next whole JSON value."""
        self.peek()
        while True:
            try:
                value, end = self._decoder.raw_decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                raise _NotJson(str(exc)) from None
            if end == len(self._buf) and self._fill():
                continue  # a number may go on in the next piece
            self._pos = end
            return value


def _stream(handle: TextIO, on_day: Callable[[int, Any], None]) -> dict[str, Any]:
    """Read an export: each element of "days" goes to ``on_day`` as it is read; returns the
    other top-level fields. _NotJson, or BadImport when the file is not an object."""
    reader = _Reader(handle)
    fields: dict[str, Any] = {}
    if reader.peek() != "{":
        reader.value()  # valid JSON of another kind, or _NotJson
        raise BadImport("not an isotrack export: the file is not an object")
    reader.expect("{")
    while reader.peek() != "}":
        key = reader.value()
        reader.expect(":")
        if key == "days" and reader.peek() == "[":
            reader.expect("[")
            count = 0
            while reader.peek() != "]":
                on_day(count, reader.value())
                count += 1
                if reader.peek() != "]":
                    reader.expect(",")
            reader.expect("]")
            fields[key] = []
        else:
            fields[key] = reader.value()
        if reader.peek() != "}":
            reader.expect(",")
    reader.expect("}")
    if reader.peek():
        raise _NotJson("extra data after the end")
    return fields


@dataclass(frozen=True)
class Header:
    """An export's fields other than its days, checked."""

    meta: dict[str, Any]
    settings: dict[str, Any]
    program: Program | None


def _check_header(doc: dict[str, Any]) -> Header:
    if doc.get("format") != FORMAT:
        raise BadImport(f'not an isotrack export (no "format": "{FORMAT}")')
    try:
        schema = whole(doc, "schema", "the export", 1, 10**6)
        meta = meta_from_doc(doc.get("meta", {}))
        settings = settings_from_doc(doc.get("settings", {})).to_dict()
        program_doc = doc.get("program")
        program = program_from_doc(program_doc) if program_doc else None
        items(doc.get("days", []), "'days'")
    except ShapeError as exc:
        raise BadImport(str(exc)) from None
    if schema > EXPORT_SCHEMA:
        raise BadImport(
            f"made by a newer isotrack (data version {schema}; this reads {EXPORT_SCHEMA})"
        )
    meta.pop("schema", None)
    return Header(meta, settings, program)


class IdSet:
    """A set of record ids kept small: an id of 16 lowercase hex digits (the usual kind) is
    held as a number."""

    HEX = frozenset("0123456789abcdef")

    def __init__(self) -> None:
        self._ids: set[int | str] = set()

    @classmethod
    def _key(cls, record_id: str) -> int | str:
        if len(record_id) == 16 and set(record_id) <= cls.HEX:
            return int(record_id, 16)
        return record_id

    def add(self, record_id: str) -> None:
        self._ids.add(self._key(record_id))

    def __contains__(self, record_id: object) -> bool:
        return isinstance(record_id, str) and self._key(record_id) in self._ids


class _Checker:
    """Checks each day of an export as it is read: the first problem is kept (and told after
    the fields, so a file that is no export says that first)."""

    def __init__(self) -> None:
        self.days: set[date] = set()
        self.ids = IdSet()
        self.problem: BadImport | None = None

    def __call__(self, n: int, raw: Any) -> DayRecord | None:
        if self.problem is not None:
            return None
        where = f"record days[{n}]"
        try:
            record = day_from_doc(raw, where)
        except ShapeError as exc:
            self.problem = BadImport(f"{where}: {exc}")
            return None
        if record.day in self.days:
            self.problem = BadImport(f"{where}: day {record.day.isoformat()} appears twice")
            return None
        self.days.add(record.day)
        for r in (*record.sets, *record.pain):
            if r.id in self.ids:
                day = record.day.isoformat()
                self.problem = BadImport(f"{where} (day {day}): id {r.id} used twice")
                return None
            self.ids.add(r.id)
        return record


def check_export(handle: TextIO) -> Header:
    """Check a whole export as it streams by, keeping no day; BadImport naming the first bad
    record."""
    checker = _Checker()
    try:
        header = _check_header(_stream(handle, checker))
    except _NotJson as exc:
        raise BadImport(f"not an isotrack export: not valid JSON ({exc})") from None
    if checker.problem is not None:
        raise checker.problem
    return header


def parse_export(text: str) -> Export:
    """Check a whole export held in memory and return it (small files and tests)."""
    days: list[DayRecord] = []
    checker = _Checker()

    def keep(n: int, raw: Any) -> None:
        record = checker(n, raw)
        if record is not None:
            days.append(record)

    try:
        header = _check_header(_stream(io.StringIO(text), keep))
    except _NotJson as exc:
        raise BadImport(f"not an isotrack export: not valid JSON ({exc})") from None
    if checker.problem is not None:
        raise checker.problem
    ordered = tuple(sorted(days, key=lambda r: r.day))
    return Export(header.meta, header.settings, header.program, ordered)


def _union(mine: History[T], theirs: History[T]) -> History[T]:
    """Both histories' entries; on the same date, ``mine`` wins."""
    taken = {e.since for e in mine}
    return History([*mine, *(e for e in theirs if e.since not in taken)])


def merge_programs(mine: Program | None, theirs: Program | None) -> Program | None:
    """Merge two programs' histories by date (``mine`` wins on a date both have)."""
    if mine is None or theirs is None:
        return mine or theirs
    targets = {
        ex: _union(mine.targets.get(ex, History()), theirs.targets.get(ex, History()))
        for ex in sorted(mine.targets.keys() | theirs.targets.keys())
    }
    return Program(
        _union(mine.routine, theirs.routine), targets, _union(mine.schedule, theirs.schedule)
    )


def merge_day(mine: DayRecord, theirs: DayRecord, known: IdSet | set[str]) -> DayRecord:
    """``mine`` plus the records of ``theirs`` whose ids are not ``known``; a skip or note
    fills in only where ``mine`` has none. Records stay in time order."""
    sets = [s for s in theirs.sets if s.id not in known]
    pain = [p for p in theirs.pain if p.id not in known]
    merged = replace(
        mine,
        sets=_in_time_order(mine.sets, sets),
        pain=_in_time_order(mine.pain, pain),
        skipped=mine.skipped if mine.skipped is not None else theirs.skipped,
        note=mine.note or theirs.note,
    )
    return mine if merged == mine else merged


def _in_time_order(mine: tuple[Any, ...], added: Iterable[Any]) -> tuple[Any, ...]:
    added = tuple(added)
    if not mine or not added:
        return mine + added
    return tuple(sorted(mine + added, key=lambda r: r.at))


def import_into(store: Store, export: Export) -> ImportResult:
    """Merge a checked export held in memory into the folder, all under one lock."""
    header = Header(export.meta, export.settings, export.program)
    with store.locked():
        return _merge(store, header, lambda add: [add(day) for day in export.days])


def import_file(store: Store, open_file: Callable[[], TextIO]) -> ImportResult:
    """Import an export file in two passes, neither holding the whole history: the first
    checks every record (nothing is written if one is bad, BadImport naming it); the second,
    under the folder's lock, merges it a month at a time. ``open_file`` opens it afresh."""
    with open_file() as handle:
        header = check_export(handle)
    with store.locked(), open_file() as handle:
        return _merge(
            store, header, lambda add: _stream(handle, lambda _n, raw: add(day_from_doc(raw)))
        )


def _merge(
    store: Store, header: Header, read_days: Callable[[Callable[[DayRecord], None]], Any]
) -> ImportResult:
    """Merge the header, then the days ``read_days`` hands to its callback in date order (a
    month is written when the next one starts)."""
    store.update_main(lambda docs: _merged_main(docs, header))  # first: summaries use it
    known = IdSet()
    for record in iter_days(store):
        for r in (*record.sets, *record.pain):
            known.add(r.id)
    result = ImportResult()
    pending: list[DayRecord] = []

    def flush() -> None:
        if pending:
            _merge_month(store, pending, known, result)
            pending.clear()

    def add(record: DayRecord) -> None:
        if pending and (pending[0].day.year, pending[0].day.month) != (
            record.day.year,
            record.day.month,
        ):
            flush()
        pending.append(record)

    read_days(add)
    flush()
    result.days_changed.sort()
    return result


def _merged_main(docs: Docs, header: Header) -> Docs:
    meta = {**header.meta, **docs.get("meta", {})}
    settings = docs.get("settings") or header.settings
    mine = program_from_doc(docs["program"]) if docs.get("program") else None
    program = merge_programs(mine, header.program)
    out = {**docs, "meta": meta, "settings": settings}
    if program is not None:
        out["program"] = program_to_doc(program)
    return out


def _merge_month(store: Store, days: list[DayRecord], known: IdSet, result: ImportResult) -> None:
    """Merge one month's imported days into its file (one write)."""

    def change(current: dict[date, DayRecord]) -> dict[date, DayRecord]:
        out = dict(current)
        for theirs in days:
            mine = out.get(theirs.day) or DayRecord(theirs.day)
            merged = merge_day(mine, theirs, known)
            result.records_known += sum(1 for r in (*theirs.sets, *theirs.pain) if r.id in known)
            if merged is not mine:
                result.sets_added += len(merged.sets) - len(mine.sets)
                result.pain_added += len(merged.pain) - len(mine.pain)
                result.days_changed.append(theirs.day)
                out[theirs.day] = merged
        return out

    first = days[0].day
    store.update_month(first.year, first.month, change, keep=False)
