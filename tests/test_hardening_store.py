"""Issue 15, storage side: hostile files, a missing main file, read-only folders, limits.

Each test replays one numbered point the way a hostile or unlucky user met it, through the
command line; the answer is one line and the right exit code, and nothing stored is lost.
"""

from __future__ import annotations

import errno
import json
import os
import stat
from datetime import timedelta
from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.days import EARLIEST_DAY


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and "Traceback" not in err


@pytest.fixture
def history(cli, clock: FakeClock, data_dir: Path) -> Path:
    """A custom routine with a set yesterday, a backup taken today holding both."""
    clock.set(clock.now() - timedelta(days=1))
    assert cli("init", "--routine", "core", "--start", "full", "--accept-safety-notice")[0] == 0
    assert cli("log", "superman")[0] == 0
    clock.set(clock.now() + timedelta(days=1))
    assert cli("today")[0] == 0  # the first run of the day takes its backup
    return data_dir


# -- 5: deep nesting ---------------------------------------------------------------------------


def test_an_import_nesting_500_deep_is_refused_and_nothing_breaks(cli, tmp_path) -> None:
    assert cli("log", "knees-in")[0] == 0
    export = tmp_path / "export.json"
    assert cli("export", "--output", str(export))[0] == 0
    doc = json.loads(export.read_text())
    doc["meta"]["x"] = json.loads("[" * 500 + "]" * 500)
    export.write_text(json.dumps(doc))
    code, _, err = cli("import", str(export))
    assert code == 2 and one_line(err) and "deeper" in err
    assert cli("log", "knees-in")[0] == 0 and cli("doctor")[0] == 0


@pytest.mark.parametrize("name", ["isotrack.json", "log/2026-11.json"])
def test_a_100k_deep_data_file_is_one_line(cli, data_dir, name) -> None:
    assert cli("log", "knees-in")[0] == 0
    (data_dir / name).write_text("[" * 100_000 + "]" * 100_000)
    code, _, err = cli("today")
    assert code == 1 and one_line(err) and name.split("/")[-1] in err
    code, out, err = cli("doctor")
    assert code == 1 and "Traceback" not in out + err and "deeper" in out


# -- 8: doctor's blind spots -------------------------------------------------------------------


def month_replaced_by_a_folder(month: Path) -> None:
    month.unlink()
    month.mkdir()


def month_replaced_by_a_fifo(month: Path) -> None:
    month.unlink()
    os.mkfifo(month)


def month_a_link_to_dev_zero(month: Path) -> None:
    month.unlink()
    month.symlink_to("/dev/zero")


@pytest.mark.parametrize(
    ("damage", "words"),
    [
        (month_replaced_by_a_folder, "folder"),
        (month_replaced_by_a_fifo, "FIFO"),
        (month_a_link_to_dev_zero, "device"),
    ],
)
def test_doctor_names_a_month_file_that_is_no_file(cli, history, damage, words) -> None:
    month = history / "log" / "2026-11.json"
    damage(month)
    code, _, err = cli("today")  # no hang, no MemoryError
    assert code == 1 and one_line(err) and words in err
    code, out, _ = cli("doctor")
    assert code == 1 and "All good" not in out and words in out
    code, out, _ = cli("doctor", "--yes")
    assert code == 0, out
    assert cli("today")[0] == 0


def test_log_as_a_plain_file_is_named_and_doctor_brings_the_months_back(cli, history) -> None:
    (history / "log").rename(history / "log.moved")
    (history / "log").write_text("oops")
    code, _, err = cli("today")
    assert code == 1 and one_line(err) and "not a folder" in err
    code, out, err = cli("doctor")
    assert code == 1 and "not a folder" in out and "Traceback" not in out + err
    code, out, _ = cli("doctor", "--yes")
    assert code == 0, out
    (aside,) = history.glob("log.bad*")
    assert aside.read_text() == "oops"  # kept aside
    code, out, _ = cli("export")
    days = json.loads(out)["days"]
    assert code == 0 and [s["exercise"] for d in days for s in d["sets"]] == ["superman"]


def test_backups_as_a_plain_file_only_skips_the_backup_and_doctor_moves_it(cli, history) -> None:
    (history / "backups").rename(history / "backups.moved")
    (history / "backups").write_text("oops")
    code, out, err = cli("today")
    assert code == 0 and "Superman" in out
    assert one_line(err) and "warning: no backup taken today" in err and "backups" in err
    code, out, err = cli("doctor")
    assert code == 0 and "moved" in out and "All good." in out
    assert (history / "backups.bad").read_text() == "oops"
    assert cli("today") == (0, cli("today")[1], "")  # a fresh backup folder, no warning


def test_doctor_on_a_main_file_that_is_a_folder(cli, history) -> None:
    main = history / "isotrack.json"
    main.unlink()
    main.mkdir()
    code, _, err = cli("today")
    assert code == 1 and one_line(err) and "folder" in err
    code, out, err = cli("doctor")
    assert code == 1 and "All good" not in out and "Traceback" not in out + err


# -- 9: a deleted main file --------------------------------------------------------------------


