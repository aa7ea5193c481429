"""The content checks of `make e2e-eval`'s conversation score (eval/content_checks.py) and its per-kind report
(eval/e2e_conversations.py): figures in any notation, synonym groups, forbidden texts, and a final set that is
reported in aggregate only."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import content_checks  # noqa: E402
import e2e_conversations  # noqa: E402


def test_numbers_in_reads_dollars_thousands_and_plain_figures():
    assert content_checks.numbers_in("$145,000–$180,000+ a year") == {145000, 180000}
    assert content_checks.numbers_in("about 145k") == {145000}
    assert 6 in content_checks.numbers_in("step 6 of 6")


def test_check_passes_only_when_every_rule_holds():
    turn = {"numbers": [90000, 115000], "any": [["machine learning", "ml engineer"]], "none": ["$145,000"]}
    assert content_checks.check(turn, "Machine Learning Engineer, entry level: $90,000–$115,000") == []
    assert content_checks.check(turn, "ML engineer: 90k to 115k") == []
    assert content_checks.check(turn, "Machine Learning Engineer: $90,000") == ["missing numbers [115000]"]
    assert content_checks.check(turn, "AI Engineer: $90,000–$115,000") == [
        "none of ['machine learning', 'ml engineer']"
    ]
    assert content_checks.check(turn, "ML engineer $90,000–$115,000, senior $145,000") == ["forbidden '$145,000'"]


def test_check_fails_an_empty_reply_and_accepts_a_bare_string_group():
    assert content_checks.check({}, "  ") == ["empty reply"]
    assert content_checks.check({"any": ["deploy"]}, "Deployment and Integration") == []


def test_reply_text_holds_texts_and_button_titles():
    messages = [{"text": "Salary ranges"}, {"text": "More?", "buttons": [{"title": "Senior level", "payload": "/x"}]}]
    assert content_checks.reply_text(messages) == "Salary ranges\nMore?\nSenior level"


def _turn(conversation: str, kind: str, right: bool) -> e2e_conversations.Turn:
    return e2e_conversations.Turn(conversation, 0, kind, "secret question", [] if right else ["none of ['x']"], "r")


def test_per_kind_counts_right_and_total_known_kinds_first():
    turns = [_turn("a", "typo", True), _turn("b", "single", False), _turn("c", "single", True)]
    assert list(e2e_conversations.per_kind(turns).items()) == [("single", [1, 2]), ("typo", [1, 1])]


@pytest.mark.parametrize("final", [True, False])
def test_a_final_set_is_reported_without_its_turns(final):
    lines = "\n".join(e2e_conversations.set_section("set.yml", [_turn("a", "single", False)], final))
    assert "| single | 0 | 1 | 0.0 % |" in lines
    assert ("secret question" in lines) is not final


def test_kind_falls_back_to_the_conversation_category():
    assert e2e_conversations.kind_of({"kind": "typo"}, {"category": "follow_up"}) == "typo"
    assert e2e_conversations.kind_of({}, {"category": "follow_up"}) == "follow_up"
    assert e2e_conversations.is_final(Path("eval/conversations_final.yml"))
