"""The ids of the user's own exercises, read straight from the main file for shell completion.

A shell asks for them on every TAB where an exercise id fits, so they are read from
``isotrack.json`` alone, without TinyDB, the Store or the folder's lock: nothing is written,
no folder is made, and a file the store would refuse gives no answer rather than a guess.
"""

from __future__ import annotations

import os

from isotrack.domain.ids import usable_own_id
from isotrack.store.safe_json import loads, read_file

MAIN_FILE = "isotrack.json"  # folder.MAIN_FILE (that module loads TinyDB)
PROGRAM, DOC_ID, OWN = "program", "1", "custom"  # table, its one document, the own exercises


class Unreadable(ValueError):
    """The main file is missing, unreadable or not shaped as isotrack writes it."""


def own_exercise_ids(root: str) -> list[str]:
    """The ids of the own exercises stored in the folder ``root``, sorted (none before the
    program is first stored); Unreadable when the main file cannot give them."""
    try:
        tables = loads(read_file(os.path.join(root, MAIN_FILE)))
    except (OSError, ValueError) as exc:  # JSONRefused, JSONDecodeError, UnicodeDecodeError
        raise Unreadable(str(exc)) from None
    program = _field(_field(tables, PROGRAM), DOC_ID)
    own = _field(program, OWN)
    bad = next((exercise_id for exercise_id in own if not usable_own_id(exercise_id)), None)
    if bad is not None:  # the store's codec refuses the file for it too
        raise Unreadable(f"{bad!r} is not a usable id")
    return sorted(own)


def _field(value: object, key: str) -> dict[str, object]:
    """``value[key]`` as an object (empty when absent); Unreadable when either is no object."""
    if not isinstance(value, dict):
        raise Unreadable(f"expected an object holding '{key}'")
    found = value.get(key, {})
    if not isinstance(found, dict):
        raise Unreadable(f"'{key}' is not an object")
    return found
