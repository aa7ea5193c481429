"""Find the skills and tools a person mentions ("I know Python, SQL and Docker") with a spaCy
PhraseMatcher built from the KB's skill names, tool names and their aliases.

A blank English pipeline is enough (tokenizer only), so matching is fast and needs no model files.
spaCy is imported when the first matcher is built (the action server does that once at start).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Set, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase

# Everyday words for the shared core areas that the article lists only by their parts.
CORE_AREA_WORDS: Dict[str, List[str]] = {
    "programming": ["programming", "coding", "code", "software development"],
    "mathematics": ["math", "maths", "mathematics", "stats", "calculus", "linear algebra", "probability", "statistics"],
    "data_handling": ["data handling", "data analysis", "excel", "databases", "etl"],
    "cloud_platforms": ["cloud", "gcp", "aws", "azure", "google cloud"],
    "version_control": ["git", "github", "gitlab", "version control", "ci/cd", "cicd"],
}


@dataclass(frozen=True)
class Mentions:
    """Skill keys found, and the words that matched, in the order mentioned."""

    keys: Set[str]
    words: Tuple[str, ...]


class SkillMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self._nlp = spacy.blank("en")
        self._matcher = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        phrases: Dict[str, Set[str]] = {}
        for area in kb.core_skills.areas:
            for word in [area.name, *area.items, *CORE_AREA_WORDS.get(area.key, [])]:
                phrases.setdefault(area.key, set()).add(word)
        for skill in [*kb.skill_matrix, *kb.skill_summary]:
            for word in [skill.name, *skill.aliases]:
                phrases.setdefault(skill.key, set()).add(word)
        for key, words in phrases.items():
            self._matcher.add(key, [self._nlp.make_doc(w) for w in sorted(words)])

    def find(self, text: str) -> Mentions:
        doc = self._nlp.make_doc(text or "")
        keys: Set[str] = set()
        words: List[str] = []
        for match_id, start, end in self._matcher(doc):
            keys.add(self._nlp.vocab.strings[match_id])
            span = doc[start:end].text
            if span.lower() not in (w.lower() for w in words):
                words.append(span)
        if keys & {"python_programming"}:
            keys.add("programming")
        return Mentions(keys, tuple(words))


matcher_for = per_kb(SkillMatcher)
