"""Untrusted text (notes, reasons, ids, paths) never crashes a screen, never reaches the terminal
as an escape sequence and never runs as a spreadsheet formula; it is stored exactly."""

from __future__ import annotations

import asyncio
import contextlib
import csv
import io
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from isotrack.cli import main
from isotrack.clock import FakeClock
from isotrack.domain.records import DayRecord, PainEntry, PainKind, SetRecord
from isotrack.presentation.safe_text import csv_cell, strip_controls
from isotrack.store.exchange import csv_chunks, export_json, import_into, parse_export
from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.calendar import CalendarScreen
from tests.conftest import NOW
from tests.pilot_helpers import settle

DAY = NOW.date()
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
TITLE_ATTACK = "\x1b]2;PWNED\x07"
HOSTILE = f"[/x] [bold]b [$accent]a [@click=app.quit]q {TITLE_ATTACK}\x9b2J\r\\"
hostile_text = st.lists(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from([*"\x1b\x07\x9b\x9d\x00\r\t\n[]\\/$@=", "[/x]", "[b]", TITLE_ATTACK]),
    max_size=20,
).map("".join)


def hostile_day(text: str, ident: str = "s1") -> DayRecord:
    return DayRecord(
        day=DAY,
        sets=(SetRecord(ident, "knees-in", DAY, 5, 5.0, NOW, None, True),),
        pain=(PainEntry("p1", DAY, PainKind.MORNING, 3, NOW, text, False),),
        skipped=text,
        note=text,
    )


def stored_folder(root: Path, record: DayRecord) -> Store:
    store = Store.open(root)
    store.acknowledge_safety(NOW)
    store.update_day(record.day, lambda _: record)
    return store


# -- the one strip and the CSV guard -----------------------------------------------------------


def test_strip_controls_removes_c0_esc_del_c1_and_keeps_tab_newline_and_text() -> None:
    assert (
        strip_controls(f"a{TITLE_ATTACK}b\x9b2J\x7f\r\x00\tc\n[/x] é ☃")
        == "a]2;PWNEDb2J\tc\n[/x] é ☃"
    )


def test_csv_cells_that_start_a_formula_are_text() -> None:
    for start in "=+-@\t":
        assert csv_cell(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"
    assert csv_cell("\rHYPERLINK(1)") == "'\nHYPERLINK(1)"  # (line breaks become \n)
    assert csv_cell("knees-in") == "knees-in" and csv_cell("") == ""


def test_a_lone_carriage_return_in_a_note_stays_inside_its_csv_row(tmp_path: Path) -> None:
    store = stored_folder(tmp_path / "a", hostile_day("sore\rthen better\r\nok"))
    rows = list(csv.DictReader(io.StringIO("".join(csv_chunks(store, "pain")), newline="")))
    assert [row["note"] for row in rows] == ["sore\nthen better\nok"]


def test_imported_formula_ids_are_escaped_in_the_csv_export(tmp_path: Path) -> None:
    store = stored_folder(tmp_path / "a", hostile_day("", ident='=HYPERLINK("http://x","y")'))
    store.update_day(DAY, lambda d: d._replace(sets=(*d.sets, d.sets[0]._replace(id="@SUM(1)"))))
    rows = list(csv.reader(io.StringIO("".join(csv_chunks(store)), newline="")))
    ids = [row[-1] for row in rows[1:]]
    assert ids == ['\'=HYPERLINK("http://x","y")', "'@SUM(1)"]


# -- the CLI -----------------------------------------------------------------------------------


def test_cli_prints_no_escape_sequence_from_a_reason_or_a_note(cli, capsys) -> None:
    code, out, _ = cli("skip", "--reason", HOSTILE)
    assert code == 0 and "[/x]" in out and not CONTROL.search(out)
    code, out, err = cli("today")
    assert code == 0 and "Skipped: [/x]" in out and not CONTROL.search(out + err)
    code, out, err = cli("pain", "2", "--note", HOSTILE)
    assert code == 0 and not CONTROL.search(out + err)


def test_cli_error_naming_a_hostile_path_is_stripped(tmp_path: Path, capsys) -> None:
    odd = tmp_path / f"a{TITLE_ATTACK}[" / "x]"  # a path holding "[/x]"
    odd.parent.mkdir()
    odd.write_text("not a folder")
    code = main(["today", "--data", str(odd)], clock=FakeClock(NOW))
    err = capsys.readouterr().err
    assert code == 1 and "[/x]" in err and not CONTROL.search(err) and err.count("\n") == 1


# -- the app -----------------------------------------------------------------------------------


def shown_text(app: IsotrackApp) -> str:
    """Everything painted on the current screen, as text."""
    lines = []
    for widget in app.screen.query("*"):
        if widget.display and widget.size.height:
            lines += [widget.render_line(y).text for y in range(widget.size.height)]
    return "\n".join(lines)


async def check_screens(tracker: Tracker, expected: str) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        text = shown_text(app)
        assert not CONTROL.search(text)
        assert expected in text
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, CalendarScreen)
        text = shown_text(app)
        assert not CONTROL.search(text) and expected in text
        await pilot.press("g")
        await settle(pilot)
        assert not CONTROL.search(shown_text(app))


async def test_app_shows_hostile_text_plainly_on_today_and_calendar(
    data_dir: Path, clock: FakeClock
) -> None:
    store = stored_folder(data_dir, hostile_day(HOSTILE))
    await check_screens(Tracker(store, clock), "[/x] [bold]b [$accent]a [@click=app.quit]q")


async def test_a_notice_naming_a_markup_path_shows_it_plainly(tmp_path: Path, clock) -> None:
    root = tmp_path / f"{TITLE_ATTACK}[" / "x][old]"
    store = stored_folder(root, hostile_day("x"))
    app = IsotrackApp(Tracker(store, clock))
    async with app.run_test(size=(100, 30)) as pilot:
        app.notify(f"Saved to {root}", title=f"[/x]{TITLE_ATTACK}")
        await settle(pilot)
        (note,) = app._notifications
        assert not note.markup and "[/x][old]" in note.message and note.title == "[/x]]2;PWNED"
        assert not CONTROL.search(note.message + note.title)


# -- the property: any text, every field, every path -------------------------------------------


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile_text)
def test_any_text_round_trips_exactly_and_prints_without_controls(tmp_path_factory, text) -> None:
    base = tmp_path_factory.mktemp("t")
    # (an id holding CR is left out: Python's csv does not quote a lone CR; see the report)
    record = hostile_day(text, ident=f"s{text}".replace("\r", "")[:40] or "s")
    store = stored_folder(base / "a", record)
    assert store.day(DAY) == record  # stored exactly as given
    again = Store.open(base / "b")
    import_into(again, parse_export(export_json(store)))
    assert again.day(DAY) == record  # through export and import unchanged
    rows = list(csv.reader(io.StringIO("".join(csv_chunks(store)), newline="")))
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    for argv in (["today"], ["suggest"], ["calendar", "--year", "2026"]):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main([*argv, "--data", str(base / "a")], clock=FakeClock(NOW))
        assert code == 0 and not CONTROL.search(out.getvalue() + err.getvalue())


@settings(
    max_examples=8, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=hostile_text.filter(lambda t: strip_controls(t).strip() != ""))
def test_any_text_shows_on_the_screens_without_a_crash_or_a_control(tmp_path_factory, text) -> None:
    store = stored_folder(tmp_path_factory.mktemp("app"), hostile_day(text))
    asyncio.run(check_screens(Tracker(store, FakeClock(NOW)), ""))
