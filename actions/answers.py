"""Render a normalised question into the words and quick replies a person sees.

One voice throughout: each answer first says what it is answering (role, level, topic), facts come
only from the KB via `queries`, and where the article is silent the answer says so instead of guessing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, List, Mapping, Sequence, Tuple

from actions import markdown
from actions import queries as q
from actions.context import Question
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS, KnowledgeBase
from actions.normalize import normalizer_for

LEVEL_NAMES = {"entry": "entry level", "mid": "mid level", "senior": "senior level"}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Answer:
    """What the person sees. The text is laid out as markdown once, here, so every renderer gets real lists and
    sub-headings in the widget (and `rasa shell` gets them back as plain lines): see actions/markdown.py."""

    text: str
    buttons: Tuple[Button, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", markdown.layout(self.text))


def follow_up(title: str, intent: str, **entities: str) -> Button:
    """A quick reply that sends an intent with entities, bypassing NLU (e.g. /inform{"level":"senior"})."""
    return Button(title, f"/{intent}{json.dumps(entities) if entities else ''}")


# ---------- small formatting helpers ----------


def money(amount: int) -> str:
    return f"${amount:,}"


def band_text(band) -> str:
    return f"{money(band.low)}–{money(band.high)}{'+' if band.open_ended else ''}"


def join(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def bullets(items: Sequence[str]) -> str:
    """One markdown list item a line; Answer's layout sets the list apart and turns the line above into a heading."""
    return "\n".join(f"{markdown.LIST_ITEM}{item}" for item in items)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def a_or_an(name: str) -> str:
    """'an AI Engineer', 'a Machine Learning Engineer'."""
    return f"{'an' if name[:1].lower() in 'aeiou' else 'a'} {name}"


def role_name(kb: KnowledgeBase, role: str, plural: bool = False) -> str:
    r = q.role(kb, role)
    return r.plural if plural else r.name


def _roles_of(question: Question) -> Tuple[str, ...]:
    return question.roles or ROLE_KEYS


# ---------- the topics ----------


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
                follow_up(f"And a {role_name(kb, other)}?", "ask_other_role"),
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


def workflow(kb: KnowledgeBase, question: Question) -> Answer:
    wf = kb.workflow
    if question.stage:
        s = q.stage(kb, question.stage)
        owners = [role_name(kb, r, plural=True) for r in q.roles_owning_stage(kb, s.key)]
        if len(owners) == 1:
            owner_line = f"In the article's split, this step falls to {owners[0]}."
        elif len(owners) == 2:
            owner_line = f"Both roles work on this step: {owners[0]} and {owners[1]} overlap here."
        else:
            owner_line = "The article does not assign this step to either role specifically."
        text = (
            f"Workflow step {s.number} of {len(wf.stages)}, {s.name}: {capitalise(join(s.activities))}.\n"
            f"Tools: {join(s.tools)}.\n{owner_line}"
        )
        buttons = [follow_up("Tools for this step", "ask_tools", stage=s.key)]
        if s.number < len(wf.stages):
            nxt = wf.stages[s.number]
            buttons.append(follow_up(f"Next: {nxt.name}", "inform", stage=nxt.key))
        buttons.append(follow_up("The whole workflow", "ask_workflow"))
        return Answer(text, tuple(buttons))
    if question.role:
        owned = q.stages_owned_by(kb, question.role)
        name = role_name(kb, question.role, plural=True)
        text = (
            f"Workflow steps for {name}: they mostly manage steps "
            f"{owned[0].number} to {owned[-1].number} — {join([s.name for s in owned])}."
        )
        return Answer(
            text, (follow_up("And the other role?", "ask_other_role"), follow_up("The whole workflow", "ask_workflow"))
        )
    steps = [f"{s.number}. {s.name} — {join(s.activities)} (tools: {join(s.tools)})" for s in wf.stages]
    ai = q.stages_owned_by(kb, "ai_engineer")
    ml = q.stages_owned_by(kb, "ml_engineer")
    text = (
        f"The typical AI project workflow. {wf.intro}\n{bullets(steps)}\n"
        f"AI Engineers often manage steps {ai[0].number}–{ai[-1].number}; "
        f"Machine Learning Engineers go deep on steps {ml[0].number}–{ml[-1].number}."
    )
    return Answer(text, tuple(follow_up(s.name, "inform", stage=s.key) for s in wf.stages[:3]))


