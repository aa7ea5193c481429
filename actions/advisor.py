"""Advice from the KB: which role fits a person, and what they still need to learn for a role.

Pure functions over the validated KB. The interview's options point at skills in the article's two
skill tables; a role scores by how much more it emphasises those skills than the other role, so the
recommendation follows the article's own data rather than hand-written if/else.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Dict, List, Mapping, Sequence, Set, Tuple

from actions.knowledge.schema import ROLE_KEYS, AdvisorOption, AdvisorQuestion, KnowledgeBase
from actions.normalize import clean
from actions.queries import EMPHASIS_RANK, other_role

_WORD = re.compile(r"[a-z0-9+#'-]+")


def question_for(kb: KnowledgeBase, slot: str) -> AdvisorQuestion:
    return next(q for q in kb.advisor.questions if q.slot == slot)


def interview_slots(kb: KnowledgeBase) -> List[str]:
    return [q.slot for q in kb.advisor.questions]


def match_option(question: AdvisorQuestion, text: str | None) -> AdvisorOption | None:
    """The option a free-text or button answer picks: exact key/title/alias, then a whole alias inside the
    sentence (longest wins), then a close typo. None when the answer is unclear."""
    if not text:
        return None
    said = clean(str(text))
    for option in question.options:
        if said in {clean(option.key), clean(option.title), *(clean(a) for a in option.aliases)}:
            return option
    padded = f" {' '.join(_WORD.findall(said))} "
    best: Tuple[int, AdvisorOption | None] = (0, None)
    for option in question.options:
        for alias in (option.title, *option.aliases):
            phrase = clean(alias)
            if phrase and f" {phrase} " in padded and len(phrase) > best[0]:
                best = (len(phrase), option)
    if best[1] is not None:
        return best[1]
    choices = {clean(a): o for o in question.options for a in (o.title, *o.aliases)}
    close = difflib.get_close_matches(said, choices.keys(), n=1, cutoff=0.8)
    return choices[close[0]] if close else None


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


@dataclass(frozen=True)
class SkillGap:
    role: str
    covered: Tuple[GapItem, ...]
    missing: Tuple[GapItem, ...]


def skill_gap(kb: KnowledgeBase, role: str, known: Set[str]) -> SkillGap:
    """Compare what a person knows (skill keys) with a role's needs: shared core first, then the role's
    specialised skills from most to least emphasised."""
    items: List[GapItem] = []
    for area in kb.core_skills.areas:
        items.append(_gap_item(kb, role, area.key, area.name, "Core"))
    ranked = sorted(kb.skill_matrix, key=lambda s: -EMPHASIS_RANK[s.levels[role]])
    for skill in ranked:
        items.append(_gap_item(kb, role, skill.key, skill.name, skill.levels[role]))
    covered = tuple(i for i in items if i.key in known)
    missing = tuple(i for i in items if i.key not in known)
    return SkillGap(role, covered, missing)


def _gap_item(kb: KnowledgeBase, role: str, key: str, name: str, level: str) -> GapItem:
    for stage in kb.learning_paths:
        for topic in getattr(stage, role):
            if key in kb.learning_topic_skills.get(topic, []):
                return GapItem(key, name, level, stage.name, topic)
    return GapItem(key, name, level, None, None)


def next_steps(gap: SkillGap, limit: int = 4) -> Sequence[GapItem]:
    """The most useful missing skills: core foundation first, then Advanced, Moderate, Basic."""
    order = {"Core": 0, "Advanced": 1, "High": 1, "Moderate": 2, "Medium": 2, "Basic": 3}
    return sorted(gap.missing, key=lambda i: order.get(i.level, 9))[:limit]
