"""``isotrack exercises --ids``: every exercise id, one a line, for shell completion.

The completion scripts (:mod:`isotrack.commands.completions`) run it on every TAB where an
exercise id fits, so it is hidden from help, answered before the CLI is even imported
(:func:`quick`), and silent: when the data folder or its main file is missing or cannot be
read it prints nothing and exits 1, and the script offers the built-in ids instead. It never
creates the folder, takes its lock or writes anything.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence

FLAG = "--ids"


def print_ids(data: str | None) -> int:
    """Print the ids of the folder ``data`` (None: the default one); 0, or 1 with nothing
    printed when it cannot say."""
    from isotrack.glance import exercise_ids

    ids = exercise_ids(data)
    if not ids:
        return 1
    sys.stdout.write("".join(f"{exercise_id}\n" for exercise_id in ids))
    return 0


def quick_args(argv: Sequence[str]) -> dict[str, str | None] | None:
    """``[--data DIR] exercises --ids [--data DIR]`` as ``{"data": the last folder given, or
    None}``; None for anything else (help, a typo), which the full parser then handles."""
    found: dict[str, str | None] = {"data": None}
    expected = ["exercises", FLAG]  # the words still to come, in this order
    words = iter(argv)
    for word in words:
        name, eq, value = word.partition("=")
        if name == "--data":
            found["data"] = value if eq else next(words, None)
            if not found["data"]:
                return None
        elif expected and word == expected[0]:
            expected.pop(0)
        else:
            return None
    return None if expected else found


def quick(argv: Sequence[str]) -> int | None:
    """The ids printed and the exit code; None when ``argv`` is not a plain ids request."""
    args = quick_args(argv)
    return None if args is None else print_ids(args["data"])
