"""The browser command: serve the app as a web page with textual-serve (``isotrack[web]``)."""

from __future__ import annotations

import argparse
import shlex
import sys

from isotrack.commands.base import Context, command, whole_number

INSTALL_HINT = (
    "isotrack: serving in a browser needs the textual-serve package: pip install 'isotrack[web]'"
)


def register(sub: argparse._SubParsersAction) -> None:
    """Add serve."""
    p = command(sub, "serve", cmd_serve, "open the app in a web browser (needs isotrack[web])")
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (default 127.0.0.1: this computer only; "
        "0.0.0.0 lets other devices on your network in)",
    )
    p.add_argument("--port", type=whole_number(1, 65535), default=8000, help="port (default 8000)")
    p.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, when it differs from http://HOST:PORT "
        "(e.g. http://192.168.1.20:8000 with --host 0.0.0.0)",
    )


def app_command(data: str) -> str:
    """The shell command each browser session runs: this Python, this data folder."""
    return shlex.join([sys.executable, "-m", "isotrack", "--data", data, "tui"])


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    """Serve the app until interrupted; each browser tab runs its own app process."""
    try:
        from textual_serve.server import Server
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    root = ctx.tracker.root.resolve()  # opens the folder: a bad one fails here, not later
    server = Server(
        app_command(str(root)),
        host=args.host,
        port=args.port,
        title="isotrack",
        public_url=args.public_url,
    )
    server.serve()
    return 0
