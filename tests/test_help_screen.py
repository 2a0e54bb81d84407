"""Help on every screen: the screen's own keys, colours, progression, safety, background."""

from __future__ import annotations

from textual.widgets import Input, Static

from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.help_text import help_markdown
from isotrack.ui.screens.help import HelpScreen
from isotrack.ui.screens.safety import SafetyScreen
from isotrack.ui.screens.settings import SettingsScreen
from isotrack.ui.screens.today import TodayScreen
from isotrack.ui.screens.welcome import WelcomeScreen


async def open_help(app: IsotrackApp, pilot, key: str = "question_mark") -> str:
    await pilot.press(key)
    await pilot.pause()
    assert isinstance(app.screen, HelpScreen)
    await pilot.pause()  # the sections below the first screenful
    return help_source(app.screen)


def help_source(screen: HelpScreen) -> str:
    """The Markdown source of every section on the help screen."""
    return "\n".join(s.content.markup for s in screen.query(Static).filter(".help-section"))


def keys_section(text: str) -> str:
    return text.split("## Safety")[0]


def test_help_covers_colours_progression_safety_and_sources() -> None:
    text = help_markdown([("space", "Tick set"), ("?", "Help"), ("f1", "Help"), ("t", "Today")])
    text += help_markdown([("t", "Today")] * 2)  # one binding for t and escape, shown as t
    assert "- `space`  Tick set\n- `?` `f1`  Help\n- `t`  Today\n" in text
    assert "`t` `t`" not in text
    for level in range(5):
        assert f"| {level} |" in text
    for mark in ("Rest days", "skipped days", "today", "before\nyou started"):
        assert mark in text
    for source in ("Silbernagel", "McGill", "Ostelo", "Farrar", "NICE guideline NG59"):
        assert source in text
    assert "Step back" in text and "Step up" in text
    assert "emergency care" in text and "UC San Diego" in text


async def test_help_on_today_lists_todays_keys(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        keys = keys_section(await open_help(app, pilot))
        assert "`space`  Tick\n" in keys and "Untick" in keys and "Settings" in keys
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)


async def test_help_on_settings_lists_its_keys_not_text_editing(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)
        keys = keys_section(await open_help(app, pilot))
        assert "Back" in keys and "Move up" in keys
        assert "`space`  Tick\n" not in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SettingsScreen)


async def test_question_mark_types_in_a_field_and_f1_still_helps(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await pilot.pause()
        field = app.screen.query_one("#schedule", Input)
        field.focus()
        field.value = ""
        await pilot.press("question_mark", "comma")
        await pilot.pause()
        assert field.value == "?,"
        assert isinstance(app.screen, SettingsScreen)
        keys = keys_section(await open_help(app, pilot, "f1"))
        assert "Back" in keys


async def test_help_on_the_welcome_and_over_a_modal_screen(data_dir, clock) -> None:
    app = IsotrackApp(Tracker.open(data_dir, clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # on to the safety notice, where esc goes back
        assert isinstance(app.screen, WelcomeScreen)
        keys = keys_section(await open_help(app, pilot))
        assert "Back" in keys
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await app.push_screen(SafetyScreen())
        await pilot.pause()
        keys = keys_section(await open_help(app, pilot))
        assert "Close" in keys
