"""Daily commands: the app, today's plan, logging sets, targets, routine."""

from __future__ import annotations

import gc
from typing import Any

from isotrack.commands.base import (
    Context,
    add_json_option,
    command,
    day_arg,
    non_negative_float,
    positive_int,
    print_json,
    safety_reminder,
    whole_number,
)
from isotrack.domain import catalogue
from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.program import Planned
from isotrack.domain.records import MAX_SET_REPS, DayRecord
from isotrack.domain.targets import Target
from isotrack.tracker import Tracker

TYPE_CHECKING = False  # argparse loads with the parser: the app's quick start needs neither
if TYPE_CHECKING:
    import argparse


def register(sub: argparse._SubParsersAction) -> None:
    """Add the daily commands."""
    command(sub, "tui", run_app, "open the app (the default when no command is given)")

    p = command(sub, "today", cmd_today, "show today's plan and what is done", reads=True)
    add_json_option(p)
    p.add_argument("--date", type=day_arg, help="another day (YYYY-MM-DD)")

    p = command(sub, "log", cmd_log, "record one completed set (defaults: the target)")
    p.add_argument("exercise", help="exercise id (see 'isotrack exercises')")
    p.add_argument("--side", choices=("left", "right"), help="side, for sided exercises")
    p.add_argument("--reps", type=whole_number(1, MAX_SET_REPS), help="reps done")
    p.add_argument("--hold", type=non_negative_float, help="seconds held per rep")
    p.add_argument("--date", type=day_arg, help="day the set belongs to (YYYY-MM-DD)")

    p = command(sub, "unlog", cmd_unlog, "remove the day's last set of an exercise")
    p.add_argument("exercise", help="exercise id")
    p.add_argument("--side", choices=("left", "right"), help="only a set on this side")
    p.add_argument("--date", type=day_arg, help="day (YYYY-MM-DD)")

    p = command(sub, "target", cmd_target, "show an exercise's target, or change it from today")
    p.add_argument("exercise", help="exercise id")
    p.add_argument("--sets", type=positive_int, help="sets (per side for sided exercises)")
    p.add_argument("--reps", type=positive_int, help="reps per set")
    p.add_argument("--hold", type=positive_int, help="hold seconds (goal time for max holds)")
    add_json_option(p)

    p = command(sub, "routine", cmd_routine, "show or change the routine (from today on)")
    p.add_argument(
        "--add", nargs="+", action="extend", metavar="ID", default=[], help="exercises to add"
    )
    p.add_argument(
        "--remove",
        nargs="+",
        action="extend",
        metavar="ID",
        default=[],
        help="exercises to remove",
    )

    add_json_option(p)


def run_app(ctx: Context, _args: argparse.Namespace) -> int:
    """Open the Textual app (imported only here).

    Python's cyclic garbage collector pauses until the first frame is on screen: starting
    allocates a lot and frees little, so collecting then is wasted time. What exists by then
    lives as long as the app, so it is frozen out of later collections (shorter pauses).
    """
    # The app takes the day's backup and checks every file after its first frame (in its
    # writer thread); what the first frame shows is read now, so that a main file or a month
    # file of today that cannot be used stops it before the terminal is taken over.
    gc.disable()
    ctx.backup_on_open = ctx.check_on_open = False
    tracker = ctx.tracker
    tracker.today_view(with_suggestions=False)
    from isotrack.ui.app import IsotrackApp

    app = IsotrackApp(tracker, morning_prompt=True)
    app.after_first_frame(collect_again)
    app.run()
    return 0


def collect_again() -> None:
    """Freeze what start-up made and let the garbage collector run again."""
    gc.freeze()
    gc.enable()


def plan_json(tracker: Tracker, record: DayRecord, plan: list[Planned]) -> dict[str, Any]:
    """Today's plan as a JSON-ready dict."""
    exercises = []
    for item in plan:
        ex = item.exercise
        exercises.append(
            {
                "id": ex.id,
                "name": ex.name,
                "target": item.target.as_dict(),
                "sides": list(ex.sides),
                "planned_sets": item.planned_sets,
                "done_sets": item.done_sets(record),
                "sets": [
                    {
                        "side": s.side,
                        "reps": s.reps,
                        "hold": s.hold,
                        "completed": s.completed,
                        "at": s.at.isoformat(),
                    }
                    for s in record.sets
                    if s.exercise == ex.id
                ],
            }
        )
    planned = sum(e["planned_sets"] for e in exercises)
    done = sum(e["done_sets"] for e in exercises)
    return {
        "date": record.day.isoformat(),
        "rest_day": not plan and tracker.program().is_rest_day(record.day),
        "skipped": record.skipped,
        "exercises": exercises,
        "planned_sets": planned,
        "done_sets": done,
        "completion": round(done / planned, 4) if planned else 0.0,
    }


