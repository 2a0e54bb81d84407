"""Today: the routine's exercises with a box per set, ticked as sets are done."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.events import ScreenResume
from textual.screen import Screen
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from isotrack.domain.catalogue import ROUTINE_WORDS, ROUTINES
from isotrack.domain.program import Planned
from isotrack.domain.records import DayRecord, PainEntry
from isotrack.errors import DataError
from isotrack.presentation.safe_text import strip_controls
from isotrack.presentation.set_boxes import DONE_BOX, OPEN_BOX, SIDE_GAP, box_runs
from isotrack.presentation.words import pain_words, plural
from isotrack.tracker import TodayView
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.palette_entry import in_palette
from isotrack.ui.widgets.day_progress import DayProgress
from isotrack.ui.widgets.streak_line import StreakLine

if TYPE_CHECKING:  # suggestions are read (and their code imported) after the first frame
    from isotrack.domain.progression import Suggestion, SuggestionSet

POLL_SECONDS = 2.0
SHORT_HEIGHT = 30  # rows: below this Today leaves out the header line


class ExerciseList(OptionList):
    """The day's exercises; enter opens the hold timer on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Timer")]


def set_boxes(item: Planned, record: DayRecord) -> Content:
    """One box per planned set, in colour; side-labelled for sided exercises."""
    parts: list[tuple[str, str] | str] = []
    for n, run in enumerate(box_runs(item, record)):
        if run.label:
            parts.append(((SIDE_GAP if n else "") + run.label + " ", "dim"))
        for i in range(run.total):
            parts.append((DONE_BOX, "bold $success") if i < run.done else (OPEN_BOX, "$text-muted"))
            if i < run.total - 1:
                parts.append(run.gap)
    return Content.assemble(*parts)


def routine_name(ids: tuple[str, ...]) -> str:
    """The built-in routine's name, or "Your routine"."""
    for key, routine in ROUTINES.items():
        if routine == ids:
            return ROUTINE_WORDS[key].name
    return "Your routine"


