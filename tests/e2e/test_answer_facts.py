"""Answers checked for their facts: the conversations of answer_turns.yml sent over REST to the real servers.

Each turn's reply must contain its `expect` facts (figures, key words) and none of its `reject` texts. The
module fails when any `must_pass` turn fails, or when fewer than PASS_FLOOR of all turns pass; every failing
turn is printed with what came back, so a regression shows what broke.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import pytest
import yaml

from tests.e2e.servers import Bot, running_bot

pytestmark = pytest.mark.e2e

TURNS_FILE = Path(__file__).with_name("answer_turns.yml")
PASS_FLOOR = 0.95  # share of all turns that must pass
MIN_TURNS = 150


@dataclass
class Result:
    conversation: str
    index: int
    say: str
    must_pass: bool
    problems: List[str]
    reply: str

    @property
    def passed(self) -> bool:
        return not self.problems


def load_conversations() -> List[Dict]:
    return yaml.safe_load(TURNS_FILE.read_text(encoding="utf-8"))["conversations"]


def check(reply: str, expect: List[str], reject: List[str]) -> List[str]:
    """What is wrong with `reply`: missing facts ("a | b": either will do) and unwanted texts. Case-insensitive."""
    low = reply.lower()
    problems = []
    for fact in expect:
        options = [o.strip().lower() for o in fact.split("|")]
        if not any(o and o in low for o in options):
            problems.append(f"lacks {fact!r}")
    problems += [f"contains {text!r}" for text in reject if text.lower() in low]
    return problems


def test_check_is_strict():
    """The checker itself: a fact missing, a rejected text present, or alternatives none of which occur fail."""
    assert check("Salary: $90,000–$115,000", ["$90,000–$115,000"], []) == []
    assert check("nothing", ["$90,000"], []) == ["lacks '$90,000'"]
    assert check("a b", ["x | b"], ["A"]) == ["contains 'A'"]
    assert check("", ["x | y"], []) == ["lacks 'x | y'"]


def test_turn_file_is_big_enough():
    conversations = load_conversations()
    turns = [t for c in conversations for t in c["turns"]]
    assert len(turns) >= MIN_TURNS
    assert all(t.get("expect") for t in turns), "every turn names at least one fact"
    assert len({c["id"] for c in conversations}) == len(conversations)


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    with running_bot(tmp_path_factory.mktemp("answer-facts")) as bot:
        yield bot


def run_all(bot: Bot) -> List[Result]:
    results = []
    for conversation in load_conversations():
        sender = f"facts-{conversation['id']}-{uuid.uuid4().hex[:8]}"
        for index, turn in enumerate(conversation["turns"]):
            reply = bot.reply(sender, turn["say"])
            problems = check(reply, turn.get("expect", []), turn.get("reject", []))
            results.append(Result(conversation["id"], index, turn["say"], bool(turn.get("must_pass")), problems, reply))
    return results


def test_answers_contain_their_facts(bot):
    results = run_all(bot)
    failed = [r for r in results if not r.passed]
    for r in failed:
        flag = " [MUST PASS]" if r.must_pass else ""
        print(
            f"\nFAIL{flag} {r.conversation}#{r.index}: {r.say!r}: {'; '.join(r.problems)}\n  reply: {r.reply[:600]!r}"
        )
    rate = 1 - len(failed) / len(results)
    print(f"\n{len(results) - len(failed)} of {len(results)} turns pass ({rate:.1%}); floor {PASS_FLOOR:.0%}")
    must = [r for r in failed if r.must_pass]
    assert not must, f"must-pass turns failed: {[(r.conversation, r.index, r.say) for r in must]}"
    assert rate >= PASS_FLOOR, f"{rate:.1%} of turns pass, below the floor of {PASS_FLOOR:.0%}"
