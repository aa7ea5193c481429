"""The AI project workflow: its steps, the tools used in them, and the article's project scenarios."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Sequence

from actions.answers.phrasing import Answer, a_or_an, bullets, capitalise, echo, follow_up, join, role_name
from actions.answers.skills import core_areas
from actions.knowledge import keys
from actions.knowledge.patterns import rx
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase, Stage
from actions.reasoning import queries as q
from actions.understanding import lookups
from actions.understanding.context import ASKS_ITEMS
from actions.understanding.question import Question

# 'which data sources feed ingestion?': where the data comes from, not the step's tools
_ASKS_SOURCES = re.compile(
    r"^(?!.*\b(tools?|software|platforms?|technolog\w*|services?|frameworks?|used|uses|use)\b).*"
    r"\b(sources?|inputs?|feeds?|fed|comes? from|pull(s|ed)? (\w+ )?from|draws? (\w+ )?from)\b",
    re.I,
)


_ASKS_YES_NO = re.compile(r"^\W*((and|so|but|ok|okay)\W+)?(is|are|does|do|would|will|can)\b", re.I)


def _owns_verdict(kb: KnowledgeBase, role: str, stage: Stage) -> str:
    """'is it part of the AI engineer's usual steps?': yes or no from the article's split of the steps."""
    owned = q.stages_owned_by(kb, role)
    name = role_name(kb, role, plural=True)
    span = f"steps {owned[0].number} to {owned[-1].number} ({join([o.name for o in owned])})"
    if stage in owned:
        return f"Yes: {name} mostly manage {span}, and step {stage.number} is one of them."
    return f"No: step {stage.number} is not among the steps {name} mostly manage; they manage {span}."


def workflow(kb: KnowledgeBase, question: Question) -> Answer:
    wf = kb.workflow
    if not question.stage and not question.role and question.tools:
        steps = {s.key for tool in question.tools for s in wf.stages if _uses(s, tool)}
        if len(steps) == 1:  # 'which workflow step uses Apache Kafka?': that step
            return workflow(kb, replace(question, stage=steps.pop()))
    if question.stage:
        s = q.stage(kb, question.stage)
        tools = "" if _ASKS_SOURCES.search(question.text or "") else f"Tools: {join(s.tools)}.\n"
        text = (
            f"Workflow step {s.number} of {len(wf.stages)}, {s.name}: {capitalise(join(s.activities))}.\n"
            f"{tools}{owner_line(kb, s.key)}{_duty_line(kb, question.aspect or _asked_row(kb, s, question.text))}"
        )
        if question.role and _ASKS_YES_NO.search(question.text or ""):
            text = f"{_owns_verdict(kb, question.role, s)}\n{text}"
        buttons = [follow_up("Tools for this step", "ask_tools", stage=s.key)]
        if s.number < len(wf.stages):
            nxt = wf.stages[s.number]
            buttons.append(follow_up("The next step", "inform", stage=nxt.key))
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


def _uses(stage: Stage, tool: str) -> bool:
    tool = tool.lower()
    return len(tool) > 2 and any(tool in t.lower() for t in stage.tools)


def owner_line(kb: KnowledgeBase, stage: str) -> str:
    """Who the article gives a workflow step to: said with the step and with its tools, so 'who owns it?' next
    is already answered."""
    owners = [role_name(kb, r, plural=True) for r in q.roles_owning_stage(kb, stage)]
    if len(owners) == 1:
        return f"In the article's split, this step falls to {owners[0]}."
    if len(owners) == 2:
        return f"Both roles work on this step: {owners[0]} and {owners[1]} overlap here."
    return "The article does not assign this step to either role specifically."


def _duty_line(kb: KnowledgeBase, aspect: str | None) -> str:
    """The responsibilities row the words also name ('which one does more deployment?'): who leads and who
    supports is the fact asked, not only whose step it is."""
    if not aspect:
        return ""
    row = next((r for r in kb.responsibilities if r.key == aspect), None)
    if row is None:
        return ""
    duties = "; ".join(f"{role_name(kb, r)} {getattr(row, r)}" for r in ROLE_KEYS)
    return f"\n{row.name}, in the responsibilities table: {duties}."


def _asked_row(kb: KnowledgeBase, stage: Stage, text: str | None) -> str | None:
    """'who handles it?' about a step: the responsibilities row named like the step (Monitoring for Monitoring and
    Maintenance), since the step's owner line gives only the article's split of the steps."""
    if not _ASKS_WHO.search(text or ""):
        return None
    return lookups.duty_row_of_step(kb, stage.key)


_ASKS_STEP = re.compile(r"\b(steps?|stages?|phases?|workflow)\b", re.I)


def _group_steps(kb: KnowledgeBase, category, text: str) -> str:
    """'which step of the workflow uses those frameworks?': the steps whose tools include the group's items."""
    if not _ASKS_STEP.search(text or ""):
        return ""
    items = {i.lower() for i in category.items}
    steps = [s for s in kb.workflow.stages if items & {t.lower() for t in s.tools}]
    named = [f"step {s.number} ({s.name}, with {join(s.tools)})" for s in steps]
    return f" In the workflow they are used in {join(named)}." if named else ""


