"""The action server as careerbot runs it: rasa_sdk's app, answering /webhook to Rasa only.

rasa_sdk runs any action for anyone who can reach its port, with a made-up tracker and a body of any size, and
listens on 0.0.0.0 unless told otherwise. serving/launcher.py calls `install()` before rasa_sdk builds its app:

- a shared token: every request but GET /health must carry `X-Careerbot-Action-Token: $CAREERBOT_ACTION_TOKEN`
  (compared in constant time), else 401 JSON. Rasa sends it from endpoints.yml's `action_endpoint.headers`. The
  server refuses to start without the variable; `make serve`/`make run` (scripts/common.sh) and ops/servers.py
  generate one per run when it is unset, so Rasa and the action server they start share it.
- bodies over CAREERBOT_ACTIONS_MAX_BODY_BYTES (default 2 MiB: a long conversation's tracker) are refused with 413
  before they are read.
- bound to 127.0.0.1 unless SANIC_HOST says otherwise (rasa_sdk's own default is 0.0.0.0).
"""

from __future__ import annotations

import hmac
import os
import sys
from typing import Any

TOKEN_ENV = "CAREERBOT_ACTION_TOKEN"
TOKEN_HEADER = "X-Careerbot-Action-Token"
MAX_BODY_BYTES = int(os.environ.get("CAREERBOT_ACTIONS_MAX_BODY_BYTES", str(2 * 1024 * 1024)))
OPEN_PATHS = frozenset({"/health"})


def token_from_env() -> str:
    """The shared token; exits with one line naming the variable when it is unset or too short."""
    token = os.environ.get(TOKEN_ENV, "")
    if len(token) < 16:
        sys.exit(
            f"careerbot actions: {TOKEN_ENV} must be set to a shared secret of at least 16 characters (the same "
            "value Rasa sends from endpoints.yml); `make serve` and `make run` generate one per run"
        )
    return token


def authorised(headers: Any, token: str) -> bool:
    offered = headers.get(TOKEN_HEADER) or ""
    return hmac.compare_digest(offered.encode("utf-8", "replace"), token.encode())


def protect(app: Any, token: str) -> Any:
    """Add the token check and the body limit to rasa_sdk's Sanic app."""
    from sanic import response
    from sanic.exceptions import SanicException

    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES

    @app.exception(SanicException)  # before rasa_sdk's catch-all, which makes every error a 500 echoing the body
    async def http_error(_request: Any, exception: SanicException) -> Any:
        status = getattr(exception, "status_code", 500) or 500
        return response.json({"error": str(exception), "status": status}, status=status)

    @app.middleware("request")
    async def check_token(request: Any) -> Any:
        if request.path in OPEN_PATHS or authorised(request.headers, token):
            return None
        return response.json({"error": "this server answers Rasa only", "status": 401}, status=401)

    return app


def install() -> None:
    """Make rasa_sdk build its app with `protect` applied, bound to loopback by default."""
    import rasa_sdk.endpoint as endpoint

    from patches import check

    check("rasa_sdk.endpoint.create_app")
    token = token_from_env()
    os.environ.setdefault("SANIC_HOST", "127.0.0.1")
    original = endpoint.create_app

    def create_app(*args: Any, **kwargs: Any) -> Any:
        return protect(original(*args, **kwargs), token)

    endpoint.create_app = create_app
