"""Wave 7b (y1): a question passed on for someone else mid-interview is a side question, not an answer."""

from __future__ import annotations

from actions.reasoning.interview import Message, is_side_question


def test_a_question_passed_on_is_a_side_question() -> None:
    assert is_side_question(Message("my nephew wants to know how much the ML side earns", "inform"))
    assert is_side_question(Message("oh and he asked which tools an AI engineer uses", "inform"))


def test_a_plain_answer_stays_an_answer() -> None:
    assert not is_side_question(Message("he asked me to say he loves statistics", "inform"))


def test_a_supposition_about_oneself_is_asked_not_stated() -> None:
    assert is_side_question(Message("returning to pay: what if I make it to senior", "inform"))


def test_a_question_whose_wh_word_comes_last_is_a_side_question() -> None:
    assert is_side_question(Message("and docker is used for what again", "inform"))


def test_the_person_described_in_the_third_person_gets_the_lean(kb) -> None:
    from actions.reasoning.interview import with_recommended_role

    message = {"text": "what would he study at the advanced stage", "entities": []}
    entities = with_recommended_role(kb, "ask_learning_path", message, {"topic": "salary"}, "ai_engineer", True)
    assert {"entity": "role", "value": "ai_engineer"} in entities


def test_a_short_lead_then_a_question_is_a_side_question() -> None:
    assert is_side_question(Message("in the second scenario who does the API work", "inform"))
    assert not is_side_question(Message("in my job I mostly train models", "inform"))
