"""Convert domain records to the plain documents stored in files, and back, strictly.

Decoding checks every field's type and range, so a file of the wrong shape is refused with a
message saying which record and which field, instead of failing later in the app.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any, TypeVar

from isotrack.domain.catalogue import BY_ID
from isotrack.domain.days import EARLIEST_DAY
from isotrack.domain.exercise import SIDES, Exercise, InvalidExercise, Mode
from isotrack.domain.ids import ID_SHAPE
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainChange, PainEntry, PainKind, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.settings import InvalidSetting, Settings
from isotrack.domain.targets import Dated, History, Target

T = TypeVar("T")


class ShapeError(ValueError):
    """A stored document that does not have the expected shape; the message says where."""


# -- typed field access ----------------------------------------------------------------------


def obj(value: Any, what: str) -> dict[str, Any]:
    """``value`` if it is a JSON object."""
    if not isinstance(value, dict):
        raise ShapeError(f"{what} is not an object")
    return value


def items(value: Any, what: str) -> list[Any]:
    """``value`` if it is a JSON list."""
    if not isinstance(value, list):
        raise ShapeError(f"{what} is not a list")
    return value


def _get(doc: dict[str, Any], key: str, what: str) -> Any:
    try:
        return doc[key]
    except KeyError:
        raise ShapeError(f"{what} has no '{key}'") from None


def text(doc: dict[str, Any], key: str, what: str, default: str | None = None) -> str:
    """A string field (``default`` when absent, if given)."""
    value = doc.get(key, default) if default is not None else _get(doc, key, what)
    if not isinstance(value, str):
        raise ShapeError(f"{what}: '{key}' is not text")
    return value


def whole(doc: dict[str, Any], key: str, what: str, low: int, high: int) -> int:
    """A whole-number field within ``low``..``high``."""
    value = _get(doc, key, what)
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise ShapeError(f"{what}: '{key}' must be a whole number from {low} to {high}")
    return value


def number(doc: dict[str, Any], key: str, what: str, low: float, high: float) -> float:
    """A numeric field within ``low``..``high``."""
    value = _get(doc, key, what)
    if not isinstance(value, int | float) or isinstance(value, bool) or not low <= value <= high:
        raise ShapeError(f"{what}: '{key}' must be a number from {low:g} to {high:g}")
    return float(value)


def flag(doc: dict[str, Any], key: str, what: str, default: bool) -> bool:
    """A true/false field (``default`` when absent)."""
    value = doc.get(key, default)
    if not isinstance(value, bool):
        raise ShapeError(f"{what}: '{key}' must be true or false")
    return value


def _parsed(doc: dict[str, Any], key: str, what: str, parse: Callable[[str], T], shape: str) -> T:
    """A text field read by ``parse``; ``shape`` names what it must be when it cannot."""
    value = text(doc, key, what)
    try:
        return parse(value)
    except ValueError:
        raise ShapeError(f"{what}: '{key}' is not {shape}") from None


def day_field(doc: dict[str, Any], key: str, what: str) -> date:
    """A YYYY-MM-DD date field."""
    day = _parsed(doc, key, what, date.fromisoformat, "a YYYY-MM-DD date")
    if day < EARLIEST_DAY:  # a routine from year 1 made every streak walk 2000 years
        raise ShapeError(f"{what}: '{key}' {doc[key]} is before {EARLIEST_DAY}")
    return day


def instant(doc: dict[str, Any], key: str, what: str) -> datetime:
    """An ISO-8601 date and time with a UTC offset."""
    moment = _parsed(doc, key, what, datetime.fromisoformat, "an ISO date and time")
    if moment.tzinfo is None:
        raise ShapeError(f"{what}: '{key}' has no UTC offset")
    return moment


def record_id(doc: dict[str, Any], what: str) -> str:
    """A record's non-empty id."""
    value = text(doc, "id", what)
    if not value.strip():
        raise ShapeError(f"{what}: 'id' is empty")
    return value


# -- days ------------------------------------------------------------------------------------

