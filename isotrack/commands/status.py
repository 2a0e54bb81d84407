"""status: one short line for a shell prompt, a tmux status bar or starship.

A prompt runs it before every command line, so it must cost next to nothing: :func:`quick`
answers from the status cache through the Tracker's quick window on it (:mod:`isotrack.glance`)
before the rest of the CLI, the Tracker or TinyDB is imported. When the cache is missing or
stale (the first status of a day, or after any write) the normal command works it out through
the tracker and refreshes it.
"""

from __future__ import annotations

import sys
from datetime import datetime

from isotrack.presentation.status_line import (
    PLACEHOLDERS,
    check_template,
    status_json,
    status_line,
)

TYPE_CHECKING = False  # argparse and the command base load only for the full command
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

    from isotrack.commands.base import Context
    from isotrack.domain.status import StatusFacts

HELP = "one short line for a shell prompt (exit 0 done, 1 sets left, 3 rest day)"
FORMAT_HELP = (
    "the line to print, with placeholders in braces: "
    + ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)
    + " (default: 'iso {done}/{planned}{risk}{suggestion}', 'iso rest' on a rest day)"
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add status."""
    from isotrack.commands.base import command

    p = command(sub, "status", cmd_status, HELP, reads=True)
    p.add_argument("--format", metavar="TEMPLATE", help=FORMAT_HELP)
    p.add_argument("--json", action="store_true", help="machine-readable output")


def emit(facts: StatusFacts, template: str | None, as_json: bool) -> int:
    """Print the line (or the JSON) and return the exit code a prompt branches on."""
    if as_json:
        import json

        sys.stdout.write(json.dumps(status_json(facts), indent=2, ensure_ascii=False) + "\n")
    else:
        sys.stdout.write(status_line(facts, template) + "\n")
    return facts.exit_code


def cmd_status(ctx: Context, args: argparse.Namespace) -> int:
    """Work the status out through the tracker (and refresh the cache)."""
    problem = args.format is not None and check_template(args.format)
    if problem:
        print(f"isotrack: {problem}", file=sys.stderr)
        return 2
    ctx.backup_on_open = False  # a prompt never waits for the day's backup
    return emit(ctx.tracker.status(), args.format, args.json)


def quick_args(argv: Sequence[str]) -> dict[str, str | bool | None] | None:
    """``[--data DIR] status [--json] [--format T] [--data DIR]`` as a dict; None for anything
    else (help, a typo), which the full parser then handles."""
    found: dict[str, str | bool | None] = {"data": None, "format": None, "json": False}
    args = iter(argv)
    seen_command = False
    for arg in args:
        name, eq, value = arg.partition("=")
        if arg == "status" and not seen_command:
            seen_command = True
        elif arg == "--json" and seen_command:
            found["json"] = True
        elif name in ("--data", "--format") and (seen_command or name == "--data"):
            found[name[2:]] = value if eq else next(args, None)
            if found[name[2:]] is None:
                return None
        else:
            return None
    return found if seen_command else None


def quick(argv: Sequence[str], now: datetime | None = None) -> int | None:
    """The status from the cache, printed; None when the full command must run instead."""
    args = quick_args(argv)
    if args is None:
        return None
    template = args["format"]
    assert template is None or isinstance(template, str)
    if template is not None and check_template(template):
        return None  # the full command reports it
    from isotrack.glance import cached_status

    data = args["data"]
    if now is None:  # SystemClock.now's reading; isotrack.clock would load typing
        now = datetime.now().astimezone()
    facts = cached_status(data if isinstance(data, str) else None, now)
    if facts is None:
        return None
    return emit(facts, template, bool(args["json"]))
