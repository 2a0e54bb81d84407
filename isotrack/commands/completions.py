"""completions: shell completion scripts generated from the command-line parser itself.

shtab reads the argparse parser, so the scripts follow every command and option as they are
defined. Exercise ids are offered wherever a command takes one, asked of isotrack on each TAB
(``isotrack [--data DIR] exercises --ids``, see :mod:`isotrack.commands.exercise_ids`), so the
user's own exercises are offered too, even ones added after the script was installed; when
isotrack gives no answer (not on PATH, no data folder yet) the built-in ids fixed into the
script are offered. shtab is imported only here, so the other commands pay nothing for it.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from isotrack.commands.base import Context, command
from isotrack.domain.ids import BUILT_IN

SHELLS = ("bash", "zsh", "fish")
EXERCISE_DESTS = {"exercise", "add", "remove", "next"}  # arguments that take exercise ids
EXERCISE_COMMAND = "exercise"  # its actions' positional "id" is an exercise id too
FILE_DESTS = {"file", "output"}
IDS_FUNCTION = "_isotrack_exercise_ids"  # the shell function that lists exercise ids

# Each shell's function: the --data folder typed on the line (if any), isotrack's list of ids
# (its errors are not shown), else the built-in ids. @IDS@ becomes those ids at generation.
BASH_IDS = """
# exercise ids: isotrack's own list at TAB time, else the built-in ids
_isotrack_exercise_ids() {
  local i ids args=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "${COMP_WORDS[i]}" in
      --data) args=(--data "${COMP_WORDS[i + 1]}")
        [[ ${COMP_WORDS[i + 1]} == "=" ]] && args=(--data "${COMP_WORDS[i + 2]}") ;;
      --data=*) args=(--data "${COMP_WORDS[i]#--data=}") ;;
    esac
  done
  ids="$(command isotrack "${args[@]}" exercises --ids 2>/dev/null </dev/null)"
  compgen -W "${ids:-@IDS@}" -- "$1"
}
"""
ZSH_IDS = """
# exercise ids: isotrack's own list at TAB time, else the built-in ids
_isotrack_exercise_ids() {
  local i expl
  local -a ids args line
  line=(${(z)LBUFFER})
  for (( i = 1; i < ${#line}; i++ )); do
    case ${line[i]} in
      --data) args=(--data "${(Q)line[i + 1]}") ;;
      --data=*) args=(--data "${(Q)${line[i]#--data=}}") ;;
    esac
  done
  ids=(${(f)"$(command isotrack $args exercises --ids 2>/dev/null </dev/null)"})
  (( ${#ids} )) || ids=(@IDS@)
  _wanted exercise-ids expl 'exercise id' compadd -a ids
}
"""
FISH_IDS = """
# exercise ids: isotrack's own list at TAB time, else the built-in ids
function _isotrack_exercise_ids
  set -l args
  set -l after_data 0
  for token in (commandline -opc)
    test $after_data = 1; and set args --data $token
    set after_data 0
    switch $token
      case --data
        set after_data 1
      case '--data=*'
        set args --data (string replace -- --data= '' $token)
    end
  end
  set -l ids (command isotrack $args exercises --ids 2>/dev/null </dev/null)
  test (count $ids) -gt 0; or set ids @IDS@
  printf '%s\\n' $ids
end
"""


def register(sub: argparse._SubParsersAction) -> None:
    """Add completions."""
    p = command(sub, "completions", cmd_completions, "print a shell completion script")
    p.add_argument("shell", choices=SHELLS, help="the shell to complete in")


def completion_parser() -> argparse.ArgumentParser:
    """Every command's parser, marked up for completion: exercise ids where one is taken,
    folders for ``--data``, files for ``import`` and ``--output``."""
    import shtab

    from isotrack.cli import build_parser

    parser = build_parser()
    ids = ids_completer()
    for path, each in _parsers(parser, ()):
        for action in each._actions:
            takes_id = action.dest in EXERCISE_DESTS or (
                action.dest == "id" and path[:1] == (EXERCISE_COMMAND,)
            )
            if takes_id and action.choices is None:
                action.complete = ids  # type: ignore[attr-defined]
            elif action.dest == "data":
                action.complete = shtab.DIRECTORY  # type: ignore[attr-defined]
            elif action.dest in FILE_DESTS:
                action.complete = shtab.FILE  # type: ignore[attr-defined]
    return parser


def _parsers(
    parser: argparse.ArgumentParser, path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], argparse.ArgumentParser]]:
    """``parser`` and every parser below it (``exercise edit`` too), each with its command
    words."""
    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from _parsers(child, (*path, name))


def ids_completer() -> dict[str, object]:
    """shtab's ``complete`` value for an exercise id: the function to call in each shell, and
    the function itself as a preamble (shtab writes it once per script)."""
    built_in = " ".join(BUILT_IN)
    preambles = {"bash": BASH_IDS, "zsh": ZSH_IDS, "fish": FISH_IDS}
    return {
        "bash": IDS_FUNCTION,
        "zsh": IDS_FUNCTION,
        "fish": f"({IDS_FUNCTION})",
        "preamble": {shell: text.replace("@IDS@", built_in) for shell, text in preambles.items()},
    }


def script(shell: str) -> str:
    """The completion script for ``shell``."""
    import shtab

    return shtab.complete(completion_parser(), shell=shell)


def cmd_completions(_ctx: Context, args: argparse.Namespace) -> int:
    """Print the script (nothing is read from the data folder)."""
    sys.stdout.write(script(args.shell).rstrip("\n") + "\n")
    return 0
