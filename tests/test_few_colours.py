"""Without colour (NO_COLOR, 16 colours, monochrome): state and levels in characters."""

from __future__ import annotations

import pytest
from textual.widgets import Checkbox, Switch

from isotrack.tracker import Tracker
from isotrack.ui.app import IsotrackApp
from isotrack.ui.widgets.heatmap import Heatmap
from tests.pilot_helpers import settle


@pytest.fixture
def no_colour_app(tracker: Tracker, monkeypatch: pytest.MonkeyPatch) -> IsotrackApp:
    monkeypatch.setenv("NO_COLOR", "1")
    return IsotrackApp(tracker)


def heatmap_text(app: IsotrackApp) -> str:
    heatmap = app.screen.query_one(Heatmap)
    return "\n".join(heatmap.render_line(y).text for y in range(heatmap.size.height))


async def test_no_color_heatmap_tells_the_five_levels_apart(
    tracker: Tracker, no_colour_app: IsotrackApp
) -> None:
    tracker.log_set("knees-in")  # today: one set of four
    async with no_colour_app.run_test(size=(80, 24)) as pilot:
        assert no_colour_app.few_colours
        await pilot.press("c")
        await settle(pilot)
        text = heatmap_text(no_colour_app)
        assert "less □░▒▓█ more" in text
        assert "■" not in text


async def test_in_colour_the_levels_are_shades_of_one_square(tracker: Tracker) -> None:
    app = IsotrackApp(tracker)
    async with app.run_test(size=(80, 24)) as pilot:
        assert not app.few_colours
        await pilot.press("c")
        await settle(pilot)
        assert "less ■■■■■ more" in heatmap_text(app)


async def test_no_color_boxes_and_switches_show_their_state(
    no_colour_app: IsotrackApp,
) -> None:
    async with no_colour_app.run_test(size=(80, 24)) as pilot:
        await pilot.press("comma")
        await settle(pilot)
        boxes = list(no_colour_app.screen.query(Checkbox))
        on = next(b for b in boxes if b.value)
        off = next(b for b in boxes if not b.value)
        assert "▐X▌" in str(on.render()) and "▐ ▌" in str(off.render())
        switch = no_colour_app.screen.query(Switch).first()
        assert str(switch.render()).strip() == ("on" if switch.value else "off")