def skills(kb: KnowledgeBase, question: Question) -> Answer:
    norm = normalizer_for(kb)
    for raw in question.skills + question.tools:
        key = norm.matrix_skill(raw)
        summary_key = norm.summary_skill(raw)
        if key or summary_key:
            return _one_skill(kb, question, raw, key, summary_key)
    if question.compare and not question.skills:
        return skill_comparison(kb, question)
    if question.skills:
        return _core_skills(kb, prefix=f"The article doesn't rate '{question.skills[0]}' on its own. ")
    if question.role:
        rows = [f"{name}: {level}" for name, level in q.role_emphasis(kb, question.role)]
        r = q.role(kb, question.role)
        core = join([a.name.lower() for a in kb.core_skills.areas])
        text = (
            f"Skills for {a_or_an(r.name)}: on top of the shared core ({core}), the article rates "
            f"the specialised skills like this:\n{bullets(rows)}"
        )
        return Answer(
            text,
            (
                follow_up("And the other role?", "ask_other_role"),
                follow_up("What to learn first", "ask_learning_path", role=question.role),
            ),
        )
    return _core_skills(kb)


def _core_skills(kb: KnowledgeBase, prefix: str = "") -> Answer:
    areas = [f"{a.name}: {join(a.items, 'or' if a.any_of else 'and')}" for a in kb.core_skills.areas]
    matrix = [
        f"{s.name}: AI Engineer {s.levels['ai_engineer']}, ML Engineer {s.levels['ml_engineer']}"
        for s in kb.skill_matrix
    ]
    text = (
        f"{prefix}Skills for both roles. {kb.core_skills.intro} The shared core:\n{bullets(areas)}\n"
        f"Specialised skills (Basic / Moderate / Advanced):\n{bullets(matrix)}"
    )
    return Answer(
        text,
        (
            follow_up("AI Engineer skills", "ask_skills", role="ai_engineer"),
            follow_up("ML Engineer skills", "ask_skills", role="ml_engineer"),
            follow_up("Where they differ", "ask_skill_comparison"),
        ),
    )


def _one_skill(kb: KnowledgeBase, question: Question, raw: str, key: str | None, summary_key: str | None) -> Answer:
    lines = []
    if key:
        s = q.matrix_skill(kb, key)
        lines.append(
            f"{s.name} (specialised-skills table): AI Engineer {s.levels['ai_engineer']}, "
            f"ML Engineer {s.levels['ml_engineer']}."
        )
    if summary_key:
        s2 = q.summary_skill(kb, summary_key)
        lines.append(
            f"{s2.name} (summary table): AI Engineer {s2.levels['ai_engineer']}, "
            f"ML Engineer {s2.levels['ml_engineer']}."
        )
    rows = _skill_rows(kb, [(key, summary_key)])
    verdict = _skill_verdict(rows)
    return Answer(
        f"How much '{raw}' matters to each role:\n" + bullets(lines) + (f"\n{verdict}" if verdict else ""),
        (
            follow_up("All skills compared", "ask_skill_comparison"),
            follow_up("Where to learn it", "ask_learning_path"),
        ),
    )


def _skill_rows(kb: KnowledgeBase, keys) -> List:
    rows = []
    for key, summary_key in keys:
        if key:
            rows.append(q.matrix_skill(kb, key))
        if summary_key:
            rows.append(q.summary_skill(kb, summary_key))
    return rows


def _skill_verdict(rows) -> str:
    """Which role the named skill weighs more for, from the rows' levels (the article's ratings only)."""
    ahead = set()
    for row in rows:
        ai, ml = q.EMPHASIS_RANK[row.levels["ai_engineer"]], q.EMPHASIS_RANK[row.levels["ml_engineer"]]
        ahead.add("ai_engineer" if ai > ml else "ml_engineer" if ml > ai else "same")
    if ahead == {"ai_engineer"}:
        return "So AI Engineers need more of it."
    if ahead == {"ml_engineer"}:
        return "So Machine Learning Engineers need more of it."
    if ahead == {"same"}:
        return "Both roles need it at the same level."
    return ""


