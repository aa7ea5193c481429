"""A guard around every incoming message, shared by the REST and socket.io channels.

It gives a clear reply instead of silence or a stack trace: empty and over-long messages are answered
without running NLU, and when processing produced no reply at all (the action server is down or
failed, an unexpected error) the person gets an apology and can simply try again; the conversation
itself is kept in the tracker store.

It also keeps NLU from being bypassed: a message starting with "/" reaches Rasa as a payload only when the bot
offered it as a button (channels/payloads.py); otherwise it is read as plain text. And it answers the chat's
"forget me" command itself (channels/erasure.py). Rate limits (channels/limits.py: per conversation, per client,
server-wide) are applied by the channels, which know the client's address.

The sender id must be a valid identifier (channels/identifiers.py; the channels check it first and answer 400 or a
polite message) and the text loses control characters and lone surrogates before anything reads it. Any error,
including a tracker store's for this one conversation, becomes this conversation's apology, never a process exit
(stores/tracker_store.py keeps Rasa's SystemExit path unreachable).

Every message passes through here, so the common path stays cheap: a length check, a set lookup, a prefix test.
"""

from __future__ import annotations

import asyncio
import logging
import os
from typing import Any, Awaitable, Callable, Dict

from rasa.core.channels.channel import OutputChannel, UserMessage

from channels import erasure, install_rasa_patches, payloads, runtime
from channels.identifiers import clean_text, valid_identifier
from channels.limits import RateLimiter

logger = logging.getLogger(__name__)
install_rasa_patches()  # Rasa is loading the channels (see channels/__init__.py)

MAX_MESSAGE_CHARS = int(os.environ.get("CAREERBOT_MAX_MESSAGE_CHARS", "1000"))
# Rasa waits up to 5 minutes for the action server; a person should not. Past this, give up and apologise.
REPLY_TIMEOUT_SECONDS = float(os.environ.get("CAREERBOT_REPLY_TIMEOUT", "20"))
EMPTY_REPLY = (
    "I didn't get any text there. Ask me about AI Engineer or Machine Learning Engineer careers, or type 'help'."
)
TOO_LONG_REPLY = (
    f"That message is too long for me (over {MAX_MESSAGE_CHARS} characters). Could you ask it in a sentence or two?"
)
MALFORMED_SENDER_REPLY = "I couldn't read that message. Please reload the page and try again."
APOLOGY = "Sorry, something went wrong on my side and I couldn't answer. Please try again in a moment."

Handler = Callable[[UserMessage], Awaitable[Any]]
LIMITER = RateLimiter()  # one per process, shared by the REST and socket.io channels


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

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        self.sent += 1
        await self.inner.send_text_message(recipient_id, text, **kwargs)

    def __getattr__(self, item: str) -> Any:  # e.g. CollectingOutputChannel.messages
        return getattr(self.inner, item)


def refusal(text: str | None) -> str | None:
    """The reply for a message that should not reach NLU, or None when it may."""
    if text is None or not text.strip():
        return EMPTY_REPLY
    if len(text) > MAX_MESSAGE_CHARS:
        return TOO_LONG_REPLY
    return None


async def _answer_itself(message: UserMessage) -> bool:
    """Handle "forget me", its question and the answer here (channels/erasure.py); True when nothing more is needed."""
    reply = await erasure.answer(runtime.agent(), message.sender_id, message.text.strip())
    if reply is None:
        return False
    if isinstance(reply, str):
        await message.output_channel.send_text_message(message.sender_id, reply)
    else:
        await message.output_channel.send_response(message.sender_id, reply)
    return True


async def _process(message: UserMessage, on_new_message: Handler) -> None:
    """Rasa's handling of the message, with unoffered payloads read as plain text and a time limit."""
    if message.text.lstrip().startswith("/"):
        payload = message.text.strip()
        if not await payloads.offered(runtime.agent(), message.sender_id, payload):
            message.text = payloads.as_plain_text(payload)
            if not message.text:
                await message.output_channel.send_text_message(message.sender_id, EMPTY_REPLY)
                return
    await asyncio.wait_for(on_new_message(message), REPLY_TIMEOUT_SECONDS)


def guarded(on_new_message: Handler) -> Handler:
    """Wrap Rasa's message handler with the checks above."""

    async def handle(message: UserMessage) -> None:
        output = message.output_channel
        if not valid_identifier(message.sender_id):  # the channels refuse these first; this is the backstop
            logger.warning("careerbot: refused a message with an invalid sender id")
            await output.send_text_message("invalid", MALFORMED_SENDER_REPLY)
            return
        if isinstance(message.text, str):
            message.text = clean_text(message.text)
        reply = refusal(message.text)
        if reply is not None:
            await output.send_text_message(message.sender_id, reply)
            return
        counting = CountingOutput(output)
        message.output_channel = counting
        try:
            if not await _answer_itself(message):
                await _process(message, on_new_message)
        except asyncio.TimeoutError:
            logger.warning("careerbot: no reply within %ss (action server slow?)", REPLY_TIMEOUT_SECONDS)
        except Exception:  # logged with its trace for operators; the person gets a plain apology
            logger.exception("careerbot: processing a message failed")
        if counting.sent == 0:
            logger.warning("careerbot: no reply was produced for a message; sent an apology instead")
            await output.send_text_message(message.sender_id, APOLOGY)

    return handle
