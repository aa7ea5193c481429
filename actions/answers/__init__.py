"""THE answer registry: topic -> renderer, used by production (actions.py) and tests alike.

A renderer receives a fully canonical Question (KB keys only, see actions/understanding) and returns an
Answer; facts come only from the KB via `actions.reasoning`, and where the article is silent the answer says so.
A new topic is one renderer in one of the family modules below, registered in RENDERERS.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Callable, Dict, List, Mapping, Tuple

from actions.answers.advice import skill_gap_answer
from actions.answers.faq import both_roles, certifications, future_proof, key_takeaways, math, which_better
from actions.answers.phrasing import Answer, combine, echo, follow_up
from actions.answers.practice import best_practices, challenges, enterprise_constraints, use_cases
from actions.answers.roles import (
    careers,
    concept,
    job_titles,
    responsibilities,
    role_comparison,
    role_definition,
    why_it_matters,
)
from actions.answers.salary import location_note, salary, salary_comparison, salary_factors
from actions.answers.skills import learning_path, skill_comparison, skills
from actions.answers.workflow import scenarios, tools, workflow
from actions.knowledge.schema import KnowledgeBase
from actions.reasoning.interview import with_recommended_role
from actions.understanding.question import Question
from actions.understanding.understand import NLU_SURE, understand


def missing(kb: KnowledgeBase, question: Question) -> Answer:
    """A fact the article lacks: say so plainly, then answer with what it has (the fact's `then` topic)."""
    fact = next(f for f in kb.coverage.missing if f.key == question.missing)
    then = None
    if fact.then:
        renderer = RENDERERS.get(fact.then)
        then = renderer(kb, replace(question, topic=fact.then, missing=None)) if renderer else None
    text = fact.says + (f"\n\n{then.text}" if then else "")
    offered = [(intent, kb.topics[intent[4:]].title) for intent in fact.offers if intent[4:] in kb.topics]
    buttons = [*(then.buttons if then else ()), *(follow_up(title, intent) for intent, title in offered)]
    unique = tuple({b.payload: b for b in buttons}.values())[:4]
    return Answer(text, unique)


RENDERERS: Dict[str, Callable[[KnowledgeBase, Question], Answer]] = {
    "role_definition": role_definition,
    "role_comparison": role_comparison,
    "why_it_matters": why_it_matters,
    "workflow": workflow,
    "skills": skills,
    "tools": tools,
    "use_cases": use_cases,
    "enterprise_constraints": enterprise_constraints,
    "job_titles": job_titles,
    "careers": careers,
    "responsibilities": responsibilities,
    "learning_path": learning_path,
    "salary": salary,
    "salary_factors": salary_factors,
    "salary_comparison": salary_comparison,
    "skill_comparison": skill_comparison,
    "scenarios": scenarios,
    "challenges": challenges,
    "best_practices": best_practices,
    "which_better": which_better,
    "both_roles": both_roles,
    "math": math,
    "future_proof": future_proof,
    "certifications": certifications,
    "key_takeaways": key_takeaways,
    "concept": concept,
    "skill_gap": skill_gap_answer,
}

__all__ = ["RENDERERS", "Answer", "answer_message", "combine", "render"]


def render(kb: KnowledgeBase, question: Question) -> Answer | None:
    """The answer for a question, or None when the topic is not one the KB answers. A fact the article lacks is
    said first; a place outside the US is always named as not covered, whatever the topic."""
    if question.missing:
        return missing(kb, question)
    renderer = RENDERERS.get(question.topic)
    if renderer is None:
        return None
    answer = renderer(kb, question)
    names = [text for kind, text in question.unknown if kind == "name" and text.lower() not in answer.text.lower()]
    if names:
        listed = " or ".join(echo(n) for n in names)
        answer = Answer(f"The article does not mention {listed}. What it does say:\n\n{answer.text}", answer.buttons)
    location = question.location
    if location and question.topic != "salary" and not question.location_in_us:
        answer = Answer(f"{location_note(kb, location, salary=False)}\n\n{answer.text}", answer.buttons)
    return answer


def answer_message(
    kb: KnowledgeBase,
    message: Mapping[str, Any],
    previous: Mapping[str, Any],
    fit_role: str | None = None,
    intent: str | None = None,
) -> List[Tuple[Question, Answer]]:
    """Each question a parsed message asks (Rasa's `latest_message`: text, intent, entities) with its answer, in
    order; empty when none is a topic the KB answers. `previous`: the context slots; `fit_role`: the role the
    interview recommended; `intent` overrides NLU's (the clarifying action picks one), and then NLU's confidence
    says nothing about it. The one path from a message to answers, for the action and for eval/e2e_replies.py."""
    nlu = message.get("intent") or {}
    intent = intent or nlu.get("name") or ""
    nlu_sure = intent == nlu.get("name") and float(nlu.get("confidence") or 0.0) >= NLU_SURE
    entities = with_recommended_role(kb, intent, message, previous, fit_role)
    questions = understand(kb, intent, entities, previous, message.get("text") or "", nlu_sure=nlu_sure)
    answered = [(question, render(kb, question)) for question in questions]
    return [(question, answer) for question, answer in answered if answer is not None]
