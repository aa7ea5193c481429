"""Find the skills and tools a person mentions ("I know Python, SQL and Docker") with a spaCy
PhraseMatcher built from the KB's skill names, tool names and their aliases.

Each mention says how much it covers: naming a skill ("data engineering", "Python" for Python Programming,
"AWS" for the any-of area Cloud platforms) covers it whole; naming one part of a skill ("SQL" in Data
Engineering, "Docker" in MLOps & Monitoring, "statistics" in Mathematics) covers only that part. Role names
("ML engineering") are not skills: words inside them never count ("ml" is an alias of Model Development).

A blank English pipeline is enough (tokenizer only), so matching is fast and needs no model files.
spaCy is imported when the first matcher is built (the action server does that once at start).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Set, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase

_ROLE = "__role__"
FIELDS = ("ml", "machine learning", "ai")
FIELD_PREFIXES = ("for", "into", "in", "to", "toward", "towards")


@dataclass(frozen=True)
class Mentions:
    """Skill keys found, the words that matched (in the order mentioned), and how much each key is covered:
    `whole` keys were named outright; `parts` maps other keys to the parts named ("SQL" of Data Engineering)."""

    keys: Set[str]
    words: Tuple[str, ...]
    whole: Set[str] = field(default_factory=set)
    parts: Dict[str, Tuple[str, ...]] = field(default_factory=dict)


class SkillMatcher:
    def __init__(self, kb: KnowledgeBase) -> None:
        import spacy
        from spacy.matcher import PhraseMatcher

        self._nlp = spacy.blank("en")
        self._matcher = PhraseMatcher(self._nlp.vocab, attr="LOWER")
        phrases: Dict[str, Set[str]] = {}
        self._whole: Dict[str, Set[str]] = {}  # key -> lower-case phrases that name it whole
        for area in kb.core_skills.areas:
            wholes = {w.lower() for w in [area.name, *kb.vocabulary.core_area_words.get(area.key, [])]}
            if area.any_of:
                wholes |= {i.lower() for i in area.items}
            self._whole[area.key] = wholes
            for word in [
                area.name,
                *area.items,
                *kb.vocabulary.core_area_words.get(area.key, []),
                *kb.vocabulary.core_item_words.get(area.key, []),
            ]:
                phrases.setdefault(area.key, set()).add(word)
        for skill in [*kb.skill_matrix, *kb.skill_summary]:
            name_words = set(skill.name.lower().replace("&", " ").replace("/", " ").split())
            wholes = self._whole.setdefault(skill.key, set())
            wholes.add(skill.name.lower())
            for alias in skill.aliases:
                a = alias.lower()
                if len(a.split()) > 1 and a not in TOOL_LIKE or a in name_words:
                    wholes.add(a)
            for word in [skill.name, *skill.aliases]:
                phrases.setdefault(skill.key, set()).add(word)
        for key, words in phrases.items():
            self._matcher.add(key, [self._nlp.make_doc(w) for w in sorted(words)])
        role_words = {a for r in kb.roles.values() for a in (r.name, r.plural, *r.aliases)}
        role_words |= {f"{p} {field}" for p in FIELD_PREFIXES for field in FIELDS}  # "what do I need for ML?"
        self._matcher.add(_ROLE, [self._nlp.make_doc(w) for w in sorted(role_words)])

    def find(self, text: str) -> Mentions:
        doc = self._nlp.make_doc(text or "")
        matches = [(self._nlp.vocab.strings[m], s, e) for m, s, e in self._matcher(doc)]
        role_spans = [(s, e) for key, s, e in matches if key == _ROLE]
        keys: Set[str] = set()
        whole: Set[str] = set()
        parts: Dict[str, List[str]] = {}
        words: List[str] = []
        for key, start, end in matches:
            if key == _ROLE or any(start < re and end > rs for rs, re in role_spans):
                continue  # "ML engineering" names a role, not the skill "ML"
            span = doc[start:end].text
            keys.add(key)
            if span.lower() in self._whole.get(key, set()):
                whole.add(key)
            else:
                parts.setdefault(key, [])
                if span.lower() not in (p.lower() for p in parts[key]):
                    parts[key].append(span)
            if span.lower() not in (w.lower() for w in words) and not _inside_longer(span, words):
                words.append(span)
        words = [w for w in words if not any(w.lower() != o.lower() and w.lower() in o.lower().split() for o in words)]
        return Mentions(keys, tuple(words), whole, {k: tuple(v) for k, v in parts.items() if k not in whole})


# Multi-word aliases that are still one tool or technique inside a skill, not the skill itself.
TOOL_LIKE = {"rest apis", "web services", "google cloud", "data pipelines", "feature engineering", "data prep",
             "data preparation", "data wrangling", "ml ops", "model monitoring", "deep learning", "training models",
             "model tuning", "performance tuning", "secure deployment"}  # fmt: skip


def _inside_longer(span: str, words: List[str]) -> bool:
    return any(span.lower() in w.lower() and span.lower() != w.lower() for w in words)


matcher_for = per_kb(SkillMatcher)