MAX_HOLD = 3600.0  # seconds; generous upper bound for a recorded hold
MAX_REPS = 1000


def exercise_sides(exercise_id: str) -> tuple[str, ...] | None:
    """The sides a stored set of this exercise may name; None when the id is not usable.

    A built-in's sides are known; an own exercise's id only needs the shape of one (its
    definition lives in the program, and its sides may change with an edit).
    """
    builtin = BY_ID.get(exercise_id)
    if builtin is not None:
        return builtin.sides
    return SIDES if ID_SHAPE.match(exercise_id) else None


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
        **({"history": [change_to_doc(c) for c in entry.history]} if entry.history else {}),
    }


CHANGE_TEXTS = ("by", "field", "before", "after")  # a correction's fields stored as text


def change_to_doc(change: PainChange) -> dict[str, Any]:
    """One correction of a pain entry as a document: its time, then its texts."""
    return {"at": change.at.isoformat(), **{name: getattr(change, name) for name in CHANGE_TEXTS}}


def change_from_doc(value: Any, what: str) -> PainChange:
    """One correction of a pain entry from its document."""
    doc = obj(value, what)
    texts = {name: text(doc, name, what) for name in CHANGE_TEXTS}
    return PainChange(at=instant(doc, "at", what), **texts)


# An earlier record of a day with the document it was read from or written to.
Like = tuple[DayRecord, dict[str, Any]]


def day_to_doc(record: DayRecord, like: Like | None = None) -> dict[str, Any]:
    """One day as one document.

    ``like`` is an earlier record of the day with its document: the documents of the sets and
    pain entries the two records share (the same objects) are taken from it rather than made
    again, so a tick that adds one set to a day of twenty encodes one set.
    """
    return _day_doc(record, like)[0]


Taken = dict[int, Any]  # a record's id -> the document of it taken from an earlier one


def _day_doc(record: DayRecord, like: Like | None) -> tuple[dict[str, Any], Taken, Taken]:
    """:func:`day_to_doc`, with the set and pain documents it could take from ``like``'s
    document (by the id of their records)."""
    old, (sets, pain) = _documents(like)
    set_docs = dict(zip(map(id, old.sets), sets, strict=True)) if sets else {}
    pain_docs = dict(zip(map(id, old.pain), pain, strict=True)) if pain else {}
    doc = {
        "day": record.day.isoformat(),
        "sets": [set_docs.get(id(s)) or set_to_doc(s) for s in record.sets],
        "pain": [pain_docs.get(id(p)) or pain_to_doc(p) for p in record.pain],
        "skipped": record.skipped,
        "note": record.note,
    }
    return doc, set_docs, pain_docs


AT = SetRecord._fields.index("at")


def checked_day_to_doc(record: DayRecord, like: Like | None = None) -> tuple[dict[str, Any], bool]:
    """:func:`day_to_doc`, with the document checked as :func:`day_from_doc` checks one read
    from a file (ShapeError naming what is wrong), and True when decoding it would give back
    ``record`` itself.

    The set and pain documents taken from ``like``'s document (of the same day) were checked
    when it was decoded, and are not checked again; every other part is decoded strictly, so
    a tick checks the set it adds, not its whole day (and the write need not decode the day
    again).
    """
    doc, set_docs, pain_docs = _day_doc(record, like)
    if like is not None and like[0].day != record.day:  # (never so: checked in full then)
        set_docs, pain_docs = {}, {}
    new_sets = [n for n, s in enumerate(record.sets) if id(s) not in set_docs]
    new_pain = [n for n, p in enumerate(record.pain) if id(p) not in pain_docs]
    day = day_field(doc, "day", "a day record")
    what = f"day {day.isoformat()}"
    same = day == record.day and type(record.sets) is tuple and type(record.pain) is tuple
    for n in new_sets:
        found = set_from_doc(doc["sets"][n], day, f"{what}, set {n + 1}")
        kept = record.sets[n]
        # (its time is the same instant, being written with its offset: the rest must match,
        # and comparing times in two zones asks the system zone for offsets)
        same = same and found[:AT] == kept[:AT] and found[AT + 1 :] == kept[AT + 1 :]
    for n in new_pain:
        found_pain = pain_from_doc(doc["pain"][n], day, f"{what}, pain entry {n + 1}")
        same = same and found_pain == record.pain[n]
    ids = [s["id"] for s in doc["sets"]] + [p["id"] for p in doc["pain"]]
    if len(set(ids)) != len(ids):
        raise ShapeError(f"{what}: two records share an id")
    skipped = doc["skipped"]
    if skipped is not None and not isinstance(skipped, str):
        raise ShapeError(f"{what}: 'skipped' must be text or null")
    text(doc, "note", what, "")
    return doc, same


