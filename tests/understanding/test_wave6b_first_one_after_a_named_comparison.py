"""Wave 6b: after a comparison that named both roles ('what does X do compared to Y?'), 'the first one' is the role
the person named first, and 'the second one' the other."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase

from .talking import talk

_COMPARED = ("ask_role_comparison", "how does a machine learning engineer's job differ from an AI engineer's?")


@pytest.mark.parametrize(
    "text, role",
    [
        ("which workflow steps does the first one mostly handle?", "ml_engineer"),
        ("and which steps does the second one own?", "ai_engineer"),
    ],
)
def test_the_first_one_is_the_role_named_first(kb: KnowledgeBase, text: str, role: str) -> None:
    questions, _ = talk(kb, [_COMPARED, ("ask_workflow", text)])
    assert [q.roles for q in questions] == [(role,)]
