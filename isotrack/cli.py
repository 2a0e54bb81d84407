"""Command line: parse arguments, open the data folder, run a command or the app.

Nothing here imports Textual unless the app itself is started, and running a command imports
only the module that holds it, so commands start about as fast as Python itself.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Sequence
from typing import Any

from isotrack import __version__
from isotrack.clock import Clock, SystemClock
from isotrack.commands.base import Context, add_data_option
from isotrack.commands.running import run_handler, with_stripped_output

# Modules under isotrack.commands, in the order help lists their commands, and which module
# registers each command (tests/test_fast_paths.py checks this against the modules).
COMMAND_MODULES = (
    "core",
    "exercise",
    "status",
    "setup",
    "calendar",
    "pain",
    "report",
    "data",
    "serve",
    "remind",
    "completions",
)
COMMANDS: dict[str, str] = {
    **dict.fromkeys(("tui", "today", "log", "unlog", "target", "routine"), "core"),
    **dict.fromkeys(("exercises", "exercise"), "exercise"),
    **dict.fromkeys(("init", "config"), "setup"),
    **dict.fromkeys(("calendar", "streak", "skip", "unskip", "schedule", "demo"), "calendar"),
    **dict.fromkeys(("pain", "suggest", "accept"), "pain"),
    "report": "report",
    **dict.fromkeys(("doctor", "export", "import"), "data"),
    "serve": "serve",
    "status": "status",
    "remind": "remind",
    "completions": "completions",
}


class UsageError(Exception):
    """Bad command-line usage (exit 2)."""


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size`` finds it ($COLUMNS, the terminal
    on stdout, else 80), without importing shutil and the compression modules it loads."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or 80


class Formatter(argparse.HelpFormatter):
    """argparse's help formatter, sized by :func:`terminal_columns`."""

    def __init__(self, prog: str) -> None:
        super().__init__(prog, width=terminal_columns() - 2)


class Parser(argparse.ArgumentParser):
    """An ArgumentParser that reports errors in one line instead of usage + message."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", Formatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{self.prog}: {message} (see --help)")


def command_name(argv: Sequence[str]) -> str | None:
    """The command word in ``argv``: the first argument that is neither an option nor the
    value of ``--data``."""
    args = iter(argv)
    for arg in args:
        if arg == "--data":
            next(args, None)
        elif arg == "--":
            return next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def plan_for(argv: Sequence[str]) -> tuple[tuple[str, ...], str | None]:
    """What to build to parse ``argv``: the command modules to import and the one command to
    build a parser for (None: all of theirs). Only the command's module and parser (the
    app's when no command is given); everything for help or a word that is no command."""
    command = command_name(argv)
    if {"-h", "--help"} & set(argv) or (command is not None and command not in COMMANDS):
        return COMMAND_MODULES, None
    command = command or "tui"
    return (COMMANDS[command],), command


class _OneCommand:
    """Stands in for argparse's sub-command action so that a module's ``register`` builds the
    parser of one command only (building them all is most of a quick command's own time)."""

    def __init__(self, subparsers: argparse._SubParsersAction, name: str) -> None:
        self.subparsers = subparsers
        self.name = name

    def add_parser(self, name: str, **kwargs: Any) -> Any:
        """The real parser for the command being run, a do-nothing stand-in for the others."""
        return self.subparsers.add_parser(name, **kwargs) if name == self.name else _Unused()


class _Unused:
    """A parser that is never used: every call does nothing and returns it again."""

    def __getattr__(self, _name: str) -> Callable[..., _Unused]:
        return lambda *_args, **_kwargs: self


def build_parser(
    modules: Sequence[str] = COMMAND_MODULES, only: str | None = None
) -> argparse.ArgumentParser:
    """The argument parser with the commands of ``modules`` (by default all of them), or just
    the command ``only``."""
    parser = Parser(
        prog="isotrack",
        description="A calm terminal companion for a daily isometric lower-back routine. "
        "Run without a command to open the app.",
    )
    parser.add_argument("--version", action="version", version=f"isotrack {__version__}")
    add_data_option(parser)
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    target = subparsers if only is None else _OneCommand(subparsers, only)
    for name in modules:
        importlib.import_module(f"isotrack.commands.{name}").register(target)
    return parser


def main(argv: Sequence[str] | None = None, clock: Clock | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 runtime failure, 2 bad usage or input).

    Everything printed goes through a control-character strip: notes, reasons and paths are
    untrusted text and must not reach the terminal as escape sequences.
    """
    return with_stripped_output(lambda: _main(argv, clock))


def _main(argv: Sequence[str] | None, clock: Clock | None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(*plan_for(argv))
    try:
        args = parser.parse_args(argv)
    except UsageError as exc:
        print(exc, file=sys.stderr)
        return 2
    ctx = Context(getattr(args, "data", None), clock or SystemClock())
    ctx.reads = getattr(args, "reads", False)
    handler = getattr(args, "handler", None)
    if handler is None:  # no command: open the app
        from isotrack.commands.core import run_app as handler
    return run_handler(handler, ctx, args)


def run() -> None:
    """The ``isotrack`` program: :func:`main`, then exit with its code. Freezing every object
    first spares Python's final garbage collections, a tenth of a quick command's time. When
    nothing else is left to run, the process then ends at once, its output flushed: every
    write it acknowledged is already on disk, and taking down each module it loaded one by
    one cost a quick command as much again."""
    code = main()
    gc.freeze()
    if _nothing_left_to_run():
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except OSError:  # (a closed pipe: Python's own exit says nothing of it either)
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def _nothing_left_to_run() -> bool:
    """True when no other thread runs, nothing is registered to run at exit (a tool such as
    a coverage or memory probe) and no profiler or tracer watches."""
    import atexit

    threading = sys.modules.get("threading")
    return (
        (threading is None or threading.active_count() == 1)
        and getattr(atexit, "_ncallbacks", lambda: 1)() == 0  # (CPython counts them)
        and sys.getprofile() is None
        and sys.gettrace() is None
    )
