"""How a screen or an action puts itself in the command palette: ``@in_palette(title, help)``
on the screen's class or the ``action_…`` method, so that its words stand beside it, an action
renamed or removed takes its entry with it, and the palette holds no list of names to keep in
step with the screens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, NamedTuple, TypeVar

ACTION_PREFIX = "action_"  # Textual's naming of the methods a key or a palette entry runs
MARK = "palette_entry"  # the attribute @in_palette sets on an action method

Marked = TypeVar("Marked", bound=Callable[..., Any])  # a screen class or an action method


class PaletteEntry(NamedTuple):
    """What the palette shows for a screen or an action."""

    title: str
    help: str


def in_palette(title: str, help: str) -> Callable[[Marked], Marked]:
    """Mark a screen class or an ``action_…`` method for the palette, under ``title`` with
    ``help`` beneath (a screen's entry reads "Go to ``title``")."""

    def mark(marked: Marked) -> Marked:
        setattr(marked, MARK, PaletteEntry(title, help))
        return marked

    return mark


def palette_entry(marked: object) -> PaletteEntry | None:
    """The entry ``@in_palette`` gave a screen class or an action, if any."""
    entry = getattr(marked, MARK, None)
    return entry if isinstance(entry, PaletteEntry) else None


def palette_actions(cls: type) -> Iterator[tuple[str, PaletteEntry]]:
    """The marked actions of ``cls`` and its bases as (action name, entry), bases first and
    each class in the order it defines them (the palette's order)."""
    seen: set[str] = set()
    for klass in reversed(cls.__mro__):
        for name, member in vars(klass).items():
            entry = palette_entry(member)
            if entry is not None and name.startswith(ACTION_PREFIX) and name not in seen:
                seen.add(name)
                yield name.removeprefix(ACTION_PREFIX), entry
