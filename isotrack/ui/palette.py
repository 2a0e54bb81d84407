"""The command palette's isotrack entries: every screen and the main actions."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from isotrack.ui.app_base import AppBase

# (mode, title, help) in palette order.
SCREENS: tuple[tuple[str, str, str], ...] = (
    ("today", "Today", "Today's exercises, sets and the hold timer"),
    ("calendar", "Calendar", "The year heatmap, streaks and any day's details"),
    ("progress", "Progress", "Pain over time, the trend and where each exercise stands"),
    ("settings", "Settings", "Routine, targets, schedule, timer, sounds and theme"),
)

# (action on the Today screen, title, help)
TODAY_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("tick", "Tick a set", "Record the next set of the highlighted exercise"),
    ("timer", "Start the hold timer", "Guide the holds of the highlighted exercise"),
    ("routine", "Start routine", "Follow today's remaining sets of every exercise, hands-free"),
    ("pain", "Log pain", "Record a pain score (morning, during or after)"),
    ("accept", "Accept the suggestion", "Take the suggested target for the highlighted exercise"),
)

# (action on the app, title, help)
APP_ACTIONS: tuple[tuple[str, str, str], ...] = (
    ("help", "Help", "Keys, what the colours mean, how suggestions work, the safety notice"),
    ("export", "Export data", "Write all your data to a JSON file in the data folder"),
    (
        "report",
        "Report for your physiotherapist…",
        "Write the last 6 weeks as a web page to print or send, in the current folder",
    ),
)


@dataclass(frozen=True)
class Entry:
    """One palette entry."""

    title: str
    help: str
    run: Callable[[], Any]


class IsotrackCommands(Provider):
    """Go to a screen or run one of the main actions."""

    def entries(self) -> Iterator[Entry]:
        """The entries that exist in this app right now."""
        app = self.app
        assert isinstance(app, AppBase)
        if app.setting_up:
            return
        for mode, title, text in SCREENS:
            yield Entry(f"Go to {title}", text, partial(app.open_mode, mode))
        for action, title, text in TODAY_ACTIONS:
            yield Entry(title, text, partial(app.run_on_today, action))
        for action, title, text in APP_ACTIONS:
            yield Entry(title, text, partial(app.run_action, action))

    async def discover(self) -> Hits:
        for entry in self.entries():
            yield DiscoveryHit(entry.title, entry.run, help=entry.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for entry in self.entries():
            score = matcher.match(entry.title)
            if score > 0:
                yield Hit(score, matcher.highlight(entry.title), entry.run, help=entry.help)
