"""Set-up commands: init and config."""

from __future__ import annotations

import argparse
from datetime import date

from isotrack.commands.base import Context, add_json_option, command, print_json
from isotrack.domain.catalogue import ROUTINE_WORDS, ROUTINES
from isotrack.domain.safety import SAFETY_LINE
from isotrack.domain.settings import DESCRIPTIONS, NAMES, InvalidSetting
from isotrack.errors import InvalidInput


def register(sub: argparse._SubParsersAction) -> None:
    """Add init and config."""
    p = command(sub, "init", cmd_init, "set up a data folder without the app (for scripts)")
    p.add_argument("--routine", choices=tuple(ROUTINES), help="routine (default beginner)")
    p.add_argument(
        "--start",
        choices=("gentle", "full"),
        help="gentle (1 set × 5 reps, the default) or the full catalogue target",
    )
    p.add_argument("--day-start", metavar="HH:MM", help="when a new day begins (default 04:00)")
    p.add_argument(
        "--accept-safety-notice",
        action="store_true",
        help="record that you have read the safety notice (see 'isotrack --help'); on a "
        "folder already set up, given alone, it changes nothing else",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="set up again a folder that holds a log (routine and targets change from today)",
    )

    p = command(sub, "config", cmd_config, "show or change settings")
    p.add_argument("key", nargs="?", help=f"one of: {', '.join(NAMES)}")
    p.add_argument("value", nargs="?", help="new value")
    add_json_option(p)


def cmd_init(ctx: Context, args: argparse.Namespace) -> int:
    """Initialise routine, start targets, day start and the safety acknowledgement. A folder
    that holds a log is set up again only with --force (``--accept-safety-notice`` alone
    just records the acknowledgement)."""
    tracker = ctx.tracker
    only_notice = args.routine is None and args.start is None and args.day_start is None
    if tracker.is_set_up() and only_notice and args.accept_safety_notice:
        tracker.acknowledge_safety()
        print("Safety notice recorded as read; routine, targets and settings are unchanged")
        return 0
    months = tracker.months()
    if months and not args.force:
        first = tracker.program().first_day() or date(*months[0], 1)
        raise InvalidInput(
            f"{tracker.root} holds a log since {first.isoformat()}; 'init --force' sets the "
            "routine, targets and day start from today on (logged days keep theirs)"
        )
    routine, start = args.routine or "beginner", args.start or "gentle"
    program = tracker.initialise(routine, start, args.day_start, args.accept_safety_notice)
    today = tracker.today()
    print(f"Set up {ROUTINE_WORDS[routine].name} ({start} start) from {today.isoformat()}:")
    for exercise_id in program.routine_on(today):
        exercise = program.exercise(exercise_id, today)
        target = program.target_on(exercise_id, today)
        print(f"  {exercise.name:<28} {target.label(exercise) if target else ''}")
    if not tracker.safety_acknowledged:
        print(SAFETY_LINE)
        print("The app will show the full safety notice when it first opens.")
    return 0


def cmd_config(ctx: Context, args: argparse.Namespace) -> int:
    """Print all settings, one setting, or change one."""
    tracker = ctx.tracker
    settings = tracker.settings
    if args.key is None:
        if args.json:
            print_json(settings.to_dict())
            return 0
        for key, value in settings.to_dict().items():
            print(f"{key:<15} {_show(value):<14} {DESCRIPTIONS[key]}")
        return 0
    if args.value is None:
        if args.key not in NAMES:
            raise InvalidSetting(f"unknown setting '{args.key}' (valid: {', '.join(NAMES)})")
        value = getattr(settings, args.key)
        print_json({args.key: value}) if args.json else print(_show(value))
        return 0
    if args.key == "theme":
        check_theme(args.value)
    settings = tracker.save_setting(args.key, args.value)
    value = getattr(settings, args.key)
    print_json({args.key: value}) if args.json else print(f"{args.key} = {_show(value)}")
    return 0


def check_theme(name: str) -> None:
    """Refuse a theme the app does not have (Textual is imported only for this)."""
    from textual.theme import BUILTIN_THEMES

    if name not in BUILTIN_THEMES:
        raise InvalidSetting(f"unknown theme '{name}' (valid: {', '.join(sorted(BUILTIN_THEMES))})")


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "on" if value else "off"
    return str(value)
