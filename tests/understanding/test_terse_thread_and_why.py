"""Terse follow-ups inside a conversation (issue 26, wave 3 'thread'): a question of a few words that names nothing
('how many?', 'as what?', 'any more reasons?') asks more of the last answer, whatever NLU read it as (off-topic, a
bot challenge, a goodbye, another topic); a bare 'why?' after a rating or a verdict asks the article's reason."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.triage import triage
from actions.understanding.understand import understand
from components.small_talk_guard import is_follow_up


def ent(kind: str, value: str) -> dict:
    return {"entity": kind, "value": value}


def say(kb, turns):
    """Each (intent, text, entities) turn on the slots of the one before; the last question and its reply."""
    previous: dict = {}
    questions = []
    for intent, text, entities in turns:
        questions = understand(kb, intent, list(entities), previous, text)
        previous = questions[-1].context_slots()
    return questions[-1], render(kb, questions[-1]).text


def rated(skill: str, role: str):
    return ("ask_skills", f"how much {skill} does a {role} need?", [ent("skill", skill), ent("role", role)])


@pytest.mark.parametrize("why", ["why?", "how come?", "and why is that?", "why so high?", "why the gap?", "but why"])
def test_why_after_a_data_rating_gives_the_data_handling_row(kb, why):
    question, reply = say(kb, [rated("feature engineering", "ML engineer"), ("ask_why_it_matters", why, [])])
    assert question.topic == "skills" and question.why
    assert "prepares and engineers data" in reply and "uses processed data" in reply


@pytest.mark.parametrize("why", ["why so low?", "why is it basic?", "how come", "why not more?"])
def test_why_a_rating_is_low_names_each_roles_focus(kb, why):
    question, reply = say(kb, [rated("microservices", "ML engineer"), ("out_of_scope", why, [])])
    assert question.topic == "skills" and "model development and optimization" in reply
    assert "Basic" in reply  # the rating itself still follows


def test_why_after_a_system_rating_names_the_deployment_row(kb):
    _, reply = say(kb, [rated("system integration", "AI engineer"), ("ask_why_it_matters", "why?", [])])
    assert "leads deployment and integration" in reply


@pytest.mark.parametrize("why", ["why?", "why though?", "how come?", "what's the reason?"])
def test_why_after_the_future_proof_verdict_gives_its_reason(kb, why):
    question, reply = say(
        kb, [("ask_future_proof", "will either job survive the next decade?", []), ("ask_why_it_matters", why, [])]
    )
    assert question.topic == "future_proof" and "expand" in reply


def test_why_it_matters_asked_in_words_stays_why_it_matters(kb):
    question, _ = say(
        kb, [rated("python", "AI engineer"), ("ask_why_it_matters", "why does the distinction matter?", [])]
    )
    assert question.topic == "why_it_matters"


def test_why_after_a_topic_without_a_reason_is_left_to_nlu(kb):
    question, _ = say(kb, [("ask_use_cases", "what are the use cases?", []), ("ask_why_it_matters", "why?", [])])
    assert question.topic == "why_it_matters" and not question.why


@pytest.mark.parametrize("text", ["how many?", "and how many are there?", "so how many?"])
def test_how_many_counts_the_list_just_shown(kb, text):
    question, reply = say(
        kb, [("ask_enterprise_constraints", "what constraints do enterprises face?", []), ("inform", text, [])]
    )  # 'inform': as triage reads it (test_triage_keeps_a_terse_question_on_the_thread)
    assert question.topic == "enterprise_constraints" and reply.lower().lstrip("*").startswith("four (4)")


@pytest.mark.parametrize(
    "text, previous, topic, wanted",
    [
        ("any other factors?", {"topic": "salary_factors"}, "salary_factors", "compliance"),
        # a step's sources are in the step itself, not its tools (test_carry_subject_and_facet.py)
        ("and which sources?", {"topic": "tools", "stage": "data_ingestion"}, "workflow", "IoT devices"),
        (
            "as what?",
            {"topic": "scenarios", "subject": "scenario:customer_support_automation"},
            "scenarios",
            "cloud service",
        ),
        ("what else?", {"topic": "challenges"}, "challenges", "drift"),
    ],
)
def test_a_terse_question_nlu_misread_stays_on_the_last_answer(kb, text, previous, topic, wanted):
    for nlu in ("ask_key_takeaways", "ask_certifications"):  # another topic, NLU unsure of it
        question = understand(kb, nlu, [], previous, text)[-1]
        assert question.topic == topic and wanted in render(kb, question).text


def test_a_terse_question_naming_its_own_topic_is_that_topic(kb):
    question = understand(kb, "ask_salary", [], {"topic": "tools"}, "and the salaries?")[-1]
    assert question.topic == "salary"


@pytest.mark.parametrize(
    "text", ["how many?", "as what?", "any other factors?", "what are the others?", "and how many are there?"]
)
def test_triage_keeps_a_terse_question_on_the_thread(kb, text):
    decision = triage(kb, [{"name": "out_of_scope", "confidence": 0.7}], text, "out_of_scope", "salary_factors")
    assert decision.kind == "answer" and decision.intents == ("inform",)


@pytest.mark.parametrize("text", ["why so low?", "how come?", "why is that"])
def test_triage_keeps_a_bare_why_after_a_rating_on_the_thread(kb, text):
    decision = triage(kb, [{"name": "out_of_scope", "confidence": 0.7}], text, "out_of_scope", "skills")
    assert decision.kind == "answer" and decision.intents == ("inform",)


@pytest.mark.parametrize("text", ["how many?", "what's the weather like in Paris today?", "what is its capital"])
def test_triage_without_a_thread_or_with_real_off_topic_declines(kb, text):
    previous = None if text == "how many?" else "salary"
    decision = triage(kb, [{"name": "out_of_scope", "confidence": 0.7}], text, "out_of_scope", previous)
    assert decision.kind != "answer"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("bot_challenge", "what kind of models?"),
        ("bot_challenge", "are those upper caps?"),
        ("bot_challenge", "are the numbers exact?"),
        ("deny", "nxt one?"),
        ("goodbye", "ok next"),
        ("affirm", "which of them pays more?"),
    ],
)
def test_small_talk_misreads_of_terse_follow_ups_go_to_the_fallback(intent, text):
    assert is_follow_up(intent, text)


@pytest.mark.parametrize(
    "intent, text",
    [
        ("bot_challenge", "are you a bot?"),
        ("bot_challenge", "what is this thing?"),
        ("bot_challenge", "who made you?"),
        ("affirm", "is it?"),
        ("deny", "no thanks"),
        ("goodbye", "bye for now"),
    ],
)
def test_real_small_talk_stays_small_talk(intent, text):
    assert not is_follow_up(intent, text)


def test_a_bare_next_moves_along_the_learning_path(kb):
    question, reply = say(
        kb,
        [
            ("ask_learning_path", "what's in the intermediate stage for AI engineers?", [ent("role", "AI engineer")]),
            ("inform", "nxt one?", []),
        ],
    )
    assert question.path_stage == "advanced" and "system design" in reply
