"""From a parsed message to its answers: understand it once, then render each question it asks.

`answer_message` is the one path from Rasa's parsed message (text, intent, entities) and the conversation's
context to (Question, Answer) pairs, for the answer action (actions/actions.py) and eval/e2e_replies.py alike;
`render` looks the topic's renderer up in the registry (actions/answers/registry.py) and adds what the article
lacks (`missing`, places outside the US, names it never mentions).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any, List, Mapping, Tuple

from actions.answers import reasons
from actions.answers.phrasing import Answer, a_or_an, echo, follow_up
from actions.answers.registry import RENDERERS
from actions.answers.salary import location_note
from actions.knowledge.patterns import rx
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase, MissingFact
from actions.reasoning.interview import intent_after_advice, with_recommended_role
from actions.understanding import lookups, polar
from actions.understanding.question import Question
from actions.understanding.shown import ITEM_TOPICS
from actions.understanding.topics import detect_topics, pay_topics, topic_fields
from actions.understanding.understand import NLU_SURE, understand

_ANY_LEAD = re.compile(r"What it (says instead|does say):$")


def _missing_kind(kb: KnowledgeBase, question: Question) -> MissingFact | None:
    """The kind of fact the article lacks that the question asks for (KB `coverage.missing`)."""
    return next((f for f in kb.coverage.missing if f.key == question.missing), None)


def nearest_topic(kb: KnowledgeBase, question: Question) -> str | None:
    """What a question for a missing fact is answered with: the topic its own words name ('how long does each
    workflow step take?': the workflow; 'by what percent do certifications raise pay?': what affects pay), else the
    missing kind's `then`. Never a pay table: a figure beside "the article gives no figure" would answer another
    question."""
    fact = _missing_kind(kb, question)
    if fact is None or not fact.then:
        return None  # the statement is the whole answer ('does that include bonuses?')
    own = question.topic
    leads_anywhere = _ANY_LEAD.search(fact.says)  # its lead-in names no topic, so any topic can follow it
    figures = own in pay_topics(kb) and "level" in topic_fields(kb).get(own, ())  # the pay table, by level
    if leads_anywhere and own in kb.topics and not figures and own in detect_topics(question.text, kb):
        return own
    return fact.then


def missing(kb: KnowledgeBase, question: Question) -> Answer:
    """A fact the article lacks: say so plainly, then answer with what it has (`nearest_topic`)."""
    fact = _missing_kind(kb, question)
    if fact is None:  # understand sets `missing` only to a key of coverage.missing
        raise KeyError(question.missing)
    then = None
    nearest = nearest_topic(kb, question)
    if nearest:
        renderer = RENDERERS.get(nearest)
        then = renderer(kb, replace(question, topic=nearest, missing=None)) if renderer else None
    text = fact.says + (f"\n\n{then.text}" if then else "")
    remote = (question.location or "").lower() in ("remote", "remotely")
    if remote and question.topic in pay_topics(kb):  # 'remote work and equity?': what it says of remote work too
        text += f"\n\n{location_note(kb, question.location or '')}"
    offered = [(intent, kb.topics[intent[4:]].title) for intent in fact.offers if intent[4:] in kb.topics]
    buttons = [*(then.buttons if then else ()), *(follow_up(title, intent) for intent, title in offered)]
    unique = tuple({b.payload: b for b in buttons}.values())[:4]
    return Answer(text, unique)


def render(kb: KnowledgeBase, question: Question) -> Answer | None:
    """The answer for a question, or None when the topic is not one the KB answers. A fact the article lacks is
    said first; a place outside the US is always named as not covered, whatever the topic."""
    if question.missing:
        return missing(kb, question)
    renderer = RENDERERS.get(question.topic)
    if renderer is None:
        return None
    answer = with_yes_lead(kb, question, renderer(kb, question))
    if question.why:
        answer = reasons.with_reason(kb, question, answer)
    if _HOW_MANY.search(question.text) and not question.missing:
        answer = reasons.with_count(answer)
    answer = with_title_note(kb, question, answer)
    names = [text for kind, text in question.unknown if kind == "name" and text.lower() not in answer.text.lower()]
    if names:
        listed = " or ".join(echo(n) for n in names)
        answer = Answer(f"The article does not mention {listed}. What it does say:\n\n{answer.text}", answer.buttons)
    asked = [text for kind, text in question.unknown if kind == "asked"]
    if asked and not names:  # 'any good maths textbook?': the article names none; the nearest it has follows
        said = f"The article does not name any {echo(asked[0])}: it does not cover that. What it does say:"
        answer = Answer(f"{said}\n\n{answer.text}", answer.buttons)
    unexplained = question.unknown_value("unexplained")
    if unexplained and not names:  # 'what does Kubeflow do?': the article lists its tools, it never explains one
        said = f"The article does not explain what {echo(unexplained)} is or does: it only lists it. What it does say:"
        answer = Answer(f"{said}\n\n{answer.text}", answer.buttons)
    location = question.location
    remote = (location or "").lower() in ("remote", "remotely")  # no place: 'what does it say about remote work?'
    if location and question.topic != "salary" and not question.location_in_us and not remote:
        answer = Answer(f"{location_note(kb, location, salary=False)}\n\n{answer.text}", answer.buttons)
    return answer


# Answers about the work of a role: the article describes only its two roles' work, not the other titles it lists.
_DESCRIBE_WORK = ("role_comparison", "role_definition", "responsibilities")


def with_title_note(kb: KnowledgeBase, question: Question, answer: Answer) -> Answer:
    """A job title the article only lists, asked about as a role ('a data scientist vs an ML engineer day to day'):
    say the article does not describe that title's work and where it lists it, then what it does describe."""
    title = question.job_title
    if question.topic not in _DESCRIBE_WORK or not title or title in ROLE_KEYS:
        return answer
    lists = (*kb.job_titles.ai_focused, *kb.job_titles.ml_focused, *kb.careers.titles)  # every title it only lists
    named = [t.name for t in lists if t.key == title]
    if not named:
        return answer
    listed = [said for where, said in lookups.mentions(kb, named[0]) if where in ("Job titles", "Careers")]
    where = f" {listed[0]}." if listed else ""
    note = f"The article does not describe the work of {a_or_an(named[0])}:{where} What it does describe:"
    return Answer(f"{note}\n\n{answer.text}", answer.buttons)


# An answer that already says yes or no, or that the article lacks what was asked.
_SAYS_YES_NO = re.compile(r"^\W*(yes|no|not)\b|\b(does not|doesn't|do not|don't|never|no)\b", re.I)


def with_yes_lead(kb: KnowledgeBase, question: Question, answer: Answer) -> Answer:
    """A yes/no question about one thing ('is Git in the shared skills?', 'is infrastructure scaling a common
    challenge?', 'do AI engineers build conversational systems?') answered by a renderer that shows that thing
    without saying yes: 'Yes' first, whichever renderer answered, so the person hears the answer to what they
    asked before the fact. When the answer lacks it but the same part of the article has it elsewhere ('is deep
    learning part of the AI engineer's learning path?'), 'No', with where it is."""
    first = answer.text.strip().split("\n", 1)[0]
    if _SAYS_YES_NO.search(first):
        return answer
    thing = polar.asked_thing(question.text or "")
    if not thing:
        return answer
    if _shows(thing, answer.text):
        return replace(answer, text="Yes: " + answer.text.strip().lstrip("#").lstrip())
    sections = _SECTIONS.get(question.topic or "", ())
    elsewhere = [(where, said) for where, said in lookups.mentions(kb, thing) if where.startswith(sections)]
    if not sections or not elsewhere or not polar.asks_if_listed(question.text or ""):
        return answer
    said = "\n".join(f"- {where}: {text}" for where, text in elsewhere[:3])
    no = f"No: not there. The article has {echo(thing)} here instead:\n{said}"
    return replace(answer, text=f"{no}\n\n{answer.text}")


# The parts of the article (lookups.mentions' places) a topic's answer lists from: a thing asked after that is in
# another part of the same list ('is deep learning part of the AI engineer's path?': the ML engineer's) is a no.
_SECTIONS = {
    "learning_path": ("Learning path",),
    "tools": ("Tools",),
    "job_titles": ("Job titles", "Careers"),
    "careers": ("Careers", "Job titles"),
    "challenges": ("Challenges",),
    "use_cases": ("Enterprise use cases",),
    "best_practices": ("Best practices",),
    "enterprise_constraints": ("Enterprise constraints",),
    "skills": ("Shared core skills", "Specialised skills", "Skill summary"),
    "workflow": ("Workflow", "Tools"),  # a tool not in a step may be in a tool group ("is Keras in that step?")
}


def _shows(thing: str, text: str) -> bool:
    """The answer names the thing: a short name ('R', 'Git') as written, a longer one by all its words on one line
    ('model drift' in 'model performance drift')."""
    if len(thing) <= 3:
        return bool(rx(rf"(?<![\w+#]){re.escape(thing)}(?![\w+#])", re.I if thing.islower() else 0).search(text))
    wanted = lookups.stems(thing)
    return bool(wanted) and any(wanted <= lookups.stems(line) for line in text.splitlines())


# 'how many?', 'and how many are there?': the count of the list the answer shows, said first.
_HOW_MANY = re.compile(r"^\W*((and|so|ok|okay|but|then)\W+)*how many\b", re.I)


def answer_message(
    kb: KnowledgeBase,
    message: Mapping[str, Any],
    previous: Mapping[str, Any],
    fit_role: str | None = None,
    intent: str | None = None,
    interviewing: bool = False,
) -> List[Tuple[Question, Answer]]:
    """Each question a parsed message asks (Rasa's `latest_message`: text, intent, entities) with its answer, in
    order; empty when none is a topic the KB answers. `previous`: the context slots; `fit_role`: the role the
    interview recommended; `intent` overrides NLU's (the clarifying action picks one), and then NLU's confidence
    says nothing about it; `interviewing`: asked between the interview's questions (`fit_role` is then its lean so
    far). The one path from a message to answers, for the action and for eval/e2e_replies.py."""
    nlu = message.get("intent") or {}
    intent = intent or nlu.get("name") or ""
    nlu_sure = intent == nlu.get("name") and float(nlu.get("confidence") or 0.0) >= NLU_SURE
    intent = intent_after_advice(kb, intent, message.get("text") or "", previous, fit_role)
    entities = with_recommended_role(kb, intent, message, previous, fit_role, interviewing)
    advised = {**previous, "fit_role": fit_role} if fit_role in kb.roles else previous  # 'back to my path'
    questions = understand(kb, intent, entities, advised, message.get("text") or "", nlu_sure=nlu_sure)
    answered = [(question, render(kb, question)) for question in questions]
    answered = [(with_shown_topic(kb, question), answer) for question, answer in answered]
    answered = [(with_reached_stage(kb, question, answer), answer) for question, answer in answered]
    return [
        (with_shown_item(kb, with_answered_role(kb, question, answer), answer), answer)
        for question, answer in answered
        if answer is not None
    ]


def with_reached_stage(kb: KnowledgeBase, question: Question, answer: Answer | None) -> Question:
    """A skill gap that said where the person is on the learning path ('where to start: the Foundation stage',
    'next comes the Intermediate stage') remembers that stage, so 'then what?' or 'and after that?' next moves on
    along the path from it."""
    if question.topic != "skill_gap" or question.path_stage or answer is None:
        return question
    said = re.search(r"\b(?:next comes|begin with) the (.+?) stage\b", answer.text)
    # else the stage of the first next step ('1. ML Algorithms (High for this role, Intermediate stage: ...)')
    said = said or re.search(r"^1\. [^\n]*?\b([A-Z][\w ]*?) stage:", answer.text, re.M)
    stage = next((s.key for s in kb.learning_paths if said and s.name == said.group(1).strip()), None)
    return replace(question, path_stage=stage) if stage else question


def with_shown_item(kb: KnowledgeBase, question: Question, answer: Answer) -> Question:
    """The question remembering the one item of its list its answer turned out to name ('is drift one of the
    challenges?' -> 'Yes: ... model performance drift'), when it pointed at none, so 'who deals with it?' or 'which
    workflow step handles it?' next is about that item."""
    if question.topic not in ITEM_TOPICS or question.item is not None or question.shown:
        return question
    said = answer.text.lower()
    named = [n for n, item in enumerate(lookups.list_items(kb, question.topic), 1) if item.lower() in said]
    return replace(question, shown=f"item.{question.topic}={named[0]}") if len(named) == 1 else question


def with_shown_topic(kb: KnowledgeBase, question: Question) -> Question:
    """A fact the article lacks is answered with what it has (its `then` topic): the thread goes on from what was
    shown, so 'what does the article say they offer?' after the price of the H2K programmes asks the
    certifications, not the pay the price question was read as."""
    if not question.missing:
        return question
    fact = _missing_kind(kb, question)
    offered = [i[4:] for i in (fact.offers if fact else ()) if i[4:] in kb.topics]
    if question.topic not in kb.topics and offered and not (fact and fact.then):
        # 'which year are the salary figures for?' read as help: the thread stays on what it offers next (the pay),
        # so 'is it the same for ML engineers?' or 'the AI engineer row' after it asks those figures
        return replace(question, topic=offered[0])
    nearest = nearest_topic(kb, question)
    if not nearest or nearest == question.topic or nearest not in kb.topics:
        return question
    if question.topic in pay_topics(kb) and (question.level or question.roles):
        return question  # 'how many years does senior mean?' in a talk about pay: 'and the ML senior?' is pay
    return replace(question, topic=nearest)


def with_answered_role(kb: KnowledgeBase, question: Question, answer: Answer) -> Question:
    """The question with the one role its answer names, when it named none itself ('which role works with
    Kubernetes more?' is answered with AI Engineers only), so the next "its salary?" is about that role."""
    if question.roles or question.topic in _NO_ANSWERED_ROLE or not _ASKS_WHICH_ROLE.search(question.text):
        return question
    named = [r for r in ROLE_KEYS if _names_role(kb, r, answer.text)]
    lead = [r for r in named if _names_role(kb, r, answer.text.strip().split("\n", 1)[0])]
    if len(named) == 2 and len(lead) == 1:
        named = lead  # 'who trained the model?': the role the answer's lead line gives, the split shown below it
    if len(named) == 2:  # 'who leads deployment?' over both roles' lines: the one whose line says 'leads'
        named = _role_by_its_line(kb, question.text, answer.text)
    return replace(question, answered_role=named[0]) if len(named) == 1 else question


def _role_by_its_line(kb: KnowledgeBase, asked: str, text: str) -> List[str]:
    """The roles whose own lines of the answer share a word with the question that the other role's lines lack."""
    lines = {r: [line for line in text.splitlines() if _names_role(kb, r, line)] for r in ROLE_KEYS}
    if any(not found or len(found) > 2 for found in lines.values()):
        return []
    words = {r: set().union(*(lookups.stems(line) for line in lines[r])) for r in ROLE_KEYS}
    question = lookups.stems(asked)
    return [r for r in ROLE_KEYS if question & (words[r] - set().union(*(words[o] for o in ROLE_KEYS if o != r)))]


# A question whose answer is a role: 'which role ...', 'who ...', 'which of them ...'.
_ASKS_WHICH_ROLE = re.compile(
    r"\b(which|what) (role|one|job|side|part|of (them|the two|the roles|these|those))\b|\bwho(se)?\b", re.I
)
# Answers that name a role in passing, not as what was asked (the workflow's owner line, a step's split).
_NO_ANSWERED_ROLE = ("help", "role_fit", "skill_gap", "which_better", "role_comparison")


def _names_role(kb: KnowledgeBase, role: str, text: str) -> bool:
    r = kb.roles[role]
    names = [r.name, r.plural, *(a for a in r.aliases if "engineer" in a.lower())]
    return any(rx(rf"\b{re.escape(name)}\b", re.I).search(text) for name in names)
