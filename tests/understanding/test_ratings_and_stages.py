"""Follow-ups that move along the skill tables (a skill's rating, the other table, the areas at one rating for the
other role) and along the learning paths (the stage after one named, 'and later on?', where the paths part, both
paths at one stage)."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.reasoning import interview
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None):
    questions = understand(kb, intent, [], previous or {}, text)
    return questions[-1], "\n\n".join(render(kb, q).text for q in questions)


_AFTER_PATH_STAGE = {
    "topic": "learning_path",
    "role": "ai_engineer",
    "path_stage": "intermediate",
    "subject": "shown:path_stage=intermediate|roles:ai_engineer",
    "thread": {"learning_path": {"role": "ai_engineer", "path_stage": "intermediate"}},
}


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("ask_role_comparison", "How does system integration compare between the two roles?", ("Advanced", "Moderate")),
        ("ask_role_comparison", "how do the roles differ in data engineering?", ("Moderate", "Advanced")),
        ("ask_role_comparison", "API & microservices: AI engineer vs ML engineer?", ("Advanced", "Basic")),
        (
            "ask_skill_comparison",
            "How strong does each role need to be at API & microservices, and at model development?",
            ("Advanced", "Basic", "Moderate"),
        ),
        ("ask_workflow", "what level of model development does an AI engineer need?", ("Moderate",)),
        ("ask_skills", "how good does an ML engineer need to be at cloud deployment?", ("Moderate",)),
    ],
)
def test_how_strong_or_compared_on_a_skill_is_its_rating(kb, intent, text, expected):
    question, reply = answer(kb, intent, text)
    assert question.topic in ("skills", "skill_comparison")
    for word in expected:
        assert word in reply


def test_a_rating_named_after_a_learning_stage_is_the_skill_tables(kb):
    text = "and the API & microservices rating for that role vs the ML role?"
    question, reply = answer(kb, "ask_skill_comparison", text, _AFTER_PATH_STAGE)
    assert question.topic == "skill_comparison"
    assert "Advanced" in reply and "Basic" in reply


@pytest.mark.parametrize(
    "text, role, present, absent",
    [
        ("the reverse for the AI engineer?", "ml_engineer", ("ML Algorithms", "Data Engineering"), ("Security",)),
        ("and for the AI engineer?", "ml_engineer", ("ML Algorithms",), ("Cloud Services",)),
        ("what about the ML engineer?", "ai_engineer", ("Security", "Cloud Services"), ("ML Algorithms",)),
    ],
)
def test_the_areas_at_the_rating_just_listed_for_the_other_role(kb, text, role, present, absent):
    previous = {
        "topic": "skill_comparison",
        "role": role,
        "subject": f"shown:rating=Medium|roles:{role}",
        "thread": {"skill_comparison": {"role": role}},
    }
    _, reply = answer(kb, "inform", text, previous)
    for name in present:
        assert name in reply
    for name in absent:
        assert name not in reply


def test_a_rating_list_remembers_its_rating(kb):
    question, _ = answer(
        kb, "inform", "and where is the ML engineer only medium?", {"topic": "skill_comparison", "thread": {}}
    )
    assert "rating=Medium" in (question.subject() or "")


@pytest.mark.parametrize("text", ["and in the summary table?", "what about the summary table?", "in the other table?"])
def test_the_row_just_shown_in_the_other_table(kb, text):
    previous = {
        "topic": "skills",
        "subject": "skill:feature engineering|shown:row=data_engineering",
        "thread": {"skills": {}},
    }
    _, reply = answer(kb, "ask_skills", text, previous)
    assert "Medium" in reply and "High" in reply


@pytest.mark.parametrize("text", ["which row was basic for one of them?", "which rows are advanced for both?"])
def test_rows_at_a_rating(kb, text):
    previous = {"topic": "skill_comparison", "subject": "skill:mlops|shown:row=mlops_monitoring", "thread": {}}
    _, reply = answer(kb, "inform", text, previous)
    assert "at that rating" in reply


@pytest.mark.parametrize(
    "intent, text, previous, stage",
    [
        ("inform", "and later on?", _AFTER_PATH_STAGE, "advanced"),
        ("inform", "and afterwards?", _AFTER_PATH_STAGE, "advanced"),
        (
            "ask_learning_path",
            "what comes after the intermediate stage for ML engineers?",
            {"topic": "tools", "role": "ml_engineer", "subject": "tool:jupyter", "thread": {"tools": {}}},
            "advanced",
        ),
        (
            "ask_learning_path",
            "what follows the advanced stage on the AI path?",
            {"topic": "workflow", "stage": "deployment_integration", "thread": {"workflow": {}}},
            "enterprise_skills",
        ),
    ],
)
def test_the_stage_after(kb, intent, text, previous, stage):
    question, _ = answer(kb, intent, text, previous)
    assert (question.topic, question.path_stage) == ("learning_path", stage)


@pytest.mark.parametrize(
    "text",
    ["where do they start to diverge?", "at what stage do the two paths split?", "where do the paths part ways?"],
)
def test_where_the_paths_part(kb, text):
    previous = {
        "topic": "learning_path",
        "role": "ml_engineer",
        "path_stage": "foundation",
        "thread": {"learning_path": {"role": "ml_engineer", "path_stage": "foundation"}},
    }
    question, reply = answer(kb, "inform", text, previous)
    assert (question.path_stage, question.roles) == ("intermediate", ())
    assert "ML basics" in reply and "feature engineering" in reply


@pytest.mark.parametrize(
    "text", ["What do the advanced stages of both learning paths cover?", "the enterprise stage on both paths?"]
)
def test_both_paths_at_a_stage(kb, text):
    previous = {**_AFTER_PATH_STAGE, "role": "ml_engineer"}
    question, _ = answer(kb, "ask_learning_path", text, previous)
    assert question.roles == ()


@pytest.mark.parametrize(
    "text, asks",
    [
        ("and the enterprise stage?", True),
        ("great — the last stage of my path?", True),
        ("and the next step?", True),
        ("I'd like a big enterprise", False),
        ("very comfortable", False),
    ],
)
def test_a_stage_asked_mid_interview_is_an_aside(kb, text, asks):
    assert interview.asks_for_a_stage(kb, interview.Message(text=text)) is asks


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("ask_math", "how strong does the ML engineer need to be in that area? (REST APIs, microservices)", "Basic"),
        ("ask_math", "how good must an AI engineer be at microservices?", "Advanced"),
    ],
)
def test_a_rating_nlu_read_as_math_is_the_skill_named(kb, intent, text, expected):
    question, reply = answer(kb, intent, text)
    assert question.topic == "skills" and expected in reply


def test_math_itself_stays_math(kb):
    question, _ = answer(kb, "ask_math", "how strong does the ML engineer need to be in linear algebra?")
    assert question.topic == "math"


@pytest.mark.parametrize(
    "text, stage",
    [
        ("and for the ML role, what's the enterprise-stage skill?", "enterprise_skills"),
        ("what skills does the advanced stage teach an AI engineer?", "advanced"),
        ("which skills come in the intermediate-stage for ML engineers?", "intermediate"),
    ],
)
def test_a_stages_skills_are_the_learning_path(kb, text, stage):
    question, _ = answer(kb, "ask_learning_path", text)
    assert (question.topic, question.path_stage) == ("learning_path", stage)


@pytest.mark.parametrize(
    "text, level", [("the middle column again, for the ML role only?", "mid"), ("and the last column?", "senior")]
)
def test_a_column_of_the_pay_table_is_its_level(kb, text, level):
    previous = {"topic": "salary_comparison", "thread": {"salary_comparison": {}}}
    question, _ = answer(kb, "inform", text, previous)
    assert question.level == level


def test_machine_learning_in_a_role_name_is_no_skill_to_compare(kb):
    question, _ = answer(kb, "ask_role_comparison", "difrence betwen ai enginer and machne lerning enginer?")
    assert question.topic == "role_comparison"


def test_words_already_in_the_summary_table_stay(kb):
    previous = {"topic": "skills", "subject": "skill:cloud services|shown:row=cloud_deployment", "thread": {}}
    _, reply = answer(kb, "inform", "how is that reflected in the summary table?", previous)
    assert "Cloud Services (summary table): AI Engineer High, ML Engineer Medium" in reply
