"""US salary ranges (2026 outlook): bands, gaps between roles and levels, what moves pay, places not covered."""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

from actions.answers.charts import salary_chart
from actions.answers.phrasing import (
    LEVEL_NAMES,
    Answer,
    Button,
    band_text,
    bullets,
    capitalise,
    echo,
    follow_up,
    join,
    money,
    role_name,
)
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding import lookups
from actions.understanding.question import Question


def _salary_scope(kb: KnowledgeBase) -> str:
    s = kb.salaries
    return f"US, {s.outlook_year} outlook"


def salary(kb: KnowledgeBase, question: Question) -> Answer:
    roles = question.roles
    # 'what does the last one in that list get paid?' (NLP Engineer, of the ML-focused titles): a title that is
    # no role has no figures, whatever role its group carried
    if question.job_title and (not roles or question.job_title not in kb.roles):
        title = q.job_title_name(kb, question.job_title) or echo(question.job_title)
        return _not_given(
            kb,
            question,
            f"The article gives salary figures only for AI Engineers and Machine Learning Engineers, so it has no "
            f"numbers for {title} and I won't guess.",
        )
    unknown = question.unknown_value("role") or question.unknown_value("job_title")
    if unknown and not roles:
        return _not_given(
            kb,
            question,
            f"I don't have salary figures for '{echo(unknown)}': the article covers only AI Engineers and Machine "
            "Learning Engineers.",
        )
    if question.location and not question.location_in_us:
        return _not_given(kb, question, location_note(kb, question.location))
    if question.unknown_value("level") and not question.level:
        return _not_given(
            kb,
            question,
            f"The article does not give pay for '{echo(question.unknown_value('level') or '')}': it splits pay into "
            "entry, mid and senior levels only.",
        )
    if question.compare and len(_levels(question)) == 1:
        return salary_comparison(kb, question)  # 'is it more than the AI engineer at this level?'
    notes: List[str] = []
    levels = _levels(question)
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
        body += "\nThe + means the senior band has no fixed ceiling: pay can go higher than its top figure."
    text = "\n".join([*notes, body])
    return Answer(text, _salary_buttons(question, roles, levels))


def _levels(question: Question) -> Tuple[str, ...]:
    """The levels asked: one, several ('entry and senior'), else all three."""
    return (question.level,) if question.level else question.levels or LEVEL_KEYS


def location_note(kb: KnowledgeBase, location: str, salary: bool = True) -> str:
    """Said whenever a place outside the US comes up: the article's only place-bound figures are US salaries."""
    place = location.strip()
    name = (
        place if place[:1].isupper() else " ".join(w.capitalize() if len(w) > 3 else w.upper() for w in place.split())
    )
    if not salary:
        return (
            f"The article has nothing specific to {echo(name)}: its only figures tied to a place are salary ranges "
            f"for the {kb.salaries.country}."
        )
    if place.lower() in ("remote", "remotely"):
        return (
            f"The article's salary figures cover only the {kb.salaries.country}; it does not give any for remote work "
            "(it only lists location and remote policies among the factors that move pay)."
        )
    return f"The article's salary figures cover only the {kb.salaries.country}; it does not give any for {echo(name)}."


def _not_given(kb: KnowledgeBase, question: Question, says: str) -> Answer:
    """Pay the article does not give (another place, title or level): say so and show no figure (a US figure for
    the two roles would answer another question); what it does have is one button away."""
    roles = question.roles or ROLE_KEYS
    scope = " for the " + " or the ".join(role_name(kb, r) for r in roles) if len(roles) == 1 else ""
    text = (
        f"{says} What it does give are yearly US ranges{scope} by level (entry, mid, senior) for "
        f"{kb.salaries.outlook_year}, and it names location, industry and cloud/MLOps skills among the factors "
        "that move pay."
    )
    entities = {"role": roles[0]} if len(roles) == 1 else {}
    buttons = (
        follow_up("US salary ranges", "ask_salary", **entities),
        follow_up("What affects salary?", "ask_salary_factors"),
    )
    return Answer(text, buttons)


def _salary_buttons(question: Question, roles: Sequence[str], levels: Sequence[str]) -> Tuple[Button, ...]:
    buttons: List[Button] = []
    if len(roles) == 1 and len(levels) < len(LEVEL_KEYS):
        buttons.append(follow_up("Full salary table", "ask_salary"))
    if len(levels) == 1:
        for level in LEVEL_KEYS:
            if level != levels[0]:
                buttons.append(follow_up(f"{LEVEL_NAMES[level].capitalize()}?", "inform", level=level))
    if len(roles) == 1:
        buttons.append(follow_up("And the other role?", "ask_other_role"))
    buttons.append(follow_up("What affects salary?", "ask_salary_factors"))
    return tuple(buttons)


# 'does security knowledge raise pay?', 'is production deployment experience one of those factors?'
_ASKS_YES_NO = re.compile(r"^\W*((and|so|but|ok|okay|also)\W+)?(is|are|does|do|would|will|can|could|should)\b", re.I)


def salary_factors(kb: KnowledgeBase, question: Question) -> Answer:
    s = kb.salaries
    named = [] if question.text.startswith("/") else lookups.salary_factors_named(kb, question.text)
    if named:  # the factor asked about, not the whole list
        yes = "Yes: " if _ASKS_YES_NO.search(question.text) else ""
        listed = f"{join(named)} is" if len(named) == 1 else f"{join(named)} are"
        text = (
            f"{yes}{capitalise(listed) if not yes else listed} among the factors the article says move salaries "
            f"(it does not say by how much). {s.growth_note}"
        )
        return Answer(
            text, (follow_up("All salary factors", "ask_salary_factors"), follow_up("Salary ranges", "ask_salary"))
        )
    return Answer(
        f"What moves salaries, per the article:\n{bullets(s.factors)}\n{s.growth_note}",
        (follow_up("Salary ranges", "ask_salary"),),
    )


def salary_comparison(kb: KnowledgeBase, question: Question) -> Answer:
    title = q.job_title_name(kb, question.job_title) if question.job_title else None
    title = title or echo(question.unknown_value("job_title") or "")
    if title:
        return _not_given(  # 'how does ML engineer pay compare with a data scientist's?'
            kb,
            question,
            f"The article gives salary figures only for AI Engineers and Machine Learning Engineers, so it has no "
            f"numbers for {title} to compare with and I won't guess.",
        )
    levels = _levels(question)
    a, b = ("ml_engineer", "ai_engineer")
    if question.roles and question.roles[0] == "ai_engineer" and len(question.roles) == 1:
        a, b = b, a
    lines = []
    winners = {q.salary_gap(kb, level, a, b).higher_role for level in levels}
    if len(levels) > 1 and len(winners) == 1 and None not in winners:  # 'does that hold at every level?': yes/no
        lines.append(f"At every level: {role_name(kb, winners.pop())} earns more.")
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
                f"{role_name(kb, winner)} earns more, by {amount}."
            )
        else:
            lines.append(f"{LEVEL_NAMES[level].capitalize()}: the ranges overlap with no clear leader.")
    text = f"Pay compared ({_salary_scope(kb)}, {kb.salaries.nature}):\n{bullets(lines)}\n{kb.salaries.growth_note}"
    return Answer(
        text,
        (follow_up("What affects salary?", "ask_salary_factors"), follow_up("Full salary table", "ask_salary")),
        salary_chart(kb, levels),
    )
