"""Export and import: the whole folder as one stable JSON document, or every set as CSV.

The JSON export holds meta, settings, the program's routine, target and schedule histories,
and every day with its sets, pain entries, skip and note; keys are sorted and days are in date
order, so exporting the same data twice gives the same bytes. Importing validates the whole
file before writing anything, then merges: records are matched by their stable ids, days by
date, and program histories by the date each entry applies from; what the folder already holds
wins over the file.
"""

from __future__ import annotations

import bisect
import csv
import heapq
import io
import json
from array import array
from collections.abc import Callable, Container, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, TextIO, TypeVar

from isotrack.domain.custom import InvalidExercise, merge_own
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.targets import History
from isotrack.errors import BadImport
from isotrack.store import safe_json
from isotrack.store.atomic import atomic_writer, ensure_dir
from isotrack.store.codec import (
    ShapeError,
    items,
    meta_from_doc,
    program_from_doc,
    program_to_doc,
    settings_from_doc,
    whole,
)
from isotrack.store.digest import blake2b
from isotrack.store.export_format import (
    BOM,
    EXPORT_SCHEMA,
    day_from_export,
    day_to_export,
    pain_rows,
    set_rows,
)
from isotrack.store.store import Docs, Store

FORMAT = "isotrack-export"

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
        yield from (r for r in _month_days(store, year, month) if not r.empty)


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
    return {**_header(store), "days": [day_to_export(r) for r in iter_days(store)]}


def _dumps(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)


def export_chunks(store: Store) -> Iterator[str]:
    """The JSON export as pieces of text, one day at a time: byte for byte what
    ``json.dumps(export_doc(store), sort_keys=True, indent=2, ensure_ascii=False) + "\n"``
    gives, without holding the history ("days" sorts first among the keys)."""
    yield '{\n  "days": ['
    empty = True
    for record in iter_days(store):
        text = _dumps(day_to_export(record)).replace("\n", "\n    ")
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


def csv_chunks(store: Store, what: str = "sets", excel: bool = False) -> Iterator[str]:
    """One row per set (``what="pain"``: per pain score), with a header row, for
    spreadsheets; a month at a time. ``excel`` starts it with a UTF-8 byte-order mark."""
    out = io.StringIO()
    if excel:
        out.write(BOM)
    writer = csv.writer(out, lineterminator="\n")
    program = store.stored_program() or Program(History())
    rows = (
        pain_rows(iter_days(store))
        if what == "pain"
        else set_rows(iter_days(store), lambda exercise, day: _name(program, exercise, day))
    )
    for row in rows:
        writer.writerow(row)
        if out.tell() > 1 << 16:
            yield out.getvalue()
            out.seek(0)
            out.truncate()
    yield out.getvalue()


def _name(program: Program, exercise_id: str, day: date) -> str:
    """An exercise's name on ``day`` (the id itself for a set whose exercise is unknown)."""
    return program.exercise(exercise_id, day).name if program.knows(exercise_id) else exercise_id


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
                safe_json.check_depth(value, safe_json.IMPORT_DEPTH - 1)  # (inside the file)
            except json.JSONDecodeError as exc:
                if self._fill():
                    continue
                raise _NotJson(str(exc)) from None
            except (RecursionError, safe_json.JSONRefused):
                raise _NotJson(f"nests deeper than {safe_json.IMPORT_DEPTH} levels") from None
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
        if schema > EXPORT_SCHEMA:
            raise BadImport(
                f"made by a newer isotrack (export version {schema}; this reads up to "
                f"{EXPORT_SCHEMA})"
            )
        meta = meta_from_doc(doc.get("meta", {}))
        settings = settings_from_doc(doc.get("settings", {})).to_dict()
        program_doc = doc.get("program")
        program = program_from_doc(program_doc) if program_doc else None
        items(doc.get("days", []), "'days'")
    except ShapeError as exc:
        raise BadImport(str(exc)) from None
    meta.pop("schema", None)
    return Header(meta, settings, program)


def _hash(record_id: str) -> int:
    return int.from_bytes(blake2b(record_id.encode(), digest_size=8).digest(), "big")


