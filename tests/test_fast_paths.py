"""The shortcuts that keep isotrack fast on a long history still give the same answers."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from isotrack.cli import COMMAND_MODULES, COMMANDS, build_parser, command_name, main, plan_for
from isotrack.clock import FakeClock
from isotrack.commands.app_start import app_folder
from isotrack.commands.core import run_app
from isotrack.domain.demo import demo_history
from isotrack.domain.records import SetRecord
from isotrack.store.errors import DataError
from isotrack.store.folder import manifests
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.streak_line import StreakLine
from tests.pilot_helpers import settle
from tests.streak_reference import streaks

REPO = Path(__file__).resolve().parents[1]


def registered_commands() -> dict[str, str]:
    """Command name -> module, from the modules' own registration."""
    found: dict[str, str] = {}
    for module in COMMAND_MODULES:
        parser = build_parser((module,))
        subparsers = next(a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices)
        found.update(dict.fromkeys(subparsers.choices, module))
    return found


def test_command_table_matches_what_the_modules_register() -> None:
    assert registered_commands() == COMMANDS


@pytest.mark.parametrize(
    ("argv", "name"),
    [
        ([], None),
        (["--data", "log", "today"], "today"),
        (["--data=x", "log", "push-pull-a"], "log"),
        (["--version"], None),
        (["--", "calendar"], "calendar"),
    ],
)
def test_command_name_skips_options_and_the_data_folder(argv: list[str], name: str) -> None:
    assert command_name(argv) == name


def test_plan_builds_one_command_or_everything_for_help() -> None:
    assert plan_for(["log", "knees-in"]) == (("core",), "log")
    assert plan_for(["--data", "d"]) == (("core",), "tui")
    assert plan_for(["log", "--help"]) == (COMMAND_MODULES, None)
    assert plan_for(["lgo"]) == (COMMAND_MODULES, None)


