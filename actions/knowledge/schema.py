"""Typed schema of the knowledge base.

Validation happens once, at load: a wrong key, a missing field or an impossible salary band stops the
action server with a message that names the field, instead of surfacing as a wrong answer later.
"""

from __future__ import annotations

import re
from typing import Dict, List, Literal

from pydantic import BaseModel, Extra, Field, StrictStr, root_validator, validator

from actions.knowledge.keys import USED_BY_CODE

RoleKey = Literal["ai_engineer", "ml_engineer"]
LevelKey = Literal["entry", "mid", "senior"]
ROLE_KEYS: tuple[str, ...] = ("ai_engineer", "ml_engineer")


def other_role(role: str) -> str:
    """The role that is not `role`."""
    return ROLE_KEYS[1] if role == ROLE_KEYS[0] else ROLE_KEYS[0]


LEVEL_KEYS: tuple[str, ...] = ("entry", "mid", "senior")
EmphasisLevel = Literal["Basic", "Moderate", "Advanced"]
SummaryLevel = Literal["Medium", "High"]


class Strict(BaseModel):
    """Base model: unknown fields are typos, not data."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


class Role(Strict):
    name: str
    plural: str
    aliases: List[str] = Field(min_items=1)
    definition: str
    builds: List[str]
    work_spans: List[str]
    focus: str
    enterprise_duty: str
    tool_focus: str
    challenge_focus: str
    math: str
    preference: str


class WhyItMatters(Strict):
    intro: str
    trends: List[str] = Field(min_items=1)


class Stage(Strict):
    key: str
    number: int = Field(ge=1)
    name: str
    aliases: List[str]
    activities: List[str] = Field(min_items=1)
    tools: List[str] = Field(min_items=1)


class Workflow(Strict):
    intro: str
    stages: List[Stage] = Field(min_items=1)
    ownership: Dict[RoleKey, List[str]]

    @root_validator(skip_on_failure=True)
    def _ownership_names_real_stages(cls, values: dict) -> dict:
        _check_references(values["ownership"], {stage.key for stage in values["stages"]}, "ownership", "stages")
        return values


class SkillArea(Strict):
    key: str
    name: str
    items: List[str] = Field(min_items=1)
    any_of: bool = False


class CoreSkills(Strict):
    intro: str
    areas: List[SkillArea] = Field(min_items=1)


class RatedSkill(Strict):
    """A skill row of one of the article's tables, rated for both roles."""

    key: str
    name: str
    aliases: List[str]
    levels: Dict[RoleKey, str]

    @validator("levels")
    def _both_roles(cls, levels: dict) -> dict:
        return _require_both_roles(levels)


class MatrixSkill(RatedSkill):
    levels: Dict[RoleKey, EmphasisLevel]


class SummarySkill(RatedSkill):
    levels: Dict[RoleKey, SummaryLevel]


class ToolCategory(Strict):
    key: str
    name: str
    aliases: List[str]
    items: List[str] = Field(min_items=1)


class Tools(Strict):
    categories: List[ToolCategory] = Field(min_items=1)
    role_categories: Dict[RoleKey, List[str]]
    aliases: Dict[str, List[str]]

    @root_validator(skip_on_failure=True)
    def _role_categories_exist(cls, values: dict) -> dict:
        keys = {c.key for c in values["categories"]}
        _check_references(values["role_categories"], keys, "role_categories", "categories")
        return values


class Enterprise(Strict):
    intro: str
    use_cases: List[str] = Field(min_items=1)
    constraints: List[str] = Field(min_items=1)


class Title(Strict):
    key: str
    name: str


class JobTitles(Strict):
    ai_focused: List[Title] = Field(min_items=1)
    ml_focused: List[Title] = Field(min_items=1)
    blending_note: str


class Careers(Strict):
    intro: str
    titles: List[Title] = Field(min_items=1)
    industries: List[str] = Field(min_items=1)


class Responsibility(Strict):
    key: str
    name: str
    ai_engineer: str
    ml_engineer: str


class LearningStage(Strict):
    key: str
    name: str
    ai_engineer: List[str] = Field(min_items=1)
    ml_engineer: List[str] = Field(min_items=1)


