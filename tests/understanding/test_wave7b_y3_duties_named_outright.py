"""Wave 7b (y3): what a role makes sure of is its enterprise duty even when its words name a workflow step ('in
production'), and a duty named on its own ('working with other teams') is that row of the responsibilities, whatever
section NLU guessed."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from tests.understanding.talking import talk


@pytest.mark.parametrize(
    ("intent", "text", "expected"),
    [
        (
            "ask_workflow",
            "what does an ML engineer have to make sure of once a model is live?",
            "accuracy and stability",
        ),
        (
            "ask_workflow",
            "what do AI engineers ensure when the system runs in production",
            "compliance and system reliability",
        ),
        ("ask_responsibilities", "what does the machine learning engineer guarantee after deployment", "stability"),
    ],
)
def test_what_a_role_makes_sure_of_is_its_enterprise_duty(
    kb: KnowledgeBase, intent: str, text: str, expected: str
) -> None:
    questions, reply = talk(kb, [(intent, text)])
    assert questions[0].topic == "enterprise_constraints"
    assert expected in reply


@pytest.mark.parametrize(
    ("intent", "text"),
    [
        ("ask_best_practices", "are they working alongside other teams"),
        ("ask_takeaways", "who do these engineers collaborate with"),
    ],
)
def test_a_duty_named_alone_is_its_responsibility_row(kb: KnowledgeBase, intent: str, text: str) -> None:
    questions, reply = talk(kb, [(intent, text)])
    assert questions[0].topic == "responsibilities"
    assert "data teams" in reply and "product teams" in reply


@pytest.mark.parametrize(
    "text", ["so where might that end up at the top", "and where does it top out", "how high could the pay go"]
)
def test_the_top_of_a_pay_range_just_given_stays_on_pay(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_salary", "how much does an ML engineer make"), ("ask_key_takeaways", text)])
    assert questions[0].topic == "salary"
    assert "$145,000–$180,000" in reply


@pytest.mark.parametrize(
    "text", ["and for keeping watch on it once it is live?", "what about watching the model once it is running"]
)
def test_watching_a_running_system_is_the_monitoring_step(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_tools", "which tools pull the data in"), ("inform", text)])
    assert "Monitoring and Maintenance" in reply and "Prometheus" in reply


@pytest.mark.parametrize("text", ["any machine learning roles open to minors?", "is there AI work for high schoolers"])
def test_work_for_an_age_group_is_a_fact_the_article_lacks(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_learning_path", "where does he start"), ("ask_scenarios", text)])
    assert "no head-counts or demographics" in reply


@pytest.mark.parametrize("text", ["so what does an MLOps engineer actually do", "what would an NLP engineer be doing"])
def test_what_a_listed_title_does_is_what_the_article_says_of_it(kb: KnowledgeBase, text: str) -> None:
    _, reply = talk(kb, [("ask_skills", text)])
    assert "doesn't" in reply or "does not" in reply
    assert "Skills for both roles" not in reply
