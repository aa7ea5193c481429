"""Wave 6b: doing both roles asked about pay leads with the article's note that pay rises for those who manage
both; 'what decides how they differ at a company?' after the overlap is that answer's own 'based on ...'."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.understand import understand


def _reply(kb: KnowledgeBase, intent: str, previous: dict, text: str) -> str:
    return "\n".join(render(kb, q).text for q in understand(kb, intent, [], previous, text))


def test_doing_both_asked_about_pay_says_pay_rises_for_both(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_both_roles", {}, "does covering both sides pay better then?")
    assert kb.salaries.growth_note in reply


def test_doing_both_without_pay_has_no_pay_note(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_both_roles", {}, "can one person cover both jobs?")
    assert kb.salaries.growth_note not in reply


def test_what_decides_the_difference_at_a_company_is_the_overlap_answers_basis(kb: KnowledgeBase) -> None:
    previous = {"topic": "role_comparison", "thread": {"role_comparison": {}}}
    (question,) = understand(kb, "ask_why_it_matters", [], previous, "so what determines how they differ in a company?")
    assert question.topic == "role_comparison"
    assert "project goals" in render(kb, question).text
