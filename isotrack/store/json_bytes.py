"""The bytes :func:`~isotrack.store.atomic.dump_json` makes of a day's document, built from
the bytes of its sets kept since the last write: a tick adds one set to a day of twenty, and
encoding every set again was a fifth of its time.

A document inside a list (a set, a pain entry) is kept with its bytes while the same object
holds the same fields (compared with a one-level copy, as every document of a month is:
nothing changes a stored field's value in place, see ``folder.same_doc``). Anything else, and
a day without a long list, is encoded by ``dump_json`` itself.
"""

from __future__ import annotations

from typing import Any

from isotrack.store.atomic import dump_json

# A document met in a list, by id: the document (kept, so its id is not reused), a one-level
# copy of it as encoded, and its bytes.
Known = dict[int, tuple[dict[str, Any], dict[str, Any], bytes]]
LONG = 4  # a shorter list is encoded whole: in one call, C is quicker than looking up pieces


def encode(value: Any, known: Known, seen: Known) -> bytes:
    """``dump_json(value)``, byte for byte. A document in a list that is one of ``value``'s
    fields is taken from ``known`` while unchanged; ``seen`` gets every such document (the
    ``known`` of the next call)."""
    if type(value) is not dict:
        return dump_json(value)
    for field in value.values():  # (a loop: a day without a long list is the usual one)
        if type(field) is list and len(field) >= LONG:
            break
    else:
        return dump_json(value)
    if not all(type(key) is str for key in value):  # (json sorts keys as text its own way)
        return dump_json(value)
    return b"{%s}" % b",".join(
        [b"%s:%s" % (dump_json(key), _field(value[key], known, seen)) for key in sorted(value)]
    )


def _field(value: Any, known: Known, seen: Known) -> bytes:
    if type(value) is not list or len(value) < LONG:
        return b"null" if value is None else dump_json(value)
    return b"[%s]" % b",".join([_document(item, known, seen) for item in value])


def _document(value: Any, known: Known, seen: Known) -> bytes:
    if type(value) is not dict:
        return dump_json(value)
    hit = known.get(id(value))
    if hit is None or hit[1] != value:  # (hit[0] keeps value's id from being reused)
        hit = (value, dict(value), dump_json(value))
    seen[id(value)] = hit
    return hit[2]
