"""Wave 7 (x3): a count of a list said inline, one step's tools less a tool group, a training budget."""

from __future__ import annotations

from actions.answers.phrasing import Answer
from actions.answers.reasons import with_count
from actions.knowledge import KnowledgeBase
from actions.understanding import lookups
from tests.understanding.talking import talk


def test_how_many_counts_a_list_said_inline_after_a_colon() -> None:
    answer = with_count(Answer("Fruit named: apples, pears (an aside, with a comma) and plums. More words."))
    assert answer.text.startswith("Three (3)")


def test_a_pay_range_is_no_inline_list() -> None:
    answer = with_count(Answer("Salary: $85,000–$110,000 a year."))
    assert answer.text == "Salary: $85,000–$110,000 a year."


def test_how_many_tools_a_group_has_is_counted(kb: KnowledgeBase) -> None:
    _, reply = talk(kb, [("ask_tools", "how many cloud AI platforms does it name?")])
    assert reply.startswith("Three (3)")


def test_those_step_tools_not_in_a_group_are_the_difference(kb: KnowledgeBase) -> None:
    turns = [("ask_tools", "tools for the deployment step?"), ("inform", "which of them aren't listed under MLOps?")]
    _, reply = talk(kb, turns)
    assert reply.rstrip(".").endswith("REST APIs and CI/CD pipelines")


def test_a_training_budget_is_a_cost_the_article_does_not_give(kb: KnowledgeBase) -> None:
    fact = lookups.missing_fact(kb, "what should we budget for upskilling courses?")
    assert fact is not None and fact.key == "course_costs"
