"""Turn what people type ("MLE", "ml eng", "snr", "k8s") into the knowledge base's canonical keys.

NLU synonyms already map the common variants; this is the safety net for everything else (typos,
plurals, values the entity extractor returned verbatim). Aliases of KB things (roles, stages, skills, tools) come from
the KB itself, and so does every other word list (careers.yml `vocabulary`: seniority, learning stages, aspects,
job titles, places, words too common to scan for). This module is the one fuzzy matcher over them.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, Iterable, List, Tuple

from actions.knowledge import keys
from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase

_FUZZY_CUTOFF = 0.84
# Words that name the cloud platforms area as a whole (for the learning path), beside its own name.
_CLOUD_AREA_WORDS = ("cloud", "cloud platforms", "cloud services")


@dataclass(frozen=True)
class Term:
    """A skill or tool a person named, with every KB key it resolves to: renderers read these keys (and show
    `text` only through phrasing.echo), they never match text themselves."""

    text: str
    matrix_skill: str | None = None
    summary_skill: str | None = None
    tool: str | None = None
    tool_category: str | None = None
    core_areas: Tuple[str, ...] = ()  # shared core areas it names, by name, key or one of their items

    @property
    def skill_keys(self) -> Tuple[str, ...]:
        return tuple(k for k in (self.matrix_skill, self.summary_skill) if k)


def clean(text: str) -> str:
    """Lowercase, drop surrounding punctuation and articles, fold whitespace."""
    text = text.lower().strip()
    text = re.sub(r"[\s_]+", " ", text)
    text = re.sub(r"^(the|a|an|my|our)\s+", "", text)
    return text.strip(" ?!.,;:'\"()[]")


def _index(pairs: Iterable[Tuple[str, Iterable[str]]]) -> Dict[str, str]:
    index: Dict[str, str] = {}
    for key, aliases in pairs:
        index.setdefault(clean(key), key)
        for alias in aliases:
            index.setdefault(clean(alias), key)
    return index


def closest(word: str, candidates: Iterable[str], cutoff: float = _FUZZY_CUTOFF) -> str | None:
    """The candidate `word` is a likely typo of, if any: the one fuzzy comparison understanding uses."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=cutoff)
    return close[0] if close else None


_GENERIC_JOB_WORDS = {"engineer", "engineering", "developer", "dev", "programmer"}


def _lookup(index: Dict[str, str], text: str | None, fuzzy: bool = True) -> str | None:
    if not text:
        return None
    word = clean(str(text))
    if not word:
        return None
    for candidate in (word, word.rstrip("s"), word.replace("-", " "), word.replace(" ", "")):
        if candidate in index:
            return index[candidate]
    if not fuzzy:
        return None
    close = closest(word, index.keys())
    return index[close] if close else None


