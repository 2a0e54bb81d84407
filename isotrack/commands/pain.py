"""Pain and progression commands: record a pain score, see and accept suggestions."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from isotrack.commands.base import Context, command, day_arg, print_json, whole_number
from isotrack.domain.catalogue import Exercise
from isotrack.domain.progression import Action, Suggestion, SuggestionSet
from isotrack.domain.records import PainKind
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.trend import Trend

ACTION_WORDS = {
    Action.STEP_UP: "step up",
    Action.HOLD: "hold",
    Action.STEP_BACK: "step back",
    Action.NONE: "no suggestion",
}


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
        help="one of the warning signs in the safety notice (pauses suggestions for 14 days)",
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
        print("Suggestions are paused for 14 days. Please read this:\n")
        print(plain(SAFETY_NOTICE), end="")
    return 0


def trend_json(trend: Trend) -> dict[str, Any]:
    """The trend's statistics as a JSON-ready dict (numbers null with too few scores)."""
    return {
        "n": trend.n,
        "slope_per_day": trend.slope_per_day,
        "s": trend.s,
        "var_s": trend.var_s,
        "z": trend.z,
        "p_down": trend.p_down,
        "p_up": trend.p_up,
        "direction": trend.direction.value,
    }


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


def p_value(p: float) -> str:
    """A p-value to three places (``< 0.001`` and ``> 0.999`` at the ends)."""
    return "< 0.001" if p < 0.001 else "> 0.999" if p > 0.999 else f"{p:.3f}"


def trend_numbers(trend: Trend) -> str:
    """The trend's statistics in one short line."""
    if trend.slope_per_day is None or trend.z is None or trend.p_down is None:
        scores = "score" if trend.n == 1 else "scores"
        return f"{trend.n} morning {scores} in the last 14 days"
    assert trend.p_up is not None
    return (
        f"{trend.n} morning scores; Theil–Sen slope {trend.slope_per_day:+.2f}/day; "
        f"Mann–Kendall S {trend.s}, z {trend.z:+.2f}, "
        f"p(fall) {p_value(trend.p_down)}, p(rise) {p_value(trend.p_up)}"
    )


def print_suggestions(result: SuggestionSet, find: Callable[[str], Exercise]) -> None:
    """The suggestions as text, one exercise per block."""
    print(result.summary)
    print(f"  trend: {result.trend.direction.value} ({trend_numbers(result.trend)})")
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
