"""Daily backups with 7 daily and 4 weekly kept, and the doctor that restores them."""

from __future__ import annotations

import gzip
import io
import json
import os
import stat
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from dateutil import tz

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.domain.records import SetRecord
from isotrack.store import backups
from isotrack.store.folder import SCHEMA, is_due
from isotrack.store.layout import Listing
from isotrack.store.store import Store
from tests.conftest import clock_on

AT = datetime(2026, 11, 21, 9, 30, tzinfo=tz.gettz("Europe/London"))
DAY = date(2026, 11, 21)


def a_set(day: date, n: int = 0) -> SetRecord:
    return SetRecord(f"s{day:%Y%m%d}-{n}", "knees-in", day, 5, 5.0, AT)


def backup_names(root: Path) -> list[str]:
    return [p.name for p in backups.backup_files(root)]


# -- rolling backups -------------------------------------------------------------------------


def test_retention_keeps_seven_daily_and_four_weekly() -> None:
    days = [DAY - timedelta(days=n) for n in range(60)]  # 2026-11-21 is a Saturday
    kept = backups.retained(days)
    assert sorted(kept, reverse=True) == [
        *(DAY - timedelta(days=n) for n in range(7)),  # Sun 15th .. Sat 21st
        date(2026, 11, 14),  # newest of each older ISO week: Sat 14th (week 46)
        date(2026, 11, 8),  # Sun 8th (week 45)
        date(2026, 11, 1),  # week 44
        date(2026, 10, 25),  # week 43
    ]


def test_retention_with_gaps_keeps_what_there_is() -> None:
    days = [date(2026, 1, 5), date(2026, 3, 1), date(2026, 3, 2)]
    assert backups.retained(days) == set(days)


def test_one_backup_a_day_taken_at_the_first_open_or_write(tmp_path: Path) -> None:
    store = Store.open(tmp_path, clock=clock_on(DAY))
    assert backup_names(tmp_path) == []  # nothing to back up yet
    store.add_set(a_set(DAY))  # the folder had no data before this write: still no backup
    store.add_set(a_set(DAY, 1))  # taken before this write
    store.add_set(a_set(DAY, 2))
    (path,) = backups.backup_files(tmp_path)
    assert path.name == "backup-000001-2026-11-21.json"
    first = path.stat().st_ino
    Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(DAY, 3))
    assert path.stat().st_ino == first  # not taken again the same day
    Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=1)))
    assert backup_names(tmp_path) == [
        "backup-000001-2026-11-21.json",
        "backup-000002-2026-11-22.json",
    ]
    backup = backups.load_backup(backups.backup_files(tmp_path)[-1])
    assert backup.schema == SCHEMA and backup.sequence == 2
    assert backup.names == ("isotrack.json", "log/2026-11.json")
    (day,) = backup.read("log/2026-11.json")["days"].values()
    assert [s["id"] for s in day["sets"]] == [a_set(DAY, n).id for n in range(4)]


def test_a_backup_copies_only_the_files_changed_since_the_last(tmp_path: Path) -> None:
    for month in (9, 10, 11):
        Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(date(2026, month, 3)))
    Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(DAY, 1))
    blobs = tmp_path / "backups" / "blobs"
    store = Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=1)))  # the next day's
    before = set(blobs.iterdir())
    store.add_set(a_set(DAY, 2))
    store.backup_if_due(DAY + timedelta(days=2))
    (new,) = set(blobs.iterdir()) - before  # only November (and its summary) was copied
    assert gzip.decompress(new.read_bytes()) == store.month_path(2026, 11).read_bytes()
    newest = json.loads(backups.backup_files(tmp_path)[-1].read_bytes())
    assert sorted(newest["files"]) == [
        "isotrack.json",
        "log/2026-09.json",
        "log/2026-10.json",
        "log/2026-11.json",
    ]


def test_a_lost_blob_of_an_unchanged_file_is_written_again(tmp_path: Path) -> None:
    """A file unchanged since the last backup reuses its blob only while the blob is there."""
    Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(date(2026, 10, 3)))
    Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(DAY, 1))
    Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=1)))
    newest = json.loads(backups.backup_files(tmp_path)[-1].read_bytes())
    october = tmp_path / "backups" / "blobs" / newest["files"]["log/2026-10.json"]["blob"]
    october.unlink()
    Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=2)))
    assert gzip.decompress(october.read_bytes()) == (tmp_path / "log" / "2026-10.json").read_bytes()


def test_backups_roll_over_many_days_and_never_include_themselves(tmp_path: Path) -> None:
    for n in range(45):
        day = date(2026, 9, 1) + timedelta(days=n)
        Store.open(tmp_path, clock=clock_on(day)).add_set(a_set(day))
    names = backup_names(tmp_path)
    assert len(names) == 11
    assert names[-7:] == [
        f"backup-{45 - n:06d}-{date(2026, 10, 15) - timedelta(days=n)}.json"
        for n in range(6, -1, -1)
    ]
    newest = backups.load_backup(backups.backup_files(tmp_path)[-1])
    assert newest.names == ("isotrack.json", "log/2026-09.json", "log/2026-10.json")
    named = set()
    for path in backups.backup_files(tmp_path):
        named |= {e["blob"] for e in json.loads(path.read_bytes())["files"].values()}
    assert {p.name for p in (tmp_path / "backups" / "blobs").iterdir()} == named  # no orphans