class IdHashes:
    """Record ids held as 8-byte hashes in sorted arrays, each with a tag (where the id was
    seen), so a long history's hundreds of thousands of ids take a few MiB. A hash says only
    "maybe": callers confirm a hit against the real ids the tag points to."""

    CHUNK = 1 << 12  # ids waiting, as pairs of Python ints, before they are packed

    def __init__(self, tagged: bool = True) -> None:
        self._tagged = tagged  # False: every id's tag is 0 and none is kept (an export's check)
        self._chunks: list[tuple[array[int], array[int]]] = []
        self._pending: list[tuple[int, int]] = []

    def add(self, record_id: str, tag: int = 0) -> None:
        self._pending.append((_hash(record_id), tag))
        if len(self._pending) >= self.CHUNK:
            self._flush()

    def _flush(self) -> None:
        self._pending.sort()
        hashes = array("Q", (h for h, _ in self._pending))
        tags = array("I", (t for _, t in self._pending) if self._tagged else ())
        self._chunks.append((hashes, tags))
        self._pending.clear()

    def _merged(self) -> tuple[array[int], array[int]]:
        assert self._tagged, "an untagged set of hashes is only asked what repeats"
        if self._pending or len(self._chunks) != 1:
            self._flush()
            merged = heapq.merge(*(zip(h, t, strict=True) for h, t in self._chunks))
            hashes, tags = array("Q"), array("I")
            for h, t in merged:
                hashes.append(h)
                tags.append(t)
            self._chunks = [(hashes, tags)]
        return self._chunks[0]

    def tags(self, record_id: str) -> list[int]:
        """The tags of every id with this id's hash (usually none, or the id's own)."""
        hashes, tags = self._merged()
        number = _hash(record_id)
        at = bisect.bisect_left(hashes, number)
        found = []
        while at < len(hashes) and hashes[at] == number:
            found.append(tags[at])
            at += 1
        return found

    def repeated(self) -> set[int]:
        """Hashes added more than once (a repeated id, or rarely two ids that share one).
        The sorted chunks are walked in step, not merged into a copy: an export's check
        holds each id's hash once, not twice."""
        if self._pending:
            self._flush()
        merged = heapq.merge(*(hashes for hashes, _tags in self._chunks))
        found: set[int] = set()
        previous = None
        for number in merged:
            if number == previous:
                found.add(number)
            previous = number
        return found


class _Known:
    """The ids the folder held before an import, asked month by month: the month being
    merged is checked exactly; a hash hit elsewhere is confirmed by reading that month."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self._months = store.months()
        self._hashes = IdHashes()
        for tag, (year, month) in enumerate(self._months):
            for record in _month_days(store, year, month):
                for r in (*record.sets, *record.pain):
                    self._hashes.add(r.id, tag)
        self.here: set[str] = set()  # the ids of the month being merged
        self._seen: tuple[int, set[str]] | None = None

    def __contains__(self, record_id: object) -> bool:
        if not isinstance(record_id, str):
            return False
        if record_id in self.here:
            return True
        return any(record_id in self._ids(tag) for tag in self._hashes.tags(record_id))

    def _ids(self, tag: int) -> set[str]:
        if self._seen is None or self._seen[0] != tag:
            days = _month_days(self._store, *self._months[tag])
            self._seen = (tag, {r.id for d in days for r in (*d.sets, *d.pain)})
        return self._seen[1]


def _month_days(store: Store, year: int, month: int) -> list[DayRecord]:
    first = date(year, month, 1)
    last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
    return list(store.days(first, last, keep=False).values())


class _Checker:
    """Checks each day of an export as it is read: the first problem is kept (and told after
    the fields, so a file that is no export says that first)."""

    def __init__(self, today: date | None = None) -> None:
        self.today = today  # a day after it is refused, as `log` refuses it
        self.days: set[date] = set()
        self.ids = IdHashes(tagged=False)
        self.problem: BadImport | None = None
        self.find: set[int] = set()  # hashes seen twice: which id repeats, and where
        self.found: set[str] = set()

    def __call__(self, n: int, raw: Any) -> DayRecord | None:
        if self.problem is not None:
            return None
        where = f"record days[{n}]"
        try:
            record = day_from_export(raw, None, where)
        except ShapeError as exc:
            self.problem = BadImport(f"{where}: {exc}")
            return None
        if record.day in self.days:
            self.problem = BadImport(f"{where}: day {record.day.isoformat()} appears twice")
            return None
        if self.today is not None and record.day > self.today:
            self.problem = BadImport(f"{where}: day {record.day} is in the future")
            return None
        self.days.add(record.day)
        for r in (*record.sets, *record.pain):
            if self.find and _hash(r.id) in self.find:
                if r.id in self.found:
                    day = record.day.isoformat()
                    self.problem = BadImport(f"{where} (day {day}): id {r.id} used twice")
                    return None
                self.found.add(r.id)
            self.ids.add(r.id)
        return record


def check_export(open_file: Callable[[], TextIO], today: date | None = None) -> Header:
    """Check a whole export as it streams by, keeping no day; BadImport naming the first bad
    record (a repeated id is then looked for in a second pass, to name where it repeats)."""
    checker = _Checker(today)
    header = _checked(open_file, checker)
    repeated = checker.ids.repeated()
    if repeated:
        finder = _Checker()
        finder.find = repeated
        _checked(open_file, finder)
    return header


def _checked(open_file: Callable[[], TextIO], checker: _Checker) -> Header:
    try:
        with open_file() as handle:
            header = _check_header(_stream(handle, checker))
    except _NotJson as exc:
        raise BadImport(f"not an isotrack export: not valid JSON ({exc})") from None
    if checker.problem is not None:
        raise checker.problem
    return header


def parse_export(text: str) -> Export:
    """Check a whole export held in memory and return it (small files and tests)."""
    header = check_export(lambda: io.StringIO(text))
    days: list[DayRecord] = []
    _stream(io.StringIO(text), lambda _n, raw: days.append(day_from_export(raw, None, "a day")))
    ordered = tuple(sorted(days, key=lambda r: r.day))
    return Export(header.meta, header.settings, header.program, ordered)


def _union(mine: History[T], theirs: History[T]) -> History[T]:
    """Both histories' entries; on the same date, ``mine`` wins."""
    taken = {e.since for e in mine}
    return History([*mine, *(e for e in theirs if e.since not in taken)])


