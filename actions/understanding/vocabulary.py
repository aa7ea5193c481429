"""Turn what people type ("MLE", "ml eng", "snr", "k8s") into the knowledge base's canonical keys.

NLU synonyms already map the common variants; this is the safety net for everything else (typos,
plurals, values the entity extractor returned verbatim). Aliases of KB things (roles, stages, skills, tools) come from
the KB itself; generic vocabulary (seniority, learning stages, aspects) lives here.
"""

from __future__ import annotations

import difflib
import re
from typing import Dict, Iterable, List, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase

LEVEL_ALIASES: Dict[str, List[str]] = {
    "entry": [
        "entry",
        "entry level",
        "entry-level",
        "junior",
        "jr",
        "jnr",
        "fresher",
        "freshers",
        "graduate",
        "grad",
        "new grad",
        "beginner",
        "beginners",
        "starting",
        "starter",
        "starting out",
        "newbie",
        "intern",
        "0-2 years",
        "first job",
        "early career",
        "associate",
        "low",
    ],
    "mid": [
        "mid",
        "mid level",
        "mid-level",
        "midlevel",
        "middle",
        "intermediate",
        "mid career",
        "mid-career",
        "3-5 years",
        "experienced mid",
        "medium",
        "mid-senior",
    ],
    "senior": [
        "senior",
        "senior level",
        "senior-level",
        "snr",
        "sr",
        "sr.",
        "seniors",
        "experienced",
        "seasoned",
        "veteran",
        "10 years",
        "top",
        "high",
        "highest",
    ],
}

PATH_STAGE_ALIASES: Dict[str, List[str]] = {
    "foundation": [
        "foundation",
        "foundations",
        "foundational",
        "basics",
        "basic",
        "fundamentals",
        "beginning",
        "first stage",
        "start",
        "starting point",
        "beginner stage",
    ],
    "intermediate": ["intermediate", "intermediate stage", "middle stage", "second stage", "next stage"],
    "advanced": ["advanced", "advanced stage", "advance", "expert", "third stage"],
    "enterprise_skills": [
        "enterprise",
        "enterprise skills",
        "enterprise stage",
        "enterprise level",
        "final stage",
        "last stage",
        "professional",
    ],
}

ASPECT_ALIASES: Dict[str, List[str]] = {
    "primary_focus": [
        "focus",
        "primary focus",
        "main focus",
        "day to day",
        "day-to-day",
        "priorities",
        "priority",
        "focused on",
        "mainly focused",
        "mainly focused on",
        "focus on",
    ],
    "data_handling": ["data handling", "data", "handling data", "data work", "data prep", "data preparation"],
    "model_training": [
        "model training",
        "training",
        "training models",
        "train models",
        "fine-tuning",
        "fine tuning",
        "modelling",
        "modeling",
    ],
    "deployment": ["deployment", "deploying", "deploy", "deployments", "integration", "release"],
    "monitoring": ["monitoring", "monitor", "system health", "model performance", "observability"],
    "collaboration": [
        "collaboration",
        "collaborate",
        "teams",
        "team",
        "who they work with",
        "work with",
        "stakeholders",
        "teamwork",
        "coworkers",
    ],
}

TITLE_ALIASES: Dict[str, List[str]] = {
    "mlops_engineer": ["mlops engineer", "mlops engineers", "mlops", "ml ops engineer", "mlops eng"],
    "data_scientist": ["data scientist", "data scientists", "ds", "data science", "ml-focused data scientist"],
    "nlp_engineer": ["nlp engineer", "nlp engineers", "nlp"],
    "ai_solutions_architect": ["ai solutions architect", "solutions architect", "ai architect"],
    "applied_ai_developer": ["applied ai developer", "applied ai dev", "applied ai"],
    "intelligent_automation_engineer": ["intelligent automation engineer", "automation engineer"],
    "ai_consultant": ["ai consultant", "ai consultants", "consultant"],
    "automation_architect": ["automation architect"],
    "cloud_ai_specialist": ["cloud ai specialist", "cloud ai specialists", "cloud specialist"],
}

