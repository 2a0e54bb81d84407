"""Opening the app the daily way, ``isotrack`` alone or with ``--data DIR``, without building
the command line's parser: argparse and the parser cost a few milliseconds of the first
frame's budget. Every other command line (help, a typo, an option abbreviated) goes through
:mod:`isotrack.cli`, whose parser decides the same for these.
"""

from __future__ import annotations

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

    from isotrack.clock import Clock


def app_folder(argv: Sequence[str]) -> tuple[str | None] | None:
    """``(folder,)`` when ``argv`` only opens the app (None: the default folder), else None."""
    args = list(argv[1:] if argv[:1] == ["tui"] else argv)
    if not args:
        return (None,)
    if len(args) == 2 and args[0] == "--data":
        folder = args[1]
    elif len(args) == 1 and args[0].startswith("--data="):
        folder = args[0].removeprefix("--data=")
    else:
        return None
    if not folder.strip() or folder.startswith("-"):
        return None  # the parser says what is wrong with it
    return (folder,)


def quick(argv: Sequence[str], clock: Clock | None = None) -> int | None:
    """Open the app when ``argv`` only asks for that (its exit code), else None."""
    found = app_folder(argv)
    if found is None:
        return None
    from isotrack.clock import SystemClock
    from isotrack.commands.base import Context
    from isotrack.commands.core import run_app
    from isotrack.commands.running import run_handler, with_stripped_output

    ctx = Context(found[0], clock or SystemClock())
    return with_stripped_output(lambda: run_handler(run_app, ctx, None))
