"""The development conversation sets (eval/conversations_dev*.yml, each written blind from the article by its own
writer) over REST to the real servers, checked on content turn by turn (eval/content_checks.py, the rules of
`make e2e-eval`). The final set is not here: it is read only in aggregate, by `make e2e-eval`.

Fails when a set's share of right turns drops below its FLOOR (the figure reached when it was set, minus about two
points); every failing turn is printed with its kind, why it failed and what came back."""

from __future__ import annotations

import sys

import pytest

from tests.e2e.servers import ROOT, running_bot

sys.path.insert(0, str(ROOT / "eval"))

import e2e_conversations  # noqa: E402

pytestmark = pytest.mark.e2e

# Each set and its floor: the share of right turns reached when the floor was set, minus about two points.
FLOORS = {
    "conversations_dev.yml": 0.97,  # 98.9 % (stop 33)
    "conversations_dev2.yml": 0.98,  # 99.8 % (stop 33; 81.2 % when added)
    "conversations_dev3.yml": 0.965,  # 98.3 % (stop 33; 80.6 % when added)
    "conversations_dev4.yml": 0.955,  # 97.7 % (stop 34; 83.9 % when added, follow-up heavy)
    "conversations_dev5.yml": 0.96,  # 98.2 % (stop 33; 77.7 % when added, 70 % follow-ups)
    "conversations_dev6.yml": 0.97,  # 99.2 % (stop 34; 86.1 % when added, mixed like new users)
    "conversations_dev7.yml": 0.955,  # 97.6 % (stop 33; 85.2 % when added, follow-up heavy)
    "conversations_dev8.yml": 0.94,  # 96.3 % (stop 34; 78.6 % when added, mixed)
    "conversations_dev9.yml": 0.945,  # 96.5 % (stop 34; 82.1 % when added, two thirds follow-ups)
    "conversations_dev10.yml": 0.97,  # 98.9 % (stop 33; 86.9 % when added, mixed)
    "conversations_dev11.yml": 0.955,  # 97.7 % (stop 34; 86.0 % when added, people who wander, half follow-ups)
    "conversations_dev12.yml": 0.955,  # 97.7 % (stop 34; 92.4 % when added, precise questions, terse follow-ups)
    "conversations_dev13.yml": 0.935,  # 95.5 % (stop 34; 86.4 % when added, people who think aloud, 61 % follow-ups)
    "conversations_dev14.yml": 0.945,  # 96.7 % (stop 34; 90.2 % when added, a realistic week of mixed traffic)
    "conversations_dev15.yml": 0.915,  # 93.8 % (stop 35; 84.4 % when added, people who wander and come back)
    "conversations_dev16.yml": 0.91,  # 93.5 % (stop 35; 80.8 % when added, chatty people on phones)
}
DEV_SETS = [ROOT / "eval" / name for name in FLOORS]


def test_dev_sets_are_there_and_labelled():
    assert sorted(p.name for p in (ROOT / "eval").glob("conversations_dev*.yml")) == sorted(FLOORS)
    for path in DEV_SETS:
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
            rate = 1 - len(failed) / len(turns)
            if rate < FLOORS[path.name]:
                low.append(f"{path.name}: {rate:.1%} right, below the floor of {FLOORS[path.name]:.0%}")
    assert not low, "; ".join(low)
