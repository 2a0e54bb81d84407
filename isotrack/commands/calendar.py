"""Calendar commands: the year heatmap, streaks, skipping days, the schedule, demo data."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from collections.abc import Mapping
from datetime import date
from itertools import islice

from isotrack.cli import terminal_columns
from isotrack.commands.base import (
    Context,
    command,
    day_arg,
    positive_int,
    print_json,
    whole_number,
)
from isotrack.domain.schedule import DAY_NAMES, Schedule
from isotrack.domain.streaks import RATE_WINDOW_DAYS, DayStatus, StreakStats
from isotrack.errors import InvalidInput
from isotrack.presentation import calendar_marks as marks
from isotrack.presentation.heatmap import year_grid
from isotrack.presentation.words import plural
from isotrack.tracker import DATA_ENV_VAR

# 256-colour ANSI codes: a grey empty day, a green ramp for levels 1–4, muted marks.
ANSI: dict[marks.Mark, str] = {
    marks.Mark.LEVEL_0: "38;5;239",
    marks.Mark.LEVEL_1: "38;5;22",
    marks.Mark.LEVEL_2: "38;5;28",
    marks.Mark.LEVEL_3: "38;5;34",
    marks.Mark.LEVEL_4: "38;5;40",
    marks.Mark.REST: "38;5;244",
    marks.Mark.SKIPPED: "38;5;179",
    marks.Mark.TODAY: "1;38;5;45",
    marks.Mark.BEFORE: "38;5;237",
    marks.Mark.FUTURE: "38;5;242",
}
DEMO_YEARS_MAX = 30
PIPE_WIDTH = 80  # output to a file or pipe: one character per day, the whole year
YEARS = (1900, 9998)  # years a calendar can show (the grid pads into the years around)


def register(sub: argparse._SubParsersAction) -> None:
    """Add calendar, streak, skip, unskip, schedule and demo."""
    p = command(sub, "calendar", cmd_calendar, "print a year as a heatmap of done days", reads=True)
    p.add_argument(
        "--year", type=whole_number(*YEARS), help="the year to show (default: this year)"
    )

    p = command(
        sub, "streak", cmd_streak, "current and longest streak and the 30-day rate", reads=True
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")

    p = command(sub, "skip", cmd_skip, "mark a day skipped (it does not break your streak)")
    p.add_argument("--date", type=day_arg, help="the day (YYYY-MM-DD; default today)")
    p.add_argument(
        "--reason", help="why, in a few words (optional; a day skipped already keeps its reason)"
    )

    p = command(sub, "unskip", cmd_unskip, "clear a day's skipped mark")
    p.add_argument("--date", type=day_arg, help="the day (YYYY-MM-DD; default today)")

    p = command(sub, "schedule", cmd_schedule, "show or set the training days (from today on)")
    p.add_argument("days", nargs="?", help="daily, or weekdays such as mon,wed,fri")

    p = command(sub, "demo", cmd_demo, "fill an empty data folder with a made-up history")
    p.add_argument("--years", type=positive_int, default=1, help="years of history (default 1)")
    p.add_argument("--seed", type=int, default=0, help="random seed (same seed, same history)")
    p.add_argument(
        "--accept-safety-notice",
        action="store_true",
        help="record the safety notice as read (for scripts and benchmarks)",
    )


# -- calendar -------------------------------------------------------------------------------


def use_colour() -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (no-color.org)."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def heatmap_lines(
    year: int,
    statuses: Mapping[date, DayStatus],
    today: date,
    week_start: int = 0,
    width: int = 80,
    colour: bool = False,
) -> list[str]:
    """The year as text: a month line, seven weekday rows and a legend.

    Cells are two characters wide when ``width`` allows, else one; a year wider than
    ``width`` shows the week columns up to today's (or the year's end).
    """
    grid = year_grid(year, week_start)
    glyphs = marks.COLOUR_GLYPHS if colour else marks.PLAIN_GLYPHS
    columns = len(grid.weeks)
    cell = 2 if marks.LABEL_WIDTH + 2 * columns <= width else 1
    shown = max(1, min(columns, (width - marks.LABEL_WIDTH) // cell))
    last = columns - 1
    if shown < columns and today.year == year:
        last = next(c for c, week in enumerate(grid.weeks) if today in week)
    first = max(0, min(last - shown + 1, columns - shown))

    def paint(mark: marks.Mark, text: str) -> str:
        return f"\x1b[{ANSI[mark]}m{text}\x1b[0m" if colour else text

    lines = [" " * marks.LABEL_WIDTH + marks.month_line(grid, first, shown, cell).rstrip()]
    for row, label in enumerate(marks.weekday_labels(week_start)):
        cells = []
        for week in islice(grid.weeks, first, first + shown):
            day = week[row]
            if day is None:
                cells.append(" " * cell)
                continue
            mark = marks.mark_for(statuses[day], today)
            cells.append(paint(mark, glyphs[mark]) + " " * (cell - 1))
        lines.append((label + "".join(cells)).rstrip())
    levels = "".join(paint(m, glyphs[m]) for m in marks.LEVELS)
    scale = f"{marks.LEGEND_LESS} {levels} {marks.LEGEND_MORE}"
    keys = "  ".join(f"{paint(m, glyphs[m])} {text}" for m, text in marks.LEGEND)
    one_line = len(marks.LEGEND_LESS + marks.LEGEND_MORE) + 7
    one_line += sum(len(t) + 4 for _, t in marks.LEGEND)
    legend = [f"{scale}  {keys}"] if marks.LABEL_WIDTH + one_line <= width else [scale, keys]
    return [*lines, "", *(" " * marks.LABEL_WIDTH + line for line in legend)]


def streak_line(stats: StreakStats) -> str:
    """One line: current and longest streak and the 30-day rate."""
    rate = "–" if stats.rate_30d is None else f"{stats.rate_30d:.0%}"
    return (
        f"streak {plural(stats.current, 'day')} · longest {plural(stats.longest, 'day')} · "
        f"last {RATE_WINDOW_DAYS} days {rate} · {stats.done_days} done"
    )


def cmd_calendar(ctx: Context, args: argparse.Namespace) -> int:
    """Print one year as a heatmap."""
    tracker = ctx.tracker
    today = tracker.today()
    year = args.year or today.year
    statuses = tracker.year_statuses(year)
    week_start = marks.week_start_number(tracker.settings.week_start)
    width = terminal_columns() if sys.stdout.isatty() else PIPE_WIDTH
    print(f"{year}  ·  {streak_line(tracker.streak_stats())}")
    lines = heatmap_lines(year, statuses, today, week_start, width, use_colour())
    print("\n".join(lines))
    return 0


# -- streak ---------------------------------------------------------------------------------


def cmd_streak(ctx: Context, args: argparse.Namespace) -> int:
    """Print the streak figures."""
    tracker = ctx.tracker
    stats = tracker.streak_stats()
    if args.json:
        print_json(
            {
                "date": tracker.today().isoformat(),
                "current": stats.current,
                "longest": stats.longest,
                "done_days": stats.done_days,
                "rate_30d": None if stats.rate_30d is None else round(stats.rate_30d, 4),
            }
        )
        return 0
    if stats.rate_30d is None:
        rate = "no training days yet"
    else:
        rate = f"{stats.rate_30d:.0%} of planned sets"
    print(f"Current streak  {plural(stats.current, 'day')}")
    print(f"Longest streak  {plural(stats.longest, 'day')}")
    print(f"Done days       {stats.done_days}")
    print(f"{f'Last {RATE_WINDOW_DAYS} days':<15} {rate}")
    return 0


# -- skip, unskip, schedule -------------------------------------------------------------


def cmd_skip(ctx: Context, args: argparse.Namespace) -> int:
    """Mark a day skipped."""
    record = ctx.tracker.skip(args.date, args.reason)
    why = f" ({record.skipped})" if record.skipped else ""
    print(f"Marked {record.day.isoformat()} as skipped{why}; it does not break your streak")
    return 0


def cmd_unskip(ctx: Context, args: argparse.Namespace) -> int:
    """Clear a skipped mark."""
    tracker = ctx.tracker
    day = args.date or tracker.today()
    if tracker.unskip(day):
        print(f"{day.isoformat()} is no longer marked skipped")
    else:
        print(f"{day.isoformat()} was not marked skipped")
    return 0


def cmd_schedule(ctx: Context, args: argparse.Namespace) -> int:
    """Show or set the training weekdays."""
    tracker = ctx.tracker
    today = tracker.today()
    if args.days is not None:
        tracker.set_schedule(Schedule.parse(args.days))
    program = tracker.program()
    schedule = program.schedule.at(today) or Schedule()
    names = ", ".join(DAY_NAMES[d].title() for d in sorted(schedule.days))
    since = program.schedule.last_change()
    print(f"Training days from {since}: {'every day' if len(schedule.days) == 7 else names}")
    if len(schedule.days) < 7:
        upcoming = islice(schedule.rule(today), 3)
        print("Other days are rest days. Next: " + ", ".join(f"{d:%a %d %b}" for d in upcoming))
    return 0


# -- demo -----------------------------------------------------------------------------------


def cmd_demo(ctx: Context, args: argparse.Namespace) -> int:
    """Fill an empty folder with a seeded synthetic history."""
    if not ctx.data and not os.environ.get(DATA_ENV_VAR):
        raise InvalidInput("demo needs --data DIR (it never fills your own data folder)")
    if args.years > DEMO_YEARS_MAX:
        raise InvalidInput(f"--years must be at most {DEMO_YEARS_MAX}")
    tracker = ctx.tracker
    program, count = tracker.fill_demo(args.years, args.seed, args.accept_safety_notice)
    stats = tracker.streak_stats()
    print(
        f"Wrote {count} days of made-up history ({program.first_day()} to {tracker.today()}) "
        f"into {tracker.root}"
    )
    print(streak_line(stats).capitalize())
    print(f"Open it with: isotrack --data {shlex.quote(str(tracker.root))}")
    print("It is practice data to explore: start a fresh folder for your own log.")
    return 0
