"""'Which workflow step matches my testing work?' asks the workflow (the step), not where the skill tables' ratings
match (wave 5: a QA engineer got the skills both roles rate alike)."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import answer_message


@pytest.mark.parametrize(
    "text",
    ["which workflow step matches validation skills?", "I do QA. Which workflow phase matches testing skills?"],
)
def test_a_step_that_matches_someone_is_the_workflow(kb, text):
    message = {"text": text, "intent": {"name": "ask_workflow", "confidence": 0.95}, "entities": []}
    answered = answer_message(kb, message, {})
    assert answered and answered[0][0].topic == "workflow"
