"""Shell completions generated from the parser, tried in a real bash (and fish and zsh where
they are installed); exercise ids are asked of ``isotrack exercises --ids`` on each TAB."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from isotrack.cli import main
from isotrack.commands.completions import IDS_FUNCTION, ids_completer, script
from isotrack.commands.exercise_ids import quick_args
from isotrack.domain import catalogue
from isotrack.domain.ids import BUILT_IN

REPO = Path(__file__).resolve().parents[1]
IDS = [exercise.id for exercise in catalogue.CATALOGUE]
OWN = "glute-bridge-hold"

bash_only = pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
fish_only = pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
zsh_only = pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")


@pytest.fixture
def own_folder(cli, data_dir: Path) -> Path:
    """A data folder holding one exercise of the user's own."""
    code, _, err = cli("exercise", "add", "Glute bridge hold", "--cue", "Squeeze and hold")
    assert code == 0, err
    return data_dir


@pytest.fixture
def shell_env(tmp_path: Path) -> dict[str, str]:
    """An environment whose PATH has an ``isotrack`` running this checkout, and whose default
    data folder is an empty temp one (never the real user's)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    program = bin_dir / "isotrack"
    program.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m isotrack "$@"\n')
    program.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "ISOTRACK_DATA"}
    env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
    env["ISOTRACK_DATA"] = str(tmp_path / "no-data-yet")
    env["PYTHONPATH"] = str(REPO)
    return env


def complete_in_bash(line: str, env: dict[str, str]) -> list[str]:
    """What bash offers for the last word of ``line`` after ``eval "$(isotrack completions
    bash)"`` (the completion function run as bash itself runs it on TAB)."""
    words = line.split(" ")
    shell = (
        'eval "$(isotrack completions bash)"\n'
        f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
        f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}\n'
        'fn=$(complete -p isotrack | sed -E "s/.*-F ([^ ]+).*/\\1/")\n'
        f'"$fn" isotrack "{words[-1]}" "{words[-2]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, cwd=REPO, env=env, check=True
    )
    return sorted(done.stdout.split())


@bash_only
def test_log_kn_tab_offers_knees_in_and_knees_out(shell_env) -> None:
    assert complete_in_bash("isotrack log kn", shell_env) == ["knees-in", "knees-out"]


@bash_only
def test_commands_and_options_complete_too(shell_env) -> None:
    assert complete_in_bash("isotrack sta", shell_env) == ["status"]
    assert complete_in_bash("isotrack routine --add pa", shell_env) == ["pallof-press"]
    assert "--json" in complete_in_bash("isotrack streak --", shell_env)


@bash_only
def test_bash_offers_own_exercises_of_the_folder_at_tab_time(own_folder, shell_env) -> None:
    shell_env["ISOTRACK_DATA"] = str(own_folder)  # the exercise was added after the script
    assert complete_in_bash("isotrack log ", shell_env) == sorted([*IDS, OWN])
    assert complete_in_bash("isotrack routine --add gl", shell_env) == [OWN]
    assert complete_in_bash("isotrack accept g", shell_env) == [OWN]


@bash_only
def test_bash_offers_ids_to_exercise_edit_remove_and_next(own_folder, shell_env) -> None:
    shell_env["ISOTRACK_DATA"] = str(own_folder)
    assert complete_in_bash("isotrack exercise edit gl", shell_env) == [OWN]
    assert complete_in_bash("isotrack exercise remove gl", shell_env) == [OWN]
    assert complete_in_bash("isotrack exercise edit x --next kn", shell_env) == [
        "knees-in",
        "knees-out",
    ]
    assert complete_in_bash("isotrack exercise add Wall-sit --next gl", shell_env) == [OWN]


@bash_only
def test_bash_asks_the_data_folder_given_on_the_line(own_folder, shell_env) -> None:
    assert complete_in_bash("isotrack log gl", shell_env) == []  # $ISOTRACK_DATA: no own ones
    assert complete_in_bash(f"isotrack --data {own_folder} log gl", shell_env) == [OWN]
    assert complete_in_bash(f"isotrack unlog --data {own_folder} gl", shell_env) == [OWN]


@bash_only
def test_bash_offers_the_built_in_ids_when_isotrack_cannot_answer(shell_env) -> None:
    script_file = Path(shell_env["ISOTRACK_DATA"]).parent / "isotrack.bash"
    script_file.write_text(script("bash"))
    shell_env["PATH"] = "/usr/bin:/bin"  # no isotrack to ask
    shell = (
        f"source {script_file}\n"
        "COMP_WORDS=(isotrack log ''); COMP_CWORD=2\n"
        "_shtab_isotrack isotrack '' log; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
    )
    done = subprocess.run(
        ["bash", "-c", shell], capture_output=True, text=True, env=shell_env, check=True
    )
    assert sorted(done.stdout.split()) == sorted(IDS)
    assert done.stderr == ""


@fish_only
def test_fish_offers_own_exercises_at_tab_time(own_folder, shell_env, tmp_path) -> None:
    script_file = tmp_path / "isotrack.fish"
    script_file.write_text(script("fish"))
    lines = {
        "isotrack log ": sorted(IDS),  # $ISOTRACK_DATA has none of the user's own
        f"isotrack --data {own_folder} log ": sorted([*IDS, OWN]),
        f"isotrack routine --data={own_folder} --add g": [OWN],
    }
    for line, expected in lines.items():
        done = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script_file}; complete -C '{line}'"],
            capture_output=True,
            text=True,
            env=shell_env,
            check=True,
        )
        offered = sorted(row.split("\t")[0] for row in done.stdout.splitlines())
        assert offered == expected, line


