"""Pay follow-ups that lean on the thread for their role and level (issue 26): 'same level, other role', a bare
'ML' opening a follow-up, a comparison 'at that level' after a multi-part answer, a band named by its place on the
ladder, a step down from a level named, a level set aside, whether a factor moves pay, and pay read as compared
when nothing is compared."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.triage import triage
from actions.understanding.understand import understand

_AI_SENIOR = {"topic": "salary", "role": "ai_engineer", "level": "senior"}
_AI_ENTRY = {"topic": "salary", "role": "ai_engineer", "level": "entry"}
_AI_MID = {"topic": "salary", "role": "ai_engineer", "level": "mid"}
_ML_SENIOR = {"topic": "salary", "role": "ml_engineer", "level": "senior"}


def ask(kb: KnowledgeBase, intent: str, text: str, previous: Dict[str, Any] | None = None, entities=()) -> List[Any]:
    return understand(kb, intent, list(entities), previous or {}, text)


def reply(kb: KnowledgeBase, intent: str, text: str, previous: Dict[str, Any] | None = None, entities=()) -> str:
    return combine([render(kb, q) for q in ask(kb, intent, text, previous, entities)]).text


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_other_role", "same level, other role"),
        ("inform", "same level, other role"),
        ("inform", "ok, other side now?"),
        ("inform", "and other role at that level?"),
    ],
)
def test_the_other_role_without_its_article_is_still_the_other_role(kb: KnowledgeBase, intent: str, text: str) -> None:
    (question,) = ask(kb, intent, text, _AI_ENTRY)
    assert (question.topic, question.roles, question.level) == ("salary", ("ml_engineer",), "entry")


def test_any_other_role_asks_for_more_roles_not_the_other_one(kb: KnowledgeBase) -> None:
    from actions.understanding.context import _OTHER_ROLE

    assert not _OTHER_ROLE.search("is there any other role like this?")
    assert not _OTHER_ROLE.search("which other path could I take?")


@pytest.mark.parametrize("text", ["and ML at the same level", "and AI at that level?", "ok and ML on the same level"])
def test_a_bare_role_opening_a_follow_up_is_that_role(kb: KnowledgeBase, text: str) -> None:
    previous = _AI_MID if "ML" in text else {"topic": "salary", "role": "ml_engineer", "level": "mid"}
    (question,) = ask(kb, "inform", text, previous)
    assert question.roles == (("ml_engineer",) if "ML" in text else ("ai_engineer",))
    assert question.level == "mid"


def test_a_level_down_from_that_moves_from_the_role_just_given(kb: KnowledgeBase) -> None:
    previous = {"topic": "salary", "role": "ml_engineer", "level": "mid"}
    (question,) = ask(kb, "inform", "a level down from that?", previous)
    assert (question.roles, question.level) == (("ml_engineer",), "entry")


@pytest.mark.parametrize("text", ["and a step down from senior?", "one notch below senior?"])
def test_a_step_down_from_a_level_named_starts_from_that_level(kb: KnowledgeBase, text: str) -> None:
    (question,) = ask(kb, "inform", text, _ML_SENIOR, [{"entity": "level", "value": "senior"}])
    assert (question.roles, question.level) == (("ml_engineer",), "mid")


def test_a_comparison_at_that_level_after_pay_and_its_factors_uses_the_pay_parts_level(kb: KnowledgeBase) -> None:
    previous = {"topic": "salary_factors", "thread": {"salary": {"role": "ai_engineer", "level": "senior"}}}
    text = "and how does the ML one compare at that level?"
    answer = reply(kb, "ask_role_comparison", text, previous, [{"entity": "role", "value": "ml one"}])
    assert "145,000" in answer and "180,000" in answer and "90,000" not in answer


@pytest.mark.parametrize(
    "intent, text, level",
    [
        ("inform", "and the top ML range?", "senior"),
        ("ask_key_takeaways", "and the bottom of the ML ladder?", "entry"),
        ("inform", "what about the lowest ML band?", "entry"),
        ("inform", "the top of the ML pay scale?", "senior"),
    ],
)
def test_a_band_named_by_its_place_on_the_ladder_is_that_level(kb: KnowledgeBase, intent, text, level) -> None:
    (question,) = ask(kb, intent, text, {"topic": "salary_factors"})
    assert (question.topic, question.roles, question.level) == ("salary", ("ml_engineer",), level)


def test_the_top_of_a_levels_range_is_that_level(kb: KnowledgeBase) -> None:
    (question,) = ask(kb, "ask_salary", "what's the top of the senior ML engineer salary range?")
    assert question.level == "senior"


@pytest.mark.parametrize(
    "text",
    [
        "sorry, I meant entry level for ML, not senior",
        "entry level for ML rather than senior",
        "I meant entry, not the senior level",
    ],
)
def test_a_level_set_aside_is_dropped(kb: KnowledgeBase, text: str) -> None:
    previous = {"topic": "salary", "role": "ml_engineer", "level": "senior"}
    entities = [{"entity": "level", "value": "entry"}, {"entity": "level", "value": "senior"}]
    answer = reply(kb, "inform", text, previous, entities)
    assert "90,000" in answer and "180,000" not in answer


@pytest.mark.parametrize(
    "text", ["and does location matter for it?", "does the industry make a difference?", "does remote work count?"]
)
def test_whether_a_named_factor_moves_pay_after_pay_figures(kb: KnowledgeBase, text: str) -> None:
    (question,) = ask(kb, "inform", text, _AI_SENIOR)
    assert question.topic == "salary_factors"


@pytest.mark.parametrize(
    "text",
    ["what makes someone land at the top of that?", "back to the AI engineer: what skills make salaries grow?"],
)
def test_what_gets_pay_higher_is_what_moves_pay(kb: KnowledgeBase, text: str) -> None:
    questions = ask(kb, "ask_salary" if "grow" in text else "inform", text, _AI_SENIOR)
    assert questions[-1].topic == "salary_factors"


def test_pay_read_as_compared_with_nothing_compared_is_one_roles_pay(kb: KnowledgeBase) -> None:
    previous = {"topic": "tools", "thread": {"salary": {"role": "ai_engineer", "level": "mid"}}}
    text = "back to the salaries — what about senior?"
    (question,) = ask(kb, "ask_salary_comparison", text, previous, [{"entity": "level", "value": "senior"}])
    assert (question.topic, question.roles, question.level) == ("salary", ("ai_engineer",), "senior")


def test_their_starting_salaries_are_the_entry_band(kb: KnowledgeBase) -> None:
    answer = reply(kb, "ask_salary_comparison", "ok and their starting salaries, both?", {"topic": "responsibilities"})
    assert "90,000" in answer and "85,000" in answer and "180,000" not in answer


@pytest.mark.parametrize("text", ["and the bottom?", "How much more at the bottom end, roughly?", "the upper end?"])
def test_an_end_of_the_range_after_pay_points_back(kb: KnowledgeBase, text: str) -> None:
    decision = triage(kb, [{"name": "out_of_scope", "confidence": 0.6}], text, "out_of_scope", "salary")
    assert decision.kind == "answer" and decision.intents == ("inform",)
    assert triage(kb, [{"name": "out_of_scope", "confidence": 0.6}], text, "out_of_scope", "tools").kind != "answer"


@pytest.mark.parametrize("text", ["what's the starting salary there?", "and what's the mid-level pay there?"])
def test_pay_pointing_back_at_an_answer_about_no_role_is_the_advised_roles(kb: KnowledgeBase, text: str) -> None:
    from actions.answers.pipeline import answer_message

    message = {"text": text, "intent": {"name": "ask_salary", "confidence": 0.98}, "entities": []}
    previous = {"topic": "tools", "stage": "model_development"}
    ((question, _),) = answer_message(kb, message, previous, "ml_engineer")
    assert question.roles == ("ml_engineer",)
    ((question, _),) = answer_message(kb, message, previous, None)
    assert question.roles == ()


def test_which_year_the_outlook_is_for_is_the_salary_source(kb: KnowledgeBase) -> None:
    answer = reply(kb, "ask_future_proof", "which year is this outlook for?", _ML_SENIOR)
    assert "2026" in answer
    answer = reply(kb, "ask_salary_factors", "Which factors push salary up, and which year is this outlook for?")
    assert "2026" in answer and "industry" in answer


def test_same_three_for_the_other_role_repeats_each_part_whatever_an_unsure_nlu_read(kb: KnowledgeBase) -> None:
    first = "For an AI engineer: what's the entry salary, which tools do they spend most time with, and what's their advanced learning stage?"  # noqa: E501
    asked = understand(kb, "ask_salary", [], {}, first)
    previous = asked[-1].context_slots()
    entities = [{"entity": "role", "value": "ml_engineer"}]
    again = understand(kb, "ask_role_comparison", entities, previous, "same three for the ML engineer")
    assert [q.topic for q in again] == ["salary", "tools", "learning_path"]
    assert all(q.roles == ("ml_engineer",) for q in again)


@pytest.mark.parametrize("text, level", [("one step up?", "senior"), ("a step down?", "entry")])
def test_a_step_after_pay_figures_moves_a_level_not_a_workflow_step(kb: KnowledgeBase, text: str, level: str) -> None:
    (question,) = ask(kb, "inform", text, {"topic": "salary", "role": "ml_engineer", "level": "mid"})
    assert (question.topic, question.roles, question.level) == ("salary", ("ml_engineer",), level)


def test_the_highest_figure_beside_a_level_for_each_role_is_answered_too(kb: KnowledgeBase) -> None:
    text = "What's the AI engineer entry pay, what's the ML engineer mid pay, and what's the highest figure in the 2026 outlook?"  # noqa: E501
    entities = [{"entity": "role", "value": "ai_engineer"}, {"entity": "role", "value": "ml_engineer"}]
    questions = ask(kb, "ask_salary", text, None, entities)
    assert [(q.roles, q.level) for q in questions] == [
        (("ai_engineer",), "entry"),
        (("ml_engineer",), "mid"),
        (("ml_engineer",), "senior"),
    ]


@pytest.mark.parametrize(
    "text", ["I wonder if ML engineers really out-earn AI engineers", "do ml engineers outearn ai engineers?"]
)
def test_out_earning_is_a_comparison(kb: KnowledgeBase, text: str) -> None:
    assert [q.topic for q in ask(kb, "ask_salary_comparison", text)] == ["salary_comparison"]


def test_the_other_role_after_who_uses_a_tool_group_more_is_not_an_older_step(kb: KnowledgeBase) -> None:
    previous = {
        "topic": "tools",
        "subject": "answered:ai_engineer",
        "thread": {"workflow": {"stage": "model_development"}, "tools": {"tool": "cloud services"}},
    }
    (question,) = ask(kb, "ask_other_role", "and the other role spends its time on what?", previous)
    assert (question.topic, question.roles, question.stage, question.aspect) == ("tools", ("ml_engineer",), None, None)


def test_the_other_role_after_a_steps_tools_is_its_part_in_that_step(kb: KnowledgeBase) -> None:
    previous = {"topic": "tools", "stage": "deployment_integration"}
    (question,) = ask(kb, "ask_other_role", "and what does the other role do there?", previous)
    assert (question.topic, question.roles, question.aspect) == ("responsibilities", ("ml_engineer",), "deployment")
