"""Follow-ups that point into the last answer: a title at a position, a rating shared, pay after other talk."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None):
    questions = understand(kb, intent, [], previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


@pytest.mark.parametrize(
    "previous, text, says",
    [
        ({"topic": "job_titles", "role": "ml_engineer"}, "what does the last one pay?", "NLP Engineer"),
        ({"topic": "careers"}, "what does the fifth one earn?", "AI Consultant"),
        (
            {"topic": "job_titles", "role": "ai_engineer"},
            "how much does the second one make?",
            "AI Solutions Architect",
        ),
    ],
)
def test_pay_of_a_title_at_a_position_is_said_to_be_missing(kb, previous, text, says):
    question, text = answer(kb, "ask_salary", text, previous)
    assert question.topic == "salary" and says in text and "$" not in text


def test_pay_of_a_role_at_a_position_is_its_pay(kb):
    question, text = answer(kb, "ask_salary", "and the first one's salary?", {"topic": "careers"})
    assert question.roles == ("ai_engineer",) and "$85,000" in text


@pytest.mark.parametrize(
    "first, text, expected",
    [
        (
            "what level of cloud deployment skill does an ML engineer need",
            "which other areas are at the same level for them",
            "System Integration",
        ),
        ("how important is python for an AI engineer?", "what else is rated the same for them?", "Security"),
    ],
)
def test_areas_at_the_same_rating(kb, first, text, expected):
    before = understand(kb, "ask_skills", [], {}, first)[-1]
    _, reply = answer(kb, "inform", text, before.context_slots())
    assert expected in reply and "Other skill areas rated" in reply


@pytest.mark.parametrize("text", ["so where is the ML engineer weakest", "what are ML engineers' weak spots?"])
def test_weakest_is_about_skills_not_challenges(kb, text):
    question, text = answer(kb, "ask_challenges", text)
    assert question.topic == "skills" and "API & Microservices" in text


def test_budget_for_that_level_is_pay_not_the_last_topic(kb):
    previous = {"topic": "skills", "role": "ai_engineer", "level": "senior"}
    question, text = answer(kb, "ask_salary", "budget for that level?", previous)
    assert question.topic == "salary" and "$140,000" in text


@pytest.mark.parametrize("text", ["Perfect, and the mid-level AI engineers?", "ok thanks, and mid level AI?"])
def test_and_after_a_thank_you_goes_on_with_the_last_topic(kb, text):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "mid"}
    question, reply = answer(kb, "ask_skills", text, previous)
    assert question.topic == "salary" and "$110,000" in reply


@pytest.mark.parametrize(
    "text", ["Which data sources feed the ingestion step?", "where does the data come from in data ingestion?"]
)
def test_a_steps_sources_are_not_its_tools(kb, text):
    _, reply = answer(kb, "ask_workflow", text)
    assert "databases" in reply and "BigQuery" not in reply


def test_a_tool_from_a_company_is_a_tool_question(kb):
    question, reply = answer(kb, "ask_tools", "which tool in step 1 is from Google?")
    assert question.topic == "tools" and "BigQuery" in reply


@pytest.mark.parametrize("text", ["salary of a software engineer", "how much does a backend developer make?"])
def test_a_bare_engineer_is_no_ml_engineer(kb, text):
    question, reply = answer(kb, "ask_salary", text)
    assert not question.roles and "$" not in reply


def test_engineers_in_general_get_both_roles_pay(kb):
    question, reply = answer(kb, "ask_salary", "what do engineers earn?")
    assert "$85,000" in reply and "$90,000" in reply


def test_industries_listed_there_after_what_moves_pay(kb):
    question, reply = answer(kb, "ask_careers", "which industries are listed there?", {"topic": "salary_factors"})
    assert question.topic == "salary_factors" and "cloud services" in reply


def test_industries_after_the_careers_stay_careers(kb):
    question, _ = answer(kb, "ask_careers", "which industries are listed there?", {"topic": "careers"})
    assert question.topic == "careers"


@pytest.mark.parametrize(
    "intent, text",
    [("ask_challenges", "what problems do teams commonly face with AI?"), ("ask_use_cases", "use cases of ai")],
)
def test_ai_after_with_or_of_is_the_field_not_the_role(kb, intent, text):
    question, _ = answer(kb, intent, text)
    assert question.roles == ()


@pytest.mark.parametrize("text", ["what's the salary in AI?", "entry pay of ML?"])
def test_ai_asked_with_pay_is_the_role(kb, text):
    question, _ = answer(kb, "ask_salary", text)
    assert len(question.roles) == 1


@pytest.mark.parametrize(
    "text, verdict",
    [("and is it part of the AI engineer's usual steps?", "No"), ("does the ML engineer manage it?", "Yes")],
)
def test_is_a_step_part_of_a_roles_steps_says_yes_or_no(kb, text, verdict):
    previous = {"topic": "workflow", "stage": "model_development"}
    _, reply = answer(kb, "ask_workflow", text, previous)
    assert reply.startswith(verdict)


def test_a_challenge_named_after_the_challenges_stays_there(kb):
    question, _ = answer(kb, "inform", "and model performance drift?", {"topic": "challenges"})
    assert question.topic == "challenges"


def test_tool_groups_after_one_group_are_all_groups(kb):
    before = understand(kb, "ask_tools", [], {}, "cloud platforms?")[-1]
    question, reply = answer(
        kb, "ask_tools", "which of those tool groups do AI engineers spend more time with", before.context_slots()
    )
    assert "Docker" in reply and "SageMaker" in reply
    _, reply = answer(kb, "inform", "and ML engineers?", question.context_slots())
    assert "TensorFlow" in reply and "SageMaker" not in reply


@pytest.mark.parametrize(
    "text", ["which training provider does the article point to?", "is there a training provider the article promotes"]
)
def test_the_articles_training_provider_is_named(kb, text):
    question, reply = answer(kb, "ask_responsibilities", text)
    assert question.topic == "certifications" and "H2K" in reply


@pytest.mark.parametrize("text", ["what's the median salary nationwide?", "what's the 90th percentile?"])
def test_pay_statistics_the_article_lacks_are_said_to_be_missing(kb, text):
    question, reply = answer(kb, "ask_salary", text)
    assert question.missing and "$" not in reply


def test_average_salary_is_still_the_ranges(kb):
    _, reply = answer(kb, "ask_salary", "what's the average salary of an ML engineer?")
    assert "$90,000" in reply


@pytest.mark.parametrize("text", ["how many modules does the H2K program have?", "what's the H2K curriculum like?"])
def test_details_of_the_named_program_are_said_to_be_missing(kb, text):
    question, reply = answer(kb, "ask_certifications", text)
    assert question.missing == "program_details" and "H2K" in reply


def test_pay_in_an_industry_is_said_to_be_missing(kb):
    question, reply = answer(kb, "ask_salary", "what do ML engineers in manufacturing earn?")
    assert question.missing and "$" not in reply


def test_which_role_and_level_is_that_restates_the_last_answer(kb):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "senior"}
    question, reply = answer(kb, "ask_which_better", "which role and level is that?", previous)
    assert question.topic == "salary" and "Machine Learning Engineer, senior level" in reply


def test_what_a_role_ensures_is_its_enterprise_duty(kb):
    question, reply = answer(kb, "ask_best_practices", "what do ML engineers ensure in enterprise environments?")
    assert question.topic == "enterprise_constraints" and "accuracy and stability" in reply


def test_a_tools_market_share_is_said_to_be_missing(kb):
    question, reply = answer(kb, "ask_tools", "what's the market share of AWS SageMaker?")
    assert question.missing == "tool_figures" and "no market-share" in reply


def test_which_path_does_not_carry_the_last_role(kb):
    previous = {"topic": "learning_path", "role": "ai_engineer", "path_stage": "advanced"}
    question, reply = answer(kb, "ask_learning_path", "which path has deep learning", previous)
    assert question.roles == () and "Machine Learning Engineer" in reply
