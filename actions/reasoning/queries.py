"""Pure questions over the knowledge base.

No Rasa types here: every function takes the validated KB and canonical keys and returns facts, so
the logic is unit-testable and reusable by the advisor, the comparisons and the answers alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, List, Tuple

from actions.knowledge.schema import (
    ROLE_KEYS,
    KnowledgeBase,
    LearningStage,
    MatrixSkill,
    Responsibility,
    Role,
    SalaryBand,
    Scenario,
    Stage,
    SummarySkill,
    ToolCategory,
    other_role,
)

EMPHASIS_RANK: Dict[str, int] = {"Basic": 1, "Moderate": 2, "Advanced": 3, "Medium": 2, "High": 3}


def role(kb: KnowledgeBase, key: str) -> Role:
    return kb.roles[key]  # type: ignore[index]


def salary_band(kb: KnowledgeBase, role_key: str, level: str) -> SalaryBand:
    """The US 2026 indicative band for one role at one level."""
    return kb.salaries.bands[role_key][level]  # type: ignore[index]


@dataclass(frozen=True)
class SalaryGap:
    """How far `role_a` sits above `role_b` at one level (negative: below)."""

    level: str
    role_a: str
    role_b: str
    low_diff: int
    high_diff: int

    @property
    def higher_role(self) -> str | None:
        if self.low_diff > 0 and self.high_diff > 0:
            return self.role_a
        if self.low_diff < 0 and self.high_diff < 0:
            return self.role_b
        return None


def salary_gap(kb: KnowledgeBase, level: str, role_a: str, role_b: str) -> SalaryGap:
    """Difference of the range bounds between two roles at one level."""
    a, b = salary_band(kb, role_a, level), salary_band(kb, role_b, level)
    return SalaryGap(level, role_a, role_b, a.low - b.low, a.high - b.high)


def stage(kb: KnowledgeBase, key: str) -> Stage:
    return next(s for s in kb.workflow.stages if s.key == key)


def duty_of_stage(kb: KnowledgeBase, stage_key: str) -> str | None:
    """The responsibilities row a workflow step is also (the step's name opens with the row's name or is one of
    its words: 'Deployment and Integration' -> deployment, 'Data Preparation' -> data handling), else None: 'who
    does the deployment and integration stuff?' asks that row, not only the step."""
    name = stage(kb, stage_key).name.lower()
    for row in kb.responsibilities:
        said = [row.name.lower(), *(a.lower() for a in kb.vocabulary.aspects.get(row.key, ()))]
        if name in said or name.startswith(f"{row.name.lower()} "):
            return row.key
    return None


def stages_owned_by(kb: KnowledgeBase, role_key: str) -> List[Stage]:
    """Workflow stages the article says a role manages or focuses on, in workflow order."""
    owned = set(kb.workflow.ownership[role_key])  # type: ignore[index]
    return [s for s in kb.workflow.stages if s.key in owned]


def roles_owning_stage(kb: KnowledgeBase, stage_key: str) -> List[str]:
    return [r for r in ROLE_KEYS if stage_key in kb.workflow.ownership[r]]  # type: ignore[index]


def matrix_skill(kb: KnowledgeBase, key: str) -> MatrixSkill:
    return next(s for s in kb.skill_matrix if s.key == key)


def summary_skill(kb: KnowledgeBase, key: str) -> SummarySkill:
    return next(s for s in kb.skill_summary if s.key == key)


def skills_where_ahead(kb: KnowledgeBase, role_key: str) -> List[Tuple[str, str, str]]:
    """Skills a role needs more than the other, from both tables: (skill name, its level, other's level)."""
    other = other_role(role_key)
    rows: List[Tuple[str, str, str]] = []
    for skill in [*kb.skill_matrix, *kb.skill_summary]:
        mine, theirs = skill.levels[role_key], skill.levels[other]  # type: ignore[index]
        if EMPHASIS_RANK[mine] > EMPHASIS_RANK[theirs]:
            rows.append((skill.name, mine, theirs))
    return _unique_by_name(rows)


