"""Optional signed sessions: with CAREERBOT_JWT_SECRET set, a conversation accepts only messages whose token names it.

Without it the sender id (REST `sender`, the widget's socket.io `session_id`) is a bearer secret the client
picks: whoever knows or guesses one can write into that conversation and, on socket.io, join its room and read
the replies. With a secret, the chat page's server (serving/page_server.py, GET /session.js) hands each new
visitor a fresh random sender id and an HS256 JWT whose `sub` claim names it, and the channels accept a message
only when its token verifies and names the message's sender id:

    REST       header `Authorization: Bearer <token>`; otherwise 401 with a JSON error
    socket.io  `customData.token` (rasa-webchat sends customData with every message) or `metadata.token`;
               a socket joins a conversation's room only after such a message, so nobody else's replies reach it
"""

from __future__ import annotations

import os
from typing import Any

import jwt

ALGORITHM = "HS256"


def secret() -> str | None:
    return os.environ.get("CAREERBOT_JWT_SECRET") or None


def verified_sender(token: Any, key: str) -> str | None:
    """The sender id the token names, or None when it is missing, malformed, expired or signed with another key."""
    if not isinstance(token, str) or not token or len(token) > 4096:
        return None
    token = token.removeprefix("Bearer ").strip()
    try:
        claims = jwt.decode(token, key, algorithms=[ALGORITHM], options={"require": ["sub"]})
    except jwt.PyJWTError:
        return None
    sender = claims.get("sub")
    return sender if isinstance(sender, str) else None


def issue(sender_id: str, key: str, lifetime_seconds: int = 86_400) -> str:
    """A token naming `sender_id` (used by tests; serving/page_server.py issues the same with PyJWT)."""
    import time

    now = int(time.time())
    return jwt.encode({"sub": sender_id, "iat": now, "exp": now + lifetime_seconds}, key, algorithm=ALGORITHM)
