"""Commands for the data itself: doctor, export and import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from isotrack.commands.base import Context, command
from isotrack.errors import BadImport
from isotrack.tracker import Tracker

if TYPE_CHECKING:
    from isotrack.tracker import Report


def register(sub: argparse._SubParsersAction) -> None:
    """Add doctor, export and import."""
    p = command(sub, "doctor", cmd_doctor, "check every data file; offer to restore a backup")
    p.add_argument(
        "--restore",
        action="store_true",
        help="restore the newest good backup even if every file checks good",
    )
    p.add_argument("--yes", action="store_true", help="restore without asking (for scripts)")

    p = command(sub, "export", cmd_export, "write all your data as JSON, or every set as CSV")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="default: json")
    p.add_argument("--output", metavar="FILE", help="write to FILE (default: standard output)")

    p = command(sub, "import", cmd_import, "merge an export file into the data folder")
    p.add_argument("file", metavar="FILE", help="a file written by 'isotrack export'")


def cmd_export(ctx: Context, args: argparse.Namespace) -> int:
    """Print or write the export."""
    if args.output:
        ctx.tracker.save_export(Path(args.output).expanduser(), args.format)
        print(f"Wrote {args.output}", file=sys.stderr)
    else:
        for chunk in ctx.tracker.export(args.format):
            sys.stdout.write(chunk)
    return 0


def cmd_import(ctx: Context, args: argparse.Namespace) -> int:
    """Check the whole file, then merge it (nothing is written if any record is bad)."""
    path = Path(args.file).expanduser()
    try:
        path.open(encoding="utf-8").close()
    except OSError as exc:
        print(f"isotrack: {args.file}: cannot read ({exc})", file=sys.stderr)
        return 2
    tracker = ctx.tracker
    try:
        result = tracker.import_file(path)
    except (OSError, UnicodeDecodeError) as exc:
        print(f"isotrack: {args.file}: cannot read ({exc})", file=sys.stderr)
        return 2
    except BadImport as exc:
        print(f"isotrack: {args.file}: {exc}; nothing was imported", file=sys.stderr)
        return 2
    known = f"; {result.records_known} already there" if result.records_known else ""
    print(
        f"Imported {result.sets_added} sets and {result.pain_added} pain entries on "
        f"{len(result.days_changed)} days into {tracker.root}{known}"
    )
    return 0


def _print_report(report: Report) -> None:
    print(f"Checked {len(report.files)} data files in {report.root}")
    for line in report.fixed:
        print(f"  fixed: {line}")
    for problem in report.problems:
        print(f"  problem: {problem}")
    bad = [b for b in report.backups if b.problem is not None]
    for state in bad:
        print(f"  unusable backup: {state.path.name}: {state.problem}")
    newest = report.newest_good_backup()
    if newest is None:
        print("  backups: none usable yet")
    else:
        assert newest.taken is not None
        good = len(report.backups) - len(bad)
        print(f"  backups: {good} good, newest from {newest.taken:%Y-%m-%d %H:%M}")


def _confirm(question: str, yes: bool) -> bool | None:
    """True to go ahead; False when the user said no; None when nobody can be asked."""
    if yes:
        return True
    if not sys.stdin or not sys.stdin.isatty():
        return None
    try:
        answer = input(f"{question} [y/N] ")
    except EOFError:
        return False
    return answer.strip().lower() in ("y", "yes")


def cmd_doctor(ctx: Context, args: argparse.Namespace) -> int:
    """Check the folder; restore the newest good backup when asked or when files are bad."""
    root = Tracker.folder(ctx.data)
    if not root.is_dir():
        print(f"No data folder at {root} yet; nothing to check.")
        return 0
    report = Tracker.examine(root)
    _print_report(report)
    if not report.problems and not args.restore:
        print("All good.")
        return 0
    if any(not p.restorable for p in report.problems):
        print("Install the newer isotrack that wrote this data; a backup would lose its changes.")
        return 1
    newest = report.newest_good_backup()
    if newest is None or newest.taken is None:
        print("No usable backup to restore from; the files were left as they are.")
        return 1
    what = Tracker.restore_scope(root, report, args.restore)
    question = (
        f"Restore {what} from the backup of {newest.taken:%Y-%m-%d %H:%M}? "
        "Replaced files are kept aside as NAME.bad-TIMESTAMP."
    )
    answer = _confirm(question, args.yes)
    if answer is None:
        print("To restore it, run 'isotrack doctor --yes'" + (" --restore" if args.restore else ""))
        return 1
    if not answer:
        print("Nothing was changed.")
        return 1
    for line in Tracker.restore(root, report, args.restore, ctx.clock):
        print(f"  {line}")
    after = Tracker.examine(root)
    if after.problems:
        for problem in after.problems:
            print(f"  still a problem: {problem}")
        return 1
    print("Restored; every file checks good now.")
    return 0
