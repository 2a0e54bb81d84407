"""Settings: routine, targets, schedule, timer and look; each change is stored at once."""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import ScreenResume
from textual.reactive import reactive
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Header,
    Input,
    OptionList,
    Select,
    Static,
    Switch,
)

from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.custom import ExerciseSpec, InvalidExercise
from isotrack.domain.program import Program
from isotrack.domain.schedule import Schedule
from isotrack.domain.targets import Target, start_target
from isotrack.presentation.safe_text import strip_controls
from isotrack.ui.app_base import AppBase, NotSaved
from isotrack.ui.palette_entry import in_palette
from isotrack.ui.styles import stylesheet
from isotrack.ui.validation import Check, CheckValidator, setting_check, target_check
from isotrack.ui.widgets.number_field import NumberField

# (key, label, hint) of the settings edited in a text field, by section.
SCHEDULE_FIELDS = (
    ("schedule", "Training days", "daily, or e.g. mon,wed,fri"),
    ("day_start", "New day begins at", "HH:MM before noon"),
    ("done_threshold", "Day is done at (%)", "share of the planned sets, 1-100"),
)
TIMER_FIELDS = (
    ("get_ready", "Get ready (s)", "before each set and side, 0-60"),
    ("relax", "Relax between reps (s)", "0-120"),
    ("rest", "Rest between sets (s)", "0-600"),
    ("exercise_rest", "Rest between exercises (s)", "following the whole routine, 0-600"),
    ("volume", "Volume (%)", "of voice and tones, 1-100"),
)
CUE_CHOICES = (
    ("Voice", "voice"),
    ("Tones", "tones"),
    ("Terminal bell", "bell"),
    ("Off", "off"),
)
WEEK_STARTS = (("Monday", "mon"), ("Sunday", "sun"))
CHOICES = {"week_start": WEEK_STARTS, "cues": CUE_CHOICES}  # settings chosen from a list
SWITCHES = ("count_in", "morning_prompt")  # settings switched on and off
# (section title, its settings as (key, label, hint)); the theme is chosen from the app's.
SECTIONS = (
    ("Day", (*SCHEDULE_FIELDS, ("week_start", "Week starts on", "in the calendar"))),
    (
        "Timer",
        (
            *TIMER_FIELDS,
            ("cues", "Sounds", "voice falls back to tones, then the bell"),
            ("count_in", "Count-in", "3-2-1 before each hold"),
        ),
    ),
    ("Pain", (("morning_prompt", "Morning score", "ask for it when the app opens before noon"),)),
    ("Look", (("theme", "Theme", "also in the command palette (ctrl+p)"),)),
)
ROUTINE_HINT = (
    "space: in or out of your routine · shift+↑/↓: move it · targets are sets × reps × "
    "seconds and apply from today on"
)
OWN_HINT = (
    "Add a hold your physiotherapist gave you; it then appears above, ready for your "
    "routine. Changes apply from today on."
)
PARTS = ("sets", "reps", "hold")
COMPACT = "-textual-compact"  # Textual's class for a compact widget
BOX_WIDTH, FIELD_WIDTH = 34, 5  # an exercise row's box and target fields (settings.tcss)
LABEL_WIDTH = 24  # a setting's label, left of its control (settings.tcss)
CONTROLS = "Checkbox, NumberField, Input, Select, Switch, Button"  # what ↑/↓ and tab move between
Field = Input | NumberField  # a text field: a setting's, or a part of a target


@dataclass
class FieldSpec:
    """How one text field is checked and stored, and the value last stored."""

    check: Check
    save: Callable[[Any], Any]
    message: str  # id of the Static that shows hints and errors
    hint: str
    saved: str


@dataclass
class Stored:
    """The stored values the page shows: exercise rows in order, and the text fields."""

    rows: list[tuple[Exercise, Target, bool]]
    values: dict[str, str]


class RoutineCheckbox(Checkbox, inherit_bindings=False):
    """An exercise's "in the routine" box: space toggles it; enter never does (an exercise
    is never removed by a stray enter). Compact from the start: made with the classes of a
    compact box (and of a ticked one), it is not restyled before it is even mounted, as a
    Checkbox made compact (or ticked) in its constructor is."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "toggle_button", "In or out", show=False)
    ]
    compact: reactive[bool] = reactive(True, toggle_class=COMPACT)

    def __init__(self, label: str, value: bool, box_id: str) -> None:
        classes = f"{COMPACT} -on" if value else COMPACT
        super().__init__(Content(label), value, compact=True, id=box_id, classes=classes)


class SettingsBody(VerticalScroll, inherit_bindings=False, can_focus=False):
    """The scrolling page: ↑/↓ move between rows (the screen's keys), not the page. Never
    focused itself: the first box is, and focusing the page first would restyle all of it
    twice (focus, then blur) on the first open."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
    ]