class SalaryBand(Strict):
    low: int = Field(gt=0)
    high: int = Field(gt=0)
    open_ended: bool = False

    @root_validator(skip_on_failure=True)
    def _low_below_high(cls, values: dict) -> dict:
        if values["low"] >= values["high"]:
            raise ValueError(f"low ({values['low']}) must be below high ({values['high']})")
        return values


class Salaries(Strict):
    country: str
    outlook_year: int
    nature: str
    bands: Dict[RoleKey, Dict[LevelKey, SalaryBand]]
    factors: List[str] = Field(min_items=1)
    growth_note: str

    @validator("bands")
    def _complete_table(cls, bands: dict) -> dict:
        _require_both_roles(bands)
        for role, by_level in bands.items():
            missing = [level for level in LEVEL_KEYS if level not in by_level]
            if missing:
                raise ValueError(f"{role} is missing levels: {', '.join(missing)}")
        return bands


class Scenario(Strict):
    key: str
    name: str
    aliases: List[str] = []
    ai_engineer: List[str] = Field(min_items=1)
    ml_engineer: List[str] = Field(min_items=1)


class Challenges(Strict):
    items: List[str] = Field(min_items=1)
    ai_engineer: List[str]
    ml_engineer: List[str]

    @root_validator(skip_on_failure=True)
    def _split_uses_listed_items(cls, values: dict) -> dict:
        _check_references({r: values[r] for r in ROLE_KEYS}, set(values["items"]), "challenges", "items")
        return values


class Faq(Strict):
    which_better: str
    both_roles: str
    math: str
    future_proof: str
    certifications: str


class MissingFact(Strict):
    """A kind of fact people ask for that the article does not give: how to spot the question, what to say,
    and which topic the article does cover instead (answered right after, so the reply is never empty)."""

    key: str
    patterns: List[str] = Field(min_items=1)
    says: str
    then: str | None = None
    offers: List[str] = []
    # Entity kinds (a tool, a role...) the message must also name for the patterns to count: 'is X better than
    # Y?' asks for a ranking the article lacks only when X and Y are tools, not the two roles.
    needs: List[str] = []
    # Patterns that ask this fact only right after an answer on one of the `after` topics: 'which of those pays
    # the most?' after the industries asks pay by industry, after the pay table it asks which role pays more.
    after: List[str] = []
    after_patterns: List[str] = []
    # Also asked by pay from a kind of employer or group the article never names ('do hospitals pay less than
    # banks?', 'do nonprofits pay less?'): found by the words, not by patterns (lookups.unknown_payer).
    pay_by_unknown_payer: bool = False

    @validator("patterns", "after_patterns", each_item=True)
    def _compiles(cls, pattern: str) -> str:
        return _valid_regex(pattern)


class Coverage(Strict):
    """What the article covers, so the bot can say plainly what it does not."""

    salary_regions: List[str] = Field(min_items=1)
    salary_region_aliases: List[str] = Field(min_items=1)
    missing: List[MissingFact] = []
    # Nouns for the kinds of facts the article gives, beyond the words of its facts ('rating', 'figure', 'tip'),
    # and nouns that name no kind at all ('way', 'thing'): a question asking for any other kind of thing ('any
    # good maths textbook?', 'which middleware?') asks for something the article does not give.
    kinds_given: List[str] = []


class AdvisorOption(Strict):
    """One answer to an interview question, and the words that pick it (see the KB's advisor comment)."""

    key: StrictStr
    title: str
    aliases: List[StrictStr] = Field(min_items=1)
    cues: List[StrictStr] = []
    polarity: Literal["positive", "negative"] | None = None
    opposite: StrictStr | None = None
    neutral: bool = False
    description: str
    label: str
    signals: List[str]
    penalties: List[str] = []
    blend: bool = False
    reason: str