# Places people ask about. The article's salary figures are US-only (KB `coverage`); any of these, or any other
# place the entity extractor finds, gets "the figures cover only the US". Generic vocabulary, not facts.
NON_US_PLACES: List[str] = [
    "germany",
    "india",
    "uk",
    "united kingdom",
    "britain",
    "england",
    "london",
    "europe",
    "eu",
    "european",
    "canada",
    "toronto",
    "australia",
    "sydney",
    "france",
    "paris",
    "netherlands",
    "amsterdam",
    "spain",
    "italy",
    "poland",
    "sweden",
    "switzerland",
    "zurich",
    "ireland",
    "dublin",
    "berlin",
    "munich",
    "bangalore",
    "bengaluru",
    "mumbai",
    "delhi",
    "hyderabad",
    "pune",
    "chennai",
    "singapore",
    "japan",
    "tokyo",
    "china",
    "beijing",
    "shanghai",
    "korea",
    "seoul",
    "brazil",
    "mexico",
    "argentina",
    "nigeria",
    "lagos",
    "kenya",
    "south africa",
    "egypt",
    "uae",
    "dubai",
    "saudi arabia",
    "israel",
    "turkey",
    "pakistan",
    "bangladesh",
    "vietnam",
    "philippines",
    "indonesia",
    "malaysia",
    "new zealand",
    "asia",
    "africa",
    "latin america",
    "middle east",
    "scandinavia",
    "norway",
    "denmark",
    "finland",
    "portugal",
    "austria",
    "belgium",
    "romania",
    "ukraine",
    "russia",
    "abroad",
    "outside the us",
    "outside the united states",
    "overseas",
    "remote",
    "remotely",
    "my country",
    "other countries",
    "worldwide",
    "globally",
    "europe's",
]

# Aliases too common in ordinary sentences to be read as an entity when scanning free text ("the top role",
# "the rest of", "a basic question"): the entity extractor may still tag them, scanning does not.
SCAN_EXCLUDED: Dict[str, set] = {
    "level": {
        "low",
        "high",
        "top",
        "highest",
        "medium",
        "starting",
        "starter",
        "associate",
        "middle",
        "intern",
        "experienced mid",
        "10 years",
        "first job",
    },
    "path_stage": {
        "start",
        "beginning",
        "basic",
        "professional",
        "expert",
        "enterprise",
        "enterprise level",
        "starting point",
        "advance",
    },
    "aspect": {
        "data",
        "team",
        "teams",
        "release",
        "deploy",
        "integration",
        "training",
        "priority",
        "priorities",
        "deployments",
    },
    "skill": {
        "ml",
        "rest",
        "performance",
        "architecture",
        "backend",
        "coding",
        "programming",
        "optimization",
        "optimisation",
        "integration",
        "deployment",
        "deploying",
    },
    "tool": {"r", "rest", "apis", "languages", "libraries", "editors", "frameworks", "containers"},
    "stage": {"test", "release", "training", "deploy", "integrating", "ingest", "monitor"},
    "job_title": {"ds", "nlp", "data science", "applied ai", "consultant", "mlops", "mlops eng"},
}

_FUZZY_CUTOFF = 0.84


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
    close = difflib.get_close_matches(word, index.keys(), n=1, cutoff=_FUZZY_CUTOFF)
    return index[close[0]] if close else None


class Normalizer:
    """Alias indexes built once from a KB; each method maps free text to a key or None."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._roles = _index((k, r.aliases + [r.name, r.plural]) for k, r in kb.roles.items())
        self._levels = _index(LEVEL_ALIASES.items())
        self._stages = _index((s.key, s.aliases + [s.name]) for s in kb.workflow.stages)
        self._path_stages = _index(PATH_STAGE_ALIASES.items())
        self._aspects = _index(ASPECT_ALIASES.items())
        self._titles = _index(TITLE_ALIASES.items())
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
        so "MLOps engineer" is a title and never a fuzzy "ML engineer"."""
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

    def is_us(self, location: str | None) -> bool:
        return bool(location) and clean(str(location)) in self._us

    def vocabulary(self) -> List[Tuple[str, str, str]]:
        """(phrase, entity kind, raw value) for scanning free text: every alias the KB and this module know,
        minus the ones too common to mean an entity (SCAN_EXCLUDED). Values are what NLU would extract."""
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
                if phrase in SCAN_EXCLUDED.get(kind, ()) or "_" in phrase:
                    continue
                pairs.append((phrase, kind, phrase))
        pairs += [(place, "location", place) for place in [*NON_US_PLACES, *self._us] if len(place) > 2]
        return pairs


normalizer_for = per_kb(Normalizer)
