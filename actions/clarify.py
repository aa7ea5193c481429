"""Ask when unsure (two-stage fallback): when NLU is not confident, offer the 2-3 likely topics as buttons.

`triage` is pure: it weighs NLU's intent ranking against the topics and KB terms found in the text by
`actions.topics`, and decides to answer (both agree, or the text clearly names one topic and a KB term), to
ask (some likely topics), or to decline politely (nothing points at the article). `ActionClarify` runs it for
`nlu_fallback` and `out_of_scope` (rules.yml: an off-topic verdict is double-checked against the KB's words,
so "how mch does a senor ml enginer make" is answered, "what does a nurse earn" declined) and as Rasa's core
fallback (config.yml), so an unknown `/intent` payload gets the same polite reply with a next step.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Dict, Iterable, List, Mapping, Tuple

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.actions import answer_latest_message, send
from actions.answers import Answer, Button, follow_up
from actions.context import TOPIC_FIELDS
from actions.knowledge import KnowledgeBase, get_kb
from actions.normalize import normalizer_for
from actions.queries import missing_fact
from actions.topics import defined_term, detect_topics, is_correction, scan_entities, topic_scores

# How each answerable intent is offered on a button.
TOPIC_LABELS: Dict[str, str] = {
    "ask_role_definition": "What each role does",
    "ask_role_comparison": "Compare the roles",
    "ask_why_it_matters": "Why the distinction matters",
    "ask_workflow": "The AI project workflow",
    "ask_skills": "Skills",
    "ask_tools": "Tools",
    "ask_use_cases": "Enterprise use cases",
    "ask_enterprise_constraints": "Enterprise constraints",
    "ask_job_titles": "Job titles",
    "ask_careers": "Careers and industries",
    "ask_responsibilities": "Responsibilities",
    "ask_learning_path": "Learning paths",
    "ask_salary": "Salaries",
    "ask_salary_factors": "What affects salary",
    "ask_salary_comparison": "Which role pays more",
    "ask_skill_comparison": "Skills compared",
    "ask_scenarios": "Project scenarios",
    "ask_challenges": "Challenges",
    "ask_best_practices": "Best practices",
    "ask_which_better": "Is one role better?",
    "ask_both_roles": "Doing both roles",
    "ask_math": "How much math",
    "ask_future_proof": "Future-proof?",
    "ask_certifications": "Certifications",
    "ask_key_takeaways": "Key takeaways",
    "ask_skill_gap": "What am I missing?",
    "ask_role_fit": "Which role fits me?",
}
KB_KINDS = ("role", "tool", "skill", "stage", "path_stage", "level")
# Topics in the same area: a follow-up NLU calls off-topic is answered when it stays in the previous area.
_AREA = {"salary_comparison": "salary", "salary_factors": "salary", "skill_comparison": "skills", "skill_gap": "skills"}
_CAREER_WORDS = re.compile(r"\b(jobs?|careers?|hiring|hires?|demand|ai|ml|engineers?|roles?|salar\w*|pay)\b", re.I)
_POINTS_BACK = re.compile(r"\b(them|those|these|that|this|it|they|the other)\b", re.I)
MIN_OFFER_CONFIDENCE = 0.15  # an NLU guess below this is offered only when the text names a KB term
_TERM_TOPICS = (
    ("tool", "ask_tools"),
    ("stage", "ask_workflow"),
    ("path_stage", "ask_learning_path"),
    ("skill", "ask_skills"),
)
PAYLOAD_KINDS = ("role", "level", "stage", "path_stage", "aspect", "tool")


@dataclass(frozen=True)
class Triage:
    """What to do with an unsure message: 'answer' (as `intents[0]`), 'ask' (offer `intents`) or 'decline'."""

    kind: str
    intents: Tuple[str, ...] = ()


def triage(
    kb: KnowledgeBase,
    ranking: Iterable[Mapping[str, Any]],
    text: str,
    intent: str = "nlu_fallback",
    previous_topic: str | None = None,
) -> Triage:
    """Decide between answering, asking and declining; see the module docstring."""
    ranked = [(r.get("name") or "", float(r.get("confidence") or 0)) for r in ranking]
    nlu = [(name, conf) for name, conf in ranked if name in TOPIC_LABELS]
    detected = [f"ask_{t}" for t in detect_topics(text) if f"ask_{t}" in TOPIC_LABELS]
    scanned = scan_entities(text, kb)
    kinds = {e["entity"] for e in scanned}
    kb_term = bool(kinds & set(KB_KINDS))
    fact = missing_fact(kb, text)
    if intent == "out_of_scope":
        if fact and (detected or kb_term or _CAREER_WORDS.search(text)):
            return Triage("answer", (detected[0] if detected else f"ask_{fact.then or 'help'}",))
        if detected and kb_term:
            return Triage("answer", (detected[0],)) if len(detected) == 1 else Triage("ask", tuple(detected[:3]))
        if kb_term and defined_term(text):
            return Triage("answer", ("ask_role_definition",))  # 'what is MLOps?': read as a KB term
        if (
            detected
            and previous_topic
            and _AREA.get(detected[0][4:], detected[0][4:]) == _AREA.get(previous_topic, previous_topic)
        ):
            return Triage("answer", (detected[0],))  # 'how big is the gap at the top end' after pay figures
        if not detected and kinds & {"tool", "stage"}:
            return Triage(
                "answer", ("ask_tools" if "tool" in kinds else "ask_workflow",)
            )  # 'where does XGBoost come in?'
        return Triage("off_topic")
    if fact:
        return Triage("answer", (detected[0] if detected else f"ask_{fact.then or 'help'}",))
    if previous_topic and not detected and (is_correction(text) or _POINTS_BACK.search(text)):
        return Triage("answer", ("inform",))  # 'oops, I meant ML engineer', 'which of those do they handle?'
    if nlu and detected and nlu[0][0] in detected:
        return Triage("answer", (nlu[0][0],))
    if nlu and detected and nlu[0][0] == detected[0]:
        return Triage("answer", (detected[0],))
    if len(detected) == 1:  # one topic clearly named ('what tooling ...'): answer it
        return Triage("answer", (detected[0],))
    if defined_term(text) and (kb_term or "job_title" in kinds):
        return Triage("answer", ("ask_role_definition",))  # 'what is a data scientist here?': where it comes up
    scores = topic_scores(text)
    cued = [(scores.get(name[4:], 0), name) for name, conf in nlu[:3] if scores.get(name[4:], 0) > 0]
    if cued:
        return Triage("answer", (max(cued)[1],))  # of the close intents, the one the words support
    if nlu and nlu[0][1] >= MIN_OFFER_CONFIDENCE and kinds & set(TOPIC_FIELDS.get(nlu[0][0][4:], ())) - {"role"}:
        return Triage("answer", (nlu[0][0],))  # NLU's best guess takes the KB term named (a skill, a step...)
    if not detected:
        for kind, intent_name in _TERM_TOPICS:
            if kind in kinds:
                return Triage("answer", (intent_name,))  # only a tool / step / skill named: about that
    offers: List[str] = detected[:2]
    for name, conf in nlu:
        if conf >= MIN_OFFER_CONFIDENCE or kb_term:
            offers.append(name)
    unique = tuple(dict.fromkeys(offers))[:3]
    return Triage("ask", unique) if unique else Triage("decline")


def payload_entities(kb: KnowledgeBase, text: str, entities: Iterable[Mapping[str, Any]]) -> Dict[str, str]:
    """KB keys named in the message, to carry on the buttons (so 'Salaries' keeps 'ML engineer')."""
    norm = normalizer_for(kb)
    keys: Dict[str, str] = {}
    for entity in [*entities, *scan_entities(text, kb)]:
        kind, value = entity.get("entity"), entity.get("value")
        if kind in PAYLOAD_KINDS and isinstance(value, str) and kind not in keys:
            key = getattr(norm, kind)(value)
            if key:
                keys[kind] = key
    return keys


def clarifying_question(intents: Iterable[str], entities: Mapping[str, str]) -> Answer:
    buttons = tuple(Button(TOPIC_LABELS[i], f"/{i}{json.dumps(dict(entities)) if entities else ''}") for i in intents)
    return Answer("I'm not sure I understood. Did you mean one of these?", buttons)


def off_topic() -> Answer:
    return Answer(
        "That's outside what I can help with: I only know about AI Engineer and Machine Learning Engineer careers "
        "(roles, skills, tools, workflow, learning paths, salaries). Here is where you could start:",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


def decline() -> Answer:
    return Answer(
        "Sorry, I didn't quite get that. I can tell you about AI Engineer and Machine Learning Engineer roles: "
        "what they do, skills, tools, learning paths and US salaries. Could you rephrase, or pick a topic?",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


class ActionClarify(Action):
    """NLU was unsure (or the intent is unknown): answer if the text is clear, else offer topics, else decline."""

    def name(self) -> str:
        return "action_clarify"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict) -> List[EventType]:
        kb = get_kb()
        message = tracker.latest_message or {}
        text = message.get("text") or ""
        intent = (message.get("intent") or {}).get("name") or ""
        decision = triage(kb, message.get("intent_ranking") or [], text, intent, tracker.get_slot("topic"))
        if decision.kind == "off_topic":
            send(dispatcher, off_topic())
            return []
        if decision.kind == "answer" and decision.intents[0] != "ask_role_fit":
            events = answer_latest_message(dispatcher, tracker, intent=decision.intents[0])
            if events is not None:
                return events
        if decision.kind in ("ask", "answer"):
            send(
                dispatcher,
                clarifying_question(decision.intents, payload_entities(kb, text, message.get("entities") or [])),
            )
            return []
        send(dispatcher, decline())
        return []
