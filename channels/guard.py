"""A guard around every incoming message, shared by the REST and socket.io channels.

It gives a clear reply instead of silence or a stack trace: empty and over-long messages are answered
without running NLU, and when processing produced no reply at all (the action server is down or
failed, an unexpected error) the person gets an apology and can simply try again; the conversation
itself is kept in the tracker store.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import OutputChannel, UserMessage

logger = logging.getLogger(__name__)

MAX_MESSAGE_CHARS = int(os.environ.get("CAREERBOT_MAX_MESSAGE_CHARS", "1000"))
# Rasa waits up to 5 minutes for the action server; a person should not. Past this, give up and apologise.
REPLY_TIMEOUT_SECONDS = float(os.environ.get("CAREERBOT_REPLY_TIMEOUT", "20"))
EMPTY_REPLY = (
    "I didn't get any text there. Ask me about AI Engineer or Machine Learning Engineer careers, or type 'help'."
)
TOO_LONG_REPLY = (
    f"That message is too long for me (over {MAX_MESSAGE_CHARS} characters). Could you ask it in a sentence or two?"
)
APOLOGY = "Sorry, something went wrong on my side and I couldn't answer. Please try again in a moment."

Handler = Callable[[UserMessage], Awaitable[Any]]


class CountingOutput(OutputChannel):
    """Passes every bot message to the real output channel and counts them."""

    def __init__(self, inner: OutputChannel) -> None:
        self.inner = inner
        self.sent = 0

    @classmethod
    def name(cls) -> str:
        return "counting"

    async def send_response(self, recipient_id: str, message: Dict[str, Any]) -> None:
        self.sent += 1
        await self.inner.send_response(recipient_id, message)

    def __getattr__(self, item: str) -> Any:  # e.g. CollectingOutputChannel.messages
        return getattr(self.inner, item)


def refusal(text: str | None) -> str | None:
    """The reply for a message that should not reach NLU, or None when it may."""
    if text is None or not text.strip():
        return EMPTY_REPLY
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None


def guarded(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler with the checks above."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        reply = refusal(message.text)
        if reply is not None:
            await output.send_text_message(message.sender_id, reply)
            return
        counting = CountingOutput(output)
        message.output_channel = counting
        try:
            await asyncio.wait_for(on_new_message(message), REPLY_TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            logger.warning("careerbot: no reply within %ss (action server slow?)", REPLY_TIMEOUT_SECONDS)
        except Exception:  # logged with its trace for operators; the person gets a plain apology
            logger.exception("careerbot: processing a message failed")
        if counting.sent == 0:
            logger.warning("careerbot: no reply was produced for a message; sent an apology instead")
            await output.send_text_message(message.sender_id, APOLOGY)

    return handle
