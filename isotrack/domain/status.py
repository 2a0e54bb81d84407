"""The one-line status for a shell prompt or a status bar: today's sets, streak, suggestions.

Kept free of imports beyond the standard library's cheapest, because a prompt runs it before
every command line it draws.
"""

from __future__ import annotations

from datetime import date

DONE, SETS_LEFT, REST_DAY = 0, 1, 3  # exit codes a prompt can branch on

DEFAULT_FORMAT = "iso {done}/{planned}{risk}{suggestion}"
REST_FORMAT = "iso rest"
RISK_MARK = " !"  # today not done yet and a streak of earlier days is riding on it
SUGGESTION_MARK = " ▲"  # a suggestion is waiting (not dismissed)
PLACEHOLDERS = {
    "done": "sets done today that count toward the plan",
    "planned": "sets planned today (0 on a rest day)",
    "left": "sets still to do today",
    "percent": "today's completion, 0–100",
    "streak": "current streak in days (today counts once done)",
    "risk": f"'{RISK_MARK}' when today is not done and a streak rides on it, else empty",
    "suggestion": f"'{SUGGESTION_MARK}' when a suggestion is waiting, else empty",
    "suggestions": "how many suggestions are waiting",
    "state": "done, left, rest or skipped",
    "date": "today's date (YYYY-MM-DD)",
}


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

    def values(self) -> dict[str, object]:
        """Every placeholder's value."""
        return {
            "done": self.done,
            "planned": self.planned,
            "left": self.left,
            "percent": round(100 * self.done / self.planned) if self.planned else 0,
            "streak": self.streak,
            "risk": RISK_MARK if self.at_risk else "",
            "suggestion": SUGGESTION_MARK if self.suggestions else "",
            "suggestions": self.suggestions,
            "state": self.state,
            "date": self.day.isoformat(),
        }

    def line(self, template: str | None = None) -> str:
        """The status line: ``template`` with its placeholders filled in, or the default."""
        if template is None:
            template = REST_FORMAT if self.rest_day else DEFAULT_FORMAT
        return template.format_map(self.values())

    def as_json(self) -> dict[str, object]:
        """The documented JSON shape of ``isotrack status --json``."""
        values = self.values()
        return {
            "date": values["date"],
            "state": self.state,
            "done_sets": self.done,
            "planned_sets": self.planned,
            "sets_left": self.left,
            "streak": self.streak,
            "streak_at_risk": self.at_risk,
            "suggestions_waiting": self.suggestions,
            "exit_code": self.exit_code,
        }


def reminder(facts: StatusFacts) -> str | None:
    """The reminder for a day that is not done yet, None when there is nothing to remind of."""
    if facts.state != "left":
        return None
    sets = "set" if facts.left == 1 else "sets"
    line = f"{facts.left} {sets} of today's routine still to do"
    if facts.at_risk:
        line += f"; your {facts.streak_before}-day streak carries on once today is done"
    return line + "."


def check_template(template: str) -> str | None:
    """Why a ``--format`` template cannot be used, or None when it can."""
    import string  # only for a template given on the command line

    try:
        fields = [f for _, f, _, _ in string.Formatter().parse(template) if f is not None]
    except ValueError as exc:
        return f"--format: {exc}"
    unknown = [f for f in fields if f not in PLACEHOLDERS]
    if unknown:
        return f"--format: unknown placeholder {{{unknown[0]}}} (known: {', '.join(PLACEHOLDERS)})"
    return None
