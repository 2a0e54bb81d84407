"""Progress: morning pain over the last 30 or 90 days with its trend and zones, and where each
exercise stands on its ladder."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Footer, Static

from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.ladder import next_exercise, step_back, step_up
from isotrack.domain.program import Planned, Program
from isotrack.domain.targets import Target
from isotrack.domain.trend import (
    WINDOW_DAYS,
    Direction,
    Trend,
    morning_scores,
    pain_trend,
    trend_phrase,
)
from isotrack.domain.zones import day_zones
from isotrack.presentation.trend_words import (
    NEEDS_SCORES,
    RELIEF,
    TREND_ARROWS,
    TREND_WORDS,
    trend_statistics,
)
from isotrack.presentation.words import capitalised
from isotrack.ui.palette_entry import in_palette
from isotrack.ui.screens.mode import ModeScreen
from isotrack.ui.styles import stylesheet
from isotrack.ui.widgets.pain_chart import PainChart

SPANS = (30, 90)  # days the chart can show
TREND_STYLES: dict[Direction, str] = {
    Direction.DOWN: "bold $success",
    Direction.FLAT: "bold",
    Direction.UP: "bold $error",
    Direction.INSUFFICIENT: "$text-muted",
}
MAX_RUNGS = 60  # a bound on walking a ladder (fixed-hold ladders have about 15 rungs)


def trend_text(trend: Trend) -> Content:
    """The arrow, the trend in words and its numbers."""
    direction = trend.direction
    lines = [
        Content.assemble(
            (f"Trend over the last {WINDOW_DAYS} days (━ on the axis): ", "bold"),
            (f"{TREND_ARROWS[direction]} {TREND_WORDS[direction]}", TREND_STYLES[direction]),
            "  ",
            capitalised(trend_phrase(trend)) + ".",
        )
    ]
    if trend.slope_per_day is not None:
        lines.append(Content.styled(trend_statistics(trend), "$text-muted"))
        if trend.improved:
            lines.append(Content.styled(RELIEF, "$success"))
    else:
        lines.append(
            Content.styled(f"{NEEDS_SCORES}; press p on Today each morning.", "$text-muted")
        )
    return Content("\n").join(lines)


def ladder_position(exercise: Exercise, target: Target) -> tuple[int, int, Target]:
    """(rung number from 1, rungs in all, the top rung) of a fixed-hold ladder."""
    below, low = 0, target
    while below < MAX_RUNGS and (lower := step_back(exercise, low)) is not None:
        below, low = below + 1, lower
    above, top = 0, target
    while above < MAX_RUNGS and (higher := step_up(exercise, top)) is not None:
        above, top = above + 1, higher
    return below + 1, below + above + 1, top


def ladder_lines(program: Program, plan: list[Planned], today: date) -> Content:
    """Two lines per exercise: the target and a ladder bar, then the next step and the top."""
    if not plan:
        return Content.styled("Nothing is planned today.", "$text-muted")
    routine = program.routine_on(today)
    width = max(len(p.exercise.name) for p in plan)
    lines: list[Content] = []
    for item in plan:
        exercise, target = item.exercise, item.target
        higher = step_up(exercise, target)
        following = next_exercise(exercise.id, routine, program.exercise)
        top: Target | None = None
        if exercise.mode is Mode.MAX:
            goal = exercise.top_of_ladder()[0].hold
            bar = Content.styled(f"top goal {goal} s", "$text-muted")
        else:
            rung, rungs, top = ladder_position(exercise, target)
            bar = Content.assemble(
                ("▰" * rung, "$success"),
                ("▱" * (rungs - rung), "$text-muted"),
                (f" {rung}/{rungs}", "$text-muted"),
            )
        lines.append(
            Content.assemble(
                (f"{exercise.name:<{width}}  ", "bold"),
                f"{target.label(exercise):<21}",
                bar,
            )
        )
        if higher is not None:
            later = f"next {higher.label(exercise)}"
            if top is not None:
                later += f" · top {top.label(exercise)}"
        else:
            later = "at the top of its ladder"
        if exercise.mode is Mode.FIXED and following is not None:
            later += f", then {program.exercise(following).name}"
        lines.append(Content.styled(f"  {later}", "$text-muted"))
    return Content("\n").join(lines)


@in_palette("Progress", "Pain over time, the trend and where each exercise stands")
class ProgressScreen(ModeScreen):
    """Pain over time, the trend and where each exercise stands."""

    CSS_PATH: ClassVar = stylesheet("progress.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "toggle_span", "30/90 days"),
        Binding("c", "app.switch_mode('calendar')", "Calendar"),
        Binding("R", "app.report", "Report…"),
        Binding("t,escape", "app.switch_mode('today')", "Today", key_display="t"),
        Binding("q", "app.quit", "Quit", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.span = SPANS[0]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="progress-body"):
            yield Static(id="progress-title")
            yield PainChart(id="pain-chart")
            yield Static(id="progress-trend")
            yield Static("Where each exercise stands", id="ladder-title")
            yield Static(id="ladder")
        yield Footer()

    def reload(self) -> None:
        """Read the days shown (only their months) and redraw."""
        tracker = self.app.tracker
        today = tracker.today()
        start = today - timedelta(days=self.span - 1)
        days = tracker.days(start, today)
        scores = morning_scores(days.values())
        count = sum(1 for day in scores if day >= start)
        title = Content.assemble(
            (f"Morning pain, last {self.span} days", "bold"),
            (f"  ·  {count} scores  ·  r shows {SPANS[self.span == SPANS[0]]} days", "$text-muted"),
        )
        self.query_one("#progress-title", Static).update(title)
        window = today - timedelta(days=WINDOW_DAYS - 1)
        self.query_one(PainChart).show(scores, day_zones(days), start, today, window)
        self.query_one("#progress-trend", Static).update(trend_text(pain_trend(scores, today)))
        plan = tracker.program().plan_for(today)
        self.query_one("#ladder", Static).update(ladder_lines(tracker.program(), plan, today))

    def action_toggle_span(self) -> None:
        """Switch between 30 and 90 days."""
        self.span = SPANS[self.span == SPANS[0]]
        self.app.read_or_report(self.reload)