class AdvisorQuestion(Strict):
    slot: str
    prompt: str
    short: str  # what it asks about, in a few words ("advanced math"): refine offers and reminders name it
    topics: List[StrictStr] = []
    options: List[AdvisorOption] = Field(min_items=2)

    @root_validator(skip_on_failure=True)
    def _options_fit_together(cls, values: dict) -> dict:
        keys = [o.key for o in values["options"]]
        if len(set(keys)) != len(keys):
            raise ValueError(f"{values['slot']}: duplicate option keys")
        for option in values["options"]:
            if option.opposite is not None and option.opposite not in keys:
                raise ValueError(f"{values['slot']}.{option.key}: opposite {option.opposite!r} is not an option")
        polarities = [o.polarity for o in values["options"] if o.polarity]
        if values["topics"] and sorted(polarities) != ["negative", "positive"]:
            raise ValueError(f"{values['slot']}: a question with topics needs one positive and one negative option")
        if sum(o.neutral for o in values["options"]) > 1:
            raise ValueError(f"{values['slot']}: at most one neutral option")
        return values


class ToolSkills(Strict):
    """Tools (words) that show a skill: whole (`covers`) or a start on it (`starts`)."""

    words: List[StrictStr] = Field(min_items=1)
    covers: List[str] = []
    starts: List[str] = []


class Implication(Strict):
    """A skill named (`when`, any of) lets the skill gap assume others, said as an assumption (`says`)."""

    when: List[str] = Field(min_items=1)
    assume: List[str] = Field(min_items=1)
    given: str  # what the named skill shows, in a few words ("you build and run services")
    says: str


class Background(Strict):
    """A job someone has: the interview answers it implies and the skills it lets us assume."""

    key: StrictStr
    name: str
    words: List[StrictStr] = Field(min_items=1)
    answers: Dict[str, str] = {}
    knows: List[str] = []
    # job_titles / careers keys the article names that such a person is closest to ("a consultant": AI Consultant)
    titles: List[str] = []
    # workflow stage keys this job already does (a QA engineer: Testing and Validation)
    steps: List[str] = []


class Advisor(Strict):
    """The role-fit interview: questions, answer options and the skills each option points at; what tools,
    skills and jobs say about a person (the skill gap and the lean from a self-description)."""

    close_margin: int = Field(ge=0)
    blend_margin: int = Field(ge=0)
    questions: List[AdvisorQuestion] = Field(min_items=1)
    tool_skills: List[ToolSkills] = []
    implies: List[Implication] = []
    gap_extra: List[str] = []
    backgrounds: List[Background] = []

    @root_validator(skip_on_failure=True)
    def _background_answers_exist(cls, values: dict) -> dict:
        options = {q.slot: {o.key for o in q.options} for q in values["questions"]}
        for background in values["backgrounds"]:
            for slot, option in background.answers.items():
                if option not in options.get(slot, set()):
                    raise ValueError(f"advisor.backgrounds.{background.key}: no option {option!r} for {slot!r}")
        return values

    @validator("questions")
    def _unique_slots(cls, questions: list) -> list:
        slots = [q.slot for q in questions]
        if len(set(slots)) != len(slots):
            raise ValueError("duplicate question slots")
        return questions


ENTITY_KINDS = ("role", "level", "stage", "path_stage", "aspect", "job_title", "skill", "tool", "location")


class Vocabulary(Strict):
    """Words people use for things the article names, where the thing has no `aliases` of its own. Every key is
    checked against the facts (KnowledgeBase._vocabulary_keys_exist), so a rename fails at load time."""

    levels: Dict[LevelKey, List[str]]
    path_stages: Dict[str, List[str]]
    aspects: Dict[str, List[str]]
    job_titles: Dict[str, List[str]]
    core_area_words: Dict[str, List[str]]
    core_item_words: Dict[str, List[str]]
    non_us_places: List[str] = Field(min_items=1)
    scan_excluded: Dict[str, List[str]]
    # A theme and the words of list items that belong to it though they do not say its name ('security-related
    # constraints': the privacy regulations and role-based access control too).
    themes: Dict[str, List[str]] = {}
    # An industry the article names and the words a person uses for working in it ('a hospital IT dept':
    # healthcare), so advice can say what the article says about that industry.
    industries: Dict[str, List[str]] = {}

    @validator("levels")
    def _every_level(cls, levels: dict) -> dict:
        missing = [level for level in LEVEL_KEYS if not levels.get(level)]
        if missing:
            raise ValueError(f"missing words for levels: {', '.join(missing)}")
        return levels

    @validator("scan_excluded")
    def _known_kinds(cls, excluded: dict) -> dict:
        unknown = sorted(set(excluded) - set(ENTITY_KINDS))
        if unknown:
            raise ValueError(f"unknown entity kinds: {', '.join(unknown)}")
        return excluded


