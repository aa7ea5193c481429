"""Wave 6b: right after the recommendation, a bare ask for 'the other role' (which has no answer of its own there)
is what the words ask of the role not recommended, else the gap towards it."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.reasoning.interview import intent_after_advice

_AFTER_ADVICE = {"topic": "role_fit"}


@pytest.mark.parametrize(
    "intent, text, wanted",
    [
        ("ask_other_role", "what else would he have to learn to handle the other role too?", "ask_learning_path"),
        ("inform", "what is he missing to cover the other side as well?", "ask_skill_gap"),
        ("ask_other_role", "and the pay on the other path?", "ask_salary"),
    ],
)
def test_the_other_role_after_advice(kb: KnowledgeBase, intent: str, text: str, wanted: str) -> None:
    assert intent_after_advice(kb, intent, text, _AFTER_ADVICE, "ml_engineer") == wanted


def test_elsewhere_or_without_a_recommendation_the_intent_stays(kb: KnowledgeBase) -> None:
    text = "what about the other role?"
    assert intent_after_advice(kb, "ask_other_role", text, {"topic": "tools"}, "ml_engineer") == "ask_other_role"
    assert intent_after_advice(kb, "ask_other_role", text, _AFTER_ADVICE, None) == "ask_other_role"
