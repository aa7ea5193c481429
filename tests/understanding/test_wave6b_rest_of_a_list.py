"""Wave 6b: after an answer that said which role takes one item of a list on, asking for the rest of a list is
about the whole list, not that role; pointing at the people ('what else do they handle?') keeps the role."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.understand import understand

# the thread after 'who deals with the legacy-systems constraint?' was answered 'AI Engineers tend to take it on'
_AFTER_WHO_TAKES_IT = {
    "topic": "enterprise_constraints",
    "subject": "answered:ai_engineer|shown:item.enterprise_constraints=4",
    "thread": {"enterprise_constraints": {"subject": "answered:ai_engineer|shown:item.enterprise_constraints=4"}},
}


@pytest.mark.parametrize(
    "text",
    ["and what else sits in the challenges list?", "which other challenges does the article give besides that?"],
)
def test_the_rest_of_a_list_is_the_whole_list(kb: KnowledgeBase, text: str) -> None:
    (question,) = understand(kb, "ask_challenges", [], _AFTER_WHO_TAKES_IT, text)
    assert question.topic == "challenges" and not question.roles and question.role is None


def test_what_else_they_handle_keeps_the_role_just_answered(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_challenges", [], _AFTER_WHO_TAKES_IT, "what other challenges do they face?")
    assert question.role == "ai_engineer"
