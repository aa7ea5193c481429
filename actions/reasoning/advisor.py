"""Advice from the KB: which role fits a person, and what they still need to learn for a role.

Pure functions over the validated KB. The interview's options point at skills in the article's two
skill tables; a role scores by how much more it emphasises those skills than the other role, so the
recommendation follows the article's own data rather than hand-written if/else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Callable, Dict, List, Mapping, Sequence, Tuple

from actions.knowledge.schema import ROLE_KEYS, AdvisorOption, AdvisorQuestion, KnowledgeBase
from actions.reasoning.queries import EMPHASIS_RANK, other_role
from actions.understanding.skill_matcher import Mentions


def question_for(kb: KnowledgeBase, slot: str) -> AdvisorQuestion:
    return next(q for q in kb.advisor.questions if q.slot == slot)


def skill_weight(kb: KnowledgeBase, skill_key: str, role: str) -> int:
    """How much more `role` emphasises a skill than the other role (matrix first, then summary table)."""
    for table in (kb.skill_matrix, kb.skill_summary):
        for skill in table:
            if skill.key == skill_key:
                return EMPHASIS_RANK[skill.levels[role]] - EMPHASIS_RANK[skill.levels[other_role(role)]]
    return 0


@dataclass(frozen=True)
class Recommendation:
    role: str | None  # None: both fit (close scores, or a small team that blends them)
    scores: Dict[str, float]
    reasons: Tuple[str, ...]
    blend: bool


def recommend(kb: KnowledgeBase, answers: Mapping[str, str]) -> Recommendation:
    """Score both roles from the interview answers (slot → option key)."""
    scores = {role: 0.0 for role in ROLE_KEYS}
    reasons: List[str] = []
    blend = False
    for question in kb.advisor.questions:
        option = next((o for o in question.options if o.key == answers.get(question.slot)), None)
        if option is None:
            continue
        reasons.append(option.reason)
        blend = blend or option.blend
        for role in ROLE_KEYS:  # each answer counts once: average over the skills it points at
            scores[role] += option_weight(question, option, partial(skill_weight, kb, role=role))
    ai, ml = scores["ai_engineer"], scores["ml_engineer"]
    margin = kb.advisor.blend_margin if blend else kb.advisor.close_margin
    if abs(ai - ml) <= margin:
        role = None
    else:
        role = "ai_engineer" if ai > ml else "ml_engineer"
    return Recommendation(role, scores, tuple(reasons), blend)


def option_weight(question: AdvisorQuestion, option: AdvisorOption, weight: Callable[[str], int]) -> float:
    """How much an answer argues for a role (`weight`: a skill's weight for it): the skills it points at, less
    its penalties; an answer that points at no skill ("data prep isn't for me", "cloud doesn't excite me")
    argues against what its opposite points at."""
    own = _mean([weight(key) for key in option.signals]) - _mean([weight(key) for key in option.penalties])
    if own == 0 and not option.signals and not option.penalties and option.opposite and not option.neutral:
        opposite = next(o for o in question.options if o.key == option.opposite)
        own = -(_mean([weight(key) for key in opposite.signals]) - _mean([weight(key) for key in opposite.penalties]))
    return own


def _mean(values: List[int]) -> float:
    return sum(values) / len(values) if values else 0.0


# ---------- skill gap ----------


@dataclass(frozen=True)
class GapItem:
    key: str
    name: str
    level: str  # the role's emphasis, or "Core" for the shared foundation
    stage: str | None  # learning-path stage where the article's path teaches it
    topic: str | None
    have: Tuple[str, ...] = ()  # the parts of it the person named ("SQL" of Data Engineering)
    lead: int = 0  # how much more this role rates it than the other role (its own skills first)


@dataclass(frozen=True)
class SkillGap:
    role: str
    covered: Tuple[GapItem, ...]  # named outright (or assumed, see Held)
    partial: Tuple[GapItem, ...]  # only some parts named: a start, not covered
    missing: Tuple[GapItem, ...]


@dataclass(frozen=True)
class Held:
    """What a person has, read from their words: the matcher's mentions (negated or disliked clauses left out),
    plus what their tools show and what their skills let us assume. `assumed`: (what they said, what we assume)."""

    mentions: Mentions
    assumed: Tuple[Tuple[str, str], ...] = ()


def held_skills(kb: KnowledgeBase, mentions: Mentions) -> Held:
    """Add to what a person has (understanding.person.person_mentions) what their skills imply
    (advisor.implies), stated back to them as assumptions."""
    whole = set(mentions.whole)
    parts = dict(mentions.parts)
    assumed: List[Tuple[str, str]] = []
    for rule in kb.advisor.implies:
        trigger = next((k for k in rule.when if k in whole or k in parts), None)
        if trigger is None or all(k in whole for k in rule.assume):
            continue
        whole |= set(rule.assume)
        assumed.append((rule.given, rule.says))
    parts = {k: v for k, v in parts.items() if k not in whole}
    return Held(Mentions(set(mentions.keys) | whole, mentions.words, whole, parts), tuple(assumed))


def skill_name(kb: KnowledgeBase, key: str) -> str:
    for skill in [*kb.skill_matrix, *kb.skill_summary, *kb.core_skills.areas]:
        if skill.key == key:
            return skill.name
    return key


def skill_gap(kb: KnowledgeBase, role: str, mentions: Mentions) -> SkillGap:
    """Compare what a person has with a role's needs: the role's skills (skill matrix, and the summary table's
    rows the matrix lacks, advisor.gap_extra) and the shared core. A skill named outright is covered; one whose
    parts were named ("SQL" of Data Engineering) is a start, still among the next steps."""
    items: List[GapItem] = []
    for area in kb.core_skills.areas:
        items.append(_gap_item(kb, role, area.key, area.name, "Core", mentions))
    extra = [s for s in kb.skill_summary if s.key in kb.advisor.gap_extra]
    for skill in [*kb.skill_matrix, *extra]:
        items.append(_gap_item(kb, role, skill.key, skill.name, skill.levels[role], mentions))
    covered = tuple(i for i in items if i.key in mentions.whole)
    partial = tuple(i for i in items if i.key not in mentions.whole and i.have)
    missing = tuple(i for i in items if i.key not in mentions.whole and not i.have)
    return SkillGap(role, covered, partial, missing)


def _gap_item(kb: KnowledgeBase, role: str, key: str, name: str, level: str, mentions: Mentions) -> GapItem:
    have = tuple(mentions.parts.get(key, ()))
    lead = skill_weight(kb, key, role) if level != "Core" else 0
    for stage in kb.learning_paths:
        for topic in getattr(stage, role):
            if key in kb.learning_topic_skills.get(topic, []):
                return GapItem(key, name, level, stage.name, topic, have, lead)
    return GapItem(key, name, level, None, None, have, lead)


TOP_LEVELS = ("Advanced", "High")
LEVEL_ORDER = {"Advanced": 0, "High": 0, "Core": 1, "Moderate": 2, "Medium": 2, "Basic": 3}
FOUNDATION = "python_programming"  # first of all for someone who does not program yet


def next_steps(
    gap: SkillGap, limit: int = 4, kb: KnowledgeBase | None = None, in_order: bool = False
) -> Sequence[GapItem]:
    """The most useful skills still to learn, as a mentor would rank them: what the role rates highest
    (Advanced/High) first, untouched before started; Python first for someone who does not program; then in
    the order the role's learning path teaches them, the role's own skills (rated higher than in the other
    role) first; then the shared core, Moderate, Basic. Someone who programs has a start on Python. `in_order`:
    the learning path's order instead (what to learn first)."""
    programs = any(i.key == "programming" for i in gap.covered)
    stages = {stage.name: n for n, stage in enumerate(kb.learning_paths)} if kb is not None else {}
    todo = [*gap.missing, *gap.partial]

    def rank(item: GapItem) -> Tuple[int, int, int, int, int, int]:
        started = bool(item.have) or (item.key == FOUNDATION and programs)
        foundation = 0 if item.key == FOUNDATION and not started else 1
        stage = stages.get(item.stage or "", len(stages))
        topic = _topic_index(kb, gap.role, item) if kb is not None else 0
        return (LEVEL_ORDER.get(item.level, 9), started, foundation, stage, topic, -item.lead)

    if in_order:  # "what do I learn first?": the path's own order, its earliest stage first
        return sorted(todo, key=lambda item: (rank(item)[3], rank(item)[1], rank(item)[4], rank(item)[0]))[:limit]
    return sorted(todo, key=rank)[:limit]


def _topic_index(kb: KnowledgeBase, role: str, item: GapItem) -> int:
    """Where the learning path lists the item's topic within its stage (the path's own order)."""
    for stage in kb.learning_paths:
        topics = list(getattr(stage, role))
        if item.topic in topics and stage.name == item.stage:
            return topics.index(item.topic)
    return 9


def aim(kb: KnowledgeBase, held: Mentions) -> str | None:
    """The role a person's skills lean to (how much more each role rates what they have), None when even."""
    score = {role: 0.0 for role in ROLE_KEYS}
    for key in held.whole | set(held.parts):
        for role in ROLE_KEYS:
            score[role] += skill_weight(kb, key, role) * (1.0 if key in held.whole else 0.5)
    if abs(score["ai_engineer"] - score["ml_engineer"]) < 1:
        return None
    return max(score, key=score.get)
