"""socket.io channel for the web widget, with the same message guard as the REST channel.

Rasa's socket.io server turns off python-socketio's own origin check (`cors_allowed_origins=[]`) and leaves
browsers to the HTTP CORS headers of `--cors`. Those protect long-polling, but browsers do not apply CORS to
WebSockets, so any web page could open a websocket-only connection and chat through our server. This channel
therefore refuses a socket.io connection whose browser `Origin` is not in `CORS_ORIGINS` (space-separated, the
same list scripts/serve.sh passes to `--cors`). Clients that send no Origin (not a browser) are unaffected,
and when `CORS_ORIGINS` is unset nothing changes from Rasa's behaviour.
"""

from __future__ import annotations

import logging
import os
from typing import Any, Dict, FrozenSet

from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.guard import Handler, guarded

logger = logging.getLogger(__name__)


def allowed_origins() -> FrozenSet[str]:
    """Browser origins allowed to connect (CORS_ORIGINS); empty means no check."""
    return frozenset(os.environ.get("CORS_ORIGINS", "").split())


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel; every message goes through `guarded`, every connection through an origin check."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        blueprint = super().blueprint(guarded(on_new_message))
        namespace = self.namespace or "/"
        rasa_connect = self.sio.handlers[namespace]["connect"]
        origins = allowed_origins()

        async def connect(sid: str, environ: Dict[str, Any], auth: Dict | None = None) -> bool:
            origin = environ.get("HTTP_ORIGIN")
            if origins and origin and origin not in origins:
                logger.warning(f"socket.io connection refused: origin {origin!r} is not in CORS_ORIGINS")
                return False
            return await rasa_connect(sid, environ, auth)

        self.sio.on("connect", connect, namespace=namespace)
        return blueprint
