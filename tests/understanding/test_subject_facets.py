"""A facet of the last answer's subject: the workflow step a list item, a skill or a named tool-skill sits in
(from careers.yml's step aliases and tools), who does a scenario's duty, a person named by their duty, the items of a
core area, the tool groups rather than the step last talked about."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import answer_message, render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


DRIFT = {"topic": "challenges", "subject": "shown:item.challenges=2"}  # model performance drift


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_workflow", "which workflow step deals with it?"),
        ("ask_workflow", "in which step of the workflow does that happen?"),
        ("ask_tools", "and which tools watch for it in the workflow?"),
        ("ask_tools", "what tools are used for that?"),
    ],
)
def test_a_list_item_leads_to_the_step_its_words_name(kb, intent, text):
    question, reply = answer(kb, intent, text, DRIFT)
    assert question.stage == "monitoring_maintenance" and "Prometheus" in reply


def test_an_item_naming_no_step_keeps_the_whole_answer(kb):
    question, _ = answer(
        kb, "ask_workflow", "which workflow step deals with it?", {**DRIFT, "subject": "shown:item.challenges=3"}
    )
    assert question.stage is None  # infrastructure scaling: no step's words


@pytest.mark.parametrize(
    "text, item, role",
    [
        ("who focuses on that kind of problem?", 2, "Machine Learning Engineers"),
        ("which role deals with it?", 4, "AI Engineers"),
        ("and who handles that one?", 5, "AI Engineers"),
    ],
)
def test_who_after_one_item_is_about_that_item(kb, text, item, role):
    question, reply = answer(
        kb, "ask_challenges", text, {"topic": "challenges", "subject": f"shown:item.challenges={item}"}
    )
    assert question.item == item and role in reply


def test_the_other_items_are_still_the_whole_list(kb):
    question, _ = answer(kb, "ask_challenges", "what are the other challenges on that list?", DRIFT)
    assert question.item is None


def test_a_yes_no_answer_on_one_item_remembers_it(kb):
    message = {
        "text": "Is model performance drift listed as one of the challenges?",
        "intent": {"name": "ask_challenges"},
    }
    [(question, reply)] = answer_message(kb, message, {})
    assert "drift" in reply.text and question.subject() == "shown:item.challenges=2"


@pytest.mark.parametrize(
    "topic, skill, text, stage, tool",
    [
        (
            "skill_comparison",
            "data engineering",
            "what tools would they use for that kind of work?",
            "data_preparation",
            "SQL",
        ),
        ("skills", "feature engineering", "tools for it?", "data_preparation", "Spark"),
        ("skills", "api", "which workflow step is that?", "deployment_integration", "REST APIs"),
        ("skills", "model development", "and the tools for that?", "model_development", "XGBoost"),
    ],
)
def test_a_skill_leads_to_the_step_its_words_name(kb, topic, skill, text, stage, tool):
    intent = "ask_workflow" if "step" in text else "ask_tools"
    question, reply = answer(kb, intent, text, {"topic": topic, "subject": f"skill:{skill}"})
    assert question.stage == stage and tool in reply


def test_a_tool_group_skill_names_no_step(kb):
    question, _ = answer(kb, "ask_tools", "tools for it?", {"topic": "skills", "subject": "skill:mlops"})
    assert question.stage is None


@pytest.mark.parametrize(
    "text, skill, stage",
    [
        ("in which workflow step do APIs mainly come up?", "APIs", "deployment_integration"),
        ("which step needs data engineering?", "data engineering", "data_preparation"),
    ],
)
def test_a_step_asked_for_a_named_skill(kb, text, skill, stage):
    question, _ = answer(kb, "ask_workflow", text, {}, [{"entity": "skill", "value": skill}])
    assert question.stage == stage


def test_the_tool_groups_are_not_the_step_talked_about(kb):
    previous = {"topic": "tools", "stage": "deployment_integration", "subject": "tool:cloud platforms"}
    text = "which of those tool groups do AI engineers spend more time with"
    question, reply = answer(kb, "ask_tools", text, previous, [{"entity": "role", "value": "AI engineer"}])
    assert question.stage is None and "containerization" in reply


@pytest.mark.parametrize(
    "previous, intent, text",
    [
        (
            {"topic": "use_cases", "subject": "shown:item.use_cases=1"},
            "ask_responsibilities",
            "which role trains the intent model for it?",
        ),
        ({}, "ask_scenarios", "and who would have trained the intent model in that scenario?"),
        ({}, "ask_scenarios", "who evaluates accuracy and bias?"),
    ],
)
def test_who_does_a_scenarios_duty(kb, previous, intent, text):
    question, reply = answer(kb, intent, text, previous)
    assert question.scenario == "customer_support_automation"
    assert reply.startswith("**The Machine Learning Engineer does that")


@pytest.mark.parametrize(
    "intent, text, previous, role, expected",
    [
        (
            "ask_scenarios",
            "and the person building the dashboard APIs in that scenario, what do they make at the same level",
            {"topic": "salary", "role": "ml_engineer", "level": "mid"},
            "ai_engineer",
            "110,000",
        ),
        ("ask_salary", "what does the one who trains the NLP models earn at entry level?", {}, "ml_engineer", "90,000"),
        (
            "ask_salary",
            "and whoever deploys the chatbot as a cloud service, what do they make at senior level?",
            {},
            "ai_engineer",
            "140,000",
        ),
    ],
)
def test_a_person_named_by_their_duty(kb, intent, text, previous, role, expected):
    question, reply = answer(kb, intent, text, previous)
    assert (question.topic, question.roles) == ("salary", (role,)) and expected in reply


def test_there_after_such_a_persons_pay_is_their_scenario(kb):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "mid", "subject": "scenario:predictive_analytics"}
    question, reply = answer(kb, "ask_scenarios", "what else does that person set up there", previous)
    assert question.scenario == "predictive_analytics" and "security layers" in reply


@pytest.mark.parametrize("text", ["and what workflows go with it?", "which workflows are in it?"])
def test_the_items_of_a_core_area_pointed_back_at(kb, text):
    question, reply = answer(kb, "ask_tools", text, {"topic": "tools", "subject": "skill:Version control"})
    assert question.topic == "skills" and "CI/CD workflows" in reply


@pytest.mark.parametrize(
    "text",
    [
        "and what tools would that person typically use for putting it into production?",
        "tools to put it into production?",
    ],
)
def test_into_production_is_the_deployment_step(kb, text):
    question, reply = answer(kb, "ask_tools", text, {"topic": "role_fit"}, [{"entity": "role", "value": "ML engineer"}])
    assert question.stage == "deployment_integration" and "Kubernetes" in reply


def test_what_do_i_need_for_a_named_step_is_that_step(kb):
    previous = {"topic": "tools", "role": "ml_engineer", "subject": "tool:kafka"}
    entities = [{"entity": "skill", "value": "model_development"}, {"entity": "role", "value": "ml_engineer"}]
    text = "and what do I need to add for the model development step?"
    question, reply = answer(kb, "ask_workflow", text, previous, entities)
    assert question.topic == "workflow" and "TensorFlow" in reply


@pytest.mark.parametrize("text", ["what kinda drift are they watching for", "what sorts of drift get watched?"])
def test_what_kind_of_thing_a_step_watches(kb, text):
    previous = {"topic": "tools", "stage": "monitoring_maintenance"}
    question, reply = answer(kb, "ask_challenges", text, previous)
    assert question.topic == "workflow" and "data drift" in reply


def test_a_learning_stage_question_is_not_an_older_step(kb):
    previous = {
        "topic": "skills",
        "subject": "skill:feature engineering",
        "thread": {"responsibilities": {"stage": "monitoring_maintenance"}},
    }
    question, reply = answer(kb, "ask_learning_path", "which learning stage covers it for them?", previous)
    assert question.topic == "learning_path" and "Intermediate" in reply


def test_what_a_step_holds_after_a_message_that_showed_that_step(kb):
    previous = {
        "topic": "responsibilities",
        "role": "ml_engineer",
        "aspect": "monitoring",
        "subject": "with:tools|shown:stage=monitoring_maintenance",
    }
    question, reply = answer(kb, "ask_challenges", "what kinds of drift are mentioned?", previous)
    assert question.stage == "monitoring_maintenance" and "data drift" in reply


def test_a_word_of_several_skill_rows_names_no_step(kb):
    previous = {"topic": "skill_comparison", "subject": "skill:cloud"}
    question, _ = answer(kb, "ask_tools", "Which one of these platforms is most used by companies?", previous)
    assert question.stage is None
