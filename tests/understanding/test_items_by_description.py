"""An item of the list just shown picked by what it is about, in words it may not share ('the one about security',
'which of those has to do with hackers?'): understand._DESCRIBED finds the description, lookups.item_by_meaning
weighs it against each item with the sentence encoder when no item shares its words."""

from __future__ import annotations

from typing import Tuple

import pytest

from actions.understanding import lookups
from tests.understanding.talking import talk

LISTS = {
    "use_cases": ("ask_use_cases", "what are the enterprise use cases?"),
    "best_practices": ("ask_best_practices", "what best practices do enterprise teams follow for ML?"),
    "challenges": ("ask_challenges", "what challenges do teams face?"),
    "enterprise_constraints": ("ask_enterprise_constraints", "what constraints do enterprise systems have?"),
}


@pytest.mark.parametrize(
    "topic, text, wanted, unwanted",
    [
        ("use_cases", "which of those is about machines breaking down?", "predictive maintenance", "fraud"),
        ("use_cases", "the one about paperwork?", "document processing", "fraud"),
        ("best_practices", "what's the one about security", "secure API gateways", "version control"),
        ("best_practices", "which one has to do with keeping logs", "monitoring and logging", "version control"),
        ("challenges", "which one is about models getting worse over time?", "drift", "legacy"),
        ("challenges", "which of them deals with hackers", "security vulnerabilities", "drift"),
        ("enterprise_constraints", "the one about privacy law?", "GDPR", "legacy"),
    ],
)
def test_an_item_is_picked_by_what_it_is_about(kb, encoder, topic: str, text: str, wanted: str, unwanted: str) -> None:
    questions, reply = talk(kb, [LISTS[topic], ("inform", text)])
    assert [q.topic for q in questions] == [topic] and questions[0].item is not None
    assert wanted.lower() in reply.lower() and unwanted.lower() not in reply.lower()


def test_a_role_carried_from_the_list_does_not_keep_its_pick_from_the_list(kb, encoder) -> None:
    questions, _ = talk(kb, [LISTS["best_practices"], ("inform", "what's the one about security")])
    assert questions[0].topic == "best_practices" and questions[0].roles == ()


def test_a_role_named_with_the_description_is_left_to_the_role_rules(kb, encoder) -> None:
    questions, _ = talk(kb, [LISTS["challenges"], ("inform", "which one is about the ML engineer's models?")])
    assert questions[0].item is None


@pytest.mark.parametrize(
    "description, items, expected",
    [
        ("machines breaking down", ("fraud detection", "predictive maintenance", "recommendation engines"), 2),
        ("the weather in Paris", ("fraud detection", "predictive maintenance", "recommendation engines"), None),
        ("", ("fraud detection", "predictive maintenance"), None),
        ("fraud", ("fraud detection",), None),
    ],
)
def test_meaning_picks_one_item_only_when_it_stands_out(
    kb, encoder, description: str, items: Tuple[str, ...], expected: int | None
) -> None:
    assert lookups.item_by_meaning(kb, items, description) == expected


def test_a_salary_factor_is_picked_by_what_it_is_about(kb, encoder) -> None:
    turns = [("ask_salary_factors", "what moves salaries?"), ("inform", "which of those is about where people work?")]
    _, reply = talk(kb, turns)
    assert "location" in reply.lower() and "healthcare" not in reply.lower()


def test_two_picks_in_one_message_are_both_answered(kb, encoder) -> None:
    turns = [LISTS["challenges"], ("inform", "which of those is about hackers and which is about old systems?")]
    questions, reply = talk(kb, turns)
    assert [q.item for q in questions] == [4, 5]
    assert "security vulnerabilities" in reply and "legacy" in reply and "drift" not in reply


@pytest.mark.parametrize(
    "text, description",
    [
        ("which of those is about machines breaking down?", "machines breaking down"),
        ("what's the one about security", "security"),
        ("which is about old systems?", "old systems"),
        ("which one has to do with keeping logs and who handles it", "keeping logs"),
        ("which of them deals with hackers and which is about old systems?", "hackers"),
        ("what is the salary?", None),
        ("which role is about systems?", None),
    ],
)
def test_the_description_of_a_pick_is_read_out(text: str, description: str | None) -> None:
    assert lookups.description_of_item(text) == description