def test_log_imports_only_what_it_needs(tmp_path: Path) -> None:
    code = (
        "import sys; from isotrack.cli import main; "
        f"main(['log', 'knees-in', '--data', {str(tmp_path / 'd')!r}]); "
        "print(sorted(m for m in sys.modules if m.startswith(('textual', 'isotrack.commands.', "
        "'isotrack.domain.progression', 'isotrack.domain.streaks', 'isotrack.domain.day_status', "
        "'isotrack.presentation.set_boxes', 'shutil'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    loaded = out.stdout.strip().splitlines()[-1]
    # the day's status is judged for the summary written with the set; streaks are not counted
    expected = [
        "isotrack.commands.base",
        "isotrack.commands.core",
        "isotrack.commands.running",
        "isotrack.domain.day_status",
    ]
    assert loaded == str(expected)


def test_a_quick_exit_keeps_the_output_the_code_and_the_write(tmp_path: Path) -> None:
    """A command ends without tearing down its modules: all it printed still arrives (through
    a pipe, so buffered), with its exit code, and the set it logged is on disk."""

    def isotrack(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "isotrack", *args, "--data", str(tmp_path)]
        return subprocess.run(command, capture_output=True, text=True, cwd=REPO)

    logged = isotrack("log", "knees-in")
    assert logged.returncode == 0 and logged.stdout.startswith("Logged ")
    assert len(Tracker.open(tmp_path, FakeClock(datetime.now().astimezone())).day().sets) == 1
    many = isotrack("exercises")
    assert many.returncode == 0 and many.stdout.endswith("\n") and "knees-in" in many.stdout
    refused = isotrack("log", "no-such-exercise")
    assert refused.returncode == 2 and "unknown exercise" in refused.stderr


def test_exit_functions_still_run_after_a_command(tmp_path: Path) -> None:
    """A tool that registers an exit function (a coverage or memory probe) still sees it run:
    the command then exits the usual way."""
    note = tmp_path / "ran"
    code = (
        "import atexit, runpy, sys; "
        f"atexit.register(lambda: open({str(note)!r}, 'w').write('ran')); "
        f"sys.argv = ['isotrack', 'log', 'knees-in', '--data', {str(tmp_path / 'd')!r}]; "
        "runpy.run_module('isotrack', run_name='__main__', alter_sys=True)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0 and note.read_text() == "ran"


def test_the_app_imports_only_what_its_first_frame_needs() -> None:
    """Other screens, their stylesheets' screens and the suggestion and streak code load later."""
    code = (
        "import sys, isotrack.cli, isotrack.commands.core, isotrack.ui.app; "
        "print(sorted(m for m in sys.modules if m.startswith(('isotrack.ui.screens.', "
        "'isotrack.domain.progression', 'isotrack.domain.streaks', 'textual.widgets._markdown'))))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip().splitlines()[-1] == "['isotrack.ui.screens.today']"


def a_set(day: date, n: int) -> SetRecord:
    """Set number ``n`` of knees-in on ``day``."""
    return SetRecord(f"s{n}", "knees-in", day, 10, 5.0, datetime(2026, 3, 1, 9, tzinfo=UTC))


def test_a_write_checks_a_month_again_once_someone_else_changed_it(tmp_path: Path) -> None:
    """Writes skip re-decoding the documents they wrote themselves, never a file changed since."""
    store = Store.open(tmp_path)
    day = date(2026, 3, 1)
    store.add_set(a_set(day, 1))
    store.add_set(a_set(day + timedelta(days=1), 2))
    path = store.month_path(2026, 3)
    tables = json.loads(path.read_bytes())
    first = next(k for k, d in tables["days"].items() if d["day"] == day.isoformat())
    tables["days"][first]["sets"][0]["reps"] = "ten"  # valid JSON, not a valid set
    path.write_text(json.dumps(tables))
    before = path.read_bytes()
    with pytest.raises(DataError, match="reps"):
        store.add_set(a_set(day + timedelta(days=2), 3))
    assert path.read_bytes() == before


def test_repeated_writes_keep_every_set(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    day = date(2026, 3, 1)
    for n in range(5):
        store.add_set(a_set(day, n))
    store.remove_last_set(day, "knees-in")
    assert [s.id for s in Store.open(tmp_path).day(day).sets] == ["s0", "s1", "s2", "s3"]


def test_streak_stats_read_a_month_at_a_time_match_the_whole_history(
    data_dir: Path, clock: FakeClock
) -> None:
    today = clock.now().date()
    program, records = demo_history(today, years=2, seed=3, zone=clock.now().tzinfo)
    store = Store.open(data_dir)
    store.save_program(program)
    store.write_days(records)
    tracker = Tracker.open(data_dir, clock)
    expected = streaks(program, {r.day: r for r in records}, today, tracker.done_threshold)
    assert tracker.streak_stats() == expected


async def test_today_fills_suggestions_and_streak_after_the_first_frame(
    tracker: Tracker,
) -> None:
    tracker.log_set("knees-in")
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, TodayScreen)
        assert app.first_frame_shown
        assert screen.suggestions is not None
        assert "…" not in str(screen.query_one(StreakLine).render())


async def test_the_app_takes_the_days_backup_after_its_first_frame(tracker: Tracker) -> None:
    tracker.log_set("knees-in")  # the folder now holds data (and that write took a backup)
    store = Store.open(tracker._store.root, backup=False)
    ((_, _, backup),) = manifests(store.root)
    backup.unlink()  # as if the day had not started with a backup yet
    app = IsotrackApp(Tracker(store, tracker.clock))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await app.flush_writes()
    assert len(manifests(store.root)) == 1


def old_month_broken(tracker: Tracker, clock: FakeClock) -> Path:
    """Two sets a month ago and one today, then last month's file damaged by hand."""
    tracker.log_set("knees-in", clock.now().date() - timedelta(days=31))
    tracker.log_set("knees-in")
    month = next(p for p in tracker._store.month_files() if p.name == "2026-10.json")
    month.write_text("{broken")
    return month


async def test_the_app_checks_every_file_after_its_first_frame(
    tracker: Tracker, clock: FakeClock, data_dir: Path
) -> None:
    """The app opens the folder without its check (it reads the summary index, a cost that
    grows with the history); a damaged old month is then named once, Today still shows
    the day and nothing is written over the file."""
    month = old_month_broken(tracker, clock)
    app = IsotrackApp(Tracker.open(data_dir, clock, backup=False, check=False))
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await settle(pilot)
        assert app.is_running and isinstance(app.screen, TodayScreen)
        assert "1/1" in str(app.screen.query_one("#exercises").get_option("knees-in").prompt)
        told = [str(n.message) for n in app._notifications if str(month) in str(n.message)]
        assert len(told) == 1 and "isotrack doctor" in told[0]
    assert month.read_text() == "{broken"


def test_the_app_command_stops_before_the_terminal_on_a_bad_file_of_today(
    tracker: Tracker, clock: FakeClock, data_dir: Path, capsys, monkeypatch
) -> None:
    """What the first frame reads (the main file, today's month) is read before the app
    starts, so a bad one still stops it with one line; an old month waits for the app."""
    started: list[bool] = []
    monkeypatch.setattr(IsotrackApp, "run", lambda _self: started.append(True))
    old_month_broken(tracker, clock)
    assert main(["--data", str(data_dir)], clock=clock) == 0 and started == [True]
    today = tracker._store.month_path(2026, 11)
    today.write_text("{broken")
    assert main(["--data", str(data_dir)], clock=clock) == 1
    assert str(today) in capsys.readouterr().err and started == [True]


@pytest.mark.parametrize(
    ("argv", "found"),
    [
        ([], (None,)),
        (["tui"], (None,)),
        (["--data", "d"], ("d",)),
        (["--data=d"], ("d",)),
        (["tui", "--data", "d"], ("d",)),
        (["--data", ""], None),  # the parser's one line says what is wrong
        (["--data", "-x"], None),
        (["--data"], None),
        (["--dat", "d"], None),  # an abbreviation: the parser knows it
        (["--help"], None),
        (["today"], None),
    ],
)
def test_only_a_plain_app_command_line_skips_the_parser(argv: list[str], found) -> None:
    assert app_folder(argv) == found
    if found is not None:  # the parser reads the same line as opening the app on that folder
        args = build_parser(*plan_for(argv)).parse_args(argv)
        assert getattr(args, "data", None) == found[0]
        assert getattr(args, "handler", None) in (None, run_app)  # None: no command, the app


def test_the_app_opens_without_argparse(tmp_path: Path) -> None:
    code = (
        "import sys; from isotrack.ui.app import IsotrackApp\n"
        "IsotrackApp.run = lambda self: print(sorted(m for m in sys.modules if m in "
        "('argparse', 'isotrack.cli')), self.tracker.root.name)\n"
        f"sys.argv = ['isotrack', '--data', {str(tmp_path / 'here')!r}]\n"
        "from isotrack.__main__ import run; run()"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[] here"
