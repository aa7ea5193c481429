"""Rasa custom actions: thin adapters between the tracker and the knowledge-base answers.

Each action gathers inputs from the tracker, calls the pure layers (context → queries → answers) and
returns events. The KB is loaded and validated when this module is imported, so a broken KB stops the
action server at start with one line naming the field, not at the first question.
"""

from __future__ import annotations

from typing import Any, Dict, List

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.answers import Answer, render
from actions.context import CONTEXT_SLOTS, resolve
from actions.knowledge import KnowledgeBaseError, get_kb
from actions.normalize import normalizer_for

try:
    get_kb()
except KnowledgeBaseError as error:  # pragma: no cover - exercised by the malformed-KB server test
    raise SystemExit(f"careerbot: refusing to start, invalid knowledge base: {error}") from None


def send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    """Send one answer with its quick replies."""
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)


class ActionAnswerQuestion(Action):
    """Answer any factual question from the KB and remember its context for follow-ups."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: Dict[str, Any]) -> List[EventType]:
        kb = get_kb()
        message = tracker.latest_message or {}
        intent = (message.get("intent") or {}).get("name") or ""
        previous = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
        question = resolve(
            intent, message.get("entities") or [], previous, message.get("text") or "", normalizer_for(kb)
        )
        answer = render(kb, question)
        if answer is None:
            dispatcher.utter_message(response="utter_help")
            return []
        send(dispatcher, answer)
        return [SlotSet(slot, value) for slot, value in question.context_slots().items()]
