"""The chat page server (serving/page_server.py) as an attacker sees it: headers on errors, no slowloris."""

from __future__ import annotations

import socket
import time
from typing import Iterator

import pytest
import requests

from ops.servers import Process, free_port, start_page_server

pytestmark = pytest.mark.e2e
SECURITY_HEADERS = ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options")


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Iterator[Process]:
    server = start_page_server(tmp_path_factory.mktemp("page") / "web.log", "http://127.0.0.1:5005", free_port())
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.parametrize(("method", "path", "status"), [("GET", "/", 200), ("GET", "/nope", 404),
                                                         ("POST", "/", 501), ("DELETE", "/x", 501)])  # fmt: skip
def test_every_response_has_the_security_headers(page: Process, method: str, path: str, status: int) -> None:
    reply = requests.request(method, f"http://127.0.0.1:{page.port}{path}", timeout=10)
    assert reply.status_code == status
    missing = [name for name in SECURITY_HEADERS if name not in reply.headers]
    assert not missing, (status, missing)


def test_a_malformed_request_line_gets_the_headers_too(page: Process) -> None:
    with socket.create_connection(("127.0.0.1", page.port), timeout=10) as conn:
        conn.sendall(b"GARBAGE\r\n\r\n")
        answer = conn.recv(65536)
    assert answer.startswith(b"HTTP/1.0 400") and b"Content-Security-Policy" in answer, answer[:300]


def test_slowloris_connections_are_dropped_and_others_served(page: Process) -> None:
    """Half-sent requests that keep trickling headers are cut at the 15 s deadline; the page answers meanwhile."""
    slow = []
    for _ in range(40):
        conn = socket.create_connection(("127.0.0.1", page.port), timeout=30)
        conn.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
        slow.append(conn)
    started = time.monotonic()
    closed = set()
    try:
        while time.monotonic() - started < 25 and len(closed) < len(slow):
            assert requests.get(f"http://127.0.0.1:{page.port}/", timeout=5).status_code == 200
            for i, conn in enumerate(slow):
                if i in closed:
                    continue
                try:
                    conn.sendall(b"X-Slow: 1\r\n")  # a header every ~2 s: never idle long enough for a read timeout
                except OSError:
                    closed.add(i)
            time.sleep(2)
    finally:
        for conn in slow:
            conn.close()
    assert len(closed) == len(slow), f"{len(slow) - len(closed)} half-sent requests still open after 25 s"