class Normalizer:
    """Alias indexes built once from a KB; each method maps free text to a key or None."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._roles = _index((k, r.aliases + [r.name, r.plural]) for k, r in kb.roles.items())
        words = kb.vocabulary
        self._levels = _index(words.levels.items())
        self._stages = _index((s.key, s.aliases + [s.name]) for s in kb.workflow.stages)
        self._path_stages = _index(words.path_stages.items())
        self._aspects = _index(words.aspects.items())
        self._titles = _index(words.job_titles.items())
        self._matrix = _index((s.key, s.aliases + [s.name]) for s in kb.skill_matrix)
        self._summary = _index((s.key, s.aliases + [s.name]) for s in kb.skill_summary)
        self._tool_categories = _index((c.key, c.aliases + [c.name]) for c in kb.tools.categories)
        tool_names = {name for c in kb.tools.categories for name in c.items}
        tool_names |= {name for s in kb.workflow.stages for name in s.tools}
        self._tools = _index(
            [(name, kb.tools.aliases.get(name, [])) for name in sorted(tool_names)]
            + [(name, aliases) for name, aliases in kb.tools.aliases.items()]
        )
        self._us = {clean(a) for a in kb.coverage.salary_region_aliases + kb.coverage.salary_regions}
        self._non_us = list(words.non_us_places)
        self._scan_excluded = {kind: set(phrases) for kind, phrases in words.scan_excluded.items()}

    def role(self, text: str | None) -> str | None:
        return _lookup(self._roles, text)

    def level(self, text: str | None) -> str | None:
        return _lookup(self._levels, text)

    def stage(self, text: str | None) -> str | None:
        if text and re.fullmatch(r"(step|stage)?\s*[1-6]", clean(str(text))):
            return _lookup(self._stages, "step " + clean(str(text))[-1])
        return _lookup(self._stages, text)

    def path_stage(self, text: str | None) -> str | None:
        return _lookup(self._path_stages, text)

    def aspect(self, text: str | None) -> str | None:
        return _lookup(self._aspects, text)

    def job_title(self, text: str | None) -> str | None:
        """A listed job title other than the two roles (those normalise via `role`)."""
        return _lookup(self._titles, text)

    def role_or_title(self, text: str | None) -> Tuple[str | None, str | None]:
        """(role, None) or (None, title) for text that names either; exact matches beat typo matches,
        so "MLOps engineer" is a title and never a fuzzy "ML engineer". A bare 'engineer' names neither role
        (it is only a typo-distance from 'ml engineer'): 'a software engineer' is no ML Engineer."""
        if clean(str(text or "")).rstrip("s") in _GENERIC_JOB_WORDS:
            return None, None
        for fuzzy in (False, True):
            role = _lookup(self._roles, text, fuzzy)
            if role:
                return role, None
            title = _lookup(self._titles, text, fuzzy)
            if title:
                return None, title
        return None, None

    def matrix_skill(self, text: str | None) -> str | None:
        return _lookup(self._matrix, text)

    def summary_skill(self, text: str | None) -> str | None:
        return _lookup(self._summary, text)

    def tool(self, text: str | None) -> str | None:
        return _lookup(self._tools, text)

    def tool_category(self, text: str | None) -> str | None:
        return _lookup(self._tool_categories, text)

    def term(self, text: str) -> Term:
        """Everything `text` (a skill or tool entity) names in the KB."""
        low = text.lower()
        areas = self.kb.core_skills.areas
        core = [a.key for a in areas if low in (a.name.lower(), a.key)]
        core += [a.key for a in areas for item in a.items if item.lower() == low]
        if low in _CLOUD_AREA_WORDS:
            core.append(keys.CLOUD_PLATFORMS)
        return Term(
            text,
            self.matrix_skill(text),
            self.summary_skill(text),
            self.tool(text),
            self.tool_category(text),
            tuple(dict.fromkeys(core)),
        )

    def is_us(self, location: str | None) -> bool:
        return bool(location) and clean(str(location)) in self._us

    def excluded_terms(self, phrase: str) -> List[Tuple[str, str]]:
        """(kind, value) of a tool name kept out of the scan as too common (vocabulary.scan_excluded), for a
        caller that has another sign it is meant as the term (typed in the KB's capitals: 'R')."""
        tools = {**self._tools, **self._tool_categories}  # tools only: 'ML' in capitals is still the roles' word
        return [("tool", phrase)] if phrase in tools and phrase in self._scan_excluded.get("tool", ()) else []

    def vocabulary(self) -> List[Tuple[str, str, str]]:
        """(phrase, entity kind, raw value) for scanning free text: every alias the KB and this module know,
        minus the ones too common to mean an entity (KB vocabulary.scan_excluded). Values are what NLU would extract."""
        pairs: List[Tuple[str, str, str]] = []
        indexes = {
            "role": self._roles,
            "level": self._levels,
            "stage": self._stages,
            "path_stage": self._path_stages,
            "aspect": self._aspects,
            "job_title": self._titles,
            "skill": {**self._matrix, **self._summary},
            "tool": {**self._tools, **self._tool_categories},
        }
        for kind, index in indexes.items():
            for phrase in index:
                if phrase in self._scan_excluded.get(kind, ()) or "_" in phrase:
                    continue
                pairs.append((phrase, kind, phrase))
        pairs += [(place, "location", place) for place in [*self._non_us, *self._us] if len(place) > 2]
        return pairs


normalizer_for = per_kb(Normalizer)
