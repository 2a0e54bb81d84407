"""The browser command: serve the app as a web page with textual-serve (``isotrack[web]``)."""

from __future__ import annotations

import argparse
import errno
import secrets
import shlex
import sys

from isotrack.commands.base import Context, command, whole_number

INSTALL_HINT = (
    "isotrack: serving in a browser needs the textual-serve package: pip install 'isotrack[web]'"
)

REMOTE_WARNING = (
    "isotrack: warning: --host {host} lets other computers on the network reach this app. "
    "Only someone with the link below (it holds a secret token) can open it; "
    "share it only with people you trust, on a network you trust."
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
        import textual_serve.server  # noqa: F401  (the optional isotrack[web] extra)
    except ImportError:
        print(INSTALL_HINT, file=sys.stderr)
        return 1
    from isotrack.commands import web_server

    root = ctx.tracker.root.resolve()  # opens the folder: a bad one fails here, not later
    local = web_server.is_loopback(args.host)
    server = web_server.GuardedServer(
        app_command(str(root)),
        token=None if local else secrets.token_urlsafe(24),
        host=args.host,
        port=args.port,
        title="isotrack",
        public_url=args.public_url,
    )
    try:
        sock = web_server.bind(args.host, args.port)
    except OSError as error:
        reason = "is already in use" if error.errno == errno.EADDRINUSE else "cannot be used"
        print(
            f"isotrack: port {args.port} on {args.host} {reason} ({error.strerror})",
            file=sys.stderr,
        )
        return 1
    if not local:
        print(REMOTE_WARNING.format(host=args.host), file=sys.stderr)
    url = server.public_url if local else f"{server.public_url}/?token={server.token}"
    print(f"isotrack is served at {url}\nPress Ctrl+C to stop.", flush=True)
    server.serve_on(sock)
    return 0
