"""Schema migrations: a version-1 folder (tests/fixtures/v1-folder) is upgraded on open.

The fixture is a folder as version 1 wrote it, plus records without ids (as hand-edited or
early files had), which version 2 gives stable ids.
"""

from __future__ import annotations

import gzip
import json
import shutil
from datetime import date
from pathlib import Path

import pytest

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.store import backups
from isotrack.store import store as store_module
from isotrack.store.errors import DataError
from isotrack.store.folder import SCHEMA, read_snapshot
from isotrack.store.migrations import MIGRATIONS, migrate
from isotrack.store.store import Store
from tests.conftest import clock_on

FIXTURE = Path(__file__).parent / "fixtures" / "v1-folder"
DAY = date(2026, 11, 21)
KNEES = ["knees-in", "knees-out"]


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    root = tmp_path / "data"
    shutil.copytree(FIXTURE, root)
    return root


def files(root: Path) -> dict[str, bytes]:
    """The data files (not the summary index: a cache that records file stamps)."""
    paths = sorted(
        p for p in root.rglob("*.json") if p.name != "summaries.json" and "backups" not in p.parts
    )
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in paths}


def test_every_old_version_has_a_step() -> None:
    assert SCHEMA == 5
    assert sorted(MIGRATIONS) == list(range(1, SCHEMA))


def test_a_version_1_folder_is_upgraded_on_open(v1: Path) -> None:
    original = read_snapshot(v1)
    store = Store.open(v1, clock=clock_on(DAY))
    assert store.meta()["schema"] == SCHEMA
    assert store.meta()["safety_acknowledged"] == "2026-10-01T07:58:12+01:00"
    assert store.settings().rest == 40 and store.settings().day_start == "05:00"
    program = store.stored_program()
    assert program.routine_on(DAY)[-1] == "side-plank"
    assert program.target_on("push-pull-a", date(2026, 10, 25)).reps == 7
    assert program.is_rest_day(date(2026, 11, 1))  # a Sunday under mon-sat

    first = store.day(date(2026, 10, 1))
    assert [s.exercise for s in first.sets] == [
        "push-pull-a",
        "push-pull-b",
        "knees-in",
        "knees-out",
    ]
    assert first.sets[2].id == "9f0c1e2d3b4a5968"  # kept
    assert all(len(s.id) == 16 for s in first.sets)
    assert first.pain[0].score == 6 and first.pain[0].id
    assert first.note == "first go" and first.sets[3].completed is False
    assert store.day(date(2026, 10, 2)).skipped == "travelling"
    twins = store.day(date(2026, 10, 20)).sets
    assert twins[0].id == "a1" and twins[1].id not in ("", "a1")
    assert [s.id for s in store.day(date(2026, 11, 2)).sets] == ["b7", "b8"]
    november = json.loads(files(v1)["log/2026-11.json"])["days"]
    assert {int(k): d["day"] for k, d in november.items()} == {2: "2026-11-02"}  # day-keyed

    (backup,) = [p for p in backups.backup_files(v1) if p.name.startswith(f"before-v{SCHEMA}-")]
    doc = json.loads(gzip.decompress(backup.read_bytes()))
    assert doc["schema"] == 1 and doc["files"] == original


