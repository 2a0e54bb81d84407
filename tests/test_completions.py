"""Shell completions generated from the parser, tried in a real bash."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from isotrack.cli import main
from isotrack.commands.completions import script
from isotrack.domain import catalogue

REPO = Path(__file__).resolve().parents[1]
IDS = [exercise.id for exercise in catalogue.CATALOGUE]


def complete_in_bash(line: str) -> list[str]:
    """What bash offers for the last word of ``line`` after ``eval "$(isotrack completions
    bash)"`` (the completion function run as bash itself runs it on TAB)."""
    words = line.split(" ")
    program = f"{sys.executable} -m isotrack"
    shell = (
        f'eval "$({program} completions bash)"\n'
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
        f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}\n'
        'fn=$(complete -p isotrack | sed -E "s/.*-F ([^ ]+).*/\\1/")\n'
        f'"$fn" isotrack "{words[-1]}" "{words[-2]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, cwd=REPO, check=True
    )
    return sorted(done.stdout.split())


bash_only = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")


@bash_only
def test_log_kn_tab_offers_knees_in_and_knees_out() -> None:
    assert complete_in_bash("isotrack log kn") == ["knees-in", "knees-out"]


@bash_only
def test_commands_and_options_complete_too() -> None:
    assert complete_in_bash("isotrack sta") == ["status"]
    assert complete_in_bash("isotrack routine --add pa") == ["pallof-press"]
    assert "--json" in complete_in_bash("isotrack streak --")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_gets_the_commands_and_exercise_ids(shell: str) -> None:
    text = script(shell)
    for word in ("status", "remind", "log", "knees-in", "pallof-press"):
        assert word in text


def test_completions_command_prints_the_script(capsys) -> None:
    assert main(["completions", "fish"]) == 0
    assert "complete -c isotrack" in capsys.readouterr().out
    assert main(["completions", "tcsh"]) == 2