def _leaners(kb: KnowledgeBase, category: str) -> List[str]:
    """The roles (plural names) the article says lean on a tool category the most."""
    return [role_name(kb, r, plural=True) for r in q.roles_leaning_on_category(kb, category)]


def _categories(kb: KnowledgeBase, keys: Sequence[str]) -> Answer:
    """Two or more tool categories asked at once ('the ML frameworks and the cloud AI platforms'): each one."""
    lines = []
    for key in keys:
        c, leaners = q.tool_category(kb, key), _leaners(kb, key)
        lean = f" ({leaners[0]} lean on these the most)" if leaners else ""
        lines.append(f"{c.name}: {join(c.items)}{lean}")
    return Answer(bullets(lines), (follow_up("All tools", "ask_tools"),))


# Words that ask for the shared core skills both roles need, not a tool group ('the shared cloud platforms').
_SHARED = re.compile(r"\b(shared|core|common to both|both (roles )?(need|require)\w*|every(one|body) needs?)\b", re.I)


# 'which framework is in model development but not in the ML frameworks list?': one tool list less another.
_BUT_NOT = re.compile(
    r"^(?P<head>.*?)\b(?:in|on|under|from|within|among)\s+(?:the\s+)?(?P<a>.+?),?\s+but\s+not\s+"
    r"(?:(?:in|on|under|from|within|among)\s+)?(?:the\s+)?(?P<b>.+?)\s*[?.!]*\s*$",
    re.I,
)


# 'which of those is not also in the ML frameworks list?' after one step's tools: that step's tools less the list.
_THOSE_NOT_IN = re.compile(
    r"\b(?:of|among)\s+(?:those|these|them)\b.*?\b(?:is|are)(?:\s+not|n't)\s+(?:also\s+)?(?:listed\s+)?"
    r"(?:in|on|under|among|part of|from)\s+(?:the\s+)?(?P<b>.+?)\s*[?.!]*\s*$",
    re.I,
)


def _tool_list(kb: KnowledgeBase, said: str) -> tuple | None:
    """The tool list a phrase names, as (its name, its tools): a workflow step ('model development', 'the
    training step') or a tool group ('the ML frameworks list'); None when it names neither or is just 'tools'."""
    words = lookups.stems(said) - lookups.stems("list lists listed group category section step stage tools tool")
    if not words:
        return None
    stages = [s for s in kb.workflow.stages if _says_any(said, [s.name, *s.aliases])]
    if len(stages) == 1 or not stages and re.search(r"\b(step|stage|phase)s?\b", said, re.I):
        found = stages[0] if stages else lookups.stage_by_words(kb, said)
        return (f"the {found.name} step", list(found.tools)) if found else None
    groups = [c for c in kb.tools.categories if _says_any(said, [c.name, *c.aliases])]
    groups = groups or [c for c in kb.tools.categories if words <= lookups.stems(" ".join([c.name, *c.aliases]))]
    if len(groups) == 1:
        return f"the {groups[0].name} list", list(groups[0].items)
    found = None if groups else lookups.stage_by_words(kb, said)
    return (f"the {found.name} step", list(found.tools)) if found else None


def _says_any(said: str, phrases: Sequence[str]) -> bool:
    return any(rx(rf"(?<![\w-]){re.escape(p)}(?![\w-])", re.I).search(said) for p in phrases if p)


