"""A background that argues for the role picked is said as such: the skills someone has that the role rates
above the other role (a security engineer's security, a data engineer's data engineering), in the lean and in
the skill gap's 'Aim for' line (issue 26)."""

from __future__ import annotations

import pytest

from actions.answers.advice import strengths_for
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.person import person_mentions
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "said, role, named",
    [
        ("security, IAM and RBAC", "ai_engineer", "Security"),
        ("Spark and Airflow data engineering pipelines", "ml_engineer", "Data Engineering"),
        ("APIs and microservices", "ai_engineer", "API"),
    ],
)
def test_what_the_role_rates_higher_is_named(kb: KnowledgeBase, said: str, role: str, named: str) -> None:
    lines = strengths_for(kb, person_mentions(kb, said), role)
    assert lines and named in lines[0]


def test_what_the_other_role_rates_higher_is_no_strength(kb: KnowledgeBase) -> None:
    assert strengths_for(kb, person_mentions(kb, "security, IAM and RBAC"), "ml_engineer") == []
    assert strengths_for(kb, None, "ai_engineer") == []


def test_the_skill_gap_says_why_a_data_engineer_aims_for_ml(kb: KnowledgeBase) -> None:
    text = "I'm a data engineer - Spark, Kafka, Airflow, SQL pipelines. I'd like to get closer to the models."
    (question,) = understand(kb, "ask_skill_gap", [], {}, text)
    first = render(kb, question).text.splitlines()[0]
    assert first.startswith("Aim for Machine Learning Engineer") and "Data Engineering" in first
