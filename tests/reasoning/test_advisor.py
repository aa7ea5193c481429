"""Role-fit scoring and skill-gap plans computed from the KB."""

from __future__ import annotations

import pytest

from actions.answers.advice import interview_prompt, recommendation, skill_gap_answer
from actions.reasoning.advisor import next_steps, recommend, skill_gap, skill_weight
from actions.reasoning.interview import Said, State
from actions.understanding.context import Question, canonical
from actions.understanding.skill_matcher import matcher_for
from actions.understanding.vocabulary import normalizer_for


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


def _state(answers, **extra) -> State:
    return State(answers={k: Said(v, f"said {v}", "text") for k, v in answers.items()}, status="done", **extra)


def test_recommendation_text_is_grounded(kb):
    answers = {"fit_work": "models", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "large"}
    text = recommendation(kb, recommend(kb, answers), _state(answers)).text
    assert "My recommendation: Machine Learning Engineer." in text
    assert 'You prefer developing models ("said models")' in text  # the person's own words
    assert "ML algorithms and feature engineering" in text and "$90,000–$115,000" in text
    both_answers = {**answers, "fit_work": "both", "fit_cloud": "yes", "fit_team": "small"}
    both = recommendation(kb, recommend(kb, both_answers), _state(both_answers))
    assert "Both roles fit you" in both.text and "small teams" in both.text
    assert "$85,000–$110,000" in both.text and "$90,000–$115,000" in both.text


def test_recommendation_offers_refine_and_a_skill_gap(kb):
    answers = {"fit_work": "systems", "fit_math": "low"}
    mentions = matcher_for(kb).find("Python ; Docker")
    answer = recommendation(kb, recommend(kb, answers), _state(answers, skills=("Python", "Docker")), mentions)
    assert "I decided on 2 of 5 answers" in answer.text
    assert "Skills you mentioned (Python and Docker)" in answer.text
    assert "Docker (MLOps & Monitoring)" in answer.text and "MLOps & Monitoring, " not in answer.text
    payloads = [b.payload for b in answer.buttons]
    assert '/ask_salary{"level": "entry", "role": "ai_engineer"}' in payloads
    assert '/ask_role_fit{"fit_answer": "refine"}' in payloads and '/ask_role_fit{"fit_answer": "restart"}' in payloads


def test_interview_prompt_has_buttons_naming_their_question(kb):
    answer = interview_prompt(kb, State(current="fit_work"))
    assert answer.text.startswith("Question 1 of 5:")
    assert answer.buttons[0].payload == '/inform{"fit_answer": "systems", "fit_question": "fit_work"}'
    assert [b.title for b in answer.buttons] == ["Engineering systems", "Developing models", "Both equally"]
    retry = interview_prompt(kb, State(current="fit_cloud", misses=1))
    assert retry.text.startswith("Question 3 of 5:") and retry.buttons[-1].title == "Skip"
    assert [q.slot for q in kb.advisor.questions] == ["fit_work", "fit_math", "fit_cloud", "fit_data", "fit_team"]


def test_skill_matcher_finds_kb_skills_and_tools(kb):
    found = matcher_for(kb).find("I know Python, SQL and Docker, plus some statistics")
    assert {"programming", "data_handling", "mlops_monitoring", "mathematics"} <= found.keys
    assert found.words == ("Python", "SQL", "Docker", "statistics")
    assert matcher_for(kb).find("I like gardening").keys == set()


def test_a_named_skill_covers_its_item_not_the_whole_row(kb):
    found = matcher_for(kb).find("I know Python, SQL and Docker, what do I need for ML engineering?")
    assert "model_development" not in found.keys  # "ML engineering" names a role
    assert {"programming", "python_programming"} <= found.whole  # Python is one of Programming's any-of items
    assert found.parts["data_engineering"] == ("SQL",) and found.parts["mlops_monitoring"] == ("Docker",)
    assert found.parts["data_handling"] == ("SQL",)  # SQL, Pandas and data pipelines: SQL alone is a start
    assert "data_engineering" in matcher_for(kb).find("I do data engineering").whole


def test_skill_gap_for_ml_engineer(kb):
    gap = skill_gap(kb, "ml_engineer", matcher_for(kb).find("python, sql and docker"))
    assert {i.name for i in gap.covered} == {"Programming"}
    started = {i.name: i.have for i in gap.partial}
    assert started == {"Data handling": ("sql",), "Data Engineering": ("sql",), "MLOps & Monitoring": ("docker",)}
    assert "Model Development" in {i.name for i in gap.missing}
    steps = next_steps(gap)
    assert steps[0].level == "Core"
    model_dev = next(i for i in gap.missing if i.key == "model_development")
    assert (model_dev.level, model_dev.stage, model_dev.topic) == ("Advanced", "Advanced", "deep learning")


def test_skill_gap_answer_claims_only_what_was_named(kb):
    said = "I know Python, SQL and Docker, what do I need for ML?"
    question = canonical(Question(topic="skill_gap", roles=("ml_engineer",), text=said), normalizer_for(kb))
    text = skill_gap_answer(kb, question).text
    assert "From what you mentioned (Python, SQL and Docker)" in text
    assert "Already covered: Programming." in text
    assert "A start on: SQL (Data handling), SQL (Data Engineering) and Docker (MLOps & Monitoring)." in text
    covered_line = next(line for line in text.splitlines() if "Already covered" in line)
    for claimed in ("Model Development", "Data Engineering", "MLOps"):
        assert claimed not in covered_line
    assert "Mathematics (shared core skill)" in text
    unnamed = canonical(Question(topic="skill_gap", text="what do i need?"), normalizer_for(kb))
    empty = skill_gap_answer(kb, unnamed).text
    assert "Tell me what you already know" in empty