def test_ids_are_stable_across_copies_and_reopening(v1: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(FIXTURE, other)
    Store.open(v1, clock=clock_on(DAY))
    Store.open(other, clock=clock_on(DAY))
    assert files(v1)["log/2026-10.json"] == files(other)["log/2026-10.json"]
    before = files(v1)
    backups_before = backups.backup_files(v1)
    Store.open(v1, clock=clock_on(DAY))
    assert files(v1) == before
    assert backups.backup_files(v1) == backups_before


def test_steps_are_idempotent() -> None:
    snapshot = read_snapshot(FIXTURE)
    once = migrate(snapshot, 1)
    assert migrate(once, 1) == once
    assert snapshot == read_snapshot(FIXTURE)  # the input is not changed


def test_a_crash_part_way_through_is_finished_on_the_next_open(
    v1: Path, tmp_path: Path, monkeypatch
) -> None:
    clean = tmp_path / "clean"
    shutil.copytree(FIXTURE, clean)
    Store.open(clean, clock=clock_on(DAY))
    real_write = store_module.write_bytes_atomic

    def crash_on_main_file(path: Path, data: bytes, durable: bool = True) -> None:
        if path.name == "isotrack.json":
            raise DataError(path, "cannot write (simulated crash)")
        real_write(path, data, durable)

    monkeypatch.setattr(store_module, "write_bytes_atomic", crash_on_main_file)
    with pytest.raises(DataError, match="simulated crash"):
        Store.open(v1, clock=clock_on(DAY))
    assert json.loads((v1 / "isotrack.json").read_bytes())["meta"]["1"]["schema"] == 1
    monkeypatch.undo()
    Store.open(v1, clock=clock_on(DAY))
    assert files(v1) == files(clean)


def test_bad_old_data_is_refused_before_anything_is_written(v1: Path) -> None:
    month = v1 / "log" / "2026-10.json"
    doc = json.loads(month.read_bytes())
    doc["days"]["1"]["sets"][0]["reps"] = "five"
    month.write_text(json.dumps(doc))
    before = files(v1)
    with pytest.raises(DataError) as caught:
        Store.open(v1, clock=clock_on(DAY))
    assert caught.value.path == month
    assert "day 2026-10-01, set 1: 'reps' must be a whole number" in str(caught.value)
    assert files(v1) == before
    assert backups.backup_files(v1) == []


def test_month_files_without_a_main_file_count_as_version_1(v1: Path) -> None:
    (v1 / "isotrack.json").unlink()
    store = Store.open(v1, clock=clock_on(DAY))
    assert store.meta()["schema"] == SCHEMA
    assert all(s.id for s in store.day(date(2026, 10, 1)).sets)


def test_commands_and_doctor_work_on_a_version_1_folder(
    v1: Path, tmp_path: Path, clock: FakeClock, capsys
) -> None:
    untouched = tmp_path / "untouched"
    shutil.copytree(FIXTURE, untouched)
    assert main(["doctor", "--data", str(untouched)], clock=clock) == 0
    assert "All good." in capsys.readouterr().out
    assert files(untouched) == files(FIXTURE)  # the doctor only looks
    assert main(["today", "--json", "--date", "2026-10-01", "--data", str(v1)], clock=clock) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["done_sets"] == 3 and data["planned_sets"] == 4


def test_version_3_keys_each_day_by_its_day_of_the_month() -> None:
    snapshot = {
        "isotrack.json": {"meta": {"1": {"schema": 2}}},
        "log/2026-11.json": {
            "days": {"1": {"day": "2026-11-21", "sets": []}, "2": {"day": "2026-11-03"}}
        },
    }
    upgraded = migrate(snapshot, 2)
    assert upgraded["log/2026-11.json"]["days"] == {
        "21": {"day": "2026-11-21", "sets": []},
        "3": {"day": "2026-11-03"},
    }
    assert upgraded["isotrack.json"]["meta"]["1"]["schema"] == SCHEMA
    assert migrate(upgraded, 2) == upgraded


def test_a_day_under_another_days_id_is_refused(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=clock_on(DAY))
    month = tmp_path / "log" / "2026-11.json"
    month.parent.mkdir()
    month.write_text('{"days": {"5": {"day": "2026-11-21"}}}')
    with pytest.raises(DataError, match="document 5 holds day 2026-11-21"):
        store.day(DAY)


def test_version_4_keeps_dismissals_as_objects_and_drops_bare_keys() -> None:
    kept = {"key": "knees-in|step-up|1x7x5|-", "day": "2026-11-20"}
    snapshot = {
        "isotrack.json": {
            "meta": {"1": {"schema": 3, "dismissed_suggestions": {"a": "a|hold|-|-", "b": kept}}}
        },
    }
    upgraded = migrate(snapshot, 3)
    meta = upgraded["isotrack.json"]["meta"]["1"]
    assert meta["dismissed_suggestions"] == {"b": kept}
    assert meta["schema"] == SCHEMA
    assert migrate(upgraded, 3) == upgraded


V3_FIXTURE = Path(__file__).parent / "fixtures" / "v3-folder"  # written by the version 3 store


def test_a_version_3_folder_gains_room_for_own_exercises(
    tmp_path: Path, clock: FakeClock, capsys
) -> None:
    folder = tmp_path / "v3"
    shutil.copytree(V3_FIXTURE, folder)
    assert json.loads((folder / "isotrack.json").read_text())["meta"]["1"]["schema"] == 3
    store = Store.open(folder, clock=clock_on(DAY))
    assert store.meta()["schema"] == SCHEMA == 5
    program = store.stored_program()
    assert program.custom == {}
    assert program.routine_on(DAY) == ("superman", "side-plank", "pallof-press", "knees-in")
    assert program.target_on("knees-in", DAY).reps == 7
    assert json.loads((folder / "isotrack.json").read_text())["program"]["1"]["custom"] == {}
    assert any(p.name.startswith("before-v5-") for p in backups.backup_files(folder))
    before = files(folder)
    Store.open(folder, clock=clock_on(DAY))
    assert files(folder) == before  # the step runs once
    argv = ["today", "--json", "--date", "2026-11-02", "--data", str(folder)]
    assert main(argv, clock=clock) == 0
    day = json.loads(capsys.readouterr().out)
    assert (day["done_sets"], day["planned_sets"]) == (4, 6)  # no Pallof press logged
    add = ["exercise", "add", "Dead bug", "--cue", "Slow", "--data", str(folder)]
    assert main(add, clock=clock) == 0
    capsys.readouterr()
    assert main(["exercises", "--json", "--data", str(folder)], clock=clock) == 0
    listed = json.loads(capsys.readouterr().out)["exercises"]
    assert [e["id"] for e in listed if e["own"]] == ["dead-bug"]


def test_version_5_gives_a_stored_program_an_empty_custom() -> None:
    snapshot = {"isotrack.json": {"meta": {"1": {"schema": 4}}, "program": {"1": {"routine": []}}}}
    upgraded = migrate(snapshot, 4)
    assert upgraded["isotrack.json"]["program"]["1"] == {"routine": [], "custom": {}}
    assert migrate(upgraded, 4) == upgraded
    assert migrate({"isotrack.json": {"meta": {"1": {"schema": 4}}}}, 4)["isotrack.json"] == {
        "meta": {"1": {"schema": SCHEMA}}
    }
