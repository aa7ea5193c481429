"""A conversation played through the router and the renderers, without servers."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from actions.answers.pipeline import answer_message, render
from actions.knowledge import KnowledgeBase
from actions.understanding.question import Question
from actions.understanding.understand import understand


def talk(kb: KnowledgeBase, turns: Sequence[Tuple[str, str]]) -> Tuple[List[Question], str]:
    """Each (intent, text) turn understood on the slots the turn before wrote; the last turn's questions and reply."""
    previous: Dict[str, Any] = {}
    questions: List[Question] = []
    for intent, text in turns:
        questions = understand(kb, intent, [], previous, text)
        previous = questions[-1].context_slots() if questions else previous
    return questions, "\n\n".join(render(kb, q).text for q in questions)


def chat(kb: KnowledgeBase, turns: Sequence[Tuple[str, str]]) -> Tuple[Question, str]:
    """Each (intent, text) through the production path (answer_message, as the action runs it), on the slots the
    turn before wrote; the last turn's last question and the whole reply."""
    previous: Dict[str, Any] = {}
    answered: List[Tuple[Question, Any]] = []
    for intent, text in turns:
        message = {"text": text, "intent": {"name": intent, "confidence": 0.5}, "entities": []}
        answered = answer_message(kb, message, previous)
        previous = answered[-1][0].context_slots() if answered else previous
    return answered[-1][0], "\n".join(a.text for _, a in answered)