def _that_step(kb: KnowledgeBase, question: Question, said: str) -> tuple | None:
    """'that workflow step', 'the same step': the step the question carries from the thread."""
    if not question.stage or not re.search(r"\b(that|this|the same|same)\b", said, re.I):
        return None
    found = q.stage(kb, question.stage)
    return f"the {found.name} step", list(found.tools)


def _plain(tool: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", tool).strip().lower()


def _difference(kb: KnowledgeBase, question: Question) -> Answer | None:
    """The tools of one list the other lacks ('which framework is in model development but not in the ML
    frameworks list?' -> XGBoost); a side that names no list of its own ('in the tools list') is the group the
    question's head names ('which ML framework ...'). None unless both sides name a list."""
    match = _BUT_NOT.search(question.text or "")
    those = None if match else _THOSE_NOT_IN.search(question.text or "")
    if those and question.stage:  # 'which of those is not in X?': the step just shown is 'those'
        first = _that_step(kb, question, "that step")
        second = _tool_list(kb, those.group("b"))
    elif match:
        first = _tool_list(kb, match.group("a")) or _that_step(kb, question, match.group("a"))
        first = first or _tool_list(kb, match.group("head"))
        second = _tool_list(kb, match.group("b")) or _that_step(kb, question, match.group("b"))
    else:
        return None
    if not first or not second or first[1] == second[1]:
        return None
    left = {_plain(t) for t in second[1]}
    only = [t for t in first[1] if _plain(t) not in left]
    said = f"In {first[0]} ({join(first[1])}) but not in {second[0]} ({join(second[1])}): "
    said += f"{join(only)}." if only else "none: every one of them is in both."
    return Answer(said, (follow_up("All tools", "ask_tools"),))


def tools(kb: KnowledgeBase, question: Question) -> Answer:
    difference = _difference(kb, question)
    if difference:
        return difference
    terms = question.tool_terms + question.skill_terms
    categories = list(dict.fromkeys(t.tool_category for t in terms if t.tool_category))
    if len(categories) > 1 and not question.compare:
        return _categories(kb, categories)
    if _SHARED.search(question.text):  # 'which shared cloud platforms?': the core row, not the tool group
        core = core_areas(kb, question)
        if core:
            return core
    named = list(dict.fromkeys(t.tool for t in terms if t.tool and not t.tool_category))
    if len(named) > 1 and not question.compare:  # 'what are Prometheus and Kafka used for?': each one
        answers = [_one_tool(kb, tool, yes=bool(_IS_LISTED.search(question.text))) for tool in named]
        return Answer("\n\n".join(a.text for a in answers), answers[0].buttons)
    for term in terms:
        category, tool = term.tool_category, term.tool
        if tool and not category and question.compare and not _IS_LISTED.search(question.text):
            who = _who_uses_tool(kb, tool)  # 'which role uses those most?' after one tool: whose work it is
            if who:
                return who
        if tool and not category:
            # 'is Java listed as a development tool?': 'Yes: Java is listed under ...'; 'is Keras one of the
            # development tools?': 'No', with the group it is in
            asked = [q.tool_category(kb, t.tool_category) for t in terms if t.tool_category]
            outside = [c for c in asked if tool.lower() not in (i.lower() for i in c.items)]
            if outside and len(outside) == len(asked) and _IS_LISTED.search(question.text):
                said = _one_tool(kb, tool)
                return replace(said, text=f"No: {tool} is not among the {_in_sentence(outside[0])}. {said.text}")
            return _one_tool(kb, tool, yes=bool(_IS_LISTED.search(question.text)))
        if category:
            c = q.tool_category(kb, category)
            leaners = _leaners(kb, category)
            if question.compare:
                return _who_uses_group(kb, c)
            lean = f" {leaners[0]} lean on these the most." if leaners else ""
            return Answer(
                f"{c.name}: {join(c.items)}.{lean}{_group_steps(kb, c, question.text)}",
                (follow_up("All tools", "ask_tools"),),
            )
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
            f"Tools for step {s.number}, {s.name} ({join(s.activities)}): {join(s.tools)}.\n{owner_line(kb, s.key)}",
            (
                follow_up("This step in the workflow", "ask_workflow", stage=s.key),
                follow_up("All tools", "ask_tools"),
            ),
        )
    if not question.tools and question.skills and ASKS_ITEMS.search(question.text):
        core = core_areas(kb, question)  # 'which version control stuff is in there?': the shared core's items
        if core:
            return core
    in_names = lookups.tools_with_word(kb, question.tools[0]) if question.tools else []
    if in_names:  # 'what tools does Azure show up in?': the tools whose names carry the word, each where it is
        answers = [_one_tool(kb, tool) for tool in in_names]
        head = f"Tools whose names carry '{echo(lookups.without_generic_tail(question.tools[0]))}':"
        return Answer("\n\n".join([head, *(a.text for a in answers)]), answers[0].buttons)
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
            f"Everyone also uses the development tools: {join(q.tool_category(kb, keys.DEVELOPMENT_TOOLS).items)}."
        )
        return Answer(text, (follow_up("And the other role?", "ask_other_role"),))
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    if question.compare:
        return Answer(
            f"Who uses which tools more: {a_or_an(ai.name)} {ai.tool_focus}; {a_or_an(ml.name)} {ml.tool_focus}.",
            (
                follow_up("AI Engineer tools", "ask_tools", role="ai_engineer"),
                follow_up("ML Engineer tools", "ask_tools", role="ml_engineer"),
                follow_up("All tools", "ask_tools"),
            ),
        )
    text = (
        f"Common tools and frameworks:\n{bullets(cats)}\n"
        f"{capitalise(a_or_an(ai.name))} {ai.tool_focus}; {a_or_an(ml.name)} {ml.tool_focus}."
    )
    return Answer(
        text,
        (
            follow_up("Tools by workflow step", "ask_workflow"),
            follow_up("AI Engineer tools", "ask_tools", role="ai_engineer"),
            follow_up("ML Engineer tools", "ask_tools", role="ml_engineer"),
        ),
    )


