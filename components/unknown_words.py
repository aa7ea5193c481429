"""The share of a message's words that no in-scope training example uses: evidence that it is off-topic.

Why: an off-topic question often borrows an in-scope question's frame and swaps in a subject careerbot never
talks about ("what skills does a nurse need", "how much do firefighters earn"). The n-grams see only the
familiar frame; nothing in a linear model over n-grams says "this word is new", because a word absent from
training has no weight. This share says it, as one extra feature the regression weighs per intent.

In training every word of an example is, trivially, known; so each in-scope example is scored leave-one-out
(its own occurrence does not count), which is the share it would have had as a new message. Off-topic examples
never count towards the in-scope vocabulary. Cross-validation on the training data chose it (reports/eval.md,
eval/cv_variants.json).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Iterable, List, Mapping

Tokenize = Callable[[str], List[str]]


def document_frequencies(texts: Iterable[str], tokenize: Tokenize) -> Counter:
    """In how many of `texts` each word occurs (once per text)."""
    counts: Counter = Counter()
    for text in texts:
        counts.update(set(tokenize(text)))
    return counts


def unknown_share(words: List[str], frequencies: Mapping[str, int], counted_in: bool = False) -> float:
    """Share of `words` that no other in-scope example uses; 0 for a message without words.

    `counted_in`: the message is itself one of the counted examples, so one occurrence of each word is its own.
    """
    if not words:
        return 0.0
    own = 1 if counted_in else 0
    return sum(frequencies.get(word, 0) <= own for word in words) / len(words)
