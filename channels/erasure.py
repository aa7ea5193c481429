"""The "forget me" command of the chat: a person erases their own conversation, after confirming.

The guard (channels/guard.py) answers these before Rasa sees them, so neither the request nor the confirmation
is stored. "forget me", "delete my data", "erase my conversation" (and a few close variants, as the whole
message) get a question with two buttons; "Yes, erase" deletes the conversation from the tracker store while
holding Rasa's lock for it (agent.lock_store: in memory, or Redis with several instances), so a turn still in
flight cannot write it back afterwards; "No, keep it" leaves it. Only the sender's own conversation can be
erased: the payloads carry no id.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Dict

from stores.erasure import erase

logger = logging.getLogger(__name__)

PHRASES = frozenset(
    {
        "forget me",
        "delete my data",
        "erase my data",
        "erase my conversation",
        "delete my conversation",
        "erase this conversation",
        "delete this conversation",
        "forget this conversation",
        "forget our conversation",
    }
)
CONFIRM = "/careerbot_forget_yes"
CANCEL = "/careerbot_forget_no"
ASK: Dict[str, Any] = {
    "text": "Do you want me to erase this conversation, everything you said here, from my records? "
    "This cannot be undone.",
    "buttons": [{"title": "Yes, erase", "payload": CONFIRM}, {"title": "No, keep it", "payload": CANCEL}],
}
DONE = (
    "Done: this conversation is erased from my records. The messages on your screen stay until you close it; "
    "anything you ask next starts a fresh conversation."
)
KEPT = "OK, I kept the conversation. What would you like to know about AI or ML engineering?"
FAILED = "Sorry, I couldn't erase the conversation just now. Please try again in a moment."
_PUNCTUATION = re.compile(r"[\s.!?,;:'\"]+")


def wants_erasure(text: str) -> bool:
    """True when the whole message is one of the erasure phrases (case, spaces and punctuation ignored)."""
    if len(text) > 60:
        return False
    words = _PUNCTUATION.sub(" ", text.lower()).strip()
    words = words.removeprefix("please ").removesuffix(" please")
    return words in PHRASES


async def erase_conversation(agent: Any, sender_id: str) -> bool:
    """Delete the conversation under its lock; False (logged) when it could not be done."""
    store = getattr(getattr(agent, "tracker_store", None), "_tracker_store", None)
    engine = getattr(store, "engine", None)
    if agent is None or engine is None:
        logger.error("careerbot: erasure needs a SQL tracker store and a loaded model")
        return False
    try:
        async with agent.lock_store.lock(sender_id):
            await asyncio.get_running_loop().run_in_executor(None, erase, engine, [sender_id])
            cache = getattr(store, "_cache", None)
            if cache is not None:
                cache.pop(sender_id, None)
    except Exception:  # noqa: BLE001 - logged for operators; the person gets a plain sentence
        logger.exception("careerbot: erasing a conversation failed")
        return False
    logger.info("careerbot: erased a conversation at its owner's request")
    return True
