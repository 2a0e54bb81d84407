"""Helpers shared by the Pilot tests."""

from __future__ import annotations

from textual.pilot import Pilot

from isotrack.ui.app import IsotrackApp


async def settle(pilot: Pilot, rounds: int = 3) -> None:
    """Let queued handlers run, their writes reach the disk and the screens react."""
    app = pilot.app
    assert isinstance(app, IsotrackApp)
    await pilot.pause()
    for _ in range(rounds):
        await app.flush_writes()
        await pilot.pause()
