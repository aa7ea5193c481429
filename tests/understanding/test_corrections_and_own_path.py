"""Corrections re-ask the last question with the corrected part (role, level, facet), and follow-ups about the
person's own path (after a self-description) are about the role advised and the tools they named."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import answer_message, render
from actions.reasoning import interview as iv
from actions.understanding.topics import is_correction, step_shift, without_set_aside
from actions.understanding.understand import understand
from components.small_talk_guard import is_follow_up


@pytest.mark.parametrize(
    "text",
    [
        "no, I meant the ML one",
        "no wait, I meant the ML one",
        "nope, the ML one",
        "no, the senior one",
        "no no, ML",
        "sorry, entry level",
        "oops, the AI one",
    ],
)
def test_a_leading_no_with_what_was_meant_is_a_correction(text):
    assert is_correction(text)


@pytest.mark.parametrize(
    "text",
    [
        "no thanks",
        "no",
        "nope",
        "no, not really",
        "no, what does an ML engineer do?",
        "sorry about that",
        "no, I don't care about pay",
        "sorry, I'm confused",
    ],
)
def test_a_plain_no_or_a_new_question_is_no_correction(text):
    assert not is_correction(text)


@pytest.mark.parametrize(
    "text", ["no, I meant the ML one", "no wait, I meant the ML one", "nope, the ML one", "no, the senior one"]
)
def test_a_correction_read_as_no_is_a_follow_up(text):
    assert is_follow_up("deny", text)


@pytest.mark.parametrize("text", ["no thanks", "no", "nope, not now"])
def test_a_plain_no_stays_no(text):
    assert not is_follow_up("deny", text)


@pytest.mark.parametrize(
    "text, kept",
    [
        ("sorry, I meant what programming languages, not math", "sorry, I meant what programming languages"),
        ("actually I meant the tools, not the skills", "actually I meant the tools"),
        ("not math, but the programming languages I meant", "the programming languages I meant"),
        ("I meant entry level for ML, not senior", "I meant entry level for ML"),
        ("what is not covered by the article?", "what is not covered by the article?"),
    ],
)
def test_a_correction_drops_what_it_sets_aside(text, kept):
    assert without_set_aside(text) == kept


@pytest.mark.parametrize(
    "previous, text, expected",
    [
        ({"topic": "salary", "role": "ai_engineer", "level": "mid"}, "no, I meant the ML one", "$115,000"),
        ({"topic": "salary", "role": "ml_engineer", "level": "mid"}, "sorry, entry level", "$90,000"),
        ({"topic": "tools", "role": "ai_engineer"}, "no, I meant the ML one", "modeling libraries"),
    ],
)
def test_a_correction_re_asks_the_last_question_with_the_part_corrected(kb, previous, text, expected):
    question = understand(kb, "inform", [], previous, text)[-1]
    assert expected in render(kb, question).text


@pytest.mark.parametrize(
    "text, nlu, previous, expected",
    [
        ("sorry, I meant what programming languages, not math", "ask_math", {"topic": "math"}, "Python"),
        (
            "actually I meant the tools, not the skills",
            "ask_skills",
            {"topic": "skills", "role": "ai_engineer"},
            "Tools for an AI Engineer",
        ),
        ("no, I meant the salary, not the skills", "ask_skills", {"topic": "skills", "role": "ai_engineer"}, "$85,000"),
    ],
)
def test_a_corrected_facet_is_answered_not_the_one_set_aside(kb, text, nlu, previous, expected):
    message = {"text": text, "intent": {"name": nlu, "confidence": 0.78}, "entities": []}
    answers = answer_message(kb, message, previous)
    assert answers and expected in answers[-1][1].text
    assert "Do you need advanced math" not in answers[-1][1].text


@pytest.mark.parametrize("text", ["and later on?", "later?", "what comes later on?"])
def test_later_is_the_next_stage(text):
    assert step_shift(text) == 1


def test_later_on_after_a_stage_of_the_path_is_the_next_stage(kb):
    previous = {"topic": "learning_path", "path_stage": "intermediate", "role": "ai_engineer"}
    question = understand(kb, "inform", [], previous, "and later on?")[-1]
    assert question.path_stage == "advanced"


def test_a_move_from_a_stage_the_message_names_is_in_its_own_list(kb):
    question = understand(
        kb, "ask_learning_path", [], {"topic": "tools"}, "and what does the path cover after the foundation?"
    )[-1]
    assert (question.topic, question.path_stage) == ("learning_path", "intermediate")


@pytest.mark.parametrize(
    "text, area",
    [
        ("what programming should I learn?", "Python"),
        ("what math should I learn?", "linear algebra"),
        ("what languages should I learn then?", "Python"),
    ],
)
def test_what_to_learn_within_one_shared_area_is_its_items(kb, text, area):
    for intent in ("ask_skill_gap", "ask_skills"):
        message = {"text": text, "intent": {"name": intent, "confidence": 0.7}, "entities": []}
        answers = answer_message(kb, message, {"topic": "role_fit", "role": "ml_engineer"}, "ml_engineer")
        assert area in answers[-1][1].text


@pytest.mark.parametrize(
    "text",
    [
        "what tools would I be using day-to-day in that role?",
        "what would I be doing day to day?",
        "should I be learning Kubernetes?",
    ],
)
def test_a_question_about_the_work_is_no_request_for_the_interview(kb, text):
    assert not iv.wants_a_lean(kb, iv.Message(text, "ask_tools", (), 0.58))
    assert not iv.wants_the_interview(kb, iv.Message(text, "ask_tools", (), 0.58))


def test_would_i_be_a_fit_still_asks_for_the_interview(kb):
    assert iv.FIT_FOR_ME.search("would i be a good ml engineer")


@pytest.mark.parametrize(
    "description, asked, tool",
    [
        (
            "Linux sysadmin, I run Prometheus and Grafana for our servers. Is either of these roles a fit?",
            "which workflow step uses those tools?",
            "prometheus",
        ),
        (
            "I do Kaggle competitions for fun — XGBoost, scikit-learn, lots of feature engineering. Which role?",
            "which workflow step uses the tools I mentioned?",
            "xgboost",
        ),
        (
            "I'm a data engineer — Spark, Kafka, Airflow, building pipelines all day. Which role is closer?",
            "which workflow steps would my pipeline experience map to?",
            "spark",
        ),
    ],
)
def test_the_tools_i_mentioned_are_the_ones_the_person_named(kb, description, asked, tool):
    state = iv.begin(kb, iv.Message(description, "ask_role_fit", (), 0.9)).state
    said = [*state.skills, *(a.said for a in state.answers.values())]
    entities = iv.with_own_tools(kb, {"text": asked, "entities": []}, "role_fit", said)
    assert {"entity": "tool", "value": tool} in entities
    assert "cloud platforms" not in [e["value"] for e in entities]


def test_the_article_s_tools_are_not_the_persons(kb):
    entities = iv.with_own_tools(
        kb, {"text": "which tools does the AI engineer use?", "entities": []}, "role_fit", ["I run Prometheus"]
    )
    assert entities == []


def test_the_tools_step_is_not_narrowed_to_the_advised_role(kb):
    message = {
        "text": "which workflow step uses the tools I mentioned?",
        "entities": [{"entity": "tool", "value": "prometheus"}],
    }
    entities = iv.with_recommended_role(kb, "ask_workflow", message, {"topic": "role_fit"}, "ml_engineer")
    assert not any(e["entity"] == "role" for e in entities)


def test_a_stage_of_my_path_mid_interview_is_a_question_not_an_answer(kb):
    state = iv.begin(
        kb,
        iv.Message(
            "I lead a DevOps team. I want to upskill personally into AI but keep my infra strengths. What's my path?",
            "ask_role_fit",
            (),
            0.9,
        ),
    ).state
    turn = iv.advance(kb, state, iv.Message("great — the last stage of my path?", "ask_role_fit", (), 0.48))
    assert turn.side_question and not turn.notes


def test_a_correction_of_a_question_asked_in_between_is_no_answer(kb):
    state = iv.begin(kb, iv.Message("I'm a UX designer with zero coding. Which role?", "ask_role_fit", (), 0.9)).state
    asked = iv.advance(kb, state, iv.Message("what math would I need?", "ask_math", (), 0.9)).state
    turn = iv.advance(
        kb, asked, iv.Message("sorry, I meant what programming languages, not math", "ask_math", (), 0.78)
    )
    assert turn.side_question


def test_an_aside_read_as_the_interview_is_read_by_its_words(kb):
    message = {
        "text": "great — the last stage of my path?",
        "intent": {"name": "ask_role_fit", "confidence": 0.48},
        "intent_ranking": [
            {"name": "ask_role_fit", "confidence": 0.48},
            {"name": "ask_learning_path", "confidence": 0.34},
        ],
        "entities": [],
    }
    intents = iv.aside_intents(kb, message, "skills")
    assert None not in intents and "ask_learning_path" in intents
