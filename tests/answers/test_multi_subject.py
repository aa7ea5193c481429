"""A name's products the article mentions ('which AWS services are mentioned?') are listed where they come up."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.question import Question


def test_which_vendor_services_lists_where_it_is_named(kb):
    answer = render(kb, Question(topic="concept", term="AWS", text="which AWS services are mentioned?"))
    assert answer.text.startswith("#### Where the article names AWS:")
    assert "SageMaker" in answer.text and "S3" in answer.text