_NO_DAY = DayRecord(EARLIEST_DAY)


def _documents(like: Like | None) -> tuple[DayRecord, tuple[list[Any], list[Any]]]:
    """``like``'s record, with the documents of its sets and of its pain entries, in order
    (none when the document's lists do not match the record's), for the callers to pair in C
    (a tick pairs a day's every set with its document twice)."""
    if like is None:
        return _NO_DAY, ([], [])
    old, doc = like
    sets, pain = doc.get("sets"), doc.get("pain")
    if not (
        type(sets) is list
        and type(pain) is list
        and len(sets) == len(old.sets)
        and len(pain) == len(old.pain)
    ):
        return old, ([], [])
    return old, (sets, pain)


def set_from_doc(value: Any, day: date, what: str) -> SetRecord:
    """A set of ``day`` from its document.

    The usual well-formed document passes the same checks inline (sets are most of a month
    file, so this halves the time to read one); anything else takes the step-by-step path
    that names what is wrong.
    """
    if type(value) is dict:
        ex, rid, reps, hold = value.get("ex"), value.get("id"), value.get("reps"), value.get("hold")
        at, side, done = value.get("at"), value.get("side"), value.get("done", True)
        sides = exercise_sides(ex) if type(ex) is str else None
        if (
            sides is not None
            and (side is None or side in sides)
            and type(rid) is str
            and rid.strip()
            and type(reps) is int
            and 0 <= reps <= MAX_REPS
            and type(hold) in (int, float)
            and 0 <= hold <= MAX_HOLD
            and type(at) is str
            and type(done) is bool
        ):
            try:
                moment: datetime | None = datetime.fromisoformat(at)
            except ValueError:
                moment = None
            if moment is not None and moment.tzinfo is not None:
                return SetRecord(rid, ex, day, reps, float(hold), moment, side, done)
    return _checked_set_from_doc(value, day, what)


def _checked_set_from_doc(value: Any, day: date, what: str) -> SetRecord:
    """:func:`set_from_doc` step by step: a ShapeError naming the field that is wrong."""
    doc = obj(value, what)
    exercise = text(doc, "ex", what)
    sides = exercise_sides(exercise)
    if sides is None:
        raise ShapeError(f"{what}: unknown exercise '{exercise}'")
    side = doc.get("side")
    if side is not None and side not in sides:
        raise ShapeError(f"{what}: '{side}' is not a side of {exercise}")
    return SetRecord(
        id=record_id(doc, what),
        exercise=exercise,
        day=day,
        reps=whole(doc, "reps", what, 0, MAX_REPS),
        hold=number(doc, "hold", what, 0, MAX_HOLD),
        at=instant(doc, "at", what),
        side=side,
        completed=flag(doc, "done", what, True),
    )


PAIN_KINDS = frozenset(k.value for k in PainKind)


def pain_from_doc(value: Any, day: date, what: str) -> PainEntry:
    """A pain entry of ``day`` from its document."""
    doc = obj(value, what)
    kind = text(doc, "kind", what)
    if kind not in PAIN_KINDS:
        raise ShapeError(f"{what}: unknown pain kind '{kind}'")
    return PainEntry(
        id=record_id(doc, what),
        day=day,
        kind=PainKind(kind),
        score=whole(doc, "score", what, 0, 10),
        at=instant(doc, "at", what),
        note=text(doc, "note", what, ""),
        red_flag=flag(doc, "red_flag", what, False),
        history=tuple(
            change_from_doc(c, f"{what}, change {n}")
            for n, c in enumerate(items(doc.get("history", []), f"{what}: 'history'"), 1)
        ),
    )


