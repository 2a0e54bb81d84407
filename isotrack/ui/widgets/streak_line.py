"""One line of streak figures that never holds up the screen it is on.

The figures come from the month summaries the store keeps, at once when they are current.
When they must be rebuilt first (after a change that applies to the past), the current streak
is read from the last months only and the rest comes from a thread worker.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import getters, work
from textual.content import Content
from textual.widgets import Static
from textual.worker import Worker, WorkerState

from isotrack.domain.days import RATE_WINDOW_DAYS
from isotrack.presentation.words import plural
from isotrack.ui.app_base import AppBase

if TYPE_CHECKING:  # the streak code is imported when first counted, after the first frame
    from isotrack.domain.streaks import StreakStats


def streak_content(current: int | None, stats: StreakStats | None) -> Content:
    """``Streak 8 days · longest 46 · last 30 days 91%`` (``…`` while still counting)."""
    longest, rate = "…", "…"
    if stats is not None:
        longest = str(max(stats.longest, current or 0))
        rate = "–" if stats.rate_30d is None else f"{stats.rate_30d:.0%}"
    return Content.assemble(
        ("Streak ", "$text-muted"),
        (
            "…" if current is None else plural(current, "day"),
            "bold $success" if current else "bold",
        ),
        (f"  ·  longest {longest}  ·  last {RATE_WINDOW_DAYS} days {rate}", "$text-muted"),
    )


class StreakLine(Static):
    """Current streak, longest streak and 30-day rate; call :meth:`reload` after changes."""

    def __init__(self, *, id: str | None = None, screen_reloads: bool = False) -> None:
        """``screen_reloads``: its screen reloads it once the first frame is on screen (Today
        does, with the rest of its data); otherwise it reloads itself then."""
        super().__init__(id=id)
        self.current = 0
        self.stats: StreakStats | None = None
        self._screen_reloads = screen_reloads

    app = getters.app(AppBase)

    def reload(self) -> None:
        """Count again: everything now when the summaries are current, else the current
        streak now and the rest in a worker. The first frame waits for neither: it shows
        ``…`` and counts once the frame is on screen (and the folder is checked)."""
        if not self.app.first_frame_shown:
            self.update(streak_content(None, None))
            if not self._screen_reloads:
                self.app.after_first_frame(lambda: self.app.read_or_report(self.reload))
            return
        tracker = self.app.tracker
        if tracker.has_short_history() or tracker.streaks_are_quick():
            self.stats = tracker.streak_stats()
            self.current = self.stats.current
        else:
            self.current = tracker.current_streak()
            if self.stats is not None:  # keep the last figures until the new ones arrive
                from isotrack.domain.streaks import StreakStats

                self.stats = StreakStats(
                    self.current, self.stats.longest, self.stats.done_days, self.stats.rate_30d
                )
            self._count_all()
        self.update(streak_content(self.current, self.stats))

    @work(thread=True, exclusive=True, exit_on_error=False, group="streaks")
    def _count_all(self) -> StreakStats:
        return self.app.tracker.streak_stats()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group == "streaks" and event.state is WorkerState.SUCCESS:
            stats = event.worker.result
            assert stats is not None
            self.stats, self.current = stats, stats.current
            self.update(streak_content(self.current, self.stats))
