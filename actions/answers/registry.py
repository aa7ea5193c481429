"""THE answer registry: topic -> renderer, used by production (actions/answers/pipeline.py) and tests alike.

A renderer receives a fully canonical Question (KB keys only, see actions/understanding) and returns an
Answer; facts come only from the KB via `actions.reasoning`, and where the article is silent the answer says so.
A new topic is one renderer in one of the family modules of this package, registered here.
"""

from __future__ import annotations

from typing import Callable, Dict

from actions.answers.advice import skill_gap_answer
from actions.answers.faq import both_roles, certifications, future_proof, key_takeaways, math, which_better
from actions.answers.phrasing import Answer
from actions.answers.practice import best_practices, challenges, enterprise_constraints, use_cases
from actions.answers.roles import (
    careers,
    concept,
    job_titles,
    responsibilities,
    role_comparison,
    role_definition,
    why_it_matters,
)
from actions.answers.salary import salary, salary_comparison, salary_factors
from actions.answers.skills import learning_path, skill_comparison, skills
from actions.answers.workflow import scenarios, tools, workflow
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.question import Question

RENDERERS: Dict[str, Callable[[KnowledgeBase, Question], Answer]] = {
    "role_definition": role_definition,
    "role_comparison": role_comparison,
    "why_it_matters": why_it_matters,
    "workflow": workflow,
    "skills": skills,
    "tools": tools,
    "use_cases": use_cases,
    "enterprise_constraints": enterprise_constraints,
    "job_titles": job_titles,
    "careers": careers,
    "responsibilities": responsibilities,
    "learning_path": learning_path,
    "salary": salary,
    "salary_factors": salary_factors,
    "salary_comparison": salary_comparison,
    "skill_comparison": skill_comparison,
    "scenarios": scenarios,
    "challenges": challenges,
    "best_practices": best_practices,
    "which_better": which_better,
    "both_roles": both_roles,
    "math": math,
    "future_proof": future_proof,
    "certifications": certifications,
    "key_takeaways": key_takeaways,
    "concept": concept,
    "skill_gap": skill_gap_answer,
}
