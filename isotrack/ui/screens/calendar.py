"""Calendar: the year heatmap, streaks, and the details of the highlighted day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from isotrack.domain.program import Program
from isotrack.domain.records import DayRecord
from isotrack.domain.streaks import DayKind, DayStatus
from isotrack.presentation.calendar_marks import KIND_TEXT, week_start_number
from isotrack.presentation.heatmap import year_grid
from isotrack.presentation.safe_text import strip_controls
from isotrack.presentation.words import plural
from isotrack.ui.app_base import NotSaved
from isotrack.ui.palette_entry import in_palette
from isotrack.ui.screens.mode import ModeScreen
from isotrack.ui.styles import stylesheet
from isotrack.ui.widgets.heatmap import Heatmap, YearView, same_day_in
from isotrack.ui.widgets.streak_line import StreakLine

YearData = tuple[dict[date, DayRecord], dict[date, DayStatus]]
KIND_STYLE = {DayKind.DONE: "bold $success", DayKind.SKIPPED: "$warning"}


def status_line(status: DayStatus, record: DayRecord, program: Program) -> Content:
    """Kind and sets done of one day (a skip's reason is in the notes)."""
    parts: list[tuple[str, str] | str] = [(KIND_TEXT[status.kind], KIND_STYLE.get(status.kind, ""))]
    plan = program.plan_for(status.day)
    planned = sum(p.planned_sets for p in plan)
    if planned and status.kind not in (DayKind.BEFORE, DayKind.FUTURE):
        done = sum(p.done_sets(record) for p in plan)
        parts.append(("  ·  ", "$text-muted"))
        parts.append((f"{done} of {plural(planned, 'set')}", "bold"))
        parts.append((f" ({status.fraction:.0%})", "$text-muted"))
    return Content.assemble(*parts)


def sets_text(status: DayStatus, record: DayRecord, program: Program) -> Content:
    """Sets done per exercise against the targets in force that day."""
    first = program.first_day()
    if status.kind is DayKind.BEFORE:
        return Content.styled(f"Before your first day ({first}).", "$text-muted")
    plan = program.plan_for(status.day)
    lines: list[Content] = []
    if status.kind is DayKind.FUTURE:
        lines.append(Content.styled("Planned with today's targets:", "$text-muted"))
    elif program.is_rest_day(status.day):
        lines.append(Content.styled("Rest day in your schedule.", "$text-muted"))
    width = max((len(p.exercise.name) for p in plan), default=0)
    for item in plan:
        done, planned = item.done_sets(record), item.planned_sets
        count = "" if status.kind is DayKind.FUTURE else f"{done}/{planned}"
        style = "bold $success" if done >= planned else ("bold" if done else "$text-muted")
        lines.append(
            Content.assemble(
                f"{item.exercise.name:<{width}}  ",
                (f"{count:>5}", style),
                (f"  {item.target.label(item.exercise)}", "$text-muted"),
            )
        )
    planned_ids = {p.exercise.id for p in plan}
    extra = sorted({s.exercise for s in record.sets if s.exercise not in planned_ids})
    for exercise_id in extra:
        name = (
            program.exercise(exercise_id, status.day).name
            if program.knows(exercise_id)
            else exercise_id
        )
        count = sum(1 for s in record.sets if s.exercise == exercise_id and s.completed)
        lines.append(
            Content.styled(f"{name}: {plural(count, 'set')} (not in the plan)", "$text-muted")
        )
    return Content("\n").join(lines)


def notes_text(record: DayRecord) -> Content:
    """Pain entries, notes and the skip reason of one day."""
    lines: list[Content] = []
    for entry in record.pain:
        parts: list[tuple[str, str] | str] = [
            (f"{entry.kind.value.title()} ", "$text-muted"),
            (f"{entry.score}", "bold"),
        ]
        if entry.red_flag:
            parts.append(("  red flag", "bold $error"))
        elif entry.withdrawn_red_flag:
            parts.append(("  red flag withdrawn", "$text-muted"))
        if entry.note:
            parts.append(f"  {strip_controls(entry.note)}")
        lines.append(Content.assemble(*parts))
    if record.note:
        lines.append(Content.assemble(("Note ", "$text-muted"), strip_controls(record.note)))
    if record.skipped is not None:
        lines.append(
            Content.assemble(
                ("Skipped ", "$warning"), strip_controls(record.skipped) or "(no reason given)"
            )
        )
    if not lines:
        return Content.styled("No pain scores or notes.", "$text-muted")
    if record.pain:
        lines.insert(0, Content.styled("Pain (0–10)  ·  e correct", "$text-muted"))
    return Content("\n").join(lines)


@in_palette("Calendar", "The year heatmap, streaks and any day's details")
class CalendarScreen(ModeScreen):
    """A year of days as a heatmap; the panel below shows the highlighted day."""

    CSS_PATH: ClassVar = stylesheet("calendar.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-7)", "Week back", show=False),
        Binding("right,l", "move(7)", "Week on", show=False),
        Binding("up,k", "move(-1)", "Day back", show=False),
        Binding("down,j", "move(1)", "Day on", show=False),
        Binding("left_square_bracket", "year(-1)", "Year back", key_display="["),
        Binding("right_square_bracket", "year(1)", "Year on", key_display="]"),
        Binding("home", "go_today", "To today", show=False),
        Binding("space", "tick", "Tick"),
        Binding("backspace", "untick", "Untick"),
        Binding("n", "note", "Note"),
        Binding("s", "toggle_skip", "Skip"),
        Binding("e", "pain_log", "Pain entries", show=False),
        Binding("t,escape", "app.switch_mode('today')", "Today", key_display="t"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.today = date.min
        self.cursor: date | None = None
        self.program: Program | None = None
        self.years = (date.min.year, date.min.year)  # the first and last year one can show
        self._years: dict[int, YearData] = {}

    @property
    def year(self) -> int:
        """The year on show."""
        assert self.cursor is not None
        return self.cursor.year

    def compose(self) -> ComposeResult:
        with Horizontal(id="calendar-top"):
            yield Static(id="calendar-year")
            yield StreakLine(id="calendar-streak")
        yield Heatmap(id="heatmap")
        with Vertical(id="day-detail"):
            yield Static(id="detail-status")
            with Horizontal(id="detail-body"):
                yield Static(id="detail-sets")
                yield Static(id="detail-notes")
        yield Footer(show_command_palette=False, compact=True)  # ? and q fit at 80 columns

    # -- data ------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read again (another screen or process may have changed the data) and redraw."""
        tracker = self.app.tracker
        previous_today = self.today
        self.today = tracker.today()
        self.program = tracker.program()
        self._years.clear()
        first = self.program.first_day() or self.today
        months = tracker.months()
        self.years = (min(first.year, months[0][0] if months else first.year), self.today.year)
        if self.cursor is None or self.cursor == previous_today:
            self.cursor = self.today
        self.show(self.cursor, redraw=True)
        self.query_one(StreakLine).reload()

    def year_data(self, year: int) -> YearData:
        """One year's days and statuses, read on first use."""
        if year not in self._years:
            self._years[year] = self.app.tracker.year_days(year)
        return self._years[year]

    @work(thread=True, exclusive=True, group="prefetch", exit_on_error=False)
    def prefetch(self, year: int) -> None:
        """Read a year's month files in a thread so that moving there is quick."""
        self.app.tracker.days(date(year, 1, 1), date(year, 12, 31))

    # -- drawing ---------------------------------------------------------------------------

    def show(self, day: date, redraw: bool = False) -> None:
        """Put the cursor on ``day``, loading and drawing its year when it changes."""
        heatmap = self.query_one(Heatmap)
        if redraw or heatmap.view is None or heatmap.view.grid.year != day.year:
            _days, statuses = self.year_data(day.year)
            week_start = week_start_number(self.app.tracker.settings.week_start)
            grid = year_grid(day.year, week_start)
            heatmap.show(YearView(grid, statuses, self.today), day)
            self.query_one("#calendar-year", Static).update(Content.styled(f"{day.year}", "bold"))
            if day.year - 1 >= self.years[0] and day.year - 1 not in self._years:
                # `[` is the likely next move: read that year once this one is on screen
                self.call_after_refresh(self.prefetch, day.year - 1)
        else:
            heatmap.move_cursor(day)
        self.cursor = day
        self.show_detail()

    def show_detail(self) -> None:
        """Fill the detail panel for the highlighted day."""
        assert self.cursor is not None and self.program is not None
        days, statuses = self.year_data(self.cursor.year)
        record = days.get(self.cursor) or DayRecord(self.cursor)
        status = statuses[self.cursor]
        panel = self.query_one("#day-detail")
        panel.border_title = f"{self.cursor:%A %d %B %Y}"
        self.query_one("#detail-status", Static).update(status_line(status, record, self.program))
        self.query_one("#detail-sets", Static).update(sets_text(status, record, self.program))
        self.query_one("#detail-notes", Static).update(notes_text(record))

    # -- actions ---------------------------------------------------------------------------

    def action_move(self, days: int) -> None:
        """Move the cursor; crossing into another year loads it."""
        assert self.cursor is not None
        day = self.cursor + timedelta(days=days)
        low, high = self.years
        if low <= day.year <= high:
            self.app.read_or_report(lambda: self.show(day))

    def action_year(self, step: int) -> None:
        """Show the previous or next year, on the same date."""
        low, high = self.years
        year = self.year + step
        if not low <= year <= high:
            where = "earlier" if step < 0 else "later"
            self.notify(f"No {where} year to show.", timeout=3)
            return
        assert self.cursor is not None
        day = same_day_in(year, self.cursor)
        self.app.read_or_report(lambda: self.show(day))

    def action_go_today(self) -> None:
        """Put the cursor back on today."""
        self.show(self.today)

    def on_heatmap_clicked(self, event: Heatmap.Clicked) -> None:
        self.show(event.day)

    def action_pain_log(self) -> None:
        """List the highlighted day's pain entries to correct or remove them."""
        day = self.cursor
        if day is None or day > self.today:
            return
        from isotrack.ui.screens.pain_log import PainLogDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self._years.pop(day.year, None)
                self.show(day, redraw=True)

        self.app.push_screen(PainLogDialog(day), closed)

    def editable_day(self, what: str) -> date | None:
        """The highlighted day when it can be changed: from the program's first day to
        today (else say why and return None)."""
        day = self.cursor
        if day is None or self.program is None:
            return None
        first = self.program.first_day()
        if day > self.today:
            self.notify(f"Only today or a past day can be {what}.", timeout=3)
            return None
        if first is not None and day < first:
            self.notify(f"{day:%d %B %Y} is before your first day ({first:%d %B %Y}).", timeout=3)
            return None
        return day

    def record_on(self, day: date) -> DayRecord:
        """What is recorded on ``day`` (from the year already read)."""
        days, _statuses = self.year_data(day.year)
        return days.get(day) or DayRecord(day)

    async def change_day(self, day: date, fn: Callable[..., object], *args: object) -> bool:
        """Write one change to ``day``, then redraw its year, the panel and the streak."""
        try:
            await self.app.write(fn, *args)
        except NotSaved:
            return False
        self._years.pop(day.year, None)
        self.show(day, redraw=True)
        self.query_one(StreakLine).reload()
        return True

    async def action_tick(self) -> None:
        """Tick the next set of the highlighted day: the first exercise of that day's plan
        (the targets then in force) with a set still open."""
        day = self.editable_day("ticked")
        if day is None or self.program is None:
            return
        record = self.record_on(day)
        if record.skipped is not None:
            self.notify("This day is marked skipped: press s to clear the mark first.")
            return
        plan = self.program.plan_for(day)
        item = next((p for p in plan if p.done_sets(record) < p.planned_sets), None)
        if item is None:
            self.notify("Every planned set of this day is ticked." if plan else "Nothing planned.")
            return
        name = item.exercise.name
        if await self.change_day(day, self.app.tracker.log_set, item.exercise.id, day):
            self.notify(f"Ticked a set of {name} on {day:%A %d %B}.", timeout=3)

    async def action_untick(self) -> None:
        """Remove the set logged last on the highlighted day."""
        day = self.editable_day("changed")
        if day is None:
            return
        if not self.record_on(day).sets:
            self.notify(f"No set to untick on {day:%A %d %B}.", timeout=3)
            return
        await self.change_day(day, self.app.tracker.untick_last, day)

    def action_note(self) -> None:
        """Write, change or clear the highlighted day's note."""
        day = self.editable_day("given a note")
        if day is None:
            return
        from isotrack.ui.screens.note import NoteDialog  # imported when first needed

        async def save(text: str | None) -> None:
            if text is not None and text != self.record_on(day).note:
                await self.change_day(day, self.app.tracker.set_note, day, text)

        self.app.push_screen(NoteDialog(day, self.record_on(day).note), save)

    async def action_toggle_skip(self) -> None:
        """Mark the highlighted day skipped, or clear the mark (today or a past day only)."""
        day = self.editable_day("skipped")
        if day is None:
            return
        tracker = self.app.tracker
        skipped = self.record_on(day).skipped is not None
        await self.change_day(day, tracker.unskip if skipped else tracker.skip, day)
