"""socket.io channel for the web widget, with the same message guard as the REST channel.

Rasa's socket.io server turns off python-socketio's own origin check (`cors_allowed_origins=[]`) and leaves
browsers to the HTTP CORS headers of `--cors`. Those protect long-polling, but browsers do not apply CORS to
WebSockets, so any web page could open a websocket-only connection and chat through our server. This channel
therefore refuses a socket.io connection whose browser `Origin` is not in `CORS_ORIGINS` (space-separated, the
same list serving/supervisor.py passes to `--cors`; unset, no web page may connect). Clients that send no Origin (not a
browser) are unaffected.

Its events are validated like REST requests before Rasa's handlers see them: a `user_uttered` payload must be
an object with a string `message` and (with session_persistence) a `session_id` of at most MAX_ID_CHARS (128)
printable characters (channels/identifiers.py; a session request with any other id gets a fresh one); metadata
must be a JSON object of at most CAREERBOT_MAX_METADATA_BYTES with printable keys (else it is dropped); a
malformed payload gets a polite bot message instead of an exception in the server, and so does a client over a
rate limit (channels/limits.py: per session id, per remote address, and for the whole server). Sessions are
always signed (channels/sessions.py): a message must carry a token naming its session id, and a socket joins that
session's room (where Rasa sends the replies) only then; `session_request` with someone else's id confirms it but
joins nothing.
"""

from __future__ import annotations

import inspect
import json
import logging
import uuid
from typing import Any, Dict

from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels import runtime, sessions
from channels.guard import LIMITER, Handler, guarded
from channels.identifiers import valid_identifier, valid_metadata_keys
from channels.limits import RATE_LIMITED_REPLY
from channels.rest import MAX_BODY_BYTES, MAX_METADATA_BYTES, metadata_size

logger = logging.getLogger(__name__)


MALFORMED_REPLY = "I couldn't read that message. Please type your question again."
SESSION_REPLY = "This chat session is not valid (it may have expired). Please reload the page to start a new one."


def clean_payload(data: Any, metadata_key: str, needs_session: bool) -> Dict[str, Any] | None:
    """The `user_uttered` payload with bounded metadata, or None when it is malformed."""
    if not isinstance(data, dict) or not isinstance(data.get("message", ""), str):
        return None
    if len(data.get("message", "")) > MAX_BODY_BYTES:
        return None
    session_id = data.get("session_id")
    if needs_session and not valid_identifier(session_id):
        return None
    clean = dict(data)
    metadata = data.get(metadata_key)
    if isinstance(metadata, str):
        try:
            metadata = json.loads(metadata) if len(metadata) <= MAX_METADATA_BYTES else None
        except (ValueError, RecursionError):
            metadata = None
    if not isinstance(metadata, dict) or metadata_size(metadata) > MAX_METADATA_BYTES:
        metadata = {}
    elif not valid_metadata_keys(metadata):
        metadata = {}
    clean[metadata_key] = metadata
    return clean


def clean_session_request(data: Any) -> Dict[str, Any]:
    """Rasa indexes the session request's data: anything but {"session_id": str|None} becomes a fresh session."""
    if isinstance(data, dict) and (data.get("session_id") is None or valid_identifier(data["session_id"])):
        return {"session_id": data.get("session_id")}
    return {}


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel; every message goes through `guarded`, every connection through an origin check."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(guarded(on_new_message))
        sessions.secret()  # read (or, on the very first start, generate) the key now, not on the first message
        namespace = self.namespace or "/"
        rasa_connect = self.sio.handlers[namespace]["connect"]

        handlers = self.sio.handlers[namespace]
        rasa_message = handlers[self.user_message_evt]
        client_ips: Dict[str, str] = {}

        async def connect(sid: str, environ: Dict[str, Any], auth: Dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if not sessions.origin_allowed(origin):
                logger.warning(f"socket.io connection refused: origin {origin!r} is not in CORS_ORIGINS")
                return False
            accepted = await rasa_connect(sid, environ, auth)
            if accepted is not False:
                client_ips[sid] = LIMITER.client(environ.get("REMOTE_ADDR"), environ.get("HTTP_X_FORWARDED_FOR")) or ""
            return accepted

        async def disconnect(sid: str) -> None:
            client_ips.pop(sid, None)

        async def say(sid: str, text: str) -> None:
            await self.sio.emit(self.bot_message_evt, {"text": text}, room=sid, namespace=namespace)

        async def session_request(sid: str, data: Any = None) -> None:
            # Confirm the id, but join its room only once a message proves the token (join_if_signed).
            session_id = clean_session_request(data).get("session_id") or uuid.uuid4().hex
            await self.sio.emit("session_confirm", session_id, room=sid, namespace=namespace)

        async def join_if_signed(sid: str, clean: Dict[str, Any], data: Dict[str, Any]) -> bool:
            custom = data.get("customData") if isinstance(data.get("customData"), dict) else {}
            metadata = clean.get(self.metadata_key) or {}
            token = custom.get("token") or metadata.pop("token", None)
            session_id = clean.get("session_id") or sid
            if sessions.verified_sender(token) != session_id:
                return False
            joined = self.sio.enter_room(sid, session_id, namespace=namespace)
            if inspect.isawaitable(joined):  # python-socketio >= 5.10 made it a coroutine
                await joined
            return True

        async def user_uttered(sid: str, data: Any = None) -> None:
            clean = clean_payload(data, self.metadata_key, self.session_persistence)
            if clean is None:
                await say(sid, MALFORMED_REPLY)
                return
            if LIMITER.check(clean.get("session_id") or sid, client_ips.get(sid)):
                await say(sid, RATE_LIMITED_REPLY)
                return
            if not await join_if_signed(sid, clean, data):
                await say(sid, SESSION_REPLY)
                return
            await rasa_message(sid, clean)

        self.sio.on("connect", connect, namespace=namespace)
        self.sio.on("disconnect", disconnect, namespace=namespace)
        self.sio.on("session_request", session_request, namespace=namespace)
        self.sio.on(self.user_message_evt, user_uttered, namespace=namespace)
        runtime.remember_app(blueprint)
        return blueprint
