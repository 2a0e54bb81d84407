"""Exercise commands: list every exercise; add, edit and remove the user's own."""

from __future__ import annotations

import argparse
from typing import Any

from isotrack.commands.base import Context, add_data_option, command, print_json
from isotrack.commands.exercise_ids import FLAG, print_ids
from isotrack.domain.catalogue import Exercise, Mode
from isotrack.domain.custom import ExerciseSpec, InvalidExercise
from isotrack.domain.targets import catalogue_target

MODES = {"hold": Mode.FIXED, "max": Mode.MAX}


def whole(text: str) -> int:
    """argparse type: any whole number (the exercise's rules say which are allowed)."""
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``exercises`` and ``exercise add|edit|remove``."""
    p = command(
        sub, "exercises", cmd_exercises, "list the built-in exercises and your own", reads=True
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument(FLAG, action="store_true", help=argparse.SUPPRESS)  # for shell completion

    p = command(sub, "exercise", cmd_exercise, "add, change or remove an exercise of your own")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = actions.add_parser("add", help="a new exercise (its id is made from the name)")
    add.add_argument("name", help='up to 40 characters, e.g. "Glute bridge hold"')
    edit = actions.add_parser("edit", help="change an exercise of yours from today on")
    edit.add_argument("id", help="its id (see 'isotrack exercises')")
    edit.add_argument("--name", help="a new name (the id stays)")
    remove = actions.add_parser(
        "remove", help="delete an exercise of yours (refused once a set of it is logged)"
    )
    remove.add_argument("id", help="its id")
    for parser in (add, edit):
        parser.add_argument("--mode", choices=tuple(MODES), help="a fixed hold or a max hold")
        parser.add_argument(
            "--sides",
            action=argparse.BooleanOptionalAction,
            default=None,
            help="done on the left and the right, each side its own set",
        )
        parser.add_argument("--sets", type=whole, help="top target: sets (per side), 1-10")
        parser.add_argument("--reps", type=whole, help="top target: reps per set, 1-50")
        parser.add_argument("--hold", type=whole, help="top target: seconds per hold, 1-600")
        parser.add_argument("--goal", type=whole, help="max hold: the goal in seconds, 1-600")
        parser.add_argument(
            "--cue",
            action="extend",
            nargs="+",
            metavar="TEXT",
            help="one to three cue lines (each its own argument)",
        )
        parser.add_argument("--next", metavar="ID", help="the exercise to suggest after its top")
    edit.add_argument("--no-next", action="store_true", help="suggest nothing after its top")
    for parser in (add, edit, remove):
        add_data_option(parser)
        parser.set_defaults(handler=cmd_exercise)


def spec_from(args: argparse.Namespace, current: Exercise | None) -> ExerciseSpec:
    """The definition typed on the command line; InvalidExercise for options that clash."""
    mode = MODES[args.mode] if args.mode else (current.mode if current else Mode.FIXED)
    if mode is Mode.MAX and args.hold is not None:
        raise InvalidExercise("a max hold has a goal time: use --goal, not --hold")
    if mode is Mode.FIXED and args.goal is not None:
        raise InvalidExercise("--goal is for a max hold (--mode max); use --hold")
    if getattr(args, "no_next", False) and args.next:
        raise InvalidExercise("give --next or --no-next, not both")
    return ExerciseSpec(
        name=args.name,
        mode=mode,
        sided=args.sides,
        sets=args.sets,
        reps=args.reps,
        hold=args.goal if mode is Mode.MAX else args.hold,
        cues=tuple(args.cue) if args.cue is not None else None,
        next=args.next,
        clear_next=getattr(args, "no_next", False),
    )


def cmd_exercise(ctx: Context, args: argparse.Namespace) -> int:
    """Add, edit or remove an own exercise."""
    tracker = ctx.tracker
    if args.action == "add":
        exercise = tracker.add_exercise(spec_from(args, None))
        print(f"Added {exercise.name} ({exercise.id}): top target {top(exercise)}")
        print(f"Put it in your routine with: isotrack routine --add {exercise.id}")
    elif args.action == "edit":
        exercise = tracker.edit_exercise(args.id, spec_from(args, tracker.exercise(args.id)))
        print(f"Changed {exercise.name} ({exercise.id}) from {tracker.today().isoformat()}")
        print(f"  top target {top(exercise)}; past days keep what they had")
    else:
        exercise = tracker.remove_exercise(args.id)
        print(f"Removed {exercise.name} ({exercise.id})")
    return 0


def top(exercise: Exercise) -> str:
    """The full (top) target as text."""
    return catalogue_target(exercise).label(exercise)


def exercise_data(exercise: Exercise) -> dict[str, Any]:
    """One exercise for --json."""
    return {
        "id": exercise.id,
        "name": exercise.name,
        "own": exercise.custom,
        "mode": "max" if exercise.mode is Mode.MAX else "hold",
        "sides": list(exercise.sides),
        "target": catalogue_target(exercise).as_dict(),
        "cues": list(exercise.cue_lines),
        "next": exercise.next,
    }


def cmd_exercises(ctx: Context, args: argparse.Namespace) -> int:
    """Print every exercise, built-in ones first, own ones marked (``--ids``: the ids alone,
    read without opening the folder; usually answered before the CLI loads)."""
    if args.ids:
        return print_ids(ctx.data)
    exercises = ctx.tracker.exercises()
    if args.json:
        print_json({"exercises": [exercise_data(e) for e in exercises]})
        return 0
    width = max(len(e.id) for e in exercises)
    for exercise in exercises:
        mark = "  (your own)" if exercise.custom else ""
        print(f"{exercise.id:<{width}}  {exercise.name}{mark}")
        print(f"{'':<{width}}  {top(exercise)}" + ("  top target" if exercise.custom else ""))
        for line in exercise.cue_lines:
            print(f"{'':<{width}}  {line}")
        if exercise.equipment != "none":
            print(f"{'':<{width}}  needs: {exercise.equipment}")
        if exercise.note:
            print(f"{'':<{width}}  {exercise.note}")
    return 0