def _in_sentence(category) -> str:
    """A tool group's name inside a sentence: 'development tools', 'cloud AI platforms', but 'ML frameworks' and
    'MLOps and deployment tools' keep their acronym (one rule for every sentence that names a group)."""
    name = category.name
    return name if name[:2].isupper() else name[:1].lower() + name[1:]


def _who_uses_group(kb: KnowledgeBase, c) -> Answer:
    """Who leans on a tool group more, with that role's own tool focus ('spends more time with containerization
    and cloud services'), so the why comes with the who."""
    roles = q.roles_leaning_on_category(kb, c.key)
    if roles:
        focus = f": the role {q.role(kb, roles[0]).tool_focus}" if len(roles) == 1 else ""
        names = join([role_name(kb, r, plural=True) for r in roles])
        lean = f"{names} lean on the {_in_sentence(c)} ({join(c.items)}) more than the other role does{focus}."
        lean += _other_roles_focus(kb, c.key)
    else:
        lean = f"The article does not say that one role uses the {_in_sentence(c)} more than the other."
    return Answer(f"Who uses them more: {lean}", (follow_up("All tools", "ask_tools"),))


def _other_roles_focus(kb: KnowledgeBase, category: str) -> str:
    """Where the role that does not lean on a tool group spends its tool time instead (' A Machine Learning
    Engineer focuses on ...'), so 'and what does the other one focus on?' is answered too; '' when both or neither
    lean on it."""
    leaning = q.roles_leaning_on_category(kb, category)
    if len(leaning) != 1:
        return ""
    other = q.role(kb, q.other_role(leaning[0]))
    return f" {capitalise(a_or_an(other.name))} instead {other.tool_focus}."


