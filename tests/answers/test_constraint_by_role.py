"""A constraint asked as 'does it sit with one role or the other': who handles constraints, with the item."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "text",
    [
        "does GDPR work fall more to the AI engineer or the ML engineer?",
        "would SOC 2 sit with AI or ML engineers?",
    ],
)
def test_a_constraint_asked_between_the_roles_says_who_handles_it(kb, text):
    question = understand(kb, "ask_enterprise_constraints", [], {}, text)[-1]
    reply = render(kb, question).text
    assert "GDPR" in reply and "ensure compliance" in reply
