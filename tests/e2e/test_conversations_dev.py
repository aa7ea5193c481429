"""The development conversation sets (eval/conversations_dev*.yml, each written blind from the article by its own
writer) over REST to the real servers, checked on content turn by turn (eval/content_checks.py, the rules of
`make e2e-eval`). The final set is not here: it is read only in aggregate, by `make e2e-eval`.

Fails when a set's share of right turns drops below its floor (eval/dev_floors.py: the figure reached when it was
set, minus about two points); every failing turn is printed with its kind, why it failed and what came back. Runs the
sets dev_floors.IN_MAKE_TEST names (the first and the two newest); `make e2e-eval` checks every set's floor."""

from __future__ import annotations

import os
import sys

import pytest

from tests.e2e.servers import ROOT, running_bot

sys.path.insert(0, str(ROOT / "eval"))

import e2e_conversations  # noqa: E402
from dev_floors import FLOORS, IN_MAKE_TEST, below_floor  # noqa: E402

pytestmark = pytest.mark.e2e

ALL_SETS = [ROOT / "eval" / name for name in FLOORS]
# CAREERBOT_ALL_DEV_SETS=1 runs every set here too (`make e2e-eval` always does).
DEV_SETS = ALL_SETS if os.environ.get("CAREERBOT_ALL_DEV_SETS") == "1" else [ROOT / "eval" / n for n in IN_MAKE_TEST]


def test_dev_sets_are_there_and_labelled():
    assert sorted(p.name for p in (ROOT / "eval").glob("conversations_dev*.yml")) == sorted(FLOORS)
    assert set(IN_MAKE_TEST) <= set(FLOORS)
    for path in ALL_SETS:
        conversations = e2e_conversations.load_set(path)
        turns = [t for c in conversations for t in c["turns"]]
        assert len(turns) >= 300, path.name
        assert all(t.get("kind") in e2e_conversations.KINDS for t in turns), path.name


def test_dev_conversations_say_the_right_facts(tmp_path):
    low = []
    with running_bot(tmp_path) as bot:
        for path in DEV_SETS:
            turns = e2e_conversations.run_set(bot.say, path)
            failed = [t for t in turns if not t.right]
            for t in failed:
                why = "; ".join(t.problems)
                print(
                    f"\nFAIL {path.name} {t.conversation}#{t.index} [{t.kind}] {t.user!r}: {why}\n  reply: {t.reply!r}"
                )
            print("\n" + e2e_conversations.summary_line(path.name, turns))
            low.append(below_floor(path.name, len(turns) - len(failed), len(turns)))
    low = [line for line in low if line]
    assert not low, "; ".join(low)
