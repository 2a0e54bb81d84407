"""The seal that ties a month file's summary to the exact bytes of its days.

A month file is written as ``{"days":{"1":{…},"10":{…},…},"summary":{"1":{…,"hash":SEAL,…}}}``
(:func:`~isotrack.store.atomic.dump_json`'s bytes: keys sorted, no spaces). The seal is a
CRC-32, marked ``c``, over the CRC-32 of each day document's bytes in file order and over the
summary table's own bytes (with a placeholder where the seal goes), so a tick that changes one
day works out the CRC of that day alone, while a reader can still check every byte of the
file. A seal catches a hand edit or a damaged file: nobody forges a summary to fool their own
streak. Seals written by older versions (a BLAKE2b hash of the days and the summary's fields,
16 hex digits) still verify until the month is next written.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from typing import Any

from isotrack.store.atomic import dump_json
from isotrack.store.digest import blake2b

DAYS_PREFIX = b'{"days":'
SUMMARY_MARK = b',"summary":'
SEAL_MARK = "c"


def piece_crc(piece: bytes | memoryview) -> bytes:
    """The CRC-32 of one day document's bytes (``"10":{…}``), as the seal takes it."""
    return zlib.crc32(piece).to_bytes(4, "big")


def sealed_table(crcs: Iterable[bytes], table: dict[str, Any]) -> bytes:
    """The summary table's bytes, its document's ``hash`` set to the seal of the days (their
    :func:`piece_crc` in file order) and of these very bytes."""
    doc = table["1"]
    doc["hash"] = PLACEHOLDER_SEAL
    tail = dump_json(table)
    doc["hash"] = _seal(b"".join(crcs), tail)
    return tail.replace(PLACEHOLDER, _field(doc["hash"]), 1)


def _seal(crcs: bytes, tail: bytes) -> str:
    return f"{SEAL_MARK}{zlib.crc32(tail, zlib.crc32(b'|', zlib.crc32(crcs))):08x}"


def _field(value: str) -> bytes:
    return b'"hash":"%s"' % value.encode()


PLACEHOLDER_SEAL = SEAL_MARK + "0" * 8
PLACEHOLDER = _field(PLACEHOLDER_SEAL)  # the seal's field while the seal is worked out


Piece = tuple[bytes, bytes]  # a day document's bytes in the file, and their piece_crc


def sealed_pieces(raw: bytes, days: dict[str, Any], table: dict[str, Any]) -> list[Piece] | None:
    """Each day document of the month file ``raw`` (its days and summary tables parsed as
    ``days`` and ``table``) as its bytes and :func:`piece_crc`, in file order, when the file
    is laid out as isotrack writes it and its seal matches every byte; None otherwise."""
    end = raw.rfind(SUMMARY_MARK)
    doc = table.get("1")
    value = doc.get("hash") if isinstance(doc, dict) else None
    if not (raw.startswith(DAYS_PREFIX) and raw.endswith(b"}") and end > 0):
        return None
    pieces = _day_pieces(raw, sorted(days), end) if isinstance(value, str) else None
    if pieces is None:
        return None
    tail = raw[end + len(SUMMARY_MARK) : -1]
    if len(value) != len(PLACEHOLDER_SEAL) or not value.startswith(SEAL_MARK):
        return pieces if _old_seal_holds(raw[len(DAYS_PREFIX) : end], tail, table) else None
    field = _field(value)
    crcs = b"".join(crc for _piece, crc in pieces)
    if tail.count(field) != 1 or _seal(crcs, tail.replace(field, PLACEHOLDER)) != value:
        return None
    return pieces


def _day_pieces(raw: bytes, keys: list[str], end: int) -> list[Piece] | None:
    """Each day document in ``raw`` (whose days table ends at ``end``) with its
    :func:`piece_crc`, found by the keys in file order; None when the days are not laid out
    so."""
    start = len(DAYS_PREFIX) + 1  # after the days table's "{"
    if raw[start - 1 : start] != b"{" or raw[end - 1 : end] != b"}":
        return None
    if not keys:
        return [] if start == end - 1 else None
    pieces = []
    for key, following in zip(keys, [*keys[1:], None], strict=True):
        if not raw.startswith(b'"%s":{' % key.encode(), start):
            return None
        # a quote inside a text is escaped, so this only matches where the next day begins
        stop = end - 1
        if following is not None:
            stop = raw.find(b',"%s":{' % following.encode(), start, end)
        if stop < 0:
            return None
        piece = raw[start:stop]
        pieces.append((piece, piece_crc(piece)))
        start = stop + 1
    return pieces


def _old_seal_holds(days: bytes, tail: bytes, table: dict[str, Any]) -> bool:
    """An older version's seal: BLAKE2b of the days' bytes and the summary's other fields."""
    doc = table["1"]
    fields = dump_json({k: v for k, v in doc.items() if k != "hash"})
    expected = blake2b(days + b"|" + fields, digest_size=8).hexdigest()
    return doc.get("hash") == expected and tail == dump_json(table)
