"""Welcome: the first run on a data folder, from the safety notice to a routine on Today."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import (
    Button,
    ContentSwitcher,
    Footer,
    Header,
    Input,
    Label,
    Markdown,
    RadioButton,
    RadioSet,
    SelectionList,
    Static,
)

from isotrack.domain import catalogue
from isotrack.domain.catalogue import ROUTINE_WORDS, ROUTINES
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.targets import start_target
from isotrack.presentation.safe_text import strip_controls
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.styles import stylesheet
from isotrack.ui.validation import CheckValidator, setting_check

INTRO = """\
isotrack keeps you company through a short daily routine of **isometric holds** for the lower
back: you tense the muscles and hold still, nothing moves.

- **Today** lists your exercises with a box for every set; a guided timer counts each hold
  and ticks the set off for you.
- A **calendar** shows the days you trained and your streak; rest days and days off do not
  break it.
- If you note your **pain**, isotrack suggests when to take a small step up, or back, and
  always tells you why. It never changes anything without you.

"""
SET_UP_NEXT = """\
Setting up takes a minute: read the safety notice, then choose your exercises and how hard to
start. Everything can be changed later in Settings (`,`).
"""
EXPLORE_NEXT = """\
This folder already holds a routine and a log (a demo folder holds a made-up one): read the
safety notice, then explore Today, the calendar (`c`) and your progress (`g`).
"""

PICK = "pick"
DAY_START_HINT = "  late sessions count for the day before"


READ_ALL = "Please read it all, then tab to the button below."


class WelcomeScreen(Screen[None]):
    """Four steps on a fresh folder (two when a routine is already set up)."""

    CSS_PATH: ClassVar = stylesheet("settings.tcss", "welcome.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("enter", "next", "Next"),
    ]

    def __init__(self, set_up: bool = False) -> None:
        """``set_up``: the folder already has a routine, so only the notice is asked for."""
        super().__init__()
        self.set_up = set_up
        self.steps = ("about", "safety") if self.set_up else ("about", "safety", "routine", "start")
        self.step = 0
        self.sub_title = "Welcome"

    app = getters.app(AppBase)

    def compose(self) -> ComposeResult:
        yield Header()
        with ContentSwitcher(initial="about", id="welcome-steps"):
            with VerticalScroll(id="about", classes="welcome-step"):
                yield Static(self.title_for("about"), classes="step-title")
                yield Markdown(INTRO + "\n" + (EXPLORE_NEXT if self.set_up else SET_UP_NEXT))
                yield Button("Next: the safety notice", id="next-about", variant="primary")
            with Vertical(id="safety", classes="welcome-step"):
                yield Static(self.title_for("safety"), classes="step-title")
                yield Static(READ_ALL, id="safety-lead", classes="step-lead")
                with VerticalScroll(id="safety-scroll"):
                    yield Markdown(SAFETY_NOTICE)
                label = "I have read this and understand"
                if self.set_up:
                    label += ": open Today"
                yield Button(label, id="acknowledge", variant="primary")
            if not self.set_up:
                yield from self.compose_routine()
                yield from self.compose_start()
        yield Footer()

    def compose_routine(self) -> ComposeResult:
        with VerticalScroll(id="routine", classes="welcome-step"):
            yield Static(self.title_for("routine"), classes="step-title")
            yield Static("Which exercises would you like to do each day?", classes="step-lead")
            with RadioSet(id="routine-choice"):
                for key, words in ROUTINE_WORDS.items():
                    label = Text.assemble((words.name, "bold"), f"  {words.summary}")
                    yield RadioButton(label, value=key == "beginner", id=f"routine-{key}")
                yield RadioButton(
                    Text.assemble(
                        ("Pick exercises", "bold"), f"  choose from all {len(catalogue.CATALOGUE)}"
                    ),
                    id=f"routine-{PICK}",
                )
            yield SelectionList[str](
                *((e.name, e.id, e.id in ROUTINES["beginner"]) for e in catalogue.CATALOGUE),
                id="pick-list",
            )
            yield Static(id="routine-message", classes="field-message")
            yield Button("Next: how hard to start", id="next-routine", variant="primary")

    def compose_start(self) -> ComposeResult:
        with VerticalScroll(id="start", classes="welcome-step"):
            yield Static(self.title_for("start"), classes="step-title")
            with RadioSet(id="start-choice"):
                yield RadioButton(
                    Text.assemble(("Gentle", "bold"), "  1 set of 5 reps, then build up"),
                    value=True,
                    id="start-gentle",
                )
                yield RadioButton(
                    Text.assemble(("Full", "bold"), "  the full target (3 sets, 10-15 reps)"),
                    id="start-full",
                )
            with Horizontal(id="day-start-row"):
                yield Label("A new day begins at ")
                yield Input(
                    self.app.tracker.settings.day_start,
                    id="day-start",
                    compact=True,
                    max_length=5,
                    validators=[CheckValidator(setting_check("day_start"))],
                )
                yield Static(
                    DAY_START_HINT,
                    id="day-start-message",
                    classes="field-message",
                )
            yield Static(id="preview")
            yield Button("Start: open Today", id="finish", variant="success")

    def title_for(self, step: str) -> str:
        """The heading of a step, with its number."""
        names = {
            "about": "Welcome to isotrack",
            "safety": "Before you start: safety",
            "routine": "Your routine",
            "start": "How hard to start",
        }
        return f"{names[step]}   (step {self.steps.index(step) + 1} of {len(self.steps)})"

    def on_mount(self) -> None:
        if not self.set_up:
            self.query_one("#pick-list").display = False
            self.show_preview()
        self.show_step(0)

    # -- moving between steps --------------------------------------------------------------

    def show_step(self, index: int) -> None:
        """Switch to step ``index`` and focus its main control."""
        self.step = index
        name = self.steps[index]
        self.query_one(ContentSwitcher).current = name
        focus = {
            "about": "#next-about",
            "safety": "#safety-scroll",
            "routine": "#routine-choice",
            "start": "#start-choice",
        }[name]
        self.query_one(focus).focus()
        self.refresh_bindings()
        if name == "safety":
            self.call_after_refresh(self.show_scroll_hint)

    def on_resize(self) -> None:
        if self.steps[self.step] == "safety":
            self.call_after_refresh(self.show_scroll_hint)

    def show_scroll_hint(self) -> None:
        """Say "↑ ↓ to scroll" only when the notice does not fit."""
        scrolls = self.query_one("#safety-scroll", VerticalScroll).max_scroll_y > 0
        lead = READ_ALL.replace("it all", "it all (↑ ↓ to scroll)") if scrolls else READ_ALL
        self.query_one("#safety-lead", Static).update(lead)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The notice is acknowledged with its button, not by a stray enter; no back at first."""
        if action == "back":
            return self.step > 0
        return not (action == "next" and self.steps[self.step] == "safety")

    def action_back(self) -> None:
        """Go back one step (nothing before the first)."""
        if self.step > 0:
            self.show_step(self.step - 1)

    async def action_next(self) -> None:
        """Go on from the current step (the same as its main button)."""
        name = self.steps[self.step]
        if name == "about":
            self.show_step(1)
        elif name == "routine":
            if self.chosen_ids():
                self.show_step(3)
        elif name == "start":
            await self.finish()

    @on(Button.Pressed)
    async def button(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "acknowledge":
            await self.acknowledge()
        else:
            await self.action_next()

    @on(Input.Submitted, "#day-start")
    async def day_start_submitted(self) -> None:
        await self.finish()

    async def acknowledge(self) -> None:
        """The notice is read: go on to the routine, or straight to Today if it is set up."""
        if not self.set_up:
            self.show_step(2)
            return
        try:
            await self.app.write(self.app.tracker.acknowledge_safety)
        except NotSaved:
            return
        self.dismiss(None)

    # -- the choices -----------------------------------------------------------------------

    def routine_key(self) -> str:
        """``beginner``, ``core``, ``both`` or ``pick``."""
        pressed = self.query_one("#routine-choice", RadioSet).pressed_button
        if pressed is None or pressed.id is None:
            return "beginner"
        return pressed.id.removeprefix("routine-")

    def chosen_ids(self) -> tuple[str, ...]:
        """The chosen exercises in catalogue order; says so in place when none is picked."""
        message = self.query_one("#routine-message", Static)
        key = self.routine_key()
        if key != PICK:
            message.update("")
            return ROUTINES[key]
        picked = set(self.query_one("#pick-list", SelectionList).selected)
        ids = tuple(e.id for e in catalogue.CATALOGUE if e.id in picked)
        message.update("" if ids else Text("Pick at least one exercise.", style="bold red"))
        return ids

    def start_key(self) -> str:
        """``gentle`` or ``full``."""
        return "full" if self.query_one("#start-full", RadioButton).value else "gentle"

    @on(RadioSet.Changed, "#routine-choice")
    def routine_changed(self) -> None:
        key = self.routine_key()
        pick = self.query_one("#pick-list", SelectionList)
        if key == PICK:
            pick.display = True
            self.call_after_refresh(self.into_pick_list)
        else:
            pick.display = False
            pick.deselect_all()
            for exercise_id in ROUTINES[key]:
                pick.select(exercise_id)
        self.chosen_ids()
        self.show_preview()

    def into_pick_list(self) -> None:
        """Focus the list of exercises, so ↓ moves in it (tab then reaches Next)."""
        pick = self.query_one("#pick-list", SelectionList)
        pick.focus()
        self.query_one("#next-routine", Button).scroll_visible(animate=False)
        pick.scroll_visible(animate=False)

    @on(SelectionList.SelectedChanged)
    @on(RadioSet.Changed, "#start-choice")
    def choice_changed(self) -> None:
        self.show_preview()

    @on(Input.Changed, "#day-start")
    def day_start_changed(self, event: Input.Changed) -> None:
        message = self.query_one("#day-start-message", Static)
        if event.validation_result and not event.validation_result.is_valid:
            failure = event.validation_result.failure_descriptions[0]
            message.update(Text(f"  {strip_controls(failure)}", style="bold red"))
        else:
            message.update(DAY_START_HINT)

    def show_preview(self) -> None:
        """What Today will show with the current choices."""
        ids = self.chosen_ids()
        start = self.start_key()
        text = Text("Today will show:\n", style="bold")
        width = max((len(catalogue.get(i).name) for i in ids), default=0)
        for exercise_id in ids:
            exercise = catalogue.get(exercise_id)
            target = start_target(exercise, start)
            text.append(f"  {exercise.name:<{width}}  ", style="bold")
            text.append(f"{target.label(exercise)}\n")
        self.query_one("#preview", Static).update(text)

    async def finish(self) -> None:
        """Set the folder up with the choices and the acknowledgement, then show Today."""
        ids = self.chosen_ids()
        if not ids:
            self.show_step(2)
            return
        day_start = self.query_one("#day-start", Input)
        result = day_start.validate(day_start.value)
        if result is not None and not result.is_valid:
            day_start.focus()
            return
        key = self.routine_key()
        routine = key if key != PICK else ids
        try:
            tracker, start = self.app.tracker, self.start_key()
            await self.app.write(tracker.initialise, routine, start, day_start.value.strip(), True)
        except NotSaved:
            return
        self.dismiss(None)
