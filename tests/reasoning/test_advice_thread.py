"""The advice thread: self-descriptions that lean whatever NLU read, and follow-ups about the advised role."""

from __future__ import annotations

import pytest

from actions.reasoning import interview as iv
from actions.reasoning.interview import Message, Said, State


@pytest.mark.parametrize(
    "text",
    [
        "platform engineer, terraform and grafana all week. hoping to build ML systems, not do research",
        "helm charts give me nightmares. all I want is to train models and tune them",
    ],
)
def test_a_statement_of_what_one_wants_to_do_in_ai_is_read_as_a_request_for_a_lean(kb, text):
    assert iv.states_a_goal(kb, Message(text, "ask_tools", (), 0.5))


@pytest.mark.parametrize(
    "text",
    [
        "I want to train models, which tools do that?",  # a question: answered as one
        "Kubeflow is listed with which tools",
        "I like pizza and I want to go home",  # nothing about AI work
    ],
)
def test_a_question_or_a_statement_about_nothing_in_ai_is_no_goal(kb, text):
    assert not iv.states_a_goal(kb, Message(text, "ask_tools", (), 0.5))


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        (
            "teacher for ten years, never coded. is moving into ML realistic for me and where would I start",
            "ask_skill_gap",
        ),
        ("I'm a nurse with zero programming. Could I get into AI?", "ask_careers"),
    ],
)
def test_asking_whether_a_switch_is_realistic_is_recognised_whatever_nlu_read(kb, text, intent):
    assert iv.asks_to_switch(kb, Message(text, intent, (), 0.6))


def test_a_pay_question_about_a_switch_is_not_a_switch_request(kb):
    assert not iv.asks_to_switch(kb, Message("I'm a nurse: is a realistic starting salary for me high?", "ask_salary"))


def test_a_bare_plea_after_the_choice_said_as_a_statement_still_asks_for_a_lean(kb):
    said = "I'm a web developer, two years of flask and REST apis. Torn between ML or AI engineer. thoughts?"
    assert iv.wants_a_lean(kb, Message(said, "ask_skill_gap", (), 0.9))


def test_which_role_and_another_question_asks_which_role_fits(kb):
    said = "coding bootcamp grad. did a kaggle comp with lightgbm. what role and what's next?"
    assert iv.wants_a_lean(kb, Message(said, "ask_skill_gap", (), 0.6))


def test_a_terse_statement_opening_on_did_is_not_a_question():
    assert not iv.is_question("did some R for my thesis.")
    assert iv.is_question("did the article mention R?")


@pytest.mark.parametrize(
    "text",
    ["mid-level salary for the role you suggested", "senior pay for the path you recommended to me"],
)
def test_a_topic_asked_of_the_advised_role_without_a_question_word_is_an_aside(kb, text):
    assert iv.asks_aside(kb, Message(text, "ask_role_fit", (), 0.6))


def test_a_pay_question_about_the_advised_role_is_not_an_answer_to_the_question_on_screen(kb):
    answers = {"fit_work": Said("systems", "ops", "description"), "fit_cloud": Said("yes", "k8s", "description")}
    state = State(answers=answers, current="fit_team", asides=2)
    turn = iv.advance(kb, state, Message("senior salary for the role you suggested", "ask_salary", (), 0.8))
    assert turn.side_question
    assert "fit_team" not in turn.state.answers


def test_pay_after_both_roles_compared_is_the_advised_roles(kb):
    previous = {"topic": "skill_comparison", "role": "ai_engineer"}
    message = {"text": "and the starting pay?", "entities": []}
    entities = iv.with_recommended_role(kb, "ask_salary", message, previous, "ml_engineer")
    assert {"entity": "role", "value": "ml_engineer"} in entities


def test_pay_after_one_roles_answer_keeps_the_thread(kb):
    previous = {"topic": "skills", "role": "ai_engineer"}
    message = {"text": "and the starting pay?", "entities": []}
    entities = iv.with_recommended_role(kb, "ask_salary", message, previous, "ml_engineer")
    assert not any(e["entity"] == "role" for e in entities)


def test_a_what_if_remembers_the_role_it_pointed_to_for_the_next_message_only(kb):
    answers = {"fit_work": Said("both", "both", "description"), "fit_math": Said("high", "maths", "description")}
    state = State(answers=answers, current="fit_cloud")
    turn = iv.advance(kb, state, Message("and if I lean toward systems, which one?"))
    assert turn.state.pointed == "ai_engineer"
    assert State.from_slot(kb, turn.state.to_slot()).pointed == "ai_engineer"
    after = iv.advance(kb, turn.state, Message("and what's the entry salary for that?", "ask_salary", (), 0.9))
    assert after.side_question and after.state.pointed is None


def test_what_to_learn_next_mid_interview_is_a_question_not_a_neutral_answer(kb):
    state = State(answers={"fit_data": Said("yes", "spark", "description")}, current="fit_work")
    turn = iv.advance(kb, state, Message("next thing to learn?", "ask_skill_gap", (), 0.9))
    assert turn.side_question and "fit_work" not in turn.state.answers


def test_i_am_an_x_person_with_tools_claims_those_skills():
    assert iv.claims_skills("I'm an infra-ish person, Terraform, Docker, MLflow.")
