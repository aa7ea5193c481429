"""Unsure messages that point into the last answer (issue 26, 'keep the thread'): NLU reads 'the chatbot one -
what is it exactly?' as help or not at all, but it picks an item of the list just shown."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.context import picks_from_last_answer
from actions.understanding.understand import understand
from components.small_talk_guard import is_follow_up


def test_an_item_named_by_its_words_after_a_list_is_answered_on_the_thread(kb):
    assert picks_from_last_answer(kb, "the chatbot one - what is it exactly?", {"topic": "use_cases"}) == "inform"
    question = understand(kb, "inform", [], {"topic": "use_cases"}, "the chatbot one - what is it exactly?")[-1]
    assert "customer support" in render(kb, question).text


def test_a_title_by_its_words_asked_which_group_is_where_it_is_listed(kb):
    previous = {"topic": "job_titles", "role": "ml_engineer"}
    text = "so the NLP one - first group or second?"
    assert picks_from_last_answer(kb, text, previous) == "inform"
    question = understand(kb, "inform", [], previous, text)[-1]
    assert question.job_title == "nlp_engineer" and "ML-focused" in render(kb, question).text


def test_the_other_role_after_a_role_is_the_other_role(kb):
    previous = {"topic": "scenarios", "role": "ml_engineer"}
    text = "and the other role, what systems do they hook the bot up to?"
    assert picks_from_last_answer(kb, text, previous) == "ask_other_role"


def test_nothing_to_point_into_is_left_to_triage(kb):
    assert picks_from_last_answer(kb, "the chatbot one", {}) is None
    assert picks_from_last_answer(kb, "thanks, that helps", {"topic": "use_cases"}) is None


def test_a_small_talk_reading_of_the_word_one_is_dropped():
    assert is_follow_up("help", "the chatbot one - what is it exactly?")
    assert is_follow_up("help", "and the other role, what systems do they hook the bot up to?")
    assert not is_follow_up("help", "what can you help me with?")


def test_keeping_an_eye_on_them_after_the_deployment_tools_is_the_monitoring_steps_tools(kb):
    previous = {"topic": "tools", "stage": "deployment_integration"}
    question = understand(kb, "inform", [], previous, "n to keep an eye on em after?")[-1]
    assert question.stage == "monitoring_maintenance" and "Prometheus" in render(kb, question).text
