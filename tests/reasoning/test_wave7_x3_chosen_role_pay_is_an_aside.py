"""Wave 7 (x3): a person who has already picked a role and asks its pay is asked the pay, not interviewed."""

from __future__ import annotations

from actions.knowledge import KnowledgeBase
from actions.reasoning.interview import Message, asks_aside
from tests.understanding.talking import talk


def test_the_pay_of_a_role_already_aimed_at_is_an_aside(kb: KnowledgeBase) -> None:
    text = "career changer from retail, targeting AI engineer. what's a typical entry range?"
    assert asks_aside(kb, Message(text, "ask_role_fit", (), 0.7))


def test_an_industry_job_of_ones_own_is_no_question_about_industries(kb: KnowledgeBase) -> None:
    text = "no industry experience yet, I want to be an AI engineer. what's the junior pay band?"
    questions, _ = talk(kb, [("ask_careers", text)])
    assert questions[0].topic == "salary" and questions[0].roles == ("ai_engineer",)