def day_from_doc(value: Any, what: str = "a day record", like: Like | None = None) -> DayRecord:
    """A day from its document; ShapeError naming the record and field when it is not one.

    ``like`` is an earlier record of the same day with the document it was decoded from: the
    set and pain documents the two documents share (the same objects, checked then and never
    changed in place) keep their records instead of being decoded again.
    """
    doc = obj(value, what)
    day = day_field(doc, "day", what)
    old, (set_docs, pain_docs) = _documents(like if like is None or like[0].day == day else None)
    sets_known = dict(zip(map(id, set_docs), old.sets, strict=True)) if set_docs else {}
    pain_known = dict(zip(map(id, pain_docs), old.pain, strict=True)) if pain_docs else {}
    what = f"day {day.isoformat()}"
    sets = tuple(
        sets_known.get(id(s)) or set_from_doc(s, day, f"{what}, set {n}")
        for n, s in enumerate(items(doc.get("sets", []), f"{what}: 'sets'"), 1)
    )
    pain = tuple(
        pain_known.get(id(p)) or pain_from_doc(p, day, f"{what}, pain entry {n}")
        for n, p in enumerate(items(doc.get("pain", []), f"{what}: 'pain'"), 1)
    )
    ids = [r.id for r in (*sets, *pain)]
    if len(set(ids)) != len(ids):
        raise ShapeError(f"{what}: two records share an id")
    skipped = doc.get("skipped")
    if skipped is not None and not isinstance(skipped, str):
        raise ShapeError(f"{what}: 'skipped' must be text or null")
    return DayRecord(
        day=day, sets=sets, pain=pain, skipped=skipped, note=text(doc, "note", what, "")
    )


# -- program and settings --------------------------------------------------------------------


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
        "custom": own_to_doc(program),
    }


def exercise_to_doc(exercise: Exercise) -> dict[str, Any]:
    """One definition of an own exercise as a document (without its date)."""
    return {
        "name": exercise.name,
        "mode": exercise.mode.value,
        "sided": exercise.sided,
        "sets": exercise.sets,
        "reps": exercise.reps,
        "hold": exercise.hold,
        "cues": list(exercise.cue_lines),
        "next": exercise.next,
    }


def own_to_doc(program: Program) -> dict[str, Any]:
    """The user's own exercises: each id's dated definitions."""
    return {
        exercise_id: [{"since": e.since.isoformat(), **exercise_to_doc(e.value)} for e in history]
        for exercise_id, history in sorted(program.custom.items())
    }


def _history(value: Any, what: str, parse: Any) -> History[Any]:
    entries: list[Dated[Any]] = []
    for n, raw in enumerate(items(value, what), 1):
        where = f"{what} entry {n}"
        doc = obj(raw, where)
        entries.append(Dated(day_field(doc, "since", where), parse(doc, where)))
    days = [e.since for e in entries]
    if len(set(days)) != len(days):
        raise ShapeError(f"{what} has two entries for the same day")
    return History(entries)


def _routine(doc: dict[str, Any], where: str) -> tuple[str, ...]:
    ids = items(_get(doc, "ids", where), f"{where}: 'ids'")
    for exercise_id in ids:
        if not isinstance(exercise_id, str):
            raise ShapeError(f"{where}: unknown exercise {exercise_id!r}")
    return tuple(ids)


