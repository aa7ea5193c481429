"""Advice from the KB: which role fits a person, and what they still need to learn for a role.

Pure functions over the validated KB. The interview's options point at skills in the article's two
skill tables; a role scores by how much more it emphasises those skills than the other role, so the
recommendation follows the article's own data rather than hand-written if/else.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Mapping, Sequence, Tuple

from actions.knowledge.schema import ROLE_KEYS, AdvisorQuestion, KnowledgeBase
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
            scores[role] += _mean([skill_weight(kb, key, role) for key in option.signals])
            scores[role] -= _mean([skill_weight(kb, key, role) for key in option.penalties])
    ai, ml = scores["ai_engineer"], scores["ml_engineer"]
    margin = kb.advisor.blend_margin if blend else kb.advisor.close_margin
    if abs(ai - ml) <= margin:
        role = None
    else:
        role = "ai_engineer" if ai > ml else "ml_engineer"
    return Recommendation(role, scores, tuple(reasons), blend)


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


@dataclass(frozen=True)
class SkillGap:
    role: str
    covered: Tuple[GapItem, ...]  # named outright
    partial: Tuple[GapItem, ...]  # only some parts named: a start, not covered
    missing: Tuple[GapItem, ...]


def skill_gap(kb: KnowledgeBase, role: str, mentions: Mentions) -> SkillGap:
    """Compare what a person mentioned with a role's needs: shared core first, then the role's specialised
    skills from most to least emphasised. A skill named outright is covered; one whose parts were named
    ("SQL" of Data Engineering) is a start, still among the next steps."""
    items: List[GapItem] = []
    for area in kb.core_skills.areas:
        items.append(_gap_item(kb, role, area.key, area.name, "Core", mentions))
    ranked = sorted(kb.skill_matrix, key=lambda s: -EMPHASIS_RANK[s.levels[role]])
    for skill in ranked:
        items.append(_gap_item(kb, role, skill.key, skill.name, skill.levels[role], mentions))
    covered = tuple(i for i in items if i.key in mentions.whole)
    partial = tuple(i for i in items if i.key not in mentions.whole and i.have)
    missing = tuple(i for i in items if i.key not in mentions.whole and not i.have)
    return SkillGap(role, covered, partial, missing)


def _gap_item(kb: KnowledgeBase, role: str, key: str, name: str, level: str, mentions: Mentions) -> GapItem:
    have = tuple(mentions.parts.get(key, ()))
    for stage in kb.learning_paths:
        for topic in getattr(stage, role):
            if key in kb.learning_topic_skills.get(topic, []):
                return GapItem(key, name, level, stage.name, topic, have)
    return GapItem(key, name, level, None, None, have)


def next_steps(gap: SkillGap, limit: int = 4) -> Sequence[GapItem]:
    """The most useful skills still to learn: core foundation first, then Advanced, Moderate, Basic; within a
    level, untouched skills before ones the person has made a start on."""
    order = {"Core": 0, "Advanced": 1, "High": 1, "Moderate": 2, "Medium": 2, "Basic": 3}
    todo = [*gap.missing, *gap.partial]
    return sorted(todo, key=lambda i: (order.get(i.level, 9), bool(i.have)))[:limit]
