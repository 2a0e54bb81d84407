"""The form for one of the user's own exercises: every field checked as it is typed.

The form only checks (with the domain's own rules, so it refuses what the CLI refuses) and
dismisses with what was typed; the screen that opened it stores that through the tracker,
which checks it again under the folder lock.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Input, Label, Select, Static, TextArea

from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.custom import ExerciseSpec, InvalidExercise, edited, new_exercise, slug
from isotrack.ui.styles import stylesheet
from isotrack.ui.validation import CheckValidator, target_check

MODES = (("Fixed hold: reps × seconds", Mode.FIXED), ("Max hold: as long as you can", Mode.MAX))
PARTS = ("sets", "reps", "hold")
CUES_LABEL = "Cues: what to do during the hold, one to three lines"
KEYS = "ctrl+s save · esc cancel · tab next field"


def form_row(label: str, *widgets: Label | Input | Select | Checkbox | Static) -> Horizontal:
    """A label and its field(s) on one line."""
    return Horizontal(Label(label, classes="form-label"), *widgets, classes="form-row")


class ExerciseForm(ModalScreen[ExerciseSpec | None]):
    """Add an own exercise (``base`` None) or edit one; dismisses with what the fields say
    once the definition they make passes every check (``result`` holds that definition)."""

    CSS_PATH: ClassVar = stylesheet("dialog.tcss", "exercise_form.tcss")
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(
        self, own: Mapping[str, Exercise], others: list[Exercise], base: Exercise | None = None
    ) -> None:
        super().__init__()
        self.own = dict(own)
        self.base = base
        self.choices = [(Text(e.name), e.id) for e in others if base is None or e.id != base.id]
        self.result: Exercise | None = None

    def compose(self) -> ComposeResult:
        base = self.base
        title = f"Edit {base.name}" if base else "New exercise"
        with Vertical(id="form-box", classes="dialog"):
            yield Static(Text(title), classes="dialog-title")
            yield form_row(
                "Name",
                Input(base.name if base else "", id="form-name", max_length=60, compact=True),
            )
            yield Static(id="form-id", classes="form-help")
            yield form_row(
                "Timing",
                Select(
                    MODES,
                    value=base.mode if base else Mode.FIXED,
                    allow_blank=False,
                    compact=True,
                    id="form-mode",
                ),
            )
            yield form_row(
                "Sides",
                Checkbox(
                    "left and right, each side its own set",
                    value=bool(base and base.sided),
                    compact=True,
                    id="form-sided",
                ),
            )
            top = (base.sets, base.reps, base.hold) if base else (3, 6, 10)
            yield form_row(
                "Top target",
                *(
                    Input(
                        str(value),
                        id=f"form-{part}",
                        compact=True,
                        validators=[CheckValidator(target_check(part))],
                    )
                    for part, value in zip(PARTS, top, strict=True)
                ),
                Static(id="form-unit", classes="form-unit"),
            )
            yield Static(CUES_LABEL, classes="form-help")
            yield TextArea(
                "\n".join(base.cue_lines) if base else "",
                id="form-cues",
                soft_wrap=True,
                show_line_numbers=False,
            )
            yield form_row(
                "Then",
                Select(
                    self.choices,
                    value=base.next if base and base.next else Select.NULL,
                    prompt="no next exercise",
                    compact=True,
                    id="form-next",
                ),
            )
            yield Static(id="form-message", classes="form-message")
            yield Static(KEYS, id="form-keys")

    def on_mount(self) -> None:
        self.query_one("#form-name", Input).focus()
        self.check()

    # -- checking ----------------------------------------------------------------------------

    def spec(self) -> ExerciseSpec:
        """What the fields say (a number that does not parse raises InvalidExercise)."""
        mode = self.query_one("#form-mode", Select).value
        mode = mode if isinstance(mode, Mode) else Mode.FIXED
        numbers = {}
        for part in PARTS:
            if mode is Mode.MAX and part == "reps":
                continue
            try:
                numbers[part] = target_check(part)(self.query_one(f"#form-{part}", Input).value)
            except ValueError as exc:
                what = "the goal" if mode is Mode.MAX and part == "hold" else "the top target"
                raise InvalidExercise(f"{what}: {exc}") from None
        following = self.query_one("#form-next", Select).value
        return ExerciseSpec(
            name=self.query_one("#form-name", Input).value,
            mode=mode,
            sided=self.query_one("#form-sided", Checkbox).value,
            cues=tuple(self.query_one("#form-cues", TextArea).text.splitlines()),
            next=following if isinstance(following, str) else None,
            clear_next=not isinstance(following, str),
            **numbers,
        )

    def check(self) -> Exercise | None:
        """Check every field; show the first problem (or the id to be made) in place."""
        max_mode = self.query_one("#form-mode", Select).value is Mode.MAX
        self.query_one("#form-reps", Input).disabled = max_mode
        unit = "s goal" if max_mode else "s hold"
        sided = self.query_one("#form-sided", Checkbox).value
        self.query_one("#form-unit", Static).update(unit + (" /side" if sided else ""))
        name = self.query_one("#form-name", Input).value
        made = self.base.id if self.base else slug(name)
        self.query_one("#form-id", Static).update(Text(f"id: {made or '…'}"))
        message = self.query_one("#form-message", Static)
        try:
            spec = self.spec()
            if self.base is None:
                self.result = new_exercise(spec, self.own)
            else:
                self.result = edited(self.base, spec, self.own)
        except InvalidExercise as exc:
            self.result = None
            message.update(Text(str(exc)))
            message.set_class(True, "-error")
            return None
        message.update(Text("ready to save (ctrl+s)"))
        message.set_class(False, "-error")
        return self.result

    @on(Input.Changed)
    @on(Select.Changed)
    @on(Checkbox.Changed)
    @on(TextArea.Changed)
    def changed(self) -> None:
        self.check()

    # -- leaving ----------------------------------------------------------------------------

    def action_save(self) -> None:
        """Close with the definition when every field is right; otherwise say why in place."""
        if self.check() is not None:
            self.dismiss(self.spec())
        else:
            self.app.bell()

    def action_cancel(self) -> None:
        """Close without saving."""
        self.dismiss(None)
