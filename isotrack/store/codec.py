"""Convert domain records to the plain documents stored in TinyDB files, and back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import Dated, History, Target


class ShapeError(ValueError):
    """A stored document that does not have the expected shape."""


def set_to_doc(record: SetRecord) -> dict[str, Any]:
    """A set as a document (the day is the parent's)."""
    return {
        "id": record.id,
        "ex": record.exercise,
        "side": record.side,
        "reps": record.reps,
        "hold": record.hold,
        "done": record.completed,
        "at": record.at.isoformat(),
    }


def pain_to_doc(entry: PainEntry) -> dict[str, Any]:
    """A pain entry as a document."""
    return {
        "id": entry.id,
        "kind": entry.kind.value,
        "score": entry.score,
        "at": entry.at.isoformat(),
        "note": entry.note,
        "red_flag": entry.red_flag,
    }


def day_to_doc(record: DayRecord) -> dict[str, Any]:
    """One day as one document."""
    return {
        "day": record.day.isoformat(),
        "sets": [set_to_doc(s) for s in record.sets],
        "pain": [pain_to_doc(p) for p in record.pain],
        "skipped": record.skipped,
        "note": record.note,
    }


def day_from_doc(doc: dict[str, Any]) -> DayRecord:
    """A day from its document; ShapeError when it is not one."""
    try:
        day = date.fromisoformat(doc["day"])
        sets = tuple(
            SetRecord(
                id=str(s["id"]),
                exercise=str(s["ex"]),
                day=day,
                reps=int(s["reps"]),
                hold=float(s["hold"]),
                at=datetime.fromisoformat(s["at"]),
                side=s.get("side"),
                completed=bool(s.get("done", True)),
            )
            for s in doc.get("sets", [])
        )
        pain = tuple(
            PainEntry(
                id=str(p["id"]),
                day=day,
                kind=PainKind(p["kind"]),
                score=int(p["score"]),
                at=datetime.fromisoformat(p["at"]),
                note=str(p.get("note", "")),
                red_flag=bool(p.get("red_flag", False)),
            )
            for p in doc.get("pain", [])
        )
        skipped = doc.get("skipped")
        return DayRecord(
            day=day,
            sets=sets,
            pain=pain,
            skipped=None if skipped is None else str(skipped),
            note=str(doc.get("note", "")),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ShapeError(f"a day record has the wrong shape ({exc!r})") from None


def program_to_doc(program: Program) -> dict[str, Any]:
    """The program's three histories as one document."""
    return {
        "routine": [{"since": e.since.isoformat(), "ids": list(e.value)} for e in program.routine],
        "targets": {
            ex: [{"since": e.since.isoformat(), **e.value.as_dict()} for e in history]
            for ex, history in sorted(program.targets.items())
        },
        "schedule": [
            {"since": e.since.isoformat(), "days": e.value.text()} for e in program.schedule
        ],
    }


def program_from_doc(doc: dict[str, Any]) -> Program:
    """The program from its document; ShapeError when it is not one."""
    try:
        routine = History(
            [
                Dated(date.fromisoformat(e["since"]), tuple(map(str, e["ids"])))
                for e in doc["routine"]
            ]
        )
        targets = {
            str(ex): History(
                [
                    Dated(date.fromisoformat(e["since"]), Target(e["sets"], e["reps"], e["hold"]))
                    for e in entries
                ]
            )
            for ex, entries in doc["targets"].items()
        }
        schedule = History(
            [
                Dated(date.fromisoformat(e["since"]), Schedule.parse(e["days"]))
                for e in doc.get("schedule", [])
            ]
        )
        return Program(routine, targets, schedule)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ShapeError(f"the program has the wrong shape ({exc!r})") from None
