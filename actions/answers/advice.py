"""Words and buttons for advice: the role-fit interview, its recommendation, and skill-gap plans."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Callable, List, Sequence

from actions.answers.charts import fit_chart
from actions.answers.phrasing import (
    LEVEL_NAMES,
    Answer,
    Button,
    a_or_an,
    band_text,
    bullets,
    capitalise,
    follow_up,
    join,
    role_name,
)
from actions.answers.skills import learning_path, skills
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.reasoning.advisor import (
    GapItem,
    Held,
    Recommendation,
    SkillGap,
    aim,
    held_skills,
    next_steps,
    option_weight,
    question_for,
    recommend,
    skill_gap,
    skill_weight,
)
from actions.reasoning.interview import (
    SKIP,
    State,
    described_answers,
    label,
    question_number,
    whole_phrase,
)
from actions.understanding.person import background, industry_of
from actions.understanding.question import Question
from actions.understanding.skill_matcher import Mentions

FIT_ENTITY = "fit_answer"
FIT_QUESTION = "fit_question"
RESUME = "resume"  # the reminder's button: show the open question again


def interview_prompt(kb: KnowledgeBase, state: State) -> Answer:
    """The question on screen, with its options as buttons that name the question they answer. After a miss,
    a "Skip" button joins them."""
    slot = state.current
    question = question_for(kb, slot)
    total = len(kb.advisor.questions)
    buttons = [follow_up(o.title, "inform", **{FIT_ENTITY: o.key, FIT_QUESTION: slot}) for o in question.options]
    if state.misses and not any(o.neutral for o in question.options):
        buttons.append(follow_up("Skip", "inform", **{FIT_ENTITY: SKIP, FIT_QUESTION: slot}))
    back = "Back to it — " if state.asides == 1 else ""
    return Answer(f"{back}Question {question_number(kb, slot)} of {total}: {question.prompt}", tuple(buttons))


def interview_reminder(kb: KnowledgeBase, state: State) -> Answer:
    """After a second side question in a row: the open question as one button instead of the whole question."""
    slot = state.current
    number, short = question_number(kb, slot), question_for(kb, slot).short
    return Answer(
        f"(Question {number}, on {short}, is still open whenever you want to go back.)",
        (follow_up(f"Back to question {number} ({short})", "inform", **{FIT_ENTITY: RESUME, FIT_QUESTION: slot}),),
    )


def explain_question(kb: KnowledgeBase, state: State) -> Answer:
    """A question mid-interview the KB has no answer for ("what do you mean?"): what the open question asks."""
    question = question_for(kb, state.current)
    options = [f"{o.title}: {o.description}" for o in question.options if not o.neutral]
    return Answer(f"By question {question_number(kb, state.current)} I mean:\n" + bullets(options))


def interview_stopped() -> Answer:
    return Answer(
        "Okay, I've stopped the questions. Ask me anything about the two roles, or start the questions again.",
        (follow_up("Which role fits me?", "ask_role_fit", **{FIT_ENTITY: "restart"}), follow_up("Help", "help")),
    )


def recommendation(kb: KnowledgeBase, rec: Recommendation, state: State, mentions: Mentions | None = None) -> Answer:
    """One bubble, phone-short: the role (or both) and how sure; why, in the person's words, only what argues
    for it; what might not suit them, named as such; what would change it; where to begin and the entry-level
    range; the first skills to add when skills were mentioned; an offer to refine while questions are open."""
    roles: Sequence[str] = (rec.role,) if rec.role else ROLE_KEYS
    parts = []  # the headline first (it is what people read first), then any note from the last message
    if rec.role is None:
        blend = " — and in small teams people often handle both." if rec.blend else "."
        parts.append(f"Both roles fit you about equally{blend} {kb.faq.which_better}")
    else:
        parts.append(f"My recommendation: {role_name(kb, rec.role)} — {sureness(kb, rec, state)}.")
    parts += list(state.notes)
    support, against = _reasons(kb, state, rec.role)
    if rec.role:  # what they already have that the role rates higher ('your Security background counts'), as a lean
        support += [f"{capitalise(line)}." for line in strengths_for(kb, mentions, rec.role)]
    if support:
        parts += ["Why, from what you told me:" if rec.role else "What you told me:", bullets(support)]
    if against:
        parts += ["What might not suit you:", bullets(against)]
    change = what_would_change(kb, rec, state)
    if change:
        parts.append(change)
    first = kb.learning_paths[0]
    second = kb.learning_paths[1] if len(kb.learning_paths) > 1 else None
    starts = []
    for role in roles:
        band = q.salary_band(kb, role, "entry")
        then = f", then {second.name} ({join(getattr(second, role))})" if second else ""
        starts.append(
            f"{role_name(kb, role)}: the {first.name} stage ({join(getattr(first, role))}){then}; "
            f"{LEVEL_NAMES['entry']} pay {band_text(band)} a year (US, {kb.salaries.outlook_year} outlook)."
        )
    parts += ["Where to begin:", bullets(starts)]
    if state.skills and mentions is not None:
        parts.append(_gap_summary(kb, roles, state.skills, mentions))
    elif any(a.how == "background" for a in state.answers.values()):  # "can I move into AI from <job>?"
        parts.append(_gap_summary(kb, roles, (), Mentions(set(), ())))
    left = state.unanswered(kb)
    if left:
        topics = join([question_for(kb, slot).short for slot in left])
        parts.append(f"Want to refine it? {len(left)} question{'s' if len(left) != 1 else ''} still open: {topics}.")
    role_entities = {"role": rec.role} if rec.role else {}
    buttons = [
        follow_up("Entry-level pay", "ask_salary", level="entry", **role_entities),
        follow_up("Full learning path", "ask_learning_path", **role_entities),
    ]
    if left:
        buttons.append(follow_up("Refine: answer the rest", "ask_role_fit", **{FIT_ENTITY: "refine"}))
    buttons.append(follow_up("Start over", "ask_role_fit", **{FIT_ENTITY: "restart"}))
    return Answer("\n".join(parts), tuple(buttons), fit_chart(kb, state.option_keys()))


def lean(
    kb: KnowledgeBase,
    state: State,
    mentions: Mentions | None = None,
    switching: bool = False,
    asked: Answer | None = None,
    said: str = "",
) -> Answer:
    """A self-description's lean, before the question that could change it: the role and how sure, why in the
    person's words, what would change it; for someone switching into AI, that it is realistic and what to add
    first; `asked`: the answers to what else the message asked; `said`: the message (the tools it names). The
    interview goes on; the recommendation comes when it is settled."""
    rec = recommend(kb, state.option_keys())
    role = rec.role or ROLE_KEYS[0]
    parts = [f"My lean so far: {role_name(kb, role)} — {sureness(kb, rec, state)}."]
    torn = state.answers.get(kb.advisor.questions[0].slot)
    if torn is not None and torn.option == "both":  # "I like both, can't decide": the article's own advice
        parts.append(kb.faq.which_better)
    if switching:
        first = kb.learning_paths[0]
        parts.append(
            f"Yes, a switch is realistic: both roles start from the same {first.name} stage "
            f"({join(getattr(first, role))})."
        )
    elif start_here(kb, role, said):
        parts.append(start_here(kb, role, said))
    if WANTS_PAY.search(said):  # 'I want the best pay': what the article's figures say, beside the lean
        parts.append(pay_note(kb, role))
    note = background_note(kb, said)
    if note:
        parts.append(note)
    support, against = _reasons(kb, state, role)
    support += _steps_you_work_in(kb, said, role)
    support += [f"{capitalise(line)}." for line in strengths_for(kb, mentions, role)]
    support += [f"{capitalise(line)}." for line in shared_strengths(kb, mentions)]
    if support:
        parts += ["Why, from what you told me:", bullets(support)]
    if against:
        parts += ["What might not suit you:", bullets(against)]
    change = what_would_change(kb, rec, state)
    if change:
        parts.append(change)
    if switching or mentions is not None:
        parts.append(_gap_summary(kb, (role,), (), mentions or Mentions(set(), ())))
    if asked is not None:
        parts.append(asked.text)
    left = len(state.unanswered(kb))
    parts.append(f"To firm it up, {left} quick question{'s' if left != 1 else ''} (or say 'stop' to keep this lean):")
    return Answer("\n".join(parts))


def advised_role(kb: KnowledgeBase, role: str) -> Answer:
    """'Which role would that be?' right after advice: the role it aims at, said plainly, with its next steps."""
    name = role_name(kb, role)
    buttons = (
        follow_up("Entry-level pay", "ask_salary", level="entry", role=role),
        follow_up(f"{name} learning path", "ask_learning_path", role=role),
    )
    return Answer(f"{name}: that is the role my advice above aims at.", buttons)


def background_note(kb: KnowledgeBase, said: str) -> str:
    """What the article offers someone with the job a self-description names (advisor.backgrounds): the job titles
    it lists that are closest (a consultant: AI Solutions Architect, AI Consultant...) and the workflow step they
    already do (a QA engineer: Testing and Validation) with who owns it; '' when the job names neither."""
    job = background(kb, said) if said else None
    industry = industry_note(kb, said) if said else ""
    if job is None:
        return industry
    lines = [industry] if industry else []
    if job[0].titles:
        names = {t.key: t.name for t in [*kb.job_titles.ai_focused, *kb.job_titles.ml_focused, *kb.careers.titles]}
        titles = [names[key] for key in job[0].titles]
        these = "Job titles the article lists that suit" if len(titles) > 1 else "A job title the article lists for"
        lines.append(f"{these} {a_or_an(job[0].name)}: {join(titles)}.")
    steps = []
    for stage in [s for s in kb.workflow.stages if s.key in job[0].steps]:
        owners = q.roles_owning_stage(kb, stage.key)
        who = (
            f"which it gives to {role_name(kb, owners[0], plural=True)}"
            if len(owners) == 1
            else "which both roles work on"
            if owners
            else "which it assigns to neither role specifically"
        )
        steps.append(f"step {stage.number}, {stage.name} ({join(stage.activities)}), {who}")
    if steps:
        lines.append(f"Closest to your work in the article's project workflow: {'; '.join(steps)}.")
    return "\n".join(lines)


def industry_note(kb: KnowledgeBase, said: str) -> str:
    """What the article says about the industry the person works in ('a hospital IT dept': healthcare is one of
    the industries it names for these roles, and a salary factor); '' when they name none it lists."""
    industry = industry_of(kb, said)
    if industry is None:
        return ""
    factors = [f for f in kb.salaries.factors if re.search(rf"\b{re.escape(industry)}\b", f, re.I)]
    pay = f"; {join(factors)} is one of the factors it says move salaries" if factors else ""
    return f"Your industry in the article: {industry} is one of the industries it names for these roles{pay}."


def strengths_for(kb: KnowledgeBase, mentions: Mentions | None, role: str, limit: int = 2) -> List[str]:
    """What the person already has that `role` rates above the other role, most ahead first ('your security
    counts: the article rates it High for AI Engineers, Medium for ML Engineers'): a background that argues for
    the pick (a security or data engineer) is said as such."""
    if mentions is None:
        return []
    other = q.other_role(role)
    ahead = []
    for table in (kb.skill_matrix, kb.skill_summary):
        for skill in table:
            if skill.key not in mentions.whole or any(skill.name == name for _, name, _ in ahead):
                continue
            gap = q.EMPHASIS_RANK[skill.levels[role]] - q.EMPHASIS_RANK[skill.levels[other]]
            if gap > 0:
                ahead.append((gap, skill.name, skill.levels))
    ahead.sort(key=lambda a: -a[0])
    return [
        f"your {name} background counts: the article rates it {levels[role]} for {role_name(kb, role, plural=True)}, "
        f"{levels[other]} for {role_name(kb, other, plural=True)}"
        for _, name, levels in ahead[:limit]
    ]


def shared_strengths(kb: KnowledgeBase, mentions: Mentions | None, limit: int = 1) -> List[str]:
    """What the person already has that both roles rate alike and at the top ('I do MLOps, both roles seem to want
    that'): it counts whichever they pick, so it is said as such, not as a reason for one."""
    if mentions is None:
        return []
    top = max(q.EMPHASIS_RANK.values())
    alike: List[str] = []
    for skill in kb.skill_matrix:  # the specialised skills: the shared core (Python...) counts for everyone
        levels = [skill.levels[r] for r in ROLE_KEYS]
        if skill.key in mentions.whole and len(set(levels)) == 1 and q.EMPHASIS_RANK[levels[0]] == top:
            alike.append(
                f"your {skill.name} background counts for both roles: the article rates it {levels[0]} for both"
            )
    return alike[:limit]


def _steps_you_work_in(kb: KnowledgeBase, said: str, role: str) -> List[str]:
    """The workflow steps of `role` whose tools the person named ('Prometheus/Grafana dashboards' -> step 6,
    Monitoring and Maintenance, an AI Engineer's step): ties what they do now to the role's part of the work."""
    low = said.lower()
    lines = []
    for stage in kb.workflow.stages:
        used = [t for t in stage.tools if len(t) > 2 and re.search(rf"(?<!\w){re.escape(t.lower())}(?!\w)", low)]
        if used and q.roles_owning_stage(kb, stage.key) == [role]:
            lines.append(
                f"You already use {join(used)}: the article's tools for step {stage.number}, {stage.name} "
                f"({join(stage.activities).lower()}), a step it gives to {role_name(kb, role, plural=True)}."
            )
    return lines[:2]


def _reasons(kb: KnowledgeBase, state: State, role: str | None) -> tuple[List[str], List[str]]:
    """Each answer as "what you said: why it matters", split into what argues for `role` and what against it;
    no quote repeated."""
    support: List[str] = []
    against: List[str] = []
    quoted: List[str] = []
    for question in kb.advisor.questions:
        said = state.answers.get(question.slot)
        option = next((o for o in question.options if said and o.key == said.option), None)
        if option is None or said is None:
            continue
        quote = whole_phrase(said.said).lower()
        if quote and any(quote in earlier for earlier in quoted):
            said = replace(said, said="")
        elif quote:
            quoted.append(quote)
        line = f"{capitalise(label(kb, question.slot, said))}: {option.reason}."
        weight = 0.0 if role is None else direction(kb, question.slot, option.key, role)
        (against if weight < 0 else support).append(line)
    return support, against


def sureness(kb: KnowledgeBase, rec: Recommendation, state: State) -> str:
    """How sure, from the score margin and how many questions were answered."""
    margin = abs(rec.scores["ai_engineer"] - rec.scores["ml_engineer"])
    answered = len(state.option_keys())
    if margin >= 4 and answered >= 3:
        return "quite sure"
    if margin >= 2.5:
        return "fairly sure"
    return "a lean, not a verdict"


def direction(kb: KnowledgeBase, slot: str, option_key: str, role: str) -> float:
    """How much an answer argues for `role` (the scorer's own weighing, advisor.option_weight)."""
    question = question_for(kb, slot)
    option = next(o for o in question.options if o.key == option_key)
    return option_weight(question, option, lambda key: skill_weight(kb, key, role))


# A self-description asking where to begin ('where should I start?', 'what do I learn first?'): the path's first stage
WHERE_TO_START = re.compile(
    r"\bwhere (should|do|would|can|could|to) (i |we )?(start|begin)\b|\b(learn|study|pick up|focus on) first\b"
    r"|\bfirst (thing|step)s? (to|should|i)\b|\bhow (do|should|would|can) i (start|begin|get started)\b"
    r"|\bwhere (do|should|would|can) i (even )?(start|begin)\b"
    r"|\bwhat (should|do|would|must) i (need to )?(learn|study)\b",
    re.I,
)


# A self-description that weighs pay ('I want the best pay', 'whichever earns more')
WANTS_PAY = re.compile(
    r"\b(best|most|highest|higher|more|top|better|good) (pay|paid|salary|salaries|money)\b"
    r"|\b(pays?|earns?) (the )?(best|most|more)\b|\bmax(imi[sz]e)? (my )?(pay|salary|earnings)\b",
    re.I,
)


def pay_note(kb: KnowledgeBase, role: str) -> str:
    """Pay for someone who wants the most: who earns more at every level (or that it differs by level), against
    the role leaned to, and the article's note on who earns more still."""
    winners = {q.salary_gap(kb, level, "ml_engineer", "ai_engineer").higher_role for level in LEVEL_KEYS}
    if len(winners) == 1 and None not in winners:
        winner = winners.pop()
        against = "" if winner == role else f", though your other answers lean to {role_name(kb, role)}"
        said = f"{role_name(kb, winner)} earns more at every level in the article's ranges{against}."
    else:
        said = "Neither role earns more at every level in the article's ranges."
    return f"On pay: {said} {kb.salaries.growth_note}"


def start_here(kb: KnowledgeBase, role: str, said: str) -> str:
    """Where to begin, for a self-description that asks: the first learning-path stage of the role it leans to
    ('' when it does not ask)."""
    if not WHERE_TO_START.search(said):
        return ""
    first = kb.learning_paths[0]
    return f"Where to start: the {first.name} stage of the learning path ({join(getattr(first, role))})."


def what_would_change(kb: KnowledgeBase, rec: Recommendation, state: State) -> str:
    """The one answer (an open question first, else a change to one given) that would tip the outcome."""
    answers = state.option_keys()
    open_first = sorted(kb.advisor.questions, key=lambda question: question.slot in answers)
    for question in open_first:
        for option in question.options:
            if option.neutral or answers.get(question.slot) == option.key:
                continue
            tipped = recommend(kb, {**answers, question.slot: option.key}).role
            if tipped != rec.role and tipped is not None:
                # named, not 'the other role': someone torn between the two reads which one it would be
                return f"What would change it: if {option.label}, {role_name(kb, tipped)} would fit better."
    return ""


def _gap_summary(kb: KnowledgeBase, roles: Sequence[str], words: Sequence[str], mentions: Mentions) -> str:
    """The first skills to add for the recommended role(s), from the skills the person mentioned."""
    held = held_skills(kb, mentions)
    lines = []
    for role in roles:
        steps = next_steps(skill_gap(kb, role, held.mentions), limit=2, kb=kb)
        if steps:
            who = f" for {a_or_an(role_name(kb, role))}" if len(roles) > 1 else ""
            said = " ".join(words)
            lines.append(f"Add first{who}: {join([_short_step(kb, role, i, said) for i in steps])}.")
    return "\n".join(lines + _assumptions(held))


def _short_step(kb: KnowledgeBase, role: str, item: GapItem, said: str = "") -> str:
    return f"{item.name} ({item.stage} stage: {_stage_topics(kb, role, item, said)})" if item.stage else item.name


def _stage_topics(kb: KnowledgeBase, role: str, item: GapItem, said: str = "") -> str:
    """All the role's path stage teaches ('ML basics, APIs and cloud'), not only the topic that holds the skill:
    what to pick up next is the stage, and a newcomer to ML reads 'ML basics' there; but not a topic the person
    says they have ('deep learning, PyTorch': the advanced stage's model tuning, not its deep learning)."""
    stage = next((s for s in kb.learning_paths if s.name == item.stage), None)
    topics = list(getattr(stage, role, None) or ()) if stage else []
    if item.topic not in topics:
        return item.topic or ""
    return join([t for t in topics if t == item.topic or t.lower() not in said.lower()])


def _assumptions(held: Held) -> List[str]:
    return [f"Since {given}, I assume {what} — tell me if not." for given, what in held.assumed]


def skill_gap_answer(kb: KnowledgeBase, question: Question) -> Answer:
    """Skill-gap topic: the role to aim for (named, or the one the person's words and skills lean to) and the
    next steps for it, ranked by what the role rates highest that they lack, each with its learning-path stage.
    What they already have is counted, not read back to them; assumptions are said as such."""
    within = gap_scope(kb, question)
    if within is not None:  # what to brush up on within the core or one stage: what they said, nothing assumed
        held = Held(question.mentions or Mentions(set(), ()))
    else:
        held = held_skills(kb, question.mentions or Mentions(set(), ()))
    mentions = held.mentions
    if not mentions.keys and within is None:
        invite = (
            "Tell me what you already know and I'll compare it with a role, e.g. "
            "'I know Python, SQL and Docker, what do I need for ML engineering?'"
        )
        buttons = (
            follow_up("Which role fits me?", "ask_role_fit"),
            follow_up("Skills compared", "ask_skill_comparison"),
        )
        if question.role and LEARN_NEXT.search(question.text.lower()):  # 'what do I learn next for the AI one?'
            path = learning_path(kb, replace(question, topic="learning_path"))
            return Answer(f"{path.text}\n\n{invite}", path.buttons + buttons[:1])
        if question.role:  # a role named: what it needs now, the comparison once they say what they know
            needed = skills(kb, replace(question, topic="skills"))
            return Answer(f"{needed.text}\n\n{invite}", needed.buttons + buttons[:1])
        return Answer(invite, buttons)
    blocks = []
    target = gap_target(kb, question)
    if target is not None and question.role is None and destination(kb, question.text) is None:
        why = [why_it_leans(kb, question.text, target), *strengths_for(kb, mentions, target, limit=1)]
        blocks.append(f"Aim for {role_name(kb, target)}: {'; '.join(why)}.")
    if WHERE_TO_START.search(question.text):  # 'where do I even start?': the path's first stage, then the gaps
        first = kb.learning_paths[0]
        blocks.append(
            f"Where to start: both learning paths begin with the {first.name} stage ({join(first.ai_engineer)})."
        )
    roles = (target,) if target else ROLE_KEYS
    for role in roles:
        gap = skill_gap(kb, role, mentions)
        total = len(gap.covered) + len(gap.partial) + len(gap.missing)
        if gap.covered:
            started = f", and have a start on {len(gap.partial)} more" if gap.partial else ""
            have = f"you already cover {len(gap.covered)} of the {total} skills the article lists{started}"
        else:
            have = f"you have a start on {len(gap.partial)} of the {total} skills the article lists"
        in_order = bool(LEARN_FIRST.search(question.text.lower()))
        no_models = bool(NO_MODELS_YET.search(question.text.lower()))
        order = "in the order the learning path teaches them" if in_order else "most important first"
        order = "the top priority, then the model skills you have not touched" if no_models else order
        lines = [f"For {a_or_an(role_name(kb, role))} {have}. Next steps, {order}:"]
        if not gap.covered and not gap.partial:  # nothing said yet ('what would I need at foundation?')
            lines = [f"For {a_or_an(role_name(kb, role))}, next steps, {order}:"]
        if WHERE_AM_I.search(question.text.lower()):  # 'where am I on the ML engineer path?': the stage first
            lines.insert(0, where_on_path(kb, role, gap))
        ranked = list(next_steps(gap, limit=len(gap.missing) + len(gap.partial), kb=kb, in_order=in_order))
        if within is not None:  # 'which of the shared core skills should I brush up on?': only those
            ranked = [item for item in ranked if within(item)]
        if no_models:  # "I've never trained a model": the role's top priority, then the ML basics, then the rest
            ranked = ranked[:1] + sorted(ranked[1:], key=lambda item: item.key not in MODEL_SKILLS)
        steps = [_step(kb, role, item, question.text) for item in ranked[: 4 if no_models else 3]]
        numbered = "\n".join(f"{n}. {step}" for n, step in enumerate(steps, 1))
        lines.append(numbered or "Nothing major: you cover every area.")
        blocks.append("\n".join(lines))
    blocks += _assumptions(held)
    buttons: tuple[Button, ...] = tuple(
        follow_up(f"{role_name(kb, r)} learning path", "ask_learning_path", role=r) for r in roles
    )
    return Answer("\n".join(blocks), buttons)


# 'where am I on the path?', 'how far along am I?': the stage the person has reached
WHERE_AM_I = re.compile(r"\bwhere (am i|do i stand|would i be|i am)\b|\bhow far (along )?(am i|have i got)\b")


def where_on_path(kb: KnowledgeBase, role: str, gap: SkillGap) -> str:
    """The stage of the role's learning path the person has reached: the stage of the first skill, in the order
    the path teaches them, they have not started, and the stages before it as covered."""
    untouched = replace(gap, partial=())  # a skill they have a start on is reached
    first = next(iter(next_steps(untouched, limit=1, kb=kb, in_order=True)), None)
    names = [stage.name for stage in kb.learning_paths]
    at = names.index(first.stage) if first is not None and first.stage in names else 0
    stage = kb.learning_paths[at]
    here = f"next comes the {stage.name} stage ({join(getattr(stage, role))})"
    if at == 0:
        return f"Where you are on the path: at its start; {here}."
    done = kb.learning_paths[at - 1]
    covered = f"the {done.name} stage" if at == 1 else f"the stages up to {done.name}"
    return f"Where you are on the path: you cover {covered} ({join(getattr(done, role))}); {here}."


# 'what do I learn next?', 'what should I study after that?': with nothing known of the person, the role's path
LEARN_NEXT = re.compile(r"\b(learn|study|pick up|tackle)\b.{0,20}\b(next|after|then)\b")


# 'what do I learn first?' asks for the path's order; 'where do I start?' for a coach's priorities (the role's
# top-rated skills the person lacks, tests/e2e/test_personas.py).
LEARN_FIRST = re.compile(r"\b(learn|study|pick up|need|tackle|start with|focus on) first\b")


NO_MODELS_YET = re.compile(
    r"\b(never|not yet|no|haven'?t|have not|without)\b(\s+\w+){0,3}\s+(trained|train|built|build|done|touched)?"
    r"\s*(an? |any )?(ml|machine learning|models?|model training)\b"
)
MODEL_SKILLS = ("ml_algorithms", "model_development")


def gap_target(kb: KnowledgeBase, question: Question) -> str | None:
    """The role a skill-gap answer aims at: the one named, the one they head to, else the one their words lean to
    (None: both); the action keeps it as the recommended role, so "my starting salary?" is about it."""
    mentions = held_skills(kb, question.mentions or Mentions(set(), ())).mentions
    if not mentions.keys:
        return question.role
    return question.role or destination(kb, question.text) or lean_from(kb, question.text, mentions)


def destination(kb: KnowledgeBase, text: str) -> str | None:
    """The role someone says they are heading to ("I'm an ML engineer ... I want to move toward AI engineering"):
    the one named after "to", "toward", "into" or "become", when only one is."""
    said = " ".join(text.lower().split())
    found = set()
    for key, role in kb.roles.items():
        names = {role.name, role.plural, *role.aliases}
        names |= {n.lower().replace("engineer", "engineering") for n in names if n.lower().endswith("engineer")}
        for name in names:
            pattern = rf"\b(to|toward|towards|into|become|becoming)\s+(an?\s+)?{re.escape(name.lower())}\b"
            if re.search(pattern, said):
                found.add(key)
    return found.pop() if len(found) == 1 else None


def lean_from(kb: KnowledgeBase, text: str, mentions: Mentions) -> str | None:
    """The role a message leans to: what it says about the person (the interview's reading), else their skills."""
    described = {slot: said.option for slot, said in described_answers(kb, text).items() if said.option != SKIP}
    if described:
        role = recommend(kb, described).role
        if role is not None:
            return role
    return aim(kb, mentions)


def why_it_leans(kb: KnowledgeBase, text: str, role: str) -> str:
    """The first thing the person said that argues for `role` (its label, not their words), else their skills."""
    described = described_answers(kb, text)
    for question in kb.advisor.questions:
        said = described.get(question.slot)
        if said and said.option != SKIP and direction(kb, question.slot, said.option, role) > 0:
            option = next(o for o in question.options if o.key == said.option)
            return f"{option.label}, and {option.reason}"
    return f"the skills you have count for more there ({kb.roles[role].focus})"


# 'the shared core skills', 'core skills', 'common skills': the five areas both roles need
SHARED_CORE = re.compile(r"\b(shared|core|common|both roles'?) (core )?(skills?|areas?)\b|\bshared core\b")


def gap_scope(kb: KnowledgeBase, question: Question) -> Callable[[GapItem], bool] | None:
    """The part of the skill gap a question asks about: one learning-path stage ('what would I need at
    foundation?'), the shared core ('which core skills should I brush up on?'), else all of it (None)."""
    stage = next((s.name for s in kb.learning_paths if s.key == question.path_stage), None)
    if stage is not None:
        return lambda item: item.stage == stage
    if SHARED_CORE.search(question.text.lower()):
        return lambda item: item.level == "Core"
    return None


def _core_items(kb: KnowledgeBase, key: str) -> str:
    """A shared core area's parts as the article lists them ('Python, Java or C++')."""
    area = next((a for a in kb.core_skills.areas if a.key == key), None)
    return join(list(area.items), "or" if area.any_of else "and") if area is not None else ""


def _step(kb: KnowledgeBase, role: str, item: GapItem, said: str = "") -> str:
    level = f"shared core skill: {_core_items(kb, item.key)}" if item.level == "Core" else f"{item.level} for this role"
    comma = "; " if item.level == "Core" else ", "  # after the area's own list of parts
    where = f"{comma}{item.stage} stage: {_stage_topics(kb, role, item, said)}" if item.stage else ""
    return f"{item.name} ({level}{where})"
