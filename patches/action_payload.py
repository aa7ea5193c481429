"""Send the action server the current turn's events, not the whole conversation's, with every action call.

Rasa 3.6's `RemoteAction._action_call_format` serialises the tracker with every event of the session
(`EventVerbosity.ALL`: each user message with its full parse, each bot reply with its text and buttons) for every
custom action call, i.e. every turn: the payload, and the work of building, encoding and decoding it on both sides,
grows with the conversation. careerbot's actions read the conversation's memory from slots (the last answer's
subject and list, the interview's state) and look back through events only to the latest user message
(actions/actions.py, `started_this_turn`).

`install()` replaces `_action_call_format` with Rasa's own, except that `tracker.events` holds the events from the
latest user message on (all of them when there is none). Everything else (slots, latest_message, active loop,
latest action, followup action, paused, the domain when an action asks for it) is what Rasa sends. An action that
needs older events must read them from a slot. Installed with the other serving patches
(channels.install_rasa_patches). Version-fenced in patches/__init__.py ("rasa.RemoteAction._action_call_format").
"""

from __future__ import annotations

from typing import Any, Dict, List

import rasa
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker, EventVerbosity

from patches import check

_original = RemoteAction._action_call_format


def this_turn(tracker: DialogueStateTracker) -> List[Event]:
    """The events from the latest user message on; every event when the conversation has none."""
    events = list(tracker.events)
    for index in range(len(events) - 1, -1, -1):
        if isinstance(events[index], UserUttered):
            return events[index:]
    return events


def _action_call_format(self: RemoteAction, tracker: DialogueStateTracker, domain: Domain) -> Dict[str, Any]:
    """Rasa's request body for the action server, with this turn's events only."""
    state = tracker.current_state(EventVerbosity.NONE)
    state["events"] = [event.as_dict() for event in this_turn(tracker)]
    result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state, "version": rasa.__version__}
    if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
        result["domain"] = domain.as_dict()
    return result


def install() -> None:
    """Replace RemoteAction._action_call_format in this process (idempotent)."""
    check("rasa.RemoteAction._action_call_format")
    RemoteAction._action_call_format = _action_call_format  # type: ignore[method-assign]


def uninstall() -> None:
    """Rasa's own request body again (tests)."""
    RemoteAction._action_call_format = _original  # type: ignore[method-assign]