def test_a_deleted_main_file_is_refused_then_restored_by_doctor(cli, history) -> None:
    (history / "isotrack.json").unlink()
    for argv in (("today",), ("log", "knees-in"), ("streak",)):
        code, _, err = cli(*argv)
        assert code == 1 and one_line(err) and "isotrack doctor" in err
    assert not (history / "isotrack.json").exists()  # no default program written over it
    code, out, _ = cli("doctor")
    assert code == 1 and "All good" not in out and "isotrack.json" in out
    code, out, _ = cli("doctor", "--yes")
    assert code == 0, out
    code, out, _ = cli("routine")
    assert code == 0 and "superman" in out and "side-plank" in out  # the custom routine
    code, out, _ = cli("today")
    assert code == 0 and "not medical advice" not in out.lower()


def test_the_app_refuses_a_folder_with_history_but_no_main_file(cli, history, clock) -> None:
    from isotrack.cli import main

    (history / "isotrack.json").unlink()
    code, _, err = cli("tui")
    assert code == 1 and one_line(err) and "isotrack doctor" in err
    assert main(["--data", str(history)], clock=clock) == 1


# -- 10: read-only folder, full disk -----------------------------------------------------------


@pytest.mark.parametrize("failure", [errno.EROFS, errno.ENOSPC])
def test_read_only_commands_work_when_nothing_can_be_written(
    cli, history, clock, monkeypatch, failure
) -> None:
    """A read-only folder or a full disk: no file can be created, opened for writing or
    renamed (root ignores permissions, so the failure is made at the system calls)."""
    real_open = os.open

    def refuse_writes(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(failure, os.strerror(failure), str(path))
        return real_open(path, flags, *args, **kwargs)

    def refuse(*args, **kwargs):
        raise OSError(failure, os.strerror(failure))

    clock.set(clock.now() + timedelta(days=1))  # a backup is due
    (history / "summaries.json").unlink(missing_ok=True)  # and the cache must be rebuilt
    monkeypatch.setattr(os, "open", refuse_writes)
    for name in ("mkdir", "replace", "rename", "unlink", "chmod"):
        monkeypatch.setattr(os, name, refuse)
    code, out, err = cli("today")
    assert code == 0 and "Superman" in out
    assert one_line(err) and "warning: no backup taken today" in err
    code, out, err = cli("export")
    assert code == 0 and json.loads(out)["days"]
    code, _, err = cli("log", "knees-in")  # a write still fails, in one line
    assert code == 1 and one_line(err) and "cannot" in err


# -- 12: the smaller points ------------------------------------------------------------------


def test_import_refuses_a_set_dated_after_today(cli, tmp_path, clock) -> None:
    assert cli("log", "knees-in")[0] == 0
    export = tmp_path / "export.json"
    assert cli("export", "--output", str(export))[0] == 0
    doc = json.loads(export.read_text())
    tomorrow = (clock.now() + timedelta(days=2)).date().isoformat()
    doc["days"][0]["date"] = tomorrow
    export.write_text(json.dumps(doc))
    code, _, err = cli("import", str(export))
    assert code == 2 and one_line(err) and "future" in err


def test_a_routine_starting_in_year_1_is_refused(cli, data_dir) -> None:
    assert cli("log", "knees-in")[0] == 0
    main_file = data_dir / "isotrack.json"
    text = main_file.read_text()
    first = json.loads(text)
    since = json.dumps(first).split('"since": "')[1][:10]
    main_file.write_text(text.replace(since, "0001-01-01"))
    code, _, err = cli("streak")
    assert code == 1 and one_line(err) and str(EARLIEST_DAY) in err


def test_loose_permissions_are_tightened_on_open(cli, data_dir) -> None:
    assert cli("log", "knees-in")[0] == 0
    data_dir.chmod(0o755)
    (data_dir / "isotrack.json").chmod(0o644)
    (data_dir / "log" / "2026-11.json").chmod(0o644)
    assert cli("today")[0] == 0
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    assert stat.S_IMODE((data_dir / "isotrack.json").stat().st_mode) == 0o600
    assert stat.S_IMODE((data_dir / "log" / "2026-11.json").stat().st_mode) == 0o600


def test_the_app_tightens_loose_permissions_with_its_check_after_the_first_frame(
    cli, clock: FakeClock, data_dir
) -> None:
    """The app opens without the check of every file (it runs it after its first frame):
    the modes are tightened then, not before."""
    from isotrack.tracker import Tracker

    assert cli("log", "knees-in")[0] == 0
    month = data_dir / "log" / "2026-11.json"
    month.chmod(0o644)
    tracker = Tracker.open(data_dir, clock, backup=False, check=False)
    assert stat.S_IMODE(month.stat().st_mode) == 0o644
    tracker.check()
    assert stat.S_IMODE(month.stat().st_mode) == 0o600


def test_an_import_file_that_is_a_fifo_is_refused_without_hanging(cli, tmp_path) -> None:
    fifo = tmp_path / "export.json"
    os.mkfifo(fifo)
    code, _, err = cli("import", str(fifo))
    assert code == 2 and one_line(err) and "FIFO" in err
