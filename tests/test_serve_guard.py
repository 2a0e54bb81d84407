"""serve answers only its address: foreign Origin or Host refused, token off loopback."""

from __future__ import annotations

import socket
import sys

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from isotrack.commands import web_server
from isotrack.commands.web_server import GuardedServer, allowed_hosts

HARMLESS = f"{sys.executable} -c pass"  # never run: sessions are FakeSession


class FakeSession:
    """Stands in for textual-serve's AppService: says hello and closes, no process."""

    def __init__(self, command: str, *, write_bytes, write_str, close, **_: object) -> None:
        self.write_str, self.close = write_str, close

    async def start(self, width: int, height: int) -> None:
        await self.write_str("hello")

    async def send_bytes(self, data: bytes) -> None:
        await self.close()

    async def stop(self) -> None:
        await self.close()


@pytest.fixture(autouse=True)
def no_app_process(monkeypatch) -> None:
    import textual_serve.server

    monkeypatch.setattr(textual_serve.server, "AppService", FakeSession)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def start(token: str | None = None) -> tuple[TestServer, str]:
    port = free_port()
    server = GuardedServer(HARMLESS, token=token, host="127.0.0.1", port=port, title="isotrack")
    test_server = TestServer(await server._make_app(), host="127.0.0.1", port=port)
    await test_server.start_server()
    return test_server, f"127.0.0.1:{port}"


async def handshake(address: str, headers: dict[str, str], query: str = "") -> int:
    """101 when the WebSocket opened, else the HTTP status it was refused with."""
    async with aiohttp.ClientSession() as session:
        try:
            url = f"ws://{address}/ws?width=80&height=24{query}"
            async with session.ws_connect(url, headers=headers) as ws:
                assert (await ws.receive()).data == "hello"
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


async def test_a_foreign_origin_cannot_open_the_websocket() -> None:
    server, address = await start()
    try:
        assert await handshake(address, {"Origin": "http://evil.example"}) == 403
        assert await handshake(address, {"Origin": f"http://{address}.evil.example"}) == 403
        assert await handshake(address, {}) == 403  # browsers always send Origin
        assert await handshake(address, {"Origin": f"http://{address}"}) == 101
    finally:
        await server.close()


async def test_the_page_has_a_title_loads_nothing_from_outside_and_checks_host() -> None:
    server, address = await start()
    try:
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://{address}/") as response:
                page = await response.text()
                assert response.status == 200
            async with session.get(f"http://{address}/", headers={"Host": "evil.example"}) as bad:
                assert bad.status == 403  # DNS rebinding: a foreign name for our address
        assert "<title>isotrack</title>" in page
        assert f'data-session-websocket-url="ws://{address}/ws"' in page
        outside = [part for part in page.split('"') if part.startswith(("http", "//"))]
        assert all(part.startswith(f"http://{address}/") for part in outside), outside
        assert "googleapis" not in page
    finally:
        await server.close()


async def test_off_loopback_the_token_is_needed_then_kept_in_a_cookie() -> None:
    server, address = await start(token="s3cret-token")
    origin = {"Origin": f"http://{address}"}
    try:
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as session:
            async with session.get(f"http://{address}/") as response:
                assert response.status == 403
            async with session.get(f"http://{address}/?token=wrong") as response:
                assert response.status == 403
            async with session.get(f"http://{address}/?token=s3cret-token") as response:
                assert response.status == 200
                assert response.cookies[f"isotrack-{address.split(':')[1]}"].value
            url = f"ws://{address}/ws?width=80"
            async with session.ws_connect(url, headers=origin) as ws:
                assert (await ws.receive()).data == "hello"  # the page's cookie let it in
        assert await handshake(address, origin) == 403
        assert await handshake(address, origin, "&token=s3cret-token") == 101
    finally:
        await server.close()


@pytest.mark.parametrize(
    ("host", "port", "url", "expected"),
    [
        ("127.0.0.1", 8000, None, {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}),
        ("192.168.1.20", 80, None, {"192.168.1.20:80", "192.168.1.20"}),
        ("::1", 8000, None, {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}),
        ("0.0.0.0", 8000, "http://pi.local:8000", {"pi.local:8000"}),
    ],
)
def test_allowed_hosts_are_the_served_address(host, port, url, expected) -> None:
    assert allowed_hosts(host, port, url) == expected


def test_every_interface_without_a_public_url_leans_on_the_token() -> None:
    assert allowed_hosts("0.0.0.0", 8000, None) is None
    assert not web_server.is_loopback("0.0.0.0") and web_server.is_loopback("127.0.0.5")


def test_a_port_in_use_is_one_line_and_exit_1(cli) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        code, out, err = cli("serve", "--port", str(port))
    assert code == 1 and out == ""
    assert err == f"isotrack: port {port} on 127.0.0.1 is already in use (Address already in use)\n"
