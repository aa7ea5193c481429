"""Tools follow-ups and the links between tools, tool groups and workflow steps (wave 5): a position among the
parts the last answer showed, the other tools of a step, a tool of a group by a word of its name, the cloud AI
platforms asked as 'platforms', the tools of the steps a role manages, of a duty or of a challenge, the step of
the tool just answered, where else a tool comes up."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.question import Question
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def ask(kb, intent, text, previous=None):
    return understand(kb, intent, [], previous or {}, text)


def one(kb, intent, text, previous=None):
    questions = ask(kb, intent, text, previous)
    assert len(questions) == 1, [q.route() for q in questions]
    return questions[0]


BOTH_ROLES_TOOLS = {"topic": "tools", "role": "ml_engineer", "subject": "shown:role=ai_engineer+ml_engineer"}


def test_the_first_sort_after_each_roles_tools_is_the_first_role_shown(kb):
    q = one(kb, "ask_scenarios", "show me a few of the first sort", BOTH_ROLES_TOOLS)
    assert (q.topic, q.roles, q.stage) == ("tools", ("ai_engineer",), None)
    assert "Docker" in render(kb, q).text


def test_the_second_sort_after_the_first_roles_tools_is_the_other_role(kb):
    previous = {"topic": "tools", "role": "ai_engineer", "subject": "roles:ai_engineer+ml_engineer"}
    q = one(kb, "inform", "now the second sort", previous)
    assert (q.topic, q.roles, q.stage) == ("tools", ("ml_engineer",), None)


def test_tools_for_the_first_after_two_duties_is_the_first_duty_step(kb):
    previous = {}
    for question in ask(kb, "ask_responsibilities", "Who leads deployment and who handles data prep?"):
        previous = question.context_slots()
    q = one(kb, "ask_tools", "which tools for the first?", previous)
    assert (q.topic, q.stage) == ("tools", "deployment_integration")


def test_the_other_tools_of_a_step_are_the_steps_tools_not_the_other_role(kb):
    previous = {"topic": "workflow", "stage": "data_ingestion", "subject": "tool:bigquery|shown:stage=data_ingestion"}
    q = one(kb, "ask_other_role", "any other tools in that step?", previous)
    assert (q.topic, q.stage, q.roles, q.tools) == ("tools", "data_ingestion", (), ())
    assert "Kafka" in render(kb, q).text


def test_what_the_other_role_focuses_on_is_its_own_groups(kb):
    previous = {"topic": "tools", "subject": "answered:ai_engineer|tool:mlops and deployment tools"}
    q = one(kb, "ask_other_role", "and the other one spends its time with what?", previous)
    assert (q.roles, q.tools) == (("ml_engineer",), ())


def test_the_cloud_option_after_a_steps_tools_is_that_tool(kb):
    previous = {"topic": "tools", "stage": "monitoring_maintenance", "subject": "shown:stage=monitoring_maintenance"}
    q = one(kb, "inform", "and the cloud option?", previous)
    assert (q.topic, q.tools) == ("tools", ("cloud monitoring services",))


def test_a_makers_cloud_ai_platform_is_that_platform_after_anything(kb):
    q = one(kb, "ask_tools", "what about the Microsoft cloud AI platform?", {"topic": "off_topic"})
    assert (q.topic, q.tools, q.skills) == ("tools", ("Azure Machine Learning",), ())


def test_the_amazon_one_after_one_cloud_platform_is_the_amazon_platform(kb):
    q = one(kb, "inform", "and the Amazon one", {"topic": "tools", "subject": "tool:Google Vertex AI"})
    assert q.tools == ("AWS SageMaker",)


def test_platforms_after_cloud_skills_are_the_cloud_ai_platforms(kb):
    previous = {"topic": "skills", "role": "ml_engineer", "subject": "skill:cloud deployment"}
    q = one(kb, "ask_tools", "which platforms again", previous)
    assert (q.topic, q.stage) == ("tools", None)
    assert "SageMaker" in render(kb, q).text


def test_platforms_for_cloud_deployments_are_the_cloud_ai_platforms(kb):
    previous = {"topic": "skills", "role": "ai_engineer", "subject": "skill:cloud deployment"}
    q = one(kb, "ask_tools", "what platforms do cloud based deployments run on?", previous)
    assert "Vertex" in render(kb, q).text


def test_the_tools_of_the_steps_a_role_manages(kb):
    previous = {
        "topic": "workflow",
        "role": "ai_engineer",
        "subject": "shown:stage=testing_validation+deployment_integration+monitoring_maintenance",
    }
    questions = ask(kb, "ask_tools", "and which tools would they need?", previous)
    assert [(q.topic, q.stage) for q in questions] == [
        ("tools", "testing_validation"),
        ("tools", "deployment_integration"),
        ("tools", "monitoring_maintenance"),
    ]


def test_tools_for_a_duty_are_its_steps_tools(kb):
    previous = {"topic": "responsibilities", "role": "ai_engineer", "aspect": "deployment"}
    q = one(kb, "ask_tools", "and which tools are used for that?", previous)
    assert (q.topic, q.stage) == ("tools", "deployment_integration")


def test_a_challenge_by_position_among_one_roles_challenges_then_its_tools(kb):
    previous = {"topic": "challenges", "role": "ai_engineer"}
    q = one(kb, "ask_challenges", "the third challenge", previous)
    assert (q.topic, q.item, q.roles) == ("challenges", 5, ())  # integration with legacy systems
    previous = {"topic": "challenges", "role": "ml_engineer"}
    q = one(kb, "ask_challenges", "the second challenge", previous)
    q = one(kb, "ask_tools", "what tools deal with it", q.context_slots())
    assert (q.topic, q.stage) == ("tools", "monitoring_maintenance")


def test_the_step_of_the_tool_just_answered_not_the_step_asked_on(kb):
    previous = {"topic": "tools", "stage": "model_development", "subject": "tool:grafana"}
    q = one(kb, "ask_workflow", "so which step is it part of?", previous)
    assert (q.topic, q.stage) == ("workflow", "monitoring_maintenance")


def test_a_tool_asked_on_another_step_does_not_keep_that_step(kb):
    previous = {"topic": "tools", "stage": "deployment_integration", "subject": "shown:stage=deployment_integration"}
    q = one(kb, "ask_tools", "is Spark used there as well?", previous)
    assert q.stage is None and q.tools


def test_eval_tools_are_the_testing_steps_tools_not_the_tool_before(kb):
    q = one(kb, "ask_tools", "which eval tools does it name", {"topic": "tools", "subject": "tool:java"})
    assert (q.topic, q.stage, q.tools) == ("tools", "testing_validation", ())


def test_a_bare_tool_after_a_fact_the_article_lacks_is_that_tools_step(kb):
    previous = {}
    for intent, text in [("ask_workflow", "Which step uses Spark?"), ("ask_challenges", "is Spark hard to learn?")]:
        previous = ask(kb, intent, text, previous)[-1].context_slots()
    q = one(kb, "inform", "ok, and PyTorch?", previous)
    assert q.topic in ("tools", "workflow")
    assert "Model Development" in render(kb, q).text


def test_where_else_a_tool_is_mentioned_lists_every_place(kb):
    previous = {"topic": "workflow", "stage": "deployment_integration"}
    q = one(kb, "inform", "where else is CI/CD mentioned?", previous)
    assert q.topic == "concept"
    assert "Version control" in render(kb, q).text


def test_where_a_word_of_the_article_is_mentioned_is_answered_not_declined(kb):
    ranking = [{"name": "out_of_scope", "confidence": 0.55}]
    assert triage(kb, ranking, "where is git mentioned", "out_of_scope", "workflow").kind == "answer"
    # a name the article never uses is not looked for: it is said to be missing (lookups.asked_if_mentioned)
    sourdough = triage(kb, ranking, "where is sourdough mentioned", "out_of_scope", "workflow")
    assert sourdough.why != "asks where a word it uses is mentioned"


def test_iot_data_entering_the_workflow_is_ingestion(kb):
    q = one(kb, "ask_workflow", "at which point does IoT data enter the workflow?")
    assert (q.topic, q.stage, q.missing) == ("workflow", "data_ingestion", None)


def test_a_maker_word_in_tool_names_lists_those_tools(kb):
    text = render(kb, Question(topic="tools", tools=("google",), text="which tools are from google?")).text
    assert "Google BigQuery" in text and "Google Vertex AI" in text
    assert "doesn't mention" not in text


def test_the_other_group_of_titles_is_still_the_other_side(kb):
    previous = {}
    for intent, text in [("ask_job_titles", "which titles use AI every day?"), ("inform", "just the ML-focused ones")]:
        previous = ask(kb, intent, text, previous)[-1].context_slots()
    q = one(kb, "ask_other_role", "and the other group?", previous)
    assert (q.topic, q.roles) == ("job_titles", ("ai_engineer",))


def test_the_platform_a_scenario_used_is_a_detail_the_article_lacks(kb):
    previous = {"topic": "tools", "stage": "monitoring_maintenance", "role": "ai_engineer"}
    q = one(kb, "ask_tools", "which chatbot vendor did that project go with?", previous)
    assert q.missing == "use_case_details"
