"""Enterprise use cases and constraints, challenges and best practices."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import List, Sequence

from actions.answers.phrasing import Answer, Button, a_or_an, bullets, follow_up, join, role_name
from actions.answers.workflow import scenarios, workflow
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding import lookups, meaning
from actions.understanding.question import Question

_ORDINAL_NAMES = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth")


def list_item(
    items: Sequence[str], question: Question, what: str, whole: Button, kb: KnowledgeBase | None = None
) -> Answer | None:
    """The one item 'the third one' points at, numbered, with the whole list one button away; None when the
    question points at no item (or past the end)."""
    if question.item is None or not items or question.item > len(items):
        return None
    index = question.item - 1 if question.item > 0 else len(items) - 1
    name = "last" if question.item < 0 else _ORDINAL_NAMES[index]
    also = _also_listed(kb, question.topic, items[index]) if kb is not None else ""
    return Answer(f"The {name} of the {what} (number {index + 1} of {len(items)}): {items[index]}.{also}", (whole,))


_GENERIC = frozenset(
    "named listed mention mentioned article list items item common enterprise enterprises constraint constraints "
    "challenge challenges practice practices best case cases teams team face faces commonly typical examples "
    "example often usually main".split()
)


# 'a constraint that isn't about regulation', 'any besides security?': the words after it name what to leave out.
_EXCLUDING = re.compile(
    r"\b(?:isn'?t|is not|aren'?t|are not|not|other than|besides|apart from|except|excluding)\s+"
    r"(?:about\s+|related to\s+|to do with\s+|on\s+)?(?P<left_out>.+)$",
    re.I,
)
# 'is model performance drift one of the challenges listed?': a yes/no question about one item.
_IS_LISTED = re.compile(
    r"^\W*(and |so )?(is|are|does|do|was|were)\b.*"
    r"\b(one of|listed|mentioned|part of|among|in the list|included|named)\b",
    re.I,
)


# 'what are the enterprise constraints for AI deployment?': the list itself asked, its scope after it ('for AI
# deployment' is what every constraint is about, not one item).
_WHOLE_LIST = re.compile(
    r"\b(what|which) are (all )?the (\w+ ){0,2}(constraints|challenges|practices|use cases)"
    r"(\s+(for|of|in|on|when)\b(?!.*\b(about|related|involv\w*|besides|except|other than)\b)|\s*\??\s*$)"
    # 'what constraints do enterprises face when deploying AI?': the list, the setting picking no item
    r"|\b(what|which) (\w+ ){0,2}(constraints|challenges|practices|use cases) (do|does|did|must|should|will) "
    r"(\w+ ){1,3}(face|have|meet|hit|deal with|encounter|run into|follow|use|adopt|need|apply)\b"
    r"(?!.*\b(about|related|involv\w*|besides|except|other than|regarding|for|with|around)\b)",
    re.I,
)


def _content_words(text: str) -> set:
    return {w for w in lookups.stems(text) if w not in {g[:5] for g in _GENERIC}}


# An item the words do not share but whose meaning is as close as a shared-word item's ('what security best
# practices are listed?': role-based access control beside secure API gateways), by the sentence encoder.
MEANING_FLOOR = 0.3  # cosine similarity an item needs at least ...
MEANING_SLACK = 0.03  # ... and at most this far below the least similar item the words matched


def _with_close_meanings(kb: KnowledgeBase, items: Sequence[str], hits: List[str], text: str) -> List[str]:
    """`hits` plus the items that mean about as much to `text` as they do, in list order; `hits` without the
    encoder (or without hits: meaning only widens what the words found, it never finds alone)."""
    similar = meaning.similarity_for(kb)
    if not hits or similar is None:
        return hits
    scores = dict(zip(items, similar(text, list(items)), strict=True))
    floor = max(MEANING_FLOOR, min(scores[item] for item in hits) - MEANING_SLACK)
    return [item for item in items if item in hits or scores[item] >= floor]


def _theme_words(kb: KnowledgeBase, text: str) -> set:
    """The stems of the words that belong to a theme the question picks items by ('security-related', 'about
    compliance': careers.yml vocabulary.themes); a theme word in passing ('split the compliance work') picks none."""
    themes = kb.vocabulary.themes.items()
    return set().union(*(lookups.stems(" ".join(said)) for theme, said in themes if _by_theme(theme).search(text)))


def _by_theme(theme: str) -> re.Pattern:
    t = re.escape(theme)
    return re.compile(
        rf"\b{t}[- ]related\b|\b(related to|about|concerning|involving|on) {t}\b|\b{t} (ones|items|issues)\b", re.I
    )


def matching_items(
    kb: KnowledgeBase, items: Sequence[str], question: Question, what: str, whole: Button
) -> Answer | None:
    """'which regulations are named as constraints?': only the items sharing a word with the question (fewer than
    half of them), the whole list one button away; 'one that isn't about regulation': the items sharing none of
    the words left out; a yes/no question ('is drift one of the challenges listed?') is answered yes first. None
    when the question names none in particular."""
    if question.item is not None or _WHOLE_LIST.search(question.text) or lookups.recalls_list(question.text):
        return None
    excluding = _EXCLUDING.search(question.text)
    if excluding:
        left_out = _content_words(excluding.group("left_out"))
        rests = [_without(item, left_out) for item in items]
        others = [rest for rest, item in zip(rests, items, strict=True) if rest and rest != item]
        if left_out and others:  # 'which regulation besides GDPR and HIPAA?': the other examples of that item
            return Answer(f"From the {what}, besides those:\n{bullets(others)}", (whole,))
        kept = [item for item, rest in zip(items, rests, strict=True) if rest == item]
        if left_out and kept and len(kept) < len(items):
            return Answer(f"From the {what}, leaving those out:\n{bullets(kept)}", (whole,))
    words = _content_words(question.text)
    if not words:
        return None
    words |= _theme_words(kb, question.text)
    hits = [item for item in items if words & lookups.stems(item)]
    if not _IS_LISTED.search(question.text):  # 'is drift one of the challenges?' is about that one item
        hits = _with_close_meanings(kb, items, hits, question.text)
    if not hits or len(hits) * 2 > len(items):
        return None
    if _IS_LISTED.search(question.text) and len(hits) == 1:
        return Answer(f"Yes: the {what} include {hits[0]}.{_also_listed(kb, question.topic, hits[0])}", (whole,))
    return Answer(f"From the {what}:\n{bullets(hits)}", (whole,))


def _also_listed(kb: KnowledgeBase, topic: str, item: str) -> str:
    """' It is also one of the enterprise constraints.': an item the article lists in two sections (integration
    with legacy systems is a challenge and a constraint), so 'where exactly?' finds both."""
    others = [t for t in lookups.THING_LISTS if t != topic and item in lookups.list_items(kb, t)]
    return "".join(f" It is also one of the {kb.topics[t].title.lower()}." for t in others)


# 'data privacy regulations such as GDPR, HIPAA and SOC 2': an item naming examples of itself.
_SUCH_AS = re.compile(r"^(?P<head>.+?)\s+(?:such as|like|including|e\.g\.)\s+(?P<named>.+)$", re.I)


def _without(item: str, left_out: set) -> str | None:
    """The item without what is left out: None when it shares a word with it, unless it names examples of which
    only some are left out ('besides GDPR and HIPAA, which regulation?': the item with SOC 2 alone)."""
    if not left_out & lookups.stems(item):
        return item
    match = _SUCH_AS.match(item)
    if not match or left_out & lookups.stems(match.group("head")):
        return None
    named = [n.strip() for n in re.split(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+", match.group("named")) if n.strip()]
    rest = [n for n in named if not left_out & lookups.stems(n)]
    return f"{match.group('head')} such as {join(rest)}" if rest and len(rest) < len(named) else None


_WHO_DOES = re.compile(r"\b(who|which role|which one|roles?)\b", re.I)


def _scenario_of(kb: KnowledgeBase, use_case: str) -> str | None:
    """The project scenario a use case is (sharing at least two words with its name), else None."""
    words = lookups.stems(use_case)
    found = [sc.key for sc in kb.scenarios if len(words & lookups.stems(sc.name)) >= 2]
    return found[0] if len(found) == 1 else None


def use_cases(kb: KnowledgeBase, question: Question) -> Answer:
    e = kb.enterprise
    whole = follow_up("All use cases", "ask_use_cases")
    item = list_item(e.use_cases, question, "article's enterprise use cases", whole, kb)
    if item and _WHO_DOES.search(question.text):
        scenario = _scenario_of(kb, e.use_cases[question.item - 1 if question.item > 0 else -1])  # type: ignore[operator]
        if scenario:  # 'for the first one, which role does what?': its project scenario
            split = scenarios(kb, replace(question, topic="scenarios", scenario=scenario, item=None))
            return Answer(f"{item.text}\n\n{split.text}", split.buttons)
    item = item or matching_items(kb, e.use_cases, question, "article's enterprise use cases", whole)
    if item:
        return item
    return Answer(
        f"Enterprise use cases of AI. {e.intro} Common ones:\n{bullets(e.use_cases)}",
        (
            follow_up("Enterprise constraints", "ask_enterprise_constraints"),
            follow_up("Project examples", "ask_scenarios"),
        ),
    )


# A question about what the roles do ('how does each role...', 'the two roles'), not only which constraints
# ('would the HIPAA side sit more with the ML engineer or the AI engineer?': one role or the other, said by name)
_EACH_ROLE = re.compile(
    r"\b(each|both|roles?|two|who)\b"
    r"|\b(sits?|falls?|belongs?|lies?|lands?|rests?) (more |mostly |mainly )?(with|to|under)\b"
    r"|\b(ai|ml|machine[- ]learning)( engineers?)? or (the |an? )?(ai|ml|machine[- ]learning)\b",
    re.I,
)


def enterprise_constraints(kb: KnowledgeBase, question: Question) -> Answer:
    whole = follow_up("All constraints", "ask_enterprise_constraints")
    item = list_item(kb.enterprise.constraints, question, "enterprise constraints", whole, kb)
    if item and _WHO_DOES.search(question.text):  # 'the last one is interesting, who deals with that?'
        chosen = lookups.stems(kb.enterprise.constraints[question.item - 1 if question.item > 0 else -1])  # type: ignore[operator]
        takers = [
            role_name(kb, r, plural=True)
            for r in ROLE_KEYS
            if any(len(chosen & lookups.stems(c)) >= 2 for c in getattr(kb.challenges, r))
        ]
        ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
        who = (
            f"{join(takers)} tend to take this one on (the article's challenges list gives it to them)."
            if len(takers) == 1
            else f"Who handles constraints: {a_or_an(ai.name)} {ai.enterprise_duty}; "
            f"{a_or_an(ml.name)} {ml.enterprise_duty}."
        )
        return Answer(f"{item.text}\n{who}", item.buttons)
    item = item or matching_items(kb, kb.enterprise.constraints, question, "enterprise constraints", whole)
    if question.role:  # one role's part: what it makes sure of, then the constraints it answers to (those on the
        r = q.role(kb, question.role)  # theme asked, 'what does security look like in the AI engineer job?')
        listed = item.text if item else f"The constraints:\n{bullets(kb.enterprise.constraints)}"
        return Answer(
            f"In enterprise settings, {a_or_an(r.name)} {r.enterprise_duty}. {kb.enterprise.intro} {listed}",
            (follow_up("And the other role?", "ask_other_role"), whole),
        )
    ai, ml = q.role(kb, "ai_engineer"), q.role(kb, "ml_engineer")
    if item and _EACH_ROLE.search(question.text):  # 'how do the two roles keep the system reliable?': their part too
        duties = f"{a_or_an(ai.name)} {ai.enterprise_duty}; {a_or_an(ml.name)} {ml.enterprise_duty}"
        return Answer(f"{item.text}\nWho handles them: {duties}.", item.buttons)
    if item:
        return item
    return Answer(
        f"{kb.enterprise.intro} Enterprise constraints on AI systems:\n{bullets(kb.enterprise.constraints)}\n"
        f"Who handles them: {a_or_an(ai.name)} {ai.enterprise_duty}; {a_or_an(ml.name)} {ml.enterprise_duty}.",
        (follow_up("Enterprise use cases", "ask_use_cases"), follow_up("Best practices", "ask_best_practices")),
    )


def challenges(kb: KnowledgeBase, question: Question) -> Answer:
    c = kb.challenges
    item = list_item(c.items, question, "common challenges", follow_up("All challenges", "ask_challenges"), kb)
    if item is None and not question.role and _IS_LISTED.search(question.text):
        listed = matching_items(
            kb, c.items, question, "common challenges", follow_up("All challenges", "ask_challenges")
        )
        if listed:
            return listed
    if item:
        chosen = c.items[question.item - 1 if question.item > 0 else -1]  # type: ignore[operator]
        takers = [role_name(kb, r, plural=True) for r in ROLE_KEYS if chosen in getattr(c, r)]
        taken = f"\n{join(takers)} tend to take this one on." if takers else ""
        return Answer(item.text + taken, item.buttons)
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
    whole = follow_up("All best practices", "ask_best_practices")
    item = list_item(kb.best_practices, question, "best practices in enterprise IT", whole, kb)
    item = item or matching_items(kb, kb.best_practices, question, "best practices in enterprise IT", whole)
    if item:
        return item
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