def merge_programs(mine: Program | None, theirs: Program | None) -> Program | None:
    """Merge two programs' histories by date (``mine`` wins on a date both have); own
    exercises merge by id (BadImport when the file's differs from mine under one id)."""
    if mine is None or theirs is None:
        return mine or theirs
    try:
        own = merge_own(mine.custom, theirs.custom)
    except InvalidExercise as exc:
        raise BadImport(str(exc)) from None
    targets = {
        ex: _union(mine.targets.get(ex, History()), theirs.targets.get(ex, History()))
        for ex in sorted(mine.targets.keys() | theirs.targets.keys())
    }
    return Program(
        _union(mine.routine, theirs.routine),
        targets,
        _union(mine.schedule, theirs.schedule),
        own,
    )


def merge_day(mine: DayRecord, theirs: DayRecord, known: Container[str]) -> DayRecord:
    """``mine`` plus the records of ``theirs`` whose ids are not ``known``; a skip or note
    fills in only where ``mine`` has none. Records stay in time order."""
    sets = [s for s in theirs.sets if s.id not in known]
    pain = [p for p in theirs.pain if p.id not in known]
    merged = mine._replace(
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


def import_file(
    store: Store, open_file: Callable[[], TextIO], today: date | None = None
) -> ImportResult:
    """Import an export file in two passes, neither holding the whole history: the first
    checks every record (nothing is written if one is bad, BadImport naming it); the second,
    under the folder's lock, merges it a month at a time. ``open_file`` opens it afresh."""
    header = check_export(open_file, today)
    with store.locked(), open_file() as handle:
        return _merge(
            store,
            header,
            lambda add: _stream(handle, lambda _n, raw: add(day_from_export(raw, None, "a day"))),
        )


def _merge(
    store: Store, header: Header, read_days: Callable[[Callable[[DayRecord], None]], Any]
) -> ImportResult:
    """Merge the header, then the days ``read_days`` hands to its callback in date order (a
    month is written when the next one starts)."""
    store.update_main(lambda docs: _merged_main(docs, header))  # first: summaries use it
    known = _Known(store)
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


def _merge_month(store: Store, days: list[DayRecord], known: _Known, result: ImportResult) -> None:
    """Merge one month's imported days into its file (one write)."""

    def change(current: dict[date, DayRecord]) -> dict[date, DayRecord]:
        known.here = {r.id for d in current.values() for r in (*d.sets, *d.pain)}
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
