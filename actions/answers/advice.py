"""Words and buttons for advice: the role-fit interview, its recommendation, and skill-gap plans."""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from actions.answers.charts import fit_chart
from actions.answers.phrasing import (
    LEVEL_NAMES,
    Answer,
    Button,
    a_or_an,
    band_text,
    bullets,
    capitalise,
    echo,
    follow_up,
    join,
    role_name,
)
from actions.answers.skills import skills
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.reasoning.advisor import GapItem, Recommendation, next_steps, question_for, skill_gap
from actions.reasoning.interview import SKIP, State, label, question_number
from actions.understanding.context import Question
from actions.understanding.skill_matcher import Mentions

FIT_ENTITY = "fit_answer"
FIT_QUESTION = "fit_question"


def interview_prompt(kb: KnowledgeBase, state: State) -> Answer:
    """The question on screen, with its options as buttons that name the question they answer. After a miss,
    a "Skip" button joins them."""
    slot = state.current
    question = question_for(kb, slot)
    total = len(kb.advisor.questions)
    buttons = [follow_up(o.title, "inform", **{FIT_ENTITY: o.key, FIT_QUESTION: slot}) for o in question.options]
    if state.misses and not any(o.neutral for o in question.options):
        buttons.append(follow_up("Skip", "inform", **{FIT_ENTITY: SKIP, FIT_QUESTION: slot}))
    return Answer(f"Question {question_number(kb, slot)} of {total}: {question.prompt}", tuple(buttons))


def interview_stopped() -> Answer:
    return Answer(
        "Okay, I've stopped the questions. Ask me anything about the two roles, or start the questions again.",
        (follow_up("Which role fits me?", "ask_role_fit", **{FIT_ENTITY: "restart"}), follow_up("Help", "help")),
    )


def recommendation(kb: KnowledgeBase, rec: Recommendation, state: State, mentions: Mentions | None = None) -> Answer:
    """The role (or both), why in the person's words, where to begin, the entry-level US range, the skill gap
    when skills were mentioned, and the next steps (refine while questions are left, start over)."""
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
    reasons = []
    for question in kb.advisor.questions:
        said = state.answers.get(question.slot)
        option = next((o for o in question.options if said and o.key == said.option), None)
        if option is not None:
            reasons.append(f"{capitalise(label(kb, question.slot, said))}: {option.reason}.")
    starts = []
    first = kb.learning_paths[0]
    second = kb.learning_paths[1] if len(kb.learning_paths) > 1 else None
    for role in roles:
        band = q.salary_band(kb, role, "entry")
        then = f", then {second.name} ({join(getattr(second, role))})" if second else ""
        starts.append(
            f"{role_name(kb, role)}: start with the {first.name} stage ({join(getattr(first, role))}){then}. "
            f"{LEVEL_NAMES['entry'].capitalize()} pay: {band_text(band)} a year "
            f"(US, {kb.salaries.outlook_year} outlook, {kb.salaries.nature})."
        )
    parts = [head, "Why, from what you told me:", bullets(reasons) or "• (every question was skipped)"]
    parts += ["Where to begin:", bullets(starts)]
    if state.skills and mentions is not None:
        parts.append(_gap_summary(kb, roles, state.skills, mentions))
    left = state.unanswered(kb)
    if left:
        parts.append(
            f"I decided on {len(kb.advisor.questions) - len(left)} of {len(kb.advisor.questions)} answers; "
            "answer the rest to refine it."
        )
    role_entities = {"role": rec.role} if rec.role else {}
    buttons = [
        follow_up("Entry-level pay", "ask_salary", level="entry", **role_entities),
        follow_up("Full learning path", "ask_learning_path", **role_entities),
    ]
    if left:
        buttons.append(follow_up("Refine: answer the rest", "ask_role_fit", **{FIT_ENTITY: "refine"}))
    buttons.append(follow_up("Start over", "ask_role_fit", **{FIT_ENTITY: "restart"}))
    return Answer("\n".join(parts), tuple(buttons), fit_chart(kb, state.option_keys()))


def _gap_summary(kb: KnowledgeBase, roles: Sequence[str], words: Sequence[str], mentions: Mentions) -> str:
    """A short skill gap for the recommended role(s) from the skills the person mentioned (`mentions`: what
    understanding found in their words)."""
    lines = [f"Skills you mentioned ({join([echo(w) for w in list(mentions.words) or list(words)])}):"]
    for role in roles:
        gap = skill_gap(kb, role, mentions)
        have = join([_have(i) for i in gap.covered + gap.partial]) or "none of the listed skills yet"
        steps = join([i.name for i in next_steps(gap, limit=3)])
        lines.append(f"• {role_name(kb, role)}: you have {have}; next: {steps or 'nothing major'}.")
    return "\n".join(lines)


def _have(item: GapItem) -> str:
    return f"{join(list(item.have))} ({item.name})" if item.have else item.name


def skill_gap_answer(kb: KnowledgeBase, question: Question) -> Answer:
    """Skill-gap topic: what the person has for the target role and the next steps, by learning stage. Only
    what the mentioned skills support is claimed: "SQL" is a start on Data handling, not all of it."""
    mentions = question.mentions
    if mentions is None or not mentions.keys:
        invite = (
            "Tell me what you already know and I'll compare it with a role, e.g. "
            "'I know Python, SQL and Docker, what do I need for ML engineering?'"
        )
        buttons = (
            follow_up("Which role fits me?", "ask_role_fit"),
            follow_up("Skills compared", "ask_skill_comparison"),
        )
        if question.role:  # a role named: what it needs now, the comparison once they say what they know
            needed = skills(kb, replace(question, topic="skills"))
            return Answer(f"{needed.text}\n\n{invite}", needed.buttons + buttons[:1])
        return Answer(invite, buttons)
    roles = (question.role,) if question.role else ROLE_KEYS
    blocks = [f"From what you mentioned ({join([echo(w) for w in mentions.words])}):"]
    for role in roles:
        gap = skill_gap(kb, role, mentions)
        lines = [f"For {a_or_an(role_name(kb, role))}:"]
        if gap.covered:
            lines.append(f"• Already covered: {join([_have(i) for i in gap.covered])}.")
        if gap.partial:
            lines.append(f"• A start on: {join([_have(i) for i in gap.partial])}.")
        steps = [_step(item) for item in next_steps(gap, limit=4 if question.role else 3)]
        lines.append("Next steps, most important first:")
        lines.append(bullets(steps) if steps else "• nothing major: you cover every area")
        blocks.append("\n".join(lines))
    buttons: tuple[Button, ...] = tuple(
        follow_up(f"{role_name(kb, r)} learning path", "ask_learning_path", role=r) for r in roles
    )
    return Answer("\n".join(blocks), buttons)


def _step(item: GapItem) -> str:
    level = "shared core skill" if item.level == "Core" else f"{item.level} for this role"
    where = f" — learned in the {item.stage} stage ({item.topic})" if item.stage else ""
    started = f"; you have {join(list(item.have))}" if item.have else ""
    return f"{item.name} ({level}{started}){where}"
