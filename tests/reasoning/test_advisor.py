"""Role-fit scoring and skill-gap plans computed from the KB."""

from __future__ import annotations

import pytest

from actions.answers.advice import interview_prompt, recommendation, skill_gap_answer
from actions.reasoning.advisor import next_steps, recommend, skill_gap, skill_weight
from actions.reasoning.interview import Said, State
from actions.understanding.context import canonical
from actions.understanding.person import person_mentions
from actions.understanding.question import Question
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
        # a "no" that points at no skill counts against what its "yes" points at: cloud no + data yes outweigh systems
        (
            {"fit_work": "systems", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "any"},
            "ml_engineer",
        ),
        ({"fit_work": "systems", "fit_math": "high", "fit_cloud": "yes", "fit_data": "yes", "fit_team": "small"}, None),
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
    assert "My recommendation: Machine Learning Engineer — quite sure." in text
    assert 'You prefer developing models ("said models")' in text  # the person's own words
    why, against = text.split("Why, from what you told me:")[1], "What might not suit you:"
    assert against not in text  # every answer argues for the pick
    assert text.count('"said models"') == 1 and "Where to begin" in why
    assert "ML algorithms and feature engineering" in text and "$90,000–$115,000" in text
    both_answers = {**answers, "fit_work": "both", "fit_cloud": "yes", "fit_team": "small"}
    both = recommendation(kb, recommend(kb, both_answers), _state(both_answers))
    assert "Both roles fit you" in both.text and "small teams" in both.text
    assert "$85,000–$110,000" in both.text and "$90,000–$115,000" in both.text


def test_recommendation_offers_refine_and_a_skill_gap(kb):
    answers = {"fit_work": "systems", "fit_math": "low"}
    mentions = matcher_for(kb).find("Python ; Docker")
    answer = recommendation(kb, recommend(kb, answers), _state(answers, skills=("Python", "Docker")), mentions)
    assert "Want to refine it? 3 questions still open: cloud, APIs and DevOps, data preparation and team size." in (
        answer.text
    )
    # the first skills to add: what an AI Engineer rates Advanced that Python and Docker do not cover
    # with all the stage teaches, so a newcomer to ML reads "ML basics" there too
    assert "Add first: API & Microservices (Intermediate stage: ML basics, APIs and cloud)" in answer.text
    assert "Since you build and run services, I assume you program and use version control" in answer.text
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
    assert {i.name for i in gap.covered} == {"Programming", "Python Programming"}
    started = {i.name: i.have for i in gap.partial}
    assert started == {"Data handling": ("sql",), "Data Engineering": ("sql",), "MLOps & Monitoring": ("docker",)}
    assert "Model Development" in {i.name for i in gap.missing}
    steps = next_steps(gap, kb=kb)
    # what the role rates highest (Advanced/High) that is untouched, in the order its learning path teaches it
    assert [(s.name, s.level) for s in steps[:3]] == [
        ("ML Algorithms", "High"),
        ("Model Development", "Advanced"),
        ("Performance Optimization", "Advanced"),
    ]
    model_dev = next(i for i in gap.missing if i.key == "model_development")
    assert (model_dev.level, model_dev.stage, model_dev.topic) == ("Advanced", "Advanced", "deep learning")


def _gap(kb, said: str, role: str | None = None) -> str:
    roles = (role,) if role else ()
    return skill_gap_answer(kb, canonical(Question(topic="skill_gap", roles=roles, text=said), normalizer_for(kb))).text


def _first_step(text: str) -> str:
    return next(line for line in text.splitlines() if line.startswith("1. "))


@pytest.mark.parametrize(
    ("said", "role", "first", "never"),
    [
        # the case: the shared core a Kubernetes user plainly has is assumed, the role's own skills come first
        (
            "I know Docker, Kubernetes, REST APIs and AWS, what do I need for ML engineering?",
            "ml_engineer",
            "ML Algorithms",
            "Docker",
        ),
        # PyTorch and TensorFlow are listed under model development: it is covered
        (
            "I know PyTorch and TensorFlow, what am I missing for ML engineering?",
            "ml_engineer",
            "Data Engineering",
            "Model Development",
        ),
        # negated and disliked things are not skills held
        (
            "I know Python but I hate deploying stuff, what do I need for AI engineering?",
            "ai_engineer",
            "API & Microservices",
            "Python Programming",
        ),
        (
            "I know SQL but I don't know any math or Python, what do I need for ML engineering?",
            "ml_engineer",
            "Python Programming",
            "SQL",
        ),
    ],
)
def test_skill_gap_first_step_is_what_the_role_rates_highest_that_is_missing(kb, said, role, first, never):
    text = _gap(kb, said, role)
    assert _first_step(text).startswith(f"1. {first} ("), text
    assert never not in text, text  # what the person has is counted, not read back; a skill held is not a step


def test_skill_gap_states_assumptions_and_answers_what_to_aim_for(kb):
    text = _gap(kb, "I run Kubernetes clusters and deploy microservices. What should I aim for and what am I missing?")
    assert text.startswith("Aim for AI Engineer: ")
    assert "Since you build and run services, I assume you program and use version control — tell me if not." in text
    assert "Next steps, most important first:" in text and _first_step(text)
    held = person_mentions(kb, "I hate deploying stuff and don't know any math")
    assert not {"cloud_deployment", "mathematics"} & held.keys
    assert "model_development" in person_mentions(kb, "I know PyTorch and TensorFlow").whole  # listed under it
    assert "ml_algorithms" in person_mentions(kb, "I know pandas and scikit-learn").parts  # scikit-learn kept


def test_skill_gap_answer_without_skills_invites_them(kb):
    unnamed = canonical(Question(topic="skill_gap", text="what do i need?"), normalizer_for(kb))
    assert "Tell me what you already know" in skill_gap_answer(kb, unnamed).text