def widest_skill_gaps(kb: KnowledgeBase) -> List[Tuple[str, str, str]]:
    """The skills whose two ratings lie furthest apart on their table's scale (Basic < Moderate < Advanced; Medium <
    High): (skill name, AI Engineer's level, ML Engineer's level), ties together, matrix first."""
    rows = [(s.name, s.levels["ai_engineer"], s.levels["ml_engineer"]) for s in [*kb.skill_matrix, *kb.skill_summary]]
    gaps = [(abs(EMPHASIS_RANK[ai] - EMPHASIS_RANK[ml]), (name, ai, ml)) for name, ai, ml in rows]
    widest = max((gap for gap, _ in gaps), default=0)
    return _unique_by_name([row for gap, row in gaps if gap == widest and widest > 0])


def skills_shared(kb: KnowledgeBase) -> List[Tuple[str, str]]:
    """Skills both roles need at the same level (matrix then summary): (skill name, level)."""
    rows = [
        (s.name, s.levels["ai_engineer"])
        for s in [*kb.skill_matrix, *kb.skill_summary]
        if s.levels["ai_engineer"] == s.levels["ml_engineer"]
    ]
    return _unique_by_name(rows)


def role_emphasis(kb: KnowledgeBase, role_key: str) -> List[Tuple[str, str]]:
    """The role's level for every skill in the specialised-skills matrix, strongest first."""
    rows = [(s.name, s.levels[role_key]) for s in kb.skill_matrix]  # type: ignore[index]
    return sorted(rows, key=lambda row: -EMPHASIS_RANK[row[1]])


def tool_category(kb: KnowledgeBase, key: str) -> ToolCategory:
    return next(c for c in kb.tools.categories if c.key == key)


def roles_leaning_on_category(kb: KnowledgeBase, category_key: str) -> List[str]:
    """The roles the article says lean on a tool category the most (the twin of `roles_owning_stage`)."""
    return [r for r in ROLE_KEYS if category_key in kb.tools.role_categories[r]]  # type: ignore[index]


def tool_categories_for_role(kb: KnowledgeBase, role_key: str) -> List[ToolCategory]:
    keys = kb.tools.role_categories[role_key]  # type: ignore[index]
    return [c for c in kb.tools.categories if c.key in keys]


@dataclass(frozen=True)
class ToolUse:
    """Where the article mentions one tool."""

    tool: str
    categories: List[ToolCategory]
    stages: List[Stage]
    roles: List[str]


def tool_use(kb: KnowledgeBase, tool_name: str) -> ToolUse | None:
    """Where a canonical tool name appears: categories, workflow stages, and roles leaning on it."""
    target = tool_name.lower()
    categories = [c for c in kb.tools.categories if target in (i.lower() for i in c.items)]
    stages = [s for s in kb.workflow.stages if any(_tool_matches(target, t) for t in s.tools)]
    if not categories and not stages:
        return None
    roles = [r for r in ROLE_KEYS if any(c.key in kb.tools.role_categories[r] for c in categories)]  # type: ignore[index]
    return ToolUse(tool_name, categories, stages, roles)


def _tool_matches(target: str, listed: str) -> bool:
    listed = listed.lower()
    return target == listed or (target in listed and "(" in listed)


def all_tool_names(kb: KnowledgeBase) -> List[str]:
    """Every tool the article names, once, in first-mention order."""
    names: List[str] = []
    for group in [*(c.items for c in kb.tools.categories), *(s.tools for s in kb.workflow.stages)]:
        names.extend(n for n in group if n not in names)
    return names


def responsibility(kb: KnowledgeBase, key: str) -> Responsibility:
    return next(r for r in kb.responsibilities if r.key == key)


def learning_stage(kb: KnowledgeBase, key: str) -> LearningStage:
    return next(s for s in kb.learning_paths if s.key == key)


def learning_path(kb: KnowledgeBase, role_key: str) -> List[Tuple[str, List[str]]]:
    """(stage name, topics) in order for one role."""
    return [(s.name, getattr(s, role_key)) for s in kb.learning_paths]


def job_title_name(kb: KnowledgeBase, key: str) -> str | None:
    """Display name of any title the article lists (job titles or careers)."""
    for title in [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused, *kb.careers.titles]:
        if title.key == key:
            return title.name
    return None


def scenario(kb: KnowledgeBase, key: str) -> Scenario:
    return next(s for s in kb.scenarios if s.key == key)


def _unique_by_name(rows: list) -> list:
    seen: set = set()
    unique = []
    for row in rows:
        if row[0] not in seen:
            seen.add(row[0])
            unique.append(row)
    return unique
