"""The development conversation set (eval/conversations_dev.yml, written blind from the article) over REST to the
real servers, checked on content turn by turn (eval/content_checks.py, the rules of `make e2e-eval`).

Fails when the share of right turns drops below FLOOR (the figure reached when it was set, minus about two
points); every failing turn is printed with its kind, why it failed and what came back."""

from __future__ import annotations

import sys

import pytest

from tests.e2e.servers import ROOT, running_bot

sys.path.insert(0, str(ROOT / "eval"))

import e2e_conversations  # noqa: E402

pytestmark = pytest.mark.e2e

DEV_SET = ROOT / "eval" / "conversations_dev.yml"
FLOOR = 0.87  # reached 89.0 % when set (issue 26, round 2), minus two points


def test_dev_set_is_there_and_labelled():
    conversations = e2e_conversations.load_set(DEV_SET)
    turns = [t for c in conversations for t in c["turns"]]
    assert len(turns) >= 100
    assert all(t.get("kind") in e2e_conversations.KINDS for t in turns)


def test_dev_conversations_say_the_right_facts(tmp_path):
    with running_bot(tmp_path) as bot:
        turns = e2e_conversations.run_set(bot.say, DEV_SET)
    failed = [t for t in turns if not t.right]
    for t in failed:
        print(f"\nFAIL {t.conversation}#{t.index} [{t.kind}] {t.user!r}: {'; '.join(t.problems)}\n  reply: {t.reply!r}")
    print("\n" + e2e_conversations.summary_line(DEV_SET.name, turns))
    rate = 1 - len(failed) / len(turns)
    assert rate >= FLOOR, f"{rate:.1%} of dev turns right, below the floor of {FLOOR:.0%}"
