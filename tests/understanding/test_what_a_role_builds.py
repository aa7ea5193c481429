"""Questions a neighbouring section used to answer: the kinds of systems one role builds (its definition's typical
work), whether AI systems stand alone (the workflow's opening point), and what 'they' check in the step just
talked about (that step's description, not the monitoring row)."""

from __future__ import annotations

import pytest

from actions.knowledge.loader import get_kb
from actions.understanding.understand import understand

_AI = [{"entity": "role", "value": "AI engineers"}]


@pytest.fixture(scope="module")
def kb():
    return get_kb()


@pytest.mark.parametrize(
    "text",
    [
        "What kinds of systems do AI engineers integrate into real-world applications?",
        "what sort of solutions does an AI engineer build?",
        "which systems do AI engineers work on?",
    ],
)
def test_the_systems_one_role_builds_are_its_definition(kb, text):
    (question,) = understand(kb, "ask_use_cases", _AI, {}, text)
    assert (question.topic, question.roles) == ("role_definition", ("ai_engineer",))


@pytest.mark.parametrize(
    "text", ["do AI systems usually run on their own inside companies?", "is enterprise AI ever standalone?"]
)
def test_whether_ai_systems_stand_alone_is_the_workflow(kb, text):
    assert [q.topic for q in understand(kb, "ask_use_cases", [], {}, text)] == ["workflow"]


@pytest.mark.parametrize(
    "text, entities",
    [("what are the common use cases?", []), ("which use cases would an AI engineer work on?", _AI)],
)
def test_use_cases_stay_use_cases(kb, text, entities):
    assert [q.topic for q in understand(kb, "ask_use_cases", entities, {}, text)] == ["use_cases"]


@pytest.mark.parametrize(
    "text", ["and what are they checking for, exactly?", "what do they test?", "what do they look for?"]
)
def test_what_they_do_after_a_step_is_that_steps_description(kb, text):
    previous = {"topic": "responsibilities", "stage": "testing_validation"}
    (question,) = understand(kb, "inform", [], previous, text)
    assert (question.topic, question.stage, question.aspect) == ("workflow", "testing_validation", None)
