"""Skills: the skill tables, one skill, the comparison between roles, and the learning paths that teach them."""

from __future__ import annotations

import re
from typing import List

from actions.answers.phrasing import Answer, a_or_an, bullets, capitalise, echo, follow_up, join, role_name, roles_of
from actions.knowledge import keys as kb_keys
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding import lookups
from actions.understanding.context import ASKS_ITEMS
from actions.understanding.question import Question
from actions.understanding.topics import WHICH_TO_PICK

_LEVEL_WORDS = re.compile(r"\b(basic|moderate|advanced|medium|high)\b", re.I)
_EXTREME = re.compile(r"\b(weakest|lowest|least)\b|\b(strongest|highest|most advanced)\b", re.I)
_WHICH_AREAS = re.compile(
    r"\b(which|what|where|any)\b.*\b(areas?|skills?|ones?|rows?|entries|rated|level|scores?|scored)\b"
    r"|\bweakest|\bstrongest"
    r"|\bwhich (are|is)\b"  # 'and which are only moderate?' after the advanced ones
    r"|\bwhat else (is|are|gets?|has)\b"  # 'what else is medium for them?'
    r"|^\W*((and|so|but|ok|okay|now)\W+)+(what about |how about )?(only |just )?(basic|moderate|advanced|medium|high)"
    r"\b(?=\W*(for|with|on|in)\b|\W*$)"  # 'and medium for the AI engineer?': the same question, another rating
    r"|^\W*(and |so |but )?where\b",  # 'where is the ML engineer only basic?'
    re.I,
)


_SAME_RATING = re.compile(
    r"\b(same|that|this|similar|equal) (level|rating|score|grade)\b|\b(rated|ranked|scored|rates) the same\b", re.I
)


