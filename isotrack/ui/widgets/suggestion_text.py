"""How suggestions read on Today: a mark in the exercise's row, a block at the top of the cue
panel for the highlighted exercise, and a one-line summary."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.content import Content

from isotrack.domain.catalogue import Exercise
from isotrack.domain.progression import Action, Suggestion, SuggestionSet
from isotrack.domain.thresholds import DISMISS_DAYS
from isotrack.presentation.suggestion_words import PAUSED
from isotrack.presentation.trend_words import trend_summary
from isotrack.presentation.words import capitalised, plural

MARKS: dict[Action, tuple[str, str]] = {
    Action.STEP_UP: ("▲ up", "bold $success"),
    Action.STEP_BACK: ("▼ back", "bold $warning"),
}
NEW_MARK = ("+ new", "bold $accent")
CUE_MARKS: dict[Action, tuple[str, str]] = {
    Action.STEP_UP: ("▲ ", "bold green"),
    Action.STEP_BACK: ("▼ ", "bold yellow"),
}


def change_words(suggestion: Suggestion, find: Callable[[str], Exercise]) -> str:
    """What accepting does, e.g. ``step up to 1 × 7 × 5 s`` or ``add Superman``
    (``find`` looks an exercise up by id, the user's own among them)."""
    exercise = find(suggestion.exercise)
    if suggestion.next_exercise is not None:
        return f"add {find(suggestion.next_exercise).name} to your routine"
    word = "step up" if suggestion.action is Action.STEP_UP else "step back"
    assert suggestion.target is not None
    return f"{word} to {suggestion.target.label(exercise)}"


def row_mark(suggestion: Suggestion | None, dismissed: bool) -> Content:
    """The short mark after an exercise's boxes (empty unless there is a change to accept)."""
    if suggestion is None or dismissed or not suggestion.actionable:
        return Content("")
    text, style = NEW_MARK if suggestion.next_exercise else MARKS[suggestion.action]
    return Content.assemble("  ", (text, style))


def cue_block(
    suggestion: Suggestion | None, dismissed: bool, find: Callable[[str], Exercise]
) -> Text:
    """The highlighted exercise's suggestion with its reason, for the top of the cue panel;
    empty when there is nothing to accept."""
    block = Text()
    if suggestion is None or dismissed or not suggestion.actionable:
        return block
    mark, style = CUE_MARKS[suggestion.action]
    words = change_words(suggestion, find)
    block.append(mark + words[:1].upper() + words[1:] + ": ", style)
    block.append(suggestion.reason + "\n")  # a and d are in the footer while it shows
    return block


def cue_note(suggestion: Suggestion | None, dismissed: bool) -> Text:
    """Why the target stays (a hold, or a dismissed change), for the bottom of the cue panel."""
    note = Text()
    if suggestion is None or suggestion.action is Action.NONE:
        return note
    if dismissed:
        note.append(
            f"\n\nSuggestion dismissed; it comes back within {DISMISS_DAYS} days, or sooner "
            "if pain or the evidence changes.",
            "dim",
        )
    elif not suggestion.actionable:
        note.append("\n\nKeep this target: ", "dim bold")
        note.append(suggestion.reason[:1].lower() + suggestion.reason[1:], "dim")
    return note


def summary_line(result: SuggestionSet | None, hidden: frozenset[str]) -> Content:
    """One line under the progress bar: the trend and the changes waiting to be accepted."""
    if result is None:
        return Content("")
    if result.red_flag:
        return Content.assemble(
            (f"⚠ Warning sign recorded: {PAUSED}", "bold $warning"),
            ("  ·  ? safety notice", "$text-muted"),
        )
    waiting = [s for s in result.suggestions if s.actionable and s.exercise not in hidden]
    ups = sum(s.action is Action.STEP_UP for s in waiting)
    backs = len(waiting) - ups
    changes = [f"{plural(n, 'step')} {word}" for n, word in ((ups, "up"), (backs, "back")) if n]
    words = capitalised(trend_summary(result.trend))
    if not changes:
        return Content.styled(f"{words}  ·  no change suggested", "dim")
    return Content.assemble(
        (words, "$text-muted"),
        ("  ·  suggested: ", "$text-muted"),
        (", ".join(changes), "bold"),
    )
