"""Questions about one aspect of a role, or of the two roles side by side (actions/understanding/role_aspect.py):
what a role builds, spans or emphasises is its definition; where the roles agree or differ right after a section
answered per role stays in that section; one duty compared is its row; where a role's time goes; the other role in
the section the words name."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


def role(value: str) -> dict:
    return {"entity": "role", "value": value}


AI_DEFINED = {"topic": "role_definition", "role": "ai_engineer"}


@pytest.mark.parametrize(
    "intent, text, previous, entities, expected_role, says",
    [
        ("ask_use_cases", "what kinds of applications?", AI_DEFINED, [], "ai_engineer", "decision-support"),
        ("help", "what kinds of systems exactly?", AI_DEFINED, [], "ai_engineer", "conversational systems"),
        ("inform", "ok and what sort of apps would they be building?", AI_DEFINED, [], "ai_engineer", "automation"),
        ("inform", "and what does their work span?", AI_DEFINED, [], "ai_engineer", "data pipelines"),
        ("inform", "and teh ml guy specializs in wat?", AI_DEFINED, [], "ml_engineer", "feature engineering"),
        (
            "ask_role_definition",
            "what does the AI engineer's work cover across AI applications?",
            {"topic": "role_comparison"},
            [role("AI engineer")],
            "ai_engineer",
            "integrates",
        ),
        (
            "ask_use_cases",
            "what types of products do ML engineers build?",
            {},
            [role("ML engineers")],
            "ml_engineer",
            "in production",
        ),
    ],
)
def test_what_one_role_builds_spans_or_emphasises_is_its_definition(
    kb, intent, text, previous, entities, expected_role, says
):
    question, reply = answer(kb, intent, text, previous, entities)
    assert (question.topic, question.role) == ("role_definition", expected_role)
    assert says in reply


@pytest.mark.parametrize(
    "intent, text, previous, entities",
    [
        ("ask_use_cases", "which of the AI engineer's applications is on the enterprise use case list?", AI_DEFINED,
         [role("AI engineer")]),
        ("ask_use_cases", "what kinds of applications do companies use AI for?", {}, []),
        ("ask_skills", "what's an ML engineer's level in system integration?", {},
         [role("ML engineer"), {"entity": "skill", "value": "system integration"}]),
    ],
)  # fmt: skip
def test_use_cases_and_skills_stay_their_sections(kb, intent, text, previous, entities):
    question, _ = answer(kb, intent, text, previous, entities)
    assert question.topic != "role_definition"


def test_a_role_facet_and_a_comparison_in_one_message_are_two_questions(kb):
    text = "and the ML engineer — what does that role emphasize? and do the two overlap?"
    questions = understand(kb, "ask_role_comparison", [role("ML engineer")], AI_DEFINED, text)
    assert [(q.topic, q.roles) for q in questions] == [
        ("role_definition", ("ml_engineer",)),
        ("role_comparison", ()),
    ]


@pytest.mark.parametrize(
    "intent, text, previous, topic, field, value",
    [
        ("ask_role_comparison", "which stage is identical for both?",
         {"topic": "learning_path", "path_stage": "enterprise_skills"}, "learning_path", "path_stage", "foundation"),
        ("ask_both_roles", "what stage is the same for the two paths?",
         {"topic": "learning_path", "role": "ml_engineer"}, "learning_path", "path_stage", "foundation"),
        ("ask_challenges", "where do they start to diverge",
         {"topic": "learning_path", "path_stage": "foundation"}, "learning_path", "path_stage", "intermediate"),
        ("ask_role_comparison", "at which point do the paths split?",
         {"topic": "learning_path"}, "learning_path", "path_stage", "intermediate"),
        ("ask_role_comparison", "for both, where's the overlap?",
         {"topic": "workflow", "aspect": "primary_focus"}, "workflow", "stage", "testing_validation"),
        ("ask_role_comparison", "then where do they differ most?",
         {"topic": "skill_comparison", "subject": "skill:performance optimization"}, "skill_comparison", "skills", ()),
        ("ask_both_roles", "what's common to both foundations?",
         {"topic": "role_fit"}, "learning_path", "path_stage", "foundation"),
    ],
)  # fmt: skip
def test_where_the_roles_agree_or_differ_stays_in_the_section_just_answered(
    kb, intent, text, previous, topic, field, value
):
    question, _ = answer(kb, intent, text, previous)
    assert question.topic == topic and getattr(question, field) == value


def test_how_the_paths_differ_as_a_whole_is_not_one_stage(kb):
    question, _ = answer(kb, "ask_learning_path", "how do the two learning paths differ?", {})
    assert question.topic == "learning_path" and question.path_stage is None


@pytest.mark.parametrize(
    "text, says",
    [
        ("what do they have in common?", "Python"),
        ("what do the two share?", "Python"),
        ("what do they both rely on?", "infrastructure"),
        ("what are both of them built on?", "infrastructure"),
    ],
)
def test_what_the_two_share_after_the_comparison(kb, text, says):
    _, reply = answer(kb, "ask_skill_comparison", text, {"topic": "role_comparison"})
    assert says in reply


@pytest.mark.parametrize(
    "intent, text, entities, aspect",
    [
        ("ask_skill_comparison", "how do the two compare when it comes to handling data?",
         [{"entity": "aspect", "value": "data_handling"}], "data_handling"),
        ("ask_role_comparison", "how do they compare on deployment?",
         [{"entity": "aspect", "value": "deployment"}], "deployment"),
    ],
)  # fmt: skip
def test_one_duty_compared_is_its_row_for_both(kb, intent, text, entities, aspect):
    question, reply = answer(kb, intent, text, {}, entities)
    assert (question.topic, question.roles, question.aspect) == ("responsibilities", (), aspect)
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


@pytest.mark.parametrize(
    "intent, text, previous, expected_role, says",
    [
        ("inform", "and how does it handle models?",
         {"topic": "responsibilities", "role": "ai_engineer", "aspect": "collaboration"}, "ai_engineer", "fine-tunes"),
        ("ask_other_role", "what does the other role do with models?",
         {"topic": "responsibilities", "role": "ai_engineer", "aspect": "collaboration"}, "ml_engineer", "designs"),
    ],
)  # fmt: skip
def test_what_a_role_does_with_models_is_its_model_training_row(kb, intent, text, previous, expected_role, says):
    question, reply = answer(kb, intent, text, previous)
    assert (question.topic, question.role, question.aspect) == ("responsibilities", expected_role, "model_training")
    assert says in reply


def test_a_bare_duty_after_each_role_in_turn_is_for_both(kb):
    previous = {
        "topic": "responsibilities",
        "role": "ml_engineer",
        "aspect": "collaboration",
        "subject": "shown:role=ai_engineer+ml_engineer|roles:ai_engineer+ml_engineer",
    }
    question, reply = answer(kb, "inform", "and deployment?", previous, [{"entity": "aspect", "value": "deployment"}])
    assert question.roles == () and "leads" in reply and "supports" in reply


@pytest.mark.parametrize(
    "intent, text, previous, says",
    [
        ("ask_responsibilities", "which role spends more time with the containers?", {}, "containerization"),
        ("ask_other_role", "and what does the other role spend more time on?",
         {"topic": "tools", "subject": "tool:modeling libraries"}, "containerization"),
        ("ask_other_role", "and the other one focuses on what?",
         {"topic": "tools", "subject": "answered:ai_engineer"}, "modeling libraries"),
        ("inform", "what do they actually spend their time on then?",
         {"topic": "salary", "role": "ml_engineer"}, "prepares and engineers data"),
    ],
)  # fmt: skip
def test_where_a_roles_time_goes(kb, intent, text, previous, says):
    _, reply = answer(kb, intent, text, previous)
    assert says in reply


@pytest.mark.parametrize(
    "text, expected_role",
    [("and the other role's main tools", "ai_engineer"), ("and that other role's main tools", "ml_engineer")],
)
def test_the_other_role_in_the_section_the_words_name(kb, text, expected_role):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "entry"}
    question, _ = answer(kb, "ask_other_role", text, previous)
    assert (question.topic, question.role) == ("tools", expected_role)


@pytest.mark.parametrize(
    "intent, text, entities",
    [
        ("ask_learning_path", "how does the advanced stage differ from the AI engineer path?",
         [role("AI engineer"), {"entity": "path_stage", "value": "advanced"}]),
        ("ask_role_comparison", "And for AI engineer it is different how?", [role("AI engineer")]),
    ],
)  # fmt: skip
def test_a_role_compared_with_the_one_talked_about_is_both(kb, intent, text, entities):
    question, reply = answer(kb, intent, text, {"topic": "learning_path", "role": "ml_engineer"}, entities)
    assert question.topic == "learning_path" and question.roles == ()
    assert "MLOps" in reply and "deep learning" in reply


def test_what_makes_the_roles_differ_is_what_the_comparison_says(kb):
    previous = {"topic": "role_definition", "role": "ml_engineer"}
    question, reply = answer(kb, "ask_why_it_matters", "what makes their day-to-day priorities differ?", previous)
    assert question.topic == "role_comparison" and "organizational structure" in reply


def test_what_one_role_relies_on_is_not_what_both_share(kb):
    question, _ = answer(
        kb, "inform", "and the AI folks, what do they rely on instead?", {"topic": "math"}, [role("AI folks")]
    )
    assert question.topic == "math"
