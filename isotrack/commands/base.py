"""What every command shares: the parsed context, argument types and output helpers."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

from isotrack.clock import Clock
from isotrack.domain.days import parse_day
from isotrack.domain.safety import SAFETY_LINE
from isotrack.errors import DataError
from isotrack.tracker import Tracker

TYPE_CHECKING = False  # argparse loads with the parser: the app's quick start needs neither
if TYPE_CHECKING:
    import argparse

SAFETY_ACK_HINT = "After reading it, run: isotrack init --accept-safety-notice"

Handler = Callable[["Context", "argparse.Namespace"], int]


class Context:
    """The tracker for one command run, opened on first use. (A plain class: every command
    and the app make one, and a dataclass costs half a millisecond to define at import.)"""

    def __init__(self, data: str | None, clock: Clock) -> None:
        self.data = data
        self.clock = clock
        self._tracker: Tracker | None = None
        self.backup_on_open = True  # the app takes the day's backup after its first frame
        self.check_on_open = True  # and checks every file then
        self.reads = False  # a read-only command: a --data folder that is not there is an error

    @property
    def tracker(self) -> Tracker:
        """The tracker over the opened data folder (opened on first use). A read-only
        command does not create a ``--data`` folder that is not there (likely a typo)."""
        if self._tracker is None:
            if self.reads and self.data and not Tracker.folder(self.data).is_dir():
                raise DataError(Tracker.folder(self.data), "no such data folder (check --data)")
            self._tracker = Tracker.open(
                self.data, self.clock, backup=self.backup_on_open, check=self.check_on_open
            )
        return self._tracker


def add_data_option(parser: argparse.ArgumentParser) -> None:
    """Accept ``--data DIR`` after the command name too."""
    from argparse import SUPPRESS

    parser.add_argument(
        "--data",
        metavar="DIR",
        default=SUPPRESS,
        type=folder_arg,
        help="data folder (default: $ISOTRACK_DATA or the user data folder)",
    )


def type_error(message: str) -> Exception:
    """argparse's error for an option value it cannot use (argparse loads with the parser)."""
    from argparse import ArgumentTypeError

    return ArgumentTypeError(message)


def folder_arg(text: str) -> str:
    """argparse type: a folder path; an empty one is a mistake, not the default folder."""
    if not text.strip():
        raise type_error("an empty path is not a folder")
    return text


def command(
    subparsers: argparse._SubParsersAction,
    name: str,
    handler: Handler,
    help_text: str,
    reads: bool = False,
) -> argparse.ArgumentParser:
    """Add a sub-command with the shared options (``reads``: it only reads the data, so it
    never creates a data folder)."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    add_data_option(parser)
    parser.set_defaults(handler=handler, reads=reads)
    return parser


def add_json_option(parser: argparse.ArgumentParser) -> None:
    """``--json``: the command's answer as JSON (the shapes are in docs/json.md)."""
    parser.add_argument(
        "--json", action="store_true", help="machine-readable output (see docs/json.md)"
    )


def safety_reminder(tracker: Tracker) -> None:
    """Until the safety notice is acknowledged: its first line and how to acknowledge it,
    once, on stderr (so JSON on stdout stays clean)."""
    if not tracker.safety_acknowledged:
        print(f"{SAFETY_LINE}\n{SAFETY_ACK_HINT}", file=sys.stderr)


def whole_number(low: int, high: int | None = None) -> Callable[[str], int]:
    """An argparse type for a whole number from ``low`` (to ``high`` when given)."""
    span = f"at least {low}" if high is None else f"from {low} to {high}"

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise type_error(f"'{text}' is not a whole number {span}") from None
        if value < low or (high is not None and value > high):
            raise type_error(f"{value} must be a whole number {span}")
        return value

    return parse


positive_int = whole_number(1)


def non_negative_float(text: str) -> float:
    """argparse type: seconds ≥ 0."""
    try:
        value = float(text)
    except ValueError:
        raise type_error(f"'{text}' is not a number of seconds") from None
    if not 0 <= value <= 3600:
        raise type_error(f"{text} must be between 0 and 3600 seconds")
    return value


def day_arg(text: str) -> date:
    """argparse type: a YYYY-MM-DD date."""
    try:
        return parse_day(text)
    except ValueError as exc:
        raise type_error(str(exc)) from None


def print_json(data: Any) -> None:
    """Print stable, indented JSON."""
    json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")
