"""The running Rasa app, for channel code that needs the agent (its tracker store, lock store and domain).

Rasa builds the channels before it loads the model, and socket.io handlers get no request object, so each
guarded channel registers a listener that remembers the Sanic app once the server has started; the agent is
then read from `app.ctx.agent` at call time (it changes when a new model is loaded).
"""

from __future__ import annotations

from typing import Any

from sanic import Blueprint

_app: Any = None


def remember_app(blueprint: Blueprint) -> None:
    @blueprint.listener("after_server_start")
    async def _remember(app: Any, _loop: Any) -> None:
        global _app
        _app = app


def agent() -> Any:
    """The loaded agent, or None before the model is loaded (or outside a server, e.g. in unit tests)."""
    return getattr(getattr(_app, "ctx", None), "agent", None)
