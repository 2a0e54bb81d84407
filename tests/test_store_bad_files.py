"""Bad data files stop the app and every command with one line, exit 1, file untouched."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from isotrack.cli import build_parser, main
from isotrack.clock import FakeClock
from isotrack.commands.app_start import quick
from isotrack.ui.app import IsotrackApp

MAIN = "isotrack.json"
MONTH = "log/2026-11.json"


def truncated(good: bytes) -> bytes:
    return good[: len(good) // 2]


def replaced(doc: object) -> Callable[[bytes], bytes]:
    return lambda _good: json.dumps(doc).encode()


def edited(change: Callable[[dict], None]) -> Callable[[bytes], bytes]:
    def apply(good: bytes) -> bytes:
        doc = json.loads(good)
        change(doc)
        return json.dumps(doc).encode()

    return apply


def _first_set(doc: dict) -> dict:
    return next(iter(doc["days"].values()))["sets"][0]


CASES: dict[str, tuple[str, Callable[[bytes], bytes], str]] = {
    "main truncated": (MAIN, truncated, "not valid JSON"),
    "main garbage": (MAIN, lambda _g: b"\x00\xffPK garbage", "not valid JSON"),
    "main empty": (MAIN, lambda _g: b"", "empty"),
    "main null": (MAIN, replaced(None), "wrong shape"),
    "main a list": (MAIN, replaced([1, 2]), "wrong shape"),
    "main table not an object": (MAIN, replaced({"meta": []}), "wrong shape"),
    "main unknown table": (MAIN, edited(lambda d: d.update(extra={})), "unexpected table"),
    "program wrong shape": (
        MAIN,
        edited(lambda d: d["program"]["1"].update(routine="beginner")),
        "the routine is not a list",
    ),
    "target out of range": (
        MAIN,
        edited(lambda d: d["program"]["1"]["targets"]["knees-in"][0].update(reps=0)),
        "'reps' must be a whole number from 1 to 50",
    ),
    "settings wrong shape": (
        MAIN,
        edited(lambda d: d.update(settings={"1": {"rest": "lots"}})),
        "stored setting is invalid",
    ),
    "schema newer": (
        MAIN,
        edited(lambda d: d["meta"]["1"].update(schema=99)),
        "written by a newer isotrack",
    ),
    "month truncated": (MONTH, truncated, "not valid JSON"),
    "month garbage": (MONTH, lambda _g: b"{{{{ not json", "not valid JSON"),
    "month wrong shape": (MONTH, replaced({"days": [1, 2]}), "table 'days' is not an object"),
    "day doc wrong shape": (
        MONTH,
        edited(lambda d: next(iter(d["days"].values())).update(sets="five")),
        "day 2026-11-21: 'sets' is not a list",
    ),
    "set field wrong type": (
        MONTH,
        edited(lambda d: _first_set(d).update(reps="5")),
        "day 2026-11-21, set 1: 'reps' must be a whole number",
    ),
    "set of unknown exercise": (
        MONTH,
        edited(lambda d: _first_set(d).update(ex="Dead lift!")),
        "unknown exercise 'Dead lift!'",
    ),
    "day in the wrong month": (
        MONTH,
        edited(lambda d: next(iter(d["days"].values())).update(day="2026-10-02")),
        "does not belong in this month",
    ),
}


@pytest.fixture
def folder(tmp_path: Path, clock: FakeClock, capsys) -> Path:
    """A folder set up with a program and one set today (2026-11-21)."""
    root = tmp_path / "data"
    for argv in (["init", "--accept-safety-notice"], ["log", "knees-in"]):
        assert main([*argv, "--data", str(root)], clock=clock) == 0
    capsys.readouterr()
    return root


@pytest.fixture(autouse=True)
def app_must_not_start(monkeypatch) -> None:
    def refuse(_self: IsotrackApp, *_args: object, **_kwargs: object) -> None:
        raise AssertionError("the app started on bad data")

    monkeypatch.setattr(IsotrackApp, "run", refuse)


def spoil(root: Path, case: str) -> tuple[Path, bytes, str]:
    rel, make, needle = CASES[case]
    path = root / rel
    bad = make(path.read_bytes())
    path.write_bytes(bad)
    return path, bad, needle


def assert_stopped(code: int, err: str, out: str, path: Path, bad: bytes, needle: str) -> None:
    assert code == 1, (out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith(f"isotrack: {path}: ")
    assert needle in lines[0]
    assert "Traceback" not in err + out
    assert path.read_bytes() == bad


@pytest.mark.parametrize("case", sorted(CASES))
@pytest.mark.parametrize(
    "argv", [["today"], ["log", "knees-in"], [], None], ids=["today", "log", "app", "app-quick"]
)
def test_bad_file_stops_with_one_line(
    folder: Path, clock: FakeClock, capsys, case: str, argv: list[str] | None
) -> None:
    path, bad, needle = spoil(folder, case)
    if argv is None:  # the app opened without the command line's parser
        code = quick(["--data", str(folder)], clock=clock)
    else:
        code = main([*argv, "--data", str(folder)], clock=clock)
    out, err = capsys.readouterr()
    assert_stopped(code, err, out, path, bad, needle)


ARGS = {
    "log": ["knees-in"],
    "unlog": ["knees-in"],
    "target": ["knees-in"],
    "accept": ["knees-in"],
    "pain": ["3"],
    "init": ["--accept-safety-notice"],
    "exercise": ["remove", "glute-bridge-hold"],
}
NOT_READING_DATA = {"exercises", "doctor", "serve", "completions"}


def commands() -> list[str]:
    parser = build_parser()
    (action,) = (a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices)
    return sorted(set(action.choices) - NOT_READING_DATA)


@pytest.mark.parametrize("case", ["month truncated", "main a list"])
@pytest.mark.parametrize("command", commands())
def test_every_command_stops_on_a_bad_file(
    folder: Path, clock: FakeClock, capsys, tmp_path: Path, case: str, command: str
) -> None:
    export = tmp_path / "export.json"
    assert main(["export", "--output", str(export), "--data", str(folder)], clock=clock) == 0
    args = [str(export)] if command == "import" else ARGS.get(command, [])
    path, bad, needle = spoil(folder, case)
    capsys.readouterr()
    code = main([command, *args, "--data", str(folder)], clock=clock)
    out, err = capsys.readouterr()
    assert_stopped(code, err, out, path, bad, needle)
