"""Pay follow-ups that name their role by a bare 'AI'/'ML' beside a level, an end of the range ('lower bound'),
the entry band by 'what does X start at?', why pay differs within a range, and a move on the learning path
asked right after pay figures (issue 26)."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.topics import scan_entities
from actions.understanding.understand import understand

_AI_MID = {"topic": "salary", "role": "ai_engineer", "level": "mid"}
_ML_SENIOR = {"topic": "salary", "role": "ml_engineer", "level": "senior"}


def ask(kb: KnowledgeBase, intent: str, text: str, previous: Dict[str, Any], entities=()) -> List[Any]:
    return understand(kb, intent, list(entities), previous, text)


@pytest.mark.parametrize(
    "text, role",
    [
        ("lower bound of senior AI?", "ai engineer"),
        ("what's the upper end of ML mid-level?", "ml engineer"),
        ("ok, what about US senior ML then?", "ml engineer"),
        ("the top of the entry ML band?", "ml engineer"),
    ],
)
def test_a_bare_role_beside_a_level_word_is_that_role(kb: KnowledgeBase, text: str, role: str) -> None:
    roles = [e["value"] for e in scan_entities(text, kb) if e["entity"] == "role"]
    assert roles == [role]


@pytest.mark.parametrize(
    "intent, text, level, role",
    [
        ("ask_enterprise_constraints", "lower bound of senior AI?", "senior", "ai_engineer"),
        ("ask_salary", "what's the upper end of ML mid-level?", "mid", "ml_engineer"),
        ("inform", "ok, what about US senior ML then?", "senior", "ml_engineer"),
        ("ask_salary", "and the low end of senior ML?", "senior", "ml_engineer"),
    ],
)
def test_a_pay_follow_up_takes_the_role_its_words_name(
    kb: KnowledgeBase, intent: str, text: str, level: str, role: str
) -> None:
    entities = [{"entity": "level", "value": level}]
    (question,) = ask(kb, intent, text, _AI_MID if role == "ml_engineer" else _ML_SENIOR, entities)
    assert (question.topic, question.roles, question.level) == ("salary", (role,), level)


@pytest.mark.parametrize(
    "intent, text, role",
    [
        ("ask_role_definition", "ok, what does a plain AI engineer start at?", "ai_engineer"),
        ("ask_salary", "how much do ML engineers start on?", "ml_engineer"),
        ("ask_role_definition", "so what do machine learning engineers start out at?", "ml_engineer"),
    ],
)
def test_what_a_role_starts_at_is_its_entry_pay(kb: KnowledgeBase, intent: str, text: str, role: str) -> None:
    (question,) = ask(kb, intent, text, {"topic": "job_titles"}, [{"entity": "role", "value": role}])
    assert (question.topic, question.roles, question.level) == ("salary", (role,), "entry")


def test_where_to_start_is_no_pay(kb: KnowledgeBase) -> None:
    (question,) = ask(kb, "ask_learning_path", "what does the learning path start at?", {})
    assert question.topic == "learning_path"


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_both_roles", "why would one person get the top of that range and another the bottom?"),
        ("inform", "why is the range so wide?"),
        ("ask_salary", "how come some people earn at the top of it and others lower?"),
    ],
)
def test_why_pay_differs_within_the_range_is_what_moves_pay(kb: KnowledgeBase, intent: str, text: str) -> None:
    (question,) = ask(kb, intent, text, _ML_SENIOR)
    assert question.topic == "salary_factors"


@pytest.mark.parametrize(
    "text, stage, after",
    [
        ("what comes after the foundation stage for that role", "foundation", "intermediate"),
        ("and what's the stage after intermediate for it?", "intermediate", "advanced"),
    ],
)
def test_a_move_on_the_learning_path_after_pay_figures_is_on_the_path(
    kb: KnowledgeBase, text: str, stage: str, after: str
) -> None:
    entities = [{"entity": "path_stage", "value": stage}]
    previous = {"topic": "salary", "role": "ml_engineer", "level": "entry"}
    (question,) = ask(kb, "ask_learning_path", text, previous, entities)
    assert (question.topic, question.path_stage, question.roles) == ("learning_path", after, ("ml_engineer",))


@pytest.mark.parametrize(
    "intent, text, second",
    [
        ("ask_other_role", "and the other role at that level? also, is this US only?", "salary_source"),
        ("inform", "what about senior? are these exact?", "salary_source"),
        ("inform", "and for ML? and what tools does it use?", None),
    ],
)
def test_a_follow_up_then_another_question_answers_both(
    kb: KnowledgeBase, intent: str, text: str, second: str | None
) -> None:
    first, then = ask(kb, intent, text, {"topic": "salary", "role": "ai_engineer", "level": "senior"})
    assert first.topic == "salary" and first.level == "senior" and not first.missing
    assert then.missing == second and (second or then.topic == "tools")


def test_a_follow_up_with_commas_is_still_one_question(kb: KnowledgeBase) -> None:
    (question,) = ask(kb, "inform", "and ML, at senior?", _AI_MID)
    assert (question.roles, question.level) == (("ml_engineer",), "senior")


@pytest.mark.parametrize(
    "text",
    [
        "What should I study next on that path?",
        "what do I learn next on the AI path?",
        "what should I pick up next on the learning path?",
    ],
)
def test_what_comes_next_on_a_path_is_not_narrowed_to_a_stage_by_its_words(kb: KnowledgeBase, text: str) -> None:
    (question,) = ask(kb, "ask_learning_path", text, {"topic": "skill_gap", "role": "ai_engineer"})
    assert question.topic == "learning_path" and question.path_stage != "foundation"


@pytest.mark.parametrize(
    "text", ["which languages should I pick up?", "what languages do I need?", "which coding languages matter?"]
)
def test_languages_are_the_programming_languages(kb: KnowledgeBase, text: str) -> None:
    (question,) = ask(kb, "ask_skills", text, {"topic": "math", "role": "ai_engineer"})
    assert question.topic == "skills" and question.skills == ("Programming",)


@pytest.mark.parametrize("text", ["well, what skills do I need then?", "what would I need to learn?"])
def test_what_i_need_without_my_skills_is_about_the_role_just_talked_about(kb: KnowledgeBase, text: str) -> None:
    (question,) = ask(kb, "ask_skill_gap", text, {"topic": "role_definition", "role": "ml_engineer"})
    assert (question.topic, question.roles) == ("skill_gap", ("ml_engineer",))


def test_what_i_need_with_my_skills_named_is_not_narrowed_to_the_last_role(kb: KnowledgeBase) -> None:
    (question,) = ask(kb, "ask_skill_gap", "I know Python and Docker, what do I need?", {"role": "ml_engineer"})
    assert question.roles == ()


@pytest.mark.parametrize(
    "text, role",
    [
        ("back to the US, what's the mid-level for the first role I asked about?", "ml_engineer"),
        ("and the mid level for the second one I mentioned?", "ai_engineer"),
        ("mid-level for the first role we started with?", "ml_engineer"),
    ],
)
def test_a_role_by_the_order_the_person_asked_about_it(kb: KnowledgeBase, text: str, role: str) -> None:
    previous = {"topic": "salary", "role": "ai_engineer", "level": "senior", "subject": "roles:ml_engineer+ai_engineer"}
    (question,) = ask(kb, "inform", text, previous, [{"entity": "level", "value": "mid"}])
    assert (question.topic, question.roles, question.level) == ("salary", (role,), "mid")


def test_a_stage_by_number_after_the_learning_path_stays_on_the_path(kb: KnowledgeBase) -> None:
    previous = {"topic": "learning_path", "path_stage": "enterprise_skills"}
    (question,) = ask(kb, "ask_workflow", "go back to stage 2 for AI", previous, [{"entity": "role", "value": "ai"}])
    assert question.topic == "learning_path"
