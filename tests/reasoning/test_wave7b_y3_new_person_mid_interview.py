"""Wave 7b (y3): while a question is on screen, a message that introduces someone new and asks which role fits is
a new description (read afresh), a lookup in the article's tables or a 'who does it' clause is a question (no "?"
needed), and neither is taken for an answer to the question on screen."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.reasoning import interview as iv
from actions.reasoning.interview import Message, State


def _on_screen(current: str = "fit_math") -> State:
    return State(current=current, status=iv.ASKING)


@pytest.mark.parametrize(
    "text",
    [
        "retired electrician, I enjoy tinkering with models to make them better. which role suits me?",
        "dad of two, used to be a bookkeeper, I like building dashboards and systems. which role?",
        "frontend developer who ships web apps and APIs. which one fits me?",
    ],
)
def test_someone_new_asking_which_role_is_read_afresh(kb: KnowledgeBase, text: str) -> None:
    assert iv.introduces_someone(kb, _on_screen(), Message(text, "ask_role_fit", (), 0.9))


@pytest.mark.parametrize(
    "text",
    [
        "very comfortable with math, I taught calculus. which role then?",  # answers the math question on screen
        "not really, which role fits me?",
        "ok so if i prefer building systems which one should i pick",  # no one introduced
    ],
)
def test_an_answer_with_a_fit_request_is_no_new_person(kb: KnowledgeBase, text: str) -> None:
    assert not iv.introduces_someone(kb, _on_screen(), Message(text, "ask_role_fit", (), 0.9))


def test_a_new_person_is_not_read_once_the_interview_is_over(kb: KnowledgeBase) -> None:
    done = State(current=None, status=iv.DONE)
    assert not iv.introduces_someone(kb, done, Message("retired electrician, I like tuning models. which role?"))


@pytest.mark.parametrize(
    "text",
    [
        "security rating in the summary table for the AI engineer",
        "data engineering rated for the ML one",
    ],
)
def test_a_table_lookup_without_question_mark_is_a_side_question(kb: KnowledgeBase, text: str) -> None:
    turn = iv.advance(kb, _on_screen("fit_work"), Message(text, "inform", (), 0.5))
    assert turn.side_question and "fit_work" not in turn.state.answers


@pytest.mark.parametrize("text", ["chatbot deployment, who handles it", "fraud models who trains them"])
def test_a_who_does_it_clause_is_a_side_question(text: str) -> None:
    assert iv.is_side_question(Message(text))


@pytest.mark.parametrize("text", ["someone who likes math", "an accountant who loves spreadsheets"])
def test_a_person_described_with_who_is_no_question(text: str) -> None:
    assert not iv.is_side_question(Message(text))


def test_a_question_after_a_liking_is_asked_in_between(kb: KnowledgeBase) -> None:
    text = "ex-bookkeeper, I enjoy checking numbers twice. which step would checking models belong to?"
    turn = iv.advance(kb, _on_screen("fit_cloud"), Message(text, "inform", (), 0.5))
    assert turn.side_question and not turn.state.answers


def test_a_question_about_ones_own_skills_still_answers(kb: KnowledgeBase) -> None:
    text = "I'm a cloud engineer with AWS certs. which of the two would put my skills to more use?"
    turn = iv.advance(kb, _on_screen("fit_math"), Message(text, "inform", (), 0.5))
    assert not turn.side_question