def test_the_daily_check_looks_at_the_folder_once_a_day(tmp_path: Path, monkeypatch) -> None:
    """Once the day's backup is known to be there, asking again looks at nothing on disk
    (every write asks; the figure for what that costs is in bench/, not here)."""
    store = Store.open(tmp_path, clock=clock_on(DAY))
    store.add_set(a_set(DAY))
    store.add_set(a_set(DAY, 1))
    looked: list[date] = []
    real_is_due = is_due

    def counting(root: Path, day: date) -> bool:
        looked.append(day)
        return real_is_due(root, day)

    monkeypatch.setattr("isotrack.store.store.is_due", counting)
    for _ in range(20):
        assert store.backup_if_due() is None
    assert looked == []  # known from the write above
    assert store.backup_if_due(DAY + timedelta(days=1)) is not None  # a new day: it looks
    assert looked == [DAY + timedelta(days=1)] * 2  # (before the lock and under it)


def test_opening_on_a_new_day_checks_every_file_once(tmp_path: Path, monkeypatch) -> None:
    """The open's check of every file stands for the backup's (same lock): not done twice."""
    Store.open(tmp_path, clock=clock_on(DAY)).add_set(a_set(DAY))
    checks: list[Listing | None] = []
    real_check = Store.check

    def counting(self: Store, listing: Listing | None = None) -> None:
        checks.append(listing)
        real_check(self, listing)

    monkeypatch.setattr(Store, "check", counting)
    Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=1)))
    assert backup_names(tmp_path)[-1].endswith(f"{(DAY + timedelta(days=1)).isoformat()}.json")
    assert len(checks) == 1
    store = Store.open(tmp_path, clock=clock_on(DAY + timedelta(days=2)), check=False, backup=False)
    assert len(checks) == 1  # opened unchecked (as the app does): the backup checks first
    store.backup_if_due()
    assert len(checks) == 2


def test_backups_are_private(tmp_path: Path) -> None:
    old_umask = os.umask(0o022)
    try:
        store = Store.open(tmp_path, clock=clock_on(DAY))
        store.add_set(a_set(DAY))
        path = store.backup_if_due(DAY + timedelta(days=1))
    finally:
        os.umask(old_umask)
    assert path is not None
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    blobs = path.parent / "blobs"
    assert stat.S_IMODE(blobs.stat().st_mode) == 0o700
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in blobs.iterdir())


# -- the doctor ------------------------------------------------------------------------------


