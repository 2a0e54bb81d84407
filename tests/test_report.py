"""The report for a physiotherapist: its figures, its two formats and the command."""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import replace
from datetime import date, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

from isotrack.clock import FakeClock
from isotrack.domain.catalogue import Mode
from isotrack.domain.custom import ExerciseSpec
from isotrack.domain.program import Program
from isotrack.domain.program_log import How, LogEntry, log_from_docs
from isotrack.domain.progression import Action, Suggestion
from isotrack.domain.records import PainKind
from isotrack.domain.report import (
    meaningful_rise,
    pain_change,
    period,
    target_changes,
)
from isotrack.domain.targets import History, Target
from isotrack.domain.trend import Direction
from isotrack.presentation.trend_words import p_value
from isotrack.presentation.words import one_line
from isotrack.report.html import render_html
from isotrack.report.markdown import cell, render_markdown
from isotrack.tracker import Tracker
from tests.conftest import NOW

REPO = Path(__file__).resolve().parents[1]
SECTIONS = ["summary", "adherence", "pain", "prescription", "notes"]
NASTY = "<script>alert(1)</script> | *bold* [x](http://evil.example) \x1b[31mred\x07"


@pytest.fixture
def demo(data_dir: Path, clock: FakeClock) -> Tracker:
    """A seeded one-year demo history plus what only a person adds: notes, a red flag 20
    days ago and one withdrawn as a mistake, a change by hand, an accepted and a dismissed
    suggestion."""
    tracker = Tracker.open(data_dir, clock)
    tracker.fill_demo(years=1, seed=7, accept_safety=True)
    today = tracker.today()
    tracker.add_pain(3, PainKind.AFTER, today - timedelta(days=3), note=NASTY)
    tracker.add_pain(6, PainKind.MORNING, today - timedelta(days=20), "leg numb", red_flag=True)
    mistake = tracker.add_pain(5, PainKind.MORNING, today - timedelta(days=25), "", red_flag=True)
    tracker.withdraw_red_flag(mistake.id, "cli")
    tracker.set_target("knees-in", reps=12)
    lower = Target(2, 15, 10)
    tracker.apply_suggestion(Suggestion("knees-out", Action.STEP_BACK, lower, "Pain rose."))
    tracker.dismiss(Suggestion("superman", Action.STEP_UP, Target(3, 10, 10), "Low pain."))
    return tracker


