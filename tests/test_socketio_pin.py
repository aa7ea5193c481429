"""python-socketio must stay below 5.10 while Rasa 3.6 calls `sio.enter_room(...)` without `await`.

From 5.10 `AsyncServer.enter_room` is a coroutine: Rasa's un-awaited call then never puts the widget's socket
in its session room, and every bot reply (sent to that room) is lost: the web chat stays silent
(RasaHQ/rasa#13027). tests/e2e/test_widget.py catches the same thing end to end, in a browser.
"""

from __future__ import annotations

import inspect
from importlib.metadata import version

import socketio
from packaging.version import Version
from rasa.core.channels.socketio import SocketIOInput


def test_python_socketio_is_below_5_10() -> None:
    installed = Version(version("python-socketio"))
    assert installed < Version("5.10"), (
        f"python-socketio {installed} is installed; Rasa 3.6 needs < 5.10 (pin 5.9.0), "
        "or the web widget never gets the bot's replies (RasaHQ/rasa#13027)"
    )


async def test_rasa_enter_room_call_joins_the_session_room() -> None:
    """Do what Rasa's session_request handler does, un-awaited, and check the socket really is in the room."""
    sio = socketio.AsyncServer(async_mode="asgi")
    sid = sio.manager.connect("engineio-sid-1", "/")
    if inspect.isawaitable(sid):  # python-socketio >= 5.10
        sid = await sid
    result = sio.enter_room(sid, "session-123")  # as in rasa/core/channels/socketio.py: no await
    if inspect.isawaitable(result):
        result.close()  # don't leave a "never awaited" coroutine behind
    participants = [p[0] if isinstance(p, tuple) else p for p in sio.manager.get_participants("/", "session-123")]
    assert sid in participants, "an un-awaited enter_room did not join the room: bot replies would be lost"


def test_rasa_still_calls_enter_room_unawaited() -> None:
    """Documents why the pin exists; when Rasa awaits the call, the pin can be lifted (and this test changed)."""
    source = inspect.getsource(SocketIOInput.blueprint)
    assert "sio.enter_room(" in source
    assert "await sio.enter_room(" not in source
