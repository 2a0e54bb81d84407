"""The one way the store and import read JSON: regular files only, capped in size and depth.

A data file replaced by a FIFO would hang every command, a symlink to ``/dev/zero`` would fill
the memory, and an import nesting a list 500 deep parsed fine but made every later write and
doctor die with RecursionError (issue 15). Every JSON the store or an import reads goes
through :func:`read_file` and :func:`loads` (a backup's gzip through :func:`gunzip` too),
which refuse those with one clear reason.
"""

from __future__ import annotations

import json
import os
import re
import stat
import zlib
from typing import Any

TYPE_CHECKING = False  # pathlib only for hints: shell completion reads the main file on TAB
if TYPE_CHECKING:
    from collections.abc import Callable
    from pathlib import Path

MAX_DEPTH = 32  # isotrack's own documents nest 6 deep; an export's meta a few more
# An import's meta is stored inside the main file a few levels down: imports get less, so
# what they store can always be read back.
IMPORT_DEPTH = MAX_DEPTH - 4
MAX_FILE_BYTES = 64 * 1024 * 1024  # a month file is kilobytes; a 10-year export a few MB


class JSONRefused(ValueError):
    """A file or text that is not safe to parse; the message says why, in a few words."""


def read_file(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes.

    FileNotFoundError when it does not exist; OSError when it cannot be read; JSONRefused for
    a folder, FIFO, device or socket (opened without blocking, never read) or a file too big.
    """
    raw, fd, _info = read_open(path, limit)
    os.close(fd)
    return raw


def read_open(path: str | Path, limit: int = MAX_FILE_BYTES) -> tuple[bytes, int, os.stat_result]:
    """:func:`read_file`, leaving the file open: its bytes, the descriptor (the caller's to
    close) and its status as it was before the bytes were read."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise JSONRefused(f"is {kind_of(info.st_mode)}, not a data file")
        if info.st_size > limit:
            raise JSONRefused(f"is too large ({info.st_size:,} bytes; the limit is {limit:,})")
        with os.fdopen(os.dup(fd), "rb") as handle:
            raw = handle.read(limit + 1)
        if len(raw) > limit:  # it grew while being read
            raise JSONRefused(f"is too large (over {limit:,} bytes)")
    except BaseException:
        os.close(fd)
        raise
    return raw, fd, info


def gunzip(raw: bytes, limit: int = MAX_FILE_BYTES) -> bytes:
    """The content of gzip data, refused (JSONRefused) once it passes ``limit`` bytes, before
    the rest is unpacked: a backup blob of a few kilobytes that unpacks to gigabytes never
    fills the memory. EOFError or zlib.error when the data is cut short or damaged."""
    out = bytearray()
    while raw:
        unpack = zlib.decompressobj(wbits=31)  # one gzip member
        out += unpack.decompress(raw, limit + 1 - len(out))
        if len(out) > limit or unpack.unconsumed_tail:
            raise JSONRefused(f"unpacks to more than {limit:,} bytes")
        if not unpack.eof:
            raise EOFError("the compressed data ends early")
        raw = unpack.unused_data
    return bytes(out)


def check_regular(path: Path, limit: int = MAX_FILE_BYTES * 16) -> None:
    """JSONRefused unless ``path`` is a regular file of at most ``limit`` bytes (opened
    without blocking, never read): for files read in a stream rather than whole."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise JSONRefused(f"is {kind_of(info.st_mode)}, not a data file")
    if info.st_size > limit:
        raise JSONRefused(f"is too large ({info.st_size:,} bytes; the limit is {limit:,})")


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def loads(
    raw: bytes | str,
    limit: int = MAX_FILE_BYTES,
    depth: int = MAX_DEPTH,
    trusted: Callable[[Any], bool] | None = None,
) -> Any:
    """Parse JSON text no longer than ``limit`` and nested at most ``depth`` deep.

    json.JSONDecodeError / UnicodeDecodeError for text that is not JSON; JSONRefused for text
    that is too big or too deep. ``trusted`` may vouch for the parsed value (a month file
    whose seal proves isotrack wrote it, its own shapes nesting a few levels): then the depth
    is not scanned again.
    """
    if len(raw) > limit:
        raise JSONRefused(f"is too large ({len(raw):,} bytes; the limit is {limit:,})")
    try:
        value = json.loads(raw)
    except RecursionError:
        raise JSONRefused(f"nests deeper than {depth} levels") from None
    if trusted is not None and trusted(value):
        return value
    text = raw.encode() if isinstance(raw, str) else raw
    if json.detect_encoding(text) != "utf-8":  # UTF-16 or 32, or a byte-order mark
        check_depth(value, depth)
    elif not nests_within(text, depth):
        raise JSONRefused(f"nests deeper than {depth} levels")
    return value


# Every byte but the quote and the four brackets, for bytes.translate to drop.
_NOT_QUOTES_OR_BRACKETS = bytes(b for b in range(256) if b not in b'"[]{}')
_EMPTY_PAIR = re.compile(rb"\[\]|\{\}")


def nests_within(raw: bytes, depth: int) -> bool:
    """Whether the JSON text ``raw`` (already parsed, so valid) nests at most ``depth`` deep.

    It works on the bytes, at C speed, where walking the parsed value cost more than parsing
    (a month file, the summary index): escaped backslashes and quotes go first, then every
    byte but quotes and brackets, then every string; each pass then removes the innermost
    pairs, so a text ``depth`` deep is empty after ``depth`` passes.
    """
    plain = raw.replace(b"\\\\", b"").replace(b'\\"', b"") if b"\\" in raw else raw
    # Keep only quotes and brackets; then two adjacent quotes are one string's ends, or the
    # end of one and the start of the next with no bracket between: dropping them leaves
    # every string still quoted, and most strings (those without brackets) gone before the
    # split below has to make an object of each.
    quoted = plain.translate(None, _NOT_QUOTES_OR_BRACKETS).replace(b'""', b"")
    brackets = b"".join(quoted.split(b'"')[::2])
    for _level in range(depth):
        if not brackets:
            return True
        brackets = _EMPTY_PAIR.sub(b"", brackets)
    return not brackets


def check_depth(value: Any, depth: int = MAX_DEPTH) -> None:
    """JSONRefused when lists and objects nest deeper than ``depth`` (no recursion)."""
    level: list[Any] = [value]
    for _level in range(depth):
        level = [
            child
            for item in level
            if isinstance(item, dict | list)
            for child in (item.values() if isinstance(item, dict) else item)
            if isinstance(child, dict | list)
        ]
        if not level:
            return
    raise JSONRefused(f"nests deeper than {depth} levels")