def _same_rating(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'which other areas are at the same level for them?' after one skill's rating for a role: the other skills
    that role has at that rating, in the same table (the two tables rate on different scales)."""
    terms = {(t.matrix_skill, t.summary_skill): t for t in question.skill_terms + question.tool_terms}
    terms.pop((None, None), None)
    if not question.role or not _SAME_RATING.search(question.text) or len(terms) != 1:
        return None
    role, term = question.role, next(iter(terms.values()))
    named = q.matrix_skill(kb, term.matrix_skill) if term.matrix_skill else q.summary_skill(kb, term.summary_skill)
    table = kb.skill_matrix if term.matrix_skill else kb.skill_summary
    chosen = [r for r in table if r.levels[role] == named.levels[role] and r.key != named.key]
    who = role_name(kb, role, plural=True)
    if not chosen:
        return Answer(f"No other skill area is rated {named.levels[role]} for {who}: only {named.name}.")
    lines = [f"{r.name}: {r.levels[role]}" for r in chosen]
    return Answer(
        f"Other skill areas rated {named.levels[role]} for {who}, like {named.name}:\n{bullets(lines)}",
        (follow_up("All skills compared", "ask_skill_comparison"),),
    )


# 'where are they equal?', 'any areas where they're rated the same?', 'where are they tied?': both roles alike.
_EQUAL = re.compile(
    r"\b(equal(ly)?|tied?|on par|match(es|ed|ing)?|identical|alike|(rated|scored?|ranked|rate) the same"
    r"|the same (level|rating|score))\b",
    re.I,
)
# 'where is the ML engineer rated higher?', 'anything where ML is ahead?': one role above the other.
_AHEAD = re.compile(r"\b(ahead|higher|stronger|more (advanced|demanding)|outrank\w*)\b", re.I)
_WHERE = re.compile(r"\b(which|what|where|any|anything|areas?|skills?)\b", re.I)


def _equal_or_ahead(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'where are they equal?' (the skills both roles are rated alike) and 'where is the ML engineer rated
    higher?' (the skills one role is rated above the other), over both of the article's tables."""
    text = question.text
    if not _WHERE.search(text) or question.skills or question.tools:
        return None
    if _EQUAL.search(text):  # between the two roles, whichever was talked about
        shared = [f"{name}: {level} for both" for name, level in q.skills_shared(kb)]
        return Answer(
            f"Where both roles are rated the same:\n{bullets(shared)}",
            (follow_up("Where they differ", "ask_skill_comparison"), follow_up("All skills", "ask_skills")),
        )
    if _AHEAD.search(text) and question.roles:
        role = question.roles[0]  # 'ML rated higher than AI': the role named first
        rows = [f"{name} ({mine} vs {theirs})" for name, mine, theirs in q.skills_where_ahead(kb, role)]
        other = q.other_role(role)
        return Answer(
            f"Where {a_or_an(role_name(kb, role))} is rated higher than {a_or_an(role_name(kb, other))}:\n"
            f"{bullets(rows)}",
            (follow_up("And the other way round?", "ask_skill_comparison", role=other),),
        )
    return None


def _by_level(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'which areas are moderate for an AI engineer?', 'where is the ML engineer weakest?', 'which skills are
    advanced for both?': the skills of the tables at that rating, not one skill or the whole table."""
    text = question.text
    same = _same_rating(kb, question) or _equal_or_ahead(kb, question)
    if same:
        return same
    asked = {w.capitalize() for w in _LEVEL_WORDS.findall(text)}
    extreme = _EXTREME.search(text)
    if not _WHICH_AREAS.search(text) or not (asked or extreme):
        return None
    roles = question.roles or ROLE_KEYS
    rows = [*kb.skill_matrix, *kb.skill_summary]
    if extreme:
        ranks = [q.EMPHASIS_RANK[r.levels[role]] for r in rows for role in roles]
        target = min(ranks) if extreme.group(1) else max(ranks)
        chosen = [r for r in rows if all(q.EMPHASIS_RANK[r.levels[role]] == target for role in roles)]
    elif question.roles or re.search(r"\b(both|each|all)\b", text, re.I):
        chosen = [r for r in rows if all(r.levels[role] in asked for role in roles)]
    else:  # 'any skill areas where only basic level is required': for either role
        chosen = [r for r in rows if any(r.levels[role] in asked for role in roles)]
    if not chosen:
        return None
    who = (
        " and ".join(role_name(kb, r, plural=True) for r in roles) if len(roles) > 1 else role_name(kb, roles[0], True)
    )
    lines = [f"{r.name}: " + ", ".join(f"{role_name(kb, role)} {r.levels[role]}" for role in roles) for r in chosen]
    return Answer(
        f"Skill areas for {who} at that rating:\n{bullets(lines)}",
        (follow_up("All skills compared", "ask_skill_comparison"),),
    )


# 'what does CI/CD sit with in the shared core skills?': the shared core area of a term the skill tables also rate.
_SHARED_CORE = re.compile(r"\b(shared|common) (core|foundation)\b|\bcore skills?\b", re.I)


def _asks_items(question: Question) -> bool:
    text = question.text
    return bool(ASKS_ITEMS.search(text) or WHICH_TO_PICK.search(text) or _SHARED_CORE.search(text))


def skills(kb: KnowledgeBase, question: Question) -> Answer:
    by_level = _by_level(kb, question)
    if by_level:
        return by_level
    table = one_table(kb, question)
    if table:
        return table
    asks_items = _asks_items(question)
    core = core_areas(kb, question) if asks_items else None
    if core:
        return core
    rated = _rated_terms(question)
    if rated:  # 'the API & microservices rating for both, and the system integration rating': each one's ratings
        answers = [
            _one_skill(kb, question, _named_with(question, term), term.matrix_skill, term.summary_skill)
            for term in rated
        ]
        return Answer("\n\n".join([*(a.text for a in answers), *_tools_named(kb, question)]), answers[0].buttons)
    if question.compare and not question.skills:
        return skill_comparison(kb, question)
    core = core_areas(kb, question)
    if core:
        return core
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


def _named_with(question: Question, term) -> str:
    """The words of every skill or tool the question names that the same table rows rate ('kubernetes and
    docker': both rated as MLOps), so the answer names each one asked, not the first only."""
    row = {k for k in (term.matrix_skill, term.summary_skill) if k}
    said = [t.text for t in question.skill_terms + question.tool_terms if row & set(t.skill_keys)]
    return join(list(dict.fromkeys(s.lower() for s in said))) or term.text


def _tools_named(kb: KnowledgeBase, question: Question) -> List[str]:
    """Where the article lists each tool the question names ('do I need Kubernetes and Docker?': the MLOps and
    deployment tools, workflow step 5), after its rating: a tool is asked about as itself, not only as a skill."""
    from actions.answers.workflow import _one_tool  # (imported here: workflow's answers build on this module's)

    said, groups = [], set()
    for term in question.tool_terms:
        use = q.tool_use(kb, term.tool) if term.tool and not term.core_areas else None
        named = {c.name for c in use.categories} if use else set()
        if use and not named & groups:  # one line per group: 'Kubernetes and Docker' are both MLOps tools
            said.append(_one_tool(kb, term.tool).text)
        groups |= named
    return said


def _rated_terms(question: Question) -> List:
    """The skills and tools the question names that the skill tables rate, one per table row (in order)."""
    terms, rows = [], set()
    for term in question.skill_terms + question.tool_terms:
        row = (term.matrix_skill, term.summary_skill)
        if any(row) and not (rows & {("m", row[0]), ("s", row[1])} - {("m", None), ("s", None)}):
            terms.append(term)
            rows |= {("m", row[0]), ("s", row[1])}
    return terms


_ELSE_BESIDES = re.compile(r"\b(besides|other than|apart from|aside from|except)\b", re.I)
_YES_NO = re.compile(r"^\W*(and |so )?(is|are|does|do)\b", re.I)


def core_areas(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'which programming languages?', 'is C++ listed?', 'the version control requirement?': the shared core
    area(s) the words name, with a yes first when asked whether an item is listed."""
    asks_items = _asks_items(question)
    terms = [t for t in question.skill_terms + question.tool_terms if t.core_areas and (asks_items or not t.skill_keys)]
    keys = list(dict.fromkeys(k for t in terms for k in t.core_areas))
    if not keys and _SHARED_CORE.search(question.text):  # 'CI/CD' in the shared core: the area listing it in words
        said = [t.text.lower() for t in question.skill_terms + question.tool_terms]
        keys = [a.key for a in kb.core_skills.areas if any(w in i.lower().split() for i in a.items for w in said)]
        terms = [t for t in question.skill_terms + question.tool_terms if t.text.lower() in " ".join(said)]
    areas = [a for a in kb.core_skills.areas if a.key in keys]
    besides = _ELSE_BESIDES.search(question.text)
    clause = re.split(r"[,?;]|\band (?:which|what|who|how)\b", question.text[besides.end() :])[0] if besides else ""
    left_out = {k for t in terms if t.text.lower() in clause.lower() for k in t.core_areas}
    rest = _other_items(kb, terms, question.text[: besides.start()], clause) if besides else None
    if rest:
        return rest
    if areas and left_out:  # 'what else is in the shared core besides programming?': the other areas
        others = [a for a in kb.core_skills.areas if a.key not in left_out]
        lines = [f"{a.name}: {join(a.items, 'or' if a.any_of else 'and')}" for a in others]
        return Answer(
            f"Besides that, the shared core skills both roles need are:\n{bullets(lines)}",
            (follow_up("All shared core skills", "ask_skills"), follow_up("Where they differ", "ask_skill_comparison")),
        )
    if not areas:
        return None
    lines = [f"{a.name}: {join(a.items, 'or' if a.any_of else 'and')}" for a in areas]
    items = {i.lower() for a in areas for i in a.items}
    named = [t.text for t in terms if t.text.lower() in items]
    lead = "Yes: " if named and _YES_NO.search(question.text) else ""
    head = f"{lead}{'in' if lead else 'In'} the shared core skills both roles need, the article lists"
    return Answer(
        f"{head}:\n{bullets(lines)}",
        (follow_up("All shared core skills", "ask_skills"), follow_up("Where they differ", "ask_skill_comparison")),
    )


def _area_words_in(kb: KnowledgeBase, text: str) -> set:
    """The shared core areas whose name or everyday words ('languages', 'maths') the text says."""
    low = text.lower()
    return {
        a.key
        for a in kb.core_skills.areas
        for w in [a.name, *kb.vocabulary.core_area_words.get(a.key, [])]
        if re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", low)
    }


def _other_items(kb: KnowledgeBase, terms: List, ahead: str, clause: str) -> Answer | None:
    """'what languages besides Python?': the other items of the area the words ask for, less the item set aside
    (not the other areas: Python is one programming language, the question still asks for languages)."""
    low = clause.lower()
    asked = _area_words_in(kb, ahead) | {k for t in terms if t.text.lower() not in low for k in t.core_areas}
    for area in kb.core_skills.areas:
        said = [t.text.lower() for t in terms if t.text.lower() in low]
        out = [i for i in area.items if area.key in asked and i.lower() in said]
        if out:
            others = join([i for i in area.items if i not in out], "or" if area.any_of else "and")
            return Answer(
                f"Besides {join(out)}, the shared core skill {area.name} lists: {others}.",
                (
                    follow_up("All shared core skills", "ask_skills"),
                    follow_up("Where they differ", "ask_skill_comparison"),
                ),
            )
    return None


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
    comparing = re.search(r"\b(more|less|than|vs|versus|compar\w*|differ\w*|thing)\b", question.text, re.I)
    if question.role and not question.compare and not comparing:
        return _one_skill_for(kb, question.role, raw, key, summary_key)
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
    core = _core_line(kb, question)
    return Answer(
        f"How much '{echo(raw)}' matters to each role:\n"
        + bullets(lines)
        + (f"\n{verdict}" if verdict else "")
        + (f"\n{core}" if core else ""),
        (
            follow_up("All skills compared", "ask_skill_comparison"),
            follow_up("Where to learn it", "ask_learning_path"),
        ),
    )


def _core_line(kb: KnowledgeBase, question: Question) -> str:
    """The shared core area a rated skill also is ('cloud': AWS, Azure or Google Cloud), so 'do I need to know
    clouds?' names the platforms too; empty when the words name no core area."""
    keys = {k for t in question.skill_terms + question.tool_terms for k in t.core_areas}
    areas = [a for a in kb.core_skills.areas if a.key in keys]
    said = "; ".join(f"{a.name.lower()}: {join(a.items, 'or' if a.any_of else 'and')}" for a in areas)
    return f"Both roles also need it in the shared core ({said})." if areas else ""


def _one_skill_for(kb: KnowledgeBase, role: str, raw: str, key: str | None, summary_key: str | None) -> Answer:
    """One skill for one role: that role's rating only (the other role's is a button away)."""
    name = role_name(kb, role)
    lines = []
    if key:
        s = q.matrix_skill(kb, key)
        lines.append(f"{s.name} (specialised-skills table): {s.levels[role]}")
    if summary_key:
        s2 = q.summary_skill(kb, summary_key)
        lines.append(f"{s2.name} (summary table): {s2.levels[role]}")
    return Answer(
        f"How much '{echo(raw)}' matters for {a_or_an(name)}:\n" + bullets(lines),
        (
            follow_up("And the other role?", "ask_other_role"),
            follow_up("All skills compared", "ask_skill_comparison"),
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


def _where_taught(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'which cloud vendors should I learn?': the stages whose topics build the named skill, plus what the
    article lists for it; None when no named skill maps to a learning-path topic."""
    for term in question.skill_terms + question.tool_terms:
        raw = term.text
        keys = {*term.skill_keys, *term.core_areas}
        topics = [t for t, skills in kb.learning_topic_skills.items() if keys & set(skills)]
        rows = [
            f"{role_name(kb, r)}, {st.name} stage: {join(getattr(st, r))}"
            for st in kb.learning_paths
            for r in roles_of(question)
            if set(getattr(st, r)) & set(topics)
        ]
        if not rows:
            continue
        areas = [
            f"{a.name}: {join(a.items, 'or' if a.any_of else 'and')}" for a in kb.core_skills.areas if a.key in keys
        ]
        extra = f"\nThe shared core lists {'; '.join(areas)}." if areas else ""
        if keys & {kb_keys.CLOUD_PLATFORMS, kb_keys.CLOUD_SERVICES, kb_keys.CLOUD_DEPLOYMENT}:
            extra += f"\nCloud AI platforms: {join(q.tool_category(kb, kb_keys.CLOUD_AI_PLATFORMS).items)}."
        return Answer(
            f"Where the learning path covers '{echo(raw)}':\n{bullets(rows)}{extra}",
            (follow_up("The whole learning path", "ask_learning_path"),),
        )
    return None


# 'what do learners use the learning path comparison for?', 'what's the point of the stages?': its purpose.
_ASKS_PURPOSE = re.compile(
    r"\b(purpose|point of)\b|\b(use|used|using|good|meant|there)\b.{0,40}\bfor\W*$"
    r"|\bwhat\b.{0,40}\bfor\W*$|\bhelps? (learners|people|you|me)\b"
    r"|\b(meant|supposed|designed|intended|there) to (help|do|achieve|serve|show)\b|\bhelp (\w+ )?with\W*$",
    re.I,
)
# The paths as a whole ('that learning-path comparison', 'the stage-by-stage structure'): its purpose is asked even
# right after one stage
_WHOLE_PATHS = re.compile(r"\b(comparison|structure|stage[- ]by[- ]stage|(learning[- ])?paths|overall|whole)\b", re.I)


def learning_path(kb: KnowledgeBase, question: Question) -> Answer:
    whole = not question.path_stage or _WHOLE_PATHS.search(question.text)
    if kb.learning_path_note and whole and _ASKS_PURPOSE.search(question.text):
        return Answer(
            kb.learning_path_note,
            (
                follow_up("The whole learning path", "ask_learning_path"),
                follow_up("Which role fits me?", "ask_role_fit"),
            ),
        )
    if question.path_stage:
        st = q.learning_stage(kb, question.path_stage)
        rows = [f"{role_name(kb, r)}: {join(getattr(st, r))}" for r in roles_of(question)]
        buttons = []
        nxt = lookups.shifted_learning_stage(kb, st.key, 1)
        if nxt:
            buttons.append(follow_up("The next stage", "inform", path_stage=nxt.key))
        buttons.append(follow_up("The whole learning path", "ask_learning_path"))
        if len(roles_of(question)) == 2 and st.ai_engineer == st.ml_engineer:
            rows = [f"Both roles, the same: {join(st.ai_engineer)}"]
        number = [s.key for s in kb.learning_paths].index(st.key) + 1
        head = f"Learning path, stage {number} of {len(kb.learning_paths)}, {st.name}:"
        return Answer(f"{head}\n{bullets(rows)}", tuple(buttons))
    taught = _where_taught(kb, question)
    if taught:
        return taught
    if question.role:
        steps = [
            f"{i}. {name}: {join(topics)}" for i, (name, topics) in enumerate(q.learning_path(kb, question.role), 1)
        ]
        return Answer(
            f"Learning path for {a_or_an(role_name(kb, question.role))}:\n{bullets(steps)}",
            (
                follow_up("And the other role?", "ask_other_role"),
                follow_up("Which role fits me?", "ask_role_fit"),
            ),
        )
    rows = [
        f"{i}. {s.name}: AI Engineer — {join(s.ai_engineer)}; ML Engineer — {join(s.ml_engineer)}"
        for i, s in enumerate(kb.learning_paths, 1)
    ]
    note = f"\n{kb.learning_path_note}" if kb.learning_path_note else ""
    return Answer(
        f"Learning paths, stage by stage:\n{bullets(rows)}{note}",
        (
            follow_up("AI Engineer path", "ask_learning_path", role="ai_engineer"),
            follow_up("ML Engineer path", "ask_learning_path", role="ml_engineer"),
        ),
    )


_IN_COMMON = re.compile(r"\b(in common|common|shared?|share|overlap\w*|both (need|have|use))\b", re.I)


# The article's two skill tables, by the words that name one ('the specialized skills table', 'the summary table').
_MATRIX_NAMED = re.compile(r"\bspeciali[sz]ed[- ]skills?\b|\bskills? by role\b|\bskill matrix\b", re.I)
_SUMMARY_NAMED = re.compile(r"\bsummary( table)?\b|\brole vs\.? skill\b|\bskill mapping\b", re.I)


def one_table(kb: KnowledgeBase, question: Question) -> Answer | None:
    """'how many skill areas are in the specialized skills table?': the rows of the one table the words name, each
    with both roles' ratings (so a count counts that table's rows, not the differences across both tables);
    None when no table, or a skill of it, is named."""
    if question.skills or question.tools or question.role:
        return None
    matrix, summary = _MATRIX_NAMED.search(question.text), _SUMMARY_NAMED.search(question.text)
    if bool(matrix) == bool(summary):
        return None
    rows = kb.skill_matrix if matrix else kb.skill_summary
    title = "Specialized skills by role" if matrix else "Summary table: role vs skill mapping"
    lines = [f"{r.name}: AI Engineer {r.levels['ai_engineer']}, ML Engineer {r.levels['ml_engineer']}" for r in rows]
    return Answer(
        f"{title}, {_NUMBER_WORDS_TABLE[len(rows)]} rows ({len(rows)}):\n{bullets(lines)}",
        (follow_up("All skills compared", "ask_skill_comparison"),),
    )


_NUMBER_WORDS_TABLE = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


# 'which one has the biggest gap?', 'where do they differ most?': the ratings furthest apart.
_WIDEST = re.compile(
    r"\b(biggest|largest|widest|greatest|most) (gap|difference|spread|mismatch)\b|\b(differ|diverge)s? (the )?most\b",
    re.I,
)


def _widest_gaps(kb: KnowledgeBase) -> Answer:
    """The skills whose two ratings lie furthest apart (the skill tables' scales), with both ratings."""
    rows = [f"{name}: AI Engineer {ai}, ML Engineer {ml}" for name, ai, ml in q.widest_skill_gaps(kb)]
    return Answer(
        f"The widest gap between the two roles' ratings:\n{bullets(rows)}",
        (follow_up("All skills compared", "ask_skill_comparison"),),
    )


def skill_comparison(kb: KnowledgeBase, question: Question) -> Answer:
    by_level = _by_level(kb, question)
    if by_level:
        return by_level
    table = one_table(kb, question)
    if table:
        return table
    if _WIDEST.search(question.text) and not question.skills and not question.tools:
        return _widest_gaps(kb)
    if _IN_COMMON.search(question.text) and not question.skills:
        return _core_skills(kb)  # 'what skills do both roles have in common?': the shared core, not the gaps
    named = [(t.text, t.matrix_skill, t.summary_skill) for t in question.skill_terms + question.tool_terms]
    named = [n for n in named if n[1] or n[2]]
    core = core_areas(kb, question) if ASKS_ITEMS.search(question.text) or not named else None
    if core:
        return core
    if named:
        rows = _skill_rows(kb, [(k, s) for _, k, s in named])
        rows = list({(type(r).__name__, r.name): r for r in rows}.values())
        lines = [
            f"{r.name}: AI Engineer {r.levels['ai_engineer']}, ML Engineer {r.levels['ml_engineer']}" for r in rows
        ]
        verdict = _skill_verdict(rows)
        what = join(list(dict.fromkeys(echo(raw) for raw, _, _ in named)))
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
