"""The clarifying question offers only topics the KB has: a pointer intent with nothing to point at once crashed it."""

from __future__ import annotations

from actions.answers.clarify import CLARIFY, clarifying_question, decline
from actions.knowledge import get_kb


def test_topic_intents_become_buttons_with_their_labels() -> None:
    kb = get_kb()
    answer = clarifying_question(kb, ("ask_tools", "ask_salary"), {"role": "ai_engineer"})
    assert answer.text == CLARIFY
    assert [b.title for b in answer.buttons] == [kb.topics["tools"].title, kb.topics["salary"].title]
    assert answer.buttons[0].payload == '/ask_tools{"role": "ai_engineer"}'


def test_intents_that_name_no_topic_are_left_out() -> None:
    answer = clarifying_question(get_kb(), ("inform", "ask_tools", "ask_nothing_like_this"), {})
    assert [b.payload for b in answer.buttons] == ["/ask_tools"]


def test_with_no_topic_left_it_declines_politely() -> None:
    assert clarifying_question(get_kb(), ("inform",), {}) == decline()
    assert clarifying_question(get_kb(), (), {}) == decline()
