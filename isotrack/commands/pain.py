"""Pain and progression commands: record a pain score, see and accept suggestions."""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from typing import Any

from isotrack.commands.base import Context, command, day_arg, print_json, whole_number
from isotrack.domain.catalogue import Exercise
from isotrack.domain.progression import RED_FLAG_DAYS, Suggestion, SuggestionSet
from isotrack.domain.records import NOTE_LIMIT, PainEntry, PainKind
from isotrack.domain.safety import SAFETY_NOTICE
from isotrack.domain.thresholds import DISMISS_DAYS
from isotrack.domain.trend import Trend
from isotrack.errors import InvalidInput
from isotrack.presentation.pain_words import RESPONSE_TITLES, RESPONSES, pain_line
from isotrack.presentation.suggestion_words import ACTION_WORDS, PAUSED
from isotrack.presentation.words import capitalised, printable

PAIN_HELP = "record a pain score from 0 (none) to 10 (worst), or list, correct and remove entries"


def register(sub: argparse._SubParsersAction) -> None:
    """Add pain, suggest and accept."""
    p = command(sub, "pain", cmd_pain, PAIN_HELP)
    p.add_argument(
        "score", nargs="?", type=whole_number(0, 10), metavar="SCORE", help="pain from 0 to 10"
    )
    p.add_argument(
        "--kind",
        choices=[k.value for k in PainKind],
        help="morning (on waking), during (worst in the session) or after; "
        "default: the likely one from the time and today's sets",
    )
    p.add_argument("--date", type=day_arg, help="day the score belongs to (YYYY-MM-DD)")
    p.add_argument("--note", help=f"a short note (at most {NOTE_LIMIT} characters)")
    p.add_argument(
        "--red-flag",
        action="store_true",
        help="one of the warning signs in the safety notice "
        f"(pauses suggestions for {RED_FLAG_DAYS} days)",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument("--list", action="store_true", help="list pain entries with their ids")
    which.add_argument("--delete", metavar="ID", help="remove an entry recorded by mistake")
    which.add_argument(
        "--edit", metavar="ID", help="correct an entry (with --score, --kind and/or --note)"
    )
    which.add_argument(
        "--withdraw-red-flag",
        metavar="ID",
        help="withdraw a red flag recorded by mistake (kept in the entry's history; "
        "ends the pause on suggestions)",
    )
    p.add_argument(
        "--days",
        type=whole_number(1, 3660),
        default=7,
        help="with --list: how many days back, today included (default 7)",
    )
    p.add_argument(
        "--score", dest="new_score", type=whole_number(0, 10), help="with --edit: the right score"
    )
    p.add_argument("--json", action="store_true", help="with --list: machine-readable output")

    p = command(sub, "suggest", cmd_suggest, "show the pain trend and today's suggestions")
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = command(sub, "accept", cmd_accept, "accept today's suggestion for an exercise")
    p.add_argument("exercise", help="exercise id")


def plain(markdown: str) -> str:
    """The safety notice's Markdown as plain text for a terminal."""
    text = markdown.replace("**", "")
    return re.sub(r"^_(.*)_$", r"\1", text, flags=re.MULTILINE)


def cmd_pain(ctx: Context, args: argparse.Namespace) -> int:
    """Record a pain score, or list, correct, remove an entry or withdraw its red flag."""
    tracker = ctx.tracker
    if args.list:
        return list_pain(tracker.pain_entries(args.days), args.json)
    if args.delete is not None:
        entry = tracker.delete_pain(args.delete)
        print(f"Removed {entry.kind} pain {entry.score}/10 of {entry.day.isoformat()}")
        return 0
    if args.withdraw_red_flag is not None:
        entry = tracker.withdraw_red_flag(args.withdraw_red_flag, "cli")
        print(
            f"Red flag withdrawn from {entry.kind} pain {entry.score}/10 of "
            f"{entry.day.isoformat()}; the withdrawal is kept with the entry."
        )
        if not tracker.suggestions().red_flag:
            print("Suggestions are no longer paused.")
        return 0
    kind = PainKind(args.kind) if args.kind else None
    if args.edit is not None:
        if args.score is not None or args.red_flag or args.date is not None:
            raise InvalidInput("with --edit, give --score, --kind and/or --note only")
        if args.new_score is None and kind is None and args.note is None:
            raise InvalidInput("--edit needs --score, --kind or --note")
        entry = tracker.edit_pain(args.edit, "cli", score=args.new_score, kind=kind, note=args.note)
        print(f"Corrected: {entry.kind} pain {entry.score}/10 of {entry.day.isoformat()}")
        return 0
    if args.score is None or args.new_score is not None:
        raise InvalidInput("give a SCORE from 0 to 10 (or --list, --edit, --delete)")
    entry = tracker.add_pain(args.score, kind, args.date, args.note or "", args.red_flag)
    flag = " with a red flag" if entry.red_flag else ""
    print(f"Recorded {entry.kind} pain {entry.score}/10{flag} on {entry.day.isoformat()}")
    response = tracker.pain_response(entry)
    if response is not None:
        print(f"\n{RESPONSE_TITLES[response]}.\n{RESPONSES[response]}")
    if entry.red_flag:
        print(f"\n{capitalised(PAUSED)}. Please read this:\n")
        print(plain(SAFETY_NOTICE), end="")
    return 0


def pain_json(entry: PainEntry) -> dict[str, Any]:
    """One pain entry as a JSON-ready dict, with its corrections."""
    return {
        "id": entry.id,
        "day": entry.day.isoformat(),
        "at": entry.at.isoformat(),
        "kind": entry.kind.value,
        "score": entry.score,
        "note": entry.note,
        "red_flag": entry.red_flag,
        "red_flag_withdrawn": entry.withdrawn_red_flag,
        "history": [
            {"at": c.at.isoformat(), "by": c.by, "field": c.field, "from": c.before, "to": c.after}
            for c in entry.history
        ],
    }


def list_pain(entries: list[PainEntry], as_json: bool) -> int:
    """Print pain entries, oldest first: id, day and the entry in a line."""
    if as_json:
        print_json([pain_json(e) for e in entries])
        return 0
    if not entries:
        print("No pain recorded in these days.")
        return 0
    for entry in entries:
        print(f"{entry.id}  {entry.day.isoformat()}  {printable(pain_line(entry))}")
    return 0


def trend_json(trend: Trend) -> dict[str, Any]:
    """The trend's statistics as a JSON-ready dict (numbers null with too few scores)."""
    fields = ("n", "slope_per_day", "s", "var_s", "z", "p_down", "p_up")
    return {**{name: getattr(trend, name) for name in fields}, "direction": trend.direction.value}


def suggestion_json(suggestion: Suggestion, hidden: frozenset[str]) -> dict[str, Any]:
    """One suggestion as a JSON-ready dict; ``offered`` is False for a dismissed change."""
    dismissed = suggestion.exercise in hidden
    return {
        "exercise": suggestion.exercise,
        "action": suggestion.action.value,
        "target": suggestion.target.as_dict() if suggestion.target else None,
        "reason": suggestion.reason,
        "next_exercise": suggestion.next_exercise,
        "dismissed": dismissed,
        "offered": suggestion.actionable and not dismissed,
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


def print_suggestions(
    result: SuggestionSet, hidden: frozenset[str], find: Callable[[str], Exercise]
) -> None:
    """The suggestions in plain words, one exercise per block (statistics: --json only)."""
    print(result.summary)
    if result.red_flag:
        print()
        print(plain(SAFETY_NOTICE), end="")
        return
    for suggestion in result.suggestions:
        name = find(suggestion.exercise).name
        print(f"\n{name} ({suggestion.exercise}): {change_text(suggestion, find)}")
        if suggestion.exercise in hidden:
            print(
                f"  Dismissed; it comes back within {DISMISS_DAYS} days, or sooner if pain "
                "or the evidence changes."
            )
        else:
            print(f"  {printable(suggestion.reason)}")
    if any(s.actionable and s.exercise not in hidden for s in result.suggestions):
        print("\nAccept one with: isotrack accept EXERCISE")


def cmd_suggest(ctx: Context, args: argparse.Namespace) -> int:
    """Show the trend and one suggestion per exercise of today's plan."""
    tracker = ctx.tracker
    result = tracker.suggestions()
    hidden = tracker.hidden(result)
    if args.json:
        print_json(
            {
                "date": tracker.today().isoformat(),
                "trend": trend_json(result.trend),
                "baseline": result.baseline,
                "red_flag": result.red_flag,
                "summary": result.summary,
                "suggestions": [suggestion_json(s, hidden) for s in result.suggestions],
            }
        )
        return 0
    print_suggestions(result, hidden, tracker.program().exercise)
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
