"""A conversation played through the router and the renderers, without servers."""

from __future__ import annotations

from typing import Any, Dict, List, Sequence, Tuple

from actions.answers.pipeline import render
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
