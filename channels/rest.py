"""REST channel (`/webhooks/rest/webhook`) that validates requests and guards every message.

Malformed requests get a 4xx with a JSON error body (never an HTML page or a trace), and the server
keeps serving.
"""

from __future__ import annotations

import json
import os
from typing import Any, Dict, Tuple, Union

from rasa.core.channels.channel import CollectingOutputChannel, UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels.guard import Handler, guarded

MAX_BODY_BYTES = int(os.environ.get("CAREERBOT_MAX_BODY_BYTES", "65536"))


def error(status: int, message: str) -> HTTPResponse:
    return response.json({"error": message, "status": status}, status=status)


def parse_body(request: Request) -> Union[Tuple[str, str, Dict[str, Any]], HTTPResponse]:
    """(sender, message, metadata) from a REST request, or the 4xx response that explains what is wrong."""
    if len(request.body or b"") > MAX_BODY_BYTES:
        return error(413, f"request body is larger than {MAX_BODY_BYTES} bytes")
    try:
        body = json.loads(request.body or b"")
    except (ValueError, UnicodeDecodeError):
        return error(400, 'body must be JSON like {"sender": "someone", "message": "hi"}')
    if not isinstance(body, dict):
        return error(400, "body must be a JSON object")
    sender, message = body.get("sender"), body.get("message")
    if isinstance(sender, int) and not isinstance(sender, bool):
        sender = str(sender)
    if not isinstance(sender, str) or not sender.strip() or len(sender) > 128:
        return error(400, "'sender' must be a non-empty string of at most 128 characters")
    if not isinstance(message, str):
        return error(400, "'message' must be a string")
    metadata = body.get("metadata")
    if metadata is not None and not isinstance(metadata, dict):
        return error(400, "'metadata' must be a JSON object")
    return sender, message, metadata or {}


class GuardedRestInput(RestInput):
    """Rasa's REST channel with request validation and the message guard."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: Handler) -> Blueprint:
        handle = guarded(on_new_message)
        webhook = Blueprint("careerbot_rest_webhook", __name__)

        @webhook.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @webhook.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            parsed = parse_body(request)
            if isinstance(parsed, HTTPResponse):
                return parsed
            sender, text, metadata = parsed
            collector = CollectingOutputChannel()
            await handle(UserMessage(text, collector, sender, input_channel=self.name(), metadata=metadata))
            return response.json(collector.messages)

        return webhook
