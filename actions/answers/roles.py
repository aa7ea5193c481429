"""What each role is and does: definitions, comparison, why the distinction matters, responsibilities,
job titles and careers, and terms the article uses without defining."""

from __future__ import annotations

import re
from dataclasses import replace

from actions.answers.phrasing import Answer, a_or_an, bullets, echo, follow_up, join, role_name, roles_of
from actions.knowledge import keys
from actions.knowledge.schema import KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding import lookups
from actions.understanding.context import is_fragment
from actions.understanding.question import Question


def role_definition(kb: KnowledgeBase, question: Question) -> Answer:
    if question.unknown_value("role"):
        return _unknown_role(kb, question.unknown_value("role") or "")
    if question.role:
        r = q.role(kb, question.role)
        said = all(item in r.definition for item in r.work_spans)  # the definition already lists them
        spans = "" if said else f"The work spans: {join(r.work_spans)}.\n"
        text = (
            f"What {a_or_an(r.name)} does: {a_or_an(r.name)} {r.definition}\n"
            f"Typical work: {join(r.builds)}.\n"
            f"{spans}"
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
    from actions.answers.practice import list_item  # (practice renders through roles' neighbours)

    w = kb.why_it_matters
    whole = follow_up("Why the distinction matters", "ask_why_it_matters")
    one = list_item(w.trends, question, "trends driving the distinction", whole)  # 'expand on the cloud one'
    if one:
        return one
    return Answer(
        f"Why the distinction matters: {w.intro} What is driving it:\n{bullets(w.trends)}",
        (follow_up("Compare the roles", "ask_role_comparison"), follow_up("Which role fits me?", "ask_role_fit")),
    )


def job_titles(kb: KnowledgeBase, question: Question) -> Answer:
    jt = kb.job_titles
    membership = title_membership(kb, question, "job_titles")
    if membership:
        return membership
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
    membership = title_membership(kb, question, "careers")
    if membership:
        return membership
    industry = next((i for i in c.industries if re.search(rf"\b{re.escape(i)}\b", question.text, re.I)), None)
    if industry and _YES_NO.search(question.text):  # 'is manufacturing one of the industries mentioned?'
        return Answer(
            f"Yes: {industry} is one of the industries the article names for these roles ({join(c.industries)}).",
            (follow_up("Careers after learning AI", "ask_careers"),),
        )
    return Answer(
        f"Careers after learning AI. {c.intro}\n{bullets([t.name for t in c.titles])}\n"
        f"These roles exist in many industries, including {join(c.industries)}.",
        (follow_up("Salary ranges", "ask_salary"),),
    )


_GROUP_NAMES = lookups.TITLE_GROUPS


def title_membership(kb: KnowledgeBase, question: Question, listed_in: str) -> Answer | None:
    """'is MLOps Engineer on the ML side?', 'is Cloud AI Specialist one of the careers?', 'and Prompt Engineer?':
    whether (and where) the article lists the title named, said first; None when the question names none."""
    unknown = question.unknown_value("job_title") or question.unknown_value("role")
    if not question.job_title and not unknown:
        return None
    jt, c = kb.job_titles, kb.careers
    buttons = (follow_up("Job titles", "ask_job_titles"), follow_up("Careers after learning AI", "ask_careers"))
    if not question.job_title:
        return Answer(
            f"No: the article does not list {echo(unknown or '')} among its job titles or careers. "
            f"It names these AI-focused titles: {join([t.name for t in jt.ai_focused])}; these ML-focused ones: "
            f"{join([t.name for t in jt.ml_focused])}; and these careers after learning AI: "
            f"{join([t.name for t in c.titles])}.",
            buttons,
        )
    group = next(
        (g for g in ("ai_focused", "ml_focused") if question.job_title in {t.key for t in getattr(jt, g)}), None
    )
    career = next((t for t in c.titles if t.key == question.job_title), None)
    name = next(
        (t.name for t in (*jt.ai_focused, *jt.ml_focused, *c.titles) if t.key == question.job_title), question.job_title
    )
    if group:
        others = [t.name for t in getattr(jt, group) if t.key != question.job_title]
        in_titles = f"{name} is one of the {_GROUP_NAMES[group]}, with {join(others)}."
    else:
        in_titles = f"{name} is not among the AI-focused or ML-focused job titles."
    if career:
        in_careers = f"{name} is one of the careers the article lists after learning AI."
    elif listed_in == "job_titles":  # asked about its group ('the others in that group?'): not the careers' names too
        in_careers = f"{name} is not among the careers listed after learning AI."
    else:
        in_careers = f"{name} is not among the careers listed after learning AI ({join([t.name for t in c.titles])})."
    said = [in_careers, in_titles] if listed_in == "careers" else [in_titles, in_careers]
    listed = group if listed_in == "job_titles" else career
    asked_group = [g for g, said in _GROUP_SAID.items() if said.search(question.text)]
    if listed_in == "job_titles" and group and len(asked_group) == 1 and asked_group[0] != group:
        listed = None  # 'is NLP Engineer one of the AI-focused titles?': no, it is an ML-focused one
    yes_no = _YES_NO.search(question.text) and not _EITHER.search(question.text) or is_fragment(question.text)
    lead = ("Yes: " if listed else "No: ") if yes_no else ""
    return Answer(f"{lead}{' '.join(said)}", buttons)


_YES_NO = re.compile(r"^\W*(and |so |but )?(is|are|does|do|was|were|has|have|can)\b", re.I)
_EITHER = re.compile(r"\bor\b", re.I)
# 'does the article mention X?', 'is X mentioned anywhere?', 'does it cover X at all?'
_ASKS_MENTIONED = re.compile(
    r"^\W*(and |so )?(does|do|did|is|are)\b.*\b(mention|mentions|mentioned|cover|covers|covered|names?|named"
    r"|(come|comes|show|shows|turn|pop) up (anywhere|elsewhere|somewhere))\b",
    re.I,
)
# A group of job titles named in the question ('the AI-focused ones', 'machine-learning-focused titles').
_GROUP_SAID = {
    "ai_focused": re.compile(r"\bai[- ]?(focused|centric|side)\b", re.I),
    "ml_focused": re.compile(r"\b(ml|machine[- ]learning)[- ]?(focused|centric|side)\b", re.I),
}


# 'the day-to-day responsibilities' (plural, the section's own word) are all of them, not the primary focus row
_ALL_DUTIES = re.compile(r"\b(responsibilities|duties)\b", re.I)


def responsibilities(kb: KnowledgeBase, question: Question) -> Answer:
    if question.aspect == keys.PRIMARY_FOCUS and not question.role and _ALL_DUTIES.search(question.text):
        return responsibilities(kb, replace(question, aspect=None))  # 'how do the day-to-day responsibilities differ?'
    duty = q.duty_of_stage(kb, question.stage) if question.stage and not question.aspect else None
    if duty:  # 'who does the deployment and integration stuff?': the step is a row of the table too
        return responsibilities(kb, replace(question, aspect=duty))
    if question.stage and not question.aspect:  # 'whose job is it to check the model works?': a step with no row
        from actions.answers.workflow import workflow  # (imported here: workflow's answers build on this module's)

        return workflow(kb, question)  # of its own in the table is answered by who does that step
    if question.aspect:
        item = q.responsibility(kb, question.aspect)
        if question.role:
            day_to_day = ""
            if question.aspect == keys.PRIMARY_FOCUS:  # the work itself too, in its words
                r = q.role(kb, question.role)
                day_to_day = f"\nDay to day, {a_or_an(r.name)} {r.definition}"
            return Answer(
                f"{item.name}, {role_name(kb, question.role)}: {getattr(item, question.role)}.{day_to_day}",
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


_ASKS_WHERE = re.compile(
    r"^\W*(\w+\s+)?wh?ere\b.*\b(come|comes|show|shows|turn|pop) up\b|^\W*(\w+\s+)?wh?ere(?:'s|s| is| are)\s", re.I
)  # ("and where's VS Code?")
_ASKS_DIFFERENCE = re.compile(r"\b(vs\.?(?!\s*code\b)|versus|difference|differences|distinction)\b", re.I)
_ASKS_WHAT_IT_DOES = re.compile(r"^\W*(\w+\s+)?what\s+(does|do)\b.*\bdo(es)?\b", re.I)


def concept(kb: KnowledgeBase, question: Question) -> Answer:
    """A term the article uses but never defines ('MLOps'): say so, then every place it comes up."""
    term = question.term or (question.skills + question.tools + ("",))[0]
    found = lookups.mentions(kb, term, loose=True) if term else []
    if not found:
        return Answer(
            f"The article doesn't explain '{echo(term)}'. "
            "I can tell you about the two roles, their skills, tools and pay.",
            (follow_up("Compare the roles", "ask_role_comparison"), follow_up("Help", "help")),
        )
    lines = [f"{where}: {what}" for where, what in found[:8]]
    listed = re.search(rf"\b(which|what)\s+{re.escape(term)}\b", question.text, re.I)  # 'which AWS services?'
    listed = listed or re.search(rf"\b(about|on|regarding)\s+(the\s+)?{re.escape(term)}\W*$", question.text, re.I)
    listed = listed or _ASKS_WHERE.search(question.text)  # 'where do chatbots come up?'
    bare = rf"^\W*((and|so|ok|what about|how about)\W+)*(the\s+)?{re.escape(term)}"
    bare += r"(\s+(ones?|services?|tools?|products?))?\W*$"
    listed = listed or re.search(bare, question.text, re.I)  # 'and the Azure ones?' after the Google ones
    lead = f"Where the article names {echo(term)}" if listed else f"The article doesn't define {echo(term)} in one "
    lead = f"{lead}{':' if listed else 'sentence, but it comes up here:'}"
    if not listed and _ASKS_WHAT_IT_DOES.search(question.text):  # 'what does an AI solutions architect do?'
        lead = f"The article doesn't say what {a_or_an(echo(term))} does, but it comes up here:"
    if not listed and _ASKS_DIFFERENCE.search(question.text):  # 'data drift vs performance drift?'
        lead = f"The article doesn't explain the difference; it names {echo(term)} here:"
    if _ASKS_MENTIONED.search(question.text):  # 'does the article mention manufacturing anywhere?': yes, here
        lead = f"Yes: the article mentions {echo(term)} here:"
    return Answer(
        f"{lead}\n{bullets(lines)}",
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
