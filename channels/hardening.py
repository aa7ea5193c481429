"""The Rasa server's HTTP surface: bodies refused before buffering, JSON errors everywhere, no version banner.

Installed when Rasa imports careerbot's channels (channels.install_rasa_patches, called by channels/guard.py and
health.py), which it does before it builds its Sanic app, so it applies however Rasa is started (`make serve`,
the tests, `rasa shell`, a Kubernetes pod):

- REQUEST_MAX_SIZE = CAREERBOT_MAX_BODY_BYTES (64 KiB): Sanic's default is 100 MB and it buffered a whole body
  before the REST channel's own check; now a larger Content-Length is refused with 413 before the body is read.
  REQUEST_TIMEOUT (CAREERBOT_REQUEST_TIMEOUT, 15 s): a client that sends its request slowly is cut off.
- Every error Sanic itself answers (404, 405 on GET /webhooks/rest/webhook, 413, 408, 500) is
  {"error": ..., "status": ...} JSON instead of an HTML page.
- `GET /` says {"status": "ok"} instead of "Hello from Rasa: <version>" (no version for scanners).
"""

from __future__ import annotations

import logging
import os
from typing import Any, Callable

import rasa.core.run
import rasa.server
from sanic import Sanic, response
from sanic.exceptions import SanicException
from sanic.request import Request
from sanic.response import HTTPResponse

from patches import check
from patches.action_connection import close_sessions

logger = logging.getLogger(__name__)

MAX_BODY_BYTES = int(os.environ.get("CAREERBOT_MAX_BODY_BYTES", "65536"))
REQUEST_TIMEOUT_SECONDS = float(os.environ.get("CAREERBOT_REQUEST_TIMEOUT", "15"))
_installed = False


def add_root_route(app: Sanic) -> None:
    """Rasa's `GET /`, without the version."""

    @app.get("/")
    async def hello(_: Request) -> HTTPResponse:
        return response.json({"status": "ok"})


def json_error(_request: Request, exception: BaseException) -> HTTPResponse:
    """The body of every error Sanic answers itself; Rasa's own API errors keep their JSON."""
    info = getattr(exception, "error_info", None)
    if isinstance(exception, SanicException):
        status = getattr(exception, "status_code", 500) or 500
        message = str(exception) or type(exception).__name__
    else:
        logger.error("careerbot: unhandled error in a request", exc_info=exception)
        status, message = 500, "internal error"
    headers = dict(getattr(exception, "headers", None) or {})
    body = info if isinstance(info, dict) else {"error": message, "status": status}
    return response.json(body, status=status, headers=headers)


def harden(app: Sanic) -> Sanic:
    """Apply the limits and the JSON error handler to Rasa's app."""
    app.config.REQUEST_MAX_SIZE = MAX_BODY_BYTES
    app.config.REQUEST_TIMEOUT = REQUEST_TIMEOUT_SECONDS
    app.config.FALLBACK_ERROR_FORMAT = "json"
    handler = app.error_handler
    while handler is not None:  # Sanic-CORS wraps the app's handler (CORSErrorHandler.orig_handler): set both
        handler.default = json_error
        handler = getattr(handler, "orig_handler", None)
    app.register_listener(close_sessions, "after_server_stop")  # the action server's kept connections
    return app


def _wrap(configure_app: Callable[..., Sanic]) -> Callable[..., Sanic]:
    def configure(*args: Any, **kwargs: Any) -> Sanic:
        return harden(configure_app(*args, **kwargs))

    return configure


def install() -> None:
    """Patch Rasa's app construction (idempotent)."""
    global _installed
    if _installed:
        return
    check("rasa.server.add_root_route, rasa.core.run.configure_app")
    rasa.server.add_root_route = add_root_route
    rasa.core.run.configure_app = _wrap(rasa.core.run.configure_app)
    _installed = True
