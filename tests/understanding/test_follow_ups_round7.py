"""Follow-ups of the round-7 families: one role's part in a step, a title's side, a bare 'AI'/'ML' role, pay at
every level, what raises pay, what kind of figures they are."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


def role(value: str) -> dict:
    return {"entity": "role", "value": value}


@pytest.mark.parametrize(
    "intent, text, previous, entities, expected",
    [
        (
            "ask_role_definition",
            "and what does the ML engineer keep an eye on instead?",
            {"topic": "workflow", "stage": "monitoring_maintenance"},
            [role("ML engineer")],
            ("ml_engineer", "monitoring", "model performance"),
        ),
        (
            "ask_role_definition",
            "what does the ML engineer do there then?",
            {"topic": "workflow", "stage": "deployment_integration"},
            [role("ML engineer")],
            ("ml_engineer", "deployment", "supports deployment"),
        ),
        (
            "inform",
            "does the other role prepare data too?",
            {"topic": "tools", "stage": "data_preparation"},
            [],
            ("ai_engineer", "data_handling", "processed data"),
        ),
    ],
)
def test_one_roles_part_in_the_step_just_shown(kb, intent, text, previous, entities, expected):
    question, reply = answer(kb, intent, text, previous, entities)
    assert (question.topic, question.role, question.aspect) == ("responsibilities", *expected[:2])
    assert expected[2] in reply


def test_a_role_in_general_after_a_step_is_not_the_steps_row(kb):
    question, _ = answer(
        kb,
        "ask_role_definition",
        "what does an ML engineer do?",
        {"topic": "workflow", "stage": "deployment_integration"},
        [role("ML engineer")],
    )
    assert question.topic != "responsibilities" or question.aspect is None


@pytest.mark.parametrize(
    "text, title",
    [("which side is Data Scientist on?", "Data Scientist"), ("and the Applied AI Developer?", "Applied AI Developer")],
)
def test_which_side_a_title_is_on(kb, text, title):
    entities = [{"entity": "job_title", "value": title}]
    question, reply = answer(kb, "ask_salary", text, {"topic": "job_titles"}, entities)
    assert question.topic == "job_titles" and "focused" in reply


def test_a_bare_ml_goes_back_to_that_role(kb):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "entry"}
    question, reply = answer(
        kb, "inform", "go back to ML - mid-level?", previous, [{"entity": "level", "value": "mid"}]
    )
    assert (question.role, question.level) == ("ml_engineer", "mid") and "115,000" in reply


def test_pay_at_every_level_says_whether_it_holds(kb):
    previous = {"topic": "salary", "level": "senior"}
    question, reply = answer(kb, "ask_salary", "does that hold at every level?", previous)
    assert question.topic == "salary_comparison" and question.level is None
    assert "At every level" in reply


@pytest.mark.parametrize(
    "text",
    [
        "what helps push someone toward the top of that?",
        "what would get someone above it?",
        "what would help me move up fastest?",
    ],
)
def test_what_raises_pay_after_a_pay_answer(kb, text):
    question, reply = answer(kb, "ask_salary", text, {"topic": "salary", "role": "ai_engineer", "level": "senior"})
    assert question.topic == "salary_factors" and "model development" in reply


def test_what_kind_of_figures_repeats_them(kb):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "entry"}
    question, reply = answer(kb, "ask_faq", "are these guaranteed numbers or just ballpark?", previous)
    assert question.topic == "salary" and "indicative" in reply


def test_the_other_roles_part_in_the_step_said_as_the_other_one(kb):
    previous = {"topic": "workflow", "stage": "deployment_integration", "subject": "answered:ai_engineer"}
    question, reply = answer(kb, "ask_other_role", "and the other does what with deployment?", previous)
    assert (question.topic, question.role, question.aspect) == ("responsibilities", "ml_engineer", "deployment")
    assert "supports deployment" in reply


def test_the_side_a_title_just_talked_about_is_on(kb):
    previous = {"topic": "salary", "job_title": "mlops_engineer"}
    question, reply = answer(kb, "ask_salary", "what other roles are on that side?", previous)
    assert question.topic == "job_titles" and "NLP Engineer" in reply and "Data Scientist" in reply
