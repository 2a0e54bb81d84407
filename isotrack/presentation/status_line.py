"""The status line's words: the default line, ``--format`` placeholders, the JSON shape and
the reminder sentence (``isotrack status`` and ``isotrack remind``)."""

from __future__ import annotations

from isotrack.domain.status import StatusFacts

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


def values(facts: StatusFacts) -> dict[str, object]:
    """Every placeholder's value."""
    return {
        "done": facts.done,
        "planned": facts.planned,
        "left": facts.left,
        "percent": round(100 * facts.done / facts.planned) if facts.planned else 0,
        "streak": facts.streak,
        "risk": RISK_MARK if facts.at_risk else "",
        "suggestion": SUGGESTION_MARK if facts.suggestions else "",
        "suggestions": facts.suggestions,
        "state": facts.state,
        "date": facts.day.isoformat(),
    }


def status_line(facts: StatusFacts, template: str | None = None) -> str:
    """``template`` with its placeholders filled in, or the default line."""
    if template is None:
        template = REST_FORMAT if facts.rest_day else DEFAULT_FORMAT
    return template.format_map(values(facts))


def status_json(facts: StatusFacts) -> dict[str, object]:
    """The documented JSON shape of ``isotrack status --json``."""
    return {
        "date": facts.day.isoformat(),
        "state": facts.state,
        "done_sets": facts.done,
        "planned_sets": facts.planned,
        "sets_left": facts.left,
        "streak": facts.streak,
        "streak_at_risk": facts.at_risk,
        "suggestions_waiting": facts.suggestions,
        "exit_code": facts.exit_code,
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
