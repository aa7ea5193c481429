"""The article's FAQ answers (which role is better, doing both, math, future-proofing, certifications) and
its key takeaways."""

from __future__ import annotations

from typing import Callable, Dict, Tuple

from actions.answers.phrasing import Answer, Button, bullets, follow_up, join
from actions.knowledge import keys
from actions.knowledge.schema import KnowledgeBase
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


which_better = _faq("which_better", "Is one role better?")


def both_roles(kb: KnowledgeBase, question: Question) -> Answer:
    """Doing both: the FAQ's answer, and the job-title section's note on roles blending with team size and project
    scope (the article's other word on how the two roles combine: 'what happens to roles as teams grow?')."""
    text = f"Can one person do both? {kb.faq.both_roles} {kb.job_titles.blending_note}"
    return Answer(text, FAQ_NEXT["both_roles"])


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
    return Answer(f"Key takeaways:\n{bullets(kb.takeaways)}", (follow_up("Which role fits me?", "ask_role_fit"),))