class ExerciseRow(Horizontal):
    """One exercise, built-in or own: in the routine or not, and its target. The row draws the
    "×" between the target's parts and the unit after them itself, under its controls: a
    widget each made a sixth of the page's widgets."""

    def __init__(self, exercise: Exercise, target: Target, in_routine: bool) -> None:
        super().__init__(id=f"row-{exercise.id}", classes="exercise-row")
        self.exercise = exercise
        self.target = target
        self.in_routine = in_routine  # as composed; show() changes the widgets, not this

    def compose(self) -> ComposeResult:
        # Composed with the stored values (not filled in after mount), so the first open
        # does not restyle every field twice.
        ex = self.exercise
        yield RoutineCheckbox(ex.name, self.in_routine, f"in-{ex.id}")
        for part in PARTS:
            yield NumberField(
                str(getattr(self.target, part)),
                target_check(part),
                id=f"{part}-{ex.id}",
                classes=part,
                disabled=self.fixed(part) or not self.in_routine,
            )
        if ex.custom:
            yield Button("edit", id=f"edit-{ex.id}", compact=True, classes="edit-own")

    def render(self) -> Content:
        ex = self.exercise
        unit = ("s goal" if ex.mode is Mode.MAX else "s") + (" /side" if ex.sided else "")
        field = " " * FIELD_WIDTH
        return Content(f"{' ' * (BOX_WIDTH + FIELD_WIDTH)} × {field} × {field} {unit}")

    def show(self, target: Target, in_routine: bool) -> None:
        """Show a target and whether the exercise is in the routine (targets editable if so)."""
        self.target = target
        self.query_one(Checkbox).value = in_routine
        for part in PARTS:
            part_field = self.query_one(f"#{part}-{self.exercise.id}", NumberField)
            part_field.value = str(getattr(target, part))
            part_field.disabled = self.fixed(part) or not in_routine

    def fixed(self, part: str) -> bool:
        """Whether a part of the target is not edited (a MAX exercise has one hold a set)."""
        return part == "reps" and self.exercise.mode is Mode.MAX


class SettingInput(Input):
    """A setting's compact one-line text field, checked by ``check`` as it is typed. Made with
    the classes of a compact, valid field (it holds a stored value), it is not restyled before
    it is mounted nor by its first check, as an Input made compact in its constructor is."""

    compact: reactive[bool] = reactive(True, toggle_class=COMPACT)

    def __init__(self, field_id: str, value: str, check: Check) -> None:
        super().__init__(
            value,
            id=field_id,
            compact=True,
            select_on_focus=True,
            validators=[CheckValidator(check)],
            classes=f"{COMPACT} -valid control",
        )


class Choice(Select[str]):
    """A compact list to choose a setting from (made compact from the start, as SettingInput)."""

    compact: reactive[bool] = reactive(True, toggle_class=COMPACT)

    def __init__(self, choices: Sequence[tuple[str, str]], value: str, select_id: str) -> None:
        super().__init__(
            choices,
            value=value,
            allow_blank=False,
            compact=True,
            id=select_id,
            classes=f"{COMPACT} control",
        )


def field_check(key: str) -> Check:
    """The check of a settings text field (the schedule's is the domain's parser)."""
    return Schedule.parse if key == "schedule" else setting_check(key)


class SettingRow(Horizontal):
    """A setting: its label, its control and a line for its hint or error. The row draws the
    label itself, beside its control (a Label each made the first open slower); a label too
    long for its column takes two lines."""

    def __init__(self, key: str, label: str, control: Widget, hint: str) -> None:
        lines = textwrap.wrap(label, LABEL_WIDTH - 1)
        super().__init__(
            control,
            Static(hint, id=f"{key}-message", classes="field-message"),
            classes="setting-row two-lines" if len(lines) > 1 else "setting-row",
        )
        self.label = "\n".join(lines)

    def render(self) -> Content:
        return Content(self.label)