def _exercise_parser(exercise_id: str) -> Any:
    """A parser of one dated definition of the own exercise ``exercise_id``."""
    from isotrack.domain.custom import ExerciseSpec, build  # (a program with own exercises)

    def parse(doc: dict[str, Any], where: str) -> Exercise:
        mode = text(doc, "mode", where)
        if mode not in {m.value for m in Mode}:
            raise ShapeError(f"{where}: unknown mode '{mode}'")
        cues = items(doc.get("cues", []), f"{where}: 'cues'")
        following = doc.get("next")
        if not all(isinstance(c, str) for c in cues) or not isinstance(following, str | None):
            raise ShapeError(f"{where}: 'cues' and 'next' must be text")
        spec = ExerciseSpec(
            name=text(doc, "name", where),
            mode=Mode(mode),
            sided=flag(doc, "sided", where, False),
            sets=whole(doc, "sets", where, 1, 10),
            reps=None if mode == Mode.MAX else whole(doc, "reps", where, 1, 50),
            hold=whole(doc, "hold", where, 1, 600),
            cues=tuple(cues),
            next=following,
        )
        try:
            return build(exercise_id, spec, {}, None, stored=True)
        except InvalidExercise as exc:
            raise ShapeError(f"{where}: {exc}") from None

    return parse


def _own_exercises(value: Any) -> dict[str, Any]:
    own = {}
    for exercise_id, entries in obj(value, "the own exercises").items():
        from isotrack.domain.custom import check_new_id  # loaded only when there are some

        try:
            check_new_id(exercise_id, {})
        except InvalidExercise as exc:
            raise ShapeError(f"the own exercises: {exc}") from None
        what = f"the definitions of {exercise_id}"
        own[exercise_id] = _history(entries, what, _exercise_parser(exercise_id))
        if not len(own[exercise_id]):
            raise ShapeError(f"{what}: none is given")
    known = BY_ID.keys() | own.keys()
    for exercise_id, history in own.items():
        nexts = (e.value.next for e in history if e.value.next is not None)
        missing = next((n for n in nexts if n not in known), None)
        if missing is not None:
            raise ShapeError(f"the definitions of {exercise_id}: unknown next {missing!r}")
    return own


def _target(doc: dict[str, Any], where: str) -> Target:
    return Target(
        whole(doc, "sets", where, 1, 10),
        whole(doc, "reps", where, 1, 50),
        whole(doc, "hold", where, 1, 600),
    )


def _schedule(doc: dict[str, Any], where: str) -> Schedule:
    try:
        return Schedule.parse(text(doc, "days", where))
    except ValueError as exc:
        raise ShapeError(f"{where}: {exc}") from None


def program_from_doc(value: Any) -> Program:
    """The program from its document; ShapeError naming the entry when it is not one."""
    doc = obj(value, "the program")
    routine = _history(_get(doc, "routine", "the program"), "the routine", _routine)
    own = _own_exercises(doc.get("custom", {}))
    known = BY_ID.keys() | own.keys()
    for entry in routine:
        unknown = next((i for i in entry.value if i not in known), None)
        if unknown is not None:
            raise ShapeError(f"the routine from {entry.since}: unknown exercise {unknown!r}")
    targets = {}
    for exercise_id, entries in obj(_get(doc, "targets", "the program"), "the targets").items():
        if exercise_id not in known:
            raise ShapeError(f"the targets: unknown exercise {exercise_id!r}")
        targets[exercise_id] = _history(entries, f"the targets of {exercise_id}", _target)
    schedule = _history(doc.get("schedule", []), "the schedule", _schedule)
    return Program(routine, targets, schedule, own)


def settings_from_doc(value: Any) -> Settings:
    """Settings from their document (unknown keys ignored, bad values refused)."""
    try:
        return Settings.from_dict(obj(value, "the settings"))
    except InvalidSetting as exc:
        raise ShapeError(f"a stored setting is invalid ({exc})") from None


def meta_from_doc(value: Any) -> dict[str, Any]:
    """The meta document, checked: ``schema`` a whole number, ``safety_acknowledged`` a time."""
    doc = dict(obj(value, "the meta record"))
    if "schema" in doc:
        whole(doc, "schema", "the meta record", 1, 10**6)
    if "safety_acknowledged" in doc:
        instant(doc, "safety_acknowledged", "the meta record")
    return doc