NARROWING_FIELDS = (*ENTITY_KINDS, "scenario")  # what a question can be narrowed by (actions/understanding/context.py)


class Cue(Strict):
    """A pattern that says a message asks about a topic, and how strongly (a topic needs 2 to be detected)."""

    pattern: StrictStr
    weight: int = Field(ge=1)

    @validator("pattern")
    def _compiles(cls, pattern: str) -> str:
        return _valid_regex(pattern, re.I)


class Topic(Strict):
    """One topic the bot answers (intent ask_<key>) and what the code needs to know about it; see the comment
    above `topics:` in careers.yml. Checked here so a typo fails `make validate`, not a conversation."""

    title: str
    narrowed_by: List[StrictStr] = []
    followable: bool = False
    re_askable: bool = False
    covers: List[StrictStr] = []
    supported_by: List[StrictStr] = []
    area: StrictStr | None = None
    defines_terms: bool = False
    cues: List[Cue] = []

    @validator("narrowed_by")
    def _known_fields(cls, fields: list) -> list:
        unknown = [f for f in fields if f not in NARROWING_FIELDS]
        if unknown:
            known = ", ".join(NARROWING_FIELDS)
            raise ValueError(f"unknown field {', '.join(map(repr, unknown))} (a topic can be narrowed by: {known})")
        if len(set(fields)) != len(fields):
            raise ValueError("a field is listed twice")
        return fields


