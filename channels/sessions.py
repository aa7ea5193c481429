"""Signed sessions: a conversation accepts only messages whose token names it (docs/security-sessions.md).

A sender id alone (REST `sender`, the widget's socket.io `session_id`) is a bearer secret the client picks:
whoever knows or guesses one could write into that conversation and, on socket.io, join its room and read the
replies. So the chat page's server (serving/page_server.py, GET /session.js) hands each new visitor a fresh random
sender id and an HS256 JWT naming it (`sub`), for this service only (`aud`), with an expiry (`exp`); the channels
accept a message only when its token verifies, has not expired, is for this audience and names the sender:

    socket.io  always: `customData.token` (rasa-webchat sends customData with every message) or `metadata.token`;
               a socket joins a conversation's room only after such a message, so nobody else's replies reach it
    REST       `Authorization: Bearer <token>` whenever Rasa is reachable by strangers (`rest_needs_token`): it
               listens beyond loopback, or runs the production layout; on loopback a request without a token
               keeps Rasa's client-chosen sender ids (local scripts, tests, curl); a token sent is always checked

The key: CAREERBOT_JWT_SECRET when set (required in Kubernetes, where pods share no var/); otherwise one generated
on first start into var/session-secret (0600, var/ 0700), which Rasa and the page server both read, so they agree
without configuration. API clients get a
token from whoever holds the key: `python -m channels.sessions issue SENDER` (or the page server's /session.js).
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import jwt

ALGORITHM = "HS256"
AUDIENCE = "careerbot-chat"
TOKEN_LIFETIME_SECONDS = 86_400
MAX_TOKEN_CHARS = 4096
ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost"})
_cached: dict[str, str] = {}


def secret_file() -> Path:
    """Where the generated key lives (CAREERBOT_JWT_SECRET_FILE, default var/session-secret in the project)."""
    return Path(os.environ.get("CAREERBOT_JWT_SECRET_FILE") or ROOT / "var" / "session-secret")


def ensure_secret_file(path: Path | None = None) -> Path:
    """Create the key file once (0600 in a 0700 folder); atomic, so processes starting together share one key."""
    path = path or secret_file()
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(path.parent, 0o700)
    if path.exists():
        return path
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(temporary, path)  # fails if another process won the race: then its key is the key
        except FileExistsError:
            pass
    finally:
        temporary.unlink(missing_ok=True)
    return path


def secret() -> str:
    """The signing key: CAREERBOT_JWT_SECRET, else the generated file's content (created when missing)."""
    configured = os.environ.get("CAREERBOT_JWT_SECRET")
    if configured:
        return configured
    if os.environ.get("KUBERNETES_SERVICE_HOST"):  # each pod would generate its own key: tokens fail across pods
        raise RuntimeError("careerbot: in Kubernetes set CAREERBOT_JWT_SECRET (one Secret for every pod)")
    path = secret_file()
    key = _cached.get(str(path))
    if key is None:
        key = ensure_secret_file(path).read_text().strip()
        if not key:
            raise RuntimeError(f"careerbot: the session key file {path} is empty; delete it to generate a new one")
        _cached[str(path)] = key
    return key


def issue(sender_id: str, key: str | None = None, lifetime_seconds: int = TOKEN_LIFETIME_SECONDS) -> str:
    """A token naming `sender_id`, valid for `lifetime_seconds` (the page server and API clients use this)."""
    now = int(time.time())
    claims = {"sub": sender_id, "aud": AUDIENCE, "iat": now, "exp": now + lifetime_seconds}
    return jwt.encode(claims, key or secret(), algorithm=ALGORITHM)


def verified_sender(token: Any, key: str | None = None) -> str | None:
    """The sender id the token names; None when it is missing, malformed, expired, for another audience, without
    `exp`, or signed with another key."""
    if not isinstance(token, str) or not token or len(token) > MAX_TOKEN_CHARS:
        return None
    token = token.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(
            token,
            key or secret(),
            algorithms=[ALGORITHM],
            audience=AUDIENCE,
            options={"require": ["sub", "exp", "aud"]},
        )
    except jwt.PyJWTError:
        return None
    sender = claims.get("sub")
    return sender if isinstance(sender, str) and sender else None


def allowed_origins() -> frozenset[str]:
    """Browser origins allowed to act on conversations (CORS_ORIGINS, space-separated; "*" allows any)."""
    return frozenset(os.environ.get("CORS_ORIGINS", "").split())


def origin_allowed(origin: str | None) -> bool:
    """A request without `Origin` is not from a web page (curl, scripts): allowed. A page's must be listed."""
    if not origin:
        return True
    allowed = allowed_origins()
    return "*" in allowed or origin in allowed


def _argument(argv: Sequence[str], names: Sequence[str], default: str) -> str:
    for i, arg in enumerate(argv):
        for name in names:
            if arg == name and i + 1 < len(argv):
                return argv[i + 1]
            if arg.startswith(name + "="):
                return arg.split("=", 1)[1]
    return default


def rest_needs_token(argv: Sequence[str] | None = None, env: dict[str, str] | None = None) -> bool:
    """True when REST must carry a token: Rasa listens beyond loopback (`rasa run`'s own default is 0.0.0.0), the
    endpoints are the production layout, it runs in Kubernetes, or CAREERBOT_REST_TOKENS=required says so."""
    argv = sys.argv if argv is None else argv
    env = dict(os.environ) if env is None else env
    if env.get("CAREERBOT_REST_TOKENS", "auto").strip().lower() == "required":
        return True
    interface = _argument(argv, ["--interface", "-i"], "0.0.0.0").strip("[]")
    endpoints = Path(_argument(argv, ["--endpoints"], "endpoints.yml")).name
    production = endpoints == "endpoints.prod.yml" or bool(env.get("KUBERNETES_SERVICE_HOST"))
    return interface not in LOOPBACK or production


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m channels.sessions issue SENDER [--hours H]`: print a token for an API client."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    issuing = sub.add_parser("issue", help="print a bearer token naming SENDER")
    issuing.add_argument("sender")
    issuing.add_argument("--hours", type=float, default=24.0, help="lifetime (default 24)")
    sub.add_parser("init", help="create the key file if missing and print its path")
    args = parser.parse_args(argv)
    if args.command == "init":
        print(ensure_secret_file())
        return 0
    if not args.sender.strip() or len(args.sender) > 128:
        parser.error("SENDER must be a non-empty id of at most 128 characters")
    print(issue(args.sender, lifetime_seconds=max(1, int(args.hours * 3600))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
