"""Enterprise use cases and constraints, challenges and best practices."""

from __future__ import annotations

from actions.answers.phrasing import Answer, a_or_an, bullets, follow_up, join
from actions.answers.workflow import workflow
from actions.knowledge.schema import KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding.context import Question


def use_cases(kb: KnowledgeBase, question: Question) -> Answer:
    e = kb.enterprise
    return Answer(
        f"Enterprise use cases of AI. {e.intro} Common ones:\n{bullets(e.use_cases)}",
        (
            follow_up("Enterprise constraints", "ask_enterprise_constraints"),
            follow_up("Project examples", "ask_scenarios"),
        ),
    )


def enterprise_constraints(kb: KnowledgeBase, question: Question) -> Answer:
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    return Answer(
        f"Enterprise constraints on AI systems:\n{bullets(kb.enterprise.constraints)}\n"
        f"Who handles them: {a_or_an(ai.name)} {ai.enterprise_duty}; {a_or_an(ml.name)} {ml.enterprise_duty}.",
        (follow_up("Enterprise use cases", "ask_use_cases"), follow_up("Best practices", "ask_best_practices")),
    )


def challenges(kb: KnowledgeBase, question: Question) -> Answer:
    c = kb.challenges
    if question.role:
        r = q.role(kb, question.role)
        return Answer(
            f"Challenges {a_or_an(r.name)} tackles: {r.challenge_focus}, such as {join(getattr(c, question.role))}.",
            (follow_up("And the other role?", "ask_other_role"), follow_up("Best practices", "ask_best_practices")),
        )
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    split = (
        f"AI Engineers tend to take on {ai.challenge_focus} ({join(c.ai_engineer)}); "
        f"Machine Learning Engineers focus on {ml.challenge_focus} ({join(c.ml_engineer)})."
    )
    if question.compare:
        return Answer(f"Who handles which challenges: {split}", (follow_up("All challenges", "ask_challenges"),))
    return Answer(
        f"Challenges teams commonly face:\n{bullets(c.items)}\n{split}",
        (follow_up("Best practices", "ask_best_practices"), follow_up("Project examples", "ask_scenarios")),
    )


def best_practices(kb: KnowledgeBase, question: Question) -> Answer:
    """The practices; a question about one workflow step ("how do teams keep an eye on models once live?") also
    gets that step: what happens in it and its tools."""
    practices = Answer(
        f"Best practices in enterprise IT:\n{bullets(kb.best_practices)}",
        (
            follow_up("Common challenges", "ask_challenges"),
            follow_up("Enterprise constraints", "ask_enterprise_constraints"),
        ),
    )
    if not question.stage:
        return practices
    step = workflow(kb, question)
    return Answer(f"{practices.text}\n\n{step.text}", step.buttons[:1] + practices.buttons)
