"""The small KB lookups the routing shares: the items a list answer shows, and the one item a few words name."""

from __future__ import annotations

import pytest

from actions.knowledge.loader import get_kb
from actions.understanding import lookups


@pytest.fixture(scope="module")
def kb():
    return get_kb()


@pytest.mark.parametrize(
    "topic",
    ["use_cases", "best_practices", "challenges", "enterprise_constraints", "key_takeaways", "why_it_matters"],
)
def test_every_list_answer_has_its_items(kb, topic):
    items = lookups.list_items(kb, topic)
    assert len(items) >= 2 and all(isinstance(i, str) and i for i in items)


@pytest.mark.parametrize("topic", [None, "", "salary", "workflow"])
def test_a_topic_without_a_list_has_no_items(kb, topic):
    assert lookups.list_items(kb, topic) == ()


def test_the_item_sharing_the_most_words_is_found():
    items = ["data quality and availability", "model performance drift", "infrastructure scaling"]
    assert lookups.item_with_words(items, lookups.stems("the drift one")) == 2
    assert lookups.item_with_words(items, lookups.stems("scaling the infrastructure")) == 3


def test_no_item_when_too_few_words_match_or_several_tie():
    items = ["secure API gateways", "role-based access control", "API versioning"]
    assert lookups.item_with_words(items, lookups.stems("the API one")) is None  # two items share 'api'
    assert lookups.item_with_words(items, lookups.stems("gateways"), least=2) is None  # one word, two wanted
    assert lookups.item_with_words(items, lookups.stems("secure gateways"), least=2) == 1
    assert lookups.item_with_words(items, set()) is None
    assert lookups.item_with_words([], lookups.stems("gateways")) is None
