"""Every fact of the KB as one addressable line: its own words, and the topic and fields that answer it alone.

A section answers many questions; a question usually asks one of its facts (a step's tools, one role's line
of a table, one item of a list). Listing the facts with the narrowing that renders each one lets understanding
match a question against the facts' own words (actions/understanding/facts.py) and ask the renderer for just
that fact, with the whole section one button away (the renderers offer it). Derived from the KB, never written
by hand: a new fact in careers.yml is addressable at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase


@dataclass(frozen=True)
class Fact:
    """One fact: the words it is matched on, and the question that renders it (topic + narrowing fields)."""

    topic: str
    text: str
    fields: Tuple[Tuple[str, object], ...] = ()

    @property
    def role(self) -> str | None:
        """The role the fact is about, when it is one role's line (a table cell, a scenario's duties)."""
        roles = dict(self.fields).get("roles")
        return roles[0] if isinstance(roles, tuple) and len(roles) == 1 else None


def _join(items) -> str:
    return ", ".join(items)


@per_kb
def facts(kb: KnowledgeBase) -> Tuple[Fact, ...]:
    """The KB's facts, in KB order (built once per KB)."""
    found: List[Fact] = []
    add = found.append
    names = {r: kb.roles[r].name for r in ROLE_KEYS}
    for r in ROLE_KEYS:
        role = kb.roles[r]
        add(Fact("role_definition", f"{role.name}: {role.definition} Builds {_join(role.builds)}.", (("roles", (r,)),)))
        # the definition's parts one by one: 'what does their work span?', 'what applications do they build?'
        add(Fact("role_definition", f"{role.name}'s work spans {_join(role.work_spans)}.", (("roles", (r,)),)))
        add(Fact("role_definition", f"Applications {role.plural} build: {_join(role.builds)}.", (("roles", (r,)),)))
    for stage in kb.workflow.stages:
        step = (("stage", stage.key),)
        add(Fact("workflow", f"Workflow step {stage.number}, {stage.name}: {_join(stage.activities)}.", step))
        add(Fact("tools", f"Tools used in {stage.name}: {_join(stage.tools)}.", step))
    for r in ROLE_KEYS:
        owned = [s.name for s in kb.workflow.stages if s.key in kb.workflow.ownership.get(r, [])]
        add(Fact("workflow", f"Workflow steps {names[r]}s manage: {_join(owned)}.", (("roles", (r,)),)))
    for row in kb.responsibilities:
        for r in ROLE_KEYS:
            fields = (("aspect", row.key), ("roles", (r,)))
            add(Fact("responsibilities", f"{names[r]}, {row.name.lower()}: {getattr(row, r)}.", fields))
    for stage in kb.learning_paths:
        for r in ROLE_KEYS:
            fields = (("path_stage", stage.key), ("roles", (r,)))
            add(
                Fact(
                    "learning_path",
                    f"{names[r]} learning path, {stage.name} stage: {_join(getattr(stage, r))}.",
                    fields,
                )
            )
    for scenario in kb.scenarios:
        for r in ROLE_KEYS:
            fields = (("scenario", scenario.key), ("roles", (r,)))
            add(Fact("scenarios", f"{scenario.name} scenario, {names[r]}: {_join(getattr(scenario, r))}.", fields))
    lists = (
        ("challenges", "Challenge", kb.challenges.items),
        ("best_practices", "Best practice", kb.best_practices),
        ("use_cases", "Enterprise use case", kb.enterprise.use_cases),
        ("enterprise_constraints", "Enterprise constraint", kb.enterprise.constraints),
    )
    for topic, what, items in lists:
        for number, item in enumerate(items, start=1):
            add(Fact(topic, f"{what}: {item}.", (("item", number),)))
    for category in kb.tools.categories:
        add(Fact("tools", f"{category.name}: {_join(category.items)}.", (("tools", (category.name,)),)))
    for area in kb.core_skills.areas:  # 'what version control stuff is expected?': a shared core area
        add(Fact("skills", f"Shared core skill, {area.name}: {_join(area.items)}.", (("skills", (area.name,)),)))
    for skill in [*kb.skill_matrix, *kb.skill_summary]:
        levels = "; ".join(f"{names[r]} {skill.levels[r]}" for r in ROLE_KEYS)
        add(Fact("skills", f"{skill.name} skill: {levels}.", (("skills", (skill.name,)),)))
    for key in ("which_better", "both_roles", "math", "future_proof", "certifications"):
        add(Fact(key, getattr(kb.faq, key)))
    add(Fact("both_roles", kb.job_titles.blending_note))  # roles evolve with team size and scope (the titles' note)
    add(Fact("salary_factors", f"What moves salaries: {_join(kb.salaries.factors)}."))
    add(Fact("why_it_matters", f"{kb.why_it_matters.intro} {_join(kb.why_it_matters.trends)}."))
    titles = kb.job_titles
    add(Fact("job_titles", f"AI-focused job titles: {_join(t.name for t in titles.ai_focused)}."))
    add(Fact("job_titles", f"ML-focused job titles: {_join(t.name for t in titles.ml_focused)}."))
    add(Fact("careers", f"Industries hiring: {_join(kb.careers.industries)}."))
    return tuple(found)
