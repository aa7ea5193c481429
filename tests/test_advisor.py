"""Role-fit scoring and skill-gap plans computed from the KB."""

from __future__ import annotations

import pytest

from actions.advice_answers import interview_prompt, recommendation, skill_gap_answer
from actions.advisor import interview_slots, match_option, next_steps, question_for, recommend, skill_gap, skill_weight
from actions.context import Question
from actions.skill_matcher import matcher_for


def test_skill_weights_follow_the_tables(kb):
    assert skill_weight(kb, "api_microservices", "ai_engineer") == 2  # Advanced vs Basic
    assert skill_weight(kb, "api_microservices", "ml_engineer") == -2
    assert skill_weight(kb, "model_development", "ml_engineer") == 1
    assert skill_weight(kb, "mlops_monitoring", "ai_engineer") == 0  # Advanced for both


@pytest.mark.parametrize(
    ("answers", "role"),
    [
        (
            {"fit_work": "systems", "fit_math": "low", "fit_cloud": "yes", "fit_data": "no", "fit_team": "large"},
            "ai_engineer",
        ),
        (
            {"fit_work": "models", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "large"},
            "ml_engineer",
        ),
        ({"fit_work": "both", "fit_math": "high", "fit_cloud": "yes", "fit_data": "yes", "fit_team": "small"}, None),
        (
            {"fit_work": "both", "fit_math": "low", "fit_cloud": "no", "fit_data": "no", "fit_team": "any"},
            "ai_engineer",
        ),
        (
            {"fit_work": "both", "fit_math": "high", "fit_cloud": "no", "fit_data": "no", "fit_team": "any"},
            "ml_engineer",
        ),
        ({"fit_work": "systems", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "any"}, None),
    ],
)
def test_recommend(kb, answers, role):
    rec = recommend(kb, answers)
    assert rec.role == role
    assert len(rec.reasons) == 5


def test_recommendation_text_is_grounded(kb):
    answers = {"fit_work": "models", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "large"}
    text = recommendation(kb, recommend(kb, answers)).text
    assert "My recommendation: Machine Learning Engineer." in text
    assert "ML algorithms and feature engineering" in text and "$90,000–$115,000" in text
    both = recommendation(kb, recommend(kb, {**answers, "fit_work": "both", "fit_cloud": "yes", "fit_team": "small"}))
    assert "Both roles fit you" in both.text and "small teams" in both.text
    assert "$85,000–$110,000" in both.text and "$90,000–$115,000" in both.text


@pytest.mark.parametrize(
    ("slot", "text", "key"),
    [
        ("fit_work", "I like building systems more", "systems"),
        ("fit_work", "Developing models", "models"),
        ("fit_work", "modles", "models"),
        ("fit_work", "hmm what", None),
        ("fit_math", "not really", "low"),
        ("fit_math", "yes, I love math", "high"),
        ("fit_cloud", "yes", "yes"),
        ("fit_data", "nope", "no"),
        ("fit_team", "a startup", "small"),
        ("fit_team", "big tech company", "large"),
    ],
)
def test_match_option(kb, slot, text, key):
    option = match_option(question_for(kb, slot), text)
    assert (option.key if option else None) == key


def test_interview_prompt_has_buttons(kb):
    answer = interview_prompt(kb, "fit_work", 1)
    assert answer.text.startswith("Question 1 of 5:")
    assert [b.payload for b in answer.buttons][0] == '/inform{"fit_answer": "systems"}'
    assert interview_prompt(kb, "fit_work", 1, retry=True).text.startswith("Sorry, I didn't catch that")
    assert interview_slots(kb) == ["fit_work", "fit_math", "fit_cloud", "fit_data", "fit_team"]


def test_skill_matcher_finds_kb_skills_and_tools(kb):
    found = matcher_for(kb).find("I know Python, SQL and Docker, plus some statistics")
    assert {"programming", "data_handling", "mlops_monitoring", "mathematics"} <= found.keys
    assert found.words == ("Python", "SQL", "Docker", "statistics")
    assert matcher_for(kb).find("I like gardening").keys == set()


def test_skill_gap_for_ml_engineer(kb):
    gap = skill_gap(kb, "ml_engineer", matcher_for(kb).find("python, sql and docker").keys)
    covered = {i.name for i in gap.covered}
    assert {"Programming", "Data handling", "Data Engineering", "MLOps & Monitoring"} <= covered
    steps = next_steps(gap)
    assert steps[0].level == "Core"
    model_dev = next(i for i in gap.missing if i.key == "model_development")
    assert (model_dev.level, model_dev.stage, model_dev.topic) == ("Advanced", "Advanced", "deep learning")


def test_skill_gap_answer(kb):
    text = skill_gap_answer(kb, Question(topic="skill_gap", roles=("ml_engineer",), text="I know Python and SQL")).text
    assert "From what you mentioned (Python and SQL)" in text
    assert "For a Machine Learning Engineer you already cover" in text
    assert "Mathematics (shared core skill)" in text
    empty = skill_gap_answer(kb, Question(topic="skill_gap", text="what do i need?")).text
    assert "Tell me what you already know" in empty
