"""Skill-gap answers narrowed to what was asked: the shared core, or one learning stage."""

from __future__ import annotations

from actions.answers.advice import advised_role, recommendation, skill_gap_answer
from actions.reasoning.advisor import recommend
from actions.reasoning.interview import Said, State
from actions.understanding.person import person_mentions
from actions.understanding.understand import understand


def _gap(kb, text, role="ai_engineer"):
    entities = [{"entity": "role", "value": role}]
    (question,) = understand(kb, "ask_skill_gap", entities, {}, text)
    return skill_gap_answer(kb, question).text


def test_brushing_up_on_the_shared_core_lists_only_core_areas_with_their_parts(kb):
    text = _gap(kb, "which of the core skills am I weakest in? (I know linux, cloud)")
    assert "Python, Java or C++" in text  # the programming area, said by its parts
    assert "SQL, Pandas and data pipelines" in text
    assert "System Integration" not in text and "Cloud Deployment" not in text


def test_what_one_needs_at_one_stage_lists_that_stages_skills_even_with_nothing_known(kb):
    text = _gap(kb, "what would I need for the foundation stage?")
    assert "Foundation stage: programming, math and data" in text
    assert "Intermediate stage" not in text
    assert "Tell me what you already know" not in text


def test_what_to_learn_next_for_a_role_with_nothing_known_is_its_path(kb):
    text = _gap(kb, "what do I study next for the ML one?", role="ml_engineer")
    assert "ML algorithms and feature engineering" in text and "deep learning and model tuning" in text


def test_which_role_that_is_names_the_advised_role(kb):
    answer = advised_role(kb, "ml_engineer")
    assert answer.text.startswith("Machine Learning Engineer")
    assert any(b.title == "Entry-level pay" for b in answer.buttons)


def test_a_recommendation_says_which_of_ones_skills_the_role_rates_higher(kb):
    answers = {"fit_work": Said("systems", "appsec engineer", "background")}
    state = State(answers=answers, status="done", skills=("Security",))
    text = recommendation(kb, recommend(kb, state.option_keys()), state, person_mentions(kb, "Security")).text
    assert "Security background counts" in text
