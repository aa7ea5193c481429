"""Wave 6b: ratios between roles and thresholds are facts the article lacks, a pick among the clouds is a ranking
it does not make, and 'how does each role deal with data' is the data row of the responsibilities."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import missing_fact
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "text, key, previous",
    [
        ("what's the usual ratio between data scientists and AI engineers?", "headcount", None),
        ("how many MLOps people do you need for every ML engineer?", "headcount", None),
        ("at what threshold of drift do you retrain a model?", "thresholds", None),
        ("how much latency is acceptable in production?", "thresholds", None),
        ("what's a good minimum accuracy before shipping?", "thresholds", None),
        ("which of those providers does the guide say is best?", "tool_rankings", "tools"),
        ("what cloud vendor would the article say is the better one?", "tool_rankings", None),
    ],
)
def test_more_facts_the_article_lacks(kb: KnowledgeBase, text: str, key: str, previous: str | None) -> None:
    fact = missing_fact(kb, text, previous)
    assert (fact.key if fact else None) == key


def test_a_role_pick_is_not_a_tool_ranking(kb: KnowledgeBase) -> None:
    assert missing_fact(kb, "which of the two roles would be best for someone like me?") is None


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_skill_comparison", "how do the two roles deal with data in the comparison?"),
        ("ask_responsibilities", "how does each of them work with data?"),
    ],
)
def test_dealing_with_data_is_the_data_row_of_the_duties(kb: KnowledgeBase, intent: str, text: str) -> None:
    (question,) = understand(kb, intent, [], {}, text)
    assert question.topic == "responsibilities" and question.aspect == "data_handling"