@zsh_only
def test_zshs_function_reads_the_line_and_asks_isotrack(own_folder, shell_env) -> None:
    """The zsh function on its own (a real TAB needs a terminal: see the README's trial), with
    compadd and _wanted standing in for the completion system."""
    function = ids_completer()["preamble"]["zsh"]  # type: ignore[index]
    stubs = '_wanted() { shift 3; "$@" }\ncompadd() { print -l -- ${(P)2} }\n'
    for lbuffer, expected in {
        "isotrack log ": IDS,
        f"isotrack --data '{own_folder}' log gl": [*IDS, OWN],
        f"isotrack routine --data={own_folder} --add ": [*IDS, OWN],
    }.items():
        shell = f"{function}\n{stubs}LBUFFER={lbuffer!r}\n{IDS_FUNCTION}\n"
        done = subprocess.run(
            ["zsh", "-fc", shell], capture_output=True, text=True, env=shell_env, check=True
        )
        assert done.stdout.split() == expected, lbuffer


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_every_shell_asks_isotrack_for_exercise_ids(shell: str) -> None:
    text = script(shell)
    for word in ("status", "remind", "log", "knees-in", "pallof-press"):
        assert word in text
    assert text.count(f"{IDS_FUNCTION}") >= 6  # its definition and each argument taking an id
    assert "isotrack $args exercises --ids" in text.replace('"${args[@]}"', "$args")
    assert " ".join(IDS) in text  # offered when isotrack gives no answer


def test_completions_command_prints_the_script(capsys) -> None:
    assert main(["completions", "fish"]) == 0
    assert "complete -c isotrack" in capsys.readouterr().out
    assert main(["completions", "tcsh"]) == 2


def test_the_plain_built_in_ids_are_the_catalogues() -> None:
    assert list(BUILT_IN) == IDS


# -- isotrack exercises --ids ------------------------------------------------------------------


def run_ids(*argv: str) -> subprocess.CompletedProcess[str]:
    """``isotrack ARGV`` as the shell runs it (the quick path before the CLI loads)."""
    return subprocess.run(
        [sys.executable, "-m", "isotrack", *argv], capture_output=True, text=True, cwd=REPO
    )


def test_ids_lists_built_in_then_own_exercises(own_folder, cli) -> None:
    assert cli("exercises", "--ids") == (0, "\n".join([*IDS, OWN]) + "\n", "")  # full parser
    done = run_ids("--data", str(own_folder), "exercises", "--ids")
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, [*IDS, OWN], "")
    done = run_ids("exercises", f"--data={own_folder}", "--ids")
    assert done.stdout.split() == [*IDS, OWN]


def test_a_fresh_folder_lists_the_built_in_ids(cli, data_dir: Path) -> None:
    assert cli("init", "--accept-safety-notice")[0] == 0
    done = run_ids("exercises", "--ids", "--data", str(data_dir))
    assert (done.returncode, done.stdout.split(), done.stderr) == (0, IDS, "")


DAMAGED = {
    "not JSON": "{",
    "not an object": "[]",
    "program is a list": '{"program": []}',
    "own exercises a list": '{"program": {"1": {"custom": []}}}',
    "an id that is no id": '{"program": {"1": {"custom": {"Bad Id\\u001b[2J": []}}}}',
    "a built-in id as own": '{"program": {"1": {"custom": {"knees-in": []}}}}',
}


@pytest.mark.parametrize("content", DAMAGED.values(), ids=DAMAGED.keys())
def test_ids_print_nothing_for_a_damaged_main_file(data_dir: Path, content: str, cli) -> None:
    (data_dir / "isotrack.json").write_text(content)
    done = run_ids("exercises", "--ids", "--data", str(data_dir))
    assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    assert cli("exercises", "--ids") == (1, "", "")
    assert (data_dir / "isotrack.json").read_text() == content


def test_ids_print_nothing_without_a_data_folder(tmp_path: Path) -> None:
    for folder in (tmp_path / "missing", tmp_path):  # no folder; a folder without data
        done = run_ids("exercises", "--ids", "--data", str(folder))
        assert (done.returncode, done.stdout, done.stderr) == (1, "", "")
    assert not (tmp_path / "missing").exists()
    assert list(tmp_path.iterdir()) == []  # nothing created: no lock, no backup


def test_ids_are_answered_without_argparse_the_tracker_or_tinydb(own_folder) -> None:
    code = (
        "import sys; sys.argv = ['isotrack', 'exercises', '--ids', '--data', "
        f"{str(own_folder)!r}]\n"
        "from isotrack.__main__ import run\n"
        "try:\n    run()\nexcept SystemExit as exc:\n"
        "    print(exc.code, sorted(m for m in sys.modules if m.startswith(("
        "'tinydb', 'argparse', 'isotrack.store.store', 'isotrack.cli', 'isotrack.tracker', "
        "'isotrack.domain.catalogue', 'platformdirs', 'pathlib', 'dataclasses'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert out.stdout.splitlines()[-1] == "0 []", out.stdout + out.stderr
    assert OWN in out.stdout


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["exercises", "--ids"], {"data": None}),
        (["--data", "d", "exercises", "--ids"], {"data": "d"}),
        (["exercises", "--ids", "--data=e"], {"data": "e"}),
        (["exercises", "--ids", "--json"], None),
        (["--ids", "exercises"], None),
        (["exercises", "--ids", "--data"], None),
        (["exercises", "--ids", "--data", ""], None),
        (["status", "--ids"], None),
    ],
)
def test_only_a_plain_ids_request_takes_the_quick_path(argv, expected) -> None:
    assert quick_args(argv) == expected
