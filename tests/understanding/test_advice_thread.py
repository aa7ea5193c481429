"""The advice thread, as understanding reads it: the next learning stage after a gap, one core area to add to,
and what a self-description says (a job refused, a skill one lacks)."""

from __future__ import annotations

from actions.answers.pipeline import answer_message
from actions.reasoning.interview import described_answers
from actions.understanding.person import background
from actions.understanding.understand import understand


def _ask(kb, intent, text, previous=None, fit_role=None):
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return answer_message(kb, message, previous or {}, fit_role)


def test_what_to_study_past_the_fundamentals_is_the_next_stage_not_a_gap(kb):
    (question,) = understand(kb, "ask_skill_gap", [], {}, "what would I study past the fundamentals?")
    assert (question.topic, question.path_stage) == ("learning_path", "intermediate")


def test_then_what_after_a_gap_that_placed_the_person_moves_on_along_the_path(kb):
    said = "I know Python, statistics and SQL well. Where am I on the ML engineer path?"
    [(gap, answer)] = _ask(kb, "ask_skill_gap", said)
    assert gap.path_stage == "intermediate"  # 'next comes the Intermediate stage'
    [(question, answer)] = _ask(kb, "inform", "and then what?", gap.context_slots())
    assert (question.topic, question.path_stage) == ("learning_path", "advanced")
    assert "deep learning" in answer.text


def test_a_gap_saying_where_to_start_is_followed_by_the_stage_after_it(kb):
    said = "retail manager, a few weeks of python so far. what should i learn after python to get into ML?"
    [(gap, _)] = _ask(kb, "ask_skill_gap", said)
    assert gap.path_stage == "foundation"
    [(question, answer)] = _ask(kb, "ask_learning_path", "then what, for the ml eng path", gap.context_slots())
    assert (question.topic, question.path_stage) == ("learning_path", "intermediate")
    assert "feature engineering" in answer.text


def test_which_data_handling_things_to_add_is_that_core_area(kb):
    [(question, answer)] = _ask(kb, "ask_skills", "which data handling skills would I improve?", {}, "ml_engineer")
    assert "Data handling" in question.skills
    assert "SQL, Pandas and data pipelines" in answer.text


def test_the_area_asked_about_is_read_in_the_question_not_in_what_one_says_one_has(kb):
    said = "marketing analyst, strong at sql and excel, want into ML. which skils do i need for each role?"
    [(question, _)] = _ask(kb, "ask_skill_gap", said)
    assert question.topic == "skill_gap"


def test_a_job_one_refuses_to_become_is_not_ones_background(kb):
    job = background(kb, "on-call a lot, kubernetes. I want ML systems work but never to become a researcher")
    assert job is None or job[1] != "researcher"


def test_no_experience_of_a_thing_says_no_to_it(kb):
    said = described_answers(kb, "fresh grad, no cloud experience")
    assert said["fit_cloud"].option == "no"


def test_what_would_tip_someone_one_way_asks_what_the_choice_depends_on(kb):
    previous = {"topic": "skill_comparison"}
    [(question, answer)] = _ask(kb, "inform", "ok and what would tilt me towards one side or the other?", previous)
    assert question.topic == "which_better"
    assert "system engineering or model development" in answer.text
