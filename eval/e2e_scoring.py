"""What the whole bot did with one message (read from its tracker's events), and whether that was right.

Pure: `observe` reads a list of tracker events (the shape `GET /conversations/<id>/tracker` returns), `score`
compares the observation with the message's gold intent. `eval/e2e_replies.py` sends the messages and writes
the report; tests/test_e2e_replies_scoring.py pins the rules on events copied from real trackers.

Scoring rules (gold intent -> verdict):
- ask_<topic>: `right` when the topic answered (any of them, for a multi-part message) is <topic>;
  ask_role_fit is also right when the role-fit interview started (or its recommendation came at once);
  ask_skill_gap is right when the skill-gap answer came or the interview started.
  A clarifying question whose buttons offer the gold intent is `asked` (neither right nor wrong); any other
  clarifying question, a decline, the help text (nothing answerable found) or another topic is `wrong`.
- out_of_scope: `right` when declined (the off-topic reply or the 'didn't get that' decline, both from
  actions/answers/clarify.py), or when the answer first says the article lacks that fact ('what do pilots
  earn?': "I don't have salary figures for 'pilots'...", then the two roles' figures for comparison); any other
  answer, the interview or a clarifying question is `wrong`.
- greet / goodbye / thanks / help / bot_challenge: `right` when their response (utter_<intent>) was sent.
- inform / ask_other_role are sent as follow-ups after the lead-in question LEAD_IN (salary, ML engineer):
  ask_other_role is `right` when the same topic was answered again for the other role; inform is `right`
  when the follow-up was answered from the KB (any topic: 'for the deployment step?' after a salary answer is
  rightly about the workflow), and whether it kept the lead-in's topic is recorded as `same_topic`.
- affirm / deny / stop only mean something after a question: `context` (not scored; what happened is kept).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, List, Mapping, Sequence, Tuple

LEAD_IN = "what does an ML engineer earn?"  # sent before inform / ask_other_role messages
LEAD_IN_TOPIC, LEAD_IN_ROLE, OTHER_ROLE = "salary", "ml_engineer", "ai_engineer"
FOLLOW_UPS = ("inform", "ask_other_role")
CONTEXT_ONLY = ("affirm", "deny", "stop")
UTTERANCES = {
    "greet": "utter_greet",
    "goodbye": "utter_goodbye",
    "thanks": "utter_thanks",
    "help": "utter_help",
    "bot_challenge": "utter_bot_challenge",
    "affirm": "utter_affirm_ack",
    "deny": "utter_deny_ack",
    "stop": "utter_stop_ack",
}
INTERVIEW_ACTIONS = ("action_start_role_fit", "role_fit_form", "action_recommend_role")

# Outcomes: what the bot did with the message.
ANSWERED, INTERVIEW, ASKED, DECLINED, UTTERED, HELP, NOTHING = (
    "answered",
    "interview",
    "asked",
    "declined",
    "utterance",
    "help",
    "nothing",
)
RIGHT, WRONG, ASK, CONTEXT = "right", "wrong", "asked", "context"


@dataclass(frozen=True)
class ReplyTexts:
    """The first words of the replies that are not templates: they come from actions/answers/clarify.py."""

    off_topic: str
    decline: str
    clarify: str


@dataclass(frozen=True)
class Replayed:
    """What only the answer action knew: every topic a (multi-part) reply answered, in order, and whether it said
    the article lacks the fact asked for."""

    topics: Tuple[str, ...]
    says_lacks: bool = False


@dataclass
class Observation:
    """What happened after the last user message of a conversation."""

    intent: str = ""
    confidence: float = 0.0
    actions: List[str] = field(default_factory=list)
    utterances: List[str] = field(default_factory=list)
    texts: List[str] = field(default_factory=list)
    topics: List[str] = field(default_factory=list)  # answered topics, in order
    role: str | None = None
    offers: List[str] = field(default_factory=list)  # intents a clarifying question offered
    declined: str | None = None  # "off_topic" or "decline"
    says_lacks: bool = False  # the answer said the article has no such fact (a missing fact, an unknown occupation)
    outcome: str = NOTHING

    def as_dict(self) -> Dict[str, Any]:
        return asdict(self)


def last_turn(events: Sequence[Mapping[str, Any]]) -> Tuple[Mapping[str, Any] | None, List[Mapping[str, Any]]]:
    """The last user event and the events after it."""
    for index in range(len(events) - 1, -1, -1):
        if events[index].get("event") == "user":
            return events[index], list(events[index + 1 :])
    return None, []


def slots_before_last_turn(events: Sequence[Mapping[str, Any]]) -> Dict[str, Any]:
    """Slot values as they were when the last user message arrived (the context the action reads)."""
    slots: Dict[str, Any] = {}
    last_user = max((i for i, e in enumerate(events) if e.get("event") == "user"), default=len(events))
    for event in events[:last_user]:
        if event.get("event") == "slot":
            slots[str(event.get("name"))] = event.get("value")
    return slots


def _button_intents(event: Mapping[str, Any]) -> List[str]:
    buttons = (event.get("data") or {}).get("buttons") or []
    intents = []
    for button in buttons:
        payload = str(button.get("payload") or "")
        if payload.startswith("/"):
            intents.append(payload[1:].split("{", 1)[0])
    return intents


def observe(events: Sequence[Mapping[str, Any]], texts: ReplyTexts, replayed: Replayed | None = None) -> Observation:
    """Read the last turn of a tracker. `replayed`: what the answer action did, when the caller could tell (the
    tracker's `topic` slot holds only the last topic answered); otherwise the slot is used."""
    user, after = last_turn(events)
    seen = Observation()
    if user is None:
        return seen
    intent = (user.get("parse_data") or {}).get("intent") or {}
    seen.intent = str(intent.get("name") or "")
    seen.confidence = float(intent.get("confidence") or 0.0)
    slot_topics: List[str] = []
    for event in after:
        kind = event.get("event")
        if kind == "action" and event.get("name") != "action_listen":
            seen.actions.append(str(event.get("name")))
        elif kind == "active_loop" and event.get("name") == "role_fit_form":
            seen.actions.append("role_fit_form")
        elif kind == "slot" and event.get("name") == "topic" and event.get("value"):
            slot_topics.append(str(event["value"]))
        elif kind == "slot" and event.get("name") == "role" and event.get("value"):
            seen.role = str(event["value"])
        elif kind == "bot":
            text = str(event.get("text") or "")
            seen.texts.append(text)
            utter = (event.get("metadata") or {}).get("utter_action")
            if utter:
                seen.utterances.append(str(utter))
            if text.startswith(texts.clarify):
                seen.offers += _button_intents(event)
            elif text.startswith(texts.off_topic):
                seen.declined = "off_topic"
            elif text.startswith(texts.decline):
                seen.declined = "decline"
    seen.topics = list(replayed.topics) if replayed else slot_topics[-1:]
    seen.says_lacks = bool(replayed and replayed.says_lacks)
    seen.outcome = _outcome(seen)
    return seen


def _outcome(seen: Observation) -> str:
    if any(action in INTERVIEW_ACTIONS for action in seen.actions):
        return INTERVIEW
    if seen.topics:
        return ANSWERED
    if seen.declined:
        return DECLINED
    if seen.offers:
        return ASKED
    if "utter_help" in seen.utterances:
        return HELP
    if seen.utterances:
        return UTTERED
    return NOTHING


@dataclass(frozen=True)
class Verdict:
    verdict: str  # right / asked / wrong / context
    category: str  # why, for the report's tables ("declined in scope", "other topic", ...)


def score(gold: str, seen: Observation) -> Verdict:
    """The verdict for a message whose gold intent is `gold` (see the module docstring for the rules)."""
    if gold in CONTEXT_ONLY:
        return Verdict(CONTEXT, "context-dependent")
    if gold == "out_of_scope":
        if seen.outcome == DECLINED:
            return Verdict(RIGHT, "declined")
        if seen.outcome == ANSWERED and seen.says_lacks:
            return Verdict(RIGHT, "said the article lacks it")
        answered = seen.outcome in (ANSWERED, INTERVIEW)
        return Verdict(WRONG, "off-topic answered" if answered else f"off-topic {seen.outcome}")
    if gold in UTTERANCES:
        if UTTERANCES[gold] in seen.utterances:
            return Verdict(RIGHT, "its response")
        return _wrong(seen)
    if gold == "ask_other_role":
        if seen.topics and seen.topics[-1] == LEAD_IN_TOPIC and seen.role == OTHER_ROLE:
            return Verdict(RIGHT, "same topic, other role")
        return _wrong(seen)
    if gold == "inform":
        if seen.outcome == ANSWERED:
            return Verdict(RIGHT, "follow-up answered")
        return _wrong(seen)
    if gold.startswith("ask_"):
        topic = gold[4:]
        if topic in seen.topics:
            return Verdict(RIGHT, "its topic")
        if gold in ("ask_role_fit", "ask_skill_gap") and seen.outcome == INTERVIEW:
            return Verdict(RIGHT, "interview")
        if seen.outcome == ASKED and gold in seen.offers:
            return Verdict(ASK, "asked, gold offered")
        return _wrong(seen)
    return _wrong(seen)


def _wrong(seen: Observation) -> Verdict:
    """A wrong reply, by what the bot did instead."""
    if seen.outcome == DECLINED:
        return Verdict(WRONG, "declined in scope")
    if seen.outcome == ANSWERED:
        return Verdict(WRONG, "other topic")
    if seen.outcome == ASKED:
        return Verdict(WRONG, "asked, gold not offered")
    return Verdict(WRONG, seen.outcome)


def what_happened(seen: Observation) -> str:
    """One line for the report: 'answered salary+tools', 'declined (off_topic)', 'asked: ask_tools, ask_skills'."""
    if seen.outcome == ANSWERED:
        return "answered " + "+".join(seen.topics)
    if seen.outcome == DECLINED:
        return f"declined ({seen.declined})"
    if seen.outcome == ASKED:
        return "asked: " + ", ".join(seen.offers)
    if seen.outcome in (UTTERED, HELP):
        return ", ".join(seen.utterances)
    return seen.outcome
