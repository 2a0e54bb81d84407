"""completions: shell completion scripts generated from the command-line parser itself.

shtab reads the argparse parser, so the scripts follow every command and option as they are
defined; exercise ids are offered wherever a command takes one. shtab is imported only here,
so the other commands pay nothing for it.
"""

from __future__ import annotations

import argparse
import sys

from isotrack.commands.base import Context, command
from isotrack.domain import catalogue

SHELLS = ("bash", "zsh", "fish")
EXERCISE_DESTS = {"exercise", "add", "remove"}  # arguments that take exercise ids
FILE_DESTS = {"file", "output"}


def register(sub: argparse._SubParsersAction) -> None:
    """Add completions."""
    p = command(sub, "completions", cmd_completions, "print a shell completion script")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def completion_parser() -> argparse.ArgumentParser:
    """Every command's parser, marked up for completion: exercise ids where one is taken,
    folders for ``--data``, files for ``import`` and ``--output``."""
    import shtab

    from isotrack.cli import build_parser

    parser = build_parser()
    ids = [exercise.id for exercise in catalogue.CATALOGUE]
    parsers = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            parsers += action.choices.values()
    for each in parsers:
        for action in each._actions:
            if action.dest in EXERCISE_DESTS and action.choices is None:
                action.choices = ids
            elif action.dest == "data":
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
            elif action.dest in FILE_DESTS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return parser


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    import shtab

    return shtab.complete(completion_parser(), shell=shell)


def cmd_completions(_ctx: Context, args: argparse.Namespace) -> int:
    """Print the script (nothing is read from the data folder)."""
    sys.stdout.write(script(args.shell).rstrip("\n") + "\n")
    return 0
