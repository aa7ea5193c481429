"""A question that quotes the article: four words in a row from one of its prose sentences name that sentence's
section, whatever NLU read ("what do cloud-based AI platforms demand skills in?" quotes a trend of why the
distinction matters, not the skill tables).

Only the article's free sentences are indexed (why it matters, the takeaways, the overview, the FAQ answers, the
intros): the tables and lists have their own entities and cues. A run of four words shared by two sections, or
made mostly of common words, says nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, Iterable, List, Set, Tuple

from actions.knowledge.facts import facts
from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.facts import without_roles
from actions.understanding.lookups import stems

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


# A question that re-words one of the article's prose sentences rather than quoting it: 'what do cloud platforms
# demand, skill-wise?' shares 'cloud', 'platforms', 'demand' and 'skill' with a trend of why the distinction
# matters, and 'demand' is a word no table, list or step of the article uses. The sentences whose section renders
# them alone or opens with them: each trend (its position in the list) and the workflow's intro.
REWORDED_SHARED = 3  # content words shared with the sentence (word stems, lookups.stems) ...
# ... one of them used by no narrower fact of another topic (a table row, list item, step): the sentence's own word.
# 'what does the article say ...' names no content; 'can' is a helper verb ('specialists who can maintain')
_NOT_CONTENT = frozenset({"artic", "say", "says", "can"})


@dataclass(frozen=True)
class Reworded:
    """The prose sentence a question re-words: its section's topic and, in a list of sentences, its position."""

    topic: str
    item: int | None
    shared: FrozenSet[str]


def _content_stems(kb: KnowledgeBase, text: str) -> FrozenSet[str]:
    return frozenset(stems(without_roles(kb, text)) - _NOT_CONTENT)


@per_kb
def _reworded_sentences(kb: KnowledgeBase) -> Tuple[Tuple[str, int | None, FrozenSet[str]], ...]:
    """(topic, item, content stems) of each prose sentence a question can re-word."""
    sentences = [("why_it_matters", n, t) for n, t in enumerate(kb.why_it_matters.trends, start=1)]
    sentences.append(("workflow", None, kb.workflow.intro))
    return tuple((topic, item, _content_stems(kb, text)) for topic, item, text in sentences if topic in kb.topics)


@per_kb
def _stem_owners(kb: KnowledgeBase) -> Dict[str, FrozenSet[object]]:
    """Each stem -> the topics of the narrow facts (a row, an item, a step) and the sentences that use it."""
    owners: Dict[str, Set[object]] = {}
    for fact in facts(kb):
        if any(name != "roles" for name, _ in fact.fields):
            for stem in _content_stems(kb, fact.text):
                owners.setdefault(stem, set()).add(fact.topic)
    for topic, item, words in _reworded_sentences(kb):
        for stem in words:
            owners.setdefault(stem, set()).add((topic, item))
    return {stem: frozenset(found) for stem, found in owners.items()}


def reworded(kb: KnowledgeBase, text: str) -> Reworded | None:
    """The one prose sentence (a trend, the workflow's intro) the question re-words: REWORDED_SHARED content words
    in common, one of them the sentence's own; else None."""
    asked = _content_stems(kb, text)
    owners = _stem_owners(kb)
    found = []
    for topic, item, words in _reworded_sentences(kb):
        shared = asked & words
        own = any(owners[stem] <= {topic, (topic, item)} for stem in shared)
        if len(shared) >= REWORDED_SHARED and own:
            found.append(Reworded(topic, item, frozenset(shared)))
    return found[0] if len(found) == 1 else None
