"""The report from the app: R on Progress and the palette write it, say where, and offer to
open it in a browser without ever opening it unasked."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.palette import IsotrackCommands
from isotrack.ui.screens import report as report_screen
from isotrack.ui.screens.report import ReportSavedScreen, find_browser
from tests.pilot_helpers import settle

NAME = "isotrack-report-2026-10-11-to-2026-11-21.html"


class FakeBrowser(webbrowser.BaseBrowser):
    """Records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__("fake")
        self.opened: list[str] = []

    def open(self, url: str, new: int = 0, autoraise: bool = True) -> bool:
        self.opened.append(url)
        return True


@pytest.fixture
def cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cwd"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def use_browser(monkeypatch: pytest.MonkeyPatch, browser: webbrowser.BaseBrowser | None) -> None:
    monkeypatch.setattr(report_screen, "find_browser", lambda: browser)


@pytest.fixture
def browser(monkeypatch: pytest.MonkeyPatch) -> FakeBrowser:
    """A browser that only records what it was asked to open, offered to the report."""
    fake = FakeBrowser()
    use_browser(monkeypatch, fake)
    return fake


async def press_report(app: IsotrackApp, pilot: Pilot) -> ReportSavedScreen:
    await app.switch_mode("progress")
    await pilot.pause()
    await pilot.press("R")
    await settle(pilot)
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReportSavedScreen)
    return screen


async def test_r_on_progress_writes_the_report_and_shows_where(
    tracker: Tracker, cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tracker.log_set("knees-in")
    use_browser(monkeypatch, None)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await press_report(app, pilot)
        path = cwd / NAME
        assert path.is_file() and '<section id="notes">' in path.read_text()
        assert str(path) in str(screen.query_one("#report-path", Static).render())
        assert not screen.query("#open")  # no browser: nothing offered
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ReportSavedScreen)


async def test_the_browser_opens_only_when_asked(
    tracker: Tracker, cwd: Path, browser: FakeBrowser
) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await press_report(app, pilot)
        assert screen.query_one("#open", Button)
        assert browser.opened == []
        await pilot.press("o")
        await pilot.pause()
        assert browser.opened == [(cwd / NAME).as_uri()]
        assert not isinstance(app.screen, ReportSavedScreen)


async def test_closing_opens_nothing(tracker: Tracker, cwd: Path, browser: FakeBrowser) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(100, 30)) as pilot:
        await press_report(app, pilot)
        await pilot.click("#close")
        await pilot.pause()
        assert browser.opened == [] and not isinstance(app.screen, ReportSavedScreen)


async def test_the_palette_entry_writes_the_report(
    tracker: Tracker, cwd: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    use_browser(monkeypatch, None)
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        hit = await anext(IsotrackCommands(app.screen).search("report for"))
        await hit.command()
        await settle(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ReportSavedScreen)
        assert (cwd / NAME).is_file()


def test_only_a_browser_with_its_own_window_is_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    def get_raising() -> webbrowser.BaseBrowser:
        raise webbrowser.Error("none")

    monkeypatch.setattr(webbrowser, "get", get_raising)
    assert find_browser() is None
    monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.GenericBrowser("lynx"))
    assert find_browser() is None  # it would run inside the app's terminal
    window = webbrowser.BackgroundBrowser("firefox")
    monkeypatch.setattr(webbrowser, "get", lambda: window)
    assert find_browser() is window
