"""Rasa custom actions: thin adapters between the tracker and the knowledge-base answers.

Each action gathers inputs from the tracker, calls the pure layers (context → queries/advisor →
answers) and returns events. The KB is loaded and validated when this module is imported, so a broken
KB stops the action server at start with one line naming the field, not at the first question.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.advice_answers import FIT_ENTITY, interview_intro, interview_prompt, recommendation, skill_gap_answer
from actions.advisor import interview_slots, match_option, question_for, recommend
from actions.answers import RENDERERS, Answer
from actions.context import CONTEXT_SLOTS, Question, resolve
from actions.knowledge import KnowledgeBase, KnowledgeBaseError, get_kb
from actions.normalize import normalizer_for
from actions.skill_matcher import matcher_for

try:
    matcher_for(get_kb())  # validate the KB and warm the skill matcher before serving
except KnowledgeBaseError as error:  # exercised by the malformed-KB server test
    raise SystemExit(f"careerbot: refusing to start, invalid knowledge base: {error}") from None

TOPICS: Dict[str, Callable[[KnowledgeBase, Question], Answer]] = {**RENDERERS, "skill_gap": skill_gap_answer}
RESTART_WORDS = ("start over", "restart", "start again", "from the beginning", "reset")


def send(dispatcher: CollectingDispatcher, answer: Answer) -> None:
    """Send one answer with its quick replies."""
    buttons = [{"title": b.title, "payload": b.payload} for b in answer.buttons]
    dispatcher.utter_message(text=answer.text, buttons=buttons or None)


def answer_latest_message(dispatcher: CollectingDispatcher, tracker: Tracker) -> List[EventType] | None:
    """Answer the latest message from the KB; None when its topic is not one the KB answers."""
    kb = get_kb()
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name") or ""
    previous = {slot: tracker.get_slot(slot) for slot in CONTEXT_SLOTS}
    question = resolve(intent, message.get("entities") or [], previous, message.get("text") or "", normalizer_for(kb))
    renderer = TOPICS.get(question.topic)
    if renderer is None:
        return None
    send(dispatcher, renderer(kb, question))
    return [SlotSet(slot, value) for slot, value in question.context_slots().items()]


class ActionAnswerQuestion(Action):
    """Answer any factual question from the KB and remember its context for follow-ups."""

    def name(self) -> str:
        return "action_answer_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        events = answer_latest_message(dispatcher, tracker)
        if events is None:
            dispatcher.utter_message(response="utter_help")
            return []
        return events


class ActionStartRoleFit(Action):
    """Begin (or begin again) the role-fit interview with empty answers."""

    def name(self) -> str:
        return "action_start_role_fit"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        dispatcher.utter_message(text=interview_intro(get_kb()))
        return [SlotSet(slot, None) for slot in interview_slots(get_kb())]


class ActionAskInterviewQuestion(Action):
    """Ask the interview question the form requests (text and options come from the KB)."""

    def name(self) -> str:
        return "action_ask_interview_question"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        slot = tracker.get_slot("requested_slot")
        slots = interview_slots(kb)
        if slot not in slots:
            return []
        send(dispatcher, interview_prompt(kb, slot, slots.index(slot) + 1, retry=bool(tracker.get_slot("fit_retry"))))
        return [SlotSet("fit_retry", None)]


def _ask_action(slot: str) -> type:
    """`action_ask_<slot>`: Rasa's hook for asking one form slot, here shared by every interview slot."""
    return type(f"ActionAsk_{slot}", (ActionAskInterviewQuestion,), {"name": lambda self: f"action_ask_{slot}"})


ASK_ACTIONS = [_ask_action(slot) for slot in interview_slots(get_kb())]


class ValidateRoleFitForm(FormValidationAction):
    """Map each interview answer to one of the KB's options; answer questions asked mid-interview."""

    def name(self) -> str:
        return "validate_role_fit_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        requested = tracker.get_slot("requested_slot")
        if requested not in interview_slots(kb):
            return []
        message = tracker.latest_message or {}
        text = (message.get("text") or "").strip()
        if any(word in text.lower() for word in RESTART_WORDS):
            dispatcher.utter_message(text="Starting over. " + interview_intro(kb))
            return [SlotSet(slot, None) for slot in interview_slots(kb)]
        picked = next((e.get("value") for e in message.get("entities") or [] if e.get("entity") == FIT_ENTITY), None)
        option = match_option(question_for(kb, requested), picked or text)
        if option is not None:
            return [SlotSet(requested, option.key)]
        intent = (message.get("intent") or {}).get("name") or ""
        if intent.startswith("ask_") and intent != "ask_role_fit":
            events = answer_latest_message(dispatcher, tracker) or []
            dispatcher.utter_message(text="Now, back to the questions.")
            return [*events, SlotSet(requested, None)]
        return [SlotSet(requested, None), SlotSet("fit_retry", True)]


class ActionRecommendRole(Action):
    """Score the interview answers against the KB's skill emphasis and recommend a role."""

    def name(self) -> str:
        return "action_recommend_role"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        answers: Dict[str, Any] = {slot: tracker.get_slot(slot) for slot in interview_slots(kb)}
        rec = recommend(kb, answers)
        send(dispatcher, recommendation(kb, rec))
        return [SlotSet("role", rec.role), SlotSet("topic", "role_fit")]