def tools(kb: KnowledgeBase, question: Question) -> Answer:
    norm = normalizer_for(kb)
    for raw in question.tools + question.skills:
        category = norm.tool_category(raw)
        tool = norm.tool(raw)
        if tool and not category:
            return _one_tool(kb, tool)
        if category:
            c = q.tool_category(kb, category)
            leaners = [role_name(kb, r, plural=True) for r in ROLE_KEYS if category in kb.tools.role_categories[r]]
            if question.compare:
                lean = (
                    f"{leaners[0]} lean on the {c.name.lower()} ({join(c.items)}) more than the other role does."
                    if leaners
                    else f"The article does not say that one role uses the {c.name.lower()} more than the other."
                )
                return Answer(f"Who uses them more: {lean}", (follow_up("All tools", "ask_tools"),))
            lean = f" {leaners[0]} lean on these the most." if leaners else ""
            return Answer(f"{c.name}: {join(c.items)}.{lean}", (follow_up("All tools", "ask_tools"),))
    if question.stage:
        s = q.stage(kb, question.stage)
        if question.compare:
            owners = [role_name(kb, r, plural=True) for r in q.roles_owning_stage(kb, s.key)]
            who = (
                f"step {s.number} ({s.name}) falls to {join(owners)}, so they use its tools ({join(s.tools)}) most"
                if owners
                else f"the article does not assign step {s.number} ({s.name}) to either role"
            )
            return Answer(f"Who uses them more: {who}.", (follow_up("All tools", "ask_tools"),))
        return Answer(
            f"Tools for step {s.number}, {s.name}: {join(s.tools)}.",
            (
                follow_up("Who handles this step?", "ask_workflow", stage=s.key),
                follow_up("All tools", "ask_tools"),
            ),
        )
    if question.tools:
        return Answer(
            f"The article doesn't mention {question.tools[0]}. The tools it does name are: "
            f"{join(q.all_tool_names(kb))}.",
            (follow_up("Tools by workflow step", "ask_workflow"),),
        )
    cats = [f"{c.name}: {join(c.items)}" for c in kb.tools.categories]
    if question.role:
        r = q.role(kb, question.role)
        mine = [f"{c.name}: {join(c.items)}" for c in q.tool_categories_for_role(kb, question.role)]
        text = (
            f"Tools for {a_or_an(r.name)}: the role {r.tool_focus}. The groups it leans on:\n{bullets(mine)}\n"
            f"Everyone also uses the development tools: {join(q.tool_category(kb, 'development').items)}."
        )
        return Answer(text, (follow_up("And the other role?", "ask_other_role"),))
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    if question.compare:
        return Answer(
            f"Who uses which tools more: AI Engineers {ai.tool_focus}; Machine Learning Engineers {ml.tool_focus}.",
            (
                follow_up("AI Engineer tools", "ask_tools", role="ai_engineer"),
                follow_up("ML Engineer tools", "ask_tools", role="ml_engineer"),
                follow_up("All tools", "ask_tools"),
            ),
        )
    text = (
        f"Common tools and frameworks:\n{bullets(cats)}\n"
        f"AI Engineers {ai.tool_focus}; Machine Learning Engineers {ml.tool_focus}."
    )
    return Answer(
        text,
        (
            follow_up("Tools by workflow step", "ask_workflow"),
            follow_up("AI Engineer tools", "ask_tools", role="ai_engineer"),
            follow_up("ML Engineer tools", "ask_tools", role="ml_engineer"),
        ),
    )


def _one_tool(kb: KnowledgeBase, tool: str) -> Answer:
    use = q.tool_use(kb, tool)
    if use is None:
        return Answer(f"The article doesn't say more about {tool}.", (follow_up("All tools", "ask_tools"),))
    parts = []
    if use.categories:
        parts.append(f"it is listed under {join([c.name for c in use.categories])}")
    if use.stages:
        parts.append("it is used in workflow " + join([f"step {s.number} ({s.name})" for s in use.stages]))
    who = (
        f" {join([role_name(kb, r, plural=True) for r in use.roles])} lean on this group the most." if use.roles else ""
    )
    return Answer(f"{tool}: {join(parts)}.{who}", (follow_up("All tools", "ask_tools"),))


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


