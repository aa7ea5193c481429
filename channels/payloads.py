"""Which `/intent{...}` payloads a message may carry: only those the bot offered as buttons.

Rasa treats a message starting with "/" as an already-parsed intent with entities and skips NLU, so anyone could
send `/ask_salary{"role": "<anything>"}`. The guard lets such a message through only when it is exactly a payload
the bot offered: a button of one of the conversation's recent bot messages (read from the tracker store, so it
works whichever Rasa instance sent them), a button of any response in the domain (e.g. the greeting's), or the
chat page's opening `/greet`. Anything else is treated as plain text: the leading slash is dropped and NLU runs.
"""

from __future__ import annotations

from typing import Any, FrozenSet, Iterable

from rasa.shared.core.events import BotUttered

ALWAYS_ALLOWED = frozenset({"/greet"})  # web/chat.js's initPayload
RECENT_BOT_MESSAGES = 10
_domain_cache: dict[int, FrozenSet[str]] = {}


def _button_payloads(messages: Iterable[dict]) -> set[str]:
    found = set()
    for message in messages:
        for key in ("buttons", "quick_replies"):
            for button in message.get(key) or []:
                if isinstance(button, dict) and isinstance(button.get("payload"), str):
                    found.add(button["payload"].strip())
    return found


def domain_payloads(domain: Any) -> FrozenSet[str]:
    """Every button payload of the domain's responses (computed once per loaded domain)."""
    key = id(domain)
    if key not in _domain_cache:
        variations = [v for vs in (getattr(domain, "responses", None) or {}).values() for v in vs]
        _domain_cache.clear()
        _domain_cache[key] = frozenset(_button_payloads(variations))
    return _domain_cache[key]


async def offered(agent: Any, sender_id: str, payload: str) -> bool:
    """True when `payload` (stripped) is a button the bot offered in this conversation or in its responses."""
    if payload in ALWAYS_ALLOWED:
        return True
    if agent is None:
        return False
    if payload in domain_payloads(agent.domain):
        return True
    tracker = await agent.tracker_store.retrieve(sender_id)
    if tracker is None:
        return False
    recent = []
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            recent.append(event.data or {})
            if len(recent) >= RECENT_BOT_MESSAGES:
                break
    return payload in _button_payloads(recent)


def as_plain_text(text: str) -> str:
    """What NLU gets instead of a payload that was not offered: the text without its leading slashes."""
    return text.strip().lstrip("/").strip()
