"""Pain and progression commands: record a pain score, see and accept suggestions."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from isotrack.commands.base import Context, command, day_arg, print_json, whole_number
from isotrack.domain.catalogue import Exercise
from isotrack.domain.progression import RED_FLAG_DAYS, Suggestion, SuggestionSet
from isotrack.domain.records import PainKind
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.trend import Trend
from isotrack.presentation.suggestion_words import ACTION_WORDS, PAUSED
from isotrack.presentation.trend_words import trend_statistics
from isotrack.presentation.words import capitalised


def register(sub: argparse._SubParsersAction) -> None:
    """Add pain, suggest and accept."""
    p = command(sub, "pain", cmd_pain, "record a pain score from 0 (none) to 10 (worst)")
    p.add_argument("score", type=whole_number(0, 10), metavar="SCORE", help="pain from 0 to 10")
    p.add_argument(
        "--kind",
        choices=[k.value for k in PainKind],
        help="morning (on waking), during (worst in the session) or after; "
        "default: the likely one from the time and today's sets",
    )
    p.add_argument("--date", type=day_arg, help="day the score belongs to (YYYY-MM-DD)")
    p.add_argument("--note", default="", help="a short note")
    p.add_argument(
        "--red-flag",
        action="store_true",
        help="one of the warning signs in the safety notice "
        f"(pauses suggestions for {RED_FLAG_DAYS} days)",
    )

    p = command(sub, "suggest", cmd_suggest, "show the pain trend and today's suggestions")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = command(sub, "accept", cmd_accept, "accept today's suggestion for an exercise")
    p.add_argument("exercise", help="exercise id")


def plain(markdown: str) -> str:
    """The safety notice's Markdown as plain text for a terminal."""
    text = markdown.replace("**", "")
    return re.sub(r"^_(.*)_$", r"\1", text, flags=re.MULTILINE)


def cmd_pain(ctx: Context, args: argparse.Namespace) -> int:
    """Record a pain score."""
    kind = PainKind(args.kind) if args.kind else None
    entry = ctx.tracker.add_pain(args.score, kind, args.date, args.note, args.red_flag)
    flag = " with a red flag" if entry.red_flag else ""
    print(f"Recorded {entry.kind} pain {entry.score}/10{flag} on {entry.day.isoformat()}")
    if entry.red_flag:
        print(f"{capitalised(PAUSED)}. Please read this:\n")
        print(plain(SAFETY_NOTICE), end="")
    return 0


def trend_json(trend: Trend) -> dict[str, Any]:
    """The trend's statistics as a JSON-ready dict (numbers null with too few scores)."""
    fields = ("n", "slope_per_day", "s", "var_s", "z", "p_down", "p_up")
    return {**{name: getattr(trend, name) for name in fields}, "direction": trend.direction.value}


def suggestion_json(suggestion: Suggestion) -> dict[str, Any]:
    """One suggestion as a JSON-ready dict."""
    return {
        "exercise": suggestion.exercise,
        "action": suggestion.action.value,
        "target": suggestion.target.as_dict() if suggestion.target else None,
        "reason": suggestion.reason,
        "next_exercise": suggestion.next_exercise,
    }


def change_text(suggestion: Suggestion, find: Callable[[str], Exercise]) -> str:
    """What accepting would do, e.g. ``step up to 1 × 7 × 5 s`` (``find``: id → exercise)."""
    words = ACTION_WORDS[suggestion.action]
    exercise = find(suggestion.exercise)
    if suggestion.target is not None:
        return f"{words} to {suggestion.target.label(exercise)}"
    if suggestion.next_exercise is not None:
        return f"add {find(suggestion.next_exercise).name}"
    return words


def print_suggestions(result: SuggestionSet, find: Callable[[str], Exercise]) -> None:
    """The suggestions as text, one exercise per block."""
    print(result.summary)
    print(f"  trend: {result.trend.direction.value} ({trend_statistics(result.trend)})")
    if result.red_flag:
        print()
        print(plain(SAFETY_NOTICE), end="")
        return
    for suggestion in result.suggestions:
        name = find(suggestion.exercise).name
        print(f"\n{name} ({suggestion.exercise}): {change_text(suggestion, find)}")
        print(f"  {suggestion.reason}")
    if any(s.actionable for s in result.suggestions):
        print("\nAccept one with: isotrack accept EXERCISE")


def cmd_suggest(ctx: Context, args: argparse.Namespace) -> int:
    """Show the trend and one suggestion per exercise of today's plan."""
    tracker = ctx.tracker
    result = tracker.suggestions()
    if args.json:
        print_json(
            {
                "date": tracker.today().isoformat(),
                "trend": trend_json(result.trend),
                "red_flag": result.red_flag,
                "summary": result.summary,
                "suggestions": [suggestion_json(s) for s in result.suggestions],
            }
        )
        return 0
    print_suggestions(result, tracker.program().exercise)
    return 0


def cmd_accept(ctx: Context, args: argparse.Namespace) -> int:
    """Accept the suggestion for one exercise."""
    tracker = ctx.tracker
    exercise = tracker.exercise(args.exercise)
    before = tracker.program().target_on(exercise.id, tracker.today())
    accepted = tracker.accept(exercise.id)
    since = tracker.today().isoformat()
    if accepted.target is not None:
        was = f" (was {before.label(exercise)})" if before else ""
        print(f"{exercise.name}: {accepted.target.label(exercise)} from {since}{was}")
    elif accepted.next_exercise is not None:
        added = tracker.exercise(accepted.next_exercise)
        target = tracker.program().target_on(added.id, tracker.today())
        label = f" at {target.label(added)}" if target else ""
        print(f"Added {added.name} to your routine{label} from {since}")
    return 0
