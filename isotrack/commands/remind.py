"""remind: a desktop notification when today's routine is not done, and its daily schedule."""

from __future__ import annotations

import argparse
import os
import sys

from isotrack.commands.base import Context, command
from isotrack.domain.days import InvalidDate, parse_clock_time
from isotrack.presentation.status_line import reminder
from isotrack.tracker import DATA_ENV_VAR

DEFAULT_AT = "19:00"
HELP = "a desktop notification when today's sets are not done (prints it where none can show)"


def clock_time(text: str) -> str:
    """argparse type: a time of day as HH:MM."""
    try:
        return parse_clock_time(text).strftime("%H:%M")
    except InvalidDate as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add remind."""
    p = command(sub, "remind", cmd_remind, HELP)
    p.add_argument(
        "--at",
        type=clock_time,
        metavar="HH:MM",
        help=f"with --install: the time of day to remind (default {DEFAULT_AT})",
    )
    which = p.add_mutually_exclusive_group()
    which.add_argument(
        "--install",
        action="store_true",
        help="remind every day: a systemd user timer, or the crontab line to add",
    )
    which.add_argument("--uninstall", action="store_true", help="remove the daily reminder")


def cmd_remind(ctx: Context, args: argparse.Namespace) -> int:
    """Remind now, or install or remove the daily reminder."""
    if args.at is not None and not args.install:
        print("isotrack: remind: --at goes with --install (see --help)", file=sys.stderr)
        return 2
    if args.install or args.uninstall:
        from isotrack.desktop import timer

        data = ctx.data or os.environ.get(DATA_ENV_VAR)
        outcome = timer.install(args.at or DEFAULT_AT, data) if args.install else timer.uninstall()
        print("\n".join(outcome.lines))
        return 0 if outcome.ok else 1
    message = reminder(ctx.tracker.status())
    if message is None:
        print("Nothing to remind you of: today is done (or a rest day).")
        return 0
    from isotrack.desktop.notify import notify

    if not notify(message):
        print(message)
    return 0
