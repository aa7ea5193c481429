"""Answer the fact, not the section: a second opinion that matches a question against the facts' own words.

The router (NLU + topic cues + the thread) picks a topic; the KB's facts (actions/knowledge/facts.py) are each
one table cell, list item, step or scenario duty with the narrowing that renders it alone. With the sentence
encoder already loaded for the interview (meaning.py), the question is compared with every fact's text:
- a section answer (nothing narrows it) whose topic holds one fact the question matches clearly better than the
  topic's other facts is narrowed to that fact ("which path has deep learning?" -> the ML Engineer's advanced
  stage);
- a topic the question's words do not support while one fact matches it strongly is replaced by that fact
  ("what kinds of drift?" -> the monitoring step).
Without the encoder (CAREERBOT_MEANING=0, or still loading) nothing changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import List, Sequence, Tuple

from actions.knowledge.facts import Fact, facts
from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding import lookups, meaning
from actions.understanding.lookups import stems
from actions.understanding.question import Question

# Cosine similarities of all-MiniLM-L6-v2 between a question and one fact's line (see tests/understanding).
NARROW_AT = 0.4  # a section answer narrows to its best fact from this similarity ...
NARROW_MARGIN = 0.08  # ... when it beats the topic's next fact (of another subject) by this much
REROUTE_AT = 0.55  # a topic the words do not support gives way to a fact this similar ...
REROUTE_MARGIN = 0.1  # ... that beats the best fact of the routed topic by this much
RELATED_MARGIN = 0.1  # a section without narrower facts narrows to a related topic's fact beating its own by this
# A question this close to one of the article's prose sentences (an FAQ answer, a note: no narrower subject) nearly
# quotes it ('what happens to these roles as team size and project scope change?' ~0.77 to the blending note): it
# asks what the article says there, not a fact it lacks. Questions about facts it lacks reach at most ~0.64 (the
# dev sets' unknown-fact turns).
QUOTE_AT = 0.7

# The fields that narrow a question to part of its section; a question with none of them is the whole section.
NARROWING = ("stage", "path_stage", "aspect", "scenario", "item", "level", "skills", "tools", "job_title")


@dataclass(frozen=True)
class Scored:
    fact: Fact
    score: float


@per_kb
def _role_words(kb: KnowledgeBase) -> re.Pattern:
    """The roles' names and aliases: the role is matched by the thread and the fields, never by the encoder
    (role names dominate a short sentence's embedding: 'same level for AI engineers?' reads like any AI line)."""
    names = {n.lower() for r in kb.roles.values() for n in (r.name, r.plural, *r.aliases) if len(n) > 3}
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b({alternatives})\b|\b(ai|ml)\b", re.I)


def without_roles(kb: KnowledgeBase, text: str) -> str:
    return re.sub(r"\s+", " ", _role_words(kb).sub(" ", text)).strip()


@per_kb
def _fact_texts(kb: KnowledgeBase) -> Tuple[str, ...]:
    return tuple(without_roles(kb, f.text) for f in facts(kb))


def scored(kb: KnowledgeBase, text: str) -> List[Scored]:
    """Every fact with its similarity to `text` (role names aside), best first; [] without the encoder."""
    similar = meaning.similarity_for(kb)
    text = without_roles(kb, text)
    if similar is None or len(text.split()) < 2:
        return []
    all_facts = facts(kb)
    scores = similar(text, list(_fact_texts(kb)))
    return sorted((Scored(f, s) for f, s in zip(all_facts, scores, strict=True)), key=lambda s: -s.score)


def _fits_role(fact: Fact, role: str | None) -> bool:
    return role is None or fact.role in (None, role)


def is_section(question: Question) -> bool:
    """Nothing narrows the question: its answer is its topic's whole section (roles aside)."""
    return question.item is None and not any(getattr(question, name) for name in NARROWING if name != "item")


def as_fact(question: Question, fact: Fact) -> Question:
    """The question narrowed to one fact: the fact's topic and fields; the question's own role wins over the
    fact's (the thread's 'they' beats the role whose line happened to read closest)."""
    fields = dict(fact.fields)
    cleared = {name: ((), None)[name not in ("skills", "tools")] for name in NARROWING}
    if question.role and fact.role:
        fields["roles"] = (question.role,)
    fields.setdefault("roles", question.roles if fact.topic in _ROLE_TOPICS else ())
    return replace(question, topic=fact.topic, **{**cleared, **fields}, skill_terms=(), tool_terms=())


# Topics whose answer can be one role's: a role the question carries is kept.
_ROLE_TOPICS = ("role_definition", "workflow", "responsibilities", "learning_path", "scenarios", "tools", "skills")


# 'what else is on that list besides programming?': everything but the fact the words name.
_BESIDES = re.compile(r"\b(else|besides|other than|apart from|aside from|except)\b", re.I)


# 'all the stages pls', 'the whole workflow', 'every step': the section asked as a whole, whatever fact it is near.
_WHOLE = re.compile(
    r"\b(?:all|every|each)\s+(?:of\s+)?(?:the\s+)?(?:\w+\s+)?(?:stages|steps|phases|items|levels|ones|parts)\b"
    r"|\bevery\s+(?:stage|step|phase|item|level)\b|\ball\s+of\s+(?:it|them)\b"
    r"|\b(?:whole|full|entire|complete)\s+(?:\w+\s+)?(?:path|workflow|list|table|thing|picture|breakdown|set)\b",
    re.I,
)


def narrowed(kb: KnowledgeBase, question: Question, text: str, ranked: Sequence[Scored]) -> Question | None:
    """A section question narrowed to the one fact of its topic that the words match clearly best, else None."""
    if not is_section(question) or _BESIDES.search(text) or _asks_several_items(kb, question.topic, text):
        return None
    if _WHOLE.search(text):
        return None
    own = [s for s in ranked if s.fact.topic == question.topic and _fits_role(s.fact, question.role)]
    own = [s for s in own if _subject(s.fact)]  # a role's line of the section is not narrower than the section
    if not own:
        return _narrowed_to_related(kb, question, text, ranked)
    if own[0].score < NARROW_AT:
        return None
    best = own[0]
    rivals = [s for s in own[1:] if _subject(s.fact) != _subject(best.fact)]
    if rivals and best.score - rivals[0].score < NARROW_MARGIN:
        return None
    if best.score - section_score(kb, text, question.topic) < NARROW_MARGIN:
        return None  # 'what's the learning path?' is as close to the section's own name: the whole section
    return as_fact(question, _one_role_or_both(question, best, own))


def _related_topics(kb: KnowledgeBase, topic: str) -> Tuple[str, ...]:
    """The topics that answer a topic's facets when it has none of its own (careers.yml `supported_by`): what each
    role does is told row by row in the responsibilities."""
    entry = kb.topics.get(topic)
    return tuple(t for t in (entry.supported_by if entry else ()) if t in _narrowable_topics(kb))


def _narrowed_to_related(kb: KnowledgeBase, question: Question, text: str, ranked: Sequence[Scored]) -> Question | None:
    """A section with no facts narrower than itself ('what each role does') narrowed to the one fact of a related
    topic the words ask for ('what does the AI engineer do with data?' -> the data-handling row), when it beats
    the section's own lines and name by RELATED_MARGIN and its related rivals by NARROW_MARGIN."""
    related = _related_topics(kb, question.topic)
    fitting = [s for s in ranked if _fits_role(s.fact, question.role)]
    near = [s for s in fitting if s.fact.topic in related and _subject(s.fact)]
    if not near or near[0].score < NARROW_AT:
        return None
    best = near[0]
    rivals = [s for s in near[1:] if _subject(s.fact) != _subject(best.fact)]
    if rivals and best.score - rivals[0].score < NARROW_MARGIN:
        return None
    own = max((s.score for s in fitting if s.fact.topic == question.topic), default=0.0)
    if best.score - max(own, section_score(kb, text, question.topic)) < RELATED_MARGIN:
        return None  # 'what kinds of systems exactly?' is as close to what the role builds: the role's answer
    return as_fact(question, _one_role_or_both(question, best, near))


def section_score(kb: KnowledgeBase, text: str, topic: str) -> float:
    """How close the question is to the section's own name (its button title): the whole section's bid."""
    similar = meaning.similarity_for(kb)
    topic_entry = kb.topics.get(topic)
    if similar is None or topic_entry is None:
        return 0.0
    return float(similar(without_roles(kb, text), [topic_entry.title])[0])


def _one_role_or_both(question: Question, best: Scored, ranked: Sequence[Scored]) -> Fact:
    """The best fact, or its row for both roles when the question names no role and the other role's line of
    the same subject matches about as well ('who trains the models?' is the whole row)."""
    if question.role or best.fact.role is None:
        return best.fact
    sibling = next((s for s in ranked if s is not best and _subject(s.fact) == _subject(best.fact)), None)
    if sibling is None or best.score - sibling.score >= NARROW_MARGIN:
        return best.fact
    return Fact(best.fact.topic, best.fact.text, _subject(best.fact))


def rerouted(kb: KnowledgeBase, question: Question, ranked: Sequence[Scored]) -> Question | None:
    """The section question as the narrow fact (a step, a table row, an item...) it matches strongly, when that
    fact beats every fact of the routed topic by a margin; a section-wide text (an FAQ answer) never takes over."""
    if not is_section(question):
        return None
    fitting = [s for s in ranked if _fits_role(s.fact, question.role)]
    narrow = [s for s in fitting if _subject(s.fact)]
    if not narrow or narrow[0].fact.topic == question.topic:
        return None
    if narrow[0].score < (NARROW_AT if _named_by_own_words(kb, narrow[0].fact, question.text) else REROUTE_AT):
        return None
    routed = max((s.score for s in fitting if s.fact.topic == question.topic), default=0.0)
    if narrow[0].score - routed < REROUTE_MARGIN:
        return None
    return as_fact(question, _one_role_or_both(question, narrow[0], narrow))


def _asks_several_items(kb: KnowledgeBase, topic: str, text: str) -> bool:
    """The words ask for more than one item of the topic's list ('the fraud and supply chain use cases', 'which are
    about recommendations or customers?') or recall the list ('the use cases again? fraud or something?'): the
    section answers, picking the items by their words or giving them all, never one item."""
    named = [pair for pair in lookups.items_by_own_words(kb, text) if pair[0] == topic]
    return len(named) >= 2 or bool(named and lookups.recalls_list(text))


def _named_by_own_words(kb: KnowledgeBase, fact: Fact, text: str) -> bool:
    """The fact is a list item the text names by a word no other item has ('predicting when machines break' ->
    predictive maintenance): words and meaning agree, so a lower similarity suffices."""
    item = dict(fact.fields).get("item")
    return bool(item) and (fact.topic, item) in lookups.items_by_own_words(kb, text)


WORD_AT = 0.4  # a fact sharing a word only its topic uses ('span') takes an unsupported question from this


@per_kb
def _topic_stems(kb: KnowledgeBase) -> dict:
    """Each content stem of the facts' words -> the topics whose facts use it."""
    found: dict = {}
    for fact in facts(kb):
        for stem in stems(without_roles(kb, fact.text)):
            found.setdefault(stem, set()).add(fact.topic)
    return found


def _rerouted_by_word(kb: KnowledgeBase, question: Question, text: str, ranked: Sequence[Scored]) -> Question | None:
    """A question its words do not route ('what does their work span?' read as pay) given to the best-matching
    fact when it shares a word that only that fact's topic uses, and beats the routed topic's facts by
    REROUTE_MARGIN: the article's own word for what is asked."""
    fitting = [s for s in ranked if _fits_role(s.fact, question.role)]
    if not fitting or fitting[0].score < WORD_AT or fitting[0].fact.topic == question.topic:
        return None
    best = fitting[0]
    owners = _topic_stems(kb)
    shared = stems(without_roles(kb, text)) & stems(without_roles(kb, best.fact.text))
    if not any(owners.get(stem) == {best.fact.topic} for stem in shared):
        return None
    routed = max((s.score for s in fitting if s.fact.topic == question.topic), default=0.0)
    if best.score - routed < REROUTE_MARGIN:
        return None
    return as_fact(question, best.fact)


def _subject(fact: Fact) -> Tuple[Tuple[str, object], ...]:
    """What a fact is about apart from its role: one role's line and the other's of the same row are one subject."""
    return tuple((k, v) for k, v in fact.fields if k != "roles")


# Topics that are not one section of facts (the interview, the skill gap, what the bot is): never re-routed.
_OWN_PATHS = ("skill_gap", "role_fit", "help", "concept", "role_comparison", "skill_comparison", "salary_comparison")


@per_kb
def _narrowable_topics(kb: KnowledgeBase) -> frozenset:
    """Topics with at least one fact narrower than the section (a step, a row, an item...)."""
    return frozenset(f.topic for f in facts(kb) if _subject(f))


def second_opinion(
    kb: KnowledgeBase, question: Question, text: str, supported: bool, nlu_sure: bool = False
) -> Question:
    """The question, narrowed to the one fact its words ask for, or re-routed to a fact that matches them far
    better than anything in its topic (only when neither NLU was sure nor the words support the topic:
    `supported`). Unchanged when the question names a fact the KB lacks or arrives as a button payload."""
    if text.startswith("/") or question.missing or question.topic in _OWN_PATHS or not is_section(question):
        return question  # a narrowed question is neither narrowed again nor re-routed (see both below)
    if (
        (nlu_sure or supported)
        and question.topic not in _narrowable_topics(kb)
        and not _related_topics(kb, question.topic)
    ):
        return question  # nothing to narrow to, and no re-routing: no encoder run (~3 ms) for this message
    ranked = scored(kb, text)
    if not ranked:
        return question
    if not (nlu_sure or supported):
        moved = rerouted(kb, question, ranked) or _rerouted_by_word(kb, question, text, ranked)
        if moved is not None:
            return moved
    return narrowed(kb, question, text, ranked) or question


def quoted_prose(kb: KnowledgeBase, text: str) -> Fact | None:
    """The prose fact (no narrower subject) the question nearly quotes (QUOTE_AT), else None; None without the
    encoder."""
    best = next((s for s in scored(kb, text) if not _subject(s.fact)), None)
    return best.fact if best is not None and best.score >= QUOTE_AT else None


def fact_subject(kb: KnowledgeBase, topic: str, text: str, items: bool = True) -> frozenset:
    """What one fact of `topic` the words match clearly is about (its narrowing fields, roles aside), as
    comparable set; empty when none does (no encoder, or no fact of the topic at NARROW_AT). `items`: a list's
    item counts (not when the message asks which role takes each: 'which handles data challenges?')."""
    own = [s for s in scored(kb, text) if s.fact.topic == topic and _subject(s.fact)]
    if not own or own[0].score < NARROW_AT or (not items and dict(_subject(own[0].fact)).get("item")):
        return frozenset()
    return frozenset(("fact", *pair) for pair in _subject(own[0].fact))
