"""The export's own format: readable keys, its own version, and rows for spreadsheets.

An export says which version of this format it is in ``schema``, counted apart from the data
files' version. Version 3 writes whole-word keys (``exercise``, ``completed``, ``date``);
versions 1 and 2 (exports made before it) used the data files' short keys (``ex``, ``done``,
``day``) and are still read. The data files keep their own keys.

CSV rows give every time at one precision, whole seconds with the UTC offset, so a spreadsheet
sorts and parses them alike; ``excel`` puts a UTF-8 byte-order mark first, which spreadsheet
programs need to read accented text (such as exercise names) correctly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from datetime import date
from typing import Any

from isotrack.domain.records import DayRecord, PainEntry, SetRecord
from isotrack.presentation.safe_text import csv_cell
from isotrack.store.codec import ShapeError, day_from_doc, day_to_doc, obj

EXPORT_SCHEMA = 3  # readable keys; 1 and 2 wrote the data files' keys
FIRST_READABLE = 3
# Readable export key -> the data file's key, for the keys that differ.
SET_KEYS = {"exercise": "ex", "completed": "done"}
DAY_KEYS = {"date": "day"}
BOM = "\ufeff"

SETS_HEADER = (
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
PAIN_HEADER = ("date", "kind", "score", "red_flag", "note", "at", "id")


def _spelt_out(doc: dict[str, Any], keys: dict[str, str]) -> dict[str, Any]:
    """A stored document with its short keys spelt out (``keys``: readable -> stored)."""
    readable = {short: long for long, short in keys.items()}
    return {readable.get(key, key): value for key, value in doc.items()}


def day_to_export(record: DayRecord) -> dict[str, Any]:
    """One day with readable keys: the stored document, its sets' and its own short keys
    spelt out (pain entries are stored with whole words already, corrections included)."""
    doc = day_to_doc(record)
    doc["sets"] = [_spelt_out(s, SET_KEYS) for s in doc["sets"]]
    return _spelt_out(doc, DAY_KEYS)


def _renamed(doc: dict[str, Any], keys: dict[str, str], what: str) -> dict[str, Any]:
    out = dict(doc)
    for readable, stored in keys.items():
        if stored in out:
            raise ShapeError(f"{what}: '{stored}' is an old key; this export uses '{readable}'")
        if readable in out:
            out[stored] = out.pop(readable)
    return out


def day_from_export(value: Any, schema: int | None, what: str) -> DayRecord:
    """A day of an export of ``schema``, checked as strictly as the data files' days.

    ``schema`` None: tell the keys from the day itself (a streamed import meets the days
    before the version, which sorts after them); :func:`readable_day` says which it was.
    """
    doc = obj(value, what)
    readable = readable_day(doc) if schema is None else schema >= FIRST_READABLE
    if not readable:
        return day_from_doc(doc, what)
    doc = _renamed(doc, DAY_KEYS, what)
    sets = doc.get("sets")
    if isinstance(sets, list):
        doc["sets"] = [
            _renamed(s, SET_KEYS, f"{what}, set {n}") if isinstance(s, dict) else s
            for n, s in enumerate(sets, 1)
        ]
    return day_from_doc(doc, what)


def readable_day(doc: dict[str, Any]) -> bool:
    """True when an export's day uses whole-word keys (``date``, not ``day``)."""
    return "day" not in doc


def seconds(record: SetRecord | PainEntry) -> str:
    """The record's time at whole seconds with its UTC offset."""
    return record.at.isoformat(timespec="seconds")


def set_rows(
    days: Iterable[DayRecord], name: Callable[[str, date], str]
) -> Iterator[tuple[object, ...]]:
    """One spreadsheet row per set, header first (``name``: an exercise's name on a day)."""
    yield SETS_HEADER
    for record in days:
        for s in record.sets:
            yield (
                record.day.isoformat(),
                csv_cell(s.exercise),
                csv_cell(name(s.exercise, record.day)),
                csv_cell(s.side or ""),
                s.reps,
                f"{s.hold:g}",
                "yes" if s.completed else "no",
                seconds(s),
                csv_cell(s.id),
            )


def pain_rows(days: Iterable[DayRecord]) -> Iterator[tuple[object, ...]]:
    """One spreadsheet row per pain score, header first."""
    yield PAIN_HEADER
    for record in days:
        for p in record.pain:
            yield (
                record.day.isoformat(),
                p.kind.value,
                p.score,
                "yes" if p.red_flag else "no",
                csv_cell(p.note),
                seconds(p),
                csv_cell(p.id),
            )
