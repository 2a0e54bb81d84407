"""Every read command's --json prints valid JSON with the keys docs/json.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parents[1] / "docs" / "json.md"
SECTION = re.compile(r"^## isotrack (.+?) --json\n(.*?)(?=^## |\Z)", re.MULTILINE | re.DOTALL)
EXAMPLE = re.compile(r"```json\n(.*?)```", re.DOTALL)


def documented() -> dict[str, dict]:
    """Command (as typed, without --json) -> its documented example."""
    found = {}
    for command, body in SECTION.findall(DOC.read_text(encoding="utf-8")):
        example = EXAMPLE.search(body)
        if example:
            found[command] = json.loads(example[1])
    return found


COMMANDS = {
    "status": ["status"],
    "today": ["today"],
    "calendar": ["calendar"],
    "streak": ["streak"],
    "routine": ["routine"],
    "target EXERCISE": ["target", "knees-in"],
    "exercises": ["exercises"],
    "config": ["config"],
    "schedule": ["schedule"],
    "doctor": ["doctor"],
}


def mismatch(actual: object, expected: object, where: str = "") -> str | None:
    """Where ``actual`` departs from the documented example's keys (None when it does not):
    objects have the same keys all the way down; a list's first item is compared when both
    lists have one; values themselves may differ."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict) or set(actual) != set(expected):
            return f"{where or 'top'}: {sorted(actual) if isinstance(actual, dict) else actual}"
        for key, value in expected.items():
            found = mismatch(actual[key], value, f"{where}.{key}")
            if found:
                return found
    if isinstance(expected, list) and expected and isinstance(actual, list) and actual:
        return mismatch(actual[0], expected[0], f"{where}[0]")
    return None


def test_every_listed_command_is_documented() -> None:
    assert set(documented()) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_output_has_the_documented_shape(name: str, cli) -> None:
    cli("init", "--accept-safety-notice")  # no safety reminder on stderr
    cli("log", "knees-in")  # something recorded, so the lists have an entry
    cli("skip", "--date", "2026-11-20")
    code, out, err = cli(*COMMANDS[name], "--json")
    assert code in (0, 1) and err == ""
    assert mismatch(json.loads(out), documented()[name]) is None


def test_config_and_target_changes_answer_in_json_too(cli) -> None:
    assert json.loads(cli("config", "rest", "45", "--json")[1]) == {"rest": 45}
    changed = json.loads(cli("target", "knees-in", "--reps", "8", "--json")[1])
    assert changed["target"] == {"sets": 1, "reps": 8, "hold": 5}
