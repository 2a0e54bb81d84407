"""Export and import: complete stable JSON, CSV for spreadsheets, checked and merging import."""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.domain.catalogue import BY_ID, IDS, ROUTINES
from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.domain.schedule import Schedule
from isotrack.domain.settings import Settings
from isotrack.domain.targets import Target
from isotrack.store.exchange import (
    EXPORT_SCHEMA,
    BadImport,
    _Reader,
    csv_chunks,
    export_doc,
    export_json,
    import_file,
    import_into,
    parse_export,
)
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from tests.conftest import clock_on

DAY = date(2026, 11, 21)
AT = datetime(2026, 11, 21, 9, 30, tzinfo=UTC)


# -- generated folders -----------------------------------------------------------------------

days_st = st.dates(min_value=date(2025, 11, 1), max_value=date(2026, 12, 31))
offsets = st.integers(-48, 56).map(lambda q: timezone(timedelta(minutes=15 * q)))
instants = st.builds(
    lambda d, seconds, micro, zone: (
        datetime(d.year, d.month, d.day, tzinfo=zone)
        + timedelta(seconds=seconds, microseconds=micro)
    ),
    days_st,
    st.integers(0, 86_399),
    st.integers(0, 999_999),
    offsets,
)
texts = st.text(max_size=12)


@st.composite
def a_set(draw: st.DrawFn, day: date) -> SetRecord:
    exercise = BY_ID[draw(st.sampled_from(IDS))]
    return SetRecord(
        id=draw(st.uuids()).hex[:16],
        exercise=exercise.id,
        day=day,
        reps=draw(st.integers(0, 60)),
        hold=draw(st.integers(0, 6000)) / 10,
        at=draw(instants),
        side=draw(st.sampled_from(exercise.sides)) if exercise.sided else None,
        completed=draw(st.booleans()),
    )


@st.composite
def a_pain(draw: st.DrawFn, day: date) -> PainEntry:
    return PainEntry(
        id=draw(st.uuids()).hex[:16],
        day=day,
        kind=draw(st.sampled_from(list(PainKind))),
        score=draw(st.integers(0, 10)),
        at=draw(instants),
        note=draw(texts),
        red_flag=draw(st.booleans()),
    )


@st.composite
def a_day(draw: st.DrawFn, day: date) -> DayRecord:
    return DayRecord(
        day=day,
        sets=tuple(draw(st.lists(a_set(day), max_size=4))),
        pain=tuple(draw(st.lists(a_pain(day), max_size=2))),
        skipped=draw(st.none() | texts),
        note=draw(texts),
    )


@st.composite
def a_program(draw: st.DrawFn) -> Program:
    start = draw(days_st)
    program = Program.new(start, ROUTINES[draw(st.sampled_from(sorted(ROUTINES)))])
    for _ in range(draw(st.integers(0, 4))):
        when = start + timedelta(days=draw(st.integers(1, 200)))
        kind = draw(st.sampled_from(["target", "routine", "schedule"]))
        if kind == "target":
            target = Target(
                draw(st.integers(1, 10)), draw(st.integers(1, 50)), draw(st.integers(1, 600))
            )
            program = program.with_target(draw(st.sampled_from(IDS)), when, target)
        elif kind == "routine":
            ids = tuple(draw(st.lists(st.sampled_from(IDS), min_size=1, max_size=4, unique=True)))
            program = program.with_routine(when, ids)
        else:
            days = frozenset(draw(st.sets(st.integers(0, 6), min_size=1)))
            program = program.with_schedule(when, Schedule(days))
    return program


@st.composite
def folder_content(draw: st.DrawFn) -> tuple[dict, Program | None, list[DayRecord]]:
    settings_doc = draw(
        st.fixed_dictionaries(
            {},
            optional={
                "rest": st.integers(0, 600),
                "cues": st.sampled_from(["voice", "tones", "bell", "off"]),
                "count_in": st.booleans(),
                "day_start": st.sampled_from(["00:00", "04:00", "05:30", "11:59"]),
                "theme": st.sampled_from(["textual-dark", "nord"]),
            },
        )
    )
    program = draw(st.none() | a_program())
    dates = draw(st.lists(days_st, max_size=6, unique=True))
    return settings_doc, program, [draw(a_day(d)) for d in dates]


def fill(store: Store, content: tuple[dict, Program | None, list[DayRecord]]) -> None:
    settings_doc, program, days = content
    for key, value in settings_doc.items():
        store.save_setting(key, value)
    if program is not None:
        store.save_program(program)
    store.acknowledge_safety(AT)
    store.write_days(days)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(content=folder_content())
