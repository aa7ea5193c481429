"""A title's group asked about: the group's other titles, without the careers' names spilling in."""

from __future__ import annotations

from actions.answers.roles import title_membership
from actions.understanding.question import Question


def test_a_group_question_names_no_careers_when_the_title_is_none(kb):
    question = Question(topic="job_titles", job_title="intelligent_automation_engineer", text="and its group?")
    text = title_membership(kb, question, "job_titles").text
    assert "AI Solutions Architect" in text and "not among the careers" in text
    assert "MLOps" not in text and "Cloud AI Specialist" not in text


def test_a_careers_question_still_names_the_careers(kb):
    question = Question(topic="careers", job_title="intelligent_automation_engineer", text="is it a career?")
    assert "Cloud AI Specialist" in title_membership(kb, question, "careers").text
