"""A pay level asked again, which NLU took for the interview's start, is answered as pay (wave 5)."""

from __future__ import annotations

from actions.reasoning.interview import Message, asks_aside, is_side_question


def test_returning_to_a_pay_level_for_that_role_is_an_aside(kb):
    message = Message("let's return to senior level for that role", "ask_role_fit", (("level", "senior"),))
    assert asks_aside(kb, message)


def test_the_level_is_read_from_the_words_too(kb):
    assert asks_aside(kb, Message("go back to mid level for that role", "ask_role_fit"))


def test_a_fit_request_that_goes_back_is_still_the_interview(kb):
    message = Message("back to the start: which role fits me at entry level", "ask_role_fit", (("level", "entry"),))
    assert not asks_aside(kb, message)


def test_back_to_the_pay_mid_interview_is_a_side_question():
    assert is_side_question(Message("ok, back to the money - same again for mid", "inform"))


def test_an_interview_answer_is_no_side_question():
    assert not is_side_question(Message("yes, I like data prep", "affirm"))
