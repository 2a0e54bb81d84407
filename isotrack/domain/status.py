"""Today's status for a shell prompt or a status bar: sets done, the streak riding on today,
suggestions waiting, and the exit code a prompt branches on (the words are in
``isotrack.presentation.status_line``).

Kept free of imports beyond the standard library's cheapest, because a prompt runs it before
every command line it draws.
"""

from __future__ import annotations

from datetime import date

DONE, SETS_LEFT, REST_DAY = 0, 1, 3  # exit codes a prompt can branch on


class StatusFacts:
    """What the status line says about one day. ``streak_before`` is the streak through
    yesterday; ``threshold`` the share of planned sets (0–1) that makes the day done."""

    __slots__ = (
        "day",
        "done",
        "planned",
        "rest_day",
        "skipped",
        "streak_before",
        "suggestions",
        "threshold",
    )

    def __init__(
        self,
        day: date,
        planned: int,
        done: int,
        *,
        rest_day: bool = False,
        skipped: bool = False,
        streak_before: int = 0,
        suggestions: int = 0,
        threshold: float = 1.0,
    ) -> None:
        self.day = day
        self.planned = planned
        self.done = done
        self.rest_day = rest_day
        self.skipped = skipped
        self.streak_before = streak_before
        self.suggestions = suggestions
        self.threshold = threshold

    @property
    def left(self) -> int:
        """Sets still to do today."""
        return max(0, self.planned - self.done)

    @property
    def is_done(self) -> bool:
        """True once today's completed share reaches the done threshold (design §2)."""
        return self.planned > 0 and self.done / self.planned >= self.threshold - 1e-9

    @property
    def streak(self) -> int:
        """The current streak: today adds a day once it is done."""
        return self.streak_before + (1 if self.is_done else 0)

    @property
    def at_risk(self) -> bool:
        """True when today is a training day, not done, and a streak would end with it."""
        return self.streak_before > 0 and not (self.is_done or self.rest_day or self.skipped)

    @property
    def state(self) -> str:
        """done, left, rest or skipped."""
        if self.rest_day:
            return "rest"
        if self.is_done:
            return "done"
        return "skipped" if self.skipped else "left"

    @property
    def exit_code(self) -> int:
        """0 done today, 1 sets left, 3 rest day (a skipped day counts as done: nothing left)."""
        return {"rest": REST_DAY, "left": SETS_LEFT}.get(self.state, DONE)
