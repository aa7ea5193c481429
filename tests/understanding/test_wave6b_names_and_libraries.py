"""Wave 6b: 'Which Amazon-style name's tools are named?' at the start of a sentence is where the article names that
vendor, and a bare next name ('and the Azure ones?') after it is asked the same way; 'libs' and 'packages' ask
for tools even in a skill-gap thread."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.understand import understand


def _after_name(name: str) -> dict:
    subject = f"term:{name}"
    return {"topic": "concept", "subject": subject, "thread": {"concept": {"subject": subject}}}


def test_a_vendor_asked_with_a_capital_which_is_where_the_article_names_it(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_tools", [], {}, "Which AWS products does the guide mention?")
    assert question.topic == "concept" and question.term == "AWS"


def test_the_next_bare_vendor_is_asked_like_the_last(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "inform", [], _after_name("AWS"), "what about the Google ones?")
    assert question.topic == "concept" and question.term == "Google"
    assert render(kb, question).text.startswith("#### Where the article names Google")


def test_a_bare_tool_after_a_vendor_is_that_tool(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "inform", [], _after_name("AWS"), "and Kafka?")
    assert question.topic != "concept"


def test_libs_in_a_skill_gap_thread_ask_for_tools(kb: KnowledgeBase) -> None:
    previous = {"topic": "skill_gap", "thread": {"skill_gap": {}}}
    (question,) = understand(kb, "ask_tools", [], previous, "what python libs exactly?")
    assert question.topic == "tools"