def cmd_today(ctx: Context, args: argparse.Namespace) -> int:
    """Print the plan for today (or --date)."""
    tracker = ctx.tracker
    day = args.date or tracker.today()
    record = tracker.day(day)
    plan = tracker.plan(day)
    data = plan_json(tracker, record, plan)
    safety_reminder(tracker)
    if args.json:
        print_json(data)
        return 0
    print(f"{day:%A %d %B %Y}")
    if record.skipped is not None:
        print(f"Skipped{': ' + record.skipped if record.skipped else ''}")
    if not plan:
        print("Rest day: nothing planned." if data["rest_day"] else "Nothing planned.")
        return 0
    from isotrack.presentation.set_boxes import boxes_text  # (log, the tick, draws none)

    width = max(len(p.exercise.name) for p in plan)
    for item in plan:
        print(
            f"  {item.exercise.name:<{width}}  {item.target.label(item.exercise):<20} "
            f"{boxes_text(item, record)}  {item.done_sets(record)}/{item.planned_sets}"
            f"  ({item.exercise.id})"
        )
    print(f"Done {data['done_sets']} of {data['planned_sets']} sets ({data['completion']:.0%})")
    return 0


def cmd_log(ctx: Context, args: argparse.Namespace) -> int:
    """Record one set."""
    record = ctx.tracker.log_set(args.exercise, args.date, args.side, args.reps, args.hold)
    safety_reminder(ctx.tracker)
    exercise = ctx.tracker.exercise(record.exercise, record.day)
    side = f" ({record.side})" if record.side else ""
    what = (
        f"{record.hold:g} s hold"
        if exercise.mode is Mode.MAX
        else f"{record.reps} × {record.hold:g} s"
    )
    print(f"Logged {exercise.name}{side}: {what} on {record.day.isoformat()}")
    return 0


def cmd_unlog(ctx: Context, args: argparse.Namespace) -> int:
    """Remove the last set of an exercise."""
    tracker = ctx.tracker
    day = args.date or tracker.today()
    removed = tracker.unlog(args.exercise, day, args.side)
    name = tracker.exercise(args.exercise, day).name
    if removed is None:
        print(f"No set of {name} on {day.isoformat()} to remove")
        return 0
    side = f" ({removed.side})" if removed.side else ""
    print(f"Removed the last set of {name}{side} on {day.isoformat()}")
    return 0


def cmd_target(ctx: Context, args: argparse.Namespace) -> int:
    """Show or change a target."""
    tracker = ctx.tracker
    exercise = tracker.exercise(args.exercise)
    if args.sets is None and args.reps is None and args.hold is None:
        target = tracker.program().target_on(exercise.id, tracker.today())
        if args.json:
            print_json({"date": tracker.today().isoformat(), **target_json(exercise, target)})
        elif target is None:
            print(f"{exercise.name}: no target yet (not in your routine)")
        else:
            print(f"{exercise.name}: {target.label(exercise)}")
        return 0
    target = tracker.set_target(exercise.id, sets=args.sets, reps=args.reps, hold=args.hold)
    if args.json:
        print_json({"date": tracker.today().isoformat(), **target_json(exercise, target)})
        return 0
    print(f"{exercise.name}: {target.label(exercise)} from {tracker.today().isoformat()}")
    return 0


def target_json(exercise: Exercise, target: Target | None) -> dict[str, Any]:
    """An exercise's target (null when it has none) as a JSON-ready dict."""
    return {
        "exercise": exercise.id,
        "name": exercise.name,
        "target": None if target is None else target.as_dict(),
        "label": None if target is None else target.label(exercise),
    }


def cmd_routine(ctx: Context, args: argparse.Namespace) -> int:
    """Show or change the routine."""
    tracker = ctx.tracker
    today = tracker.today()
    if args.add or args.remove:
        tracker.edit_routine(tuple(args.add), tuple(args.remove))
    program = tracker.program()
    if args.json:
        print_json(
            {
                "date": today.isoformat(),
                "since": str(program.routine.last_change()),
                "exercises": [
                    target_json(catalogue.get(exercise_id), program.target_on(exercise_id, today))
                    for exercise_id in program.routine_on(today)
                ],
            }
        )
        return 0
    print(f"Routine from {program.routine.last_change()}:")
    for exercise_id in program.routine_on(today):
        exercise = program.exercise(exercise_id, today)
        target = program.target_on(exercise_id, today)
        label = target.label(exercise) if target else ""
        print(f"  {exercise_id:<17} {exercise.name:<28} {label}")
    return 0
