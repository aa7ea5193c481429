"""'is X in the <group> list?': whether a tool is in the group named, said first (Yes / No)."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "text, lead",
    [
        ("does XGBoost belong to the ML frameworks group?", "No: XGBoost is not among the ML frameworks"),
        ("so is Kafka in the development tools list too?", "No: Apache Kafka is not among the development tools"),
        ("is PyTorch in that ML frameworks list?", "Yes"),
    ],
)
def test_a_tool_in_a_group_list_is_answered_yes_or_no(kb, text, lead):
    question = understand(kb, "ask_tools", [], {"topic": "tools"}, text)[-1]
    assert render(kb, question).text.startswith(lead)
