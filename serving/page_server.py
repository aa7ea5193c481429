"""Serve the careerbot chat page (web/) on loopback unless told (BIND_HOST, --host), with no CDN: the rasa-webchat
bundle comes from web/node_modules (installed by `npm ci` from web/package-lock.json).

Only a fixed set of paths is served (never the whole web/ or node_modules tree). /config.js tells the page
where Rasa's socket.io channel is; the Content-Security-Policy allows scripts from this server only and
network connections to this server and to that Rasa URL only. /session.js gives each page load a fresh sender id
and its signed token (channels/sessions.py; the key Rasa also reads), at most CAREERBOT_SESSIONS_BURST (30) at
once and CAREERBOT_SESSIONS_PER_MINUTE (20) after that per client address, and never to another site's page.
Every response, errors included, carries the security headers; a client has READ_TIMEOUT_SECONDS per read and
HEADER_DEADLINE_SECONDS for its whole request head, so half-sent requests (slowloris) do not hold threads.

    python serving/page_server.py --port 8000 --socket-url http://127.0.0.1:5005
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import secrets
import socket
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Dict, Tuple
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # channels/ (sessions, limits) also when run without PYTHONPATH

from channels import sessions  # noqa: E402
from channels.limits import TokenBucket, env_number  # noqa: E402

WEB = Path(__file__).resolve().parents[1] / "web"
WEBCHAT_BUNDLE = WEB / "node_modules" / "rasa-webchat" / "lib" / "index.js"
WEBCHAT_VERSION = "1.0.1"

# URL path -> (file, content type)
FILES: Dict[str, Tuple[Path, str]] = {
    "/": (WEB / "index.html", "text/html; charset=utf-8"),
    "/index.html": (WEB / "index.html", "text/html; charset=utf-8"),
    "/chat.js": (WEB / "chat.js", "text/javascript; charset=utf-8"),
    "/chat.css": (WEB / "chat.css", "text/css; charset=utf-8"),
    "/vendor/rasa-webchat.js": (WEBCHAT_BUNDLE, "text/javascript; charset=utf-8"),
}


def check_bundle() -> None:
    """Fail at start-up, with the fix, when the widget is not installed (or is another version)."""
    package = WEBCHAT_BUNDLE.parent.parent / "package.json"
    if not WEBCHAT_BUNDLE.is_file() or not package.is_file():
        sys.exit(f"careerbot web: {WEBCHAT_BUNDLE} is missing; install it with: (cd web && npm ci)")
    version = json.loads(package.read_text()).get("version")
    if version != WEBCHAT_VERSION:
        sys.exit(f"careerbot web: rasa-webchat {version} installed, {WEBCHAT_VERSION} expected: (cd web && npm ci)")


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"not an http(s) URL: {url!r}")
    return f"{parts.scheme}://{parts.netloc}"


def content_security_policy(socket_url: str) -> str:
    http_origin = origin_of(socket_url)
    ws_origin = "ws" + http_origin[len("http") :]  # http -> ws, https -> wss
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",  # the widget injects its own <style> elements
            "img-src 'self' data:",
            "font-src 'self' data:",
            f"connect-src 'self' {http_origin} {ws_origin}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


# /session.js gives each page load a fresh sender id and a token naming it (channels/sessions.py checks it). It
# keeps the pair in sessionStorage across reloads, seeds the widget's own session storage with that id
# (rasa-webchat 1.0.1's "chat_session" entry), and adds the token to the widget's customData, which the widget
# sends with every message. A seeded entry must carry the widget's display state (`params`, as the widget itself
# stores it): without it the widget, reading the entry when it mounts, replaces that state with nothing and never
# shows (tests/e2e/test_widget_signed.py).
SESSION_JS = """(function () {
  "use strict";
  var issued = %s;
  var KEY = "careerbot_session";
  var saved = null, widget = null;
  try { saved = JSON.parse(sessionStorage.getItem(KEY)); widget = JSON.parse(sessionStorage.getItem("chat_session")); }
  catch (e) { saved = null; }
  function claims(token) {
    try { return JSON.parse(atob(token.split(".")[1].replace(/-/g, "+").replace(/_/g, "/"))); } catch (e) { return {}; }
  }
  // An expired token gets a new session (the channel's refusal tells the person to reload); the server's clock.
  var expired = saved && saved.token && !(claims(saved.token).exp > claims(issued.token).iat);
  if (!saved || !saved.token || expired || !widget || widget.session_id !== saved.senderId) {
    saved = issued;
    sessionStorage.setItem(KEY, JSON.stringify(saved));
    widget = null;
  }
  var webchat = window.WebChat;
  if (!webchat || typeof webchat.default !== "function") return;
  var original = webchat.default;
  window.WebChat = Object.assign({}, webchat, {
    default: function (props, element) {
      if (!widget) {  // rasa-webchat 1.0.1's initial display state, as it stores it
        var params = { connected: false, initialized: false, isChatVisible: true, isChatOpen: false,
          disabledInput: true, docViewer: !!props.docViewer, connectingText: props.connectingText || "",
          unreadCount: 0, messageDelayed: false, oldUrl: "", pageChangeCallbacks: {} };
        var entry = { session_id: saved.senderId, version: "1.0.1", params: params };
        sessionStorage.setItem("chat_session", JSON.stringify(entry));
      }
      var customData = Object.assign({}, props.customData, { token: saved.token });
      return original(Object.assign({}, props, { customData: customData }), element);
    },
  });
})();
"""


def session_js() -> str:
    """The script for one page load: a fresh sender id and its signed token."""
    sender_id = secrets.token_hex(16)
    return SESSION_JS % json.dumps({"senderId": sender_id, "token": sessions.issue(sender_id)})


class Issuance:
    """Per-address limit on new sessions (a token bucket; thread-safe: the server answers in threads)."""

    def __init__(self) -> None:
        per_minute = env_number("CAREERBOT_SESSIONS_PER_MINUTE", 20)
        self.bucket = TokenBucket(per_minute / 60.0, env_number("CAREERBOT_SESSIONS_BURST", 30))
        self.lock = threading.Lock()

    def wait(self, address: str) -> float:
        """0 when `address` may have a new session now, else the seconds until it may."""
        with self.lock:
            return self.bucket.take(address)


def cross_site(headers: object) -> bool:
    """True for a request made by another site's page: its `Origin` is not in CORS_ORIGINS (when set), or the
    browser says so (`Sec-Fetch-Site: cross-site`, sent by browsers even for a <script src>)."""
    origin = headers.get("Origin")  # type: ignore[attr-defined]
    if origin and sessions.allowed_origins() and not sessions.origin_allowed(origin):
        return True
    return headers.get("Sec-Fetch-Site", "").lower() == "cross-site"  # type: ignore[attr-defined]


READ_TIMEOUT_SECONDS = 10.0  # each read of a request
HEADER_DEADLINE_SECONDS = 15.0  # the request line and all headers, however slowly they trickle in


def make_handler(socket_url: str, socket_path: str) -> type:
    config = "window.CAREERBOT_CONFIG = " + json.dumps({"socketUrl": socket_url, "socketPath": socket_path}) + ";\n"
    csp = content_security_policy(socket_url)
    issuance = Issuance()

    class Handler(BaseHTTPRequestHandler):
        server_version = "careerbot-web"
        sys_version = ""
        timeout = READ_TIMEOUT_SECONDS  # per read: an idle connection is closed
        default_request_version = "HTTP/1.0"  # not 0.9: errors for unparsable request lines carry headers too

        def setup(self) -> None:
            """A deadline for the request line and headers (slowloris): past it the connection is shut."""
            super().setup()
            self._deadline = threading.Timer(HEADER_DEADLINE_SECONDS, self._expire)
            self._deadline.daemon = True
            self._deadline.start()

        def _expire(self) -> None:
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)

        def parse_request(self) -> bool:
            parsed = super().parse_request()  # reads the headers
            self._deadline.cancel()
            return parsed

        def finish(self) -> None:
            self._deadline.cancel()
            super().finish()

        def end_headers(self) -> None:
            """The security headers on every response: pages, 404s and http.server's own error pages alike."""
            self.send_header("Content-Security-Policy", csp)
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Referrer-Policy", "no-referrer")
            self.send_header("X-Frame-Options", "DENY")
            super().end_headers()

        def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
            self._serve(head=False)

        def do_HEAD(self) -> None:  # noqa: N802
            self._serve(head=True)

        def _serve(self, head: bool) -> None:
            path = urlsplit(self.path).path
            if path == "/config.js":
                body, ctype = config.encode(), "text/javascript; charset=utf-8"
            elif path == "/session.js":
                self._serve_session(head)
                return
            elif path in FILES:
                file, ctype = FILES[path]
                try:
                    body = file.read_bytes()
                except OSError:
                    self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)
                    return
            else:
                self._send(HTTPStatus.NOT_FOUND, b"not found\n", "text/plain; charset=utf-8", head)
                return
            self._send(HTTPStatus.OK, body, ctype, head)

        def _serve_session(self, head: bool) -> None:
            js = "text/javascript; charset=utf-8"
            if cross_site(self.headers):
                self._send(HTTPStatus.FORBIDDEN, b"/* sessions are for this site's own page */\n", js, head)
                return
            wait = issuance.wait(self.client_address[0])
            if wait:
                body = b"/* too many new sessions from this address; try again later */\n"
                self._send(HTTPStatus.TOO_MANY_REQUESTS, body, js, head, {"Retry-After": str(math.ceil(wait))})
                return
            self._send(HTTPStatus.OK, session_js().encode(), js, head)

        def _send(
            self, status: HTTPStatus, body: bytes, ctype: str, head: bool, extra: Dict[str, str] | None = None
        ) -> None:
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store" if self.path.startswith("/session.js") else "no-cache")
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            self.end_headers()
            if not head:
                self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            if os.environ.get("WEB_QUIET") != "1":
                super().log_message(format, *args)

    return Handler


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("BIND_HOST", "127.0.0.1"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("WEB_PORT", "8000")))
    parser.add_argument(
        "--socket-url",
        default=os.environ.get("SOCKET_URL") or f"http://127.0.0.1:{os.environ.get('RASA_PORT', '5005')}",
        help="where the browser reaches Rasa's socket.io channel",
    )
    parser.add_argument("--socket-path", default="/socket.io/")
    args = parser.parse_args()
    check_bundle()
    sessions.secret()  # the key Rasa also reads: generated now if this is the first start
    try:
        origin_of(args.socket_url)
    except ValueError as e:
        sys.exit(f"careerbot web: --socket-url: {e}")
    handler = make_handler(args.socket_url, args.socket_path)
    fd = os.environ.pop("CAREERBOT_LISTEN_FD", None)
    if fd:  # serving/supervisor.py keeps the port open across restarts and hands the socket over
        server = ThreadingHTTPServer((args.host, args.port), handler, bind_and_activate=False)
        server.socket.close()
        server.socket = socket.socket(fileno=int(fd))
    else:
        server = ThreadingHTTPServer((args.host, args.port), handler)
    server.daemon_threads = True
    print(f"careerbot web: serving {WEB} on http://{args.host}:{args.port}/ (Rasa at {args.socket_url})", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
