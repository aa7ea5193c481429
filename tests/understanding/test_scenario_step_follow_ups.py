"""Follow-ups into scenarios, use cases, workflow steps, challenges and what the last answer was about (wave 2):
'who leads it?' after a subject set before a dash, 'the other scenario?', 'which ones does the AI engineer
handle?' after the steps, 'for which role?', 'where do chatbots come up?', the split of a use case's work, a
missing fact's thread, short content questions NLU took for small talk."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render, with_shown_topic
from actions.understanding import lookups
from actions.understanding.question import Question
from actions.understanding.topics import detect_topics
from actions.understanding.triage import triage
from actions.understanding.understand import understand
from actions.understanding.vocabulary import normalizer_for
from components.small_talk_guard import is_follow_up


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


def role(value: str) -> dict:
    return {"entity": "role", "value": value}


@pytest.mark.parametrize(
    "text",
    ["deployment - who leads it?", "monitoring: which role owns it?", "and deployment — who is in charge of it?"],
)
def test_who_after_a_subject_set_before_a_dash_carries_no_role(kb, text):
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "collaboration"}
    question, reply = answer(kb, "ask_responsibilities", text, previous)
    assert not question.roles
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


@pytest.mark.parametrize(
    "intent, text", [("ask_other_role", "the other scenario?"), ("inform", "and what about the other example?")]
)
def test_the_other_scenario_is_not_the_other_role(kb, intent, text):
    previous = {
        "topic": "scenarios",
        "role": "ai_engineer",
        "subject": "scenario:customer_support_automation|roles:ml_engineer+ai_engineer",
    }
    question, reply = answer(kb, intent, text, previous)
    assert (question.topic, question.scenario, question.roles) == ("scenarios", "predictive_analytics", ())
    assert "forecasting" in reply and "dashboards" in reply


@pytest.mark.parametrize(
    "previous_topic, text, entity, expected",
    [
        ("workflow", "which ones does the AI engineer handle?", "AI engineer", "Testing and Validation"),
        ("workflow", "which of those does the ML engineer own?", "ML engineer", "Data Preparation"),
        ("challenges", "which ones does the ML engineer take on?", "ML engineer", "model performance drift"),
    ],
)
def test_which_ones_a_role_handles_after_a_split_list(kb, previous_topic, text, entity, expected):
    question, reply = answer(kb, "ask_responsibilities", text, {"topic": previous_topic}, [role(entity)])
    assert question.topic == previous_topic and len(question.roles) == 1
    assert expected in reply


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_responsibilities", "for which role?"),
        ("ask_role_comparison", "which role is that for?"),
        ("inform", "is that for both roles?"),
        ("ask_responsibilities", "for whom?"),
    ],
)
def test_for_which_role_repeats_the_last_answer(kb, intent, text):
    question, reply = answer(kb, intent, text, {"topic": "certifications"})
    assert question.topic == "certifications"
    assert "both" in reply


@pytest.mark.parametrize(
    "text, expected",
    [
        ("then where do chatbots come up?", "Customer support"),
        ("where does ticket routing show up in the article?", "customer support"),
        ("the recommendation one — whose role description mentions recommendation engines?", "AI Engineer"),
        ("which section do IoT devices appear in?", "Data Ingestion"),
    ],
)
def test_where_a_term_comes_up(kb, text, expected):
    question, reply = answer(kb, "inform", text, {"topic": "use_cases"})
    assert question.topic == "concept"
    assert expected in reply


def test_mentions_find_a_term_in_the_singular_or_plural_and_in_the_role_descriptions(kb):
    assert lookups.mentions(kb, "chatbot") and lookups.mentions(kb, "chatbots")
    assert any("AI Engineer" in where for where, _ in lookups.mentions(kb, "conversational systems"))


@pytest.mark.parametrize(
    "text, scenario",
    [
        ("the first one — how would the two engineers split that work?", "customer_support_automation"),
        ("the third one, who does what there?", "predictive_analytics"),
        ("and the first one: how do both roles divide it?", "customer_support_automation"),
    ],
)
def test_a_use_cases_split_between_the_roles_is_its_scenario(kb, text, scenario):
    question, reply = answer(kb, "ask_scenarios", text, {"topic": "use_cases"})
    assert (question.topic, question.scenario) == ("scenarios", scenario)
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


def test_a_missing_facts_thread_goes_on_from_what_was_shown(kb):
    asked = Question(topic="salary", missing="course_costs", text="how much do the H2K programs cost?")
    assert with_shown_topic(kb, asked).topic == "certifications"
    assert with_shown_topic(kb, Question(topic="salary")).topic == "salary"
    # in a talk about one level's pay, the thread stays on pay ('and the ML senior?' next)
    senior = Question(topic="salary", level="senior", missing="time_to_learn", text="how many years is senior?")
    assert with_shown_topic(kb, senior).topic == "salary"
    question, reply = answer(kb, "ask_salary", "what does the article say they offer?", {"topic": "certifications"})
    assert question.topic == "certifications" and "hands-on" in reply


def test_and_a_new_subject_after_a_who_answer_asks_who_again(kb):
    previous = {
        "topic": "responsibilities",
        "stage": "deployment_integration",
        "subject": "answered:ai_engineer|shown:stage=deployment_integration",
    }
    question, reply = answer(kb, "inform", "and model drift?", previous)
    assert not question.roles
    assert "Machine Learning Engineer" in reply


@pytest.mark.parametrize(
    "intent, text, follow_up",
    [
        ("thanks", "what's checked there?", True),
        ("help", "what kinds of systems?", True),
        ("goodbye", "who owns that step?", True),
        ("help", "what can you do?", False),
        ("help", "what do you know about?", False),
        ("thanks", "thanks, what else?", False),
    ],
)
def test_a_content_question_is_no_small_talk(intent, text, follow_up):
    assert is_follow_up(intent, text) is follow_up


@pytest.mark.parametrize("text", ["what kinds of systems?", "what's checked?", "what types?"])
def test_a_short_question_naming_nothing_asks_more_of_the_last_answer(kb, text):
    decided = triage(kb, [], text, "nlu_fallback", "role_definition")
    assert (decided.kind, decided.intents) == ("answer", ("inform",))


def test_what_is_a_term_is_not_more_of_the_last_answer(kb):
    assert triage(kb, [], "what is mlops?", "nlu_fallback", "workflow").intents != ("inform",)


@pytest.mark.parametrize(
    "text", ["which workflow step lists scikit-learn?", "where does sklearn come in?", "is scikit learn used?"]
)
def test_scikit_learn_is_no_cue_for_learning(kb, text):
    assert "learning_path" not in detect_topics(text, kb)


def test_a_notebook_is_jupyter(kb):
    assert normalizer_for(kb).tool("notebook") == "Jupyter Notebook"


@pytest.mark.parametrize(
    "text", ["which step of the workflow uses those frameworks?", "what step are these libraries in?"]
)
def test_a_tool_group_named_by_its_common_noun_after_those(kb, text):
    question, reply = answer(kb, "ask_tools", text, {"topic": "tools", "subject": "tool:notebook"})
    assert "Model Development" in reply


def test_where_does_that_come_up_stays_in_the_thread(kb):
    question, _ = answer(kb, "inform", "what about system uptime - where does that come up", {"topic": "use_cases"})
    assert question.topic != "concept"
