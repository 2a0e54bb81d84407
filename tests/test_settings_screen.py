"""Pilot tests of the Settings screen: stored at once, refused in place, routine and theme."""

from __future__ import annotations

from datetime import timedelta

from textual.events import Paste
from textual.widgets import Checkbox, Input, Select, Static, Switch

from isotrack.store.store import Store
from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.settings import SettingsScreen, first_screenful
from isotrack.ui.screens.timer import TimerScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.widgets.number_field import NumberField
from tests.pilot_helpers import settle


async def open_settings(app: IsotrackApp, pilot) -> SettingsScreen:
    await pilot.press("comma")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    return app.screen


async def type_into(app: IsotrackApp, pilot, field_id: str, text: str) -> Input | NumberField:
    field = app.screen.query_one(f"#{field_id}", Input | NumberField)
    field.focus()
    await pilot.pause()
    field.value = ""
    await pilot.press(*text, "enter")
    await settle(pilot)
    return field


async def first_sets_field(app: IsotrackApp, pilot) -> NumberField:
    """Open Settings and tab to the targets: the first exercise's sets, focused."""
    screen = await open_settings(app, pilot)
    await pilot.press("tab")
    await pilot.pause()
    first = app.tracker.program().routine_on(app.tracker.today())[0]
    sets = screen.query_one(f"#sets-{first}", NumberField)
    assert app.focused is sets
    return sets


def message(app: IsotrackApp, message_id: str) -> str:
    return str(app.screen.query_one(f"#{message_id}", Static).render())


