"""Dismissed suggestions and when they come back (design §5, dismissals).

A dismissal holds only while the facts are the same: the same change proposed, no new red day,
no higher weekly morning pain, no more evidence for a step back, and for at most 7 days. A
suggestion that carries no change (a hold, or the safety pause) is never hidden.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from isotrack.domain.progression import Action, Suggestion
from isotrack.domain.thresholds import DISMISS_DAYS


@dataclass(frozen=True)
class Dismissal:
    """A suggestion the user dismissed, with the facts it was dismissed on."""

    key: str
    day: date
    latest_red: date | None
    morning_median: float | None
    strength: tuple[int, int, int]

    @classmethod
    def of(cls, suggestion: Suggestion, day: date) -> Dismissal:
        """The dismissal of ``suggestion`` on ``day``."""
        evidence = suggestion.evidence
        return cls(
            suggestion.key, day, evidence.latest_red, evidence.morning_median, evidence.strength
        )

    def as_dict(self) -> dict[str, Any]:
        """Plain JSON-ready form for the store."""
        return {
            "key": self.key,
            "day": self.day.isoformat(),
            "latest_red": self.latest_red.isoformat() if self.latest_red else None,
            "morning_median": self.morning_median,
            "strength": list(self.strength),
        }

    @classmethod
    def from_dict(cls, doc: Any) -> Dismissal | None:
        """A dismissal from its stored form; None for anything else (an older format)."""
        try:
            red_days, rise, short = (int(n) for n in doc["strength"])
            red, median = doc["latest_red"], doc["morning_median"]
            return cls(
                key=str(doc["key"]),
                day=date.fromisoformat(doc["day"]),
                latest_red=date.fromisoformat(red) if red else None,
                morning_median=None if median is None else float(median),
                strength=(red_days, rise, short),
            )
        except (KeyError, TypeError, ValueError):
            return None


def _later(now: date | None, then: date | None) -> bool:
    return now is not None and (then is None or now > then)


def _higher(now: float | None, then: float | None) -> bool:
    return now is not None and (then is None or now > then)


def hides(dismissal: Dismissal | None, suggestion: Suggestion, today: date) -> bool:
    """True when ``dismissal`` still hides ``suggestion`` today."""
    if dismissal is None or not suggestion.actionable or dismissal.key != suggestion.key:
        return False
    if not 0 <= (today - dismissal.day).days < DISMISS_DAYS:
        return False
    evidence = suggestion.evidence
    if _later(evidence.latest_red, dismissal.latest_red):
        return False
    if _higher(evidence.morning_median, dismissal.morning_median):
        return False
    grown = any(n > m for n, m in zip(evidence.strength, dismissal.strength, strict=True))
    return not (suggestion.action is Action.STEP_BACK and grown)
