"""``python -m isotrack`` and the ``isotrack`` program.

Python's cyclic garbage collector pauses while the modules load (it would only walk objects
that live as long as the process); a command's handler starts it again. ``status`` runs
before every shell prompt, so it is answered from its cache before the CLI is even imported;
so is ``exercises --ids``, which shell completion runs on TAB; and the app opened with no
command (or only ``--data``) starts without the command line's parser.
"""

import gc
import sys

gc.disable()


def run() -> None:
    """The ``isotrack`` program."""
    code = None
    if "status" in sys.argv[1:4]:
        from isotrack.commands.status import quick

        code = quick(sys.argv[1:])
    elif "--ids" in sys.argv[1:6]:
        from isotrack.commands.exercise_ids import quick

        code = quick(sys.argv[1:])
    else:
        from isotrack.commands.app_start import quick

        code = quick(sys.argv[1:])
    if code is not None:
        gc.freeze()
        sys.exit(code)
    from isotrack.cli import run as run_cli

    run_cli()


if __name__ == "__main__":
    run()
