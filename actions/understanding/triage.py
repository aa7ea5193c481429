"""Ask when unsure (two-stage fallback): when NLU is not confident, offer the 2-3 likely topics as buttons.

The button texts live in `actions/answers/clarify.py`.

`triage` is pure: it weighs NLU's intent ranking against the topics and KB terms found in the text by
`actions.understanding.topics`, and decides to answer (both agree, or the text clearly names one topic and a
KB term), to ask (some likely topics), or to decline politely (nothing points at the article).
`ActionClarify` (actions.py) runs it for `nlu_fallback` and `out_of_scope` (rules.yml: an off-topic verdict is
double-checked against the KB's words, so "how mch does a senor ml enginer make" is answered, "what does a
nurse earn" declined) and as Rasa's core
fallback (config.yml), so an unknown `/intent` payload gets the same polite reply with a next step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Dict, Iterable, List, Mapping, Tuple

from actions.knowledge import KnowledgeBase
from actions.knowledge.patterns import rx
from actions.understanding import facts as fact_matching
from actions.understanding import spelling
from actions.understanding.context import MOVES_PAY, asks_in_both_lists, is_fragment, part_of_area, terse_value
from actions.understanding.lookups import (
    asked_if_mentioned,
    asked_if_mentioned_and_is,
    description_of_item,
    items_by_own_words,
    mentions,
    missing_fact,
    spelled_out,
    where_mentioned,
)
from actions.understanding.shown import ITEM_TOPICS
from actions.understanding.topics import (
    defined_term,
    detect_topics,
    is_correction,
    level_shift,
    ordinal,
    scan_entities,
    step_shift,
    topic_fields,
    topic_scores,
    topic_table,
)
from actions.understanding.understand import (
    REASONED_TOPICS,
    compared_only_named,
    is_bare_why,
    is_terse_question,
    said_about,
)
from actions.understanding.vocabulary import normalizer_for

KB_KINDS = ("role", "tool", "skill", "stage", "path_stage", "level")
# Lists whose items a follow-up picks by what they are about ('which of the AI ones is about automation?').
_PICKABLE = (*ITEM_TOPICS, "careers", "job_titles")
ROLE_ONLY_WORDS = 6  # a message naming a role in so few words leans on the thread for the rest
# 'where ML is ahead', 'is AI rated higher': the bare 'AI' / 'ML' as the subject of a comparison, a role
_ROLE_AS_SUBJECT = re.compile(
    r"\b(ai|ml)\b(?= (is|are|was|gets?|comes?|ranks?|scores?|leads?|wins?|rated|rates)\b)", re.I
)
_CAREER_WORDS = re.compile(
    r"\b(jobs?|careers?|hiring|hired|hires?|demand|ai|ml|engineers?|roles?|salar\w*|pay|bootcamps?|courses?|certs?"
    r"|certifications?|training|degrees?|tax|taxes|employers?|compan(y|ies)|visas?|sponsorship|remote(ly)?|part[- ]time"
    r"|too (young|old)|age)\b",
    re.I,
)
_POINTS_BACK = re.compile(
    r"\b(them|those|these|that|this|it|they|the other|the others|the rest"
    r"|the (full|whole|complete|entire|total|unabridged) (list|lot|set|table|rundown|thing))\b",
    re.I,
)  # ('the full list': of what the last answer picked from)
_THERE = re.compile(r"\b(in |on )?there\W*$", re.I)  # 'what is tested there?': in what the last answer was about
_ONE_OF_THOSE = re.compile(r"^\W*(and |so |what'?s |what is |ok |okay )*the ([\w/-]+ ){1,2}one\W*$", re.I)
_ROW_OF = re.compile(r"\b(row|rows|column|line|figures|numbers|bands?|ranges?)\b", re.I)
_SWAP = re.compile(
    r"\b(switch(ing)?|swap(ping)?|flip|change|now (for|the)|over to|(the )?reverse|the opposite|vice versa"
    r"|other way (a)?round|conversely)\b",
    re.I,
)
# An end of a pay range ('the bottom?', 'the upper end', 'how much more at the top?', 'is 170 the ceiling?', 'is that
# the max?'): after pay figures, those figures.
_RANGE_END = re.compile(
    r"\b(top|bottom|upper|lower)( end| half)?\b|\b(high|low)[- ]end\b|\bhow much (more|less)\b"
    r"|\b(ceiling|ceilings|cap|capped|max|maximum|floor|upper limit|most (you|one|they|i) can (earn|make|get))\b",
    re.I,
)
_FIGURE_WORDS = re.compile(r"\b(figures?|numbers?|pay|paid|salar\w*|earn\w*|ranges?|comparable|same)\b", re.I)
_POSSESSIVE = re.compile(r"\b(its|their)\b", re.I)  # 'and its tools': a topic of the thing just talked about
# Hands-on help with someone's code ('fix this python error', 'debug my pandas code') names KB tools but is not
# a question about the careers: an off-topic verdict stands.
_CODING_HELP = re.compile(
    r"\b(debug\w*|traceback|stack ?trace|keyerror|indexerror|exit(ing|s)? (with )?code|syntax error|linked list"
    r"|(fix|solve) (this|my|it|pls|please)|my (\w+ ){0,2}(code|script|query|container|program|notebook|install"
    r"|installation|pod|cluster|build|merge)|(cuda|compile|compiler|runtime|import|memory|segmentation) (error|fault)"
    r"|(write|give) (me (a |an |some )?|a |an )(\w+ ){0,3}(code|query|script|function|program|regex))\b",
    re.I,
)
# A question about what the article itself says ('the article's call to action') is about the article, whatever
# NLU made of its wording.
_ABOUT_ARTICLE = re.compile(
    r"\b(the|this) (article|post|blog|piece|text|author|site|website|page|web ?page)('s)?\b", re.I
)
# A question, not a remark: 'which programming language should I start with?' ('I love cloud gaming' is not).
_ASKS = re.compile(r"\?\s*$|^\W*(which|what|how|is|are|does|do|should|can|could|would)\b", re.I)
_TELL = re.compile(r"^\W*(please\s+)?(tell me|explain|describe|talk me through)\b", re.I)
# A question about one's own next step ('what kind of training should I be looking at?', 'where can I get hands-on
# practice?'): with one topic's words, about that topic, whatever NLU made of the rest.
_OWN_STEP = re.compile(r"\b(should|can|could|do|would|must)\s+i\b|\bfor me\b", re.I)
# A short question of a few words that names nothing ('what kinds of systems?', "what's checked?", 'who leads
# it?'): more of what the last answer was about ("and what's actually tested?": the adverb before the verb too).
_ASKS_MORE_OF_IT = re.compile(
    r"^\W*(and |so |ok |okay |then |but )?((what|which) (kinds?|types?|sorts?|examples?)( of [\w-]+)?"
    r"|(what|who)('s| is| are| gets?)?( (exactly|specifically|precisely|actually|really))? [\w-]+( there| then| here)?)"
    r"(,? (exactly|specifically|precisely|again|though|actually|then))?\W*$",
    re.I,
)
# 'what exactly would I do?', 'what would I be doing there?': one's own part in what the last answer split between
# the roles (a scenario, a step)
_MY_PART = re.compile(
    r"^\W*(and |so |ok |okay |then |but )?(what|which parts?|which bits?) (exactly |then |actually )?"
    r"(would|will|do|should|could|am|is) (i|my (part|job|role)) (exactly |actually |then |really )?"
    r"(be )?(do|doing|work on|working on|handle|handling|own|build|building|be)"
    r"( there| then| exactly| in (it|that|this)( one| project| scenario| step)?)?\W*$",
    re.I,
)
_SPLIT_TOPICS = ("scenarios", "workflow")
MIN_OFFER_CONFIDENCE = 0.15  # an NLU guess below this is offered only when the text names a KB term
_TERM_TOPICS = (
    ("tool", "ask_tools"),
    ("stage", "ask_workflow"),
    ("path_stage", "ask_learning_path"),
    ("skill", "ask_skills"),
)
PAYLOAD_KINDS = ("role", "level", "stage", "path_stage", "aspect", "tool")


# 'and which language should I start with?': in this article a language is a programming language
_WHICH_LANGUAGE = re.compile(r"\b(which|what)\s+(programming\s+|coding\s+)?languages?\b", re.I)


def _core_area_named(kb: KnowledgeBase, text: str) -> bool:
    """The text names a shared core skill area by one of its everyday phrases ('programming language'); one-word
    phrases ('code') are left out: too common in other talk."""
    low = text.lower()
    phrases = [p for words in kb.vocabulary.core_area_words.values() for p in words if " " in p]
    return any(rx(rf"\b{re.escape(p.lower())}\b").search(low) for p in phrases)


def _core_word_in_skills_thread(kb: KnowledgeBase, text: str, previous_topic: str | None) -> bool:
    """Inside a skills thread even a one-word core area ('could I skip coding?', 'is math a must?') names that
    area: the thread says what the common word means."""
    if topic_table(kb).area.get(previous_topic or "", previous_topic) != "skills":
        return False
    low = text.lower()
    words = [p for phrases in kb.vocabulary.core_area_words.values() for p in phrases]
    return any(rx(rf"\b{re.escape(p.lower())}\b").search(low) for p in words)


def answerable_intents(kb: KnowledgeBase) -> Tuple[str, ...]:
    """The intents an unsure message can be answered as: one per KB topic (careers.yml `topics`)."""
    return tuple(f"ask_{topic}" for topic in kb.topics)


@dataclass(frozen=True)
class Triage:
    """What to do with an unsure message: 'answer' (as `intents[0]`), 'ask' (offer `intents`) or 'decline'."""

    kind: str
    intents: Tuple[str, ...] = ()
    why: str = field(default="", compare=False)  # logged by the action: which rule decided


def triage(
    kb: KnowledgeBase,
    ranking: Iterable[Mapping[str, Any]],
    text: str,
    intent: str = "nlu_fallback",
    previous_topic: str | None = None,
) -> Triage:
    """Decide between answering, asking and declining; see the module docstring."""
    typed, text = text, spelling.correct(text, kb)
    answerable = answerable_intents(kb)
    ranked = [(r.get("name") or "", float(r.get("confidence") or 0)) for r in ranking]
    nlu = [(name, conf) for name, conf in ranked if name in answerable]
    detected = [f"ask_{t}" for t in detect_topics(text, kb) if f"ask_{t}" in answerable]
    scanned = scan_entities(text, kb)
    kinds = {e["entity"] for e in scanned}
    kb_term = bool(kinds & set(KB_KINDS))
    fact = missing_fact(kb, text, previous_topic)
    points_back = bool(
        is_correction(text) or _POINTS_BACK.search(text) or step_shift(text) or level_shift(text) or ordinal(text)
    )
    area = topic_table(kb).area
    fields = set(topic_fields(kb).get(previous_topic or "", ()))
    points_back = points_back or (is_fragment(text) and bool(kinds & fields))  # 'an the junor levl?'
    # 'ML at enterprise' after a learning stage: a value of the thread's own fields, too common a word to scan
    points_back = points_back or terse_value(previous_topic, text, normalizer_for(kb)) is not None
    points_back = points_back or (previous_topic in _SPLIT_TOPICS and bool(_MY_PART.search(text)))
    swaps = bool(_SWAP.search(text)) and "role" in kinds and "role" in fields  # 'switch roles — the ML side?'
    points_back = points_back or bool(_ONE_OF_THOSE.search(text))  # 'the Google one?': one of the list just shown
    points_back = points_back or (bool(_THERE.search(text)) and not kb_term)  # ('is R in there?' names its term)
    points_back = points_back or swaps
    points_back = points_back or (previous_topic in _PICKABLE and asks_in_both_lists(text))  # 'in both lists?'
    # 'just the ML engineer bit', 'anything where ML is ahead?': a few words naming a role (and nothing the last answer
    # is not narrowed by) after an answer that can be narrowed to one role: that answer, for that role
    few_words = len(re.findall(r"[\w'-]+", text)) <= ROLE_ONLY_WORDS and not _TELL.search(text)
    role_said = "role" in kinds or bool(_ROLE_AS_SUBJECT.search(text))
    points_back = points_back or (role_said and "role" in fields and kinds <= fields | {"role"} and few_words)
    # 'give me the AI engineer row' after a table by role (pay, skills): that role's part of it
    points_back = points_back or (bool(_ROW_OF.search(text)) and "role" in kinds and "role" in fields)
    term = defined_term(text)  # 'what is MLOps?' asks a term the article uses, "what's checked?" does not
    more_of_it = bool(_ASKS_MORE_OF_IT.search(text)) and not kb_term and not (term and mentions(kb, term))
    points_back = points_back or more_of_it  # 'what kinds of systems?', "what's checked?"
    # 'how many?', 'as what?', 'any other factors?': a terse question naming nothing, more of the last answer
    terse = previous_topic in kb.topics and is_fragment(text) and is_terse_question(kb, text, previous_topic)
    points_back = points_back or (terse and not _RANGE_END.search(text))  # a range's end: only after pay, below
    points_back = points_back or (previous_topic in REASONED_TOPICS and is_bare_why(kb, text))  # 'why so low?'
    if area.get(previous_topic or "", previous_topic) == "salary" and _RANGE_END.search(text):
        points_back = True  # 'and the bottom?', 'how much more at the top end?' after pay figures: their ends
    if part_of_area(kb, previous_topic, text):
        points_back = True  # 'which industries were named?' after pay: the industries among what moves it
    if area.get(previous_topic or "", previous_topic) == "salary" and re.search(MOVES_PAY, text, re.I):
        points_back = True  # 'what else moves the number besides location?' after pay figures: what moves pay
    if previous_topic in _PICKABLE and description_of_item(typed) and not fact:
        return Triage("answer", ("inform",), "picks an item of the last list by what it is about")
    if previous_topic and not detected and not fact and not _CODING_HELP.search(typed) and points_back:
        return Triage("answer", ("inform",), "points back into the thread")  # 'the last one?', 'and the step after'
    if intent == "out_of_scope":
        # a follow-up NLU calls off-topic stays in the previous answer's area
        if _CODING_HELP.search(typed):
            return Triage("off_topic", why="hands-on coding help")
        if fact and (detected or kb_term or previous_topic or _CAREER_WORDS.search(text)):
            return Triage("answer", (detected[0] if detected else f"ask_{fact.then or 'help'}",), "a missing fact")
        if (
            "location" in kinds
            and area.get(previous_topic or "", previous_topic) == "salary"
            and not detected
            and (len(re.findall(r"\w+", text)) <= 6 or _FIGURE_WORDS.search(text))
        ):  # not 'what's the weather like in Paris today?': a place alone, or with figures, asks about the pay
            return Triage("answer", ("inform",), "a place, after pay figures")  # 'and figures for Canada?'
        if compared_only_named(kb, text):  # 'data drift vs performance drift?'
            return Triage("answer", ("ask_role_definition",), "compares terms the article names")
        if detected and kb_term:
            if len(detected) == 1:
                return Triage("answer", (detected[0],), "topic words and a KB term")
            return Triage("ask", tuple(detected[:3]), "several topics named")
        if detected and _ABOUT_ARTICLE.search(text):
            return Triage("answer", (detected[0],), "asks what the article says")  # "the article's call to action?"
        if kb_term and defined_term(text):
            return Triage("answer", ("ask_role_definition",), "'what is' a KB term")  # 'what is MLOps?'
        if any(spelled_out(kb, word) for word in re.findall(r"\b[A-Z]{3,6}\b", typed)):
            return Triage("answer", ("ask_role_definition",), "an acronym of the article's words")  # 'RBAC?'
        if (
            detected
            and previous_topic
            and (
                area.get(detected[0][4:], detected[0][4:]) == area.get(previous_topic, previous_topic)
                or points_back
                or _POSSESSIVE.search(text)
            )
        ):  # 'how big is the gap at the top end' after pay figures, 'and its tools' after a step
            return Triage("answer", (detected[0],), "stays in the previous answer's area")
        if not detected and asked_if_mentioned(kb, typed):
            return Triage("answer", ("ask_tools",), "asks whether a name is mentioned")  # 'is Airflow listed?'
        if not detected and asked_if_mentioned_and_is(kb, typed):  # 'does it mention manufacturing anywhere?'
            return Triage("answer", ("ask_role_definition",), "asks whether a word it uses is mentioned")
        if not detected and where_mentioned(kb, typed):  # 'where is git mentioned?': the places it comes up
            return Triage("answer", ("ask_role_definition",), "asks where a word it uses is mentioned")
        if not detected and not kb_term and (said_about(kb, typed) or said_about(kb, text)):  # remote work
            return Triage("answer", ("ask_role_definition",), "asks what the article says about a word it uses")
        if not detected and kinds & {"tool", "stage"}:
            return Triage(
                "answer", ("ask_tools" if "tool" in kinds else "ask_workflow",), "names a tool or step"
            )  # 'where does XGBoost come in?'
        skill_named = "skill" in kinds or _core_area_named(kb, text) or bool(_WHICH_LANGUAGE.search(text))
        if detected in ([], ["ask_skills"]) and skill_named and previous_topic and _ASKS.search(typed):
            return Triage(
                "answer", ("ask_skills",), "asks about a skill in the thread"
            )  # 'which programming language…?'
        if detected and text != typed:
            return Triage("answer", (detected[0],), "typos mended name a topic")  # NLU read the typos
        listed = _list_named(kb, text, previous_topic)
        if listed and not detected and (_ASKS.search(typed) or _TELL.search(typed)):
            return Triage("answer", (listed,), "names an item of a list")  # 'does any of this apply to catching fraud?'
        # without a thread, only a question that names the article's world: not 'how do I make banana bread?'
        # (a pay word) or 'what skills do I need to become a pilot?'; inside one, any but pay
        article_named = kb_term or _CAREER_WORDS.search(text) or _ABOUT_ARTICLE.search(text)
        in_thread = bool(previous_topic) and not (detected and area.get(detected[0][4:]) == "salary")
        if detected and _ASKS.search(typed) and _OWN_STEP.search(typed) and (article_named or in_thread):
            # 'what kind of training should I be looking at?': one's own next step, in a topic named
            return Triage("answer", (detected[0],), "asks one's own next step in one topic")
        return Triage("off_topic", why="nothing points at the article")
    if fact:
        return Triage("answer", (detected[0] if detected else f"ask_{fact.then or 'help'}",), "a missing fact")
    if not detected and _core_word_in_skills_thread(kb, text, previous_topic):
        return Triage("answer", ("ask_skills",), "a core skill area, in a skills thread")  # 'skip coding?'
    if previous_topic and not detected and (is_correction(text) or _POINTS_BACK.search(text)):
        return Triage(
            "answer", ("inform",), "a correction or pointer"
        )  # 'oops, I meant ML engineer', 'which of those do they handle?'
    if nlu and detected and nlu[0][0] in detected:
        return Triage("answer", (nlu[0][0],), "NLU's guess is among the topics named")
    if len(detected) == 1:  # one topic clearly named ('what tooling ...'): answer it
        return Triage("answer", (detected[0],), "one topic named")
    listed = _list_named(kb, text, previous_topic)
    if listed and not detected:
        return Triage("answer", (listed,), "names an item of a list")  # 'is access control in there? what kind?'
    if not detected and not kb_term and (said_about(kb, typed) or said_about(kb, text)):  # where chatbots come up
        return Triage("answer", ("ask_role_definition",), "asks what the article says about a word it uses")
    compared = compared_only_named(kb, text)  # 'data drift vs performance drift?'
    if compared or defined_term(text) and (kb_term or "job_title" in kinds):
        return Triage(
            "answer", ("ask_role_definition",), "'what is' a KB term"
        )  # 'what is a data scientist?': where it comes up
    scores = topic_scores(text, kb)
    cued = [(scores.get(name[4:], 0), name) for name, conf in nlu[:3] if scores.get(name[4:], 0) > 0]
    if cued:
        return Triage(
            "answer", (max(cued)[1],), "the close intent the words support"
        )  # of the close intents, the one the words support
    if nlu and nlu[0][1] >= MIN_OFFER_CONFIDENCE and kinds & set(topic_fields(kb).get(nlu[0][0][4:], ())) - {"role"}:
        return Triage(
            "answer", (nlu[0][0],), "NLU's guess takes the KB term named"
        )  # NLU's best guess takes the KB term named (a skill, a step...)
    if not detected:
        for kind, intent_name in _TERM_TOPICS:
            if kind in kinds:
                return Triage(
                    "answer", (intent_name,), f"only a {kind} named"
                )  # only a tool / step / skill named: about that
    offers: List[str] = detected[:2]
    for name, conf in nlu:
        if conf >= MIN_OFFER_CONFIDENCE or kb_term:
            offers.append(name)
    unique = tuple(dict.fromkeys(offers))[:3]
    return Triage("ask", unique, "likely topics") if unique else Triage("decline", why="no likely topic")


def _list_named(kb: KnowledgeBase, text: str, previous_topic: str | None = None) -> str | None:
    """The intent of the one list whose items the text names by their own words ('catching fraud' -> the use
    cases), when the sentence encoder (if loaded) reads it closest to one of those items of all facts; else None.
    The list the last answer showed needs no encoder's word ('what exactly is kept under version control?' right
    after the best practices: their item, though the core skills also name version control)."""
    named = items_by_own_words(kb, text)
    topics = {topic for topic, _ in named}
    if len(topics) != 1:
        return None
    if previous_topic in topics:
        return f"ask_{previous_topic}"
    ranked = fact_matching.scored(kb, text)
    if ranked and (ranked[0].fact.topic, dict(ranked[0].fact.fields).get("item")) not in named:
        return None  # the meaning is closer to another fact ('performance optimization': a skill): not that list
    return f"ask_{topics.pop()}"


def payload_entities(kb: KnowledgeBase, text: str, entities: Iterable[Mapping[str, Any]]) -> Dict[str, str]:
    """KB keys named in the message, to carry on the buttons (so 'Salaries' keeps 'ML engineer')."""
    norm = normalizer_for(kb)
    keys: Dict[str, str] = {}
    for entity in [*entities, *scan_entities(text, kb)]:
        kind, value = entity.get("entity"), entity.get("value")
        if kind in PAYLOAD_KINDS and isinstance(value, str) and kind not in keys:
            key = getattr(norm, kind)(value)
            if key:
                keys[kind] = key
    return keys