async def test_comma_opens_settings_and_escape_returns(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        assert app.screen.query_one("#relax", Input).value == "3"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_changing_relax_stores_it(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await type_into(app, pilot, "relax", "7")
        assert tracker.settings.relax == 7
        assert "saved" in message(app, "relax-message")


async def test_leaving_a_field_stores_it(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        field = app.screen.query_one("#rest", Input)
        field.focus()
        field.value = "45"
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert tracker.settings.rest == 45


async def test_invalid_relax_is_refused_in_place(tracker: Tracker, data_dir) -> None:
    main = data_dir / "isotrack.json"
    before = main.read_bytes()
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        field = await type_into(app, pilot, "relax", "500")
        assert isinstance(app.screen, SettingsScreen) and field.has_focus
        assert field.value == "500" and field.has_class("-invalid")
        assert "from 0 to 120" in message(app, "relax-message")
        await pilot.press("tab")
        await settle(pilot)
    assert main.read_bytes() == before
    assert tracker.settings.relax == 3


async def test_schedule_and_day_start_are_stored_or_refused(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await type_into(app, pilot, "schedule", "mon,wed,fri")
        await type_into(app, pilot, "schedule", "funday")
        assert "not a weekday" in message(app, "schedule-message")
        await type_into(app, pilot, "day_start", "25:00")
        assert "HH:MM" in message(app, "day_start-message")
        await type_into(app, pilot, "done_threshold", "80")
    today = tracker.today()  # Saturday: a rest day under mon,wed,fri
    assert tracker.program().is_rest_day(today)
    assert not tracker.program().is_rest_day(today + timedelta(days=2))
    assert tracker.settings.day_start == "04:00"
    assert tracker.settings.done_threshold == 80


async def test_routine_toggle_order_and_target(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_settings(app, pilot)
        first = screen.query_one("#in-push-pull-a", Checkbox)
        assert first.has_focus and first.value
        await pilot.press("shift+down")  # push-pull-a after push-pull-b
        await settle(pilot)
        routine = tracker.program().routine_on(tracker.today())
        assert routine[:2] == ("push-pull-b", "push-pull-a")
        screen.query_one("#in-superman", Checkbox).focus()
        await pilot.press("space")
        await settle(pilot)
        assert tracker.program().routine_on(tracker.today())[-1] == "superman"
        assert not screen.query_one("#sets-superman", NumberField).disabled
        await type_into(app, pilot, "reps-superman", "8")
        assert tracker.program().target_on("superman", tracker.today()).reps == 8
        await type_into(app, pilot, "sets-superman", "11")
        assert "sets must be a whole number from 1 to 10" in message(app, "routine-message")
        assert tracker.program().target_on("superman", tracker.today()).sets == 1
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
        names = [
            str(app.screen.query_one("#exercises").get_option_at_index(i).prompt) for i in range(5)
        ]
        assert "side B" in names[0] and "Superman" in names[4] and "1 × 8 × 5 s" in names[4]


async def test_a_box_unticked_and_ticked_again_keeps_its_place(tracker: Tracker) -> None:
    before = tracker.program().routine_on(tracker.today())
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_settings(app, pilot)
        box = screen.query_one(f"#in-{before[1]}", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert before[1] not in tracker.program().routine_on(tracker.today())
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert tracker.program().routine_on(tracker.today()) == before
        assert [row.exercise.id for row in screen.rows()][: len(before)] == list(before)


def test_edit_routine_adds_at_a_place(tracker: Tracker) -> None:
    before = tracker.program().routine_on(tracker.today())
    after = tracker.edit_routine(add=("superman",), at=1).routine_on(tracker.today())
    assert after == (before[0], "superman", *before[1:])
    again = tracker.edit_routine(add=("superman", "bird-dog"), at=99).routine_on(tracker.today())
    assert again == (*after, "bird-dog")  # one already in the routine stays where it is


async def test_the_last_exercise_cannot_be_removed(tracker: Tracker) -> None:
    tracker.set_routine(("superman",))
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        box = screen.query_one("#in-superman", Checkbox)
        box.focus()
        await pilot.press("space")
        await settle(pilot)
        assert box.value
        assert "at least one exercise" in message(app, "routine-message")
    assert tracker.program().routine_on(tracker.today()) == ("superman",)


async def test_theme_sounds_and_week_start_are_stored(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        screen.query_one("#theme", Select).value = "nord"
        screen.query_one("#cues", Select).value = "tones"
        screen.query_one("#count_in", Switch).value = False
        screen.query_one("#week_start", Select).value = "sun"
        await settle(pilot)
        assert app.theme == "nord"
    settings = tracker.settings
    assert (settings.theme, settings.cues, settings.count_in, settings.week_start) == (
        "nord",
        "tones",
        False,
        "sun",
    )


async def test_theme_from_anywhere_is_stored_and_restored(tracker: Tracker, data_dir) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "gruvbox"  # what the palette's theme command does
        await settle(pilot)
    assert tracker.settings.theme == "gruvbox"
    again = IsotrackApp(tracker)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "gruvbox"


async def test_opening_settings_writes_nothing(tracker: Tracker, data_dir) -> None:
    main = data_dir / "isotrack.json"
    before = main.read_bytes()
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await pilot.press("escape")
        await settle(pilot)
    assert main.read_bytes() == before


async def test_settings_from_help_closes_help(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await open_settings(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_relax_from_settings_is_the_timers_relax_phase(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await type_into(app, pilot, "relax", "9")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the timer on the highlighted exercise
        await pilot.pause()
        assert isinstance(app.screen, TimerScreen)
        assert app.screen.session.pauses.relax == 9


async def test_a_change_from_another_shell_survives_a_change_in_an_open_settings(
    tracker: Tracker, data_dir, clock
) -> None:
    """Issue 15.1: Settings changes one exercise, never writes back the routine it loaded."""
    other_shell = Tracker(Store.open(data_dir), clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 40)) as pilot:
        screen = await open_settings(app, pilot)
        other_shell.edit_routine(add=("superman",))  # `isotrack routine --add superman`
        box = screen.query_one("#in-knees-out", Checkbox)
        box.focus()
        await pilot.press("space")  # take knees-out out
        await settle(pilot)
        routine = tracker.program().routine_on(tracker.today())
        assert "superman" in routine and "knees-out" not in routine
        assert screen.query_one("#in-superman", Checkbox).value  # the screen shows it too
        await pilot.press("shift+up")  # a move keeps it too
        await settle(pilot)
        assert "superman" in tracker.program().routine_on(tracker.today())


def test_routine_add_and_remove_from_the_command_line(cli) -> None:
    assert cli("routine", "--add", "superman", "--remove", "knees-in")[0] == 0
    code, out, _ = cli("routine")
    assert code == 0 and "superman" in out and "knees-in " not in out


async def test_arrows_move_between_rows_and_enter_never_changes_the_routine(
    tracker: Tracker,
) -> None:
    routine = tracker.program().routine_on(tracker.today())
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_settings(app, pilot)
        first, second = (f"in-{exercise_id}" for exercise_id in routine[:2])
        assert app.focused is not None and app.focused.id == first
        await pilot.press("down")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == second
        await pilot.press("enter")
        await settle(pilot)
        assert tracker.program().routine_on(tracker.today()) == routine
        assert screen.query_one(f"#{second}", Checkbox).value
        await pilot.press("up")
        await pilot.pause()
        assert app.focused is not None and app.focused.id == first
        await pilot.press("space")  # space takes it out
        await settle(pilot)
        assert tracker.program().routine_on(tracker.today()) == routine[1:]
        await pilot.press("space")
        await settle(pilot)


async def test_tab_walks_sections_not_fields(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        seen = []
        for _ in range(7):
            await pilot.press("tab")
            await pilot.pause()
            assert app.focused is not None
            seen.append(app.focused.id)
        first = tracker.program().routine_on(tracker.today())[0]
        sections = ["new-exercise", "schedule", "get_ready", "morning_prompt", "theme"]
        assert seen == [f"sets-{first}", *sections, f"in-{first}"]
        await pilot.press("tab", "down", "down")  # targets: the same column, the third row
        await pilot.pause()
        third = tracker.program().routine_on(tracker.today())[2]
        assert app.focused is not None and app.focused.id == f"sets-{third}"
        await pilot.press("enter")  # enter walks on to the next field of the row
        await pilot.pause()
        assert app.focused is not None and app.focused.id == f"reps-{third}"


async def test_a_target_is_typed_in_place_and_stored_as_the_field_is_left(
    tracker: Tracker,
) -> None:
    """A target's part takes digits only: the first replaces the number, the next add to it,
    backspace deletes one; a refused number is said and never stored; leaving stores it."""
    first = tracker.program().routine_on(tracker.today())[0]
    stored = tracker.program().target_on(first, tracker.today())
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        sets = await first_sets_field(app, pilot)
        await pilot.press("x", "9", "9")  # a letter is not taken; 99 sets is over the limit
        await pilot.pause()
        assert sets.value == "99" and sets.has_class("-invalid")
        assert "sets must be a whole number from 1 to 10" in message(app, "routine-message")
        await pilot.press("backspace")
        await pilot.pause()
        assert sets.value == "9" and not sets.has_class("-invalid")
        assert tracker.program().target_on(first, tracker.today()) == stored  # not yet
        await pilot.press("down")  # leaving the field stores it
        await settle(pilot)
        assert tracker.program().target_on(first, tracker.today()).sets == 9 != stored.sets
        assert "saved" in message(app, "routine-message")
        await pilot.press("up", "backspace", "enter")  # an empty field is refused, kept
        await settle(pilot)
        assert tracker.program().target_on(first, tracker.today()).sets == 9
        assert "sets must be" in message(app, "routine-message")


async def test_settings_shows_changes_made_elsewhere_when_opened_again(
    tracker: Tracker, data_dir, clock
) -> None:
    """Every section, the later ones too, shows the values stored meanwhile (say by
    `isotrack config` in another shell) when Settings is opened again."""
    other_shell = Tracker(Store.open(data_dir), clock)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_settings(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        for key, value in (("relax", 9), ("cues", "bell"), ("morning_prompt", False)):
            other_shell.save_setting(key, value)
        screen = await open_settings(app, pilot)
        assert screen.query_one("#relax", Input).value == "9"
        assert screen.query_one("#cues", Select).value == "bell"
        assert screen.query_one("#morning_prompt", Switch).value is False


def test_the_first_screenful_is_composed_and_the_rest_added_after() -> None:
    """The widgets are composed until they fill the screen's rows (two spare: the header and
    the footer), the rest is added once that is drawn; a tall screen composes all."""
    page = [(Static(str(n)), lines) for n, lines in enumerate((2, 2, 10, 1, 2, 3, 1, 1))]
    assert first_screenful(page, 21) == 7  # the seventh starts on line 20, the eighth on 21
    assert first_screenful(page, 16) == 5  # the fifth starts on line 15, the sixth on 17
    assert first_screenful(page, 60) == len(page)


async def test_a_target_field_takes_the_digits_of_pasted_text(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        sets = await first_sets_field(app, pilot)
        sets.post_message(Paste("about 4 sets"))
        await pilot.pause()
        assert sets.value == "4"


async def test_settings_first_opened_after_a_theme_change_wears_that_theme(
    tracker: Tracker,
) -> None:
    """Settings' first open skips Textual's CSS refresh and restyle: it must still wear the
    theme of the moment, its own stylesheet's rules included, as when the app starts in it."""

    async def colours(app: IsotrackApp, pilot) -> list[object]:
        screen = await open_settings(app, pilot)
        widgets = [screen, screen.query_one("#relax"), screen.query_one(NumberField)]
        return [(w.styles.background, w.styles.color) for w in widgets]

    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.theme = "textual-light"
        await pilot.pause()
        changed = await colours(app, pilot)
    assert tracker.settings.theme == "textual-light"
    again = IsotrackApp(tracker)  # starts in that theme
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert await colours(again, pilot) == changed