def _who_uses_tool(kb: KnowledgeBase, tool: str) -> Answer | None:
    """Which role uses one tool more: the roles leaning on its group (and where their tool time goes), else the
    roles owning the workflow steps it is used in; None when the article ties it to neither."""
    use = q.tool_use(kb, tool)
    if use is None:
        return None
    buttons = (follow_up("All tools", "ask_tools"),)
    if use.roles:
        groups = join([_in_sentence(c) for c in use.categories])
        focus = "; ".join(f"{a_or_an(q.role(kb, r).name)} {q.role(kb, r).tool_focus}" for r in use.roles)
        leaners = join([role_name(kb, r, plural=True) for r in use.roles])
        return Answer(
            f"Who uses it more: {leaners} lean on the {groups} ({tool} among them) the most: {focus}.", buttons
        )
    owners = list(dict.fromkeys(r for s in use.stages for r in q.roles_owning_stage(kb, s.key)))
    if not owners:
        return None
    steps = join([f"step {s.number} ({s.name})" for s in use.stages])
    who = join([role_name(kb, r, plural=True) for r in owners])
    return Answer(f"Who uses it more: {tool} is used in {steps}, which falls to {who}, so they use it most.", buttons)


def _one_tool(kb: KnowledgeBase, tool: str, yes: bool = False) -> Answer:
    """Where the article lists `tool`; with `yes`, said as the answer to 'is it listed?'."""
    use = q.tool_use(kb, tool)
    if use is None:
        return Answer(f"The article doesn't say more about {tool}.", (follow_up("All tools", "ask_tools"),))
    parts = []
    if use.categories:
        groups = [f"{c.name} ({join(c.items)})" for c in use.categories]
        parts.append(f"is listed under {join(groups)}")
    if use.stages:
        steps = [f"step {s.number} ({s.name}, with {join(s.tools)})" for s in use.stages]
        parts.append("is used in workflow " + join(steps))
    who = (
        f" {join([role_name(kb, r, plural=True) for r in use.roles])} lean on this group the most." if use.roles else ""
    )
    if not parts:
        parts.append("is named in the article")
    said = f"Yes: {tool} {join(parts)}" if yes else f"{tool}: it {join(parts)}"
    return Answer(f"{said}.{who}", (follow_up("All tools", "ask_tools"),))


_IS_LISTED = re.compile(
    r"^\W*(and |so )?(is|are|does|do)\b.*\b(listed|one of|part of|among|included|mentioned|belongs? (to|in|with)"
    r"|(in|on|under|within) (the |that |this |its )?([\w-]+ ){0,3}(list|group|category|set|bucket|section))\b",
    re.I,
)
_ASKS_WHO = re.compile(r"\b(who|whose|which (role|one|side|part)|which of (them|the two|the roles))\b", re.I)


def _who_in_scenario(kb: KnowledgeBase, question: Question, shown: Sequence) -> tuple | None:
    """'who monitors uptime there?': (the one role whose duties in the scenario share words the other role's lack,
    the answer said with its duty), or None."""
    if not _ASKS_WHO.search(question.text):
        return None
    named = lookups.stems(" ".join(n for sc in shown for n in (sc.name, *sc.aliases)))
    asked = lookups.stems(question.text) - named  # ('the support chatbot project' names it, not a duty in it)
    duties = {r: [d for sc in shown for d in getattr(sc, r)] for r in ROLE_KEYS}
    words = {r: set().union(*(lookups.stems(d) for d in duties[r])) for r in ROLE_KEYS}
    own = {r: asked & (words[r] - set().union(*(words[o] for o in ROLE_KEYS if o != r))) for r in ROLE_KEYS}
    found = [r for r in ROLE_KEYS if own[r]]
    if len(found) != 1:
        return None
    role = found[0]
    duty = max(duties[role], key=lambda d: len(asked & lookups.stems(d)))
    return role, f"The {role_name(kb, role)} does that: {duty}."


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
    head = "A realistic project scenario" if len(shown) == 1 else "Two realistic project scenarios"
    who = _who_in_scenario(kb, question, shown)
    if who:  # 'who integrates the bot with the CRM?': that role's whole part, not the other role's too
        roles = (who[0],)
    blocks = [f"{sc.name}:\n{bullets([f'{role_name(kb, r)}: {join(getattr(sc, r))}' for r in roles])}" for sc in shown]
    others = [sc for sc in kb.scenarios if sc not in shown]
    buttons = [follow_up(f"What the {role_name(kb, r)} does", "inform", role=r) for r in ("ai_engineer", "ml_engineer")]
    if others:
        buttons.append(follow_up("Both scenarios", "ask_scenarios"))
    said = f"{who[1]}\n\nTheir whole part in it." if who else f"{head} and who does what."
    return Answer(f"{said}\n" + "\n".join(blocks), tuple(buttons))
