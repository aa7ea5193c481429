"""Wave 6b: 'what do the others focus on instead?' right after who leans on a tool group is the other role's own
tools, whatever NLU read the focus as; 'the other tools' or a new subject is not."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.understand import understand


def _after_group(group: str) -> dict:
    subject = f"tool:{group}"
    return {"topic": "tools", "subject": subject, "thread": {"tools": {"subject": subject}}}


@pytest.mark.parametrize(
    "group, text, other",
    [
        ("cloud ai platforms", "ok and what do the others spend their time on instead?", "ml_engineer"),
        ("ml frameworks", "so the other folks lean on what instead?", "ai_engineer"),
    ],
)
def test_the_others_are_the_role_not_leaning_on_the_group(kb: KnowledgeBase, group: str, text: str, other: str) -> None:
    (question,) = understand(kb, "ask_responsibilities", [], _after_group(group), text)
    assert question.topic == "tools" and question.roles == (other,)


def test_the_other_tools_are_still_more_of_the_list(kb: KnowledgeBase) -> None:
    previous = _after_group("cloud ai platforms")
    (question,) = understand(kb, "ask_tools", [], previous, "and the other tools in that group?")
    assert not question.roles
