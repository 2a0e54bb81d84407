"""The program log: how each target changed (by hand or by accepting a suggestion) and which
suggestions were dismissed. The tracker appends to it; the report reads it to say how each
change was made."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from isotrack.domain.targets import Target

LOG_LIMIT = 2000  # entries of the program log kept (a change every day for five years)


class How(StrEnum):
    """How a target changed or a suggestion was answered (the values are the stored form; the
    report words them)."""

    ACCEPTED = "accepted"
    BY_HAND = "by_hand"
    DISMISSED = "dismissed"


@dataclass(frozen=True)
class LogEntry:
    """One answer to a suggestion or one change by hand, as the tracker logged it."""

    day: date
    how: How
    exercise: str
    action: str = ""
    target: Target | None = None
    next_exercise: str | None = None
    reason: str = ""

    def to_doc(self) -> dict[str, Any]:
        """The stored form (plain JSON)."""
        return {
            "day": self.day.isoformat(),
            "how": self.how.value,
            "exercise": self.exercise,
            "action": self.action,
            "target": self.target.as_dict() if self.target else None,
            "next_exercise": self.next_exercise,
            "reason": self.reason,
        }


def log_from_docs(docs: Any) -> list[LogEntry]:
    """The program log from its stored form; entries that do not decode are left out (the log
    only explains changes, it is never the record of them)."""
    entries = []
    for doc in docs if isinstance(docs, list) else []:
        try:
            target = doc.get("target")
            entries.append(
                LogEntry(
                    day=date.fromisoformat(doc["day"]),
                    how=How(doc["how"]),
                    exercise=str(doc["exercise"]),
                    action=str(doc.get("action") or ""),
                    target=Target(**target) if isinstance(target, dict) else None,
                    next_exercise=doc.get("next_exercise") or None,
                    reason=str(doc.get("reason") or ""),
                )
            )
        except (AttributeError, KeyError, TypeError, ValueError):
            continue
    return entries
