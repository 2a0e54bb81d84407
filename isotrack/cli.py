"""Command line: parse arguments, open the data folder, run a command or the app.

Nothing here imports Textual unless the app itself is started, so commands stay fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from isotrack import __version__
from isotrack.clock import Clock, SystemClock
from isotrack.commands import calendar, core, data, pain, serve, setup
from isotrack.commands.base import Context, add_data_option
from isotrack.domain.catalogue import UnknownExercise
from isotrack.domain.days import InvalidDate
from isotrack.domain.schedule import InvalidSchedule
from isotrack.domain.settings import InvalidSetting
from isotrack.domain.targets import InvalidTarget
from isotrack.store.errors import DataError
from isotrack.tracker import InvalidInput

COMMAND_MODULES = (core, setup, calendar, pain, data, serve)

BAD_INPUT = (
    UnknownExercise,
    InvalidTarget,
    InvalidDate,
    InvalidSetting,
    InvalidSchedule,
    InvalidInput,
)


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports errors in one line instead of usage + message."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see --help)")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = Parser(
        prog="isotrack",
        description="A calm terminal companion for a daily isometric lower-back routine. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"isotrack {__version__}")
    add_data_option(parser)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    for module in COMMAND_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 runtime failure, 2 bad usage or input)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    ctx = Context(getattr(args, "data", None), clock or SystemClock())
    handler = getattr(args, "handler", None) or core.run_app
    try:
        return handler(ctx, args)
    except BAD_INPUT as exc:
        print(f"isotrack: {exc}", file=sys.stderr)
        return 2
    except DataError as exc:
        print(f"isotrack: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