def job_titles(kb: KnowledgeBase, question: Question) -> Answer:
    jt = kb.job_titles
    groups = {
        "ai_engineer": ("AI-focused roles", jt.ai_focused),
        "ml_engineer": ("Machine-learning-focused roles", jt.ml_focused),
    }
    shown = [groups[r] for r in _roles_of(question)]
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
        [f"{item.name}: {getattr(item, r)}" for item in kb.responsibilities for r in _roles_of(question)[:1]]
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
            follow_up("Data handling", "inform", aspect="data_handling"),
            follow_up("Deployment", "inform", aspect="deployment"),
            follow_up("Monitoring", "inform", aspect="monitoring"),
        ),
    )


def _where_taught(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'which cloud vendors should I learn?': the stages whose topics build the named skill, plus what the
    article lists for it; None when no named skill maps to a learning-path topic."""
    norm = normalizer_for(kb)
    for raw in question.skills + question.tools:
        keys = {norm.matrix_skill(raw), norm.summary_skill(raw)} - {None}
        keys |= {a.key for a in kb.core_skills.areas if raw.lower() in (a.name.lower(), a.key)}
        keys |= {a.key for a in kb.core_skills.areas for item in a.items if item.lower() == raw.lower()}
        if raw.lower() in ("cloud", "cloud platforms", "cloud services"):
            keys.add("cloud_platforms")
        topics = [t for t, skills in kb.learning_topic_skills.items() if keys & set(skills)]
        rows = [
            f"{role_name(kb, r)}, {st.name} stage: {join(getattr(st, r))}"
            for st in kb.learning_paths
            for r in _roles_of(question)
            if set(getattr(st, r)) & set(topics)
        ]
        if not rows:
            continue
        areas = [
            f"{a.name}: {join(a.items, 'or' if a.any_of else 'and')}" for a in kb.core_skills.areas if a.key in keys
        ]
        extra = f"\nThe shared core lists {'; '.join(areas)}." if areas else ""
        if any(k in ("cloud_platforms", "cloud_services", "cloud_deployment") for k in keys):
            extra += f"\nCloud AI platforms: {join(q.tool_category(kb, 'cloud_ai_platforms').items)}."
        return Answer(
            f"Where the learning path covers '{raw}':\n{bullets(rows)}{extra}",
            (follow_up("The whole learning path", "ask_learning_path"),),
        )
    return None


def learning_path(kb: KnowledgeBase, question: Question) -> Answer:
    if question.path_stage:
        st = q.learning_stage(kb, question.path_stage)
        rows = [f"{role_name(kb, r)}: {join(getattr(st, r))}" for r in _roles_of(question)]
        buttons = []
        nxt = q.shifted_learning_stage(kb, st.key, 1)
        if nxt:
            buttons.append(follow_up(f"Next: {nxt.name}", "inform", path_stage=nxt.key))
        buttons.append(follow_up("The whole learning path", "ask_learning_path"))
        return Answer(f"Learning path, {st.name} stage:\n{bullets(rows)}", tuple(buttons))
    taught = _where_taught(kb, question)
    if taught:
        return taught
    if question.role:
        steps = [f"{name}: {join(topics)}" for name, topics in q.learning_path(kb, question.role)]
        return Answer(
            f"Learning path for {a_or_an(role_name(kb, question.role))}:\n{bullets(steps)}",
            (
                follow_up("And the other role?", "ask_other_role"),
                follow_up("Which role fits me?", "ask_role_fit"),
            ),
        )
    rows = [
        f"{s.name}: AI Engineer — {join(s.ai_engineer)}; ML Engineer — {join(s.ml_engineer)}" for s in kb.learning_paths
    ]
    return Answer(
        f"Learning paths, stage by stage:\n{bullets(rows)}",
        (
            follow_up("AI Engineer path", "ask_learning_path", role="ai_engineer"),
            follow_up("ML Engineer path", "ask_learning_path", role="ml_engineer"),
        ),
    )


# ---------- salaries ----------


def _salary_scope(kb: KnowledgeBase) -> str:
    s = kb.salaries
    return f"US, {s.outlook_year} outlook"


def salary(kb: KnowledgeBase, question: Question) -> Answer:
    notes: List[str] = []
    roles = question.roles
    norm = normalizer_for(kb)
    if question.job_title and not roles:
        title = q.job_title_name(kb, question.job_title) or question.job_title
        notes.append(
            f"The article gives salary figures only for AI Engineers and Machine Learning Engineers, "
            f"so I have no numbers for {title} and won't guess. For comparison:"
        )
    elif (question.unknown_value("role") or question.unknown_value("job_title")) and not roles:
        unknown = question.unknown_value("role") or question.unknown_value("job_title")
        notes.append(
            f"I don't have salary figures for '{unknown}': the article covers only "
            "AI Engineers and Machine Learning Engineers. For comparison:"
        )
    if question.location and not norm.is_us(question.location):
        notes.append(location_note(kb, question.location) + " Here are the US ranges for reference:")
    if question.unknown_value("level") and not question.level:
        notes.append(
            f"The article splits pay into entry, mid and senior levels only (nothing separate for "
            f"'{question.unknown_value('level')}'). The closest it gives:"
        )
    levels = (question.level,) if question.level else LEVEL_KEYS
    roles = roles or ROLE_KEYS
    lines = []
    for role in roles:
        for level in levels:
            band = q.salary_band(kb, role, level)
            lines.append(f"{role_name(kb, role)}, {LEVEL_NAMES[level]}: {band_text(band)}")
    head = f"Salary ({_salary_scope(kb)}, {kb.salaries.nature})"
    if len(lines) == 1:
        body = f"{head} — {lines[0]} a year."
    else:
        body = f"{head}, per year:\n{bullets(lines)}"
    if any(q.salary_band(kb, r, lvl).open_ended for r in roles for lvl in levels):
        body += "\nThe + means the senior band has no fixed ceiling."
    text = "\n".join([*notes, body])
    return Answer(text, _salary_buttons(question, roles, levels))


def location_note(kb: KnowledgeBase, location: str, salary: bool = True) -> str:
    """Said whenever a place outside the US comes up: the article's only place-bound figures are US salaries."""
    place = location.strip()
    name = (
        place if place[:1].isupper() else " ".join(w.capitalize() if len(w) > 3 else w.upper() for w in place.split())
    )
    if not salary:
        return (
            f"The article has nothing specific to {name}: its only figures tied to a place are salary ranges for the "
            f"{kb.salaries.country}."
        )
    if place.lower() in ("remote", "remotely"):
        return (
            f"The article's salary figures cover only the {kb.salaries.country}; it gives none for remote work "
            "(it only lists location and remote policies among the factors that move pay)."
        )
    return f"The article's salary figures cover only the {kb.salaries.country}; it gives none for {name}."


def _salary_buttons(question: Question, roles: Sequence[str], levels: Sequence[str]) -> Tuple[Button, ...]:
    buttons: List[Button] = []
    if len(roles) == 1 and len(levels) == 1:
        buttons.append(follow_up("Full salary table", "ask_salary"))
    if len(levels) == 1:
        for level in LEVEL_KEYS:
            if level != levels[0]:
                buttons.append(follow_up(f"{LEVEL_NAMES[level].capitalize()}?", "inform", level=level))
    if len(roles) == 1:
        buttons.append(follow_up("And the other role?", "ask_other_role"))
    buttons.append(follow_up("What affects salary?", "ask_salary_factors"))
    return tuple(buttons)


def salary_factors(kb: KnowledgeBase, question: Question) -> Answer:
    s = kb.salaries
    return Answer(
        f"What moves salaries, per the article:\n{bullets(s.factors)}\n{s.growth_note}",
        (follow_up("Salary ranges", "ask_salary"),),
    )


def salary_comparison(kb: KnowledgeBase, question: Question) -> Answer:
    levels = (question.level,) if question.level else LEVEL_KEYS
    a, b = ("ml_engineer", "ai_engineer")
    if question.roles and question.roles[0] == "ai_engineer" and len(question.roles) == 1:
        a, b = b, a
    lines = []
    for level in levels:
        gap = q.salary_gap(kb, level, a, b)
        band_a, band_b = q.salary_band(kb, a, level), q.salary_band(kb, b, level)
        if gap.higher_role:
            winner, loser = gap.higher_role, q.other_role(gap.higher_role)
            low, high = abs(gap.low_diff), abs(gap.high_diff)
            amount = (
                f"{money(low)} at both ends of the range"
                if low == high
                else f"{money(low)} at the bottom of the range and {money(high)} at the top"
            )
            lines.append(
                f"{LEVEL_NAMES[level].capitalize()}: "
                f"{role_name(kb, winner)} {band_text(band_a if winner == a else band_b)} "
                f"vs {role_name(kb, loser)} {band_text(band_b if winner == a else band_a)} — "
                f"{role_name(kb, winner)} is ahead by {amount}."
            )
        else:
            lines.append(f"{LEVEL_NAMES[level].capitalize()}: the ranges overlap with no clear leader.")
    text = f"Pay compared ({_salary_scope(kb)}, {kb.salaries.nature}):\n{bullets(lines)}\n{kb.salaries.growth_note}"
    return Answer(
        text, (follow_up("What affects salary?", "ask_salary_factors"), follow_up("Full salary table", "ask_salary"))
    )


# ---------- skill comparison and gaps ----------


def skill_comparison(kb: KnowledgeBase, question: Question) -> Answer:
    norm = normalizer_for(kb)
    named = [(raw, norm.matrix_skill(raw), norm.summary_skill(raw)) for raw in question.skills + question.tools]
    named = [n for n in named if n[1] or n[2]]
    if named:
        rows = _skill_rows(kb, [(k, s) for _, k, s in named])
        rows = list({(type(r).__name__, r.name): r for r in rows}.values())
        lines = [
            f"{r.name}: AI Engineer {r.levels['ai_engineer']}, ML Engineer {r.levels['ml_engineer']}" for r in rows
        ]
        verdict = _skill_verdict(rows)
        what = join(list(dict.fromkeys(raw for raw, _, _ in named)))
        return Answer(
            f"{capitalise(what)}, compared:\n{bullets(lines)}" + (f"\n{verdict}" if verdict else ""),
            (follow_up("All skills compared", "ask_skill_comparison"),),
        )
    roles = (question.role, q.other_role(question.role)) if question.role else ROLE_KEYS
    parts = []
    for role in roles:
        ahead = q.skills_where_ahead(kb, role)
        rows = [f"{name} ({mine} vs {theirs})" for name, mine, theirs in ahead]
        parts.append(
            f"Where {a_or_an(role_name(kb, role))} needs more than "
            f"{a_or_an(role_name(kb, q.other_role(role)))}:\n{bullets(rows)}"
        )
    shared = join([f"{name} ({level})" for name, level in q.skills_shared(kb)])
    return Answer(
        "\n".join(parts) + f"\nBoth need the same: {shared}.",
        (
            follow_up("Where to learn them", "ask_learning_path"),
            follow_up("Which role fits me?", "ask_role_fit"),
            follow_up("Tools compared", "ask_tools"),
        ),
    )


# ---------- FAQ, practices, scenarios ----------


def scenarios(kb: KnowledgeBase, question: Question) -> Answer:
    roles = question.roles or ("ml_engineer", "ai_engineer")
    shown = [q.scenario(kb, question.scenario)] if question.scenario else list(kb.scenarios)
    if len(roles) == 1:
        name = role_name(kb, roles[0])
        lines = [f"{sc.name}: {join(getattr(sc, roles[0]))}" for sc in shown]
        head = f"What {a_or_an(name)} does in " + ("this scenario" if len(shown) == 1 else "the article's scenarios")
        return Answer(
            f"{head}:\n{bullets(lines)}",
            (follow_up("And the other role?", "ask_other_role"), follow_up("Both scenarios", "ask_scenarios")),
        )
    blocks = [f"{sc.name}:\n{bullets([f'{role_name(kb, r)}: {join(getattr(sc, r))}' for r in roles])}" for sc in shown]
    head = "A realistic project scenario" if len(shown) == 1 else "Two realistic project scenarios"
    others = [sc for sc in kb.scenarios if sc not in shown]
    buttons = [follow_up(f"What the {role_name(kb, r)} does", "inform", role=r) for r in ("ai_engineer", "ml_engineer")]
    if others:
        buttons.append(follow_up("Both scenarios", "ask_scenarios"))
    return Answer(f"{head} and who does what.\n" + "\n".join(blocks), tuple(buttons))


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
    return Answer(
        f"Best practices in enterprise IT:\n{bullets(kb.best_practices)}",
        (
            follow_up("Common challenges", "ask_challenges"),
            follow_up("Enterprise constraints", "ask_enterprise_constraints"),
        ),
    )


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
both_roles = _faq("both_roles", "Can one person do both?")
future_proof = _faq("future_proof", "Which is more future-proof?")
certifications = _faq("certifications", "Certifications:")


def math(kb: KnowledgeBase, question: Question) -> Answer:
    text = f"Do you need advanced math? {kb.faq.math}"
    areas = next((a for a in kb.core_skills.areas if a.key == "mathematics"), None)
    if areas:
        text += f" The shared foundation lists {join(areas.items)}."
    return Answer(
        text, (follow_up("Learning paths", "ask_learning_path"), follow_up("Which role fits me?", "ask_role_fit"))
    )


def key_takeaways(kb: KnowledgeBase, question: Question) -> Answer:
    return Answer(f"Key takeaways:\n{bullets(kb.takeaways)}", (follow_up("Which role fits me?", "ask_role_fit"),))


def concept(kb: KnowledgeBase, question: Question) -> Answer:
    """A term the article uses but never defines ('MLOps'): say so, then every place it comes up."""
    term = question.term or (question.skills + question.tools + ("",))[0]
    found = q.mentions(kb, term) if term else []
    if not found:
        return Answer(
            f"The article doesn't explain '{term}'. I can tell you about the two roles, their skills, tools and pay.",
            (follow_up("Compare the roles", "ask_role_comparison"), follow_up("Help", "help")),
        )
    lines = [f"{where}: {what}" for where, what in found[:8]]
    return Answer(
        f"The article doesn't define {term} in one sentence, but it comes up here:\n{bullets(lines)}",
        (
            follow_up("Skills compared", "ask_skill_comparison"),
            follow_up("Tools", "ask_tools"),
            follow_up("Learning paths", "ask_learning_path"),
        ),
    )


def missing(kb: KnowledgeBase, question: Question, renderers: Mapping[str, Callable] | None = None) -> Answer:
    """A fact the article lacks: say so plainly, then answer with what it has (the fact's `then` topic)."""
    fact = next(f for f in kb.coverage.missing if f.key == question.missing)
    then = None
    if fact.then:
        renderer = (renderers or RENDERERS).get(fact.then)
        then = renderer(kb, replace(question, topic=fact.then, missing=None)) if renderer else None
    text = fact.says + (f"\n\n{then.text}" if then else "")
    offered = [_OFFER_LABELS.get(intent, (intent, intent)) for intent in fact.offers]
    buttons = [*(then.buttons if then else ()), *(follow_up(title, intent) for intent, title in offered)]
    unique = tuple({b.payload: b for b in buttons}.values())[:4]
    return Answer(text, unique)


_OFFER_LABELS: Dict[str, Tuple[str, str]] = {
    "ask_careers": ("ask_careers", "Industries and careers"),
    "ask_salary_factors": ("ask_salary_factors", "What affects salary?"),
    "ask_why_it_matters": ("ask_why_it_matters", "Industry trends"),
    "ask_certifications": ("ask_certifications", "Certifications"),
    "ask_learning_path": ("ask_learning_path", "Learning paths"),
    "ask_salary": ("ask_salary", "Salary ranges"),
}


def _unknown_role(kb: KnowledgeBase, text: str) -> Answer:
    return Answer(
        f"I only know about two roles: AI Engineer and Machine Learning Engineer, not '{text}'. "
        "Ask me about either, or about the related job titles.",
        (follow_up("Related job titles", "ask_job_titles"),),
    )


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
}


def render(
    kb: KnowledgeBase,
    question: Question,
    renderers: Mapping[str, Callable[[KnowledgeBase, Question], Answer]] = RENDERERS,
) -> Answer | None:
    """The answer for a question, or None when the topic is not one the KB answers. A fact the article lacks is
    said first; a place outside the US is always named as not covered, whatever the topic."""
    if question.missing:
        return missing(kb, question, renderers)
    renderer = renderers.get(question.topic)
    if renderer is None:
        return None
    answer = renderer(kb, question)
    location = question.location
    if location and question.topic != "salary" and not normalizer_for(kb).is_us(location):
        answer = Answer(f"{location_note(kb, location, salary=False)}\n\n{answer.text}", answer.buttons)
    return answer


def combine(answers: Sequence[Answer]) -> Answer:
    """Several answers as one reply, in order (a message with several questions); the last one's buttons."""
    if len(answers) == 1:
        return answers[0]
    return Answer("\n\n".join(a.text for a in answers), answers[-1].buttons)
