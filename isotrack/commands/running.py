"""Running one command's handler: what every way in shares, the CLI's parser and the app's
quick start (:mod:`isotrack.commands.app_start`) alike, without importing argparse.

Everything printed goes through a control-character strip: notes, reasons and paths are
untrusted text and must not reach the terminal as escape sequences. A problem is one line on
stderr and an exit code, never a traceback.
"""

from __future__ import annotations

import gc
import sys
from collections.abc import Callable
from typing import Any

from isotrack.domain.catalogue import UnknownExercise
from isotrack.domain.days import InvalidDate
from isotrack.domain.exercise import InvalidExercise
from isotrack.domain.schedule import InvalidSchedule
from isotrack.domain.settings import InvalidSetting
from isotrack.domain.targets import InvalidTarget
from isotrack.errors import DataError, InvalidInput
from isotrack.presentation.safe_text import StrippedWriter

TYPE_CHECKING = False
if TYPE_CHECKING:
    from isotrack.commands.base import Context

BAD_INPUT = (
    UnknownExercise,
    InvalidExercise,
    InvalidTarget,
    InvalidDate,
    InvalidSetting,
    InvalidSchedule,
    InvalidInput,
)


def with_stripped_output(run: Callable[[], int]) -> int:
    """``run()`` with stdout and stderr stripped of control characters."""
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = StrippedWriter(sys.stdout), StrippedWriter(sys.stderr)  # type: ignore[assignment]
    try:
        return run()
    finally:
        sys.stdout, sys.stderr = streams


def run_handler(handler: Callable[[Context, Any], int], ctx: Context, args: Any) -> int:
    """Run a command's handler; its exit code (1 on a data problem, 2 on bad input)."""
    if not gc.isenabled():  # the modules are loaded (see isotrack.__main__): what exists
        gc.freeze()  # now lives as long as the process, so later collections skip it
        gc.enable()  # (run_app pauses collecting again until the app's first frame)
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