@in_palette("Today", "Today's exercises, sets and the hold timer")
class TodayScreen(Screen[None]):
    """Today's plan; space ticks the next set of the highlighted exercise."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "routine", "Routine", tooltip="Follow the whole routine, hands-free"),
        Binding("space", "tick", "Tick"),
        # In help, not the footer, which keeps ? and q (and a/d) within 80 columns.
        Binding("backspace", "untick", "Untick", show=False),
        Binding("c", "app.switch_mode('calendar')", "Calendar"),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("p", "pain", "Pain"),
        Binding("l", "pain_log", "Pain entries", show=False),
        Binding("g", "app.switch_mode('progress')", "Progress", show=False),
        Binding("a", "accept", "Accept"),
        Binding("d", "dismiss_suggestion", "Dismiss"),
        Binding("q", "app.quit", "Quit"),
    ]

    app = getters.app(AppBase)

    def __init__(self) -> None:
        super().__init__()
        self.plan: list[Planned] = []
        self.record: DayRecord | None = None
        self.day: date | None = None
        self.suggestions: SuggestionSet | None = None
        self.hidden: frozenset[str] = frozenset()
        self._version: object = None
        self._problem: str | None = None
        self.view: TodayView | None = None
        self._named: set[str] = set()  # late sets already named in a notice
        self._resumed = False

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="day-title")
        yield StreakLine(id="streak", screen_reloads=True)
        yield ExerciseList(id="exercises")
        with_progress = Static(id="day-progress-label")
        yield with_progress
        yield DayProgress(id="day-progress")
        yield Static(id="suggestion-summary")
        yield Static(id="cue")
        yield Footer(show_command_palette=False, compact=True)  # ? and q fit at 80 columns

    def on_mount(self) -> None:
        self.set_interval(POLL_SECONDS, self.check_for_changes)

    def on_resize(self) -> None:
        """A short terminal drops the header line, so the cue and a suggestion both fit."""
        self.set_class(self.size.height < SHORT_HEIGHT, "-short")

    def on_screen_resume(self, event: ScreenResume) -> None:
        if not self._resumed:  # first shown: its widgets were styled as they mounted
            self._resumed = True
            event.refresh_styles = False
        self.app.read_or_report(self.reload)  # also the first load: it resumes when first shown

    # -- data ------------------------------------------------------------------------------

    def check_for_changes(self) -> None:
        """Reload when the logical day rolled over or another process wrote data.

        A file damaged meanwhile is reported once, naming it; nothing is written over it.
        """
        try:
            today = self.app.tracker.today()
            if today != self.day or self.app.tracker.changed_since(today, self._version):
                self.reload()
        except DataError as exc:
            if self._problem != str(exc):
                self._problem = str(exc)
                self.notify(
                    f"{exc}. Quit and run 'isotrack doctor'.",
                    title="Data file problem",
                    severity="error",
                    timeout=30,
                )
            return
        self._problem = None

    def reload(self) -> None:
        """Read today's plan and record again and redraw. Suggestions and the streak line are
        read again too, but not before the first frame: it shows the plan at once and they
        follow a moment later."""
        ready = self.app.first_frame_shown
        before = self.day
        self.show_view(self.app.tracker.today_view(with_suggestions=ready))
        if before is not None and self.day is not None and before < self.day:
            self.name_late_sets(before)
        self.query_one(StreakLine).reload()
        if not ready:  # the plan shows at once; suggestions and streaks follow a moment later
            self.app.after_first_frame(lambda: self.app.read_or_report(self.reload))

    def show_view(self, view: TodayView) -> None:
        """Keep one consistent read of today and redraw from it."""
        self.view = view
        self.day, self.plan, self.record = view.day, view.plan, view.record
        self._version = view.version
        self.suggestions, self.hidden = view.suggestions, view.hidden
        self.render_view()

    def render_view(self) -> None:
        """Redraw every part of the screen from ``plan`` and ``record``."""
        assert self.day is not None and self.record is not None
        assert self.view is not None
        program = self.view.program
        title = Text(f"{self.day:%A %d %B %Y}", style="bold")
        title.append(f"  ·  {routine_name(program.routine_on(self.day))}", style="dim")
        self.query_one("#day-title", Static).update(title)
        options = self.query_one("#exercises", OptionList)
        highlighted = options.highlighted
        options.clear_options()
        if self.plan:
            options.add_options([Option(self.row(item), id=item.exercise.id) for item in self.plan])
            options.highlighted = min(highlighted or 0, len(self.plan) - 1)
        else:
            options.add_option(Option(Text(self.empty_day_words(), style="dim"), disabled=True))
        planned = sum(p.planned_sets for p in self.plan)
        done = sum(p.done_sets(self.record) for p in self.plan)
        label = f"{done} of {plural(planned, 'set')} done" if planned else ""
        if self.record.skipped is not None:
            label = "Marked as skipped" + (
                f": {self.record.skipped}" if self.record.skipped else ""
            )
        well_done = "  ·  all done for today, well done" if planned and done >= planned else ""
        self.query_one("#day-progress-label", Static).update(  # one line: the praise goes first
            Content.assemble(strip_controls(label), self.pain_words(), well_done)
        )
        self.query_one(DayProgress).update(planned, done)
        summary = Content("")
        if self.suggestions is not None:
            from isotrack.ui.widgets.suggestion_text import summary_line

            summary = summary_line(self.suggestions, self.hidden)
        self.query_one("#suggestion-summary", Static).update(summary)
        self.show_cue()
        self.refresh_bindings()

    def empty_day_words(self) -> str:
        """What a day without a plan says: a rest day names the next training day."""
        assert self.view is not None and self.day is not None
        program = self.view.program
        if not program.is_rest_day(self.day):
            return "Nothing planned today."
        following = program.next_training_day(self.day)
        after = f" Next training day: {following:%A %d %B}." if following else ""
        return f"Rest day: nothing to do today, no timer.{after}"

    def pain_words(self) -> Content:
        """Today's pain entries, short, after the sets count (the full ones: ``l``)."""
        assert self.record is not None
        if not self.record.pain:
            return Content("")
        entries = ", ".join(f"{p.kind.value} {p.score}" for p in self.record.pain)
        return Content.assemble("  ·  pain ", entries, (" (l)", "dim"))

    def row(self, item: Planned) -> Content:
        """One exercise line: name, target, boxes, count."""
        assert self.record is not None
        width = max(len(p.exercise.name) for p in self.plan)
        mark = Content("")
        if self.suggestions is not None:
            from isotrack.ui.widgets.suggestion_text import row_mark

            mark = row_mark(*self.suggestion_for(item))
        return Content.assemble(
            (f"{item.exercise.name:<{width}}  ", "bold"),
            f"{item.target.label(item.exercise):<20} ",
            set_boxes(item, self.record),
            (f"  {item.done_sets(self.record)}/{item.planned_sets}", "dim"),
            mark,
        )

    def highlighted_item(self) -> Planned | None:
        """The plan entry under the cursor."""
        index = self.query_one("#exercises", OptionList).highlighted
        if index is None or not self.plan or index >= len(self.plan):
            return None
        return self.plan[index]

    def suggestion_for(self, item: Planned) -> tuple[Suggestion | None, bool]:
        """The exercise's suggestion and whether the user dismissed it."""
        found = self.suggestions.for_exercise(item.exercise.id) if self.suggestions else None
        return found, found is not None and found.exercise in self.hidden

    def show_cue(self) -> None:
        """Show how to do the highlighted exercise: its name on the panel's border, a
        suggestion first, then the cue (both fit at 80×24), then where to lie or stand."""
        item = self.highlighted_item()
        cue = Text()
        panel = self.query_one("#cue", Static)
        panel.border_title = item.exercise.name if item else None
        if item:
            ex = item.exercise
            block, note = Text(), Text()
            if self.suggestions is not None:
                from isotrack.ui.widgets.suggestion_text import cue_block, cue_note

                block = cue_block(*self.suggestion_for(item), self.app.tracker.exercise)
                note = cue_note(*self.suggestion_for(item))
            cue.append_text(block)
            cue.append(ex.cue)
            if ex.position:
                cue.append(f"\n{ex.position}", style="dim")
            if ex.equipment != "none":
                cue.append(f"\nYou need: {ex.equipment}", style="dim")
            cue.append_text(note)
        panel.update(cue)

    def on_option_list_option_highlighted(self, _event: OptionList.OptionHighlighted) -> None:
        self.show_cue()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """``a`` and ``d`` are offered (and shown in the footer) only while the highlighted
        exercise has a change to accept or dismiss."""
        if action in ("accept", "dismiss_suggestion"):
            return self.actionable_suggestion() is not None
        return True

    def on_option_list_option_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_timer()

    # -- actions ---------------------------------------------------------------------------

    def action_cursor_down(self) -> None:
        """Move the highlight down."""
        self.query_one("#exercises", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        """Move the highlight up."""
        self.query_one("#exercises", OptionList).action_cursor_up()

    @in_palette("Tick a set", "Record the next set of the highlighted exercise")
    async def action_tick(self) -> None:
        """Record the next set of the highlighted exercise; the box ticks once it is on disk."""
        item = self.highlighted_item()
        if item is None or self.record is None or self.day is None:
            return
        if item.done_sets(self.record) >= item.planned_sets:
            self.notify(f"All sets of {item.exercise.name} are ticked for today.", markup=False)
            return
        if self.record.skipped is not None:
            self.ask_to_clear_skip(item)
            return
        await self.tick(item, self.day)

    async def tick(self, item: Planned, day: date) -> None:
        """Record one set on ``day`` (the day on screen, as the session began on it)."""
        try:
            await self.app.write(self.app.tracker.log_set, item.exercise.id, day)
        except NotSaved:
            return
        self.reload()

    def name_late_sets(self, day: date) -> None:
        """The day rolled over: name the day that sets saved after its end went to (a late
        session, a tick or the timer, still belongs to the day it began on)."""
        late = [s for s in self.app.tracker.late_sets(day) if s.id not in self._named]
        if not late:
            return
        self._named.update(s.id for s in late)
        self.notify(
            f"A new day has begun: {plural(len(late), 'set')} of the late session "
            f"went to {day:%A %d %B}, the day it began.",
            title=f"Saved to {day:%A}",
            timeout=8,
        )

    def ask_to_clear_skip(self, item: Planned) -> None:
        """Today is marked skipped: ask before clearing the mark and ticking the set."""
        from isotrack.ui.screens.question import QuestionDialog  # imported when first needed

        day = self.day
        assert day is not None

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            try:
                await self.app.write(self.app.tracker.unskip, day)
            except NotSaved:
                return
            await self.tick(item, day)

        question = QuestionDialog(
            "Today is marked skipped",
            "Clear the skip mark and tick this set? The day then counts as a training day.",
            "Clear the mark and tick",
            "Keep it skipped",
        )
        self.app.push_screen(question, answered)

    async def action_untick(self) -> None:
        """Remove the last set of the highlighted exercise."""
        item = self.highlighted_item()
        if item is None or self.day is None or self.record is None:
            return
        if not any(s.exercise == item.exercise.id for s in self.record.sets):
            self.notify(f"No set of {item.exercise.name} to untick today.", markup=False)
            return
        try:
            await self.app.write(self.app.tracker.unlog, item.exercise.id, self.day)
        except NotSaved:
            return
        self.reload()

    @in_palette("Start the hold timer", "Guide the holds of the highlighted exercise")
    def action_timer(self) -> None:
        """Open the hold timer on the highlighted exercise at its first set not yet done."""
        self.check_for_changes()
        item = self.highlighted_item()
        if item is None or self.record is None or self.day is None:
            return
        done = item.done_sets(self.record)
        if done >= item.planned_sets:
            self.notify(
                f"All sets of {item.exercise.name} are done for today. Nicely done.",
                title="Timer",
                markup=False,
            )
            return
        from isotrack.domain.routine_run import Step
        from isotrack.ui.screens.timer import TimerScreen  # imported when first needed

        step = Step.for_day(item, self.record)
        self.app.push_screen(TimerScreen([step], self.day))

    @in_palette("Start routine", "Follow today's remaining sets of every exercise, hands-free")
    def action_routine(self) -> None:
        """Follow the whole routine: today's remaining sets of every exercise, in order."""
        self.check_for_changes()
        if self.record is None or self.day is None:
            return
        from isotrack.domain.routine_run import remaining_steps
        from isotrack.ui.screens.timer import TimerScreen  # imported when first needed

        steps = remaining_steps(self.plan, self.record)
        if not steps:
            message = "All of today's sets are done." if self.plan else "Nothing planned today."
            self.notify(message, title="Routine")
            return
        self.app.push_screen(TimerScreen(steps, self.day, routine=True))

    # -- pain and suggestions --------------------------------------------------------------

    @in_palette("Log pain", "Record a pain score (morning, during or after)")
    def action_pain(self, title: str | None = None) -> None:
        """Open the pain dialog for today; a score that calls for it gets its message at once,
        and a saved red flag shows the safety notice."""
        if self.day is None:
            return
        from isotrack.ui.screens.pain import PainDialog  # imported when first needed

        async def saved(entry: PainEntry | None) -> None:
            if entry is None:
                return
            self.reload()
            self.notify(f"{pain_words(entry)}: {entry.score}/10, saved.", title="Pain")
            response = self.app.tracker.pain_response(entry)
            if response is not None:
                from isotrack.ui.screens.pain_log import ResponseDialog

                self.app.push_screen(ResponseDialog(response))
            if entry.red_flag:  # on top: the safety notice comes first
                from isotrack.ui.screens.safety import SafetyScreen

                self.app.push_screen(SafetyScreen())

        self.app.push_screen(PainDialog(self.day, title=title), saved)

    def action_pain_log(self) -> None:
        """List today's pain entries to correct or remove them."""
        if self.day is None:
            return
        from isotrack.ui.screens.pain_log import PainLogDialog

        def closed(changed: bool | None) -> None:
            if changed:
                self.reload()

        self.app.push_screen(PainLogDialog(self.day), closed)

    def actionable_suggestion(self) -> Suggestion | None:
        """The highlighted exercise's suggestion when there is a change to accept or dismiss."""
        item = self.highlighted_item()
        if item is None:
            return None
        suggestion, dismissed = self.suggestion_for(item)
        if suggestion is None or dismissed or not suggestion.actionable:
            return None
        return suggestion

    @in_palette("Accept the suggestion", "Take the suggested target for the highlighted exercise")
    async def action_accept(self) -> None:
        """Accept the highlighted exercise's suggestion: the new target from today on."""
        await self.settle_suggestion(accept=True)

    async def action_dismiss_suggestion(self) -> None:
        """Dismiss the highlighted exercise's suggestion until its facts change."""
        await self.settle_suggestion(accept=False)

    async def settle_suggestion(self, accept: bool) -> None:
        """Accept or dismiss the highlighted exercise's suggestion and say so once saved."""
        suggestion = self.actionable_suggestion()
        if suggestion is None:  # the data changed since the key was offered
            return
        tracker = self.app.tracker
        write = tracker.apply_suggestion if accept else tracker.dismiss
        try:
            await self.app.write(write, suggestion)
        except NotSaved:
            return
        if accept:
            from isotrack.ui.widgets.suggestion_text import change_words

            find = tracker.exercise
            name, words = find(suggestion.exercise).name, change_words(suggestion, find)
            self.notify(f"{name}: {words}, from today.", title="Accepted", markup=False)
        else:
            self.notify("Dismissed; it comes back if the facts change.", title="Suggestion")
        self.reload()
