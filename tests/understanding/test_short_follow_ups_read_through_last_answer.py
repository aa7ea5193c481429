"""Short follow-ups read through the last answer (wave 4, 'thread'): a part of the last answer's area, what moves
the figures just given, the other role in a section its field names, a stage named past a shift, a word that is a
stage or a level, the term, row, scenario, step or tool group the last answer was about."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.topics import scan_entities
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None):
    questions = understand(kb, intent, scan_entities(text, kb), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


PAY = {"topic": "salary", "role": "ai_engineer", "level": "mid"}


@pytest.mark.parametrize(
    "intent, text, previous",
    [
        ("ask_careers", "which industries were named", {"topic": "salary", "location": "remote"}),
        ("inform", "what sectors did it list?", PAY),
        ("ask_careers", "which industries specifically?", {"topic": "salary_factors"}),
        ("inform", "ok which industries tho", {"topic": "salary_comparison"}),
    ],
)
def test_industries_after_pay_are_those_among_what_moves_pay(kb, intent, text, previous):
    question, reply = answer(kb, intent, text, previous)
    assert question.topic == "salary_factors"
    assert "finance" in reply and "cloud services" in reply


@pytest.mark.parametrize("text", ["which industries were named", "what industries specifically?"])
def test_an_off_topic_verdict_on_industries_after_pay_is_answered(kb, text):
    assert triage(kb, [], text, "out_of_scope", "salary").kind == "answer"


def test_industries_without_pay_in_the_thread_stay_the_careers(kb):
    question, _ = answer(kb, "ask_careers", "which industries were named", {"topic": "tools"})
    assert question.topic == "careers"


@pytest.mark.parametrize(
    "text",
    [
        "what affects these numbers?",
        "what else moves the number besides location",
        "which factors drive that?",
        "so what determines where you land in it?",
    ],
)
def test_what_moves_the_figures_just_given(kb, text):
    question, reply = answer(kb, "inform", text, PAY)
    assert question.topic == "salary_factors"
    assert "industry" in reply and "cloud" in reply.lower()  # the whole list, not one factor


def test_an_off_topic_verdict_on_what_else_moves_pay_is_answered(kb):
    decision = triage(kb, [], "what else moves the number besides location", "out_of_scope", "salary")
    assert decision.kind == "answer"


@pytest.mark.parametrize(
    "text, previous, expected",
    [
        ("and the other role, whats its entry range", {"topic": "tools", "role": "ml_engineer"}, ("salary", "entry")),
        ("what about the other one at senior level?", {"topic": "skills", "role": "ai_engineer"}, ("salary", "senior")),
        (
            "and the other role's intermediate stage?",
            {"topic": "tools", "role": "ml_engineer"},
            ("learning_path", None),
        ),
    ],
)
def test_the_other_role_in_the_section_a_field_names(kb, text, previous, expected):
    question, _ = answer(kb, "ask_other_role", text, previous)
    assert question.topic == expected[0]
    assert question.roles == ("ai_engineer" if previous["role"] == "ml_engineer" else "ml_engineer",)
    assert question.level == expected[1]


@pytest.mark.parametrize(
    "intent, text, expected",
    [
        ("ask_learning_path", "and after the basics whats the advanced stage", "advanced"),
        ("ask_learning_path", "what comes past the foundation, the advanced one?", "advanced"),
        ("ask_learning_path", "once done with the intermediate part, the enterprise stage?", "enterprise_skills"),
        ("ask_learning_path", "and the stage after the foundation?", "intermediate"),
    ],
)  # fmt: skip
def test_a_stage_named_past_a_shift_is_the_one_asked(kb, intent, text, expected):
    question, _ = answer(kb, intent, text, {"topic": "math", "role": "ml_engineer"})
    assert (question.topic, question.path_stage) == ("learning_path", expected)


def test_a_step_named_past_a_shift_is_the_one_asked(kb):
    question, _ = answer(kb, "ask_workflow", "what's after deployment, the monitoring step?", {"topic": "workflow"})
    assert question.stage == "monitoring_maintenance"


@pytest.mark.parametrize(
    "text, previous, expected",
    [
        ("and the intermediate stuff for that path", {"topic": "skills", "role": "ai_engineer"}, "learning_path"),
        ("the advanced part of my track?", {"topic": "role_fit", "role": "ml_engineer"}, "learning_path"),
        ("and intermediate?", {"topic": "salary", "role": "ai_engineer", "level": "entry"}, "salary"),
        ("what about intermediate level pay", {"topic": "skills", "role": "ai_engineer"}, "salary"),
    ],
)
def test_a_word_both_stage_and_level_is_read_by_the_thread(kb, text, previous, expected):
    question, _ = answer(kb, "inform", text, previous)
    assert question.topic == expected


@pytest.mark.parametrize("text", ["in what contexts?", "where else?", "and in which sections?"])
def test_the_term_the_last_answer_was_about_is_kept(kb, text):
    first, _ = answer(kb, "ask_use_cases", "Are recommendation engines mentioned anywhere?")
    question, reply = answer(kb, "inform", text, first.context_slots())
    assert question.term == "recommendation engines"
    assert "''" not in reply


@pytest.mark.parametrize(
    "text, expected",
    [("and on data?", "data_handling"), ("training?", "model_training"), ("and the team row?", "collaboration")],
)
def test_a_bare_row_word_after_table_rows_is_that_row(kb, text, expected):
    question, _ = answer(kb, "inform", text, {"topic": "responsibilities", "aspect": "monitoring"})
    assert (question.topic, question.aspect) == ("responsibilities", expected)


@pytest.mark.parametrize(
    "text", ["and in the analytics one", "what about the dashboard example?", "and the forecasting scenario?"]
)
def test_a_scenario_called_by_a_word_of_its_name(kb, text):
    previous = {"topic": "scenarios", "role": "ai_engineer", "subject": "scenario:customer_support_automation"}
    question, reply = answer(kb, "inform", text, previous)
    assert (question.topic, question.scenario) == ("scenarios", "predictive_analytics")
    assert "forecasting" in reply


@pytest.mark.parametrize(
    "text", ["which step uses those", "which workflow step is that in?", "what step are they used in"]
)
def test_the_step_of_the_tool_just_talked_about(kb, text):
    question, reply = answer(
        kb, "ask_workflow", text, {"topic": "tools", "role": "ai_engineer", "subject": "tool:prometheus"}
    )
    assert question.stage == "monitoring_maintenance"
    assert "drift" in reply


@pytest.mark.parametrize(
    "text", ["and the editors both would use?", "which coding environments are mentioned?", "what IDEs then"]
)
def test_the_development_tools_by_their_everyday_names(kb, text):
    previous = {"topic": "tools", "stage": "deployment_integration", "subject": "tool:deployment tools"}
    _, reply = answer(kb, "inform", text, previous)
    assert "Jupyter" in reply and "VS Code" in reply


@pytest.mark.parametrize(
    "text",
    [
        "where else do their ratings match in that table?",
        "any other rows where they match?",
        "where else are they tied?",
    ],
)
def test_where_else_the_ratings_match(kb, text):
    first, _ = answer(kb, "ask_skill_comparison", "How is performance optimization rated for each role?")
    _, reply = answer(kb, "inform", text, first.context_slots())
    assert "MLOps" in reply and "both" in reply


@pytest.mark.parametrize("text", ["which programming langs tho", "what langs do i need"])
def test_languages_said_short(kb, text):
    _, reply = answer(kb, "ask_tools", text, {"topic": "learning_path"})
    assert "Python" in reply


@pytest.mark.parametrize(
    "text",
    [
        "does the ai eng do that step",
        "does the AI engineer handle this step too?",
        "so does the AI engineer take on that stage?",
    ],
)
def test_whether_a_role_does_the_step_just_shown(kb, text):
    question, reply = answer(kb, "ask_responsibilities", text, {"topic": "workflow", "stage": "model_development"})
    assert (question.topic, question.stage) == ("workflow", "model_development")
    assert reply.startswith("No:") and "Machine Learning Engineers" in reply


@pytest.mark.parametrize("text", ["which best practices match my background?", "which use cases match what I do?"])
def test_another_topic_named_with_match_is_that_topic(kb, text):
    """'match' compares ratings only while no other topic is named."""
    first, _ = answer(kb, "ask_skill_comparison", "How is performance optimization rated for each role?")
    question, reply = answer(kb, "inform", text, first.context_slots())
    assert "Where both roles are rated the same" not in reply
