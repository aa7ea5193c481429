"""REST channel (`/webhooks/rest/webhook`) that validates requests and guards every message.

Malformed requests get a 4xx with a JSON error body (never an HTML page or a trace), and the server keeps serving.
The sender id and metadata keys must be printable text of bounded length (channels/identifiers.py), else 400.
Message metadata is stored with every event, so it is bounded (CAREERBOT_MAX_METADATA_BYTES, 2048 as JSON); a message
over a rate limit (channels/limits.py: its conversation's, its client's or the server's) gets 429 with Retry-After.
Signed sessions (channels/sessions.py): when Rasa is reachable by strangers (beyond loopback, the production layout)
a message needs `Authorization: Bearer <token>` naming its sender, else 401; a token sent is checked everywhere.
Every message changes its conversation (and "forget me" can erase it), so a browser request from a page whose
`Origin` is not in CORS_ORIGINS gets 403: another web site cannot post into, or erase, someone's conversation.
"""

from __future__ import annotations

import json
import math
import os
from typing import Any, Dict, Tuple, Union

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import hardening, runtime, sessions
from channels.guard import LIMITER, Handler, guarded
from channels.identifiers import identifier_problem, valid_metadata_keys

MAX_BODY_BYTES = hardening.MAX_BODY_BYTES  # Sanic refuses larger bodies before reading them
MAX_METADATA_BYTES = int(os.environ.get("CAREERBOT_MAX_METADATA_BYTES", "2048"))


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message, "status": status}, status=status)


def parse_body(request: Request) -> Union[Tuple[str, str, Dict[str, Any]], HTTPResponse]:
    """(sender, message, metadata) from a REST request, or the 4xx response that explains what is wrong."""
    if len(request.body or b"") > MAX_BODY_BYTES:
        return error(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError, RecursionError):  # RecursionError: absurdly deep nesting
        return error(400, 'body must be JSON like {"sender": "someone", "message": "hi"}')
    if not isinstance(body, dict):
        return error(400, "body must be a JSON object")
    sender, message = body.get("sender"), body.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    problem = identifier_problem(sender, "sender")
    if problem:
        return error(400, problem)
    if not isinstance(message, str):
        return error(400, "'message' must be a string")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return error(400, "'metadata' must be a JSON object")
    if metadata and metadata_size(metadata) > MAX_METADATA_BYTES:
        return error(413, f"'metadata' must be at most {MAX_METADATA_BYTES} bytes as JSON")
    if metadata and not valid_metadata_keys(metadata):
        return error(400, "'metadata' keys must be printable strings (no control characters, NUL or lone surrogates)")
    return sender, message, metadata or {}


def metadata_size(metadata: Any) -> int:
    """Size of the metadata as Rasa will store it; too deep to serialise counts as too big."""
    try:
        return len(json.dumps(metadata))
    except (ValueError, TypeError, RecursionError):
        return MAX_BODY_BYTES + 1


class GuardedRestInput(RestInput):
    """Rasa's REST channel with request validation and the message guard."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        handle = guarded(on_new_message)
        needs_token = sessions.rest_needs_token()
        webhook = Blueprint("careerbot_rest_webhook", __name__)
        runtime.remember_app(webhook)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = parse_body(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text, metadata = parsed
            if not sessions.origin_allowed(request.headers.get("Origin")):
                return error(403, "requests from this web page's origin are not allowed (CORS_ORIGINS)")
            authorization = request.headers.get("Authorization")
            if (authorization is not None or needs_token) and sessions.verified_sender(authorization) != sender:
                return error(
                    401,
                    "this conversation needs a valid session token naming its sender: Authorization: Bearer <token>"
                    " (docs/security-sessions.md says how to get one)",
                )
            wait = LIMITER.check(sender, LIMITER.client(request.ip, request.headers.get("X-Forwarded-For")))
            if wait:
                reply = error(429, f"too many messages; wait {math.ceil(wait)} s and try again")
                reply.headers["Retry-After"] = str(math.ceil(wait))
                return reply
            collector = CollectingOutputChannel()
            await handle(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            return response.json(collector.messages)

        return webhook
