"""The role-fit interview and self-descriptions, wave 5: a follow-up mid-interview is asked, not answered; a bare
'which role fits me?' leans on what the person said earlier; a dislike at the end of a sentence stays on its own
clause; a what-if about a topic is answered for the role it supposes."""

from __future__ import annotations

import pytest

from actions.reasoning import interview as iv
from actions.reasoning.interview import Message, State


@pytest.mark.parametrize(
    "text",
    [
        "and the last stage for that path",
        "alright. back to the pay, same again but for mid level",
        "and after that",
        "ok starting salary for that closer role",
        "going back to senior level for that role",
    ],
)
def test_a_follow_up_without_a_question_mark_is_asked_not_answered(kb, text):
    for current in ("fit_math", "fit_data", "fit_team"):
        turn = iv.advance(kb, State(current=current), Message(text, "inform", (), 0.5))
        assert turn.side_question and not turn.state.answers, (current, text)


@pytest.mark.parametrize("text", ["and the data side? love it", "not that much math for me", "that is fine"])
def test_replies_with_a_feeling_still_answer(kb, text):
    turn = iv.advance(kb, State(current="fit_math"), Message(text, "inform", (), 0.5))
    assert not turn.side_question and turn.state.answers


def test_a_dislike_at_the_end_stays_in_its_own_clause(kb):
    said = iv.described_answers(
        kb, "I'm a backend dev, I live in Kubernetes and Docker all week and frankly math bores me."
    )
    assert said["fit_cloud"].option == "yes"
    assert said["fit_work"].option == "systems"
    assert said["fit_math"].option == "low"
    assert said["fit_math"].said == "frankly math bores me"  # quoted from its own clause
    assert "math" not in said["fit_cloud"].said


def test_a_bare_fit_request_leans_on_an_earlier_self_description(kb):
    earlier = iv.earlier_description(
        kb, ["I'm a DevOps engineer and I know docker and k8s well. Which step suits that?"]
    )
    assert "DevOps" in earlier and "?" not in earlier
    turn = iv.begin(kb, Message("so which of them suits me better?", "ask_role_fit"), State(), earlier=earlier)
    assert turn.lean or turn.state.status == iv.DONE
    assert turn.state.answers["fit_work"].option == "systems"


def test_an_earlier_question_alone_describes_no_one(kb):
    assert iv.earlier_description(kb, ["which step uses docker?", "what does an AI engineer earn?"]) == ""
    turn = iv.begin(kb, Message("which role fits me?", "ask_role_fit"), State(), earlier="")
    assert not turn.state.answers


def test_an_earlier_description_is_kept_in_the_state_slot(kb):
    state = State(described="I'm a QA engineer")
    assert State.from_slot(kb, state.to_slot()).described == "I'm a QA engineer"


def test_a_what_if_about_the_path_is_a_question_for_the_supposed_role(kb):
    turn = iv.advance(kb, State(current="fit_math"), Message("if I go with developing models, what's the path?"))
    assert turn.side_question and turn.supposed == "ml_engineer" and not turn.state.answers
    plain = iv.advance(kb, State(current="fit_math"), Message("what if I prefer building systems?"))
    assert plain.supposed is None and not plain.side_question


def test_which_is_easier_to_get_into_says_where_both_start(kb):
    turn = iv.begin(kb, Message("Sales background, little time. Which one is quicker to get into?", "ask_role_fit"))
    assert any("Foundation" in note and "programming" in note for note in turn.notes)


def test_which_of_the_two_lists_asks_about_the_article(kb):
    assert not iv.wants_a_lean(kb, Message("which of the two groups is 'Applied AI Developer' in?", "ask_job_titles"))
    assert iv.FIT_REQUEST.search("which of the two roles suits me")


def test_going_back_to_a_level_is_no_interview_request(kb):
    assert iv.asks_aside(kb, Message("back to mid level for that role", "ask_role_fit", (), 0.9))
    assert not iv.asks_aside(kb, Message("which role fits me?", "ask_role_fit", (), 0.9))


def test_what_to_learn_for_the_leaned_role_is_the_gap_first(kb):
    message = {
        "text": "what would I have to learn for it?",
        "intent": {"name": "ask_learning_path", "confidence": 0.95},
    }
    assert iv.aside_intents(kb, message, "role_fit")[0] == "ask_skill_gap"
    start = {"text": "where do I start?", "intent": {"name": "ask_learning_path", "confidence": 0.95}}
    assert iv.aside_intents(kb, start, "role_fit")[0] != "ask_skill_gap"


def test_the_other_role_is_the_one_not_advised_when_the_thread_names_none(kb):
    said = {"text": "and how is my python rated for the other role?"}
    assert iv.with_recommended_role(kb, "ask_skills", said, {}, "ai_engineer", True) == [
        {"entity": "role", "value": "ml_engineer"}
    ]
    assert iv.with_recommended_role(kb, "ask_skills", said, {"role": "ml_engineer"}, "ml_engineer", True) == []


def test_steps_using_what_i_know_are_the_steps_of_my_tools(kb):
    entities = iv.with_own_tools(kb, {"text": "which steps would use what I already know?"}, "workflow", ["Kafka"])
    assert {"entity": "tool", "value": "kafka"} in entities


def test_what_that_role_rates_that_i_would_still_need_is_a_gap(kb):
    assert iv.GAP_REQUEST.search(iv.normalise_text("which advanced skills of it would I still need?"))


@pytest.mark.parametrize(
    "text",
    [
        "I'm a data scientist but my notebooks never ship. I want to be the person who deploys them. Which role?",
        "Data analyst here, my dashboards are fine. Which role gets me closer to deployment work?",
    ],
)
def test_wanting_to_leave_the_jobs_kind_of_work_leans_where_they_want_to_go(kb, text):
    turn = iv.begin(kb, Message(text, "ask_role_fit", (), 0.9))
    assert iv.recommend(kb, turn.state.option_keys()).role == "ai_engineer"


def test_a_data_scientist_who_loves_models_still_leans_to_models(kb):
    turn = iv.begin(kb, Message("I'm a data scientist. I really enjoy building models. Which role?", "ask_role_fit"))
    assert iv.recommend(kb, turn.state.option_keys()).role == "ml_engineer"


def test_what_comes_next_on_the_path_stays_the_path(kb):
    message = {
        "text": "and what do I learn next on that path",
        "intent": {"name": "ask_learning_path", "confidence": 0.9},
    }
    assert iv.aside_intents(kb, message, "role_fit")[0] != "ask_skill_gap"


@pytest.mark.parametrize(
    "text, option",
    [
        ("designing the product and the APIs around it", "systems"),
        ("building the services and the integration around them", "systems"),
        ("training the models and tuning them", "models"),
    ],
)
def test_an_answer_with_a_pointer_and_topic_words_answers_the_question_on_screen(kb, text, option):
    # a pointer ('it', 'them') and topic words ('APIs') would make it a follow-up; it answers what is on screen
    turn = iv.advance(kb, State(current="fit_work"), Message(text, "inform", (), 0.5))
    assert not turn.side_question and turn.state.answers["fit_work"].option == option


@pytest.mark.parametrize("text", ["and the last stage for that path", "ok starting salary for that closer role"])
def test_a_follow_up_on_the_work_question_is_still_asked(kb, text):
    turn = iv.advance(kb, State(current="fit_work"), Message(text, "inform", (), 0.5))
    assert turn.side_question and not turn.state.answers
