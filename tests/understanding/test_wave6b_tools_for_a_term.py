"""Wave 6b: after where the article names a term, 'which tools deal with it?' asks the tools of the one workflow
step that names it; a term no step names leaves the tools unnarrowed."""

from __future__ import annotations

from actions.knowledge import KnowledgeBase
from actions.understanding.understand import understand


def _after_term(term: str) -> dict:
    subject = f"term:{term}"
    return {"topic": "concept", "subject": subject, "thread": {"concept": {"subject": subject}}}


def test_tools_for_a_term_are_those_of_the_step_naming_it(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_tools", [], _after_term("drift"), "what tooling would spot that?")
    assert question.topic == "tools" and question.stage == "monitoring_maintenance"


def test_a_term_no_step_names_gives_no_step(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_tools", [], _after_term("legacy"), "what tooling would help with that?")
    assert question.stage is None