class FakeTTY(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture
def run(clock: FakeClock, capsys, monkeypatch, tmp_path: Path):
    """Run the CLI on tmp_path/data on a given date, with a chosen stdin."""

    def call(
        *argv: str, stdin: io.StringIO | None = None, today: date = DAY
    ) -> tuple[int, str, str]:
        monkeypatch.setattr("sys.stdin", stdin or io.StringIO(""))
        monkeypatch.setattr(Store, "_today", lambda _self: today)
        code = main([*argv, "--data", str(tmp_path / "data")], clock=clock)
        out, err = capsys.readouterr()
        return code, out, err

    return call


@pytest.fixture
def damaged(run, tmp_path: Path) -> tuple[Path, bytes]:
    """Sets logged yesterday (in today's backup) and today, then the month file truncated."""
    root = tmp_path / "data"
    yesterday = DAY - timedelta(days=1)
    assert run("log", "knees-in", "--date", str(yesterday), today=yesterday)[0] == 0
    assert run("init", "--accept-safety-notice", today=yesterday)[0] == 0
    assert run("log", "knees-out")[0] == 0  # today's backup is taken before this write
    assert backup_names(root)[-1].endswith("-2026-11-21.json")
    month = root / "log" / "2026-11.json"
    bad = month.read_bytes()[:40]
    month.write_bytes(bad)
    return month, bad


def test_doctor_on_a_good_folder_says_so(run) -> None:
    run("log", "knees-in")
    code, out, _ = run("doctor")
    assert code == 0 and "All good." in out


def test_doctor_without_a_terminal_or_yes_only_reports(run, damaged) -> None:
    month, bad = damaged
    code, out, _ = run("doctor")
    assert code == 1
    assert f"problem: {month}: file is not valid JSON" in out
    assert "isotrack doctor --yes" in out
    assert month.read_bytes() == bad
    assert run("today")[0] == 1


def test_doctor_yes_restores_and_keeps_the_bad_file(run, damaged) -> None:
    month, bad = damaged
    code, out, _ = run("doctor", "--yes")
    assert code == 0, out
    assert "Restored; every file checks good now." in out
    (aside,) = month.parent.glob("2026-11.json.bad-*")
    assert aside.read_bytes() == bad
    assert stat.S_IMODE(aside.stat().st_mode) == 0o600
    assert run("today")[0] == 0
    store = Store.open(month.parent.parent)
    assert [s.exercise for s in store.day(DAY - timedelta(days=1)).sets] == ["knees-in"]
    assert store.day(DAY).sets == ()  # logged after the backup: only in the kept bad file


def test_doctor_asks_on_a_terminal(run, damaged) -> None:
    month, bad = damaged
    code, out, _ = run("doctor", stdin=FakeTTY("n\n"))
    assert code == 1 and "Nothing was changed." in out and month.read_bytes() == bad
    code, out, _ = run("doctor", stdin=FakeTTY("y\n"))
    assert code == 0 and "restored log/2026-11.json" in out
    assert run("today")[0] == 0


def test_doctor_restore_puts_back_the_whole_folder(run, tmp_path: Path) -> None:
    root = tmp_path / "data"
    run("log", "knees-in", "--date", "2026-09-30", today=DAY - timedelta(days=1))
    run("log", "knees-in", "--date", "2026-10-30")  # after today's backup
    run("target", "knees-in", "--reps", "9")
    code, out, _ = run("doctor", "--restore", "--yes")
    assert code == 0, out
    assert "moved log/2026-10.json aside" in out
    assert not (root / "log" / "2026-10.json").exists()
    assert list((root / "log").glob("2026-10.json.bad-*"))
    assert "1 × 5 × 5 s" in run("target", "knees-in")[1]


def test_doctor_will_not_restore_over_data_from_a_newer_isotrack(run, tmp_path: Path) -> None:
    root = tmp_path / "data"
    run("log", "knees-in", today=DAY - timedelta(days=1))
    run("today")
    assert backup_names(root)
    main_file = root / "isotrack.json"
    doc = json.loads(main_file.read_bytes())
    doc["meta"]["1"]["schema"] = 7
    main_file.write_text(json.dumps(doc))
    before = main_file.read_bytes()
    code, out, _ = run("doctor", "--yes")
    assert code == 1 and "newer isotrack" in out
    assert main_file.read_bytes() == before


def test_doctor_without_a_backup_leaves_files_alone(run, tmp_path: Path) -> None:
    root = tmp_path / "data"
    run("log", "knees-in")
    for path in backups.backup_files(root):
        path.unlink()
    (root / "isotrack.json").write_text("[]")
    code, out, _ = run("doctor", "--yes")
    assert code == 1 and "No usable backup" in out
    assert (root / "isotrack.json").read_text() == "[]"


def test_doctor_tightens_permissions_and_flags_damaged_backups(run, tmp_path: Path) -> None:
    root = tmp_path / "data"
    run("log", "knees-in")
    os.chmod(root / "isotrack.json", 0o644)
    os.chmod(root / "log", 0o755)
    (root / "backups").mkdir(exist_ok=True)
    (root / "backups" / "daily-2026-01-01.json.gz").write_bytes(b"not gzip")
    code, out, _ = run("doctor")
    assert code == 0
    assert f"made {root / 'isotrack.json'} private (644 -> 600)" in out
    assert stat.S_IMODE((root / "log").stat().st_mode) == 0o700
    assert "unusable backup: daily-2026-01-01.json.gz: this backup is damaged" in out


def test_backups_taken_while_the_clock_was_wrong_are_kept_and_restored(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The clock set 9 days back for three days: each day still gets its backup, none is
    pruned, and the doctor restores from the last one taken, not the one with the latest date."""
    root = tmp_path / "data"

    def run(day: date, *argv: str) -> tuple[int, str]:
        clock = FakeClock(datetime.combine(day, AT.timetz()))  # 09:30 that day
        code = main([*argv, "--data", str(root)], clock=clock)
        return code, capsys.readouterr().out

    for n in range(12, -1, -1):  # two weeks of normal days, a backup each
        assert run(DAY - timedelta(days=n), "log", "knees-in")[0] == 0
    wrong = [DAY - timedelta(days=9 - k) for k in range(4)]  # three days, then a fourth
    for day in wrong[:3]:
        assert run(day, "log", "knees-out")[0] == 0
    assert run(wrong[3], "today")[0] == 0  # the fourth day's first command: its backup
    names = backup_names(root)
    assert names[-4:] == [f"backup-{14 + k:06d}-{day}.json" for k, day in enumerate(wrong)]
    month = root / "log" / "2026-11.json"
    month.write_bytes(month.read_bytes()[:50])  # damaged
    code, out = run(wrong[3], "doctor", "--yes")
    assert code == 0, out
    assert "from backup 17, taken 2026-11-15 09:30" in out
    store = Store.open(root, clock=clock_on(wrong[3]))
    for day in wrong[:3]:
        assert [s.exercise for s in store.day(day).sets] == ["knees-in", "knees-out"]
