"""The command palette's isotrack entries: every screen and the main actions, each with the
title and help it declares itself (``isotrack.ui.palette_entry``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider

from isotrack.ui.app_base import AppBase
from isotrack.ui.palette_entry import palette_actions, palette_entry


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
        screens = dict(app.mode_screens())
        for mode, screen in screens.items():
            if (entry := palette_entry(screen)) is not None:
                yield Entry(f"Go to {entry.title}", entry.help, partial(app.open_mode, mode))
        for action, (title, text) in palette_actions(screens["today"]):
            yield Entry(title, text, partial(app.run_on_today, action))
        for action, (title, text) in palette_actions(type(app)):
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
