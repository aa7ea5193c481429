"""Round 9 of non-follow-up questions (issue 26): a workflow step with no row in the responsibilities table is
answered by who does that step; what each role makes sure of in enterprise settings (stability, reliability,
what security looks like in one role's job), with the constraints on the theme asked."""

from __future__ import annotations

from typing import List, Mapping

import pytest

from actions.answers.pipeline import render
from actions.understanding.question import Question
from actions.understanding.understand import understand


def asked(kb, intent: str, text: str, previous: Mapping | None = None, entities=()) -> List[Question]:
    return understand(kb, intent, list(entities), dict(previous or {}), text)


def reply(kb, intent: str, text: str, previous: Mapping | None = None, entities=()) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous, entities))


@pytest.mark.parametrize(
    "text",
    [
        "whose job is it to check the model actually works before it goes live?",
        "who handles testing and validation?",
        "who is in charge of checking the model works?",
    ],
)
def test_who_does_a_step_without_a_responsibility_row(kb, text: str) -> None:
    text_out = reply(kb, "ask_responsibilities", text)
    assert "Testing and Validation" in text_out
    assert "AI Engineers and Machine Learning Engineers" in text_out


@pytest.mark.parametrize(
    "text",
    [
        "how does each role help keep things stable in production?",
        "how do the two roles keep the system reliable?",
        "what does each role make sure of in enterprise settings?",
    ],
)
def test_what_each_role_makes_sure_of(kb, text: str) -> None:
    text_out = reply(kb, "ask_best_practices", text)
    assert "reliability" in text_out and "accuracy" in text_out


def test_what_one_role_designs_in_enterprise_settings(kb) -> None:
    entities = [{"entity": "role", "value": "ai_engineer", "start": 8, "end": 20}]
    text_out = reply(kb, "ask_role_definition", "What do AI engineers design in enterprise settings?", None, entities)
    assert "architectures" in text_out and "compliance" in text_out


def test_security_in_one_roles_job_keeps_the_duty_and_the_constraints_on_that_theme(kb) -> None:
    text = "what does security look like in the AI engineer job, then?"
    entities = [
        {"entity": "skill", "value": "security", "start": 10, "end": 18},
        {"entity": "role", "value": "ai_engineer", "start": 36, "end": 47},
    ]
    text_out = reply(kb, "ask_role_definition", text, None, entities)
    assert "compliance" in text_out and "security" in text_out and "secure model deployment" in text_out


@pytest.mark.parametrize(
    "said",
    [
        "I'm a second-year CS student, I enjoy both coding apps and my math classes. Where should I start?",
        "I'm a finance analyst and I want to build fraud detection models myself. Which role, and what do I learn "
        "first?",
    ],
)
def test_a_self_description_asking_where_to_start_gets_the_first_stage(kb, said: str) -> None:
    from actions.answers.advice import lean, start_here
    from actions.reasoning.interview import Message, begin

    turn = begin(kb, Message(said, "ask_role_fit"))
    assert "programming" in start_here(kb, "ml_engineer", said)
    if turn.lean:
        assert "Foundation stage" in lean(kb, turn.state, said=said).text


def test_a_self_description_that_wants_the_best_pay_hears_who_earns_more(kb) -> None:
    from actions.answers.advice import lean
    from actions.reasoning.interview import Message, begin

    said = "I'm a Java developer. I like both modeling and building systems, but I want the best pay. Which?"
    turn = begin(kb, Message(said, "ask_role_fit"))
    text = lean(kb, turn.state, said=said).text
    assert "Machine Learning Engineer earns more at every level" in text and "both" in text
    assert "On pay" not in lean(kb, turn.state, said="I'm a Java developer. Which should I pick?").text
