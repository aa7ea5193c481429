"""The "forget me" command of the chat: a person erases their own conversation, after the bot asked and they said yes.

The guard (channels/guard.py) handles it before NLU and the dialogue policies, in every state (the role-fit
interview included) and on every channel it guards: REST, socket.io (the widget) and `rasa shell`
(serving/terminal.py installs the guarded terminal channel).

1. The request: a known phrase ("forget me", "delete my data", ...) or, when the message has an erasure verb, what
   NLU makes of it (intent `request_erasure`, data/nlu.yml: "can you forget me?", "I want my data deleted", ...).
   The bot answers with the question ASK (two buttons), and stores that question, not the request, in the
   conversation: the question on record is what makes a later "yes" a confirmation.
2. The answer: when the bot's latest message in THIS conversation is the question, the button "Yes, erase" or a
   typed yes ("yes", "yes, erase", "sure", "ok do it", ...) deletes the conversation from the tracker store while
   holding Rasa's lock for it (agent.lock_store: in memory, or Redis with several instances), so a turn still in
   flight cannot write it back; "No, keep it" or a typed no keeps it (and answers the question on record). Any
   other message goes on as usual. The confirm payload with no question pending erases nothing.

Only the sender's own conversation can be erased (the payloads carry no id), and the channels only accept a
sender whose session token names it (socket.io always; REST too, except a tokenless request on loopback outside the
production layout: channels/sessions.py).
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Dict

from rasa.shared.core.events import BotUttered

from stores.erasure import erase

logger = logging.getLogger(__name__)

INTENT = "request_erasure"  # data/nlu.yml, domain.yml (utter_ask_erasure, the same question as ASK)
PHRASES = frozenset(
    {
        "forget me",
        "can you forget me",
        "delete my data",
        "erase my data",
        "remove my data",
        "erase my conversation",
        "delete my conversation",
        "erase this conversation",
        "delete this conversation",
        "forget this conversation",
        "forget our conversation",
        "erase what i said",
        "i want my data deleted",
    }
)
# A message NLU is asked about only when it has one of these (the common path stays a regex test).
ERASURE_WORDS = re.compile(r"\b(forget|forgotten|delet\w*|eras\w*|remov\w*|wipe\w*|purg\w*|clear\w*|rid)\b", re.I)
YES = frozenset(
    {
        "y",
        "yes",
        "yes erase",
        "yes erase it",
        "yes delete it",
        "yes do it",
        "yes go ahead",
        "yep",
        "yeah",
        "sure",
        "sure go ahead",
        "ok",
        "okay",
        "ok do it",
        "okay do it",
        "do it",
        "go ahead",
        "erase it",
        "delete it",
        "confirm",
        "i confirm",
        "yes i am sure",
        "yes im sure",
    }
)
NO = frozenset(
    {"n", "no", "no keep it", "keep it", "nope", "no thanks", "no thank you", "cancel", "dont", "never mind"}
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
NOT_ASKED = (
    'I haven\'t asked to erase anything here, so nothing was erased. To erase this conversation, say "forget me".'
)
NOTHING_STORED = "I have nothing stored from this conversation yet, so there is nothing to erase."
FAILED = "Sorry, I couldn't erase the conversation just now. Please try again in a moment."
_PUNCTUATION = re.compile(r"[\s.!?,;:'\"]+")


def words(text: str) -> str:
    """The message lowercased, punctuation and a leading/trailing "please" dropped: "Yes, erase!" -> "yes erase"."""
    plain = _PUNCTUATION.sub(" ", text.lower().replace("'", "")).strip()
    return plain.removeprefix("please ").removesuffix(" please").strip()


def is_yes(text: str) -> bool:
    return text.strip() == CONFIRM or (len(text) <= 40 and words(text) in YES)


def is_no(text: str) -> bool:
    return text.strip() == CANCEL or (len(text) <= 40 and words(text) in NO)


def is_known_request(text: str) -> bool:
    """True when the whole message is one of the erasure phrases (case, spaces and punctuation ignored)."""
    return len(text) <= 60 and words(text) in PHRASES


async def wants_erasure(agent: Any, text: str) -> bool:
    """A known phrase, or a message with an erasure word that NLU reads as `request_erasure`."""
    if is_known_request(text):
        return True
    if agent is None or len(text) > 200 or not ERASURE_WORDS.search(text):
        return False
    try:
        parsed = await agent.parse_message(text)
    except Exception:  # noqa: BLE001 - no verdict: the message goes on to Rasa as usual
        logger.exception("careerbot: NLU failed on a possible erasure request")
        return False
    return (parsed.get("intent") or {}).get("name") == INTENT


def _latest_bot_text(tracker: Any) -> str | None:
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return event.text
    return None


async def asked(agent: Any, sender_id: str) -> bool:
    """True when the bot's latest message in this conversation is the erasure question."""
    if agent is None:
        return False
    tracker = await agent.tracker_store.retrieve(sender_id)
    return tracker is not None and _latest_bot_text(tracker) == ASK["text"]


async def record(agent: Any, sender_id: str, message: Dict[str, Any]) -> bool:
    """Store a bot message the guard sent (the question, or "kept") in the conversation; False when there is none."""
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None:
            return False
        data = {"buttons": message["buttons"]} if message.get("buttons") else {}
        tracker.update(BotUttered(message["text"], data=data))
        await agent.tracker_store.save(tracker)
    return True


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


async def answer(agent: Any, sender_id: str, text: str) -> Dict[str, Any] | str | None:
    """What the guard replies to `text` on the erasure path, or None when the message is not part of it."""
    if is_yes(text) or is_no(text):
        if await asked(agent, sender_id):
            if is_no(text):
                await record(agent, sender_id, {"text": KEPT})  # the question is answered: a later "yes" is not
                return KEPT
            return DONE if await erase_conversation(agent, sender_id) else FAILED
        if text.strip() == CONFIRM:
            return NOT_ASKED
        return KEPT if text.strip() == CANCEL else None
    if await wants_erasure(agent, text):
        if agent is None or not await record(agent, sender_id, ASK):
            return NOTHING_STORED if agent is not None else FAILED
        return dict(ASK)
    return None
