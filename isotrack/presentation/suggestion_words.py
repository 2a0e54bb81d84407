"""How the CLI and the app speak of suggestions (the rules are in ``domain.progression``)."""

from __future__ import annotations

from isotrack.domain.progression import RED_FLAG_DAYS, Action

PAUSED = f"suggestions paused for {RED_FLAG_DAYS} days"
RED_FLAG_INTRO = (
    "You recorded a warning sign. isotrack has paused its progression suggestions for "
    f"{RED_FLAG_DAYS} days. Please read the notice below and act on it if it applies to you."
)

# What each suggestion asks, in the words the CLI and the report use.
ACTION_WORDS: dict[Action, str] = {
    Action.STEP_UP: "step up",
    Action.HOLD: "hold",
    Action.STEP_BACK: "step back",
    Action.NONE: "no suggestion",
}
