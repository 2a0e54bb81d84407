"""How the CLI and the app speak of pain entries and the responses they call for (design §3)."""

from __future__ import annotations

from isotrack.domain.pain_response import Response
from isotrack.domain.records import PainEntry
from isotrack.domain.thresholds import STOP_DURING

RESPONSE_TITLES: dict[Response, str] = {
    Response.STOP: "Stop this exercise for today",
    Response.GENTLE: "Go gently today",
}
RESPONSES: dict[Response, str] = {
    Response.STOP: (
        f"Pain above {STOP_DURING} out of 10 during an exercise is past the limit that is safe "
        "to train through. Stop this exercise for today, and next time do it one step easier. "
        "If it happens again, see a clinician."
    ),
    Response.GENTLE: (
        "This morning's pain is well above your usual. Go gently today: keep any exercise "
        "light and stop if it hurts more. If it has not settled within a few days, see a "
        "clinician."
    ),
}


def pain_line(entry: PainEntry) -> str:
    """One entry in a line: ``07:10 morning 4/10 red flag — note`` (no id or day)."""
    flag = (
        " red flag"
        if entry.red_flag
        else " (red flag withdrawn)"
        if entry.withdrawn_red_flag
        else ""
    )
    note = f" — {entry.note}" if entry.note else ""
    return f"{entry.at:%H:%M} {entry.kind.value} {entry.score}/10{flag}{note}"
