"""Exercise ids as plain data: the built-in ones in catalogue order, and the shape of an id.

Only ``re`` is loaded, so shell completion can list the ids on every TAB without the
catalogue's dataclasses (tests/test_completions.py checks BUILT_IN against the catalogue).
"""

from __future__ import annotations

import re

BUILT_IN: tuple[str, ...] = (
    "push-pull-a",
    "push-pull-b",
    "knees-in",
    "knees-out",
    "superman",
    "side-plank",
    "pallof-press",
    "curl-up",
    "bird-dog",
)
ID_MAX = 40  # characters in an id
ID_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")  # lower-case words joined by hyphens


def usable_own_id(text: str) -> bool:
    """Whether ``text`` can be an own exercise's id: id-shaped, short, and no built-in's."""
    return bool(ID_SHAPE.match(text)) and len(text) <= ID_MAX and text not in BUILT_IN
