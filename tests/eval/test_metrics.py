"""The novel-subset split of `make eval` (eval/metrics.py `novelty`, `novel_only`): which independent-set messages
count as new wording, by eval/dedupe.py's rule against the real training data."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import dedupe  # noqa: E402
import metrics  # noqa: E402


@pytest.fixture(scope="module")
def training() -> list:
    return dedupe.training_keys(sorted((ROOT / "data").glob("*.yml")))


def test_copies_of_training_examples_are_not_novel_and_new_wording_is(training: list) -> None:
    some = max(dedupe.example_texts(ROOT / "data" / "nlu.yml"), key=len)
    texts = [
        some.upper() + " ?!",  # verbatim once case and punctuation are ignored
        some + "x",  # one character away: near
        "zebra quantum marmalade sonata",  # nothing like it in the training data
    ]
    assert metrics.novelty(texts, training) == ["verbatim", "near", metrics.NOVEL]


def test_a_short_greeting_in_the_training_data_is_a_copy(training: list) -> None:
    """What the split is for: common phrasings such as "hi" are in both the training data and the sets."""
    assert "hi" in training
    assert metrics.novelty(["Hi!", "hi"], training) == ["verbatim", "verbatim"]


def test_novel_only_keeps_the_novel_rows_in_order() -> None:
    rows = [{"text": "a"}, {"text": "b"}, {"text": "c"}, {"text": "d"}]
    kinds = [metrics.NOVEL, "verbatim", metrics.NOVEL, "near"]
    assert metrics.novel_only(rows, kinds) == [{"text": "a"}, {"text": "c"}]


def test_novel_only_refuses_kinds_of_another_list() -> None:
    with pytest.raises(ValueError):
        metrics.novel_only([{"text": "a"}, {"text": "b"}], [metrics.NOVEL])