class Page(HTMLParser):
    """Every tag with its attributes, section ids, and the text of style elements."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.sections: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "section":
            self.sections.append(dict(attrs)["id"] or "")
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def report_html(tracker: Tracker, weeks: int = 8) -> str:
    start, end = period(tracker.today(), weeks, None, None)
    return render_html(tracker.report_data(start, end))


# -- the HTML ------------------------------------------------------------------------------


def test_html_parses_and_holds_every_section_with_both_drawings(demo: Tracker) -> None:
    page = parse(report_html(demo))
    assert page.sections == SECTIONS
    assert sum(tag == "svg" for tag, _ in page.tags) == 2
    assert [tag for tag, _ in page.tags].count("h2") == 5


def test_nothing_in_the_html_fetches_from_anywhere(demo: Tracker) -> None:
    html = report_html(demo)
    page = parse(html)
    fetching = {"src", "href", "srcset", "xlink:href", "action", "poster", "data", "formaction"}
    for tag, attrs in page.tags:
        assert tag not in {"script", "link", "img", "iframe", "object", "embed", "base"}
        assert not fetching & set(attrs), (tag, attrs)
        assert "url(" not in (attrs.get("style") or "")
    style = "".join(page.styles)
    assert "@import" not in style and "url(" not in style
    assert "<script" not in html.lower()
    assert "http" not in html.replace("[x](http://evil.example)", "")  # a note's link is text


def test_user_text_is_escaped_and_stripped_of_control_characters(demo: Tracker) -> None:
    html = report_html(demo)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "\x1b" not in html and "\x07" not in html
    start, end = period(demo.today(), 8, None, None)
    markdown = render_markdown(demo.report_data(start, end))
    assert r"\<script\>alert(1)\</script\> \| \*bold\* \[x\](http://evil.example) \[31mred" in (
        markdown
    )
    assert "\x1b" not in markdown


# -- the figures equal those of streak --json and suggest --json ----------------------------


def test_figures_equal_streak_and_suggest_json(
    demo: Tracker, cli, data_dir: Path, clock: FakeClock
) -> None:
    _, out, _ = cli("streak", "--json")
    streak = json.loads(out)
    _, text, _ = cli("streak")
    rate = text.split("Last 30 days")[1].split()[0]  # the text shows it unrounded
    _, out, _ = cli("suggest", "--json")
    suggest = json.loads(out)
    _, markdown, _ = cli("report", "--weeks", "8", "--format", "md", "--output", "-")
    lines = markdown.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("| Current streak"))
    assert lines[header + 2].split(" | ") == [
        f"| {streak['current']} days",
        f"{streak['longest']} days",
        str(streak["done_days"]),
        f"{rate} |",
    ]
    trend = suggest["trend"]
    last = next(line for line in lines if line.startswith("| 8 Nov – 21 Nov |"))
    assert last.split(" | ")[1:] == [
        str(trend["n"]),
        trend["direction"],
        f"{trend['slope_per_day'] * 7:+.2f}",
        p_value(trend["p_down"]),
        p_value(trend["p_up"]) + " |",
    ]
    assert f"Today the app says: {suggest['summary']}" in markdown
    report = demo.report_data(*period(demo.today(), 8, None, None))
    assert report.streaks.current == streak["current"]
    assert round(report.streaks.rate_30d or 0, 4) == streak["rate_30d"]
    assert report.trend_end.s == trend["s"] and report.trend_end.z == trend["z"]


def test_weeks_add_up_to_the_period_and_count_as_streaks_do(demo: Tracker) -> None:
    report = demo.report_data(*period(demo.today(), 8, None, None))
    assert len(report.statuses) == 56 and len(report.weeks) == 8
    assert sum(w.planned for w in report.weeks) == report.total.planned
    assert sum(w.done for w in report.weeks) == report.total.done
    _, statuses = demo.year_days(2026)
    done = sum(s.kind == "done" for d, s in statuses.items() if report.start <= d <= report.end)
    assert report.total.done == done


def test_changes_say_how_they_were_made_and_dismissals_are_listed(demo: Tracker) -> None:
    report = demo.report_data(*period(demo.today(), 4, None, None))
    by_exercise = {c.exercise: c for c in report.changes if c.day == demo.today()}
    assert by_exercise["knees-in"].how is How.BY_HAND
    assert by_exercise["knees-in"].after == Target(3, 12, 10)
    assert by_exercise["knees-out"].how is How.ACCEPTED
    assert [(d.exercise, d.reason) for d in report.dismissed] == [("superman", "Low pain.")]
    assert [n.text for n in report.red_flags] == ["leg numb"]  # the withdrawn one is not
    withdrawn = [n for n in report.notes if n.kind == "withdrawn red flag"]
    assert [n.day for n in withdrawn] == [demo.today() - timedelta(days=25)]


def test_notes_name_pain_by_kind_and_score_and_a_bare_skip_says_so(demo: Tracker) -> None:
    today = demo.today()
    demo.skip(today - timedelta(days=2))
    rows = render_markdown(demo.report_data(*period(today, 4, None, None))).splitlines()
    assert any(row.endswith("| skipped | no reason given |") for row in rows)
    assert any(row.endswith("| red flag | leg numb |") for row in rows)
    assert any(row.endswith("| red flag withdrawn as a mistake | morning pain 5 |") for row in rows)
    assert any("| after pain 3 | " in row for row in rows)  # the kind of a pain note


# -- the user's own exercises ---------------------------------------------------------------

WALL_SIT = ExerciseSpec(name="Wall sit", mode=Mode.MAX, sided=True, hold=40, cues=("Level",))
BRIDGE = ExerciseSpec(name="Glute <b>& bridge", sets=2, reps=8, hold=10, cues=("Ribs down",))
OWN_START = NOW.date() - timedelta(days=20)


@pytest.fixture
def own(data_dir: Path, clock: FakeClock) -> Tracker:
    """Three weeks of the beginner routine with two own exercises from its first day (a max
    hold with sides and a fixed hold whose name looks like HTML), sets of both logged, each
    target raised by hand ten days ago and a step up of the wall sit dismissed today."""
    clock.set(NOW - timedelta(days=20))
    tracker = Tracker.open(data_dir, clock)
    tracker.initialise("beginner", "gentle", None, accept_safety=True)
    wall, bridge = tracker.add_exercise(WALL_SIT).id, tracker.add_exercise(BRIDGE).id
    tracker.edit_routine(add=(wall, bridge))
    tracker.log_set(wall, side="left")
    tracker.log_set(bridge)
    clock.set(NOW - timedelta(days=10))
    tracker.set_target(wall, sets=2)
    tracker.set_target(bridge, reps=7)
    tracker.log_set(wall, side="right")
    clock.set(NOW)
    tracker.dismiss(Suggestion(wall, Action.STEP_UP, Target(2, 1, 15), "Low pain."))
    return tracker


def test_a_report_knows_its_own_exercises_as_they_were_in_its_period(own: Tracker) -> None:
    own.edit_exercise("wall-sit", ExerciseSpec(name="Wall squat"))
    past = own.report_data(OWN_START, own.today() - timedelta(days=1))
    assert past.exercises["wall-sit"].name == "Wall sit"
    assert [e for e, _ in past.targets_end][-2:] == ["wall-sit", "glute-b-bridge"]
    now = own.report_data(OWN_START, own.today())
    assert now.exercises["wall-sit"].name == "Wall squat"


def test_own_exercises_are_named_with_their_target_labels_in_markdown(own: Tracker) -> None:
    markdown = render_markdown(own.report_data(OWN_START, own.today()))
    bridge = r"Glute \<b\>& bridge"
    assert f"; Wall sit; {bridge} |" in markdown  # the routine at the end of the period
    assert "| Wall sit | 1 /side × 10 s goal | 2 /side × 10 s goal |" in markdown
    assert f"| {bridge} | 1 × 5 × 10 s | 1 × 7 × 10 s |" in markdown
    assert "| Wall sit | 1 /side × 10 s goal | 2 /side × 10 s goal | set by hand |" in markdown
    assert "| Wall sit | step up to 2 /side × 15 s goal | Low pain. |" in markdown
    assert "wall-sit" not in markdown and "glute-b-bridge" not in markdown


def test_own_exercises_are_named_with_their_target_labels_in_html(own: Tracker) -> None:
    html = render_html(own.report_data(OWN_START, own.today()))
    bridge = "Glute &lt;b&gt;&amp; bridge"
    assert f"; Wall sit; {bridge}</td>" in html
    assert "<td>Wall sit</td><td>1 /side × 10 s goal</td><td>2 /side × 10 s goal</td>" in html
    assert f"<td>{bridge}</td><td>1 × 5 × 10 s</td><td>1 × 7 × 10 s</td>" in html
    assert "<td>step up to 2 /side × 15 s goal</td>" in html
    assert "wall-sit" not in html and "<b>" not in html


def test_an_own_exercise_name_is_escaped_and_stripped_of_control_characters(
    own: Tracker,
) -> None:
    """The store cleans a name when it is made; the report cleans it again where it shows it."""
    report = own.report_data(OWN_START, own.today())
    name = "Wall <b>& \x1b]2;owned\x07sit\u202e"
    wall = replace(report.exercises["wall-sit"], name=name)
    report = replace(report, exercises={**report.exercises, "wall-sit": wall})
    html, markdown = render_html(report), render_markdown(report)
    assert "<td>Wall &lt;b&gt;&amp; ]2;ownedsit</td>" in html
    assert r"| Wall \<b\>& \]2;ownedsit | 1 /side × 10 s goal |" in markdown
    for text in (html, markdown):
        assert not {"\x1b", "\x07", "\u202e"} & set(text)


def test_an_id_the_program_no_longer_knows_is_shown_as_it_is(own: Tracker) -> None:
    report = own.report_data(OWN_START, own.today())
    report = replace(report, exercises={})
    assert "| wall-sit | step up to 2 × 1 × 15 s | Low pain. |" in render_markdown(report)


# -- the Markdown, as a snapshot -------------------------------------------------------------


def test_markdown_of_a_seeded_demo(demo: Tracker, snapshot) -> None:
    report = demo.report_data(*period(demo.today(), 6, None, None))
    assert render_markdown(report) == snapshot


# -- pure parts --------------------------------------------------------------------------------


def test_a_rise_is_meaningful_by_the_same_thresholds_as_a_fall() -> None:
    assert meaningful_rise(3, 5) and meaningful_rise(3, 4)  # 2 points; 1 of 3 is 33%
    assert not meaningful_rise(5, 6) and not meaningful_rise(None, 6)
    start = date(2026, 1, 1)
    scores = {start + timedelta(days=i): (6 if i < 7 else 3) for i in range(21)}
    assert pain_change(scores, start, start + timedelta(days=20)).direction is Direction.DOWN
    rising = {day: 9 - score for day, score in scores.items()}
    assert pain_change(rising, start, start + timedelta(days=20)).direction is Direction.UP
    assert pain_change({}, start, start).direction is Direction.INSUFFICIENT
    flat = {start + timedelta(days=i): 4 for i in range(14)}
    assert pain_change(flat, start, start + timedelta(days=13)).direction is Direction.FLAT


def test_period_defaults_to_six_weeks_ending_today() -> None:
    today = date(2026, 11, 21)
    assert period(today, None, None, None) == (date(2026, 10, 11), today)
    assert period(today, 1, None, date(2026, 11, 1)) == (date(2026, 10, 26), date(2026, 11, 1))


def test_log_entries_that_do_not_decode_are_left_out() -> None:
    good = LogEntry(date(2026, 1, 2), How.ACCEPTED, "knees-in", "step-up", Target(1, 7, 5))
    docs = [good.to_doc(), {"day": "nope"}, "text", {**good.to_doc(), "how": "??"}]
    assert log_from_docs(docs) == [good]
    assert log_from_docs({"not": "a list"}) == []


def test_log_entries_keep_their_stored_form() -> None:
    """Folders already hold entries in this form: it must still read, and be written the same."""
    stored = {"day": "2026-01-02", "how": "by_hand", "exercise": "knees-in", "action": "routine"}
    [entry] = log_from_docs([stored])
    assert entry == LogEntry(date(2026, 1, 2), How.BY_HAND, "knees-in", "routine")
    assert entry.to_doc()["how"] == "by_hand"


def test_a_change_without_a_log_entry_is_not_recorded() -> None:
    day = date(2026, 3, 1)
    program = Program.new(day, ("knees-in",))
    program = program.with_target("knees-in", day + timedelta(days=9), Target(1, 7, 5))
    [change] = target_changes(program, day, day + timedelta(days=20), [])
    assert change.how is None and change.before == Target(1, 5, 5)
    assert isinstance(program.targets["knees-in"], History)


def test_text_is_cleaned_and_markdown_cells_escaped() -> None:
    assert one_line("a\x1b[2Jb\u202e\nc\t d") == "a[2Jb c d"
    assert cell("a|b_c") == r"a\|b\_c"
    assert cell("") == " "


# -- the command --------------------------------------------------------------------------------


def test_report_writes_an_html_file_named_by_its_dates_in_the_current_folder(
    demo: Tracker, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = cli("report")
    path = tmp_path / "isotrack-report-2026-10-11-to-2026-11-21.html"
    assert (code, err) == (0, "")
    assert str(path) in out
    assert parse(path.read_text()).sections == SECTIONS
    assert path.stat().st_mode & 0o077 == 0  # health records: private to the user


def test_output_suffix_picks_markdown(demo: Tracker, cli, tmp_path: Path) -> None:
    target = tmp_path / "for-my-physio.md"
    code, _, _ = cli(
        "report", "--from", "2026-11-01", "--to", "2026-11-14", "--output", str(target)
    )
    assert code == 0
    assert target.read_text().startswith("# Back exercise report: Sun 1 Nov 2026 to Sat 14 Nov")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "2026-11-10", "--to", "2026-11-01"], "must not be after"),
        (["--to", "2026-12-01"], "in the future"),
        (["--weeks", "2", "--from", "2026-11-01"], "not allowed with"),
        (["--weeks", "0"], "from 1 to 520"),
    ],
)
def test_bad_periods_are_one_line_errors(demo: Tracker, cli, argv: list[str], message: str) -> None:
    code, out, err = cli("report", *argv, "--output", "-")
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_other_commands_and_the_app_never_import_the_report(tmp_path: Path) -> None:
    code = (
        "import sys; from isotrack.cli import main; "
        f"main(['today', '--data', {str(tmp_path / 'd')!r}]); import isotrack.ui.app; "
        "print(sorted(m for m in sys.modules if 'report' in m))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip().splitlines()[-1] == "[]"


# -- the drawings ---------------------------------------------------------------------------


def test_drawings_are_well_formed_svg_with_a_mark_for_each_thing(demo: Tracker) -> None:
    import xml.etree.ElementTree as ET

    from isotrack.report import svg

    report = demo.report_data(*period(demo.today(), 4, None, None))
    calendar = ET.fromstring(svg.calendar_strip(report.statuses))
    cells = [e for e in calendar if e.tag == "rect"]
    assert len(cells) == 28
    chart = ET.fromstring(svg.pain_chart(report.pain))
    titles = [e.findtext("title") or "" for e in chart.iter() if e.find("title") is not None]
    mornings = sum(p.morning is not None for p in report.pain)
    assert sum("morning" in t for t in titles) == mornings
    assert sum("red flag" in t for t in titles) == len(report.red_flags) == 1
    assert sum("zone" in t for t in titles) == sum(p.zone is not None for p in report.pain)


def test_the_program_log_travels_with_an_export(
    demo: Tracker, tmp_path: Path, clock: FakeClock
) -> None:
    other = Tracker.open(tmp_path / "other", clock)
    exported = tmp_path / "export.json"
    exported.write_text("".join(demo.export()), encoding="utf-8")
    other.import_file(exported)
    report = other.report_data(*period(other.today(), 1, None, None))
    assert {c.exercise: c.how for c in report.changes if c.day == other.today()} == {
        "knees-in": How.BY_HAND,
        "knees-out": How.ACCEPTED,
    }


@pytest.mark.parametrize("days_back", [0, 1, 17, 45, 200])
def test_streaks_as_of_the_end_of_a_past_period_match_the_whole_history_read(
    demo: Tracker, days_back: int
) -> None:
    """``streak_stats(until)``, read from month summaries, equals the days judged one by one
    (as of today, so the period's last day is closed) and rated up to ``until``."""
    from isotrack.domain.streaks import day_statuses, streaks_from

    today = demo.today()
    until = today - timedelta(days=days_back)
    program = demo.program()
    first = program.first_day()
    assert first is not None
    days = demo.days(first, until)
    statuses = day_statuses(program, days, first, until, today, demo.done_threshold)
    expected = streaks_from(list(statuses.values()), until)
    assert demo.streak_stats(until) == expected


def test_a_routine_edited_one_exercise_at_a_time_is_a_change_by_hand(demo: Tracker) -> None:
    """`routine --add/--remove` and Settings' boxes edit the routine; the report must say how."""
    before = demo.program().routine_on(demo.today())
    demo.edit_routine(add=("bird-dog",), remove=(before[-1],))
    report = demo.report_data(*period(demo.today(), 1, None, None))
    changed = {c.exercise: c.how for c in report.changes if c.day == demo.today()}
    assert changed["bird-dog"] is How.BY_HAND and changed[before[-1]] is How.BY_HAND