class KnowledgeBase(Strict):
    source_title: str
    overview: str
    overlap: str
    roles: Dict[RoleKey, Role]
    why_it_matters: WhyItMatters
    workflow: Workflow
    core_skills: CoreSkills
    skill_matrix: List[MatrixSkill] = Field(min_items=1)
    skill_summary: List[SummarySkill] = Field(min_items=1)
    tools: Tools
    enterprise: Enterprise
    job_titles: JobTitles
    careers: Careers
    responsibilities: List[Responsibility] = Field(min_items=1)
    learning_paths: List[LearningStage] = Field(min_items=1)
    learning_path_note: str = ""  # what the article says the stage-by-stage comparison is for
    salaries: Salaries
    scenarios: List[Scenario] = Field(min_items=1)
    challenges: Challenges
    best_practices: List[str] = Field(min_items=1)
    faq: Faq
    takeaways: List[str] = Field(min_items=1)
    coverage: Coverage
    learning_topic_skills: Dict[str, List[str]]
    advisor: Advisor
    topics: Dict[str, Topic]  # the intent is ask_<topic> (check.py: in domain.yml)
    vocabulary: Vocabulary

    @root_validator(skip_on_failure=True)
    def _skill_references_exist(cls, values: dict) -> dict:
        known = {a.key for a in values["core_skills"].areas}
        known |= {s.key for s in values["skill_matrix"]} | {s.key for s in values["skill_summary"]}
        topics = {topic for stage in values["learning_paths"] for r in ROLE_KEYS for topic in getattr(stage, r)}
        _check_references(values["learning_topic_skills"], known, "learning_topic_skills", "skills")
        missing = sorted(topics - set(values["learning_topic_skills"]))
        if missing:
            raise ValueError(f"learning_topic_skills lacks learning-path topics: {', '.join(missing)}")
        for question in values["advisor"].questions:
            refs = {o.key: o.signals + o.penalties for o in question.options}
            _check_references(refs, known, f"advisor.{question.slot}", "skills")
        advisor = values["advisor"]
        refs = {f"tool_skills[{i}]": t.covers + t.starts for i, t in enumerate(advisor.tool_skills)}
        refs |= {f"implies[{i}]": m.when + m.assume for i, m in enumerate(advisor.implies)}
        refs |= {f"backgrounds.{b.key}": b.knows for b in advisor.backgrounds}
        refs["gap_extra"] = advisor.gap_extra
        _check_references(refs, known, "advisor", "skills")
        return values

    @root_validator(skip_on_failure=True)
    def _code_keys_exist(cls, values: dict) -> dict:
        """Every key the code names (actions/knowledge/keys.py) is still in the KB."""
        present = {
            "core_skills.areas": {a.key for a in values["core_skills"].areas},
            "skill_matrix/skill_summary": {s.key for s in [*values["skill_matrix"], *values["skill_summary"]]},
            "tools.categories": {c.key for c in values["tools"].categories},
            "responsibilities": {r.key for r in values["responsibilities"]},
            "coverage.missing": {m.key for m in values["coverage"].missing},
        }
        for where, keys in USED_BY_CODE.items():
            gone = [key for key in keys if key not in present[where]]
            if gone:
                raise ValueError(f"{where} lacks {', '.join(gone)}, which the code uses (actions/knowledge/keys.py)")
        return values

    @root_validator(skip_on_failure=True)
    def _vocabulary_keys_exist(cls, values: dict) -> dict:
        """Word lists name KB keys; each must exist and each thing must have words (no key only in code)."""
        vocab: Vocabulary = values["vocabulary"]
        titles = [*values["job_titles"].ai_focused, *values["job_titles"].ml_focused, *values["careers"].titles]
        expected = {
            "path_stages": {s.key for s in values["learning_paths"]},
            "aspects": {r.key for r in values["responsibilities"]},
            "job_titles": {t.key for t in titles} - set(ROLE_KEYS),
        }
        areas = {a.key for a in values["core_skills"].areas}
        industries = set(values["careers"].industries)
        _check_references({"industries": list(vocab.industries)}, industries, "vocabulary", "industries")
        _check_references({"core_area_words": list(vocab.core_area_words)}, areas, "vocabulary", "core areas")
        _check_references({"core_item_words": list(vocab.core_item_words)}, areas, "vocabulary", "core areas")
        for name, keys in expected.items():
            given = set(getattr(vocab, name))
            if given != keys:
                problems = [f"unknown keys {', '.join(sorted(given - keys))}"] if given - keys else []
                problems += [f"no words for {', '.join(sorted(keys - given))}"] if keys - given else []
                raise ValueError(f"vocabulary.{name}: {'; '.join(problems)}")
        return values

    @root_validator(skip_on_failure=True)
    def _background_references_exist(cls, values: dict) -> dict:
        """A background's titles are job titles or careers, its steps workflow stages."""
        titles = [*values["job_titles"].ai_focused, *values["job_titles"].ml_focused, *values["careers"].titles]
        backgrounds = values["advisor"].backgrounds
        _check_references({b.key: b.titles for b in backgrounds}, {t.key for t in titles}, "backgrounds", "titles")
        stages = {s.key for s in values["workflow"].stages}
        _check_references({b.key: b.steps for b in backgrounds}, stages, "backgrounds", "workflow stages")
        return values

    @validator("topics")
    def _covered_topics_exist(cls, topics: dict) -> dict:
        _check_references({f"{key}.covers": t.covers for key, t in topics.items()}, set(topics), "topics", "topics")
        _check_references(
            {
                **{f"{key}.supported_by": t.supported_by for key, t in topics.items()},
                **{f"{key}.area": [t.area] for key, t in topics.items() if t.area},
            },
            set(topics),
            "topics",
            "topics",
        )
        return topics

    @validator("roles")
    def _both_roles(cls, roles: dict) -> dict:
        return _require_both_roles(roles)


def _valid_regex(pattern: str, flags: int = 0) -> str:
    """`pattern` if it compiles, else a ValueError that says why (the field's path names where it is)."""
    try:
        re.compile(pattern, flags)
    except re.error as exc:
        raise ValueError(f"not a valid regular expression ({exc})") from None
    return pattern


def _check_references(refs: Dict[str, List[str]], known: set, where: str, noun: str) -> None:
    """Raise when a list in `refs` names keys that are not in `known` (a typo in a cross-reference)."""
    for name, keys in refs.items():
        unknown = sorted(set(keys) - known)
        if unknown:
            raise ValueError(f"{where}.{name} names unknown {noun}: {', '.join(unknown)}")


def _require_both_roles(mapping: Dict[str, object]) -> Dict[str, object]:
    missing = [role for role in ROLE_KEYS if role not in mapping]
    if missing:
        raise ValueError(f"missing roles: {', '.join(missing)}")
    return mapping
