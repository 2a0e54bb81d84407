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
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from isotrack.domain.custom import InvalidExercise, merge_own
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.targets import History
from isotrack.errors import BadImport
from isotrack.store.atomic import ensure_dir, write_bytes_atomic
from isotrack.store.codec import (
    ShapeError,
    day_from_doc,
    day_to_doc,
    items,
    meta_from_doc,
    obj,
    program_from_doc,
    program_to_doc,
    settings_from_doc,
    whole,
)
from isotrack.store.store import Docs, Store

FORMAT = "isotrack-export"
# The export's own format version: independent of the folder's data version (version 3
# changed only how days are keyed inside month files, not what an export holds). Version 3
# adds the user's own exercises to the program; versions 1 and 2 read as having none.
EXPORT_SCHEMA = 3
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


def export_doc(store: Store) -> dict[str, Any]:
    """The folder as one JSON-ready document."""
    meta = store.meta()
    meta.pop("schema", None)
    program = store.stored_program()
    return {
        "format": FORMAT,
        "schema": EXPORT_SCHEMA,
        "meta": meta,
        "settings": store.settings().to_dict(),
        "program": program_to_doc(program) if program is not None else None,
        "days": [day_to_doc(r) for r in store.all_days().values() if not r.empty],
    }


def export_json(store: Store) -> str:
    """The export as stable, indented JSON text."""
    return json.dumps(export_doc(store), sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def write_export(store: Store, day: date) -> Path:
    """Write the JSON export into the data folder's ``exports/`` (named by ``day``)."""
    folder = store.root / "exports"
    ensure_dir(folder)
    path = folder / f"isotrack-export-{day.isoformat()}.json"
    write_bytes_atomic(path, export_json(store).encode())
    return path


def export_csv(store: Store) -> str:
    """One row per set, with a header row, for spreadsheets."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    program = store.stored_program() or Program(History())
    for record in store.all_days().values():
        for s in record.sets:
            writer.writerow(
                (
                    record.day.isoformat(),
                    s.exercise,
                    _name(program, s.exercise, record.day),
                    s.side or "",
                    s.reps,
                    f"{s.hold:g}",
                    "yes" if s.completed else "no",
                    s.at.isoformat(),
                    s.id,
                )
            )
    return out.getvalue()


def _name(program: Program, exercise_id: str, day: date) -> str:
    """An exercise's name on ``day`` (the id itself for a set whose exercise is unknown)."""
    return program.exercise(exercise_id, day).name if program.knows(exercise_id) else exercise_id


# -- import ----------------------------------------------------------------------------------


def parse_export(text: str) -> Export:
    """Check a whole export file; BadImport naming the first bad record."""
    try:
        raw = json.loads(text)
    except ValueError as exc:
        raise BadImport(f"not an isotrack export: not valid JSON ({exc})") from None
    try:
        doc = obj(raw, "the file")
    except ShapeError as exc:
        raise BadImport(f"not an isotrack export: {exc}") from None
    if doc.get("format") != FORMAT:
        raise BadImport(f'not an isotrack export (no "format": "{FORMAT}")')
    try:
        schema = whole(doc, "schema", "the export", 1, 10**6)
        meta = meta_from_doc(doc.get("meta", {}))
        settings = settings_from_doc(doc.get("settings", {})).to_dict()
        program_doc = doc.get("program")
        program = program_from_doc(program_doc) if program_doc else None
        raw_days = items(doc.get("days", []), "'days'")
    except ShapeError as exc:
        raise BadImport(str(exc)) from None
    if schema > EXPORT_SCHEMA:
        raise BadImport(
            f"made by a newer isotrack (data version {schema}; this reads {EXPORT_SCHEMA})"
        )
    meta.pop("schema", None)
    days: dict[date, DayRecord] = {}
    seen: set[str] = set()
    for n, raw_day in enumerate(raw_days):
        where = f"record days[{n}]"
        try:
            record = day_from_doc(raw_day, where)
        except ShapeError as exc:
            raise BadImport(f"{where}: {exc}") from None
        if record.day in days:
            raise BadImport(f"{where}: day {record.day.isoformat()} appears twice")
        for r in (*record.sets, *record.pain):
            if r.id in seen:
                raise BadImport(f"{where} (day {record.day.isoformat()}): id {r.id} used twice")
            seen.add(r.id)
        days[record.day] = record
    return Export(meta, settings, program, tuple(sorted(days.values(), key=lambda r: r.day)))


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


def merge_day(mine: DayRecord, theirs: DayRecord, known: set[str]) -> DayRecord:
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
    """Merge a checked export into the folder, all under one lock."""
    result = ImportResult()
    with store.locked():
        merge_programs(store.stored_program(), export.program)  # refused before any write
        existing = store.all_days()
        known = {r.id for d in existing.values() for r in (*d.sets, *d.pain)}
        changed: list[DayRecord] = []
        for theirs in export.days:
            mine = existing.get(theirs.day) or DayRecord(theirs.day)
            merged = merge_day(mine, theirs, known)
            result.records_known += sum(1 for r in (*theirs.sets, *theirs.pain) if r.id in known)
            if merged is not mine:
                result.sets_added += len(merged.sets) - len(mine.sets)
                result.pain_added += len(merged.pain) - len(mine.pain)
                result.days_changed.append(theirs.day)
                changed.append(merged)

        def main_change(docs: Docs) -> Docs:
            meta = {**export.meta, **docs.get("meta", {})}
            settings = docs.get("settings") or export.settings
            mine = program_from_doc(docs["program"]) if docs.get("program") else None
            program = merge_programs(mine, export.program)
            out = {**docs, "meta": meta, "settings": settings}
            if program is not None:
                out["program"] = program_to_doc(program)
            return out

        store.update_main(main_change)
        store.write_days(changed)
    return result
