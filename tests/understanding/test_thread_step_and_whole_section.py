"""A step the thread holds is what 'that step' asks about ("what's that step focused on?" is the step, not the roles'
focus; "who's more into that step, AI or ML?" is its owner, not a role-fit request), and a section asked as a whole
('all the stages pls') is not narrowed to the one fact its words are nearest."""

from __future__ import annotations

import pytest

from actions.reasoning.interview import Message, asks_aside
from tests.understanding.talking import talk

TOOLS_OF_A_STEP = ("ask_tools", "which tools are used in model development?")


@pytest.mark.parametrize("text", ["and what's that step focused on?", "what is that step about?"])
def test_that_step_is_the_step_held_not_the_roles_focus(kb, encoder, text: str) -> None:
    questions, reply = talk(kb, [TOOLS_OF_A_STEP, ("ask_responsibilities", text)])
    assert [(q.topic, q.stage) for q in questions] == [("workflow", "model_development")]
    assert "Algorithm selection" in reply and "system-level" not in reply


def test_a_tools_question_about_that_step_stays_on_its_tools(kb, encoder) -> None:
    questions, _ = talk(kb, [TOOLS_OF_A_STEP, ("ask_tools", "what tools is that step focused on?")])
    assert questions[0].topic == "tools"


@pytest.mark.parametrize(
    "text",
    ["thx. whos more into that step, ai or ml guy", "who is more hands-on with those tools, AI or ML?"],
)
def test_which_role_takes_the_thing_just_talked_about_is_no_interview(kb, text: str) -> None:
    assert asks_aside(kb, Message(text, "ask_role_fit"))


def test_a_fit_request_naming_a_step_still_starts_the_interview(kb) -> None:
    assert not asks_aside(kb, Message("which role fits me best?", "ask_role_fit"))


@pytest.mark.parametrize(
    "text",
    [
        "whats the learnin path for ML engneer, all the stages pls",
        "the whole learning path for an ML engineer please",
        "ML engineer learning path, every stage",
    ],
)
def test_a_section_asked_whole_is_not_narrowed(kb, encoder, text: str) -> None:
    questions, reply = talk(kb, [("ask_learning_path", text)])
    assert questions[0].path_stage is None
    assert "Foundation" in reply and "Enterprise skills" in reply


def test_that_step_is_the_step_held_when_nlu_was_sure_of_the_focus(kb, encoder) -> None:
    from actions.understanding.understand import understand

    slots = talk(kb, [TOOLS_OF_A_STEP])[0][0].context_slots()
    questions = understand(kb, "ask_responsibilities", [], slots, "and what's that step focused on?", nlu_sure=True)
    assert [(q.topic, q.stage) for q in questions] == [("workflow", "model_development")]
