"""What each role is and does: definitions, comparison, why the distinction matters, responsibilities,
job titles and careers, and terms the article uses without defining."""

from __future__ import annotations

from actions.answers.phrasing import Answer, a_or_an, bullets, echo, follow_up, join, role_name, roles_of
from actions.knowledge import keys
from actions.knowledge.schema import KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding import lookups
from actions.understanding.question import Question


def role_definition(kb: KnowledgeBase, question: Question) -> Answer:
    if question.unknown_value("role"):
        return _unknown_role(kb, question.unknown_value("role") or "")
    if question.role:
        r = q.role(kb, question.role)
        text = (
            f"What {a_or_an(r.name)} does: {a_or_an(r.name)} {r.definition}\n"
            f"Typical work: {join(r.builds)}.\n"
            f"Main focus: {r.focus}."
        )
        other = q.other_role(question.role)
        return Answer(
            text,
            (
                follow_up(f"And {a_or_an(role_name(kb, other))}?", "ask_other_role"),
                follow_up("Salary ranges", "ask_salary", role=question.role),
                follow_up("Skills needed", "ask_skills", role=question.role),
            ),
        )
    return role_comparison(kb, question)


def role_comparison(kb: KnowledgeBase, question: Question) -> Answer:
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    rows = [
        f"{item.name}: AI Engineer {item.ai_engineer}; ML Engineer {item.ml_engineer}." for item in kb.responsibilities
    ]
    text = (
        f"AI Engineer vs Machine Learning Engineer: {kb.overview}\n"
        f"• {ai.name}: {ai.focus}.\n"
        f"• {ml.name}: {ml.focus}.\n"
        f"{kb.overlap}\n"
        "Side by side:\n" + bullets(rows)
    )
    return Answer(
        text,
        (
            follow_up("Salaries", "ask_salary"),
            follow_up("Skills compared", "ask_skill_comparison"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


def why_it_matters(kb: KnowledgeBase, question: Question) -> Answer:
    w = kb.why_it_matters
    return Answer(
        f"Why the distinction matters: {w.intro} What is driving it:\n{bullets(w.trends)}",
        (follow_up("Compare the roles", "ask_role_comparison"), follow_up("Which role fits me?", "ask_role_fit")),
    )


def job_titles(kb: KnowledgeBase, question: Question) -> Answer:
    jt = kb.job_titles
    groups = {
        "ai_engineer": ("AI-focused roles", jt.ai_focused),
        "ml_engineer": ("Machine-learning-focused roles", jt.ml_focused),
    }
    shown = [groups[r] for r in roles_of(question)]
    body = "\n".join(f"{name}:\n{bullets([t.name for t in titles])}" for name, titles in shown)
    return Answer(
        f"Job titles that use AI daily.\n{body}\n{jt.blending_note}",
        (follow_up("Careers after learning AI", "ask_careers"),),
    )


def careers(kb: KnowledgeBase, question: Question) -> Answer:
    c = kb.careers
    return Answer(
        f"Careers after learning AI. {c.intro}\n{bullets([t.name for t in c.titles])}\n"
        f"These roles exist in many industries, including {join(c.industries)}.",
        (follow_up("Salary ranges", "ask_salary"),),
    )


def responsibilities(kb: KnowledgeBase, question: Question) -> Answer:
    if question.aspect:
        item = q.responsibility(kb, question.aspect)
        if question.role:
            return Answer(
                f"{item.name}, {role_name(kb, question.role)}: {getattr(item, question.role)}.",
                (
                    follow_up("And the other role?", "ask_other_role"),
                    follow_up("All responsibilities", "ask_responsibilities"),
                ),
            )
        return Answer(
            f"{item.name} — who does what:\n"
            + bullets([f"AI Engineer: {item.ai_engineer}", f"Machine Learning Engineer: {item.ml_engineer}"]),
            (follow_up("All responsibilities", "ask_responsibilities"),),
        )
    rows = (
        [f"{item.name}: {getattr(item, r)}" for item in kb.responsibilities for r in roles_of(question)[:1]]
        if question.role
        else [
            f"{item.name}: AI Engineer {item.ai_engineer}; ML Engineer {item.ml_engineer}"
            for item in kb.responsibilities
        ]
    )
    who = f"of {a_or_an(role_name(kb, question.role))}" if question.role else "compared"
    return Answer(
        f"Responsibilities {who}:\n{bullets(rows)}",
        (
            follow_up("Data handling", "inform", aspect=keys.DATA_HANDLING),
            follow_up("Deployment", "inform", aspect=keys.DEPLOYMENT),
            follow_up("Monitoring", "inform", aspect=keys.MONITORING),
        ),
    )


def concept(kb: KnowledgeBase, question: Question) -> Answer:
    """A term the article uses but never defines ('MLOps'): say so, then every place it comes up."""
    term = question.term or (question.skills + question.tools + ("",))[0]
    found = lookups.mentions(kb, term) if term else []
    if not found:
        return Answer(
            f"The article doesn't explain '{echo(term)}'. "
            "I can tell you about the two roles, their skills, tools and pay.",
            (follow_up("Compare the roles", "ask_role_comparison"), follow_up("Help", "help")),
        )
    lines = [f"{where}: {what}" for where, what in found[:8]]
    return Answer(
        f"The article doesn't define {echo(term)} in one sentence, but it comes up here:\n{bullets(lines)}",
        (
            follow_up("Skills compared", "ask_skill_comparison"),
            follow_up("Tools", "ask_tools"),
            follow_up("Learning paths", "ask_learning_path"),
        ),
    )


def _unknown_role(kb: KnowledgeBase, text: str) -> Answer:
    return Answer(
        f"I only know about two roles: AI Engineer and Machine Learning Engineer, not '{echo(text)}'. "
        "Ask me about either, or about the related job titles.",
        (follow_up("Related job titles", "ask_job_titles"),),
    )
