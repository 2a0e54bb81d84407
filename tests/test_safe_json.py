"""The one JSON reader: regular files only, capped in size and nesting (issue 15.5 and 15.8)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from isotrack.store.safe_json import (
    MAX_DEPTH,
    JSONRefused,
    check_depth,
    loads,
    nests_within,
    read_file,
)


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def test_isotracks_own_depth_parses_one_more_is_refused() -> None:
    assert loads(nested(MAX_DEPTH)) == json.loads(nested(MAX_DEPTH))
    with pytest.raises(JSONRefused, match="deeper"):
        loads(nested(MAX_DEPTH + 1))


@pytest.mark.parametrize("depth", [500, 100_000])
def test_deep_nesting_is_one_refusal_not_a_recursion_error(depth: int) -> None:
    with pytest.raises(JSONRefused, match="deeper"):
        loads(nested(depth))
    with pytest.raises(JSONRefused, match="deeper"):
        loads('{"meta":' * depth + "1" + "}" * depth)


def test_text_over_the_size_limit_is_refused_unparsed() -> None:
    with pytest.raises(JSONRefused, match="too large"):
        loads("[" + "1," * 100 + "1]", limit=50)


def test_fifo_device_folder_and_oversized_file_are_refused_without_reading(tmp_path) -> None:
    fifo = tmp_path / "2026-11.json"
    os.mkfifo(fifo)
    with pytest.raises(JSONRefused, match="FIFO"):
        read_file(fifo)  # would block forever if opened for a plain read
    link = tmp_path / "zero.json"
    link.symlink_to("/dev/zero")
    with pytest.raises(JSONRefused, match="device"):
        read_file(link)  # would fill the memory if read
    with pytest.raises(JSONRefused, match="folder"):
        read_file(tmp_path)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 101)
    with pytest.raises(JSONRefused, match="too large"):
        read_file(big, limit=100)
    assert read_file(big, limit=101) == b" " * 101
    with pytest.raises(FileNotFoundError):
        read_file(tmp_path / "missing.json")


def test_a_regular_file_reads_whole(tmp_path: Path) -> None:
    path = tmp_path / "isotrack.json"
    path.write_text('{"settings": {"1": {"rest": 30}}}')
    assert loads(read_file(path)) == {"settings": {"1": {"rest": 30}}}


def test_an_import_at_its_depth_limit_stays_readable_once_stored_in_the_main_file() -> None:
    from isotrack.store.safe_json import IMPORT_DEPTH

    meta = json.loads(nested(IMPORT_DEPTH - 2))  # the deepest meta an import may carry
    stored = {"meta": {"1": {"x": meta}}}  # how the main file holds an import's meta
    assert loads(json.dumps({"meta": {"x": meta}}), depth=IMPORT_DEPTH)
    assert loads(json.dumps(stored)) == stored


# -- the nesting check on bytes agrees with walking the parsed value ---------------------

_TEXT = st.text(alphabet=st.sampled_from(list('ab[]{}"\\/\n\u00e9\u2028')), max_size=8)
_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | _TEXT,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_TEXT, inner, max_size=3),
    max_leaves=40,
)


def _walk_allows(value: object, depth: int) -> bool:
    try:
        check_depth(value, depth)
    except JSONRefused:
        return False
    return True


@settings(max_examples=400, deadline=None)
@given(_VALUES, st.integers(1, 8), st.booleans())
def test_nesting_read_from_the_bytes_matches_the_parsed_value(
    value: object, depth: int, ascii_only: bool
) -> None:
    raw = json.dumps(value, ensure_ascii=ascii_only).encode()
    assert nests_within(raw, depth) == _walk_allows(value, depth)


def test_brackets_and_escaped_quotes_inside_strings_do_not_count() -> None:
    text = json.dumps({"note": '[[[[ "quoted" \\ ]]]] {{{{', "x": [["\\\\"]]})
    assert loads(text, depth=3) == json.loads(text)
    with pytest.raises(JSONRefused, match="deeper"):
        loads(text, depth=2)


def test_utf16_text_is_checked_by_walking_the_value() -> None:
    raw = nested(MAX_DEPTH + 1).encode("utf-16")
    with pytest.raises(JSONRefused, match="deeper"):
        loads(raw)
    assert loads(nested(3).encode("utf-16-le")) == [[[]]]


def test_gzip_is_unpacked_up_to_its_limit_and_no_further() -> None:
    import gzip
    import zlib

    from isotrack.store.safe_json import gunzip

    packed = gzip.compress(b"x" * 10_000) + gzip.compress(b"y" * 10)  # two members
    assert gunzip(packed) == b"x" * 10_000 + b"y" * 10
    with pytest.raises(JSONRefused, match="more than 1,000 bytes"):
        gunzip(gzip.compress(b"0" * 10_000_000), limit=1_000)  # a bomb: 10 MB from ~10 kB
    with pytest.raises(EOFError):
        gunzip(packed[:50])
    with pytest.raises(zlib.error):
        gunzip(b"not gzip at all")
