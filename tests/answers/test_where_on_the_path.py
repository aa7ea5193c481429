"""'Where am I on the path?' from someone who says what they know: the stage they have reached comes before the
next steps (wave 5: a person with Python, statistics and SQL was not told they cover the Foundation stage)."""

from __future__ import annotations

from actions.answers.pipeline import answer_message


def _gap(kb, text: str) -> str:
    message = {"text": text, "intent": {"name": "ask_skill_gap", "confidence": 0.95}, "entities": []}
    return answer_message(kb, message, {})[0][1].text


def test_foundation_skills_put_someone_past_the_foundation_stage(kb):
    text = _gap(
        kb, "I can code in Python and I'm good with statistics and SQL. Where do I stand on the ML engineer path?"
    )
    first = kb.learning_paths[0].name
    assert f"cover the {first} stage" in text
    assert kb.learning_paths[1].name in text.split("\n")[0]


def test_no_stage_line_unless_asked_where_one_stands(kb):
    assert "Where you are on the path" not in _gap(kb, "I know Python, statistics and SQL. What am I missing for ML?")


def test_a_skill_both_roles_rate_top_counts_for_both(kb):
    from actions.answers.advice import shared_strengths
    from actions.understanding.person import person_mentions

    said = shared_strengths(kb, person_mentions(kb, "I do MLOps work with Kubeflow"))
    assert said and "for both" in said[0]
    assert shared_strengths(kb, person_mentions(kb, "I know Java and REST APIs")) == []


def test_the_shared_core_is_no_strength_for_both(kb):
    from actions.answers.advice import shared_strengths
    from actions.understanding.person import person_mentions

    assert shared_strengths(kb, person_mentions(kb, "I'm a data scientist who codes in Python")) == []