def test_export_import_export_is_identical(content) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        first = Store.open(Path(tmp) / "a", clock=clock_on(DAY))
        fill(first, content)
        text = export_json(first)  # streamed a day at a time: the same bytes as one dump
        assert (
            text
            == json.dumps(export_doc(first), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
        )
        settings_doc, program, days = content
        export = parse_export(text)
        assert export.days == tuple(sorted((d for d in days if not d.empty), key=lambda d: d.day))
        assert export.program == program
        assert export.settings == Settings.from_dict(settings_doc).to_dict()
        assert export.meta == {"safety_acknowledged": AT.isoformat()}
        second = Store.open(Path(tmp) / "b", clock=clock_on(DAY))
        import_into(second, parse_export(text))
        assert export_json(second) == text
        again = import_into(first, parse_export(text))  # importing into itself adds nothing
        assert (again.sets_added, again.pain_added, again.days_changed) == (0, 0, [])
        assert export_json(first) == text


# -- export ----------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "a", clock=clock_on(DAY))
    store.save_program(Program.new(date(2026, 11, 1), ROUTINES["both"]))
    store.save_setting("rest", 45)
    store.acknowledge_safety(AT)
    store.add_set(SetRecord("s1", "knees-in", DAY, 5, 5.0, AT))
    store.add_set(SetRecord("s2", "pallof-press", DAY, 10, 2.5, AT, "left", False))
    store.add_pain(PainEntry("p1", DAY, PainKind.MORNING, 4, AT, 'stiff, "old" back'))
    store.update_day(date(2026, 11, 3), lambda d: DayRecord(d.day, skipped="ill", note="flu"))
    return store


def test_export_is_complete_and_sorted(store: Store) -> None:
    doc = json.loads(export_json(store))
    assert doc["format"] == "isotrack-export" and doc["schema"] == EXPORT_SCHEMA == 3
    assert doc["meta"] == {"safety_acknowledged": AT.isoformat()}
    assert doc["settings"]["rest"] == 45 and doc["settings"]["day_start"] == "04:00"
    assert doc["program"]["routine"][0]["ids"] == list(ROUTINES["both"])
    assert [d["date"] for d in doc["days"]] == ["2026-11-03", "2026-11-21"]
    assert doc["days"][0]["skipped"] == "ill" and doc["days"][0]["note"] == "flu"
    assert [s["id"] for s in doc["days"][1]["sets"]] == ["s1", "s2"]
    assert set(doc["days"][1]["sets"][0]) == {
        "id",
        "exercise",
        "side",
        "reps",
        "hold",
        "completed",
        "at",
    }
    assert doc["days"][1]["pain"][0]["note"] == 'stiff, "old" back'
    text = export_json(store)
    assert text == json.dumps(doc, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert export_json(store) == text


def test_csv_has_a_header_and_one_row_per_set(store: Store) -> None:
    rows = list(csv.DictReader(io.StringIO("".join(csv_chunks(store)))))
    assert [r["id"] for r in rows] == ["s1", "s2"]
    assert rows[1] == {
        "date": "2026-11-21",
        "exercise": "pallof-press",
        "exercise_name": BY_ID["pallof-press"].name,
        "side": "left",
        "reps": "10",
        "hold_seconds": "2.5",
        "completed": "no",
        "at": AT.isoformat(timespec="seconds"),
        "id": "s2",
    }


def test_csv_of_pain_and_the_spreadsheet_mark(store: Store) -> None:
    text = "".join(csv_chunks(store, "pain", excel=True))
    assert text.startswith("\ufeffdate,kind,score,red_flag,note,at,id\n")
    (row,) = csv.DictReader(io.StringIO(text.removeprefix("\ufeff")))
    assert row == {
        "date": "2026-11-21",
        "kind": "morning",
        "score": "4",
        "red_flag": "no",
        "note": 'stiff, "old" back',
        "at": AT.isoformat(timespec="seconds"),
        "id": "p1",
    }
    assert not "".join(csv_chunks(store)).startswith("\ufeff")


def test_csv_times_are_whole_seconds_with_the_offset(store: Store) -> None:
    store.add_set(SetRecord("s7", "knees-in", DAY, 5, 5.0, AT.replace(microsecond=123456)))
    at = [r["at"] for r in csv.DictReader(io.StringIO("".join(csv_chunks(store))))]
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", a) for a in at)


@pytest.mark.parametrize("schema", [1, 2])
def test_an_older_export_with_the_data_files_keys_still_imports(
    store: Store, tmp_path, schema: int
) -> None:
    doc = json.loads(export_json(store))
    old = {**doc, "schema": schema, "days": []}
    for day in doc["days"]:
        sets = [
            {
                **{k: v for k, v in s.items() if k not in ("exercise", "completed")},
                "ex": s["exercise"],
                "done": s["completed"],
            }
            for s in day["sets"]
        ]
        rest = {k: v for k, v in day.items() if k != "date"}
        old["days"].append({**rest, "day": day["date"], "sets": sets})
    fresh = Store.open(tmp_path / "fresh", clock=clock_on(DAY))
    import_into(fresh, parse_export(json.dumps(old)))
    assert export_json(fresh) == export_json(store)


def test_a_current_export_with_an_old_key_is_refused(store: Store) -> None:
    doc = json.loads(export_json(store))
    doc["days"][1]["sets"][0]["ex"] = doc["days"][1]["sets"][0].pop("exercise")
    with pytest.raises(BadImport, match="'ex' is an old key"):
        parse_export(json.dumps(doc))


# -- import ----------------------------------------------------------------------------------


def test_import_merges_by_id_day_and_date(store: Store, tmp_path: Path) -> None:
    other = Store.open(tmp_path / "b", clock=clock_on(DAY))
    other.save_program(
        Program.new(date(2026, 10, 1), ROUTINES["beginner"]).with_target(
            "knees-in", date(2026, 11, 1), Target(3, 9, 9)
        )
    )
    other.save_setting("rest", 90)
    other.add_set(SetRecord("s1", "knees-in", DAY, 5, 5.0, AT))  # the same set
    other.add_set(SetRecord("s9", "knees-in", DAY, 6, 5.0, AT - timedelta(hours=1)))
    other.update_day(date(2026, 11, 3), lambda d: DayRecord(d.day, skipped="away", note="x"))
    other.update_day(date(2026, 11, 4), lambda d: DayRecord(d.day, note="new day"))

    result = import_into(store, parse_export(export_json(other)))
    assert (result.sets_added, result.pain_added, result.records_known) == (1, 0, 1)
    assert result.days_changed == [date(2026, 11, 4), DAY]
    assert [s.id for s in store.day(DAY).sets] == ["s9", "s1", "s2"]  # time order
    assert store.day(date(2026, 11, 3)).note == "flu"  # what was there wins
    assert store.day(date(2026, 11, 4)).note == "new day"
    assert store.settings().rest == 45
    program = store.stored_program()
    assert program.first_day() == date(2026, 10, 1)
    assert program.routine_on(date(2026, 10, 15)) == ROUTINES["beginner"]
    assert program.routine_on(DAY) == ROUTINES["both"]  # 11-01 entry: this folder's wins
    assert program.target_on("knees-in", DAY) == Target(1, 5, 5)


def bad_exports() -> dict[str, tuple[str, str]]:
    good = {
        "format": "isotrack-export",
        "schema": 2,
        "meta": {},
        "settings": {},
        "program": None,
        "days": [
            {"day": "2026-11-20", "sets": [], "pain": [], "skipped": None, "note": ""},
            {
                "day": "2026-11-21",
                "sets": [
                    {"id": "a", "ex": "knees-in", "reps": 5, "hold": 5.0, "at": AT.isoformat()},
                    {"id": "b", "ex": "knees-in", "reps": 5, "hold": 5.0, "at": AT.isoformat()},
                ],
                "pain": [],
            },
        ],
    }

    def variant(change) -> str:
        doc = json.loads(json.dumps(good))
        change(doc)
        return json.dumps(doc)

    return {
        "not json": ("{oops", "not valid JSON"),
        "not an export": (json.dumps({"days": []}), "not an isotrack export"),
        "newer": (variant(lambda d: d.update(schema=9)), "made by a newer isotrack"),
        "bad set": (
            variant(lambda d: d["days"][1]["sets"][1].update(reps=-1)),
            "record days[1]: day 2026-11-21, set 2: 'reps' must be a whole number",
        ),
        "no at": (
            variant(lambda d: d["days"][1]["sets"][0].pop("at")),
            "record days[1]: day 2026-11-21, set 1 has no 'at'",
        ),
        "same day twice": (
            variant(lambda d: d["days"][0].update(day="2026-11-21")),
            "record days[1]: day 2026-11-21 appears twice",
        ),
        "same id twice": (
            variant(lambda d: d["days"][0]["sets"].append(d["days"][1]["sets"][0])),
            "id a used twice",
        ),
        "bad program": (variant(lambda d: d.update(program={"routine": 3})), "routine"),
        "bad setting": (variant(lambda d: d.update(settings={"rest": -5})), "rest must be"),
    }


@pytest.mark.parametrize("case", sorted(bad_exports()))
def test_a_bad_import_names_the_record_and_writes_nothing(
    case: str, store: Store, tmp_path: Path, clock: FakeClock, capsys
) -> None:
    text, needle = bad_exports()[case]
    with pytest.raises(BadImport, match=re.escape(needle)):
        parse_export(text)
    path = tmp_path / "in.json"
    path.write_text(text)
    before = {p: p.read_bytes() for p in store.root.rglob("*.json")}
    for root in (store.root, tmp_path / "empty"):
        code = main(["import", str(path), "--data", str(root)], clock=clock)
        _out, err = capsys.readouterr()
        assert code == 2
        assert len(err.strip().splitlines()) == 1 and needle in err, err
        assert "nothing was imported" in err
    assert {p: p.read_bytes() for p in store.root.rglob("*.json")} == before
    assert not (tmp_path / "empty" / "isotrack.json").exists()


def test_cli_export_then_import_into_a_new_folder(
    store: Store, tmp_path: Path, clock: FakeClock, capsys
) -> None:
    out_file = tmp_path / "out" / "export.json"
    out_file.parent.mkdir()
    data = ["--data", str(store.root)]
    assert main(["export", "--output", str(out_file), *data], clock=clock) == 0
    assert main(["export", *data], clock=clock) == 0
    assert capsys.readouterr().out == out_file.read_text()
    fresh = ["--data", str(tmp_path / "new")]
    assert main(["import", str(out_file), *fresh], clock=clock) == 0
    assert "Imported 2 sets and 1 pain entries on 2 days" in capsys.readouterr().out
    assert main(["export", *fresh], clock=clock) == 0
    assert capsys.readouterr().out == out_file.read_text()
    assert main(["import", str(out_file), *fresh], clock=clock) == 0
    assert "Imported 0 sets and 0 pain entries on 0 days" in capsys.readouterr().out
    assert main(["export", "--format", "csv", *fresh], clock=clock) == 0
    assert capsys.readouterr().out == "".join(csv_chunks(store))
    assert export_doc(Store.open(tmp_path / "new")) == export_doc(store)


def test_export_command_takes_what_and_excel_with_csv_only(cli) -> None:
    cli("pain", "3", "--note", "stiff")
    code, out, _ = cli("export", "--format", "csv", "--what", "pain", "--excel")
    assert code == 0 and out.startswith("\ufeffdate,kind,score")
    assert "stiff" in out
    code, out, err = cli("export", "--what", "pain")
    assert (code, out) == (2, "") and "--format csv" in err


def test_a_day_tells_its_own_keys_when_the_version_comes_later(store: Store) -> None:
    from isotrack.store.export_format import day_from_export, readable_day

    doc = json.loads(export_json(store))
    day = doc["days"][1]
    assert readable_day(day)
    new = day_from_export(day, None, "d")
    old = {
        **{k: v for k, v in day.items() if k != "date"},
        "day": day["date"],
        "sets": [
            {
                **{k: v for k, v in s.items() if k not in ("exercise", "completed")},
                "ex": s["exercise"],
                "done": s["completed"],
            }
            for s in day["sets"]
        ],
    }
    assert not readable_day(old)
    assert day_from_export(old, None, "d") == new == day_from_export(day, 3, "d")


def test_import_streams_a_file_read_in_small_pieces(
    store: Store, tmp_path: Path, monkeypatch
) -> None:
    """Every value boundary falls somewhere inside a read; the result is the same."""
    path = tmp_path / "export.json"
    path.write_text(export_json(store), encoding="utf-8")
    monkeypatch.setattr(_Reader, "CHUNK", 3)
    fresh = Store.open(tmp_path / "fresh", clock=clock_on(DAY))
    result = import_file(fresh, lambda: path.open(encoding="utf-8"))
    assert (result.sets_added, result.pain_added) == (2, 1)
    assert result.days_changed == [date(2026, 11, 3), DAY]
    assert export_json(fresh) == path.read_text(encoding="utf-8")


def test_a_bad_record_late_in_a_streamed_import_writes_nothing(
    store: Store, tmp_path: Path
) -> None:
    doc = json.loads(export_json(store))
    doc["days"].append({**doc["days"][-1], "day": "2026-11-22", "sets": [{"ex": "nope"}]})
    path = tmp_path / "export.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    fresh = Store.open(tmp_path / "fresh", clock=clock_on(DAY))
    with pytest.raises(BadImport, match=r"record days\[2\]"):
        import_file(fresh, lambda: path.open(encoding="utf-8"))
    assert not fresh.exists


def test_a_corrected_pain_entry_keeps_its_history_through_export_and_import(
    tracker: Tracker, tmp_path: Path, clock: FakeClock
) -> None:
    day = tracker.today() - timedelta(days=3)
    tracker.initialise("beginner", "gentle", None, True)
    mistake = tracker.add_pain(5, PainKind.MORNING, day, "", red_flag=True)
    tracker.withdraw_red_flag(mistake.id, "cli")
    exported = tmp_path / "export.json"
    exported.write_text("".join(tracker.export()), encoding="utf-8")
    other = Tracker.open(tmp_path / "other", clock)
    other.import_file(exported)
    (entry,) = other.day(day).pain
    assert entry.withdrawn_red_flag and entry.history == tracker.day(day).pain[0].history
