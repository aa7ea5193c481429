"""components/unknown_words.py: the unknown-word share, and its leave-one-out form for training examples."""

from __future__ import annotations

from components.unknown_words import document_frequencies, unknown_share


def tokenize(text: str) -> list[str]:
    return text.lower().split()


def test_counts_each_word_once_per_text():
    frequencies = document_frequencies(["salary salary of ai", "ai tools"], tokenize)
    assert frequencies == {"salary": 1, "of": 1, "ai": 2, "tools": 1}


def test_share_of_words_no_in_scope_example_uses():
    frequencies = document_frequencies(["what skills does an ai engineer need"], tokenize)
    assert unknown_share(tokenize("what skills does a nurse need"), frequencies) == 2 / 6  # "a", "nurse"
    assert unknown_share(tokenize("what skills does an ai engineer need"), frequencies) == 0.0


def test_a_counted_example_does_not_know_its_own_words():
    """Leave-one-out: a training example's share is what it would be as a new message."""
    texts = ["ai engineer salary", "ai engineer tools"]
    frequencies = document_frequencies(texts, tokenize)
    assert unknown_share(tokenize(texts[0]), frequencies, counted_in=True) == 1 / 3  # "salary" is its own
    assert unknown_share(tokenize(texts[0]), frequencies) == 0.0


def test_a_message_without_words_has_no_unknown_words():
    assert unknown_share([], {"ai": 3}) == 0.0