Block = tuple[Widget, int]  # a widget of the page and the lines it takes (about)
PAGE_MARGIN = 6  # columns the page's padding and scroll bar take (settings.tcss)
WIDEST_CONTROL = 22  # a list (settings.tcss)


def section(title: str, hint: str = "", width: int = 0) -> list[Block]:
    """A section's title (below a blank line), and its hint if it has one."""
    blocks: list[Block] = [(Static(title, classes="section-title"), 2)]
    if hint:
        blocks.append((Static(hint, classes="hint"), len(textwrap.wrap(hint, width))))
    return blocks


def setting(key: str, label: str, control: Widget, hint: str, width: int) -> Block:
    """A setting's row: its label, its control, its hint (wrapped beside the control)."""
    row = SettingRow(key, label, control, hint)
    room = width - LABEL_WIDTH - WIDEST_CONTROL - 2
    return row, max(len(row.label.splitlines()), len(textwrap.wrap(hint, room)))


def first_screenful(page: Sequence[Block], height: int) -> int:
    """How many of the page's widgets the first screenful of ``height`` rows shows (the
    header and the footer leave a line or two to spare)."""
    top = 0
    for index, (_, lines) in enumerate(page):
        if top >= height:
            return index
        top += lines
    return len(page)


@in_palette("Settings", "Routine, targets, schedule, timer, sounds and theme")
class SettingsScreen(Screen[None]):
    """Every setting on one scrolling page."""

    CSS_PATH: ClassVar = stylesheet("settings.tcss")  # loaded when first shown
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        # Priority over the page's scrolling; they give way in an open list (check_action).
        Binding("up", "line(-1)", "Row up", show=False, priority=True),
        Binding("down", "line(1)", "Row down", show=False, priority=True),
        Binding("tab", "section(1)", "Section", priority=True),
        Binding("shift+tab", "section(-1)", "Previous section", show=False, priority=True),
        Binding("shift+up", "move(-1)", "Move up"),
        Binding("shift+down", "move(1)", "Move down", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.app.style_as_new(self)
        self.fields: dict[str, FieldSpec] = {}
        self.sub_title = "Settings"
        self.form_open = False  # the own-exercise form was opened: its callback reloads
        self.left = False  # shown and left at least once (resuming then reloads and restyles)
        self.later: list[Widget] = []  # the page below its first screenful, added once drawn
        self.places: dict[str, int] = {}  # where each exercise unticked here stood in the routine

    app = getters.app(AppBase)

    def compose(self) -> ComposeResult:
        yield Header()
        stored = self.stored()
        self.fields = self.specs(stored)
        width, height = self.app.size
        page = self.page(stored, width - PAGE_MARGIN)
        shown = first_screenful(page, height)
        with SettingsBody(id="settings-body"):
            yield from (widget for widget, _ in page[:shown])
        self.later = [widget for widget, _ in page[shown:]]
        yield Footer(show_command_palette=False, compact=True)

    def on_mount(self) -> None:
        if self.later:
            self.call_after_refresh(self.add_the_rest)

    async def add_the_rest(self) -> None:
        """Add what is below the first screenful, once it is on screen."""
        later, self.later = self.later, []
        await self.query_one("#settings-body").mount_all(later)

    def page(self, stored: Stored, width: int) -> list[Block]:
        """The page top to bottom, each widget with the lines it takes at ``width`` (about)."""
        rows = Vertical(*(ExerciseRow(*row) for row in stored.rows), id="routine-rows")
        new = Horizontal(
            Button("New exercise…", id="new-exercise", compact=True), classes="setting-row"
        )
        page = [
            *section("Routine · Targets", ROUTINE_HINT, width),
            (rows, 1 + len(stored.rows)),
            (Static(id="routine-message", classes="field-message"), 1),
            *section("Your own exercises", OWN_HINT, width),
            (new, 2),
        ]
        for title, settings in SECTIONS:
            page += section(title)
            for key, label, hint in settings:
                page.append(setting(key, label, self.control(key, stored.values), hint, width))
        return page

    def control(self, key: str, values: dict[str, str]) -> Widget:
        """The widget that edits setting ``key``, holding its stored value (``values``: those
        of the text fields)."""
        settings = self.app.tracker.settings
        if key in values:
            return SettingInput(key, values[key], field_check(key))
        if key in SWITCHES:
            return Switch(getattr(settings, key), id=key, classes="control")
        if key == "theme":
            themes = [(name, name) for name in sorted(self.app.available_themes)]
            return Choice(themes, self.app.theme, key)
        return Choice(CHOICES[key], getattr(settings, key), key)

    def on_screen_suspend(self) -> None:
        self.left = True

    async def on_screen_resume(self, event: ScreenResume) -> None:
        if not self.left:
            # Textual resumes a new mode's screen twice and restyles all of it each time; this
            # one was just composed with the stored values and styled as it mounted.
            event.refresh_styles = False
            return
        if self.later:  # left before the rest of the page was added
            await self.add_the_rest()
        if self.form_open:  # back from the form, whose callback loads once it has stored
            self.form_open = False
            return
        await self.load()

    # -- reading -------------------------------------------------------------------------

    async def load(self) -> None:
        """Show the stored values (they may have changed from the command line)."""
        settings = self.app.tracker.settings
        stored = self.stored()
        values = stored.values
        container = self.query_one("#routine-rows", Vertical)
        await self.sync_rows(container, stored.rows)
        by_id = {row.exercise.id: row for row in self.rows()}
        rows = [by_id[exercise.id] for exercise, _, _ in stored.rows]
        if rows != self.rows():
            for row in reversed(rows):
                container.move_child(row, before=0)
        # On the first open the widgets already hold these values (composed with them), so
        # the assignments below change nothing and restyle nothing.
        with self.prevent(
            Input.Changed, NumberField.Changed, Checkbox.Changed, Select.Changed, Switch.Changed
        ):
            for row, (_, target, in_routine) in zip(rows, stored.rows, strict=True):
                row.show(target, in_routine)
            for setting_input in self.query(SettingInput):
                setting_input.value = values[setting_input.id or ""]
            # By id, the setting each shows (the later sections may not be added yet).
            for choice in self.query(Choice):
                key = choice.id or ""
                choice.value = self.app.theme if key == "theme" else getattr(settings, key)
            for switch in self.query(Switch):
                switch.value = getattr(settings, switch.id or "")
        self.fields = self.specs(stored)
        for spec in self.fields.values():  # the fields were composed with their checks
            self.say(spec, spec.hint)
        self.query_one("#routine-message", Static).update("")
        self.query_one(Checkbox).focus()

    def stored(self) -> Stored:
        """What the page shows, read from the tracker."""
        tracker = self.app.tracker
        settings = tracker.settings
        program = tracker.program()
        today = tracker.today()
        routine = program.routine_on(today)
        schedule = program.schedule.at(today) or Schedule()
        values = {
            "schedule": schedule.text(),
            **{key: str(getattr(settings, key)) for key in ("day_start", "done_threshold")},
            **{key: str(getattr(settings, key)) for key, _, _ in TIMER_FIELDS},
        }
        others = [e for e in program.all_exercises() if e.id not in routine]
        ordered = [program.exercise(i) for i in routine] + others
        rows = [
            (ex, program.target_on(ex.id, today) or start_target(ex, "gentle"), ex.id in routine)
            for ex in ordered
        ]
        return Stored(rows, values)

    def show_routine(self, program: Program, today: date) -> list[ExerciseRow]:
        """Rows in the stored routine's order, then the others; ticks and targets as stored."""
        routine = program.routine_on(today)
        exercises = program.all_exercises()
        others = tuple(e.id for e in exercises if e.id not in routine)
        container = self.query_one("#routine-rows", Vertical)
        by_id = {row.exercise.id: row for row in self.rows()}
        rows = [by_id[exercise_id] for exercise_id in (*routine, *others)]
        if rows != self.rows():
            for row in reversed(rows):
                container.move_child(row, before=0)
        with self.prevent(NumberField.Changed, Checkbox.Changed):
            for row in rows:
                ex = row.exercise
                target = program.target_on(ex.id, today) or start_target(ex, "gentle")
                row.show(target, ex.id in routine)
                for part in PARTS:
                    if f"{part}-{ex.id}" in self.fields:
                        self.fields[f"{part}-{ex.id}"].saved = str(getattr(target, part))
        return rows

    def specs(self, stored: Stored) -> dict[str, FieldSpec]:
        """The check and store of every text field, by the field's id."""
        fields = {key: self.spec(key, value) for key, value in stored.values.items()}
        for exercise, target, _ in stored.rows:
            for part in PARTS:
                fields[f"{part}-{exercise.id}"] = self.target_spec(exercise.id, target, part)
        return fields

    def spec(self, key: str, value: str) -> FieldSpec:
        """The check and store of a settings field."""
        hint = next(h for k, _, h in (*SCHEDULE_FIELDS, *TIMER_FIELDS) if k == key)
        tracker = self.app.tracker
        check = field_check(key)
        if key == "schedule":
            return FieldSpec(check, tracker.set_schedule, "schedule-message", hint, value)

        def save(stored: Any) -> Any:
            return tracker.save_setting(key, stored)

        return FieldSpec(check, save, f"{key}-message", hint, value)

    def target_spec(self, exercise_id: str, target: Target, part: str) -> FieldSpec:
        """The check and store of one part of an exercise's target."""
        tracker = self.app.tracker

        def save(value: int) -> Target:
            return tracker.set_target(exercise_id, **{part: value})

        value = str(getattr(target, part))
        return FieldSpec(target_check(part), save, "routine-message", "", value)

    # -- storing ---------------------------------------------------------------------------

    def say(self, spec: FieldSpec, text: str, style: str = "") -> None:
        """Show a hint, an error or a confirmation next to a field."""
        for message in self.query(f"#{spec.message}").results(Static):  # if added yet
            message.update(Text(strip_controls(text), style=style))

    async def commit(self, field_input: Field) -> None:
        """Store a field's value when it changed and is valid; otherwise say why in place."""
        spec = self.fields.get(field_input.id or "")
        if spec is None or field_input.value == spec.saved:
            return
        try:
            value = spec.check(field_input.value)
        except ValueError as exc:
            self.say(spec, self.prefixed(field_input, str(exc)), "bold red")
            return
        try:
            await self.app.write(spec.save, value)
        except NotSaved:
            return
        spec.saved = field_input.value
        self.say(spec, self.prefixed(field_input, "saved ✓"), "green")

    def prefixed(self, field_input: Field, text: str) -> str:
        """Name the exercise in messages about a target (they share one line)."""
        row = field_input.parent
        if isinstance(row, ExerciseRow):
            return f"{row.exercise.name}: {text}"
        return text

    @on(Input.Submitted)
    @on(Input.Blurred)
    @on(NumberField.Blurred)
    async def field_done(
        self, event: Input.Submitted | Input.Blurred | NumberField.Blurred
    ) -> None:
        await self.commit(event.control)

    @on(NumberField.Submitted)
    async def target_done(self, event: NumberField.Submitted) -> None:
        """Store the part of a target; enter walks on: sets → reps → hold → the next row."""
        await self.commit(event.field)
        self.next_target_field(event.field)

    # -- moving by keyboard ------------------------------------------------------------------

    def lines(self) -> list[list[Widget]]:
        """The page's rows top to bottom, each as its focusable controls left to right."""
        body = self.query_one("#settings-body")
        lines: list[list[Widget]] = []
        for row in body.query(".exercise-row, .setting-row"):
            controls = [w for w in row.query(CONTROLS) if w.parent is row]
            lines.append(controls)
        return lines

    def place(self) -> tuple[int, int] | None:
        """(row, column) of the focused control, or None outside the rows."""
        for index, line in enumerate(self.lines()):
            for column, control in enumerate(line):
                if self.focused is not None and control in self.focused.ancestors_with_self:
                    return index, column
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Row and section keys work on the page's controls, not in an open list."""
        if action in ("line", "section"):
            if isinstance(self.focused, OptionList):  # an open list takes its own keys
                return False
            return self.in_row() or (action == "section" and self.focused is None)
        return True

    def in_row(self) -> bool:
        """Whether the focus is on a row's control: place() without walking the page (the
        footer asks this at every focus change)."""
        if self.focused is None:
            return False
        return any(
            isinstance(node, (Checkbox, NumberField, Input, Select, Switch, Button))
            and node.parent is not None
            and bool(node.parent.classes & {"exercise-row", "setting-row"})
            for node in self.focused.ancestors_with_self
        )

    def action_line(self, step: int) -> None:
        """Move to the row above or below, in the same column where it has one."""
        place = self.place()
        if place is None:
            return
        lines, (index, column) = self.lines(), place
        index += step
        while 0 <= index < len(lines):
            line = lines[index]
            usable = [c for c in line if not c.disabled]
            if usable:
                wanted = line[min(column, len(line) - 1)]
                (wanted if not wanted.disabled else usable[0]).focus()
                return
            index += step

    def sections(self) -> list[list[Widget]]:
        """The page's sections in order, each as its controls: Routine (the boxes) and
        Targets (the fields) from the exercise rows, then one per later section title."""
        body = self.query_one("#settings-body")
        rows = [[c for c in line if c.parent is row] for row, line in self.row_controls()]
        sections: list[list[Widget]] = [
            [line[0] for line in rows],
            [c for line in rows for c in line[1:]],
        ]
        titles = 0
        for node in body.query(".section-title, .setting-row"):
            if node.has_class("section-title"):
                titles += 1
                if titles > 1:  # the first title heads the routine rows
                    sections.append([])
            elif titles > 1:
                sections[-1] += [c for c in node.query(CONTROLS) if c.parent is node]
        return [section for section in sections if section]

    def row_controls(self) -> list[tuple[ExerciseRow, list[Widget]]]:
        """Each exercise row with its box and target fields."""
        return [(row, list(row.query("Checkbox, NumberField"))) for row in self.rows()]

    def action_section(self, step: int) -> None:
        """Tab to the next section's first control (shift+tab: the previous section)."""
        sections = self.sections()
        here = next(
            (n for n, sec in enumerate(sections) if self.focused in sec),
            -1 if step > 0 else 0,
        )
        for offset in range(1, len(sections) + 1):
            section = sections[(here + step * offset) % len(sections)]
            usable = [c for c in section if not c.disabled]
            if usable:
                usable[0].focus()
                return

    def next_target_field(self, field_input: NumberField) -> None:
        """Focus the next target field that can be edited, in reading order."""
        targets = [c for c in self.sections()[1] if not c.disabled]
        if field_input in targets:
            index = targets.index(field_input)
            if index + 1 < len(targets):
                targets[index + 1].focus()

    @on(Input.Changed)
    def field_changed(self, event: Input.Changed) -> None:
        result = event.validation_result
        if result is not None:
            failures = result.failure_descriptions
            self.checked(event.input, failures[0] if failures else None)

    @on(NumberField.Changed)
    def target_changed(self, event: NumberField.Changed) -> None:
        self.checked(event.field, event.error)

    def checked(self, field_input: Field, error: str | None) -> None:
        """Say why a field's text is refused as it is typed, or its hint once it is fine."""
        spec = self.fields.get(field_input.id or "")
        if spec is None:
            return
        if field_input.value == spec.saved and not field_input.has_focus:
            return  # a field just mounted with its stored value: what is said there stays
        if error is None:
            self.say(spec, "" if spec.message == "routine-message" else spec.hint)
        else:
            self.say(spec, self.prefixed(field_input, error), "bold red")

    @on(Select.Changed, "#week_start, #cues")
    async def choice_changed(self, event: Select.Changed) -> None:
        await self.save_setting(event.select.id or "", event.value)

    @on(Switch.Changed, "#count_in, #morning_prompt")
    async def switch_changed(self, event: Switch.Changed) -> None:
        await self.save_setting(event.switch.id or "", event.value)

    @on(Select.Changed, "#theme")
    def theme_changed(self, event: Select.Changed) -> None:
        self.app.theme = str(event.value)  # the app stores the theme it shows

    async def save_setting(self, key: str, value: object) -> None:
        """Store a setting chosen from a list or a switch (when it differs from the stored)."""
        if getattr(self.app.tracker.settings, key) == value:
            return
        try:
            await self.app.write(self.app.tracker.save_setting, key, value)
        except NotSaved:
            return
        self.query_one(f"#{key}-message", Static).update(Text("saved ✓", style="green"))

    # -- own exercises -----------------------------------------------------------------------

    async def sync_rows(
        self, container: Vertical, stored: list[tuple[Exercise, Target, bool]]
    ) -> None:
        """One row per exercise as now defined (own ones may have been added or changed)."""
        current = {e.id: e for e, _, _ in stored}
        for row in self.rows():
            if current.get(row.exercise.id) != row.exercise:
                await row.remove()
        shown = {row.exercise.id for row in self.rows()}
        missing = [ExerciseRow(e, t, on) for e, t, on in stored if e.id not in shown]
        if missing:
            await container.mount_all(missing)

    @on(Button.Pressed, "#new-exercise")
    def new_exercise(self) -> None:
        self.open_form(None)

    @on(Button.Pressed, ".edit-own")
    def edit_exercise(self, event: Button.Pressed) -> None:
        row = event.button.parent
        assert isinstance(row, ExerciseRow)
        self.open_form(row.exercise)

    def open_form(self, base: Exercise | None) -> None:
        """The own-exercise form; what it returns is stored (checked again under the lock)."""
        from isotrack.ui.screens.exercise_form import ExerciseForm

        program = self.app.tracker.program()
        form = ExerciseForm(program.own(), program.all_exercises(), base)

        async def save(spec: ExerciseSpec | None) -> None:
            if spec is not None:
                await self.save_exercise(spec, base)
            else:
                await self.load()

        self.form_open = True
        self.app.push_screen(form, save)

    async def save_exercise(self, spec: ExerciseSpec, base: Exercise | None) -> None:
        """Store a new or changed own exercise and show it; refusals are said in place."""
        message = self.query_one("#routine-message", Static)
        tracker = self.app.tracker
        try:
            if base is None:
                saved = await self.app.write(tracker.add_exercise, spec)
            else:
                saved = await self.app.write(tracker.edit_exercise, base.id, spec)
        except InvalidExercise as exc:
            message.update(Text(str(exc), style="bold red"))
            return
        except NotSaved:
            return
        await self.load()
        state = "added: tick it to put it in your routine" if base is None else "saved"
        message.update(Text(f"{saved.name}: {state} ✓", style="green"))
        self.query_one(f"#in-{saved.id}", Checkbox).focus()

    # -- the routine -----------------------------------------------------------------------

    def rows(self) -> list[ExerciseRow]:
        """The exercise rows in display order."""
        return list(self.query_one("#routine-rows").query_children(ExerciseRow))

    @on(Checkbox.Changed)
    async def routine_toggled(self, event: Checkbox.Changed) -> None:
        row = event.checkbox.parent
        assert isinstance(row, ExerciseRow)
        exercise_id = row.exercise.id
        if event.value:  # back where it stood if it was unticked here, else at the end
            change = ((exercise_id,), (), self.places.pop(exercise_id, None))
        else:
            self.places[exercise_id] = self.rows().index(row)  # routine rows come first
            change = ((), (exercise_id,), None)
        if not await self.change_routine(self.app.tracker.edit_routine, *change):
            return
        state = "in your routine from today" if event.value else "out of your routine from today"
        message = self.query_one("#routine-message", Static)
        message.update(Text(f"{row.exercise.name}: {state} ✓", style="green"))

    async def change_routine(self, change: Callable[..., Program], *args: Any) -> bool:
        """Store one change to the routine as stored now (never the screen's stale whole), then
        show the routine as stored; a refusal is said in place. True when it was stored."""
        program: Program | None = None
        try:
            program = await self.app.write(change, *args)
        except NotSaved as exc:  # also said in place, beside the routine it concerns
            self.query_one("#routine-message", Static).update(Text(str(exc), style="bold red"))
        tracker = self.app.tracker
        self.show_routine(program or tracker.program(), tracker.today())
        return program is not None

    async def action_move(self, step: int) -> None:
        """Move the focused exercise up or down the routine."""
        row = (
            next((n for n in self.focused.ancestors_with_self if isinstance(n, ExerciseRow)), None)
            if self.focused
            else None
        )
        if row is None:
            return
        rows = self.rows()
        index = rows.index(row) + step
        if not 0 <= index < len(rows):
            return
        container = self.query_one("#routine-rows")
        if step < 0:
            container.move_child(row, before=rows[index])
        else:
            container.move_child(row, after=rows[index])
        row.scroll_visible()
        moved = self.app.tracker.move_in_routine
        if row.query_one(Checkbox).value and await self.change_routine(
            moved, row.exercise.id, step
        ):
            routine = self.app.tracker.program().routine_on(self.app.tracker.today())
            position = routine.index(row.exercise.id) + 1
            self.query_one("#routine-message", Static).update(
                Text(f"{row.exercise.name}: number {position} in your routine ✓", style="green")
            )

    async def action_back(self) -> None:
        """Store the field being edited, then go back to where Settings was opened from."""
        if isinstance(self.focused, (Input, NumberField)):
            await self.commit(self.focused)
        self.app.leave_settings()
