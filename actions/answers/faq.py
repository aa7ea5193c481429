"""The article's FAQ answers (which role is better, doing both, math, future-proofing, certifications) and
its key takeaways."""

from __future__ import annotations

import re
from typing import Callable, Dict, Tuple

from actions.answers.phrasing import Answer, Button, bullets, follow_up, join
from actions.answers.practice import list_item
from actions.knowledge import keys
from actions.knowledge.schema import KnowledgeBase
from actions.understanding import spelling
from actions.understanding.question import Question


def _faq(key: str, title: str) -> Callable[[KnowledgeBase, Question], Answer]:
    def render(kb: KnowledgeBase, question: Question) -> Answer:
        return Answer(f"{title} {getattr(kb.faq, key)}", FAQ_NEXT.get(key, ()))

    render.__name__ = key
    return render


FAQ_NEXT: Dict[str, Tuple[Button, ...]] = {
    "which_better": (
        follow_up("Which role fits me?", "ask_role_fit"),
        follow_up("Compare the roles", "ask_role_comparison"),
    ),
    "both_roles": (
        follow_up("Compare the roles", "ask_role_comparison"),
        follow_up("Which role fits me?", "ask_role_fit"),
    ),
    "future_proof": (
        follow_up("Why the distinction matters", "ask_why_it_matters"),
        follow_up("Salaries", "ask_salary"),
    ),
    "certifications": (
        follow_up("Learning paths", "ask_learning_path"),
        follow_up("What affects salary?", "ask_salary_factors"),
    ),
}


# 'which role is better for someone who loves building models?': the question states whose preference it is.
_FOR_SOMEONE = re.compile(
    r"\b(for|if) (someone|somebody|a person|people|anyone|those|one|you|i|me|som1|sb)\b"
    r"\W*(who|that|into)?\b(?P<rest>.*)",
    re.I,
)


def _preferred_role(kb: KnowledgeBase, text: str) -> Tuple[str, str] | None:
    """(role name, preference) when the question says the person prefers one side (the interview's options on
    systems vs models: their cue words), else None: the FAQ's 'depends on what you prefer' then answers."""
    found = _FOR_SOMEONE.search(spelling.correct(text, kb))
    if not found:
        return None
    words = f" {re.sub(r'[^a-z0-9]+', ' ', found.group('rest').lower())} "
    hits = []
    for role in kb.roles.values():
        for q in kb.advisor.questions:
            for option in q.options:
                if role.preference and role.preference in option.label:
                    if any(f" {cue.lower()} " in words for cue in option.cues):
                        hits.append((role.name, role.preference))
    unique = list(dict.fromkeys(hits))
    return unique[0] if len(unique) == 1 else None


def which_better(kb: KnowledgeBase, question: Question) -> Answer:
    """The FAQ's 'neither is better, it depends on what you prefer' — with the pick when the question says
    what the person prefers ('for someone who loves building models' -> Machine Learning Engineer)."""
    text = f"Is one role better? {kb.faq.which_better}"
    pick = _preferred_role(kb, question.text)
    if pick:
        text = f"For someone who prefers {pick[1]}: {pick[0]}. {text}"
    return Answer(text, FAQ_NEXT["which_better"])


def both_roles(kb: KnowledgeBase, question: Question) -> Answer:
    """Doing both: the FAQ's answer, and the job-title section's note on roles blending with team size and project
    scope (the article's other word on how the two roles combine: 'what happens to roles as teams grow?')."""
    text = f"Can one person do both? {kb.faq.both_roles} {kb.job_titles.blending_note}"
    if _ASKS_PAY.search(question.text or ""):  # 'so someone who can do both earns more?': the article's pay note
        text = f"On pay: {kb.salaries.growth_note}\n{text}"
    return Answer(text, FAQ_NEXT["both_roles"])


# Doing both asked about pay ('does covering both sides pay better?', 'is a hybrid worth more money?').
_ASKS_PAY = re.compile(
    r"\b(pay\w*|paid|earn\w*|salar\w*|money|income|compensation|worth more|premium|raise|better off)\b|\$", re.I
)


future_proof = _faq("future_proof", "Which is more future-proof?")


certifications = _faq("certifications", "Certifications:")


def math(kb: KnowledgeBase, question: Question) -> Answer:
    text = f"Do you need advanced math? {kb.faq.math}"
    areas = next((a for a in kb.core_skills.areas if a.key == keys.MATHEMATICS), None)
    if areas:
        text += f" The shared foundation lists {join(areas.items)}."
    return Answer(
        text, (follow_up("Learning paths", "ask_learning_path"), follow_up("Which role fits me?", "ask_role_fit"))
    )


def key_takeaways(kb: KnowledgeBase, question: Question) -> Answer:
    whole = follow_up("All key takeaways", "ask_key_takeaways")
    one = list_item([t.rstrip(".") for t in kb.takeaways], question, "key takeaways", whole)
    if one:  # 'and where do they differ?' after the takeaways: the one that says so
        return one
    return Answer(f"Key takeaways:\n{bullets(kb.takeaways)}", (follow_up("Which role fits me?", "ask_role_fit"),))
