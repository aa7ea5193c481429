"""Round 10 of multi-part, typo and single-question facts (issue 26): heavy typos mended by sound and by one slip,
'rate' as a verb of the roles asks the skill tables, several rated skills in one question each get their
ratings, a learning stage named as '<role>'s intermediate skills', a role's duty on a named aspect, and 'what
decides it?' after an answer that says what its point depends on."""

from __future__ import annotations

from typing import List, Mapping

import pytest

from actions.answers.pipeline import render
from actions.understanding import spelling
from actions.understanding.question import Question
from actions.understanding.understand import understand


def asked(kb, intent: str, text: str, previous: Mapping | None = None) -> List[Question]:
    return understand(kb, intent, [], dict(previous or {}), text)


def reply(kb, intent: str, text: str, previous: Mapping | None = None) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous))


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("wat toolz do ML engineers use", "tools"),
        ("the foundashun stage", "foundation"),
        ("waht about versoin contorl", "version control"),
        ("wat efects salary for these jobs", "affects"),
        ("how much is the salry", "salary"),
        ("what skils are needed", "skills"),
        ("explane the overal comparisn", "overall comparison"),
        ("n wat abt bth of them", "both"),
    ],
)
def test_heavy_typos_are_mended(kb, typed: str, meant: str) -> None:
    assert meant in spelling.correct(typed, kb)


@pytest.mark.parametrize("text", ["abort the quiz", "boosts and fixes", "the buzz word", "a quiz on jazz"])
def test_words_that_are_no_typos_stay(kb, text: str) -> None:
    assert spelling.correct(text, kb) == text


@pytest.mark.parametrize(
    "intent, text, said",
    [
        ("ask_responsibilities", "How do the two roles rate on MLOps and monitoring?", "Advanced"),
        ("ask_skill_comparison", "what does an ML engineer rate on model development?", "Advanced"),
        ("ask_workflow", "how does each role rate on data engineering?", "Moderate"),
        ("ask_responsibilities", "where do the two roles rate on cloud deployment?", "Moderate"),
    ],
)
def test_rate_as_a_verb_of_the_roles_asks_the_skill_tables(kb, intent: str, text: str, said: str) -> None:
    questions = asked(kb, intent, text)
    assert questions[0].topic in ("skills", "skill_comparison")
    assert said in reply(kb, intent, text)


def test_a_pass_rate_is_no_rating(kb) -> None:
    assert asked(kb, "ask_certifications", "what's the pass rate for cloud certifications?")[0].topic != "skills"


@pytest.mark.parametrize(
    "text",
    [
        "What's the API & microservices rating for both, and the system integration rating for both?",
        "how are API & microservices and system integration rated?",
    ],
)
def test_each_rated_skill_named_gets_its_ratings(kb, text: str) -> None:
    out = reply(kb, "ask_skills", text)
    assert "API & Microservices" in out and "Basic" in out
    assert "System Integration" in out and "Moderate" in out


@pytest.mark.parametrize(
    "text",
    [
        "What are the ML engineer's intermediate skills and the AI engineer's enterprise skills?",
        "what intermediate skills does an ML engineer need, and the enterprise skills of an AI engineer?",
    ],
)
def test_a_learning_stage_named_as_skills(kb, text: str) -> None:
    out = reply(kb, "ask_skill_comparison", text)
    assert "feature engineering" in out and "scalability" in out


@pytest.mark.parametrize(
    "text, said",
    [
        ("What does an AI engineer do for monitoring?", "system health"),
        ("what does an ML engineer do with data?", "prepares and engineers data"),
        ("What does an AI engineer do for monitoring, and what does an ML engineer do with data?", "system health"),
        ("what does the ML engineer do in deployment?", "supports deployment"),
    ],
)
def test_a_roles_duty_on_a_named_aspect(kb, text: str, said: str) -> None:
    assert said in reply(kb, "ask_role_definition", text)


def test_defining_a_role_stays_its_definition(kb) -> None:
    assert asked(kb, "ask_role_definition", "What is an AI engineer?")[0].topic == "role_definition"


def test_what_systems_a_role_integrates_is_its_definition(kb) -> None:
    text = "What kinds of systems does an AI engineer integrate into real-world applications?"
    assert "conversational systems" in reply(kb, "ask_role_definition", text)


@pytest.mark.parametrize(
    "previous, intent, text, said",
    [
        ("role_comparison", "ask_salary_factors", "what decides how much?", "organizational structure"),
        ("role_comparison", "out_of_scope", "and their day-to-day priorities depend on what?", "project goals"),
        ("both_roles", "inform", "based on what, exactly?", "team size"),
        ("both_roles", "out_of_scope", "what does it depend on?", "project scope"),
        ("job_titles", "inform", "what determines that?", "team size"),
    ],
)
def test_what_decides_the_last_answers_point(kb, previous: str, intent: str, text: str, said: str) -> None:
    assert said in reply(kb, intent, text, {"topic": previous})


def test_based_on_what_after_pay_asks_the_figures_source(kb) -> None:
    questions = asked(kb, "inform", "based on what?", {"topic": "salary", "role": "ai_engineer"})
    assert questions[0].missing == "salary_source"


def test_what_decides_pay_is_still_pay(kb) -> None:
    assert asked(kb, "ask_salary_factors", "what decides the salary?", {"topic": "role_comparison"})[0].topic == (
        "salary_factors"
    )


@pytest.mark.parametrize(
    "text",
    ["who handles the compliance part, the AI or the ML engineer?", "which role is responsible for compliance?"],
)
def test_who_handles_compliance_is_each_roles_enterprise_duty(kb, text: str) -> None:
    out = reply(kb, "ask_responsibilities", text)
    assert "architectures that ensure compliance" in out


@pytest.mark.parametrize(
    "intent, text, said",
    [
        ("ask_skill_comparison", "and what does the other role do with data?", "uses processed data"),
        ("ask_skills", "so what does the AI engineer do with the data?", "uses processed data"),
    ],
)
def test_what_a_role_does_on_an_aspect_is_its_duty_not_a_rating(kb, intent: str, text: str, said: str) -> None:
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "data_handling"}
    assert said in reply(kb, intent, text, previous)
