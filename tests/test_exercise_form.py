"""Pilot tests of the own-exercise form on its own: checked as typed, refused in place."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Input, Select, Static, TextArea

from isotrack.domain import catalogue
from isotrack.domain.catalogue import Mode
from isotrack.domain.custom import ExerciseSpec, edited, new_exercise
from isotrack.ui.screens.exercise_form import ExerciseForm


class FormApp(App[None]):
    """Opens the form and keeps what it dismissed with."""

    def __init__(self, form: ExerciseForm) -> None:
        super().__init__()
        self.form = form
        self.results: list[ExerciseSpec | None] = []

    def on_mount(self) -> None:
        self.push_screen(self.form, self.results.append)


def message(form: ExerciseForm) -> str:
    return str(form.query_one("#form-message", Static).render())


async def test_a_new_exercise_is_checked_as_typed_and_saved() -> None:
    form = ExerciseForm({}, list(catalogue.CATALOGUE))
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "a name is needed" in message(form)
        await pilot.press(*"Glute bridge hold")
        assert "glute-bridge-hold" in str(form.query_one("#form-id", Static).render())
        assert "at least one cue line" in message(form)
        form.query_one("#form-cues", TextArea).text = "Squeeze the glutes, ribs down"
        form.query_one("#form-sets", Input).value = "2"
        form.query_one("#form-reps", Input).value = "8"
        await pilot.pause()
        assert "ready to save" in message(form)
        await pilot.press("ctrl+s")
        await pilot.pause()
    (spec,) = app.results
    assert spec is not None and spec.name == "Glute bridge hold"
    saved = new_exercise(spec, {})
    assert (saved.id, saved.sets, saved.reps, saved.hold) == ("glute-bridge-hold", 2, 8, 10)
    assert saved.cue_lines == ("Squeeze the glutes, ribs down",)
    assert form.result == saved


async def test_bad_fields_are_refused_in_place_and_nothing_is_returned() -> None:
    form = ExerciseForm({}, list(catalogue.CATALOGUE))
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"Bird-dog")
        form.query_one("#form-cues", TextArea).text = "one"
        await pilot.pause()
        assert "already used by bird-dog" in message(form)
        form.query_one("#form-name", Input).value = "Dead bug"
        form.query_one("#form-hold", Input).value = "700"
        await pilot.pause()
        assert "hold must be a whole number from 1 to 600" in message(form)
        form.query_one("#form-hold", Input).value = "10"
        form.query_one("#form-cues", TextArea).text = "a\nb\nc\nd"
        await pilot.pause()
        assert "at most 3 cue lines" in message(form)
        await pilot.press("ctrl+s")  # refused: the form stays open
        await pilot.pause()
        assert app.screen is form
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [None]


async def test_editing_a_max_hold_keeps_its_id_and_offers_a_next() -> None:
    wall = new_exercise(
        ExerciseSpec(name="Wall sit", mode=Mode.MAX, hold=30, cues=("Thighs level",)), {}
    )
    form = ExerciseForm({wall.id: wall}, [*catalogue.CATALOGUE, wall], wall)
    app = FormApp(form)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert form.query_one("#form-reps", Input).disabled
        assert "wall-sit" not in [v for _, v in form.choices]
        form.query_one("#form-name", Input).value = "Wall squat"
        form.query_one("#form-next", Select).value = "side-plank"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    (spec,) = app.results
    assert spec is not None
    saved = edited(wall, spec, {wall.id: wall})
    assert (saved.id, saved.name, saved.next, saved.hold) == (
        "wall-sit",
        "Wall squat",
        "side-plank",
        30,
    )
