"""Follow-ups of the dev5 round: skills picked by their rating, the article's own words in the answers."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None):
    questions = understand(kb, intent, [], previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


@pytest.mark.parametrize(
    "intent, text, previous",
    [
        ("inform", "are there any areas where they're rated the same?", {"topic": "skills", "subject": "skill:api"}),
        ("ask_role_comparison", "where are they equal?", {"topic": "skill_comparison"}),
        ("inform", "and where they're tied?", {"topic": "skills", "role": "ml_engineer", "subject": "skill:api"}),
    ],
)
def test_where_the_roles_are_rated_alike(kb, intent, text, previous):
    question, reply = answer(kb, intent, text, previous)
    assert question.topic == "skill_comparison" and not question.skills
    assert "Performance Optimization" in reply and "Python Programming" in reply and "API" not in reply


def test_where_one_role_is_rated_higher(kb):
    previous = {"topic": "skills", "role": "ml_engineer", "subject": "skill:cloud"}
    entities = [{"entity": "role", "value": "ml engineer"}, {"entity": "role", "value": "ai engineer"}]
    text = "where is the ML engineer rated higher than the AI engineer?"
    question = understand(kb, "ask_which_better", entities, previous, text)[-1]
    reply = render(kb, question).text
    assert "rated higher" in reply and "ML Algorithms" in reply and "Cloud" not in reply


def test_skills_at_a_rating_after_pay_are_the_roles_skills(kb):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "entry"}
    question, reply = answer(kb, "ask_skill_comparison", "and which skills are rated advanced for them?", previous)
    assert question.topic == "skill_comparison" and question.roles == ("ai_engineer",)
    assert "System Integration" in reply and "$" not in reply
    _, reply = answer(kb, "inform", "and which are only moderate?", question.context_slots())
    assert "Model Development" in reply and "System Integration" not in reply


def test_the_roles_work_spans_the_articles_areas(kb):
    _, reply = answer(kb, "ask_role_definition", "what does an AI engineer do?")
    assert "software engineering, data pipelines, model deployment and system optimization" in reply
    _, reply = answer(kb, "ask_role_definition", "what does a machine learning engineer do?")
    assert "algorithm selection, model evaluation" in reply


def test_pay_factors_and_the_open_ended_band_in_the_articles_words(kb):
    _, reply = answer(kb, "ask_salary_factors", "what affects salary?")
    assert "production deployment experience" in reply
    _, reply = answer(kb, "ask_salary", "what does a senior AI engineer earn?")
    assert "no fixed ceiling" in reply and "higher" in reply


@pytest.mark.parametrize(
    "intent, text, previous, says",
    [
        (
            "ask_skill_gap",
            "what else is on that list besides programming?",
            {"topic": "skills", "subject": "skill:Programming"},
            "Version control",
        ),
        ("inform", "what else is on that list?", {"topic": "use_cases"}, "predictive maintenance"),
        (
            "ask_challenges",
            "what other challenges are there?",
            {"topic": "challenges", "role": "ai_engineer"},
            "data quality",
        ),
    ],
)
def test_the_rest_of_the_list_is_the_whole_list(kb, intent, text, previous, says):
    question, reply = answer(kb, intent, text, previous)
    assert question.topic == previous["topic"] and not question.skills and not question.roles and says in reply


@pytest.mark.parametrize("text", ["what's being tested there?", "what's checked there besides accuracy?"])
def test_what_a_step_does_in_the_passive_is_the_step(kb, text):
    question, reply = answer(kb, "ask_challenges", text, {"topic": "tools", "stage": "testing_validation"})
    assert question.topic == "workflow" and question.stage == "testing_validation" and "bias" in reply


def test_the_definition_lists_the_work_spans_once(kb):
    for text in ("what does an AI engineer do?", "what does a machine learning engineer do?"):
        _, reply = answer(kb, "ask_role_definition", text)
        assert reply.count("data pipelines") + reply.count("feature engineering") == 1
