"""Words and buttons for advice: the role-fit interview, its recommendation, and skill-gap plans."""

from __future__ import annotations

from typing import Sequence

from actions import queries as q
from actions.advisor import GapItem, Recommendation, next_steps, question_for, skill_gap
from actions.answers import LEVEL_NAMES, Answer, Button, a_or_an, band_text, bullets, follow_up, join, role_name
from actions.context import Question
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.skill_matcher import matcher_for

FIT_ENTITY = "fit_answer"


def interview_prompt(kb: KnowledgeBase, slot: str, number: int, retry: bool = False) -> Answer:
    """One interview question with its options as buttons; a retry says why it is asked again."""
    question = question_for(kb, slot)
    total = len(kb.advisor.questions)
    prefix = (
        "Sorry, I didn't catch that. Please pick one of the options, or say it in your own words. " if retry else ""
    )
    buttons = tuple(follow_up(o.title, "inform", **{FIT_ENTITY: o.key}) for o in question.options)
    return Answer(f"{prefix}Question {number} of {total}: {question.prompt}", buttons)


def interview_intro(kb: KnowledgeBase) -> str:
    return (
        f"Let's find the role that fits you: {len(kb.advisor.questions)} quick questions. "
        "Answer with the buttons or in your own words; ask me anything in between, or say 'stop' to quit."
    )


def recommendation(kb: KnowledgeBase, rec: Recommendation) -> Answer:
    reasons = bullets([r[:1].upper() + r[1:] for r in rec.reasons])
    if rec.role is None:
        head = (
            "Both roles fit you about equally"
            + (" — and in small teams people often handle both." if rec.blend else ".")
            + f" {kb.faq.which_better}"
        )
        roles: Sequence[str] = ROLE_KEYS
    else:
        head = f"My recommendation: {role_name(kb, rec.role)}."
        roles = (rec.role,)
    starts = []
    for role in roles:
        first, second = kb.learning_paths[0], kb.learning_paths[1]
        band = q.salary_band(kb, role, "entry")
        starts.append(
            f"{role_name(kb, role)}: start with the {first.name} stage ({join(getattr(first, role))}), then "
            f"{second.name} ({join(getattr(second, role))}). {LEVEL_NAMES['entry'].capitalize()} pay: "
            f"{band_text(band)} (US, {kb.salaries.outlook_year} outlook)."
        )
    text = f"{head}\nWhy, from your answers:\n{reasons}\nWhere to begin:\n{bullets(starts)}"
    buttons = [follow_up("Full learning path", "ask_learning_path", **({"role": rec.role} if rec.role else {}))]
    buttons.append(follow_up("Start over", "ask_role_fit"))
    return Answer(text, tuple(buttons))


def skill_gap_answer(kb: KnowledgeBase, question: Question) -> Answer:
    """Skill-gap topic: what the person covers for the target role and the next steps, by learning stage."""
    mentions = matcher_for(kb).find(" ; ".join([question.text, *question.skills, *question.tools]))
    if not mentions.keys:
        return Answer(
            "Tell me what you already know and I'll compare it with a role, e.g. "
            "'I know Python, SQL and Docker, what do I need for ML engineering?'",
        )
    roles = (question.role,) if question.role else ROLE_KEYS
    blocks = [f"From what you mentioned ({join(list(mentions.words))}):"]
    for role in roles:
        gap = skill_gap(kb, role, mentions.keys)
        covered = join([i.name for i in gap.covered]) or "none of the listed skills yet"
        steps = [_step(item) for item in next_steps(gap, limit=4 if question.role else 3)]
        blocks.append(
            f"For {a_or_an(role_name(kb, role))} you already cover: {covered}.\n"
            f"Next steps, most important first:\n{bullets(steps) if steps else '• nothing major: you cover every area'}"
        )
    buttons: tuple[Button, ...] = tuple(
        follow_up(f"{role_name(kb, r)} learning path", "ask_learning_path", role=r) for r in roles
    )
    return Answer("\n".join(blocks), buttons)


def _step(item: GapItem) -> str:
    level = "shared core skill" if item.level == "Core" else f"{item.level} for this role"
    where: str | None = f" — learned in the {item.stage} stage ({item.topic})" if item.stage else ""
    return f"{item.name} ({level}){where}"
