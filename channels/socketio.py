"""socket.io channel for the web widget, with the same message guard as the REST channel."""

from __future__ import annotations

from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from channels.guard import Handler, guarded


class GuardedSocketIOInput(SocketIOInput):
    """Rasa's socket.io channel; every message goes through `guarded`."""

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        return super().blueprint(guarded(on_new_message))
