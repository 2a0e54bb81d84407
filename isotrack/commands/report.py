"""The report command: a summary of exercise and pain for a physiotherapist."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from isotrack.commands.base import Context, command, day_arg, whole_number

MAX_WEEKS = 520
HELP = "write a report of your exercise and pain to show a physiotherapist"


def register(sub: argparse._SubParsersAction) -> None:
    """Add report."""
    p = command(sub, "report", cmd_report, HELP)
    period = p.add_mutually_exclusive_group()
    period.add_argument(
        "--weeks",
        type=whole_number(1, MAX_WEEKS),
        help="the last N weeks, ending on --to or today (default 6)",
    )
    period.add_argument("--from", dest="start", type=day_arg, help="first day (YYYY-MM-DD)")
    p.add_argument("--to", dest="end", type=day_arg, help="last day (YYYY-MM-DD; default today)")
    p.add_argument(
        "--format",
        choices=("html", "md"),
        help="html (a page to open or print; the default) or md (Markdown tables)",
    )
    p.add_argument(
        "--output",
        metavar="FILE",
        help="where to write it, - for the screen (default: a file named by the dates "
        "in the current folder)",
    )


def cmd_report(ctx: Context, args: argparse.Namespace) -> int:
    """Write the report and say where."""
    from isotrack.domain.report import period
    from isotrack.presentation.calendar_marks import week_start_number
    from isotrack.report.files import file_name, format_for, render

    tracker = ctx.tracker
    start, end = period(tracker.today(), args.weeks, args.start, args.end)
    fmt = format_for(args.output, args.format)
    week_start = week_start_number(tracker.settings.week_start)
    text = render(tracker.report_data(start, end), fmt, week_start)
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = tracker.save_report(Path(args.output or file_name(start, end, fmt)), text)
    print(f"Wrote the report for {start.isoformat()} to {end.isoformat()} to {path}")
    if fmt == "html":
        print("Open it in a web browser to read or print it.")
    return 0
