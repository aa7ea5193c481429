"""A question that quotes the article: four words in a row from one of its prose sentences name that sentence's
section, whatever NLU read ("what do cloud-based AI platforms demand skills in?" quotes a trend of why the
distinction matters, not the skill tables).

Only the article's free sentences are indexed (why it matters, the takeaways, the overview, the FAQ answers, the
intros): the tables and lists have their own entities and cues. A run of four words shared by two sections, or
made mostly of common words, says nothing.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Iterable, List, Set, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase

RUN = 4  # words in a row shared with one sentence
_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
# Words too common to count towards a quote (the roles' own names among them): a run needs three others
# ('cloud-based AI platforms demand').
_COMMON = frozenset(
    "a an the and or of in on to for with by as at is are be it its this that these those both each their them "
    "they who what which how do does can may more most often roles role ai ml engineer engineers machine learning "
    "artificial intelligence i you we my your".split()
)


def _words(text: str) -> List[str]:
    return _WORD.findall(text.lower())


def _runs(words: List[str]) -> Iterable[Tuple[str, ...]]:
    for i in range(len(words) - RUN + 1):
        run = tuple(words[i : i + RUN])
        if sum(w not in _COMMON for w in run) >= 3:
            yield run


def _sections(kb: KnowledgeBase) -> Dict[str, List[str]]:
    """The article's prose sentences, by the topic that answers them."""
    sections = {
        "why_it_matters": [kb.why_it_matters.intro, *kb.why_it_matters.trends],
        "key_takeaways": list(kb.takeaways),
        "role_comparison": [kb.overview, kb.overlap],
        "enterprise_constraints": [kb.enterprise.intro],
        "skills": [kb.core_skills.intro],
    }
    for key in ("which_better", "both_roles", "math", "future_proof", "certifications"):
        sections[key] = [getattr(kb.faq, key)]
    return {topic: texts for topic, texts in sections.items() if topic in kb.topics}


@per_kb
def _index(kb: KnowledgeBase) -> Dict[Tuple[str, ...], FrozenSet[str]]:
    index: Dict[Tuple[str, ...], Set[str]] = {}
    for topic, texts in _sections(kb).items():
        for text in texts:
            for run in _runs(_words(text)):
                index.setdefault(run, set()).add(topic)
    return {run: frozenset(topics) for run, topics in index.items() if len(topics) == 1}


def quoted_topic(kb: KnowledgeBase, text: str) -> str | None:
    """The one section whose sentence the question quotes (four words in a row), else None."""
    index = _index(kb)
    found = {topic for run in _runs(_words(text)) for topic in index.get(run, ())}
    return next(iter(found)) if len(found) == 1 else None
