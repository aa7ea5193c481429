"""Questions asked during or beside the role-fit interview are answered as questions, not read as answers, and a
self-description's own question is answered beside the lean (issue 26, dev9/dev10)."""

from __future__ import annotations

import pytest

from actions.reasoning import interview as iv
from actions.reasoning.interview import Message


@pytest.mark.parametrize(
    "text",
    ["what tools should I get familiar with first?", "should I get certified first?", "would I like the work?"],
)
def test_a_question_with_i_after_its_auxiliary_states_no_preference(text):
    assert not iv.states_preference(Message(text))
    assert iv.states_preference(Message("I like deploying things"))


@pytest.mark.parametrize("text", ["tools for it?", "and the salary for that one?", "which steps use those?"])
def test_a_short_question_pointing_back_is_a_side_question(kb, text):
    assert iv.points_back(kb, Message(text))
    assert not iv.points_back(kb, Message("I like it?"))


@pytest.mark.parametrize("text", ["ok, if I lean toward systems, which one?", "so if I prefer models, what then?"])
def test_if_i_after_a_filler_is_a_what_if(text):
    assert iv.WHAT_IF.search(iv.normalise_text(text))


@pytest.mark.parametrize(
    "text", ["which role focuses more on libraries like that?", "which of the two handles deployment?"]
)
def test_which_role_does_something_is_a_question_not_the_interview(kb, text):
    assert iv.asks_aside(kb, Message(text))
    assert not iv.asks_aside(kb, Message("which role fits me?"))


def test_a_job_then_which_kind_of_role_is_the_interview(kb):
    text = "I'm an SRE. Grafana dashboards and on-call are my daily bread. Which AI-ish role would reuse that most?"
    assert not iv.asks_aside(kb, Message(text))


@pytest.mark.parametrize(
    "text, intent",
    [
        (
            "I'm an embedded C++ developer and I love performance work. Which of the two roles rates performance "
            "optimization higher?",
            "ask_skills",
        ),
        ("I run a small consultancy on automation. Which career from the list matches me best?", "ask_careers"),
    ],
)
def test_a_self_description_that_asks_something_specific_hears_it(kb, text, intent):
    assert [i for _, i in iv.attached_questions(kb, text)] == [intent]


def test_a_what_if_names_where_the_preference_alone_points(kb):
    state = iv.State(answers={"fit_math": iv.Said("yes", "very comfortable", "text")})
    said = iv._what_if(kb, state, Message("ok, if I lean toward systems, which one?"))
    assert said is not None and "AI Engineer" in said


def test_a_question_nlu_reads_as_the_interview_is_still_a_side_question():
    assert iv.is_side_question(Message("and which cloud should I learn?", intent="ask_role_fit"))
    assert not iv.is_side_question(Message("which one suits someone like me?", intent="ask_role_fit"))
    assert not iv.is_side_question(Message("which role fits me best?", intent="ask_role_fit"))
