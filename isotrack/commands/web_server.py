"""textual-serve with a door guard: a contribution-shaped subclass of its ``Server``.

textual-serve 1.1 answers any page or WebSocket request, so any web page the user visits could
open ``ws://127.0.0.1:8000/ws`` and drive the app. This subclass adds what the library lacks and
could take upstream as options: a middleware that refuses requests whose ``Host`` is not the
served address or whose ``Origin`` is not that same address (DNS rebinding, cross-site
WebSockets), a secret token (sent once in the URL, then kept in a same-site cookie) when the host
is reachable from other computers, a page ``<title>``, a page that loads no outside font, and a
listening socket bound before start-up so a busy port is one line instead of a traceback.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import ipaddress
import signal
import socket
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

PAGE_DIR = Path(__file__).with_name("web_page")
WILDCARD_HOSTS = frozenset({"", "0.0.0.0", "::"})
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "[::1]")


def is_loopback(host: str) -> bool:
    """True for an address only this computer can reach."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def bracketed(host: str) -> str:
    """An IPv6 literal as it appears in a Host header."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def allowed_hosts(host: str, port: int, public_url: str | None) -> frozenset[str] | None:
    """The ``Host`` header values that name the served address (None: any, token required)."""
    names: set[str] = set()
    if public_url:
        names.add(urlsplit(public_url).netloc.lower())
    if host in WILDCARD_HOSTS:
        return frozenset(names) if names else None
    hosts = LOOPBACK_NAMES if is_loopback(host) else (bracketed(host.lower()),)
    for name in hosts:
        names.add(f"{name}:{port}")
        if port == 80:
            names.add(name)
    return frozenset(names)


def needs_token(path: str) -> bool:
    """The page, the app's WebSocket and downloads need the token; the library's files do not."""
    return path in ("/", "/ws") or path.startswith("/download/")


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, bound now so a busy port fails before anything starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host or "0.0.0.0", port))
        sock.listen(128)
    except OSError:
        sock.close()
        raise
    return sock


class GuardedServer(Server):
    """A textual-serve Server that only answers the served address (and the token, if any)."""

    def __init__(self, command: str, *, token: str | None = None, **options: Any) -> None:
        explicit_url = options.get("public_url")
        super().__init__(command, templates_path=PAGE_DIR, **options)
        self.token = token
        self.cookie = f"isotrack-{self.port}"
        self.hosts = allowed_hosts(self.host, self.port, explicit_url)
        self.url_from_request = explicit_url is None and self.host in WILDCARD_HOSTS

    def refusal(self, request: web.Request) -> str | None:
        """Why this request is refused, or None to let it through."""
        host = request.headers.get("Host", "").lower()
        if self.hosts is not None and host not in self.hosts:
            return "unknown Host"
        origin = request.headers.get("Origin")
        if origin is None and request.path == "/ws":
            return "WebSocket without Origin"
        if origin is not None:
            parts = urlsplit(origin)
            if parts.scheme not in ("http", "https") or parts.netloc.lower() != host:
                return "foreign Origin"
        if self.token and needs_token(request.path) and not self.has_token(request):
            return "missing or wrong token"
        return None

    def has_token(self, request: web.Request) -> bool:
        """The token came in the URL or in this server's cookie."""
        assert self.token is not None
        given = request.query.get("token") or request.cookies.get(self.cookie) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        """Refuse foreign requests; remember a good token in a same-site cookie."""
        reason = self.refusal(request)
        if reason is not None:
            raise web.HTTPForbidden(text=f"isotrack: refused ({reason})\n")
        response = await handler(request)
        if self.token and request.query.get("token") == self.token and request.path == "/":
            response.set_cookie(self.cookie, self.token, httponly=True, samesite="Strict")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    @aiohttp_jinja2.template("app_index.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        """The page, with its URLs on the address the browser used when bound to every one."""
        base = f"{request.scheme}://{request.host}" if self.url_from_request else self.public_url
        ws_base = ("wss:" if base.startswith("https") else "ws:") + base.split(":", 1)[1]
        return {
            "font_size": max(6, min(64, _int(request.query.get("fontsize"), 16))),
            "app_websocket_url": f"{ws_base}/ws",
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": self.title},
        }

    async def on_startup(self, app: web.Application) -> None:
        """Quiet start: the command prints its own lines."""

    def serve_on(self, sock: socket.socket) -> None:
        """Serve on an already bound socket until Ctrl+C or SIGTERM."""
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for signum in (signal.SIGINT, signal.SIGTERM):
            # Windows has no signal handlers on the loop: Ctrl+C still raises KeyboardInterrupt.
            with contextlib.suppress(NotImplementedError):
                loop.add_signal_handler(signum, self.request_exit)
        web.run_app(
            self._make_app(), sock=sock, handle_signals=False, loop=loop, print=lambda *_: None
        )


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
