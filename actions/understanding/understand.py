"""One message -> the questions it asks, in order, each fully resolved against the KB and the previous answer.

`context.resolve` turns one intent + entities into a Question; this adds what needs the KB or the raw text:
entities NLU missed (scanned from KB aliases), several questions in one message, 'the step after that',
a named scenario, 'what is MLOps?' (a term the article uses but never defines), and facts the article lacks.
"""

from __future__ import annotations

import os
import re
from dataclasses import replace
from typing import Any, Dict, Iterable, List, Mapping, Sequence, Tuple

from actions.knowledge.facts import Fact, facts
from actions.knowledge.loader import all_strings, per_kb
from actions.knowledge.patterns import rx
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS, KnowledgeBase
from actions.understanding import lookups, polar, quotes, returns, role_aspect, shown, spelling
from actions.understanding.context import (
    JOINS_WITH,
    LEARN_WITHIN,
    MEMBERSHIP,
    MOVES_PAY,
    canonical,
    core_words,
    is_fragment,
    resolve,
    shown_item,
)
from actions.understanding.facts import as_fact, fact_subject, is_section, quoted_prose, second_opinion
from actions.understanding.person import worked_steps
from actions.understanding.question import Question, subject_parts
from actions.understanding.quotes import quoted_topic
from actions.understanding.topics import (
    WHICH_TO_PICK,
    asks_to_compare,
    defined_term,
    detect_topics,
    is_correction,
    level_shift,
    negated_role,
    ordinal,
    pay_topics,
    scan_entities,
    split_parts,
    step_shift,
    topic_fields,
    topic_scores,
    topic_table,
    without_set_aside,
)
from actions.understanding.vocabulary import Normalizer, normalizer_for

# A part of a multi-part message may be answered as any topic detected in it but the skill gap, which reads the
# whole message (the interview has no cues, so it is never started from a part).
_NOT_FROM_A_PART = ("skill_gap",)
# Not KB sections but the bot's own answers, where 'what is <term>?' also asks what the term is.
_OWN_TERM_TOPICS = ("help", "concept")


def _without_negated_role(entities: List[Dict[str, Any]], text: str, norm: Normalizer) -> List[Dict[str, Any]]:
    """NLU's entities without the role the message sets aside ('sorry, AI not ML': not the ML engineer)."""
    dropped = negated_role(text)
    if dropped is None:
        return entities
    return _dropping(entities, "role", norm.role, {norm.role(dropped)})


_NOT_THIS = re.compile(r"\b(?:not|instead of|rather than)\s+(?:the\s+|at\s+)?([\w-]+(?:[ -]level)?)", re.I)


# 'I'm a product manager working with an AI team': the person's own team, not who a role collaborates with
_OWN_TEAM = re.compile(r"\b(i|i'm|im|i am|we|we're|my|our)\b[^.?!,;]{0,40}\b(work(s|ing)? with|team)\b", re.I)
_ASKS_COLLABORATION = re.compile(
    r"\b(collaborat\w*|who (do|does|will|would) \w+( \w+)? work with|work with whom"
    r"|whom? (do|does|will|would|should|could|might|am|are|is|'d)\b[^.?!,;]{0,30}\bwork(s|ing)? (with|alongside))\b",
    re.I,
)  # ('who would I be working with day to day?' asks it of the person's own future job)


# 'what kind of data does an AI engineer work with?': the thing worked with is the data, not a team
_WORKS_WITH_DATA = re.compile(
    r"\b(what|which)\b( (kinds?|types?|sorts?) of)? data\b[^.?!,;]{0,40}\bwork(s|ing)? (with|on)\b", re.I
)


def _without_own_team(entities: List[Dict[str, Any]], text: str, norm: Normalizer) -> List[Dict[str, Any]]:
    """The collaboration row only when it is asked, not when the person says whom they work with (or what data)."""
    own_team = _OWN_TEAM.search(text) or _WORKS_WITH_DATA.search(text)
    if not own_team or _ASKS_COLLABORATION.search(text):
        return entities
    return [e for e in entities if not (e.get("entity") == "aspect" and norm.aspect(e.get("value")) == "collaboration")]


def _without_negated_level(entities: List[Dict[str, Any]], text: str, norm: Normalizer) -> List[Dict[str, Any]]:
    """The entities without a level the message sets aside beside another it names ('sorry, I meant entry level for
    ML, not senior': entry, not senior)."""
    dropped = {norm.level(m.group(1)) for m in _NOT_THIS.finditer(text)} - {None}
    levels = {norm.level(str(e.get("value", ""))) for e in entities if e.get("entity") == "level"} - {None}
    if not dropped or not levels - dropped:
        return entities
    return _dropping(entities, "level", norm.level, dropped)


def _dropping(entities: List[Dict[str, Any]], kind: str, read, dropped: set) -> List[Dict[str, Any]]:
    """The entities without those of `kind` whose value reads (`read`: the normaliser's) as one of `dropped`."""
    return [e for e in entities if not (e.get("entity") == kind and read(str(e.get("value", ""))) in dropped)]


def _meant_instead(kb: KnowledgeBase, kept: str) -> str:
    """The intent a correction's kept words ask when NLU read the words it set aside ('I meant what programming
    languages, not math'): the topic they name (triage reads them as an unsure message is read, with no thread,
    since the thread is what was not meant), else a follow-up on the thread."""
    from actions.understanding.triage import triage  # triage reads context, as this module does

    decision = triage(kb, [], kept, "nlu_fallback", None)
    return decision.intents[0] if decision.kind == "answer" else "inform"


def _outside(entities: Iterable[Mapping[str, Any]], text: str, kept: str) -> List[Dict[str, Any]]:
    """NLU's entities without those whose typed words a correction set aside (no longer in `kept`)."""
    found = []
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        typed = text[start:end].lower() if isinstance(start, int) and isinstance(end, int) else ""
        if not typed or typed in kept.lower():
            found.append(dict(entity))
    return found


def merge_entities(nlu: Iterable[Mapping[str, Any]], scanned: Iterable[Mapping[str, Any]]) -> List[Dict[str, Any]]:
    """NLU's entities, plus scanned ones of kinds NLU did not find (skills and tools: values it did not find)."""
    merged = [dict(e) for e in nlu]
    kinds = {e.get("entity") for e in merged}
    values = {(e.get("entity"), str(e.get("value", "")).lower()) for e in merged}
    for entity in scanned:
        kind, value = entity.get("entity"), str(entity.get("value", "")).lower()
        if (kind, value) in values:
            continue
        if kind in kinds and kind not in ("skill", "tool", "role"):
            continue
        merged.append(dict(entity))
        values.add((kind, value))
    return merged


# 'a step-1 tool', 'the stage-2 topics': a numbered step or stage written with a hyphen
_STEP_HYPHEN = re.compile(r"\b(step|stage|phase)-(?=\d\b)", re.I)


def understand(
    kb: KnowledgeBase,
    intent: str,
    entities: Iterable[Mapping[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    nlu_sure: bool = False,
) -> List[Question]:
    """The questions `text` asks, in order (one unless it holds several; each follows up on the one before),
    each fully canonical (KB keys only). `nlu_sure`: NLU gave `intent` with high confidence (NLU_SURE), so topic
    words do not overrule it. The last question remembers the list the answers show (shown.shown_of), so the next
    message can point into it ('the last two', 'tools for each of those')."""
    text = spelling.correct(text or "", kb)  # 'hw mch does entery levl ai enginer mak' is read as meant
    text = _STEP_HYPHEN.sub(r"\1 ", text)  # 'a step-1 tool' is 'a step 1 tool' (same length: NLU's spans hold)
    text = polar.as_question(text)  # 'my friend says Kafka is an MLOps tool, right?': is Kafka an MLOps tool?
    kept = without_set_aside(text)  # 'sorry, I meant the languages, not math': the math is not asked
    if kept != text:
        set_aside = set(detect_topics(text, kb)) - set(detect_topics(kept, kb))
        if intent[4:] in set_aside:
            intent, nlu_sure = _meant_instead(kb, kept), False  # NLU read the words set aside: what is meant
        if previous.get("topic") in set_aside:  # the last question's topic is what was not meant: no thread to it,
            if previous.get("role") in kb.roles and not any(e.get("entity") == "role" for e in entities):
                entities = [*entities, {"entity": "role", "value": previous["role"]}]  # but the same role's
            previous = {**previous, "topic": None}
        entities, text = _outside(entities, text, kept), kept
    back = returns.rewound(kb, previous, text)
    if back:  # 'back to those stages, the third one?': the rest read on the earlier answer gone back to
        previous, text, topic = back
        entities = []  # (the words left are scanned again; NLU's spans were of the whole message)
        changed = returns.intent_after(kb, intent, topic, text)
        intent, nlu_sure = changed, nlu_sure and changed == intent
    pointed = shown.references(kb, previous, text)
    if pointed and subject_parts(previous.get("subject")).get("worked"):
        # 'where are my tools used?' after a self-description: the steps, for the role advised (so the thread keeps it)
        roles = [str(e.get("value")) for e in entities if e.get("entity") == "role"]
        role = normalizer_for(kb).role(roles[0]) if roles else None
        pointed = [({**context, "role": context.get("role") or role}, said) for context, said in pointed]
    role_named = None if pointed else shown.role_reference(kb, previous, text)
    item = None if pointed or role_named else shown.item_named(kb, previous, text, lambda t: detect_topics(t, kb))
    if item:  # 'for the 2nd one on that list, which workflow step deals with it?': that item's words
        said, asks = item
        unroled = {**previous, "role": None}  # the item's words ask, not the role the last answer was about
        questions = _understood(kb, asks or intent, [], unroled, said, nlu_sure or bool(asks))
        questions = [
            replace(q, reason=(*q.reason, "an item of the last list, asked about by its words")) for q in questions
        ]
    elif role_named:  # 'and the first one you explained, which steps?': the role talked about first
        asks = intent if detect_topics(role_named, kb) else "inform"  # no topic word: the last answer's, for it
        before = _entities_before_change(entities, text, role_named)  # ('pay for it, and for the ML one': 'it')
        questions = _understood(kb, asks, before, previous, role_named, nlu_sure and asks == intent)
        questions = [replace(q, reason=(*q.reason, "a role by the order it was talked about")) for q in questions]
    elif pointed:  # 'the middle two steps?', 'what tools in those two?': each element of the last answer's list
        why = "points into the list the last answer showed"
        each = [q for context, said in pointed for q in _understood(kb, "inform", [], context, said, nlu_sure)]
        questions = [replace(q, reason=(*q.reason, why)) for q in each]
    else:
        questions = _understood(kb, intent, entities, previous, text, nlu_sure)
    if not questions:
        return questions
    questions = _in_between(kb, previous, text, questions)
    questions = _where_own_skills_are_used(kb, questions, text)
    listed, order = shown.shown_of(kb, questions), shown.roles_in_order(previous, questions)
    picked_tool = all(q.topic == "tools" and len(q.tools) == 1 for q in questions)  # one of the tools shown
    if (listed is None or picked_tool) and pointed and (shown.shown_list(previous) or ("",))[0] == "tool":
        listed = subject_parts(previous.get("subject")).get("shown")  # 'and the second one?' next: the same tools
    listed = _both_rated_in_turn(questions, previous) or listed
    was = questions[-1].was or _place_before(previous, questions[-1])  # (a level moved from, when it moved)
    worked = "+".join(worked_steps(kb, text)) if questions[-1].topic in _ABOUT_ONESELF else None
    last = replace(questions[-1], shown=listed, roles_order=order, was=was, worked=worked or None)
    return [*questions[:-1], last]


def _entities_before_change(entities: Iterable[Mapping[str, Any]], text: str, changed: str) -> List[Mapping[str, Any]]:
    """The entities that lie before where `changed` starts to differ from `text`: their places still hold."""
    same = len(os.path.commonprefix([text, changed]))
    return [e for e in entities if isinstance(e.get("end"), int) and e["end"] <= same]


_ABOUT_ONESELF = ("skill_gap", "role_fit")  # answers to a self-description: the steps it says the person works in

# 'is there a part of AI work that uses those skills?', 'which step would need my experience?': after a
# self-description, where the article's work draws on what the person said they do
_OWN_SKILLS_USED = re.compile(
    r"\b(part|parts|step|steps|stage|stages|area|areas|side|corner|place|where)\b.{0,40}"
    r"\b(use|uses|used|need|needs|needed|fit|fits|draw on|draws on|make use of|leverage|apply|applies|value|values)\b"
    r".{0,20}\b(those|these|my|such|that|this|our) (skills?|experience|background|strengths?|abilities|work|habits)\b",
    re.I,
)


def _where_own_skills_are_used(kb: KnowledgeBase, questions: List[Question], text: str) -> List[Question]:
    """A self-description asking where AI work uses its skills ('I write automated test suites... is there a part
    of AI work that uses those skills?'): the workflow step of the work said, instead of the topics its words cue."""
    if not _OWN_SKILLS_USED.search(text) or any(q.topic in _ABOUT_ONESELF for q in questions):
        return questions
    steps = worked_steps(kb, text)
    if not steps:
        return questions
    asked = Question(topic="workflow", stage=steps[0], text=text)
    return [replace(asked, reason=(*questions[-1].reason, "where the work said is used: its workflow step"))]


_PLACE_TOPICS = {"stage": ("workflow", "tools"), "path_stage": ("learning_path",), "level": ("salary",)}


def _place_before(previous: Mapping[str, Any], question: Question) -> str | None:
    """The step or learning stage the last answer was about when this question is about another of the same kind
    ('stage=data_preparation' when step 4 follows step 2), else the one remembered if it stays on the same one."""
    for field, topics in _PLACE_TOPICS.items():
        before, now = previous.get(field), getattr(question, field)
        if not now or question.topic not in topics:
            continue
        if before and before != now and previous.get("topic") in topics:
            return f"{field}={before}"
        if before == now:
            return subject_parts(previous.get("subject")).get("was")
    return None


def _in_between(kb: KnowledgeBase, previous: Mapping[str, Any], text: str, questions: List[Question]) -> List[Question]:
    """'the step in between?' after step 2 and then step 4, naming no step: the one step between the two answers
    before (step 3); the questions unchanged otherwise."""
    was = subject_parts(previous.get("subject")).get("was") or ""
    field, _, before = was.partition("=")
    now = previous.get(field) if field in _PLACE_TOPICS else None
    if len(questions) != 1 or not now or not before or not _PLACE_BETWEEN.search(text):
        return questions  # ('what's the difference between them?' asks no place)
    if {e["entity"] for e in scan_entities(text, kb)} & set(_PLACE_TOPICS):
        return questions  # ('the stage between foundation and advanced': _past_named, from the ones it names)
    middle = _past_named(kb, field, [before, now], "in between", [])
    question = questions[0]
    topic = question.topic if question.topic in _PLACE_TOPICS[field] else _PLACE_TOPICS[field][0]
    if not middle:
        return questions
    why = "the one between the last two"
    return [replace(question, topic=topic, **{field: middle[0]}, reason=(*question.reason, why))]


def _both_rated_in_turn(questions: Sequence[Question], previous: Mapping[str, Any]) -> str | None:
    """'role=ml_engineer+ai_engineer' when this answer rates the skill the last one rated, for the other role
    ('security for ML?' then 'and for AI?'): both roles were asked in turn, so 'what about cloud services?' next
    is asked of both (role_aspect.both_roles_again)."""
    if len(questions) != 1 or questions[0].topic not in ("skills", "skill_comparison"):
        return None
    question = questions[0]
    before, now = previous.get("role"), question.role
    if previous.get("topic") != question.topic or not before or not now or before == now or not question.skills:
        return None
    if subject_parts(previous.get("subject")).get("skill") != question.skills[0]:
        return None
    return f"role={before}+{now}"


def _understood(
    kb: KnowledgeBase,
    intent: str,
    entities: Iterable[Mapping[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    nlu_sure: bool = False,
) -> List[Question]:
    norm = normalizer_for(kb)
    entities = list(entities)
    then_asked = _follow_up_then_another(kb, intent, text)
    if then_asked:
        return _follow_up_and_the_rest(kb, intent, entities, previous, text, then_asked, nlu_sure)
    parts = _parts_with_topics(kb, text, intent)
    if len(parts) >= 2 and (_role_by_duty(kb, entities, text) or _asks_who_in_scenario(kb, parts)):
        parts = []  # 'the person building the dashboard APIs in that scenario, what do they make?': one question
    if len(parts) >= 2 and _where_it_is_said(kb, text):
        parts = []  # "what's data drift, where's it mentioned?": the 'it' is the term just asked, one question
    pointed = _positions(text) if len(parts) < 2 else []
    if len(pointed) >= 2:  # 'what's in the second one, and what's the fourth?': each position of the last list
        return [each for part in pointed for each in _understood(kb, intent, [], previous, part, nlu_sure)]
    if len(parts) < 2:
        merged = _without_negated_role(merge_entities(entities, scan_entities(text, kb)), text, norm)
        merged = _without_own_team(_without_negated_level(merged, text, norm), text, norm)
        again = _same_again(kb, intent, merged, previous, text, nlu_sure)
        if again:
            return again
        one = _one(kb, intent, merged, previous, text, nlu_sure)
        follows = intent in ("inform", "ask_other_role")  # leans on the thread: its topic is the thread's
        asked = _pay_asked(kb, canonical(_fact_asked(kb, one, text, nlu_sure or follows), norm), text, nlu_sure)
        return [each for question in asked for each in _each_subject(kb, question, text)]
    questions: List[Question] = []
    context: Mapping[str, Any] = previous
    nlu_topic = intent[4:] if intent.startswith("ask_") else intent
    for part, topics, start, elliptical in parts:
        topic = topics[0] if elliptical else nlu_topic if nlu_topic in topics else topics[0]
        if elliptical and questions and questions[-1].topic in kb.topics and not questions[-1].missing:
            topic = questions[-1].topic  # the part before's question as it was answered, not as it was cued
        same_subject = bool(questions) and questions[-1].topic in _SUBJECT_TOPIC_NAMES and _only_a_role(kb, part)
        if same_subject:
            topic, elliptical = questions[-1].topic, True  # '..., and what does the ML engineer do?': same subject
        own = [e for e in entities if _within_part(e, text, part, start)]
        scanned = _without_negated_role(merge_entities(own, scan_entities(part, kb)), part, norm)
        if topic == "use_cases" and _TOOL_USED_FOR.search(part) and any(e.get("entity") == "tool" for e in scanned):
            topic = "tools"  # "what's MLflow used for, and ...?": what that tool is for, not what AI is used for
        # '..., who prepares the data?' after 'who leads deployment': the same topic, no term of its own and nothing
        # pointing back: its own fact, not the part before's subject
        fresh = bool(questions) and not elliptical and topic == questions[-1].topic and not scanned
        fresh = fresh and not _POINTS_BACK.search(part)
        base = previous if fresh else context
        if not questions and _role_kept_for_later(kb, parts, topic, scanned):
            base = {**base, "role": None}  # 'what challenges do teams face, and which does the ML person handle?'
        if fresh and topic in ("workflow", "tools") and _step_subject(kb, topic, part):
            base = {**base, "stage": None}  # '..., and what is monitored afterwards?': the step its words describe
        question = _one(kb, f"ask_{topic}", scanned, base, part, nlu_sure=elliptical, whole=False)
        keeps = question.topic in (topic, "concept") or question.missing  # 'what for monitoring?' after tools
        if elliptical and not keeps:
            taken = topic_fields(kb).get(topic, ())
            question = replace(
                question,
                topic=topic,
                skills=question.skills if "skill" in taken else (),
                tools=question.tools if "tool" in taken else (),
                reason=(*question.reason, f"asks the part before's question: {topic}"),
            )
        if same_subject:
            before = questions[-1]
            subject = {f: getattr(before, f) for f in _MANY_FIELDS if getattr(question, f) is None}
            question = replace(question, **subject, reason=(*question.reason, "the part before's subject"))
        question = replace(question, reason=(f"part {len(questions) + 1} of {len(parts)}", *question.reason))
        question = _fact_asked(kb, question, part, nlu_sure=True)
        if questions and questions[-1].missing and _same_missing_ask(kb, question, part):
            continue  # 'startups vs big tech, who pays more?': the pay part asks the missing fact again
        asked = _pay_asked(kb, canonical(question, norm), part, nlu_sure=True)
        asked = [each for one in asked for each in _each_subject(kb, one, part)]
        questions.extend(asked)
        context = _after_part(previous, asked[-1])
    return _asked_together(questions)


def _role_kept_for_later(kb: KnowledgeBase, parts: Sequence[Any], topic: str, scanned: Sequence[Mapping]) -> bool:
    """The first part names no role and a later part of the same topic does: the first part asks of everyone
    (the whole list), the later one narrows it to that role, so the thread's role is not the first part's."""
    if any(e.get("entity") == "role" for e in scanned):
        return False
    later = [p for p in parts[1:] if topic in p[1] or p[3]]  # (part, topics, start, elliptical)
    return any(e.get("entity") == "role" for p in later for e in scan_entities(p[0], kb))


def _after_part(previous: Mapping[str, Any], before: Question) -> Dict[str, Any]:
    """The context the next part of a message reads: the part before's answer over the thread, including that it
    was about no one role ('list the constraints and the challenges' after the ML engineer: all the challenges,
    since the constraints just shown were nobody's in particular)."""
    slots = {k: v for k, v in before.context_slots().items() if v is not None}
    return {**previous, **slots, "role": before.role}


def _follow_up_then_another(kb: KnowledgeBase, intent: str, text: str) -> List[str]:
    """A follow-up on the thread followed by a question of another kind ('and the other role at that level? also,
    is this US only?'): its parts, when every part after the first names a topic or a fact the article lacks;
    [] otherwise (a follow-up is one question however many commas it has)."""
    if intent not in ("inform", "ask_other_role") or text.startswith("/"):
        return []
    parts = split_parts(text)

    def asks_of_its_own(part: str) -> bool:  # ('which of those is about access and which is about tracking changes?')
        return bool(detect_topics(part, kb) or lookups.missing_fact(kb, part) or lookups.description_of_item(part))

    if len(parts) < 2 or not all(_asks(p) and asks_of_its_own(p) for p in parts[1:]):
        return []
    return parts


def _follow_up_and_the_rest(
    kb: KnowledgeBase,
    intent: str,
    entities: Sequence[Mapping[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    parts: Sequence[str],
    nlu_sure: bool,
) -> List[Question]:
    """The follow-up part on the thread as NLU read it, then each other part as its own words ask it, each on the
    subject of the part before."""
    start = text.find(parts[0])
    own = [e for e in entities if _within_part(e, text, parts[0], max(start, 0))]
    questions = list(_understood(kb, intent, own, previous, parts[0], nlu_sure))
    for part in parts[1:]:
        context = {**previous, **{k: v for k, v in questions[-1].context_slots().items() if v is not None}}
        topics = detect_topics(part, kb)
        questions += _understood(kb, f"ask_{topics[0]}" if topics else "inform", [], context, part)
    return [replace(q, reason=(f"part {i + 1} of {len(questions)}", *q.reason)) for i, q in enumerate(questions)]


def _asked_together(questions: List[Question]) -> List[Question]:
    """The last question remembers the other topics its message asked, so 'same for the ML engineer' repeats all."""
    last = questions[-1]
    before = tuple(dict.fromkeys(q.topic for q in questions[:-1] if q.topic != last.topic))
    if len({q.topic for q in questions}) != len(before) + 1:
        return questions
    rows = tuple(r for r in dict.fromkeys(_row_of(q, last) for q in questions[:-1] if q.topic == last.topic) if r)
    if not before and not rows:
        return questions
    return [*questions[:-1], replace(last, asked_with=(*before, *rows))]


_ROW_FIELDS = ("aspect", "stage", "path_stage", "level")


def _row_of(question: Question, last: Question) -> str:
    """'aspect=collaboration': what an earlier part of the same topic was narrowed to where the last part differs
    ('who do they collaborate with, and what do they monitor?' asks two rows), so 'same for the ML engineer'
    repeats both rows; '' when it differs in none."""
    for field in _ROW_FIELDS:
        value = getattr(question, field, None)
        if value and value != getattr(last, field, None):
            return f"{field}={value}"
    return ""


_SAME_FOR = re.compile(
    r"^\W*((ok(ay)?|and|n|now|so|then)\W+)*(same|the same|likewise|ditto|and|n|what about|how about)\b|^\W*[&+]", re.I
)  # ('n the ml one' and '& for ML?' are typed 'and')


_SAME_ONES = re.compile(r"\b(the )?same (two|three|four|ones|things|questions|again)\b", re.I)


def _same_again(
    kb: KnowledgeBase,
    intent: str,
    entities: List[Dict[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    nlu_sure: bool = False,
) -> List[Question]:
    """'same for the ML engineer' after a message that asked several things: each of them again, for that role
    (the earlier topics from the thread, with what each was narrowed to); [] when it is not such a message.
    'same three for the ML engineer' says so whatever an unsure NLU read."""
    with_topics = subject_parts(previous.get("subject")).get("with", "")
    thread = previous.get("thread")
    # ('and the ML engineer, same two things?' reads to NLU as comparing the roles, however sure it is)
    loose = not nlu_sure or intent in _COMPARE_INTENTS
    follows = intent in ("inform", "ask_other_role") or (loose and bool(_SAME_ONES.search(text)))
    if not with_topics or not isinstance(thread, Mapping) or not follows:
        return []
    norm = normalizer_for(kb)
    roles = {norm.role(str(e.get("value"))) for e in entities if e.get("entity") == "role"}
    if len(roles) != 1 or None in roles or not _SAME_FOR.search(text) or detect_topics(text, kb) or not is_short(text):
        return []
    questions = []
    for topic in [t for t in with_topics.split("+") if t in thread and t in kb.topics]:
        values = thread[topic] if isinstance(thread[topic], Mapping) else {}
        earlier = {"topic": topic, **{k: v for k, v in values.items() if k != "role"}, "thread": thread}
        questions.append(_one(kb, "inform", entities, earlier, text, nlu_sure=True))
    for field, value in (row.split("=", 1) for row in with_topics.split("+") if "=" in row):
        if field in _ROW_FIELDS:  # an earlier row of the same topic ('who they work with' before the monitoring)
            earlier = {"topic": previous.get("topic"), field: value, "thread": thread}
            questions.append(_one(kb, "inform", entities, earlier, text, nlu_sure=True))
    if not questions:
        return []
    questions.append(_one(kb, "inform", entities, previous, text, nlu_sure=True))
    return _asked_together([canonical(q, norm) for q in questions])


# 'same for the other role', 'and the ML engineer?', 'what about ML?': the last pay answer again for another role
_A_LEVEL_WORD = re.compile(r"\b(entry|junior|starting|mid|middle|senior|top|highest|lowest)\b", re.I)
_AGAIN_FOR = re.compile(
    r"\b(same|too|as well|likewise|similarly|the other (role|one|engineer|side)|what about|how about)\b|^\W*(and|&)\b",
    re.I,
)


def _two_levels_before(previous: Mapping[str, Any], text: str, named: Iterable[str]) -> Tuple[str, ...]:
    """The pay levels asked again: those the last answer gave together ('entry and mid for AI?', then 'same for
    the other role'), or the two the last two answers gave in turn when 'the same two' asks them again ('same two
    figures for AI?' after one role's entry pay and then its senior pay), in KB order; () otherwise."""
    if previous.get("topic") != "salary" or "level" in set(named):
        return ()
    together = tuple(k for k in (subject_parts(previous.get("subject")).get("levels") or "").split("+") if k)
    if together and not previous.get("level") and _AGAIN_FOR.search(text) and not _A_LEVEL_WORD.search(text):
        return tuple(k for k in LEVEL_KEYS if k in together)  # ('and the middle band?' asks a level of its own)
    if not _SAME_ONES.search(text):
        return ()
    field, _, before = (subject_parts(previous.get("subject")).get("was") or "").partition("=")
    now = previous.get("level")
    if field != "level" or before not in LEVEL_KEYS or now not in LEVEL_KEYS or before == now:
        return ()
    return tuple(k for k in LEVEL_KEYS if k in (before, now))


def _duty_row_carried(kb: KnowledgeBase, question: Question, previous: Mapping[str, Any]) -> Question:
    """'and in monitoring?' after a step shown with its responsibilities row ('how does that play out in
    deployment?'): the new step with its own row too (who oversees what there), as the thread compares duties."""
    if question.topic != "workflow" or question.aspect or not question.stage:
        return question
    if previous.get("topic") != "workflow" or not previous.get("aspect") or previous.get("stage") == question.stage:
        return question
    row = lookups.duty_row_of_step(kb, question.stage)
    return replace(question, aspect=row) if row else question


def _same_two_levels(question: Question, text: str, previous: Mapping[str, Any], named: Iterable[str]) -> Question:
    """Both levels the last two answers gave, again (for the role now asked), not only the last one."""
    levels = _two_levels_before(previous, text, named)
    if question.topic != "salary" or question.levels or not levels:
        return question
    return replace(question, level=None, levels=levels)


def is_short(text: str) -> bool:
    return len(text.split()) <= 8


_SALARY_TOPICS = ("salary", "salary_comparison")
_POINTS_BACK = re.compile(r"\b(it|its|they|them|their|that|those|this|these|there|same)\b", re.I)


# Subjects a question can name several of under one question frame ('its intermediate and enterprise stages',
# 'the deployment and monitoring rows'): one question per subject. The fields named at the same words go along.
_MANY_FIELDS = ("path_stage", "stage", "aspect", "scenario")
_RANGE = re.compile(r"\bbetween\b|\bfrom\b.+\b(to|until|through)\b", re.I)  # 'the steps between X and Y'


def _each_subject(kb: KnowledgeBase, question: Question, text: str) -> List[Question]:
    """One question per subject of one kind the text names ('what are its intermediate and enterprise
    stages?' asks two stages), each with the fields named at the same words; the question itself otherwise."""
    if text.startswith("/") or question.missing or (_RANGE.search(text) and not _ONE_BETWEEN.search(text)):
        return [question]
    if question.topic == "learning_path" and question.path_stage and step_shift(text):
        return [question]  # 'the next stage after the foundations': the move picked one stage, the words name two
    fields = topic_fields(kb).get(question.topic, ())
    named = _named_subjects(kb, text)
    for field in _MANY_FIELDS:
        if field not in fields:
            continue
        spans = [(start, values) for start, values in named if field in values]
        keys = list(dict.fromkeys(values[field] for _, values in spans))
        if len(keys) < 2 or getattr(question, field) not in keys:
            continue
        beyond = _past_named(kb, field, keys, text, [start for start, _ in spans])
        moved = "a move from each of the steps named"
        if beyond:  # 'what comes before step 5 and step 4?': the one before each of them, not those named
            return [replace(question, **{field: key}, reason=(*question.reason, moved)) for key in beyond]
        firsts = [next(values for _, values in spans if values[field] == key) for key in keys]
        why = f"one of {len(keys)} {field.replace('_', ' ')}s named"
        return [
            replace(question, **{f: values.get(f) for f in _MANY_FIELDS if f in fields}, reason=(*question.reason, why))
            for values in firsts
        ]
    return [question]


# 'the step in between', 'what sits between them': the one place between two others.
_BETWEEN = re.compile(r"\b(in[- ]between|between (them|those|these|the two|both)|between\b.{1,40}\b(and|&))\b", re.I)
# 'the step between ingestion and training' (one step: the middle), not 'the steps between 2 and 5' (a range).
_ONE_BETWEEN = re.compile(r"\b(step|stage|phase|one)\b[^.?!,]{0,20}\bbetween\b", re.I)
# 'the step in between', 'and the one between them', 'what comes in between?': a place between, asked bare.
_PLACE_BETWEEN = re.compile(
    _ONE_BETWEEN.pattern + r"|\b(what'?s|whats|what is|what comes|what happens|anything)\s+(in\s+)?between\b", re.I
)
# Two named places joined as one base of a move ('before step 5 and step 4', 'after stages 2 & 3').
_JOINED = re.compile(r"\s(and|or|&)\s+(the\s+)?$|,\s*$|\s(and|or|&)\s+(the\s+)?(step|stage)s?\s*$", re.I)


def _past_named(kb: KnowledgeBase, field: str, keys: Sequence[str], text: str, starts: Sequence[int]) -> List[str]:
    """The steps or learning stages a move from several named ones reaches: the one before (or after) each, in the
    order named ('what comes before step 5 and step 4?': steps 4 and 3), or the one between two ('the stage
    between foundation and advanced'); [] when the message moves nowhere or past either end."""
    order = [s.key for s in (kb.workflow.stages if field == "stage" else kb.learning_paths)]
    if field not in ("stage", "path_stage") or not set(keys) <= set(order):
        return []
    places = sorted(order.index(k) for k in keys)
    if _BETWEEN.search(text):
        inside = [i for i in range(places[0] + 1, places[-1]) if i not in places]
        return [order[inside[0]]] if len(inside) == 1 else []
    shift = step_shift(text)
    joined = len(starts) == 2 and _JOINED.search(text[starts[0] : starts[1]])
    if not shift or not joined:
        return []  # ('after the basics, what's the advanced stage?': the stage named is asked)
    moved = [order.index(k) + shift for k in keys]
    return list(dict.fromkeys(order[i] for i in moved if 0 <= i < len(order)))


def _named_subjects(kb: KnowledgeBase, text: str) -> List[Tuple[int, Dict[str, str]]]:
    """(offset, {field: KB key}) for each place the text names a step, path stage, responsibility row or
    scenario, in order."""
    norm = normalizer_for(kb)
    readers = {"path_stage": norm.path_stage, "stage": norm.stage, "aspect": norm.aspect}
    places: Dict[int, Dict[str, str]] = {}
    ends: Dict[str, int] = {}  # where the last span of each kind ended
    scanned = _without_own_team(scan_entities(text, kb), text, norm)
    for entity in sorted(scanned, key=lambda e: (e.get("start", -1), -e.get("end", -1))):
        read = readers.get(entity["entity"])
        key = read(entity["value"]) if read else None
        if key and isinstance(entity.get("start"), int):
            end = ends.get(entity["entity"])
            if end is not None and not text[end : entity["start"]].strip():
                continue  # 'monitoring focus', 'deployment duties': the head word of the phrase just named, not another
            places.setdefault(int(entity["start"]), {}).setdefault(entity["entity"], key)
            ends[entity["entity"]] = int(entity.get("end", entity["start"]))
    low = text.lower()
    for scenario in kb.scenarios:
        for alias in sorted({a.lower() for a in (scenario.name, *scenario.aliases)}, key=len, reverse=True):
            match = rx(rf"(?<!\w){re.escape(alias)}s?(?!\w)").search(low)
            if match:
                places.setdefault(match.start(), {})["scenario"] = scenario.key
                break
    return sorted(places.items())


def _same_missing_ask(kb: KnowledgeBase, question: Question, part: str) -> bool:
    """A pay part naming no role, level or place of its own after a part asking a fact the article lacks."""
    if question.topic not in pay_topics(kb) or question.missing:
        return False
    return not any(e["entity"] in ("role", "level", "location") for e in scan_entities(part, kb))


# 'the top band', 'the lowest tier': a level by its place in the table ('top', 'starting' alone name no level);
# 'the top ML range', 'the top of the AI ladder': the senior band ('top of the senior range' names its
# level, which wins); 'the bottom of the ML ladder', 'the lowest rung': the entry band
_ROLE_IN_BAND = r"(?:(?:ai|ml|machine[- ]learning)(?: engineers?'?s?)?\s+)?"
_BAND = r"(band|level|tier|bracket|range|rung)s?\b"
_LADDER = r"(ladder|scale|bands|levels|pay scale|salary scale)\b"
_TOP_BAND = re.compile(
    r"\b(top|highest|upper|best[- ]paid|best[- ]paying)\s+"
    + _ROLE_IN_BAND
    + _BAND
    + r"|\b(top|highest rung) of the\s+"
    + _ROLE_IN_BAND
    + _LADDER,
    re.I,
)
_PAY_BAND_WORD = re.compile(r"\b(range|band|bracket|ladder|scale|rung)s?\b", re.I)
_BOTTOM_BAND = re.compile(
    r"\b(bottom|lowest|lower|starting|first)\s+"
    + _ROLE_IN_BAND
    + _BAND
    + r"|\b(bottom|lowest rung|first rung|foot) of the\s+"
    + _ROLE_IN_BAND
    + _LADDER,
    re.I,
)
# 'the single highest figure in the whole table', 'the lowest salary overall': one cell of the whole table.
_EXTREME = re.compile(
    r"\b(?P<way>highest|top|biggest|largest|maximum|max|lowest|smallest|minimum|min)\s+"
    r"(figure|number|salary|pay|amount|value|band|earner|paid)s?\b"
    r"(?=.{0,40}\b(whole|entire|overall|all|table|anywhere|across|of them all|in total|which role|what role|who"
    r"|outlook)\b)",
    re.I,
)
_ALL_PAY = re.compile(
    r"\b(at all|in general|overall|across the board|all (the )?(figures|salaries|ranges|numbers))\b", re.I
)
_TABLE = re.compile(r"\b(table|figures?|numbers?|bands?|ranges?)\b", re.I)
_BOTH = re.compile(r"\b(both|bth|boht|each)\b(?! (levels|bands))", re.I)
# 'what are the salary factors the article lists?': what moves pay, not the figures
_FACTORS = re.compile(r"\b(factors?|drivers?)\b", re.I)
# Words that compare pay between the roles ('who earns more', 'both', 'the gap'); without them it is one role's pay.
_COMPARES = re.compile(
    r"\b(more|less|most|least|higher|lower|better|best|worse|vs\.?|versus|compar\w*|differ\w*|gap|both|each|between"
    r"|than|which|who|whose|two|either|side by side|against|out-?(earn|pa[iy])\w*)\b",
    re.I,
)
# 'what skills make salaries grow?', 'what helps pay go up?': what moves pay, not the figures
_GROWS_PAY = re.compile(
    r"\b(what|which)\b.{0,30}\b(makes?|helps?|gets?|drives?|pushes?|lets?)\b.{0,20}\b(salar\w*|pay|earnings|income)\b"
    r".{0,12}\b(grow\w*|rises?|go(es)? up|increases?|climbs?|higher|jumps?)\b"
    # 'what would actually move my compensation up?', 'how do I bump my pay?': what moves one's own pay
    r"|\b(move|raise|bump|boost|increase|grow|lift|push)\s+(up\s+)?(my|your|one's|their)\s+"
    r"(salar\w*|pay|compensation|comp|earnings|income)\b",
    re.I,
)
# 'does location matter?', 'does the industry make a difference?': whether something moves pay
_MATTERS = re.compile(
    r"\b(matters?|affects?|influences?|impacts?|count|counts|make (a|any) difference|makes (a|any) difference|change"
    r"|changes|play (a|any) (role|part)|plays (a|any) (role|part)|factor in|come into it)\b",
    re.I,
)
# 'what would my starting salary be?': the entry level ('starting' alone names no level)
_STARTING = re.compile(
    r"\b(starting|start|first|initial|beginning)\s+(salary|salaries|pay|wages?|incomes?|packages?|figures?)\b", re.I
)
# 'what does a plain AI engineer start at?', 'how much do ML engineers start on?': the entry band's pay, whatever
# NLU made of it (a learning path 'starts with' its foundation, never 'at' a sum)
_STARTS_AT = re.compile(
    r"^\W*((ok|okay|so|and|then|right)\W+)*(what|how much)\b.*\bstart(s|ing)?( out| off)? (at|on)\W*$", re.I
)
# 'and the highest?' after pay figures: the extreme figure again, without the words for the whole table.
_BARE_EXTREME = re.compile(
    r"^\W*(and|what about|how about|ok|so)?\s*(the|its)?\s*(?P<way>highest|lowest|top|biggest|smallest|maximum|"
    r"minimum|max|min)(\s+(one|figure|number|salary|pay|value))?\W*$",
    re.I,
)
_US_WORD = re.compile(r"\bUS\b|\bthe us\b", re.I)


def _pay_asked(kb: KnowledgeBase, question: Question, text: str, nlu_sure: bool) -> List[Question]:
    """_pay_asked_here, with a place outside the US that only a later part names ('the senior AI salary, and what
    is it in the UK?') asked as its own question after the US figure the first part asks for."""
    asked = _pay_asked_here(kb, question, text, nlu_sure)
    if len(asked) != 1 or asked[0].topic not in _SALARY_TOPICS or not asked[0].location or asked[0].location_in_us:
        return asked
    parts = split_parts(text)
    place = asked[0].location.lower()
    if len(parts) < 2 or place in parts[0].lower() or not any(place in p.lower() for p in parts[1:]):
        return asked
    us = replace(asked[0], location=None, reason=(*asked[0].reason, "the US figure the first part asks for"))
    return [us, replace(asked[0], reason=(*asked[0].reason, "a later part asks about a place outside the US"))]


# 'the lowest and highest figure in the table': both ends of the whole table.
_BOTH_EXTREMES = re.compile(
    r"\b(lowest|smallest|minimum|min)\s+(and|&|or|to)\s+(the\s+)?(highest|biggest|largest|maximum|max|top)\b"
    r"|\b(highest|biggest|largest|maximum|max|top)\s+(and|&|or|to)\s+(the\s+)?(lowest|smallest|minimum|min)\b",
    re.I,
)


def _pay_asked_here(kb: KnowledgeBase, question: Question, text: str, nlu_sure: bool) -> List[Question]:
    """A pay question as its words ask it: several levels at once ('entry and senior pay', 'entry for AI and
    senior for ML'), a level by its place ('the top band'), the one highest or lowest figure of the table, and
    the US named again after another place ('ok, what about the US then?')."""
    if text.startswith("/") or question.missing:
        return [question]
    if question.topic not in _SALARY_TOPICS and _SAME_LEVEL.search(text) and not detect_topics(text, kb):
        level = dict(dict(question.thread).get("salary", ())).get("level")
        if level and question.topic not in _OWN_LEVELS:  # 'same level for ML engineers?' after pay, then tools
            why = "the level of the pay asked before"
            asked = replace(
                question, topic="salary", level=level, levels=(), stage=None, aspect=None, skills=(), tools=()
            )
            return [replace(asked, reason=(*question.reason, why))]
    if question.topic not in _SALARY_TOPICS:
        detected = detect_topics(text, kb)
        band = (_TOP_BAND.search(text) or _BOTTOM_BAND.search(text)) and not detected
        levels_paid = bool(_EARN.search(text)) and _count_levels(kb, text) >= 2
        # 'what are the mid-level ranges for both roles?': a level and a pay word read as a comparison of roles
        level_paid = question.topic in _ROLES_TOPICS and _pay_level(kb, text)
        # 'top of the mid-level range', 'the entry-level range for ...': a pay level and a band word, no other topic
        level_paid = level_paid or (question.topic not in _NOT_BANDS and _pay_level(kb, text) and not detected)
        # 'what would I make at entry vs mid level?' compares levels
        # a band named by a pay word ('the top ML range', 'the bottom of the ladder') is pay, however sure NLU was
        pay_band = bool(band) and bool(_PAY_BAND_WORD.search(text))
        pay_band = pay_band or (bool(_STARTS_AT.search(text)) and not detected)
        # 'what does that role make at entry level?': a level and pay words, however sure NLU was of the role
        paid_at_level = "salary" in detected and _count_levels(kb, text) >= 1
        if (nlu_sure and not (pay_band or paid_at_level)) or not (
            band or levels_paid or level_paid or pay_band or paid_at_level
        ):
            return [question]
        question = replace(question, topic="salary", reason=(*question.reason, "names pay bands"))
    step = _Steps(question)
    norm = normalizer_for(kb)
    if question.topic == "salary" and (_FACTORS.search(text) or _GROWS_PAY.search(text)):
        return [step(replace(question, topic="salary_factors", level=None, levels=()), "asks what moves pay")]
    places = [e["value"] for e in scan_entities(text, kb) if e["entity"] == "location"]
    abroad = [p for p in places if not norm.is_us(p) and not _set_aside(text, p)]
    if abroad and (not question.location or question.location_in_us):  # 'in London compared to the US'
        question = step(replace(question, location=abroad[0], location_in_us=False), "a place outside the US")
    elif question.location and not question.location_in_us and _names_us(kb, text) and not abroad:
        question = step(replace(question, location=None, location_in_us=False), "the US named again")
    bare = _bare_roles(text)  # (a role the scanner gave no place is one of these, placed)
    scanned = _without_negated_level(scan_entities(text, kb), text, norm)
    scanned = [*(e for e in scanned if not (bare and e["entity"] == "role" and "start" not in e)), *bare]
    found = sorted((e for e in scanned if e["entity"] in ("level", "role")), key=lambda e: e.get("start", 1e9))
    named = [(e["entity"], norm.level(e["value"]) if e["entity"] == "level" else norm.role(e["value"])) for e in found]
    named = [pair for i, pair in enumerate(named) if pair[1] and (i == 0 or pair != named[i - 1])]
    levels = [key for key in LEVEL_KEYS if ("level", key) in named]
    roles_named = {key for kind, key in named if kind == "role"}
    unknown_kind = question.unknown_value("job_title") or question.unknown_value("role")  # 'edge AI engineers'
    one_named = len(roles_named) == 1 and len(question.roles) < 2  # (two asked: 'for it, and for the ML one')
    if question.topic == "salary" and one_named and set(question.roles) != roles_named and not unknown_kind:
        # 'the upper end of ML mid-level?', 'US senior ML then?': the role the words name, not the thread's
        question = step(replace(question, roles=tuple(roles_named), other_role_requested=False), "a role named")
    if question.topic == "salary" and not named and _ALL_PAY.search(text) and (question.roles or question.level):
        # 'so what does the article say about pay at all?': the whole table, not the role talked about
        return [step(replace(question, roles=(), level=None, levels=()), "pay as a whole")]
    if len(levels) >= 2:
        paired = _paired(named)
        if paired:
            why = "a level for each role"
            asked = [step(replace(question, roles=(role,), level=level, levels=()), why) for role, level in paired]
            extreme = _EXTREME.search(text)
            if extreme:  # '..., and what's the highest figure in the 2026 outlook?': that cell too
                lowest = extreme.group("way").lower() in ("lowest", "smallest", "minimum", "min")
                role, level = _extreme_cell(kb, lowest)
                cell = replace(question, roles=(role,), level=level, levels=())
                asked.append(replace(cell, reason=(*question.reason, "the extreme figure of the table")))
            return asked
        several = () if len(levels) == len(LEVEL_KEYS) else tuple(levels)
        roles = {key for kind, key in named if kind == "role"}
        topic = "salary" if len(roles) == 1 else question.topic  # 'entry vs senior for ML engineers': one role's
        return [step(replace(question, topic=topic, level=None, levels=several), "several levels named")]
    if len(levels) == 1 and level_shift(text):
        return [question]  # 'a step down from senior': the level named is where the move starts (already made)
    if levels:
        level = levels[0]
        both = _BOTH.search(text) and not any(kind == "role" for kind, _ in named)
        if level == question.level and not both:
            return [question]
        roles = () if both else question.roles
        return [
            step(replace(question, level=level, levels=(), roles=roles, other_role_requested=False), "a level named")
        ]
    if _STARTING.search(text) or _STARTS_AT.search(text):
        return [step(replace(question, level=LEVEL_KEYS[0], levels=()), "a starting salary")]
    extreme = _EXTREME.search(text) or _BARE_EXTREME.search(text)
    ends = _BOTH_EXTREMES.search(text)
    if ends and (extreme or _EARN.search(text) or _TABLE.search(text)) and not any(kind == "role" for kind, _ in named):
        cells = [_extreme_cell(kb, lowest) for lowest in (True, False)]
        if ends.group(1) is None:
            cells.reverse()  # 'the highest and lowest': in the order asked
        why = "both ends of the table"
        cell = replace(question, topic="salary", levels=())
        return [step(replace(cell, roles=(role,), level=level), why) for role, level in cells]
    if extreme and not any(kind == "role" for kind, _ in named):
        role, level = _extreme_cell(kb, extreme.group("way").lower() in ("lowest", "smallest", "minimum", "min"))
        return [step(replace(question, roles=(role,), level=level, levels=()), "the extreme figure of the table")]
    if _TOP_BAND.search(text):
        return [step(replace(question, level=LEVEL_KEYS[-1], levels=()), "the top band")]
    if _BOTTOM_BAND.search(text):
        return [step(replace(question, level=LEVEL_KEYS[0], levels=()), "the bottom band")]
    return [question]


_ROLES_TOPICS = ("both_roles", "role_comparison", "which_better")
# Topics whose answers read a level word their own way, where 'range' or 'figure' is no pay band.
_NOT_BANDS = ("skill_gap", "role_fit", "salary_factors", "certifications")
_SAME_LEVEL = re.compile(r"\b(same|that|this) (level|band|seniority)\b", re.I)
# topics with levels of their own (skill ratings, learning stages): 'the same level' there is theirs
_OWN_LEVELS = ("skills", "skill_comparison", "learning_path", "math", "skill_gap", "role_fit")
_EARN = re.compile(r"\b(make|makes|earn\w*|paid|pay|salar\w*|income)\b", re.I)


def _count_levels(kb: KnowledgeBase, text: str) -> int:
    norm = normalizer_for(kb)
    return len({norm.level(e["value"]) for e in scan_entities(text, kb) if e["entity"] == "level"} - {None})


def _names_us(kb: KnowledgeBase, text: str) -> bool:
    """The message names the US (or a US place): 'US' in capitals or 'the us', else another alias."""
    if _US_WORD.search(text) and not re.search(r"\b(tell|help|give|show|let|for|to|with) us\b", text):
        return True
    aliases = [a for a in kb.coverage.salary_region_aliases if a not in ("us", "the us")]
    return any(rx(rf"(?<!\w){re.escape(a)}(?!\w)", re.I).search(text) for a in aliases)


# 'mid for AI and senior for ML': a role by its bare letters after a level, where the scanner (which reads a bare
# 'AI' as no role) leaves it out or gives it no place in the sentence
_BARE_PAY_ROLE = re.compile(
    r"\b(?:for|of|at|on)\s+(?:the\s+)?(ai|ml)\b(?!\s*[-/]?\s*(engineer|eng|role|side|one|path|folks))", re.I
)


def _bare_roles(text: str) -> List[Dict[str, Any]]:
    """Roles named by their bare letters ('for AI', 'for ML'), with their place in the text."""
    key = {"ai": "ai_engineer", "ml": "ml_engineer"}
    return [
        {"entity": "role", "value": key[m.group(1).lower()], "start": m.start(1), "end": m.end(1)}
        for m in _BARE_PAY_ROLE.finditer(text)
    ]


def _paired(named: Sequence[Tuple[str, str]]) -> List[Tuple[str, str]]:
    """(role, level) pairs when each role is named with its own level, in order ('entry for AI engineers and
    senior for ML engineers', 'AI engineers at entry, ML engineers at senior'); [] otherwise."""
    if len(named) != 4 or len({kind for kind, _ in named[::2]}) != 1 or named[0][0] == named[1][0]:
        return []
    pairs = [dict(named[i : i + 2]) for i in (0, 2)]
    if any(set(p) != {"role", "level"} for p in pairs) or pairs[0]["role"] == pairs[1]["role"]:
        return []
    return [(p["role"], p["level"]) for p in pairs]


def _extreme_cell(kb: KnowledgeBase, lowest: bool) -> Tuple[str, str]:
    """The (role, level) holding the table's highest top (or lowest bottom) figure."""
    cells = [(role, level) for role in kb.roles for level in LEVEL_KEYS]
    if lowest:
        return min(cells, key=lambda c: kb.salaries.bands[c[0]][c[1]].low)  # type: ignore[index]
    return max(cells, key=lambda c: kb.salaries.bands[c[0]][c[1]].high)  # type: ignore[index]


def _set_aside(text: str, place: str) -> bool:
    """'ok forget Canada, back to the US': a place the message drops is not the place asked about."""
    words = r"(forget|forget about|never ?mind|not|instead of|rather than|other than|except|drop|ignore|skip)"
    return bool(re.search(rf"\b{words}\s+(the\s+)?{re.escape(place)}\b", text, re.I))


def _supporting(kb: KnowledgeBase, topic: str) -> Tuple[str, ...]:
    """The topic and those whose cue words also support it (careers.yml `supported_by`)."""
    return topic_table(kb).supported_by.get(topic, (topic,))


# Topics whose facts are stages in an order, and words that ask for the one after where someone is.
_ORDERED_TOPICS = ("learning_path", "workflow")
_MOVES_ON = re.compile(r"\b(next|afterwards|after that|later on|from there)\b", re.I)


def _fact_asked(kb: KnowledgeBase, question: Question, text: str, nlu_sure: bool) -> Question:
    """The narrowest fact the words ask for (actions/understanding/facts.py); a fragment leaning on the thread
    ('and ML engineers?') keeps its topic, and so does a topic its words or a sure NLU support."""
    if question.topic in _ORDERED_TOPICS and _MOVES_ON.search(text):
        return question  # 'what should I study next on that path?': a move from where one is, not a stage's words
    # 'who builds recommendation engines?': the role, not the use case its words match; 'what kinds of systems?'
    # after a role: the systems its definition lists, not the primary-focus row ('system-level AI solutions')
    if _BUILDER_ASKED in question.reason or role_aspect.ROLE_FACET_REASON in question.reason:
        return question
    scores = topic_scores(text, kb)
    supported = is_fragment(text) or any(scores.get(t, 0) > 0 for t in _supporting(kb, question.topic))
    matched = second_opinion(kb, question, text, supported=supported, nlu_sure=nlu_sure)
    if matched.asked() == question.asked():
        return matched
    how = "narrowed to" if matched.topic == question.topic else "re-routed to"
    return replace(
        matched, reason=(*question.reason, f"the words match a fact: {how} {matched.topic} {matched.facet()}")
    )


_IN_EACH = re.compile(r"\b(in|for|of|within) (each|each one|each of them|every one|both of them)\b", re.I)


def _parts_with_topics(kb: KnowledgeBase, text: str, intent: str) -> List[tuple]:
    """(part, its topics, offset, elliptical: it asks the part before's question) for each part asking something;
    fewer than two means 'one question'. A part naming no topic of its own asks NLU's ('What does a junior AI
    engineer make, and which tools...?'); parts on one topic are separate questions when they name different
    subjects ('AI engineer at mid level, and ML engineer at senior level?')."""
    if text.startswith("/") or intent in ("ask_skill_gap", "ask_role_fit", "inform", "ask_other_role"):
        return []
    parts = split_parts(text)
    if len(parts) < 2 or len(parts) == 2 and not _asks(parts[1]) and not detect_topics(parts[1], kb):
        parts = _topics_joined(kb, parts[0]) or parts  # 'what are the best practices and the common challenges?'
    if len(parts) < 2 or any(_IN_EACH.search(part) for part in parts[1:]):
        return []  # '... and who trains the models in each?': one question about the first part's subjects
    nlu_topic = intent[4:] if intent.startswith("ask_") and intent[4:] in kb.topics else None
    found = []
    pay_part = any("salary" in detect_topics(part, kb) or _pay_level(kb, part) for part in parts)
    for part in parts:
        topics = [t for t in detect_topics(part, kb) if t not in _NOT_FROM_A_PART]
        own = bool(topics)
        if pay_part and (_PAY_MOVERS.search(part) or _FACTORS.search(part)):
            topics = ["salary_factors"]  # '..., and what affects how high it goes?': what moves that pay
        elif not topics and _names_level(kb, part) and (nlu_topic in pay_topics(kb) or _pay_level(kb, part)):
            topics = ["salary"]  # 'the mid range for AI engineers': a level and a weak pay word
        elif not topics and nlu_topic in _SALARY_TOPICS and _names_kind(kb, part, "skill"):
            topics = ["skill_comparison"]  # '..., and which needs more data engineering?'
        if not topics and _asks(part):  # 'what does the AI engineer's advanced stage teach': the stage's topic
            kinds = {e["entity"] for e in scan_entities(part, kb)}
            own_read = [t for kind, t in _SUBJECT_OF if kind in kinds]
            if {"role", "aspect"} <= kinds:  # 'what does an AI engineer oversee in monitoring': that role's row
                own_read = ["responsibilities"]
            topics = [t for t in own_read if nlu_topic not in _SUBJECT_SIDES.get(t, (t,))][:1]
        if topics and set(topics) <= {"responsibilities", "role_definition"} and core_words(kb, part):
            topics = ["skills"]  # '..., and which language should I focus on?': a shared area, not the roles' focus
        if not topics and _WHICH_ROLE_DOES.search(part) and nlu_topic not in _ROLE_SPLIT_TOPICS:
            topics = ["responsibilities"]  # '..., which role builds the model and which one integrates it?'
        missing = lookups.missing_fact(kb, part) if not topics and found else None
        lacking = bool(missing) and not lookups.missing_fact(kb, found[-1][0])
        if lacking:  # '..., and does that include bonuses?': a fact the article lacks, about the part before's topic
            topics = [missing.then or found[-1][1][0]]  # type: ignore[union-attr]
        if not topics and _names_kind(kb, part, "job_title") and MEMBERSHIP.search(part):
            topics = ["job_titles"]  # 'is data scientist an ML-focused role, and its pay?': the list it is on
        if not topics and _names_kind(kb, part, "skill") and _rates_a_skill(part):
            topics = ["skills"]  # 'what is the MLOps level for each role, and ...?': that skill's ratings
        if not topics and found:
            topics = _staged_topic(kb, part, " ".join(p for p, *_ in found))  # '..., and the intermediate stage?'
        if not topics and nlu_topic and nlu_topic not in _NOT_FROM_A_PART and _asks(part):
            topics = [nlu_topic]
        shifts = bool(level_shift(part) or step_shift(part))  # '..., and what's the next level's range?'
        elliptical = bool(found) and bool(
            _ELLIPTICAL.match(part)
            and not (own and found[-1][1][0] not in topics and _WHICH_IS_MORE.match(part))
            or _WHAT_FOR.match(part)
            or (_WHAT_ABOUT.match(part) or shifts)
            and not own
            and _asks(found[-1][0])
        )
        if elliptical:
            topics = [found[-1][1][0]]  # '..., which do ML engineers focus on?': the part before's question
        elliptical = elliptical or lacking
        if topics:
            found.append((part, topics, max(text.find(part), 0), elliptical))
    if len(found) < 2:
        return []
    if len({topics[0] for _, topics, _, _ in found}) >= 2 or any(e for *_, e in found):
        return found
    subjects = [frozenset((e["entity"], e["value"]) for e in scan_entities(part, kb)) for part, *_ in found]
    kinds = [{kind for kind, _ in subject} for subject in subjects]
    disjoint = all(kinds) and all(not (a & b) for i, a in enumerate(kinds) for b in kinds[i + 1 :])
    if found[0][1][0] in _SALARY_TOPICS and disjoint:
        return []  # 'the ML engineer pay, what about senior?': each part adds a kind the others lack: one question
    if not subjects[0] and all(subjects[1:]) and _ASKS_WHOLE_LIST.match(found[0][0]):
        return found  # 'what are the scenarios, and what does the ML engineer do in the first?': the list, then one
    if not all(subjects) and all(_asks(part) for part, *_ in found):
        # 'who leads deployment, who prepares the data, and who designs and trains models?': parts naming no KB
        # term ask different facts of one topic when the facts their words match differ
        topic, items = found[0][1][0], not _WHICH_ROLE_DOES.search(found[0][0])
        subjects = [
            s or fact_subject(kb, topic, part, items) or _step_subject(kb, topic, part)
            for s, (part, *_) in zip(subjects, found, strict=True)
        ]
    return found if all(subjects) and len(set(subjects)) == len(subjects) else []


# A part asking for a whole list and nothing else ('what are the two scenarios', 'list the use cases').
_ASKS_WHOLE_LIST = re.compile(
    r"^\W*(?:so\s+|ok(?:ay)?\s+)?(?:(?:what|which)\s+(?:are|were)\s+(?:the|all(?:\s+the)?)\s+(?:\w+\s+){0,4}\w+\W*$"
    r"|(?:list|name|give me|tell me)\s+(?:all\s+)?(?:the\s+)?(?:\w+\s+){0,4}\w+\W*$)",
    re.I,
)


def _step_subject(kb: KnowledgeBase, topic: str, part: str) -> frozenset:
    """The workflow step a part describes in words ('what is monitored afterwards?'), as a subject of a
    step-narrowed topic; empty when it describes none (or the topic has no steps)."""
    if topic not in ("workflow", "tools"):
        return frozenset()
    stage = lookups.stage_by_words(kb, part)
    if stage:
        return frozenset({("stage", stage.key)})
    if _WHICH_STEPS.search(part):
        return frozenset({("steps", "which")})  # 'which workflow steps would I manage, ...': the steps themselves
    position = ordinal(part)  # '..., and what's tracked in the last one?': one of the steps the part before gave
    return frozenset({("position", str(position))}) if position is not None else frozenset()


# 'X and Y' between two things a list request asks for ('two use cases and two constraints').
# 'and ...', 'what about ...': a message that goes on with the answer before it
_GOES_ON = re.compile(r"^\W*(and|what about|how about|same for)\b", re.I)
_RATED_TOPICS = ("skills", "skill_comparison")


def _goes_on_with_the_topic(intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """'and the exact rating for the ML one?' after one role's rating of a skill: NLU read pay, the words ask the
    skills again; it follows up on the rating (same skill), not a fresh question about all of one role's skills."""
    topic = previous.get("topic")
    return topic in _RATED_TOPICS and intent == f"ask_{topic}" and bool(_GOES_ON.search(text))


_AND = re.compile(r",?\s+(?:and|as well as|plus)\s+(?:also\s+)?", re.I)


def _topics_joined(kb: KnowledgeBase, text: str) -> List[str]:
    """A request for two topics joined by 'and' under one question frame ('list the use cases and the
    constraints', 'what are the best practices and the common challenges?'): the frame with the first, and the
    second; [] unless each side asks a topic of its own the other lacks."""
    for match in _AND.finditer(text):
        head, tail = text[: match.start()], text[match.end() :]
        staged = _staged_topic(kb, tail, head)  # '..., and the intermediate stage': a stage, no topic word
        first, second = detect_topics(head, kb), detect_topics(tail, kb) or staged
        one_first = len(first) == 1 or bool(staged and first)
        if one_first and second and first[0] not in second and second[0] not in detect_topics(head, kb, 1):
            pay_only = second[0] in pay_topics(kb) or _names_level(kb, tail)  # pay with its factors or levels:
            if not {first[0], second[0]} & pay_topics(kb) or not pay_only:  # read elsewhere
                return _role_shared(kb, head, tail)
    return []


def _staged_topic(kb: KnowledgeBase, text: str, before: str = "") -> List[str]:
    """'..., and the intermediate stage for the ML side?': a phrase with no topic word of its own that names a
    learning stage asks the learning path, as ['learning_path']; [] else, or when the words `before` it name a
    learning stage too ('the skills at the intermediate and advanced stage': one question about both)."""
    if detect_topics(text, kb) or _names_path_stage(kb, before):
        return []
    return ["learning_path"] if _names_path_stage(kb, text, leading=True) else []


_LEADING_WORDS = 2  # 'the intermediate stage ...' opens with its stage; 'programming is in the foundation' not


def _names_path_stage(kb: KnowledgeBase, text: str, leading: bool = False) -> bool:
    """A learning stage named in the text (`leading`: among its first words after 'the', 'its', 'their')."""
    opening = re.sub(r"^\W*(the|its|their|that|his|her)\s+", "", text, flags=re.I)
    where = " ".join(opening.split()[:_LEADING_WORDS]) if leading else text
    return any(e["entity"] == "path_stage" for e in scan_entities(where, kb))


def _role_shared(kb: KnowledgeBase, head: str, tail: str) -> List[str]:
    """[head, tail], a role one of them names also said in the other ('the tools and skills an ML engineer
    needs': the tools of ML engineers too); [] when they name several subjects of one kind (one question each)."""
    if any(len(set(_keys(kb, head + " and " + tail, field))) >= 2 for field in _MANY_FIELDS):
        return []  # 'what do both roles do in the chatbot and predictive analytics scenarios?'
    roles = [[e for e in scan_entities(side, kb) if e["entity"] == "role" and "end" in e] for side in (head, tail)]
    if roles[1] and not roles[0]:
        head = f"{head} for {tail[roles[1][0]['start'] : roles[1][0]['end']]}"
    elif roles[0] and not roles[1]:
        tail = f"{tail} for {head[roles[0][0]['start'] : roles[0][0]['end']]}"
    return [head, tail]


def _keys(kb: KnowledgeBase, text: str, field: str) -> List[str]:
    return [values[field] for _, values in _named_subjects(kb, text) if field in values]


# A part asking which role does something, naming no topic: who does what (the responsibilities).
_WHICH_ROLE_DOES = re.compile(r"\b(which|what) (role|engineer|of the (two|roles))\b|^\W*(and\s+)?who\b", re.I)
_ROLE_SPLIT_TOPICS = ("responsibilities", "role_comparison", "role_definition", "which_better", "both_roles")
# A part naming no topic but a subject of one kind asks about that subject's topic.
_SUBJECT_OF = (
    ("path_stage", "learning_path"),
    ("stage", "workflow"),
    ("skill", "skills"),
    ("tool", "tools"),
    ("job_title", "job_titles"),  # "is data scientist an ML-focused role, and ...": where the title is listed
)
# The topics that already read such a subject their own way ('which AWS services ...' under tools).
_SKILL_SIDES = ("skills", "tools", "skill_comparison", "skill_gap", "learning_path")
_SUBJECT_SIDES = {"skills": _SKILL_SIDES, "tools": _SKILL_SIDES, "workflow": ("workflow", "tools", "responsibilities")}


_SUBJECT_TOPIC_NAMES = ("scenarios", "learning_path", "workflow", "tools", "responsibilities")
_ROLE_DOES = re.compile(r"^\W*(and\s+)?(what|how about|what about)\b.{0,40}\b(do|does|doing|handle|there)?\W*$", re.I)


def _only_a_role(kb: KnowledgeBase, part: str) -> bool:
    """'what does the ML engineer do?', 'and the ML engineer?': a part naming a role and nothing else."""
    named = scan_entities(part, kb)
    if not named or any(e["entity"] != "role" for e in named) or len(part.split()) > 7:
        return False
    return bool(_ROLE_DOES.match(part)) and set(detect_topics(part, kb)) <= {"role_definition", "responsibilities"}


# A part asking what raises the pay another part asks about ('what affects how high it goes', 'what skills push
# it higher'): a pronoun or 'pay' after a verb of moving it.
_PAY_MOVERS = re.compile(
    r"\b(what|which|how)\b.{0,25}\b(affects?|influences?|determines?|drives?|push(es)?|moves?|raises?|boosts?|"
    r"increases?|bumps?|gets?|makes?|changes?)\b.{0,20}\b(it|that|them|those|pay|salar\w*)\b.{0,15}"
    r"\b(higher|up|more|go(es)?|high)\b"
    r"|\b(does|do|is|are|how much (does|do))\b.{0,30}\b(location|industry|industries|remote|city|experience|"
    r"certifications?|cloud|mlops|security|compliance|skills?)\b.{0,20}\b(matter|count|help|affect|impact|change)\w*",
    re.I,
)


def _names_kind(kb: KnowledgeBase, text: str, kind: str) -> bool:
    return any(e["entity"] == kind for e in scan_entities(text, kb))


def _pay_level(kb: KnowledgeBase, text: str) -> bool:
    """A level named with a weak pay word ('the mid range', 'the senior band')."""
    return _names_level(kb, text) and bool(topic_scores(text, kb).get("salary"))


def _names_level(kb: KnowledgeBase, text: str) -> bool:
    """The text names a pay level ('mid', 'entry-level'); 'senior' in 'a senior person' counts too."""
    return _names_kind(kb, text, "level")


# A part that asks 'which (ones) ...' without its noun asks the part before's question again ('which steps do AI
# engineers manage, which do ML engineers focus on?').
# ... unless it asks a comparison the part before did not, naming a topic of its own ('is one role better, which one
# is more future-proof?').
_WHICH_IS_MORE = re.compile(
    r"^\W*(and\s+)?which(\s+one)?\s+(is|are)\s+(the\s+)?(more|most|less|least|better|best)\b", re.I
)
_ELLIPTICAL = re.compile(
    r"^\W*(and\s+|but\s+)?which(\s+ones?|\s+(kinds?|types?|sorts?)(\s+of\s+(them|those))?)?\s+"
    r"(do|does|did|are|is|can|should)\b",
    re.I,
)

# '..., and what for monitoring?', '..., what in the advanced stage?': the part before's question about another
# subject; 'what about ML at the same stage?' too, when it names no topic of its own.
_WHAT_FOR = re.compile(
    r"^\W*(and\s+)?(what|which)(\s+ones?)?\s+(for|in|at|during)\b|^\W*(and\s+)?which\s+\w+\s+ones\b"
    r"|^\W*(and\s+)?which\s+ones\s+(as|count\s+as|are)\b",
    re.I,
)
_WHAT_ABOUT = re.compile(r"^\W*(and\s+)?(what|how)\s+about\b", re.I)

_QUESTION_WORDS = re.compile(r"\b(what|which|who|how|where|when|why|is|are|does|do|can|list|name|tell)\b", re.I)


def _asks(part: str) -> bool:
    """A part that is a question of its own, not a greeting or a remark ('hi', 'thanks')."""
    return len(part.split()) >= 3 and bool(_QUESTION_WORDS.search(part))


def _within(entity: Mapping[str, Any], start: int, length: int) -> bool:
    begin = entity.get("start")
    return isinstance(begin, int) and start <= begin < start + length


def _within_part(entity: Mapping[str, Any], text: str, part: str, start: int) -> bool:
    """The entity lies in the part's words; a part given the message's opening frame ('For me, what is in the
    enterprise skills stage': split_parts) is the frame's words and its own, wherever they are in the text."""
    if text.find(part) >= 0 or ", " not in part:
        return _within(entity, start, len(part))
    frame, own = part.split(", ", 1)
    at = text.find(own)
    return _within(entity, 0, len(frame)) or (at >= 0 and _within(entity, at, len(own)))


_KEEP_INTENTS = ("ask_skill_gap", "ask_role_fit", "ask_other_role")
# 'what does the other role do with data?': what a role does, not how much a skill matters to it.
_WHAT_DOES_DO = re.compile(r"\bwhat (does|do|did|would|will)\b.{0,40}\b(do|does|doing)\b", re.I)
# A role named to be defined ('what is an AI engineer, and what do they focus on?'), not a duty of it.
_DEFINES = re.compile(r"\b(what|who) (is|are) (an? |the )?(ai|ml|machine learning)\b|\bdefin\w*|\bmeaning\b", re.I)


# 'what does the AI engineer do in <X>?': a role question about a named subject is about that subject.
# Words that ask about the people doing a step ('who', 'they', 'both roles', 'how do they differ', 'the rows').
_WHO_WORDS = re.compile(
    r"\b(who|whom|whose|which (role|one|engineer|of (them|the two))|they|them|their|each|both|roles?|engineers?"
    r"|differ\w*|compar\w*|vs|versus|rows?|table)\b",
    re.I,
)
_SUBJECT_TOPICS = (
    ("scenario", "ask_scenarios"),
    ("path_stage", "ask_learning_path"),
    ("stage", "ask_workflow"),
    ("tool", "ask_tools"),
)


# A skill-gap question speaks of the person ("I know SQL...", "what am I missing") or of what is missing.
_GAP_CUES = re.compile(r"\b(i|i'm|i've|im|ive|me|my|mine)\b|missing|\black|\bgap|\bstill\b|\belse\b|\bleft\b", re.I)

_SKILL_TABLE = re.compile(r"\b(summary|skills?|speciali[sz]ed(-| )skills?) (table|matrix)\b", re.I)
# A skill's rating asked in the tables' words ('how are ML algorithms rated in the summary?', 'where is the ML
# engineer only at a basic level?'): the ratings Basic/Moderate/Medium exist only in the two skill tables.
_RATING_WORDS = re.compile(r"\b(rated|ratings?|in the summary)\b", re.I)
# 'how do the two roles rate on MLOps?', 'which do AI engineers rate high on?': 'rate' as a verb of the roles is
# a rating of the skill tables, with or without a skill named ('the pass rate for ...' is no verb of a role).
_RATE_VERB = re.compile(
    r"\b(roles?|engineers?|ones?|they|each|both|side|it|do|does|did)\s+(\w+\s+)?rates?\s+(\w+\s+)?(on|in|at|for|as)\b",
    re.I,
)
# 'what's their level in model development?', 'the AI engineer's level on cloud?': a role's level in a named area is
# its rating in the skill tables (a step or a skill's name alike: 'model development' is both)
_LEVEL_IN = re.compile(
    r"\b(their|its|his|her|the (role|engineer)'?s|engineers?'?s?|(ai|ml)'?s?|each role'?s|each one'?s) "
    r"(skill |expected |required )?level (in|of|for|at|on|with)\b",
    re.I,
)
# 'what is the MLOps level for each role?', 'the Python level needed by AI engineers': a skill's level per role
_SKILL_LEVEL_FOR = re.compile(
    r"\blevels? (for|of|in|needed (for|by)|required (for|of|by)|expected (for|of)) "
    r"(each|both|either|every|the two|the|an?|ai|ml|machine learning) ?(roles?|engineers?|jobs?|ones?|sides?)?\b",
    re.I,
)
_TABLE_LEVEL = re.compile(r"\b(basic|moderate|medium)(-| )level\b|\bonly (at )?(an? )?(basic|moderate|medium)\b", re.I)
# 'how strong does each role need to be at API & microservices?', 'what level of system integration does an ML
# engineer need?': with a skill named, how much of it a role needs is its rating in the skill tables.
_HOW_STRONG = re.compile(
    r"\bhow (strong|good|skilled|proficient|advanced|deep|expert|well[- ]versed|solid)\b"
    r".{0,40}\b(need|needs|needed|required|requires?|expected|be|is|are|at|in)\b"
    r"|\bwhat (level|degree|grade|depth) of\b|\b(level|degree|depth) of (proficiency|skill|expertise)\b",
    re.I,
)


def _rates_a_skill(part: str) -> bool:
    """Words asking how a named skill is rated ('how strong', 'their level in', 'the X level for each role')."""
    found = (_RATING_WORDS, _HOW_STRONG, _LEVEL_IN, _SKILL_LEVEL_FOR, _RATE_VERB)
    return any(p.search(part) for p in found)


def _skill_not_a_role(kb: KnowledgeBase, text: str) -> bool:
    """The text names a skill other than as the head of a role's name ('machine learning' in 'machine learning
    enginer' is the role, however it is spelled)."""
    skills = [e for e in scan_entities(text, kb) if e["entity"] == "skill"]
    return any(not re.match(r"\s+engin\w*", text[int(e.get("end", 0)) :], re.I) for e in skills)


def _skill_is_a_role_name(kb: KnowledgeBase, text: str) -> bool:
    """Every skill the text names is the head of a role's name ('machne lerning enginer')."""
    skills = [e for e in scan_entities(text, kb) if e["entity"] == "skill"]
    return bool(skills) and not _skill_not_a_role(kb, text)


_COMPARE_WORD = re.compile(r"\b(compar\w*|differ\w*|vs\.?|versus|between|stack up)\b", re.I)
_OWN_RATINGS = ("ask_skills", "ask_skill_comparison", "ask_skill_gap", "ask_learning_path", "ask_math")

# NLU confidence from which topic words no longer overrule the intent. The words' cues are a handful of regexes;
# the classifier saw ~3,000 examples: when it is this sure, a cue word ('learning' in 'after learning AI, which
# jobs...') is more often a side remark than the question (eval/e2e_replies.py on the first independent set:
# every override of an intent given with >= 0.8 was wrong; below it they were mostly right).
NLU_SURE = 0.8


# 'when it comes to tools', 'tool-wise', 'in terms of pay': the words that say which topic a question is about
_TOPIC_FRAME = re.compile(
    r"\b(?:when it comes to|in terms of|as far as|with (?:regard|respect) to|regarding)\s+(?:the\s+|their\s+"
    r"|its\s+|his\s+|her\s+)?(?P<a>[\w-]+(?: [\w-]+)?)\W*$|\b(?P<b>[a-z]+)-?wise\b",
    re.I,
)


def _within_topic(kb: KnowledgeBase, asked: str, framed: str) -> bool:
    """Whether the topic a frame names is part of the one asked ('which pays more in terms of salary?' is the pay
    compared: salary_comparison covers salary; 'skill-wise' is in the skills area of skill_comparison)."""
    table = topic_table(kb)
    return framed in table.covers.get(asked, ()) or table.area.get(asked, asked) == table.area.get(framed, framed)


def _framed_topic(kb: KnowledgeBase, text: str) -> str | None:
    """The intent of the one topic a closing frame names ('..., tool-wise?', '... when it comes to tools?'),
    which overrules what the rest of the question leans on ('focus', 'spend time'); else None."""
    match = _TOPIC_FRAME.search(text or "")
    if not match:
        return None
    words = match.group("a") or match.group("b")
    if match.group("b") and words.lower() in ("other", "like", "likewise", "clock", "length", "street"):
        return None
    topics = detect_topics(words if match.group("a") else f"{words}s", kb)
    return f"ask_{topics[0]}" if len(topics) == 1 else None


# 'which sectors are these roles found in?', 'what industries hire them?': where the roles exist, not their titles
_WHERE_ROLES_EXIST = re.compile(r"\b(industr(y|ies)|sectors?|verticals?)\b", re.I)


def corrected_intent(
    kb: KnowledgeBase, intent: str, text: str, named: Iterable[str] | bool = (), nlu_sure: bool = False
) -> str:
    """NLU's intent when the words support it (or say nothing, or NLU is sure: `nlu_sure`); the words' topic
    when they clearly ask about another one ('what breaks in models after months in production?' is about
    challenges, not best practices); a role question about a named step, stage, scenario or tool is about that
    (even when NLU is sure); `named`: entity kinds found."""
    if _SKILL_TABLE.search(text) and intent not in ("ask_skill_comparison", "ask_skill_gap"):
        return "ask_skills"  # 'in the summary table, how is security rated?': the skill tables, not the takeaways
    if intent == "ask_skill_gap" and not text.startswith("/") and not _GAP_CUES.search(text):
        return "ask_skills"  # 'how much python do these jobs need': no skills of one's own, nothing missing
    picks = WHICH_TO_PICK.search(text) and not _SAYS_WHO.search(text) and named is not True
    if intent == "ask_skill_gap" and picks and "skill" in set(named or ()):
        return "ask_skills"  # 'which cloud should I learn?' asks which of the article's items, not a skill gap
    moves_on = intent == "ask_skill_gap" and named is not True and "path_stage" in set(named or ())
    if moves_on and step_shift(text) and not text.startswith("/"):
        return "ask_learning_path"  # 'what should I learn after the basics?': the path's next stage, not a gap
    if not intent.startswith("ask_") or intent in _KEEP_INTENTS or text.startswith("/"):
        return intent
    if intent in ("ask_which_better", "ask_role_comparison") and _CHOOSE_BETWEEN.search(text):
        return intent  # 'how should someone choose between these two career paths?': which fits whom, not the careers
    framed = _framed_topic(kb, text)
    compares = intent in _COMPARE_INTENTS or intent == "ask_salary_comparison"  # (their own rules read the words)
    if framed and framed != intent and not compares and not _within_topic(kb, intent[4:], framed[4:]):
        return framed  # 'what does the ML engineer focus on when it comes to tools?': the tools, not the focus
    kinds = {"stage"} if named is True else set(named or ())
    rated = ("skill" in kinds and (_RATING_WORDS.search(text) or _HOW_STRONG.search(text))) or _TABLE_LEVEL.search(text)
    rated = rated or _RATE_VERB.search(text) or (bool(kinds & {"skill", "stage"}) and _LEVEL_IN.search(text))
    rated = rated or ("skill" in kinds and "level" not in kinds and _SKILL_LEVEL_FOR.search(text))
    math_rated = intent == "ask_math" and "skill" in kinds and not topic_scores(text, kb).get("math")
    if rated and (intent not in _OWN_RATINGS or math_rated):  # a rating of the skill tables, whatever NLU read
        return "ask_skill_comparison" if "skill_comparison" in detect_topics(text, kb) else "ask_skills"
    if rated and intent in ("ask_skills", "ask_skill_comparison"):
        return intent  # 'what does an ML engineer rate on model development?': the rating, not the step it names
    scores = topic_scores(text, kb)
    topic = intent[4:]
    detected = detect_topics(text, kb)
    if topic == "learning_path" and "path_stage" in kinds and not rated and re.search(r"\bstages?\b", text, re.I):
        return intent  # 'what skills does the advanced stage teach?': that stage, not the areas rated Advanced
    if topic == "workflow" and "path_stage" in kinds and "stage" not in kinds:
        return "ask_learning_path"  # 'what are its intermediate and enterprise stages?': learning stages
    if topic in ("skills", "skill_comparison") and "path_stage" in kinds and not rated and "skill" not in kinds:
        return "ask_learning_path"  # "the ML engineer's intermediate skills": what that learning stage teaches
    compares = topic in ("role_comparison", "both_roles")  # 'what's common to both foundations?'
    if (compares or topic == "math" and _BESIDES.search(text)) and "path_stage" in kinds:
        return "ask_learning_path"  # 'what's the foundation for both paths', 'what besides math is in the foundation?'
    duties = topic in ("responsibilities", "role_definition")  # ('what does an AI engineer design for enterprises?')
    if duties and not kinds & {"aspect", "stage"} and "enterprise_constraints" in detected:
        return "ask_enterprise_constraints"  # 'who handles the compliance part?': each role's enterprise duty
    if kinds == {"job_title"} and _WHAT_A_TITLE_DOES.search(text) and topic not in _TITLE_TOPICS:
        return "ask_role_definition"  # "what's a cloud AI specialist do?": what the article says of that title
    if (
        topic in ("responsibilities", "role_definition", "workflow")
        and "role" in kinds
        and _WHAT_ROLE_ENSURES.search(text)
    ):
        return "ask_enterprise_constraints"  # 'what does the ML engineer make sure of once it is live?': its duty
    duty = "aspect" in kinds and not kinds & {"skill", "tool"} and _WHAT_DOES_DO.search(text)
    duty = duty and not (topic == "skills" and core_words(kb, text))  # 'which language should I focus on?'
    if (
        topic == "role_definition"
        and "aspect" in kinds
        and "role" in kinds
        and not _DEFINES.search(text)
        or (topic in ("skills", "skill_comparison") and duty)
    ):
        return "ask_responsibilities"  # 'what does an AI engineer do for monitoring?': that role's row of the table
    if topic == "responsibilities" and "stage" in kinds and "role" not in kinds and not scores.get(topic):
        if not _WHO_WORDS.search(text):
            return "ask_workflow"  # 'what does monitoring cover in production?': the step, nobody's duty asked
    if topic in ("role_definition", "responsibilities"):
        for kind, subject_intent in _SUBJECT_TOPICS:
            strong = kind in ("scenario", "path_stage") or not detected  # 'enterprise skills stage' says 'skills'
            if kind in kinds and strong and not (topic == "responsibilities" and kind == "stage"):
                return subject_intent
    other = [t for t in detected if t not in ("tools", "skills", "skill_comparison")]  # 'compliance frameworks'
    if topic == "tools" and not scores.get("tools") and "skill" in kinds and not kinds & {"tool", "stage"}:
        if not other:  # ('which compliance frameworks are named?' asks the regulations the words name)
            return "ask_skills"  # 'is cloud deployment more of an AI engineer thing?' names a skill, not a tool
    if topic in _NOT_A_START and _WHERE_TO_START.search(text):
        return "ask_learning_path"  # "I want to become an ML engineer, where do I even start?": the path's first stage
    if topic == "job_titles" and _WHERE_ROLES_EXIST.search(text):
        return "ask_careers"  # 'which sectors are these roles found in?': the industries the careers list names
    if topic == "salary_factors" and _PAY_GIVEN_FOR.search(text):
        return "ask_salary"  # 'which jobs do you have salaries for?': the roles the pay table covers
    if topic == "salary" and "skill" in kinds and _HOW_MUCH_WORK.search(text) and not _PAY_WORDS.search(text):
        return "ask_skills"  # 'how much API work does an ML engineer do?': how much the skill matters, not pay
    quoted = quoted_topic(kb, text)
    if quoted and quoted != topic and not rated and not nlu_sure:
        return f"ask_{quoted}"  # 'what do cloud-based AI platforms demand skills in?' quotes why it matters
    # 'how does system integration compare between the two roles?': a skill the tables rate, and nothing else named
    compared = _COMPARED_ON.search(text) or (
        not kinds & {"aspect", "stage", "tool"} and _COMPARE_WORD.search(text) and _skill_not_a_role(kb, text)
    )
    if topic == "role_comparison" and "skill" in kinds and compared:
        return "ask_skill_comparison"  # 'how do AI and ML engineers compare on Python?': that skill's ratings
    if topic in ("role_comparison", "which_better") and _AHEAD_IN.search(text):
        return "ask_skill_comparison"  # 'which areas is the ML engineer ahead in?': the skills rated higher
    if topic == "which_better" and "skill" in kinds and _BETTER_AT.search(text):
        return "ask_skill_comparison"  # "who's better at performance optimization?": that skill's ratings
    if topic in ("role_comparison", "which_better") and scores.get("salary", 0) >= 2:
        return "ask_salary_comparison"  # 'the difference in salary between ml and ai engineers'
    if topic in ("role_comparison", "which_better") and "level" in kinds and not kinds & {"skill", "aspect", "stage"}:
        return "ask_salary_comparison"  # 'and the ML side at senior, to compare?': a pay level is only in the pay
    titled = _titled_topics(kb, text)
    if len(titled) == 1 and titled[0] != topic and not nlu_sure:
        return f"ask_{titled[0]}"  # 'outline the key takeaways of the comparison': the section it names
    if nlu_sure or any(scores.get(t, 0) > 0 for t in _supporting(kb, topic)):
        return intent
    if detected and scores.get(detected[0], 0) >= 2 and detected[0] not in ("role_definition", "role_comparison"):
        if not (topic == "skills" and detected[0] == "responsibilities" and core_words(kb, text)):
            return f"ask_{detected[0]}"  # (a shared area to focus on is that area: 'which language to focus on?')
    if not detected and "stage" in kinds and topic not in ("workflow", "tools", "responsibilities", "skills"):
        return "ask_workflow"
    if (
        not detected
        and "aspect" in kinds
        and not kinds - {"aspect", "role"}
        and "aspect" not in topic_fields(kb).get(topic, ())
    ):
        return "ask_responsibilities"  # 'do they work with other teams?': a duty named, nothing of NLU's section
    if not detected and _names_only_a_tool(kb, topic, kinds):
        return "ask_tools"  # 'what IDEs does it mention?': the tools section, not the takeaways NLU guessed
    takes_skill = "skill" in topic_fields(kb).get(topic, ())
    if not detected and "skill" in kinds and not kinds & {"stage", "aspect", "tool"} and not takes_skill:
        if not _skill_is_a_role_name(kb, text) and not lookups.stems(text) & _topic_stems(kb).get(topic, frozenset()):
            return "ask_skills"  # 'what version control stuff is expected?': a skill none of the topic's facts has
    return intent


# 'what's a cloud AI specialist do?', 'what does an NLP engineer actually do': a job title's work asked
_WHAT_A_TITLE_DOES = re.compile(r"\bwhat('?s| is| does| do| would)\b.{0,40}\b(do|does|doing|work on|handle)\b", re.I)
_TITLE_TOPICS = ("role_definition", "careers", "job_titles", "salary", "salary_comparison", "skill_gap")


# 'what does the ML engineer make sure of in production?', 'what do AI engineers ensure?': what a role guarantees
# (the article's enterprise duty of each role), not the workflow step its words ('in production') name
_WHAT_ROLE_ENSURES = re.compile(
    r"\bwhat (does|do|would|will|should|must) (an? |the |each |both )?[\w -]{0,30}?\b(make sure|makes sure|ensure"
    r"|ensures|guarantee|guarantees|keep stable|keeps stable)\b",
    re.I,
)


# Topics about the two roles as such: a tool named in them asks which role uses it, not the tools section.
_ROLE_LEVEL_TOPICS = ("role_comparison", "which_better", "both_roles", "role_fit")


def _names_only_a_tool(kb: KnowledgeBase, topic: str, kinds: set) -> bool:
    """A tool (or tool group) is the only subject named, and NLU's topic is a section that takes no subject at
    all (the takeaways, why it matters): the words ask about the tools section."""
    if kinds & {"stage", "skill", "aspect", "path_stage", "scenario", "level"} or "tool" not in kinds:
        return False
    return not topic_fields(kb).get(topic) and topic not in _ROLE_LEVEL_TOPICS and topic not in pay_topics(kb)


# Answers that split the work or the titles between the two roles, and words asking how strict that split is.
_SPLIT_TOPICS = ("job_titles", "careers", "responsibilities", "role_comparison", "key_takeaways", "both_roles")
_SPLIT_WORDS = re.compile(
    r"\b(two )?(lists?|categories|groups|titles|roles?|sides|split|jobs|responsibilit(y|ies)|duties)\b", re.I
)
_BLURRED = re.compile(
    r"\bblur\w*|\b(strict|strictly|fixed|rigid|set in stone|clear[- ]cut|hard and fast|black and white|watertight)\b"
    r"|\bblend\w*|\b(merg\w*|mix\w*) (together|up)\b",
    re.I,
)


# A message saying who its sender is ('I'm a bootcamp grad with Python...'): a skill gap, whatever else it asks.
_SAYS_WHO = re.compile(
    r"\b(i'?m|i am|i have|i've|ive|my|i (already |also |really |do )?(enjoy|know|work|hold|care|like|use|studied))\b",
    re.I,
)
# 'what else besides math and programming is in the foundation?': something other than math is asked.
_BESIDES = re.compile(r"\b(besides|apart from|other than|except|aside from|else)\b", re.I)


@per_kb
def _topic_stems(kb: KnowledgeBase) -> Dict[str, frozenset]:
    """Each topic -> the content stems of its facts' words (actions/knowledge/facts.py)."""
    found: Dict[str, set] = {}
    for fact in facts(kb):
        found.setdefault(fact.topic, set()).update(lookups.stems(fact.text))
    return {topic: frozenset(words) for topic, words in found.items()}


def _titled_topics(kb: KnowledgeBase, text: str) -> List[str]:
    """The topics whose section title of two or more words the text says ('key takeaways', 'best practices',
    'enterprise constraints'), singular or plural: the section asked for by its name."""
    low = (text or "").lower()
    found = []
    for key, entry in kb.topics.items():
        title = re.sub(r"[^\w\s]", "", entry.title.lower()).strip()
        if len(title.split()) < 2 or re.match(r"(what|which|how|is|are|do|does|can)\b", title):
            continue  # a question-like title ('which role pays more') is a question, not a section's name
        stem = re.escape(title[:-1] if title.endswith("s") else title)
        if re.search(rf"\b{stem}s?\b", low):
            found.append(key)
    return found


_WHERE_TO_START = re.compile(
    r"\bwhere (do|would|should|can|could|shall) i (even |actually )?(start|begin)\b"
    r"|\b(how|what) (do|should|would|can) i (even )?(start|begin)( with)?\s*\??\s*$|\b(learn|study) first\b"
    # 'what should I focus on while I decide?', 'what should I work on for now?': where to start, before choosing
    r"|\bwhat (should|do|can|could) i (focus on|work on|learn|study|brush up on)\b.{0,20}"
    r"\b(now|first|for now|meanwhile|in the meantime|while i (decide|choose|make up my mind|figure it out))\b",
    re.I,
)
# Topics NLU reads a 'where do I start?' from someone wanting into the roles as (the careers, the job titles).
_NOT_A_START = (
    "careers",
    "job_titles",
    "role_definition",
    "role_comparison",
    "which_better",
    "why_it_matters",
    "responsibilities",  # ('what should I focus on now?': one's own focus, not the roles' primary focus)
)
_HOW_MUCH_WORK = re.compile(r"\bhow much\b.{0,40}\b(work|do|does|use|uses|need|needs|involved|involve)\b", re.I)
_PAY_WORDS = re.compile(  # (comp: compensation, not company or compare)
    r"\b(pay\w*|paid|earn\w*|salar\w*|make|makes|money|income|comp|comps|compensation|wages?)\b|\$", re.I
)
# 'choose between the two paths', 'decide between these careers', 'pick one of the two roles': the choice itself.
_CHOOSE_BETWEEN = re.compile(
    r"\b(choos\w*|chose|decid\w*|pick\w*|select\w*)\s+(between|among|one of)\s+(the|these|those|both|them|two)\b", re.I
)
# 'the biggest gap', 'the widest difference', 'differ the most': the ratings (or figures) furthest apart.
_GAP_MISREAD = ("ask_salary_comparison",)  # (the comparison intents find the skill tables themselves)
_WIDEST_GAP = re.compile(
    r"\b(biggest|largest|widest|greatest|most) (gap|difference|spread|mismatch)\b|\b(differ|diverge)s? (the )?most\b",
    re.I,
)
_BETTER_AT = re.compile(r"\b(better|best|stronger|strongest|good|more skilled|weaker|worse) (at|in|with)\b", re.I)
_COMPARED_ON = re.compile(r"\bcompare[sd]?\b.{0,25}\b(on|in|for|when it comes to|regarding)\b", re.I)
_AHEAD_IN = re.compile(
    r"\b(which|what) (areas?|skills?|fields?)\b.{0,40}\b(ahead|stronger|rated higher|better|leads?|wins?)\b"
    r"|\b(ahead|rated higher|stronger)\s+(in|on)\b"
    # 'so where does an AI engineer clearly win?', 'where do ML engineers have the edge?'
    r"|\bwhere (is|are|do|does)\b.{0,40}\b(ahead|stronger|rated higher|win|wins|beat|beats|outrank\w*|outscore\w*|"
    r"excel|excels|lead|leads|(have|has) the (edge|upper hand)|come out (ahead|on top))\b",
    re.I,
)
_CAP = re.compile(r"\b(cap|capped|ceiling|upper limit|maximum|max|top out|tops out)\b|\bplus\b|\+", re.I)


class _Steps:
    """Adds a step's reason to the question when the step changed what is asked (Question.reason)."""

    def __init__(self, question: Question) -> None:
        self._last = question.asked()

    def __call__(self, question: Question, why: str) -> Question:
        if question.asked() == self._last:
            return question
        self._last = question.asked()
        return replace(question, reason=(*question.reason, why))


# 'by how much?', 'how much more at the top?': the size of a pay gap.
# 'do salaries go up if you can do both?', 'does handling both pay more?': what doing both roles' work does to pay.
_PAY_FOR_BOTH = re.compile(
    r"\b(do|doing|does|handle|handling|handles|manage|managing|manages|cover|covering|combine|combining) both\b"
    r"(?!.{0,20}\b(roles?|engineers?)\b.{0,20}\b(earn|make|paid)\b)",
    re.I,
)
# 'what happens to pay for such people?' after whether one person can do both roles: the people doing both
_THOSE_PEOPLE = re.compile(
    r"\b(such|those|these|that kind of)\b.{0,12}\b(people|folks|persons?|professionals?|engineers?|hybrids?|"
    r"profiles?|generalists?)\b|\b(people|someone) like (that|this|them)\b",
    re.I,
)
# 'what kinds of systems do AI engineers integrate / build?': what one role builds (its definition's typical work).
_ROLE_BUILDS = re.compile(
    r"\b(kinds?|sorts?|types?|examples?) of (ai )?(systems?|solutions?|applications?|apps|products?)\b"
    r"|\b(systems?|solutions?|applications?|apps)\b.{0,30}\b(integrat\w*|build\w*|buil[dt]|develop\w*|work on)\b",
    re.I,
)
# 'do AI systems run on their own?', 'is enterprise AI standalone?': the workflow's point that they rarely are.
# Topics NLU reads 'are AI systems standalone in enterprise IT?' as (the enterprise words pull it to the constraints).
_STANDALONE_MISREAD = ("ask_use_cases", "ask_both_roles", "ask_role_comparison", "ask_enterprise_constraints")
_STANDALONE = re.compile(
    r"\b(stand-?alone|stand alone|on (its|their) own|by (itself|themselves)|in isolation|isolated)\b", re.I
)
_BY_HOW_MUCH = re.compile(r"\b(by how much|how much (more|less|higher|lower|extra)|how big|difference|gap)\b", re.I)


def _names_an_item_of(kb: KnowledgeBase, intent: str, text: str) -> bool:
    """The text names one item of the list NLU read by a word only that item has and by two of its words at least
    ('automated testing of models': the best practice 'automated testing of ML models'), so a word of the item
    that also names a step ('testing') does not move the question to that step."""
    topic = intent[4:] if intent.startswith("ask_") else ""
    if topic not in lookups.THING_LISTS:
        return False
    own = {n for t, n in lookups.items_by_own_words(kb, text) if t == topic}
    return lookups.item_with_words(lookups.list_items(kb, topic), lookups.stems(text), least=2) in own


def _item_asked(kb: KnowledgeBase, intent: str, text: str, nlu_sure: bool = False) -> str | None:
    """The intent of the list whose one item the text names in full when the rest of it names no topic or term
    of its own ('what is predictive maintenance?', 'tell me about infrastructure scaling'): words of the item
    ('maintenance', 'deployment') must not cue a step or skill instead; None otherwise. Any intent NLU is unsure
    of may be such a misreading ('switching topics - what's predictive maintenance?' read as why it matters)."""
    item = lookups.item_named_in_full(kb, text)
    if not item or (intent not in _ITEM_MISREAD and (nlu_sure or not intent.startswith("ask_"))):
        return None
    if _where_it_is_said(kb, text):
        return None  # "what's X, where's it mentioned?": every place X comes up, not its one list
    if intent in ("ask_scenarios", "inform") and lookups.scenario_for(kb, text) and not _EXAMPLES.search(text):
        return None  # 'and the customer support automation one?' in a talk about scenarios: that scenario
    rest = [w for w in re.findall(r"[a-z][\w'-]*", text.lower()) if not lookups.stems(w) & item[2]]
    other = [w for w in rest if w not in _ITEM_FILLER]
    if len(other) > 1 or other and (scan_entities(" ".join(other), kb) or _ASKS_ROLE.search(" ".join(other))):
        return None  # 'who trains the model in customer support automation?' asks more of it
    if other and set(detect_topics(" ".join(other), kb)) - {item[0]}:
        return None  # "what's 'performance drift' part of in the workflow?": the section named, not the item's
    return f"ask_{item[0]}"


_EXAMPLES = re.compile(r"\bexamples?\b", re.I)
# Words around a named list item that ask nothing more of it ('so what is X exactly?', 'what examples of X are
# given?', 'switching topics - tell me about X').
_ITEM_FILLER = frozenset(
    "what what's whats is are was were the a an about tell me explain describe mean means meant by does do did "
    "example examples of given listed give switching topics topic ok okay so and then please more say says "
    "article it this that in exactly kind kinds type types term terms anything something us define definition "
    "how would you can could its it's quick question one another also now next "
    # where it is listed: 'what does X fall under?', 'which section is X in?', 'where does X show up?'
    "fall falls under come comes sit sits belong belongs section sections part which where listed mentioned appear "
    "appears show shows up list category heading go goes".split()
)


# The intents a named list item is misread as: a word of it cues a step, a skill, a scenario or another list.
_ITEM_MISREAD = (
    "ask_workflow",
    "ask_skills",
    "ask_tools",
    "ask_scenarios",
    "ask_use_cases",
    "ask_challenges",
    "ask_best_practices",
    "ask_enterprise_constraints",
    "ask_responsibilities",
    "ask_concept",
    "out_of_scope",
    "inform",
)


# Asking for something in brief: 'in one line', 'in a sentence', 'briefly', 'in a nutshell', 'tl;dr'.
_IN_BRIEF = re.compile(
    r"\b(in (one|a single|a few|two|1|2|a|few|three) (line|sentence|phrase|word)s?|briefly|in brief|in short|"
    r"in a nutshell|tl;?dr|summari[sz]e\w*|summary|sum (it |them |that )?up|one-?liner|elevator pitch|"
    r"quick (overview|intro\w*|rundown|definition))\b",
    re.I,
)
# Words around a role asked for in brief that ask nothing more ('what is an ML engineer, in one line?').
_BRIEF_FILLER = frozenset(
    "what whats is an a the describe explain define give me please can you could so ok okay and tell about role "
    "job do does in words simple plain quick quickly just i mean basically exactly really then now us".split()
)


def _role_in_brief(kb: KnowledgeBase, text: str) -> bool:
    """A message naming one role and asking for it in brief, with no other subject ('AI engineer in one line?',
    'sum up the ML engineer for me'): what that role is, not a topic a stray word cues."""
    if not _IN_BRIEF.search(text):
        return False
    named = scan_entities(text, kb)
    if len({e["value"] for e in named if e["entity"] == "role"}) != 1 or any(e["entity"] != "role" for e in named):
        return False
    rest = text.lower()
    for e in sorted((e for e in named if "end" in e), key=lambda e: -e["start"]):
        rest = rest[: e["start"]] + " " + rest[e["end"] :]
    rest = _IN_BRIEF.sub(" ", rest)
    words = [w for w in re.findall(r"[a-z']+", rest) if w not in _BRIEF_FILLER and w not in ("for", "me", "it's")]
    return not words


_BUILDER_ASKED = "asks which role builds a kind of system one role's definition names"
# Asks which role: 'who builds ...', 'which role works on ...', 'AI or ML engineers?', 'something an AI engineer ...'.
_ASKS_ROLE = re.compile(
    r"\b(which|what) (role|one|job|engineer|of (them|the two|the roles|these|those))\b|\bwho\b"
    r"|\b(ai|ml) or (ai|ml|machine learning)\b"
    r"|\b(something|anything|things?) (an? )?(ai|ml|machine learning) engineers?\b"
    # 'is that more of an AI engineer thing?', 'an ML engineer's job?': whose work it is
    r"|\b(ai|ml|machine learning) engineer('?s)? (thing|job|task|area|domain|territory|responsibility|work)\b",
    re.I,
)
# The intents a named kind of system is misread as (its words are also a use case, a scenario or a tool).
_BUILDS_MISREAD = (
    "ask_use_cases",
    "ask_scenarios",
    "ask_tools",
    "ask_responsibilities",
    "ask_role_comparison",
    "ask_which_better",  # 'is building X more of an AI engineer thing?': whose work, not which is better
)


def _builder_asked(kb: KnowledgeBase, intent: str, text: str, entities: Sequence[Mapping[str, Any]]) -> str | None:
    """The one role whose definition names the kind of system a 'which role builds it?' question names ('who
    builds recommendation engines?', 'are conversational systems something an AI engineer works on?'); None
    unless exactly one role's typical work has all of those words."""
    if intent not in _BUILDS_MISREAD or not _ASKS_ROLE.search(text):
        return None
    said = lookups.stems(text)
    generic = lookups.stems("enterprise intelligent")
    builders = [r for r in ROLE_KEYS if any(lookups.stems(b) - generic <= said for b in kb.roles[r].builds)]
    return builders[0] if len(builders) == 1 else None


# After pay figures, a 'which one' or 'compare' question NLU read as the roles at large: who earns more ('which
# one comes out ahead overall?', 'the gap between them?'); 'is it the same for X?' asks X's figures.
_PAY_COMPARED = re.compile(
    r"\b(them|those|these|between|gap|difference|top end|bottom end|ahead|overall|on top|wins?|higher|more|most|"
    r"(better|best) paid|earns?|makes?)\b",
    re.I,
)
# 'then what do you have salaries for?', 'which roles are the pay figures given for?': what the figures cover
_PAY_GIVEN_FOR = re.compile(
    r"\b(what|which|who)\b.{0,40}\b(salar(y|ies)|pay|figures|numbers|ranges)\b( given| listed| shown)? (for|on|about)"
    r"\W*$",
    re.I,
)
_VERSUS = re.compile(r"\b(vs\.?|versus|compar\w*|differ\w*|gap|between|than|against|side by side)\b", re.I)
_SAME_FOR_ROLE = re.compile(r"\b(same|too|also|as well|likewise|similar|what about|how about)\b", re.I)


def _one_role_named(kb: KnowledgeBase, entities: Sequence[Mapping[str, Any]]) -> bool:
    """Exactly one of the two roles among the entities."""
    norm = normalizer_for(kb)
    return len({norm.role(str(e.get("value"))) for e in entities if e.get("entity") == "role"} - {None}) == 1


# The reason a follow-up naming only another role gives (role_aspect.switches_role).
ROLE_SWITCHED = "the last question again, for the role named"


def _one(
    kb: KnowledgeBase,
    intent: str,
    entities: List[Dict[str, Any]],
    previous: Mapping[str, Any],
    text: str,
    nlu_sure: bool = False,
    whole: bool = True,
):
    """One question; `whole`: the text is the whole message, not one part of several (a part's topic is cued by
    its own words, so it is no terse follow-up on the thread)."""
    norm = normalizer_for(kb)
    why = [f"nlu {intent}" + (" (sure)" if nlu_sure else "")]
    nlu_intent = intent
    asks_why = asks_why_of_it(kb, text, previous)  # 'why so low?': the last answer again, with its reason
    by_duty = _role_by_duty(kb, entities, text)
    if by_duty:  # 'the person building the dashboard APIs, what do they make?': that role, asked what the rest asks
        scenario, role, rest = by_duty
        entities = [*entities, {"entity": "role", "value": role}]
        asked = [t for t in detect_topics(rest, kb) if t != "scenarios"]
        if intent == "ask_scenarios" and asked:
            intent = f"ask_{asked[0]}"
        why.append("a person named by a duty of theirs in a scenario")
    item_asked = _item_asked(kb, intent, text, nlu_sure)
    if item_asked:  # 'what is predictive maintenance?': that use case, not the workflow step 'maintenance' cues
        intent = item_asked
        entities = [e for e in entities if e.get("entity") == "role"]
        why.append("names one list item in full and asks nothing else of it")
    named = {e.get("entity") for e in entities} | ({"scenario"} if lookups.scenario_for(kb, text) else set())
    if previous.get("topic") in ("salary", "salary_comparison") and intent in (
        "ask_role_comparison",
        "ask_which_better",
    ):
        if _PAY_COMPARED.search(text):
            intent = "ask_salary_comparison"  # 'the difference at the top end between them?' after pay figures
            why.append("a comparison after pay figures compares pay")
        elif _SAME_FOR_ROLE.search(text) and _one_role_named(kb, entities):
            intent = "inform"  # 'is it the same for ML engineers?' after one role's pay: that role's pay
            why.append("the same pay asked for the other role")
    rated_before = previous.get("topic") in ("skills", "skill_comparison")
    if rated_before and intent in ("ask_role_comparison", "ask_which_better") and _one_role_named(kb, entities):
        if _SAME_FOR_ROLE.search(text) and not _VERSUS.search(text):
            intent = "inform"  # 'same two for the ML engineer?' after a rating: that rating for this role
            why.append("the same rating asked for the other role")
    one_role = _one_role_named(kb, entities)
    builds = intent == "ask_use_cases" and one_role and bool(_ROLE_BUILDS.search(text))
    if builds:
        intent = "ask_role_definition"  # 'what kinds of systems do AI engineers integrate?': what that role builds
        why.append("the systems one role builds are its definition, not the enterprise use cases")
    if _role_in_brief(kb, text):
        intent = "ask_role_definition"  # 'AI engineer in one line?': what that role is, in short
        why.append("one role asked for in brief: what it is")
    builder = _builder_asked(kb, intent, text, entities)
    if builder:  # 'who builds recommendation engines into applications?': the role whose typical work names them
        intent, builds = "ask_role_definition", True
        entities = [*(e for e in entities if e.get("entity") != "role"), {"entity": "role", "value": builder}]
        why.append(_BUILDER_ASKED)
    if intent in _STANDALONE_MISREAD and _STANDALONE.search(text):
        intent = "ask_workflow"  # 'do AI systems run on their own inside companies?': rarely standalone (workflow)
        why.append("whether AI systems stand alone is the workflow's opening point")
    both_said = previous.get("topic") == "both_roles" and _THOSE_PEOPLE.search(text)  # ('for such people?')
    pays_both = _PAY_FOR_BOTH.search(text) or both_said
    pay_asked = intent in ("ask_salary", "ask_salary_comparison") or (
        intent == "ask_both_roles" and bool(_PAY_WORDS.search(text))  # 'does it pay more if I can do both?'
    )
    if pay_asked and pays_both and not named & {"level"}:
        intent = "ask_salary_factors"  # 'do salaries go up if you can do both?': the article's note on doing both
        why.append("asks what doing both roles' work does to pay")
    if previous.get("topic") == "salary_comparison" and intent == "ask_salary" and _BY_HOW_MUCH.search(text):
        intent = "ask_salary_comparison"  # 'by how much at senior level?' after who earns more: that level's gap
        why.append("asks the size of the gap just compared")
    knows = re.search(r"\b(i (already )?(know|have|use|can)|already)\b", text, re.I)  # '..., if I know X': the gap
    learns = intent in ("ask_skill_gap", "ask_learning_path")  # 'which language should I learn first?'
    within = LEARN_WITHIN.search(text)  # the area named in that question, not in what they said of themselves
    if learns and within and core_words(kb, text[within.start() :]) and not knows:
        intent = "ask_skills"  # 'what programming should I learn?': that shared area's items, not the whole gap
        why.append("what to learn within one shared skill area")
    split = previous.get("topic") in _SPLIT_TOPICS or _SPLIT_WORDS.search(text)
    if split and _BLURRED.search(text) and intent != "ask_both_roles":
        intent = "ask_both_roles"  # 'why do those two lists blur together at some companies?': the blending note
        why.append("asks how strict the split between the roles is")
    if previous.get("topic") == "workflow" and intent in _COMPARE_INTENTS and _WHERE_SHARED.search(text):
        if not set(detect_topics(text, kb)) - {"workflow", "role_comparison"}:
            intent = "ask_workflow"  # 'so where do they overlap?' after each role's steps: the step they share
            why.append("where the roles' steps overlap")
    compares = _COMPARES.search(text) or _BY_HOW_MUCH.search(text) or asks_to_compare(text)
    if intent == "ask_salary_comparison" and not nlu_sure and not compares:
        intent = "ask_salary"  # 'back to the salaries — what about senior?': one level's pay, nothing compared
        why.append("pay, with nothing compared")
    if _compares_pay_at_that_level(kb, intent, text, previous):
        intent = "ask_salary_comparison"  # 'how does that compare with the other role at the same level?'
        why.append("the other role at the level of the pay just given")
    if _points_into_thread(kb, intent, text, previous):
        intent = "inform"  # 'the last one?', 'and the fifth', 'one level up': the thread, whatever NLU read
        why.append("points into the last answer (position or shift)")
    # ('what decides which roles blend?' names its own subject: how strict the split is, not the last answer's point)
    decides = _asks_what_decides_it(text, previous) and not (split and _BLURRED.search(text))
    if decides:
        intent = "inform"  # 'what decides how much?' after 'do they overlap?': the answer's own 'based on ...'
        why.append("asks what the last answer's point depends on")
    corrected = corrected_intent(kb, intent, text, named, nlu_sure)
    if item_asked or corrected != intent and _names_an_item_of(kb, intent, text):
        corrected = intent  # 'is automated testing of models a thing?' read as best practices: one of them
    if builds and (corrected == "ask_use_cases" or builder and corrected in _BUILDS_MISREAD):
        corrected = intent  # 'applications' cues the use cases; one role's applications are what it builds
    if intent == "ask_responsibilities" and corrected == "ask_workflow" and _on_one_roles_rows(previous, text):
        corrected = intent  # 'what about for model training?' after one role's rows: its row, not the step
    if corrected != intent:
        why.append(f"the words ask {corrected}")
    intent = corrected
    if _goes_on_with_the_topic(intent, text, previous):
        intent = "inform"  # 'and the exact rating for the ML one?' after a rating: that rating, the other role
        why.append("goes on with the last answer's topic")
    widest = previous.get("topic") in ("skills", "skill_comparison") and _WIDEST_GAP.search(text)
    if widest and not _PAY_WORDS.search(text) and intent in _GAP_MISREAD:
        intent = "ask_skill_comparison"  # 'which one has the biggest gap?' after ratings: the ratings furthest apart
        why.append("the widest gap between the ratings just compared")
    if not asks_why:
        intent = _role_aspect_intent(kb, intent, text, previous, entities, nlu_sure, why)
    factor_named = bool(lookups.salary_factors_named(kb, text))
    after_pay = previous.get("topic") in pay_topics(kb) and intent not in _KEEP_INTENTS
    # 'matter', 'a difference' and 'industry' also cue why the split matters, the comparison and the careers' industries
    own_topics = set(detect_topics(text, kb)) - set(pay_topics(kb)) - {"why_it_matters", "role_comparison", "careers"}
    if after_pay and factor_named and _MATTERS.search(text) and not named & {"level", "role"} and not own_topics:
        intent = "ask_salary_factors"  # 'and does location matter for it?' after pay figures: whether it moves pay
        why.append("asks whether a salary factor it names moves pay")
    if previous.get("topic") in pay_topics(kb) and intent in ("ask_salary_factors", "inform") and _CAP.search(text):
        intent = "ask_salary"  # 'is there a cap? it says plus': the bands again, with what the + means
        why.append("asks about a band's cap")
    if intent == "ask_salary_factors" and _PAY_GIVEN_FOR.search(text):
        intent = "ask_salary"  # 'then what do you have salaries for?': the roles and levels the figures cover
        why.append("asks what the pay figures cover")
    if intent == "ask_salary_factors" and "level" in named and not factor_named and not _FACTORS.search(text):
        if not re.search(MOVES_PAY, text, re.I):  # ('what moves senior pay?' asks the factors)
            intent = "ask_salary"  # "what about the other path's starting pay?": that level's figures, no factor
            why.append("a level's pay, no factor asked")
    if _FACTORS.search(text) and factor_named and intent != "ask_salary_factors":
        intent = "ask_salary_factors"  # 'is production deployment experience one of those factors?'
        why.append("asks about a salary factor it names")
    if not nlu_sure and previous.get("topic") in kb.topics and _SAYS_OF_IT.search(text) and not detect_topics(text, kb):
        intent = "inform"  # 'what does the article say they offer?' after the H2K programmes: about them
        why.append("asks what the article says of the last answer's subject")
    if previous.get("topic") in kb.topics and _FOR_WHICH_ROLE.search(text) and not detect_topics(text, kb):
        intent = "inform"  # 'for which role?' after certifications: the same answer says whom it is for
        why.append("asks which role the last answer is for")
    if asks_why:
        intent = "inform"  # 'why?', 'why so low?' after a rating: the article's reason for the last answer
        why.append("asks why the last answer is so")
    elif whole and intent == nlu_intent and not named and terse_on_thread(kb, intent, text, previous, nlu_sure):
        intent = "inform"  # 'how many?', 'as what?', 'and which sources?': more of the last answer, whatever NLU read
        why.append("a terse follow-up naming nothing: the last answer's thread")
    if intent != "inform" and not asks_why and role_aspect.switches_role(kb, text, previous, entities, norm):
        intent = "inform"  # 'vs the AI eng one?', 'and the AI engineer focuses on?': the last question, that role
        why.append(ROLE_SWITCHED)
    if intent != "inform" and _two_levels_before(previous, text, named):
        intent = "inform"  # 'the same two for the AI engineer?' after entry, then senior pay: that pay again
        why.append("the two levels just asked in turn, again")
    if intent != "inform" and role_aspect.asks_who_is_ahead(kb, text, previous, named):
        intent = "inform"  # 'which role is higher?' after one skill's ratings compared: that comparison says
        why.append("asks which role the comparison just made puts ahead")
    if intent != "inform" and _more_of_the_scenario(kb, text, previous):
        intent = "inform"  # 'what does the AI engineer set up besides the APIs?': the rest of their part in it
        why.append("asks the rest of a part in the scenario held")
    other_scenario = _other_scenario(kb, text, previous)
    if other_scenario:
        intent = "ask_scenarios"  # 'the other scenario?': not the other role
        why.append("asks the other scenario")
    question = resolve(intent, entities, previous, WHY_IN_THREAD if asks_why else text, norm)
    if other_scenario:
        question = replace(question, topic="scenarios", scenario=other_scenario)
    if question.topic != intent[4:] and intent.startswith("ask_") or intent in ("inform", "ask_other_role"):
        why.append(f"thread: follows up on {previous.get('topic')}")
    if decides:  # 'their priorities depend on what?': the answer's point, not the responsibility row it words
        question = replace(question, topic=str(previous.get("topic")), aspect=None, stage=None)
    question = replace(question, reason=tuple(why), why=asks_why)
    step = _Steps(question)
    question = step(_with_scenario(kb, question, text), "names a scenario")
    if by_duty and not question.scenario:  # remembered, so 'what else does that person set up there?' is in it
        question = replace(question, scenario=by_duty[0])
    previous_scenario = subject_parts(previous.get("subject")).get("scenario")
    if question.scenario and question.scenario != previous_scenario and "role" not in named:
        question = replace(question, roles=())  # 'which scenario involves a chatbot?': all of the new one
    question = step(role_aspect.whole_section(question, named), "all of the section, not the item it was narrowed to")
    question = step(_at_position(kb, question, text, previous, named), "a position in the last list")
    question = step(role_aspect.other_role_elsewhere(kb, question, intent, text, previous), "the other role, elsewhere")
    question = step(role_aspect.other_side_of_tools(kb, question, named), "the other role than the one a group is for")
    question = step(role_aspect.both_roles_again(question, previous, named, text), "both roles, as the last message")
    question = step(role_aspect.compared_with_named_role(question, previous, named, text), "the role named, compared")
    question = step(
        role_aspect.own_tools_after_switch(kb, question, previous, named, text), "its own tools, not that step's"
    )
    question = step(role_aspect.duty_row_for_unowned_step(kb, question, text), "the duty row, the step being no one's")
    follows = intent in ("inform", "ask_other_role") or not nlu_sure
    question = step(_item_by_words(kb, question, text, previous, follows), "an item of the last list, by its words")
    question = step(_title_by_words(kb, question, text, previous), "a title of the list, by its words")
    carried_stage = question.stage and "stage" not in named  # 'that step': named before, not in this message
    if carried_stage and question.topic in ("tools", "responsibilities") and _WHO_OWNS.search(text):
        question = step(replace(question, topic="workflow"), "who owns the step named before")
    elif (
        (carried_stage or (previous.get("stage") and not question.stage))
        and question.aspect
        and question.topic in ("tools", "responsibilities")
        and _THAT_STEP.search(text)
        and not _TOOL_WORD.search(text)
        and "role" not in named
    ):
        held = question.stage or previous.get("stage")
        question = step(replace(question, topic="workflow", aspect=None, stage=held), "what the step held is about")
    if question.topic == "workflow" and question.roles and "stage" not in named and _WHICH_STEPS.search(text):
        question = step(replace(question, stage=None), "which steps a role manages")
    worded = step(_step_by_words(kb, question, text), "a step described in words")
    head = lookups.head_stage(kb, text) if worded.stage != question.stage else None
    question = step(_shared_step(kb, worded, text, named), "a step both roles share")
    if head is None or head.key != question.stage:  # 'tests before deployment' asks for the tests, not a move
        question = step(_shifted(kb, question, text, previous), "the step or level before/after")
    question = step(_duty_row_carried(kb, question, previous), "the step's duty row, as the last step had")
    question = step(_path_stage_compared(kb, question, text, named), "the learning stage where the paths agree or part")
    question = step(_where_paths_part(kb, question, text, named), "the first learning stage the paths differ in")
    question = step(_counted_whole(question, text), "how many there are in the whole list")
    question = step(_stands_alone(kb, question, text), "whether AI systems stand alone: the workflow's opening point")
    question = step(_same_rating_again(question, text, previous), "the skills at the rating just listed")
    question = step(_same_two_levels(question, text, previous, named), "the two levels just asked in turn")
    question = step(_row_in_other_table(kb, question, text, previous, named), "the row just shown, in the table named")
    question = step(_as_concept(kb, question, text), "'what is' a term the article uses")
    question = step(_name_mentions(kb, question, text), "which of a name's products the article mentions")
    question = step(_next_name_mentioned(kb, question, text, previous), "another name's products, as the last one's")
    question = step(_said_about(kb, question, text), "what the article says about a term, wherever it comes up")
    if question.topic == "skill_gap" and not _asks_only_a_missing_fact(kb, text, previous):
        return _with_unknown_occupation(kb, question, text, norm)  # the text says what the person has (a PhD, Jenkins)
    reworded = _reworded_prose(kb, question, text)
    if reworded is not None:  # 'what do cloud platforms demand, skill-wise?': that trend, not a skill or a lack
        return step(reworded, "the words re-word one of the article's prose sentences")
    fact = lookups.missing_fact(kb, text, previous.get("topic")) or _same_lack_for_a_role(kb, text, previous)
    quoted = quoted_prose(kb, text) if fact else None
    if quoted is not None:  # 'what happens to these roles as team size changes?': the article's own note on it
        fact = None
        question = step(replace(question, topic=quoted.topic), "the words nearly quote the article's prose")
    pointed = fact is not None and fact.key == _USE_CASE_SPLIT and lookups.missing_fact(kb, text) is None
    worked = _worked_scenario(kb, question, previous) if pointed else None
    if worked:  # 'who would build that?' after customer support automation: the scenario splits that one
        fact = None
        question = step(replace(question, topic="scenarios", scenario=worked, item=None), "a use case worked through")
    if fact:
        question = step(replace(question, missing=fact.key), f"asks a kind of fact the article lacks: {fact.key}")
    names = [n for n in unknown_names(kb, text) if n.lower() != (question.location or "").lower()]
    names += [n for n in lookups.asked_if_mentioned(kb, text) if n not in names]
    rated = lookups.unknown_rated(kb, text)
    names += [rated] if rated and not any(n.lower() in rated.lower() for n in names) else []
    if names and not fact:
        question = step(
            replace(question, unknown=(*question.unknown, *(("name", n) for n in names))), "names the article lacks"
        )
    at_employer = [
        n
        for n in names
        if n[:1].isupper() and re.search(rf"\b(at|for|with|from|join|joining|by)\s+{re.escape(n)}\b", text)
    ]
    if at_employer and not fact and question.topic in pay_topics(kb):  # 'what would I earn at JPMorgan?'
        why = f"pay at an employer the article never names: {at_employer[0]}"
        return step(replace(question, missing=_EMPLOYERS), why)
    asked = None if fact or names else lookups.unknown_asked(kb, text)
    if asked:  # 'any good maths textbook?', 'which middleware?': a kind of thing the article gives none of
        question = step(replace(question, unknown=(*question.unknown, ("asked", asked))), "asks a kind it lacks")
    unexplained = None if fact or names or question.topic != "tools" else _tool_explained(kb, text)
    if unexplained:  # 'does the article explain what Kubeflow does?': it only lists its tools
        question = step(
            replace(question, unknown=(*question.unknown, ("unexplained", unexplained))), "asks what a tool does"
        )
    return _with_unknown_occupation(kb, question, text, norm)


_USE_CASE_SPLIT = "use_case_roles"  # the missing fact 'who does what in a use case'


def _worked_scenario(kb: KnowledgeBase, question: Question, previous: Mapping[str, Any]) -> str | None:
    """The project scenario the use case pointed back at (the one asked, else the one the last answer showed) is
    worked through in (customer support automation), whose split of the work the article does give; None for the
    use cases it only names (predictive maintenance)."""
    if question.scenario:
        return question.scenario
    item = question.item if question.topic == "use_cases" else None
    if item is None and previous.get("topic") == "use_cases":
        item = shown_item(previous)  # 'who does what in a project like that?' after the first use case
    items = lookups.list_items(kb, "use_cases")
    return lookups.scenario_for(kb, items[item - 1]) if item and item <= len(items) else None


# 'does the article explain what Kubeflow does?', 'what is MLflow used for?', 'what does Prometheus do?': what a tool
# is or does, which the article never says (it lists its tools by group and by step)
_WHAT_TOOL_DOES = re.compile(
    r"\b(?:explain|explains|explained|define|defines|defined|describe|describes|described|say|says|tell\s+(?:me|us))\s+"
    r"(?:what|how)\s+(?P<a>[\w+#./-]+(?:\s+[\w+#./-]+)?)\s+(?:is|are|does|do|works?|means?)\b"
    r"|^\W*(?:so\s+|and\s+|ok\s+)?what\s+(?:does|do)\s+(?P<b>[\w+#./-]+(?:\s+[\w+#./-]+)?)\s+(?:actually\s+)?do\b"
    r"|^\W*(?:so\s+|and\s+|ok\s+)?what(?:'s|\s+is|\s+are)\s+(?P<c>[\w+#./-]+(?:\s+(?!used\b)[\w+#./-]+)?)\s+"
    r"(?:used\s+)?for\b",
    re.I,
)


def _on_one_roles_rows(previous: Mapping[str, Any], text: str) -> bool:
    """The last answer gave one role's row of the responsibilities table and a short message moves to another
    subject: that role's row for it (a step's name is also a row's name: 'monitoring', 'model training')."""
    return previous.get("topic") == "responsibilities" and previous.get("role") in ROLE_KEYS and is_short(text)


def _tool_explained(kb: KnowledgeBase, text: str) -> str | None:
    """The one tool whose purpose the message asks ('what does Kubeflow do?'), as typed; None otherwise."""
    match = _WHAT_TOOL_DOES.search(text or "")
    name = next(g for g in match.groups() if g) if match else defined_term(text)  # or 'what is Kubeflow?'
    if not name:
        return None
    norm = normalizer_for(kb)
    return name if norm.tool(name) and not norm.tool_category(name) else None


def _same_lack_for_a_role(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> Any:
    """'what about for the AI one?' right after a fact the article lacks (a PhD for ML engineers): the same lacking
    fact, asked of the role named; None when the message names more than a role, or the last answer lacked nothing."""
    key = subject_parts(previous.get("subject")).get("missing")
    if not key or not is_short(text) or detect_topics(text, kb) or not _AND_FOR.search(text):
        return None  # ('is it the same for ML engineers?' after the pay's source: their pay, not the source again)
    kinds = {e["entity"] for e in scan_entities(text, kb)}
    if kinds != {"role"} and not _OTHER_ONE.search(text):
        return None
    if _AT_A_LEVEL.search(text):
        return None  # 'and for AI engineers at that level?' after pay and a lack asked together: the pay's level
    return next((fact for fact in kb.coverage.missing if fact.key == key), None)


_AT_A_LEVEL = re.compile(r"\b(that|the same|same|this) (level|band|seniority)\b", re.I)


_OTHER_ONE = re.compile(r"\bthe other (one|role|side|path)\b", re.I)
# 'what about for the AI one?', 'and for ML engineers?', 'how about AI engineers': the question before, another role
_AND_FOR = re.compile(r"^\W*((and|so|ok|okay)\W+)?((what|wat|how) about|and for|for)\b|^\W*and\s+(the\s+)?\w+", re.I)


def _asks_only_a_missing_fact(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> bool:
    """'how many hours a week should I study?' read as the skill gap: it names no skill or tool of the person's and
    asks a kind of fact the article lacks (study time), so it is that fact, not the skills the thread carried."""
    named = {e.get("entity") for e in scan_entities(text, kb)}
    return not named & {"skill", "tool"} and lookups.missing_fact(kb, text, previous.get("topic")) is not None


def _reworded_prose(kb: KnowledgeBase, question: Question, text: str) -> Question | None:
    """The question as the prose sentence its words re-word (actions/understanding/quotes.py: a trend of why the
    distinction matters, the workflow's intro), else None: the article says it in a sentence no table or list
    holds, whatever NLU, the entities or the words for a missing kind of fact made of it. A question already
    narrowed within that sentence's own section keeps its narrowing ('is security testing part of any workflow
    step?' asks the step)."""
    found = quotes.reworded(kb, text)
    if found is None or found.topic == question.topic and not is_section(question):
        return None
    fields = (("item", found.item),) if found.item else ()
    asked = as_fact(question, Fact(found.topic, "", fields))
    return replace(asked, missing=None, unknown=())


# 'why?', 'why so low?', 'how come?', 'why the difference?', 'and why is that?': the reason for what the last
# answer said; 'why does the distinction matter?' names its own subject (why it matters).
_WHY_OF_IT = re.compile(
    r"^\W*(?:(?:and|but|so|ok|okay|hmm|huh|really|interesting)\W+)*(?:why|how come|what'?s the reason|for what reason"
    r"|what makes (?:it|that|them|this) so)\b(?P<rest>[^?]*)\?*\W*$",
    re.I,
)
_OWN_WHY_SUBJECT = re.compile(r"\b(matter\w*|important|care|distinction|trends?|driv\w+|learn\w*|choose|pick)\b", re.I)
WHY_MAX_WORDS = 4  # 'why is it rated so low' is still about the last answer; a longer 'why ...' asks its own
# The topics whose answer the article gives a reason for (actions/answers/reasons.py): a bare 'why?' after another
# one is read as NLU reads it.
REASONED_TOPICS = ("future_proof", "skills", "skill_comparison")


def asks_why_of_it(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> bool:
    """A bare 'why?' ('why so low?', 'how come?', 'why the difference?') after an answer the article gives a reason
    for (a rating, the future-proof verdict): it asks that reason, not why the distinction matters."""
    if previous.get("topic") not in REASONED_TOPICS or not is_bare_why(kb, text):
        return False
    if previous.get("topic") in ("skills", "skill_comparison") and not subject_parts(previous.get("subject")).get(
        "skill"
    ):
        return False  # the whole skills section: no one rating to give a reason for
    return True


def is_bare_why(kb: KnowledgeBase, text: str) -> bool:
    """'why?', 'why so low?', 'how come?': a why of a few words naming nothing of its own."""
    match = _WHY_OF_IT.match(text or "")
    if not match or _OWN_WHY_SUBJECT.search(text):
        return False
    rest = re.findall(r"[\w'-]+", match.group("rest"))
    named = [e for e in scan_entities(text, kb) if e.get("entity") != "role"]
    return len(rest) <= WHY_MAX_WORDS and not named


# A terse question of a few words that names nothing of the article ('how many?', 'as what?', 'any other factors?',
# 'and which sources?', 'the very last row?'): more of the last answer, whatever NLU read it as.
TERSE_WORDS = 4
_TERSE_ASKS = re.compile(
    r"\?\s*$|^\W*(and |so |ok |okay |but |then )*(what|which|who|how|where|any|as|like|the|same)\b", re.I
)
_LEADING_FILLER = re.compile(r"^\W*((and|so|ok|okay|but|then|hmm|right)\b\W*)+", re.I)
_TERSE_OPENERS = re.compile(
    r"^\W*(and |so |ok |okay |but |then )*(hi|hello|hey|thanks?|thank you|bye|help|why|how come)\b", re.I
)


WHY_IN_THREAD = "and?"  # what a bare 'why?' is resolved as: the last answer's question again, nothing new named


def is_terse_question(kb: KnowledgeBase, text: str, previous_topic: str | None) -> bool:
    """A question of a few words that names no topic, KB term or missing fact ('how many?', 'as what?', 'and the
    bottom end?', 'the very last row?'): after an answer, more of that answer."""
    if not previous_topic or text.startswith("/") or _TERSE_OPENERS.search(text) or not _TERSE_ASKS.search(text):
        return False
    words = re.findall(r"[\w'-]+", _LEADING_FILLER.sub("", text))
    if not words or len(words) > TERSE_WORDS:
        return False
    if scan_entities(text, kb) or lookups.missing_fact(kb, text, previous_topic):
        return False
    if lookups.asked_if_mentioned(kb, text):
        return False  # 'is Airflow mentioned?' asks about a name, not the last answer
    return not detect_topics(text, kb)


def terse_on_thread(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any], nlu_sure: bool) -> bool:
    """A terse verbless question (`is_terse_question`) NLU was unsure of, after an answer: more of that answer."""
    if nlu_sure or intent in ("inform", "ask_other_role") or previous.get("topic") not in kb.topics:
        return False
    # with a verb ('what does it check?', 'which bank uses that?') NLU's reading of it stands
    return is_fragment(text) and is_terse_question(kb, text, previous.get("topic"))


# 'the person building the dashboard APIs', 'the one who trains the NLP models', 'whoever deploys the chatbot': someone
# named by what they do, up to the end of that clause
_BY_DUTY = re.compile(
    r"\b(?:(?:the|that|this)\s+(?:person|one|people|guy|folks?|engineer|colleague|teammate)\s+(?:who\s+|that\s+)?"
    r"(?=\w+(?:ing|s|ed)\b)|whoever\s+)(?P<duty>[^,;?.!]+)",
    re.I,
)


def _role_by_duty(kb: KnowledgeBase, entities: List[Dict[str, Any]], text: str) -> Tuple[str, str, str] | None:
    """(scenario, role, the rest of the text) when the message names no role but someone by one of their duties in the
    article's scenarios ('the person building the dashboard APIs' -> the AI engineer); None otherwise."""
    if text.startswith("/") or any(e.get("entity") in ("role", "job_title") for e in entities):
        return None
    match = _BY_DUTY.search(text)
    duty = lookups.duty_in_scenario(kb, match.group("duty")) if match else None
    if match is None or duty is None:
        return None
    return duty[0], duty[1], text[: match.start()] + text[match.end() :]


# 'who ...', 'which role ...': a part asking which role does something
_WHO_DOES = re.compile(r"^\W*(and |so |then )?(who|which role|which one|which of (them|the two))\b", re.I)


def _asks_who_in_scenario(kb: KnowledgeBase, parts: Sequence[tuple]) -> bool:
    """'predictive analytics scenario, who builds the API?': the parts after the one naming a scenario ask who does
    one of its duties (a word of a duty is enough: the scenario is named), so it is one question about that
    scenario, not a rating of the skill the duty's word names."""
    if _asks(parts[0][0]) and set(parts[0][1]) - {"scenarios"}:
        return False  # 'is supply chain forecasting a use case, and who ...?': the first part asks its own question
    key = lookups.scenario_for(kb, parts[0][0])
    scenario = next((s for s in kb.scenarios if s.key == key), None)
    if scenario is None:
        return False
    duties = lookups.stems(" ".join([*scenario.ai_engineer, *scenario.ml_engineer]))
    return all(_WHO_DOES.search(part) and lookups.stems(part) & duties for part, *_ in parts[1:])


_EMPLOYERS = "companies"  # the KB's missing fact for pay by company or employer


def _role_aspect_intent(
    kb: KnowledgeBase,
    intent: str,
    text: str,
    previous: Mapping[str, Any],
    entities: List[Dict[str, Any]],
    nlu_sure: bool,
    why: List[str],
) -> str:
    """The section an aspect of a role (or of the two side by side) is asked in (actions/understanding/role_aspect):
    what one role builds or emphasises is its definition; where the roles agree or differ right after a section
    answered per role stays in that section; the two compared on one duty is that row of the responsibilities."""
    norm = normalizer_for(kb)
    roles = {norm.role(str(e.get("value"))) for e in entities if e.get("entity") == "role"} - {None}
    named = {str(e.get("entity")) for e in entities}
    if intent != "ask_role_definition" and role_aspect.asks_role_facet(kb, text, previous, len(roles), named):
        why.append(role_aspect.ROLE_FACET_REASON)
        return "ask_role_definition"
    if intent != "ask_role_comparison" and role_aspect.asks_why_they_differ(kb, text):
        why.append("what the roles' difference depends on: the comparison says")
        return "ask_role_comparison"
    within = role_aspect.compares_within_thread(kb, intent, text, previous, nlu_sure)
    if within == "it":  # 'is it the same for both?': what the last answer was about, for both
        why.append("whether the roles agree on what the last answer was about")
        return "inform"
    if within:
        topic = str(previous.get("topic"))
        why.append(role_aspect.WITHIN_THREAD)
        return "ask_skill_comparison" if topic == "skills" else f"ask_{topic}"
    shared = role_aspect.shared_ground_intent(kb, intent, text, previous, named)
    if shared:
        why.append("what the two roles share")
        return shared
    spent = role_aspect.time_spent_intent(kb, intent, text, previous)
    if spent:
        why.append("where a role's time goes: its tools, or else its duties")
        return spent
    if role_aspect.compares_a_duty(kb, intent, text, named):
        why.append("the two roles compared on one duty: its row of the responsibilities")
        return "ask_responsibilities"
    return intent


def _path_stage_compared(kb: KnowledgeBase, question: Question, text: str, named: Iterable[str]) -> Question:
    """'which stage is identical for both?', 'where do the paths start to diverge?': that learning stage, for both."""
    if question.topic != "learning_path" or question.roles and "role" in named:
        return question
    stage = role_aspect.path_stage_compared(kb, text, named)
    return replace(question, path_stage=stage, roles=()) if stage else question


# Answers that say what their point depends on (the overlap: organisational structure and project goals; the
# blending of roles: team size and project scope), and a short question asking just that.
_SAYS_WHAT_DECIDES = ("role_comparison", "both_roles", "job_titles")
_WHAT_DECIDES = re.compile(
    r"\b(what|which \w+)\b.{0,25}\b(decides?|determines?|governs?|drives?|depends?|depending)\b"
    r"|\b(depends?|depending|based|hinges?|rests?) on what\b|^\W*(and\s+|but\s+)?(on|from) what\b",
    re.I,
)


def _asks_what_decides_it(text: str, previous: Mapping[str, Any]) -> bool:
    """'what decides how much?', 'and their priorities depend on what?' right after an answer that says what its
    point depends on, asking no pay: that answer again (whatever NLU read into 'how much')."""
    if previous.get("topic") not in _SAYS_WHAT_DECIDES or _PAY_WORDS.search(text):
        return False
    # a longer one points back at the roles ('then what decides how they differ at a given company?')
    if not (is_short(text) or len(text.split()) <= 12 and _POINTS_BACK.search(text)):
        return False
    return bool(_WHAT_DECIDES.search(text))


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][A-Za-z0-9+#]*[A-Z0-9a-z+#])\b")
_NOT_NAMES = frozenset("i ai ml us usa uk eu ok hi faq api apis ci cd it im ive".split())
# the person's own papers ('for the JD', 'on my CV'): what they write, not a name the article should hold
_OWN_PAPERS = frozenset("jd jds cv cvs resume resumes".split())
# 'I'm a PM', 'my CS degree', 'as a SWE', 'our CTO': the person's own title or background, not a name asked about
_OWN_TITLE_BEFORE = re.compile(
    r"\b(i'?m( in)?|i am( in)?|i was|i work(ed)?(\s+(as|in))?|i'?ve been|as|my|our|former|ex)\s+(an?\s+|the\s+)?$", re.I
)


def _advisor_words(kb: KnowledgeBase) -> frozenset:
    """The words of the advisor's lists (the tools and backgrounds people say they have: 'Jenkins', 'Salesforce
    admin'): the KB knows them, the article does not."""
    return frozenset(w.lower() for t in all_strings(kb.advisor.dict()) for w in re.findall(r"[A-Za-z][\w+#]+", t))


_advisor_vocabulary = per_kb(_advisor_words)


def _product_the_article_lacks(kb: KnowledgeBase, low: str) -> bool:
    """A name the KB knows only from how people describe themselves ('Jenkins', 'Salesforce'), never from the
    article's facts: asked after ('which CI/CD tool, Jenkins?'), it is a name the article does not mention. A
    plain English word ('Great') is no such name unless only the advisor's lists use it."""
    words = lookups.article_words(kb)
    if low in words or lookups.singular(low) in words:
        return False
    if low not in spelling.english_words():
        return True
    return low in _advisor_vocabulary(kb) and low not in spelling.people_words()


def unknown_names(kb: KnowledgeBase, text: str) -> List[str]:
    """Names the message uses that the article never does ('what about CCPA?', 'Julia or Scala?'): capitalised
    words inside a sentence that are no word of the KB."""
    if not text or text.startswith("/"):
        return []
    known = spelling.known_words(kb)
    found = []
    for match in _NAME.finditer(text):
        word = match.group(1)
        low = word.lower()
        if low in _NOT_NAMES or low in _OWN_PAPERS or len(low) < 2:
            continue
        if (low in known or low.rstrip("s") in known) and not _product_the_article_lacks(kb, low):
            continue
        if _OWN_TITLE_BEFORE.search(text[: match.start()]):
            continue
        if lookups.spelled_out(kb, word):
            continue  # 'RBAC': the article's 'role-based access control' in capitals
        found.append(word)
    return found


# 'what do pilots earn', 'salary of a bank clerk', 'are cybersecurity analysts paid well': pay for an occupation.
_PAY_OF = re.compile(
    r"(?:salary|salaries|pay|income|wages?|compensation)\s+(?:of|for)\s+(?:an?\s+|the\s+)?(?P<a>[a-z][a-z -]{1,40}?)"
    r"(?=\s+(?:in|at|with|per|on)\b|[?.!,]|$)"
    r"|(?:do|does|would|will|can)\s+(?:an?\s+|the\s+)?(?P<b>[a-z][a-z -]{1,40}?)\s+(?:earn|make|get\s+paid)\b"
    r"|(?:are|is)\s+(?:an?\s+)?(?P<c>[a-z][a-z -]{1,40}?)\s+(?:paid|well\s+paid)\b"
    # after pay figures (the only place this is read): 'and for a head of AI?', 'what about an intern?'
    r"|^\W*(?:and|so|but|ok|okay)?\s*(?:what about|how about|about|for)\s+(?:an?\s+|the\s+)"
    r"(?P<d>[a-z][a-z -]{1,40}?)\W*$"
)
_NOT_OCCUPATIONS = frozenset(
    "i you we they he she it one people someone somebody them those these that this each both either "
    "beginner beginners fresher freshers junior juniors senior seniors starter starters graduate graduates "
    "engineer engineers developer developers "  # 'what do engineers earn?': the two roles, not a job
    "my your our their its his her "  # 'mid pay for my role?', 'for your pick': the person's own path
    "me him us myself himself herself themselves yourself".split()  # 'pay for him at mid level': the one advised
)


def unknown_occupation(text: str, norm: Normalizer, known: frozenset = frozenset()) -> str | None:
    """The occupation a pay question names when it is neither role nor a KB job title ('pilots'), else None; with
    the article's words (`known`), also a role narrowed by a word the article never uses ('edge AI engineers')."""
    match = _PAY_OF.search(text.lower())
    if not match:
        return None
    phrase = next(g for g in match.groups() if g).strip(" -")
    words = phrase.split()
    if not words or words[0] in _NOT_OCCUPATIONS or norm.level(phrase) or len(words) > 4 or "one" in words:
        return None  # 'a mid-level one': the role talked about
    if match.group("d") and all(w in known or len(w) < 3 for w in words):
        return None  # 'and for the other role?': the article's own words, no occupation
    if any(norm.level(w) for w in words):
        return None
    spans = [
        i for i in range(len(words)) for j in (i + 1, i + 2) if norm.role_or_title(" ".join(words[i:j])) != (None, None)
    ]
    if not spans:
        return phrase
    first = min(spans)  # names a role or a KB job title (or part of one: 'ml engineers at big firms')
    narrowed = [w for w in words[:first] if w not in known and w not in _NOT_NARROWING]
    return phrase if known and narrowed and len(narrowed) == first else None


# Words before a role that say how good or how typical, not which kind: 'good AI engineers', 'average ones'.
_NOT_NARROWING = frozenset(
    "good great average typical decent strong skilled talented new young best top our your".split()
)


def _with_unknown_occupation(kb: KnowledgeBase, question: Question, text: str, norm: Normalizer) -> Question:
    """A pay question about an occupation the article has no figures for says so (the salary answer reads it)."""
    if question.topic not in ("salary", "salary_comparison"):
        return question
    if question.unknown_value("role") or question.unknown_value("job_title"):
        return question
    occupation = unknown_occupation(text, norm, lookups.article_words(kb))
    if occupation is None:
        return question
    if norm.role(occupation) or any(norm.role(" ".join(occupation.split()[i:])) for i in range(3)):
        # 'edge AI engineers': a kind of AI engineer the article gives no pay for, not the role's own figures
        why = "a kind of the role the article gives no pay for"
        return replace(
            question, roles=(), unknown=(*question.unknown, ("job_title", occupation)), reason=(*question.reason, why)
        )
    if question.roles or question.job_title:
        return question
    return replace(question, unknown=(*question.unknown, ("job_title", occupation)))


# 'what does the article say they offer?', 'what does it say about them?': of the thing the last answer was about.
_SAYS_OF_IT = re.compile(
    r"\b(article|author|text|post|it)\b.{0,10}\b(say|says|said|mention|mentions|tell|tells)\b.{0,20}"
    r"\b(they|them|it|its|their|those|these)\b",
    re.I,
)
# 'for which role?', 'which role is that for?', 'for whom?', 'is that for both?': whom the last answer is for.
_FOR_WHICH_ROLE = re.compile(
    r"^\W*(and |so |ok |okay |but )?((for|to) (which|what|whom|who)( roles?| ones?| jobs?| paths?| of (them|the two))?"
    r"|(which|what|whose) (role|one|job|path|career)('?s| is| are) (that|this|it|they|those|these) (for|about)"
    r"|(is|are) (that|this|it|they|those|these) (for|about) (both|each|either|one|all)( of (them|the two))?( roles?)?"
    r"|(for|about) (both|each|either|one) (roles?|of (them|the two))( or (one|both|just one))?)\W*$",
    re.I,
)
# 'the other scenario?', 'is there another example?', 'any other example project?': another scenario than the last.
_OTHER_SCENARIO = re.compile(
    r"\b(the )?(other|another|different|next|remaining|second)\s+(scenario|example|project|case study|worked example"
    r"|use case scenario)s?\b",
    re.I,
)


# 'besides the APIs', 'apart from the dashboards', 'other than deploying it': what is set aside, the rest asked
_BESIDES = re.compile(
    r"\b(besides|apart from|other than|aside from|in addition to|on top of|as well as)\s+(?P<said>[^?,.;]{2,50})", re.I
)


def _more_of_the_scenario(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> bool:
    """Whether the text asks the rest of what the scenario just talked about holds, setting aside a task of it by
    its words ('what else does the AI engineer set up besides the APIs?'), and names no other scenario."""
    last = subject_parts(previous.get("subject")).get("scenario") or previous.get("scenario")
    scenario = next((s for s in kb.scenarios if s.key == last), None)
    said = _BESIDES.search(text)
    if scenario is None or not said or lookups.scenario_for(kb, text):
        return False
    tasks = lookups.stems(" ".join([*scenario.ai_engineer, *scenario.ml_engineer]))
    return bool(lookups.stems(said.group("said")) & tasks)


def _other_scenario(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> str | None:
    """The scenario other than the one the last answer was about, when the text asks for 'the other scenario'."""
    last = subject_parts(previous.get("subject")).get("scenario") or previous.get("scenario")
    if not last or not _OTHER_SCENARIO.search(text) or lookups.scenario_for(kb, text):
        return None
    others = [s.key for s in kb.scenarios if s.key != last]
    return others[0] if len(others) == 1 else None


def _with_scenario(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """A scenario named in the text; a carried one only if it is a KB key (slots can hold anything)."""
    if "scenario" not in topic_fields(kb).get(question.topic, ()):
        return replace(question, scenario=None)
    named = lookups.scenario_for(kb, text) if not text.startswith("/") else None
    keys = [s.key for s in kb.scenarios]
    scenario = named or (question.scenario if question.scenario in keys else None)
    return replace(question, scenario=scenario)


# 'so where do they overlap?', 'which step do they share?': a place in the steps just shown, not the roles at large
_WHERE_SHARED = re.compile(
    r"^\W*(so |and |ok )?(where|which (step|stage|part|one))\b.*\b(overlap\w*|share[sd]?|in common)\b", re.I
)
_COMPARE_INTENTS = ("ask_role_comparison", "ask_which_better", "ask_skill_comparison", "ask_other_role")


def _compares_pay_at_that_level(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """After one level's pay, a comparison 'at the same level' names no topic of its own (NLU reads 'compare'
    as the roles or their skills): the pay at that level, compared."""
    if previous.get("topic") not in pay_topics(kb) or intent not in _COMPARE_INTENTS:
        return False
    if not (previous.get("level") or _thread_level(previous)) and not _names_level(kb, text):
        return False  # a multi-part answer ending on what moves pay keeps the level of its pay part in the thread
    if not (_SAME_LEVEL.search(text) or _names_level(kb, text)) or text.startswith("/"):
        return False  # 'the other role at the same level', 'show me the mid-level for both'
    return not set(detect_topics(text, kb)) - set(pay_topics(kb)) - {"role_comparison", "which_better"}


def _thread_level(previous: Mapping[str, Any]) -> str | None:
    """The level the pay answer in the thread was narrowed to ('the senior range, and what pushes pay up?')."""
    thread = previous.get("thread")
    values = thread.get("salary") if isinstance(thread, Mapping) else None
    return values.get("level") if isinstance(values, Mapping) else None


def _points_into_thread(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """A message that only points at a position or a move in the last answer's list, naming no topic."""
    if not previous.get("topic") or text.startswith("/") or intent == "ask_skill_gap":
        return False
    if intent in _KEEP_INTENTS and not (intent == "ask_other_role" and not _OTHER.search(text)):
        return False  # 'and the last of them', 'and the one after that' are no 'other role', whatever NLU read
    moves = _position(text) is not None or step_shift(text) or level_shift(text) or _SAME.search(text)
    if previous.get("topic") in pay_topics(kb) and _PAY_END.search(text):
        moves = True  # 'and the bottom end?', 'the lower bound?' after pay figures: an end of that range
    if moves and _returns_to_thread(intent, text, previous):
        return False  # 'back to the AI one - what comes after intermediate?': a move in the topic gone back to
    if moves and _names_foreign_place(kb, text, previous):
        return False  # 'what comes after the foundation stage?' after pay figures: a move on the learning path
    if moves and _names_own_base(kb, intent, text, previous):
        return False  # 'what comes after the intermediate stage?': a move from the stage it names, in NLU's topic
    if moves and _moves_in_own_list(kb, intent, text, previous):
        return False  # 'what does the path cover after the foundation?' after tools: the path's next stage
    return bool(moves) and not detect_topics(text, kb)


_PLACES = ("stage", "path_stage")


def _names_foreign_place(kb: KnowledgeBase, text: str, previous: Mapping[str, Any]) -> bool:
    """The message names a step or learning stage, and the last answer's topic has neither: a move from there is a
    move in that other list."""
    fields = set(topic_fields(kb).get(previous.get("topic") or "", ()))
    if fields & set(_PLACES):
        return False  # 'back to stage 2' after the learning path: its own stages ('stage 2' reads as a step too)
    return any(e["entity"] in _PLACES for e in scan_entities(text, kb))


def _names_own_base(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """The message names the learning stage, step or level its move starts from, of the kind NLU's topic is
    narrowed by ('what comes after the intermediate stage for ML engineers?' as the learning path): the move is in
    that topic, from that one, not in whatever the last answer showed."""
    fields = topic_fields(kb).get(intent[4:] if intent.startswith("ask_") else "", ())
    kinds = {e["entity"] for e in scan_entities(text, kb)} & {"path_stage", "stage", "level"}
    own = set(topic_fields(kb).get(previous.get("topic") or "", ()))
    if kinds & own or ("path_stage" in own and "stage" in kinds):
        return False  # 'go back to stage 2' after the learning path: its own stages ('stage 2' reads as a step too)
    return bool(kinds & set(fields))


def _moves_in_own_list(kb: KnowledgeBase, intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """The move starts from a thing the message names (a stage, a step, a level) that the intent's topic is
    narrowed by and the last answer's topic is not: a move in the intent's own list, not in the last answer."""
    own = set(topic_fields(kb).get(intent[4:], ())) if intent.startswith("ask_") else set()
    last = set(topic_fields(kb).get(previous.get("topic") or "", ()))
    named = {e["entity"] for e in scan_entities(text, kb)} - {"role"}
    if "path_stage" in last and "stage" in named:
        return False  # 'go back to stage 2' after the learning path: its own stages ('stage 2' reads as a step too)
    return bool((named & own) - last)


_BACK_TO = re.compile(r"\b(back to|going back|go back|return(ing)? to|as before|earlier)\b", re.I)


def _returns_to_thread(intent: str, text: str, previous: Mapping[str, Any]) -> bool:
    """The message goes back to a topic of the thread other than the last answer's, the one NLU read."""
    topic = intent[4:] if intent.startswith("ask_") else None
    thread = previous.get("thread")
    if not topic or topic == previous.get("topic") or not isinstance(thread, Mapping) or topic not in thread:
        return False
    return bool(_BACK_TO.search(text))


_SAME = re.compile(
    r"\b(same|that|this)( two| three)? (levels?|stage|step|bands?|one|figures?|numbers?|ranges?|ones)\b", re.I
)
_OTHER = re.compile(r"\b(other|else|another|switch|instead)\b", re.I)
# An end of a pay range, said after pay figures ('and the bottom end?', 'the ceiling?', 'lower bound?').
_PAY_END = re.compile(
    r"\b(top|bottom|upper|lower|high|low)(est)?[- ](end|bound|limit|figure|number)s?\b"
    r"|\b(floor|ceiling|minimum|maximum)\b"
    # 'where could that go at the top?', 'how high can it get?', 'where does it top out?': the range's upper end
    r"|\b(go|get|be|reach|climb|end up)( \w+)? (at|to) the (very )?(top|bottom)\b|\btops? out\b"
    r"|\bhow (high|far up|much higher) (can|could|does|will|would|might) (it|that|this|the pay|pay|salary) "
    r"(go|get|climb|reach|rise)\b",
    re.I,
)
_MIDDLE = re.compile(r"\b(the )?middle (one|step|stage|phase|item)?\b|\bin the middle\b", re.I)
MIDDLE = 0  # the position 'the middle one' names, resolved against the list's length


def _position(text: str) -> int | None:
    """ordinal() plus 'the middle one' (MIDDLE)."""
    position = ordinal(text)
    return MIDDLE if position is None and _MIDDLE.search(text or "") else position


def _positions(text: str) -> List[str]:
    """The parts of a message that each point at their own position and name no topic ('the second one, and
    what's the fourth?'); [] unless there are several."""
    if text.startswith("/"):
        return []
    parts = split_parts(text)
    spots = [_position(part) for part in parts]
    if len(parts) < 2 or None in spots or len(set(spots)) < len(spots):
        return []
    return parts


def _pick(items: Sequence[Any], position: int) -> Any:
    """The item at a 1-based position, -1 the last, MIDDLE the middle one (of an even count, the earlier)."""
    if position == MIDDLE:
        return items[(len(items) - 1) // 2]
    return items[position - 1 if position > 0 else -1]


# Topics whose answer lists the workflow's steps or the learning stages, so 'the first one' points into that list.
_STEP_LISTS = ("workflow", "tools", "best_practices")
_ITEM_LISTS = (
    "use_cases",
    "best_practices",
    "challenges",
    "enterprise_constraints",
    "key_takeaways",
    "why_it_matters",
)
# 'what does the version control one cover?', 'and the testing one?': an item of the last list named by its words.
_THE_X_ONE = re.compile(
    r"\b(?:the|that|this)\s+(?P<words>(?:(?!(?:other|first|last|second|third|fourth|fifth|next|same|previous|"
    r"middle|final|latter|former|new|only)\b)[\w-]+\s+){1,3})(?:one|ones|item|point|practice|constraint|challenge"
    r"|use case)\b",
    re.I,
)


# A message carrying on from the answer before ('and where do they differ?', 'so what about pay?').
_CONTINUES = re.compile(r"^\W*(and|so|but|then|ok|okay)\b", re.I)


def _other_list_about_item(kb: KnowledgeBase, question: Question, text: str, last: Any, words: set) -> bool:
    """Whether the words ask another list than the last one (named in them) about an item of the last one: no
    item of the asked list has the item's words, so 'the drift one' only says what the practices are wanted for."""
    if question.topic == last or question.topic not in _ITEM_LISTS or question.topic not in detect_topics(text, kb):
        return False
    return not lookups.item_with_words(lookups.list_items(kb, question.topic), words, least=1)


def _item_by_words(
    kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any], follows: bool = False
) -> Question:
    """'the version control one' after the best practices: the one item of the last list (or the asked one)
    whose words it uses, whatever topic NLU read; without 'the ... one', only a follow-up (`follows`: 'and version
    control for what exactly?') using two of one item's words. Unchanged when no item, or several, match best."""
    match = _THE_X_ONE.search(text or "")
    listed = bool(match) and previous.get("topic") in _ITEM_LISTS  # 'the customer support one' after the use cases
    if not text or text.startswith("/") or question.item is not None:
        return question
    if question.topic == "responsibilities" and question.aspect and not match:
        return question  # 'which role works with product teams?' after the takeaways: that duty's row, no takeaway
    described = None if match else lookups.description_of_item(text)
    picks = described and previous.get("topic") in _ITEM_LISTS  # ('the one about security' after a list)
    if picks and not any(e.get("entity") == "role" for e in scan_entities(text, kb)):  # (a role: the role rules')
        items = lookups.list_items(kb, previous.get("topic"))
        item = lookups.item_with_words(items, lookups.stems(described)) or lookups.item_by_meaning(kb, items, described)
        if item:
            cleared = dict(stage=None, aspect=None, skills=(), tools=(), skill_terms=(), tool_terms=(), scenario=None)
            return replace(question, topic=str(previous.get("topic")), item=item, roles=(), **cleared)
    if question.roles:
        return question
    if question.scenario and not listed:
        return question  # a scenario named ('a worked example of customer support') is more than its use case
    topics = (question.topic, previous.get("topic"))
    if question.scenario:  # 'the customer support one' after the use cases (and the constraints): that use case
        topics = (*topics, *_ITEM_LISTS)
    last = previous.get("topic")
    if not match and last == "key_takeaways" and _CONTINUES.search(text):
        if set(detect_topics(text, kb)) - {"role_comparison", "skill_comparison", last}:
            return question  # 'and salary?' after the takeaways asks the pay, not the pay takeaway
        topics = (last,)  # 'and where do they differ?' after the takeaways: the one takeaway its words name
    elif not match:  # 'and version control for what exactly?' after a best practice: two of one item's words
        if not follows or last not in _ITEM_LISTS or question.topic == last or set(detect_topics(text, kb)) - {last}:
            return question  # the list's own topic matches its items itself (matching_items), a yes/no first
        topics = (previous.get("topic"),)
    words = lookups.stems(match.group("words") if match else text)
    if not match and question.stage:  # 'what is performance drift monitored with?': the step's words, not an item's
        step = next(s for s in kb.workflow.stages if s.key == question.stage)
        words -= lookups.stems(" ".join([step.name, *step.aliases, *step.activities]))
    if match and _other_list_about_item(kb, question, text, last, words):
        return question  # 'which best practice helps with the drift one?': the practices, asked about that challenge
    for topic in dict.fromkeys(topics):
        items = lookups.list_items(kb, topic) if topic in _ITEM_LISTS else ()
        one_word = match or question.stage or topic == "key_takeaways"
        item = lookups.item_with_words(items, words, least=1 if one_word else 2)
        if item:
            cleared = dict(stage=None, aspect=None, skills=(), tools=(), skill_terms=(), tool_terms=(), scenario=None)
            return replace(question, topic=topic, item=item, **cleared)
    return question


# 'which of those is closest to cloud work?', 'which one is about automation?': one of the titles just listed.
_A_TITLE = re.compile(r"\b(job\s+)?(titles?|positions?)\b", re.I)
_WHICH_OF_THEM = re.compile(
    r"\b(which|what|any)\s+(one\s+)?(of\s+(those|these|them|the\s+([\w-]+\s+)?(ones|titles|jobs|roles))|one|title|job|role)\b",
    re.I,
)  # ('which of the AI ones is about automation?': one of the AI-focused titles just listed)


def _title_by_words(kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any]) -> Question:
    """A job title or career picked by its words: on the titles' own topic ('is there a job title focused on the
    NLP side?') or, after their list, among them ('which of those is closest to cloud work?'), whatever NLU read."""
    if question.job_title or question.unknown_value("job_title") or text.startswith("/"):
        return question
    last = previous.get("topic")
    if not (_WHICH_OF_THEM.search(text) or _A_TITLE.search(text)):
        return question  # 'the consultant one sounds like me. what industries?': the careers, not one title
    topic = question.topic if question.topic in ("careers", "job_titles") else None
    if topic is None and last in ("careers", "job_titles") and _WHICH_OF_THEM.search(text):
        topic = str(last)
    key = lookups.title_by_words(kb, text, topic)
    if key is None:
        return question
    cleared = dict(stage=None, aspect=None, skills=(), tools=(), skill_terms=(), tool_terms=(), roles=())
    return replace(question, topic=topic, job_title=key, **cleared)


_THOSE = re.compile(r"\b(those|these|them|of the two|of the three)\b", re.I)
# 'the first person', 'the second guy', 'the latter one who ...': a person by the order they came up
# 'in the second one', 'for the first scenario': a place among the scenarios the thread went through
_IN_NTH_ONE = re.compile(r"\b(in|for|of|during) the (first|second|1st|2nd) (one|scenario|project|example)\b", re.I)
_NTH_PERSON = re.compile(
    r"\b(first|second|1st|2nd|last|former|latter)\s+(person|guy|one who|people|colleague|engineer|specialist)\b", re.I
)
_STEP_WORDS = re.compile(r"\b(steps?|phases?)\b", re.I)
_STEP_NUMBER = re.compile(r"\b(step|stage|phase|number|no\.?|#)\s*(one|two|three|four|five|six|[1-6])\b", re.I)
_WHICH_STEPS = re.compile(
    r"\b(which|what) (\w+ |of (those|these|the|them) )?(steps|phases|parts of the workflow)\b", re.I
)
_ROLES_NTH_STEP = re.compile(
    r"\b(engineer|engineers|role)('s|s')?\s+(very\s+)?(first|last|final|second|third|middle)\s+(step|stage|phase)\b",
    re.I,
)
_LEVEL_WORDS = re.compile(r"\b(levels?|bands?|tiers?|columns?)\b", re.I)  # the pay table's columns are its levels


# 'in the list', 'on the article's list', 'overall', 'of them all': the whole list, not one role's part of it.
_WHOLE_LIST = re.compile(
    r"\b(?:in|on|from|of) (?:the|that|this|its|the article'?s|the whole|the full|the original) (?:\w+ )?list\b"
    r"|\b(?:overall|of (?:them )?all|in general|altogether)\b"
    r"|\bthe article'?s (?:first|second|third|fourth|fifth|last)\b",
    re.I,
)


def _at_position(
    kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any], named: Iterable[Any] = ()
) -> Question:
    """'tools for step one of those?', 'the first one', 'the last stage': the item at that position of the list
    the question (or else the previous answer) is about: workflow steps or learning stages."""
    position = _position(text)
    if position is None or text.startswith("/"):
        return question
    prev_topic = previous.get("topic")
    if question.topic in ("salary", "salary_comparison") and _LEVEL_WORDS.search(text) and "level" not in named:
        if position <= len(LEVEL_KEYS):  # 'the third level for AI engineers': levels go entry, mid, senior
            return replace(question, level=_pick(LEVEL_KEYS, position))
        return question
    whole_list = question.topic in _ITEM_LISTS and "role" not in named and _WHOLE_LIST.search(text)
    worded = _item_asked_after_going_back(kb, question, text)
    if worded:  # 'back to the first point: what kind of specialists do teams need?': the item those words name
        return replace(question, item=worded, roles=())
    if question.topic in _ITEM_LISTS and (not question.roles or whole_list):
        # ('the first challenge in the list' after one role's challenges: the article's list, not the role's)
        return replace(question, item=position, roles=()) if position != MIDDLE else question
    own_items = _role_items(kb, question)
    if own_items and position != MIDDLE and position <= len(own_items) and "role" not in named:
        # 'the second challenge' after the ML engineer's challenges: the second of those, as an item of the list
        items = list(lookups.list_items(kb, question.topic))
        return replace(question, item=items.index(_pick(own_items, position)) + 1, roles=())
    thread = previous.get("thread") if isinstance(previous.get("thread"), Mapping) else {}
    back_in_scenario = "scenarios" in thread and bool(_IN_NTH_ONE.search(text))  # '..., in the second one?'
    if (question.topic == "scenarios" or prev_topic == "scenarios" or back_in_scenario) and "scenario" not in named:
        if _NTH_PERSON.search(text):
            return question  # 'what else does the first person build?': a person talked about, not a scenario
        if position <= len(kb.scenarios):  # 'now the second scenario'
            chosen = _pick(kb.scenarios, position)
            roles = question.roles if "role" in named else ()  # 'now the second scenario': all of it
            return replace(question, topic="scenarios", scenario=chosen.key, roles=roles)
        return question
    if question.topic == "learning_path":
        stages = kb.learning_paths
        if "path_stage" in named or position > len(stages):
            return question
        return replace(question, path_stage=_pick(stages, position).key)
    picked = _pick_shown(kb, question, text, previous, named, position)
    if picked is not None:
        return picked
    about_steps = question.topic in _STEP_LISTS or prev_topic in _STEP_LISTS or bool(_STEP_WORDS.search(text))
    # "the ML engineer's last step": a position among the steps of the one role the message names ('last step'
    # alone is also a name of the workflow's last step)
    own_role = "role" in named and len(question.roles) == 1 and bool(_ROLES_NTH_STEP.search(text))
    if own_role:
        named = [kind for kind in named if kind != "stage"]
    if "stage" in named or not about_steps or question.topic not in (*_STEP_LISTS, "responsibilities", prev_topic):
        return question
    steps = kb.workflow.stages
    role = question.roles[0] if own_role else previous.get("role")
    owned = [s for s in steps if s.key in kb.workflow.ownership.get(role or "", [])]
    in_owned = previous.get("stage") in {s.key for s in owned} and not _STEP_NUMBER.search(text)
    if prev_topic == "workflow" and not previous.get("stage") and not _STEP_NUMBER.search(text):
        in_owned = True  # 'the first one' after the steps a role manages: the first of those
    pointed = re.search(r"\b(those|them|these)\b", text, re.I) or in_owned
    if owned and (own_role or prev_topic in ("workflow", "tools") and pointed):
        steps = owned  # 'the first of those', then 'and the third': within the role's steps, not all six
    shown_steps = _steps_shown(kb, previous, text)
    if len(shown_steps) > 1 and not own_role and not _STEP_NUMBER.search(text):
        steps = shown_steps  # 'tools for the first' after who owns deployment and data prep: deployment
    if position > len(steps):
        return question
    topic = question.topic if question.topic in _STEP_LISTS else "workflow"
    return replace(question, topic=topic, stage=_pick(steps, position).key)


def _role_items(kb: KnowledgeBase, question: Question) -> List[str]:
    """The items of a list answer one role's share of it showed (the challenges it tackles); [] for other lists."""
    if question.topic != "challenges" or len(question.roles) != 1:
        return []
    own = getattr(kb.challenges, question.roles[0], [])
    return [i for i in own if i in kb.challenges.items]


def _pick_shown(
    kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any], named: Iterable[Any], position: int
) -> Question | None:
    """'tools for the first' after who owns deployment and who owns data prep, 'examples of the second kind' after
    each role's tools: an element of the several the last answer showed (its steps, its roles), not the workflow's
    own first step; None when the words name a step or a number, or the last answer showed no such list."""
    kind, keys_list = shown.shown_list(previous) or ("", [])
    if kind == "stage" and not _steps_shown(kb, previous, text):
        return None  # 'what's the first?' after the last two steps: the workflow's first step
    if not kind and previous.get("topic") == "tools" and previous.get("role") and not previous.get("stage"):
        # 'and the second kind' after the first role's tools of the two
        kind, keys_list = "role", [k for k in subject_parts(previous.get("subject")).get("roles", "").split("+") if k]
    if question.topic not in _STEP_LISTS or len(keys_list) < 2 or position == MIDDLE or position > len(keys_list):
        return None
    if _STEP_WORDS.search(text) or _STEP_NUMBER.search(text) or {"stage", "role"} & set(named):
        return None
    key = _pick(keys_list, position)
    if kind == "stage" and key in {s.key for s in kb.workflow.stages}:
        return replace(question, stage=key, roles=())
    if kind == "role" and key in kb.roles and question.topic == "tools":
        return replace(question, roles=(key,), stage=None, tools=(), tool_terms=())
    return None


def _item_asked_after_going_back(kb: KnowledgeBase, question: Question, text: str) -> int | None:
    """The item of the question's list that the words after a going-back lead name ('back to the first point:
    what kind of specialists do teams need?'), when the position was said only of what is gone back to."""
    back = returns.going_back(text)
    if question.topic not in _ITEM_LISTS or not back or ordinal(back[0]) is None or ordinal(back[1]) is not None:
        return None
    return lookups.item_with_words(lookups.list_items(kb, question.topic), lookups.stems(back[1]), least=2)


def _steps_shown(kb: KnowledgeBase, previous: Mapping[str, Any], text: str = "") -> List[Any]:
    """The workflow steps the last answer showed, in its order ('shown:stage=deployment_integration+data_preparation'),
    so a bare position after several steps answered in turn points among them; none when they were the workflow's
    own closing run ('the last two') and the message does not point at them: 'what's the first?' then counts in the
    whole workflow, as the run itself did."""
    kind, keys = shown.shown_list(previous) or ("", [])
    by_key = {s.key: s for s in kb.workflow.stages}
    steps = [by_key[k] for k in keys if k in by_key] if kind == "stage" else []
    numbers = [s.number for s in steps]
    tail = len(steps) > 1 and numbers == list(range(numbers[0], len(kb.workflow.stages) + 1)) and numbers[0] > 1
    if tail and not previous.get("role") and not _THOSE.search(text):
        return []
    return steps


# "what's that step focused on?": the step the thread holds, not the roles' focus
_THAT_STEP = re.compile(r"\b(that|this|the same|the)\s+(step|stage|phase)\b", re.I)
_TOOL_WORD = re.compile(r"\b(tools?|tooling|software|stack|platforms?|frameworks?)\b", re.I)
_WHO_OWNS = re.compile(
    r"\b(who|whose|which role|which of them|ai or ml|ml or ai)\b"
    r".*\b(responsib\w*|owns?|leads?|handles?|job|does|in charge)\b"
    r"|\b(responsib\w*|owner)\b",
    re.I,
)
_WHOLE_WORKFLOW = re.compile(
    r"\b(steps|stages|phases|workflows?|lifecycle|pipeline|process|end to end|overview|order|list|all|each|every)\b",
    re.I,
)


_TOOLS_FOR_DOING = re.compile(
    r"\btools?\b.*\b((to|for) \w+ing|to (prepare|clean|ingest|train|test|deploy|monitor|validate|build|ship))\b"
    r"|^\W*(and\s+)?(which|what)( ones?)? (for|to) \w+",  # '..., and which for preparing the features?'
    re.I,
)


def _step_by_words(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """A workflow question about one step in other words ('what gets monitored once a model is live?') gets
    that step, not the whole workflow; one that asks for the steps keeps them all."""
    if question.topic not in ("workflow", "tools") or question.stage or question.roles or _WHOLE_WORKFLOW.search(text):
        return question
    if question.topic == "tools" and (question.tools or not _TOOLS_FOR_DOING.search(text)):
        return question  # 'what tools are used to prepare data?': that step's tools; a named group keeps its own
    if _after_whole_workflow(question) and JOINS_WITH.search(text):
        return question  # 'what does it integrate with?' after the whole workflow: its intro's list, not step 5
    stage = lookups.stage_by_words(kb, text)
    return replace(question, stage=stage.key) if stage else question


def _after_whole_workflow(question: Question) -> bool:
    """The thread's latest answer was the whole workflow (no one step)."""
    if not question.thread:
        return False
    topic, values = question.thread[-1]
    return topic == "workflow" and not dict(values).get("stage")


_SHARED = re.compile(r"\b(share|shared|both|in common|overlap\w*)\b", re.I)


def _shared_step(kb: KnowledgeBase, question: Question, text: str, named: Iterable[Any] = ()) -> Question:
    """'which step do they both share?': the step both roles manage, not one role's steps (nor a carried step)."""
    if question.topic != "workflow" or "stage" in named or not _SHARED.search(text):
        return question
    if (question.stage and not _STEP_WORDS.search(text)) or _WHOLE_WORKFLOW_ONLY.search(text):
        return question  # 'do they both work on it?' asks about the step talked about
    owned = [set(kb.workflow.ownership.get(role, [])) for role in kb.roles]
    shared = [s for s in kb.workflow.stages if all(s.key in keys for keys in owned)]
    return replace(question, stage=shared[0].key, roles=()) if len(shared) == 1 else question


_WHOLE_WORKFLOW_ONLY = re.compile(r"\b(workflow|lifecycle|pipeline|process) (as a whole|overall)\b", re.I)


def _shifted(kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any]) -> Question:
    """'and the step after that?', 'what do I study after the basics?': move one stage on (or back)."""
    level_move = level_shift(text)
    if level_move and question.topic in ("salary", "salary_comparison"):
        base = question.level or previous.get("level")
        field, _, started = (subject_parts(previous.get("subject")).get("was") or "").partition("=")
        if is_correction(text) and field == "level" and started in LEVEL_KEYS:
            base = started  # 'wait, I meant one level down': the last move again, from where it started
        if base in LEVEL_KEYS:
            index = LEVEL_KEYS.index(base) + level_move
            # the level moved from is remembered ('two levels down from senior': senior), for a corrected move
            moved = LEVEL_KEYS[min(max(index, 0), len(LEVEL_KEYS) - 1)]
            return replace(question, level=moved, was=f"level={base}")
        return question
    shift = step_shift(text)
    if question.topic == "learning_path" and not shift:
        shift = level_move  # 'and one level up?' on the learning path: its next stage, there are no pay levels
    if not shift:
        return question
    if question.topic == "skill_gap" and previous.get("topic") == "skill_gap" and previous.get("path_stage"):
        # 'then what?' after a skill gap that said where they are on the path: the path's next stage
        question = replace(question, topic="learning_path")
    target = _stage_past_named(kb, question.topic, text)
    if target:  # 'after the basics, what's the advanced stage?': the stage named as asked, not one past it
        field = "path_stage" if question.topic == "learning_path" else "stage"
        return replace(question, **{field: target})
    if question.topic == "learning_path":
        base = question.path_stage or previous.get("path_stage") or _taught_stage(kb, question)
        moved = lookups.shifted_learning_stage(kb, base, shift) if base else None
        if moved is None:
            return question
        return replace(question, path_stage=moved.key, skills=(), tools=(), skill_terms=(), tool_terms=())
    base_stage = question.stage or previous.get("stage") or _subject_stage(kb, previous)
    if base_stage and question.topic in ("workflow", "tools") and base_stage in {s.key for s in kb.workflow.stages}:
        moved_stage = lookups.shifted_stage(kb, base_stage, shift)
        return replace(question, stage=moved_stage.key) if moved_stage else question
    return question


# 'after the basics', 'past the foundation', 'once I finish the intermediate part': the stage a shift starts from
_FROM_STAGE = re.compile(
    r"\b(after|before|past|beyond|following|finish(ing)?|done with|once)\W+(the |my |that )?$", re.I
)


def _stage_past_named(kb: KnowledgeBase, topic: str, text: str) -> str | None:
    """When a message names two stages and moves from one ('after the basics, what's the advanced stage?'), the
    other one is asked: the key of the one stage not said as the starting point, else None."""
    kind = {"learning_path": "path_stage", "workflow": "stage", "tools": "stage"}.get(topic)
    if not kind:
        return None
    norm = normalizer_for(kb)
    named = [e for e in scan_entities(text, kb) if e.get("entity") == kind]
    keys = {getattr(norm, kind)(e["value"]) for e in named} - {None}
    if len(keys) != 2:
        return None
    asked = {getattr(norm, kind)(e["value"]) for e in named if not _FROM_STAGE.search(text[: e["start"]])} - {None}
    return asked.pop() if len(asked) == 1 else None


# 'where do they start to diverge?', 'at what stage do the paths split?': the first stage the two paths differ in.
_PATHS_PART = re.compile(
    r"\b(start|starts|begin|begins|first|at what (stage|point)|from (what|which) (stage|point)|which stage)\b"
    r".{0,30}\b(diverg\w*|differ\w*|split\w*|part ways|branch\w*|separat\w*|go (their )?(own|separate) ways)"
    r"|\bwhere\b.{0,25}\b(diverg\w*|split|part ways|branch (off|out)|go (their )?(own|separate) ways)\b",
    re.I,
)


# 'how many scenarios are there in total?', 'how many challenges overall?': the count of the whole list.
_COUNT_ALL = re.compile(r"\bhow many\b.*\b(in total|total|altogether|all together|overall|in all|all told)\b", re.I)


def _stands_alone(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """'are enterprise AI systems standalone?': the workflow's opening point (they rarely are), for no one role
    unless the message names one (not the role the thread or the interview leans to)."""
    if question.topic != "workflow" or not question.roles or not _STANDALONE.search(text) or question.stage:
        return question
    named = any(e.get("entity") == "role" for e in scan_entities(text, kb))
    return question if named else replace(question, roles=())


def _counted_whole(question: Question, text: str) -> Question:
    """A count asked of the whole list after one part of it (a scenario, one role's share, an item): the whole
    list, so the answer shows (and counts) every item, not the part the thread had narrowed to."""
    if not _COUNT_ALL.search(text) or (question.topic != "scenarios" and question.topic not in _ITEM_LISTS):
        return question
    return replace(question, scenario=None, item=None, roles=(), shown=None)


def _where_paths_part(kb: KnowledgeBase, question: Question, text: str, named: Iterable[str]) -> Question:
    """'where do they start to diverge?' on the learning path: the first stage whose topics differ between the
    roles, for both roles (a stage the message names itself stands)."""
    if question.topic != "learning_path" or "path_stage" in set(named) or not _PATHS_PART.search(text):
        return question
    parted = next((st for st in kb.learning_paths if st.ai_engineer != st.ml_engineer), None)
    return replace(question, path_stage=parted.key, roles=()) if parted else question


_SKILL_AREA = ("skills", "skill_comparison")


_ASKS_LEVEL = re.compile(r"\b(levels?|ratings?|rated|ranks?|ranked|scores?|scored|grades?)\b", re.I)


def _same_rating_again(question: Question, text: str, previous: Mapping[str, Any]) -> Question:
    """'the reverse for the AI engineer?', 'and for the other role?' after the skill areas one role has at a rating
    ('where is the ML engineer only medium?'): the areas at that rating again, for the role now asked about. The
    rating is said in the question's words, which the skills answer reads its filter from."""
    rating = shown.rating_shown(previous)
    if not rating or question.topic not in _SKILL_AREA or previous.get("topic") not in _SKILL_AREA:
        return question
    if question.skills or question.tools or shown.asked_rating(text) or not is_short(text):
        return question
    if rating == shown.SAME_RATING:  # 'what level is that for both?' after where they are rated alike
        if not _ASKS_LEVEL.search(text):
            return question  # ('which one has the widest gap?' asks something else of the ratings)
        return replace(question, text=f"{question.text} (where are both rated the same)")
    return replace(question, text=f"{question.text} (which areas are rated {rating})")


def _row_in_other_table(
    kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any], named: Iterable[str]
) -> Question:
    """'and in the summary table?' after one skill's rating: the same skill row, in the table now named (the row
    is asked by its own name, which both tables use where they share it), not the words it was first asked by."""
    key = subject_parts(previous.get("subject")).get("shown", "")
    said = subject_parts(previous.get("subject")).get("skill")
    if question.topic not in _SKILL_AREA or set(named) & {"skill", "tool"} or not (key.startswith("row=") or said):
        return question
    if not _SKILL_TABLE.search(text) and not re.search(r"\b(other|second|first) table\b", text, re.I):
        return question
    if not key.startswith("row="):  # ('and in the specialised table?' after a skill rated in both): that skill
        return question if question.skills or question.tools else replace(question, skills=(str(said),))
    if any(t.summary_skill for t in (*question.skill_terms, *question.tool_terms)):
        return question  # the words it was asked by ('cloud') are in both tables already
    row = next((r for r in kb.skill_matrix if r.key == key[4:]), None)
    return replace(question, skills=(row.name.lower(),), tools=()) if row else question


def _taught_stage(kb: KnowledgeBase, question: Question) -> str | None:
    """The one learning stage that teaches the skills the question names, on its role's path ('what comes after
    ML algorithms and feature engineering?' on the ML path: Intermediate), so a move starts from it."""
    terms = (*question.skill_terms, *question.tool_terms)
    keys = {key for term in terms for key in (*term.skill_keys, *term.core_areas)}
    topics = {t for t, skills in kb.learning_topic_skills.items() if keys & set(skills)}
    roles = question.roles or tuple(kb.roles)
    stages = {st.key for st in kb.learning_paths for r in roles if set(getattr(st, r)) & topics}
    return stages.pop() if len(stages) == 1 else None


def _subject_stage(kb: KnowledgeBase, previous: Mapping[str, Any]) -> str | None:
    """The one workflow step the last answer's tool belongs to ('Azure Data Factory' -> ingestion), so 'the next
    step's tools' after it moves on from that step."""
    tool = subject_parts(previous.get("subject")).get("tool", "").lower()
    if not tool:
        return None
    steps = [s for s in kb.workflow.stages if any(tool == t.lower() or tool in t.lower().split(" (") for t in s.tools)]
    return steps[0].key if len(steps) == 1 else None


# 'what does an AI solutions architect do?', 'what do NLP engineers actually do all day?': a title's work
_WHAT_TITLE_DOES = re.compile(
    r"^\W*(?:so\s+|and\s+|ok\s+|okay\s+)?what\s+(?:does|do)\s+(?:an?\s+|the\s+)?(?P<title>[\w\s/-]+?)\s+"
    r"(?:actually\s+|really\s+|exactly\s+|usually\s+|typically\s+)?do(?:es)?"
    r"(?:\s+(?:all day|day to day|day-to-day|exactly|in practice|at work))?\W*$",
    re.I,
)


def _title_asked(kb: KnowledgeBase, text: str) -> str | None:
    """The job title (none of the two roles) whose work 'what does X do?' asks: the article only lists it."""
    match = _WHAT_TITLE_DOES.match(text or "")
    if not match:
        return None
    norm = normalizer_for(kb)
    title = match.group("title").strip()
    return title if norm.job_title(title) and not norm.role(title) else None


def compared_only_named(kb: KnowledgeBase, text: str) -> str | None:
    """'what's data drift vs performance drift?': terms the article names (in one step's words, or in none) but that
    have no answer of their own, as the term to show where they come up; None otherwise (roles, tools, two steps
    have their own answers)."""
    compared = lookups.compared_terms(kb, defined_term(text, max_words=8) or "")
    norm = normalizer_for(kb)
    steps = {norm.stage(part) for part in compared}
    if not compared or any(_own_answer(norm, part) for part in compared) or len(steps) != 1:
        return None
    return lookups.term_of(compared)


def _own_answer(norm: Normalizer, term: str) -> bool:
    """A role, title, tool, skill or learning stage: a term with an answer of its own."""
    lookups_ = (norm.role, norm.job_title, norm.tool, norm.tool_category, norm.matrix_skill, norm.summary_skill)
    return any(lookup(term) for lookup in (*lookups_, norm.path_stage))


def _title_work_asked(kb: KnowledgeBase, question: Question) -> str | None:
    """The name of a listed title (not one of the two roles) whose work a question asks: the article describes the
    work of the two roles only, so where that title comes up is all there is; None otherwise."""
    if not question.job_title or question.roles or question.topic not in ("responsibilities", "role_definition"):
        return None
    jt = kb.job_titles
    names = {t.key: t.name for t in (*jt.ai_focused, *jt.ml_focused, *kb.careers.titles) if t.key not in kb.roles}
    name = names.get(question.job_title)
    return name if name and lookups.mentions(kb, name) else None


def _as_concept(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """'what is MLOps?': a term the KB knows but no role; a tool or a workflow step gets its own answer."""
    work = _title_work_asked(kb, question)
    if work:  # 'what does the consultant one do day to day?': the article only lists that title
        return replace(question, topic="concept", term=work, aspect=None)
    term = defined_term(text) or _title_asked(kb, text) or defined_term(text, max_words=8)
    defines = question.topic in topic_table(kb).defines_terms or question.topic in _OWN_TERM_TOPICS
    if not term or not defines or question.roles:
        return question
    norm = normalizer_for(kb)
    compared = compared_only_named(kb, text)
    if compared:  # 'data drift vs performance drift' (words of one step, or of none): where they come up
        return replace(question, topic="concept", term=compared)
    if norm.role(term) or norm.role_or_title(term)[0]:
        return question
    tool = norm.tool(term)
    if tool and not norm.tool_category(term):
        return replace(question, topic="tools", tools=(term,), stage=None)
    stage = norm.stage(term)
    if stage and not (norm.matrix_skill(term) or norm.summary_skill(term)):
        return replace(question, topic="workflow", stage=stage)
    known = any(
        lookup(term)
        for lookup in (norm.tool_category, norm.matrix_skill, norm.summary_skill, norm.job_title, norm.path_stage)
    )
    if (known or lookups.spelled_out(kb, term)) and lookups.mentions(kb, term):
        return replace(question, topic="concept", term=term)  # 'what is RBAC?': where its words come up
    return question


# 'which AWS services are mentioned?', 'and which Google ones?': a capitalised name and a word for its products.
_WHICH_OF_NAME = re.compile(  # (the name capitalised, the question word at the start of a sentence or not)
    r"\b(?:[Ww]hich|[Ww]hat|WHICH|WHAT)\s+(?P<name>[A-Z][\w.]+)\s+"
    r"(?:services?|tools?|products?|ones|platforms?|offerings?|technolog(?:y|ies)|things|stuff|bits)\b"
)


def _name_mentions(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """'which AWS services are mentioned?': every place the article names it (a vendor is no KB topic)."""
    match = _WHICH_OF_NAME.search(text)
    if not match or question.topic not in ("tools", "skills", "help", "concept") or question.roles:
        return question
    if question.stage and question.topic == "tools":
        return question  # 'which Google service shows up in data ingestion?': that step's tools, its name among them
    if question.topic == "tools" and question.tools and lookups.tools_with_word(kb, question.tools[0]):
        return question  # 'Which Azure tools ...?' read as a tool: the tools whose names carry it, one by one
    name = match.group("name")
    norm = normalizer_for(kb)
    if name.lower() in ("ai", "ml") or norm.role(name) or norm.tool(name) or not lookups.mentions(kb, name):
        return question
    return replace(question, topic="concept", term=name, skills=(), tools=(), stage=None)


# 'and the Azure ones?', 'AWS?': a bare vendor-like name (capitalised, or all capitals) after its like's places
_BARE_NAME = re.compile(
    r"^\W*(?:(?:and|so|ok|what about|how about|same for)\W+)*(?:the\s+)?(?P<name>[A-Z][\w.]+)"
    r"(?:\s+(?:ones?|services?|tools?|products?|stuff))?(?:\s+(?:then|too|as well))?\W*$"
)


def _next_name_mentioned(kb: KnowledgeBase, question: Question, text: str, previous: Mapping[str, Any]) -> Question:
    """'and the Azure ones?' right after where the article names Google: where it names Azure, the same kind of
    answer for the next name (a role, a tool's own name or a word it never uses is not such a name)."""
    term = subject_parts(previous.get("subject")).get("term") or ""
    match = _BARE_NAME.search(text)
    if previous.get("topic") != "concept" or not term[:1].isupper() or not match:
        return question
    name = match.group("name")
    norm = normalizer_for(kb)
    if name.lower() in ("ai", "ml", term.lower()) or norm.role(name) or norm.tool(name):
        return question
    if not lookups.mentions(kb, name):
        return question
    return replace(question, topic="concept", term=name, skills=(), tools=(), stage=None, roles=())


# 'what does the article say about version control?': every place a term comes up, not one section that has it.
_SAYS_ABOUT = re.compile(
    r"\b(?:what|anything)\b.{0,25}\b(?:article|it|author|post|text|blog)\b.{0,15}\b(?:say|says|said|mention\w*|tell\w*)"
    r"\s+(?:about|on|regarding)\s+(?P<term>[a-z][\w /&.+-]{1,40}?)\s*[?.!]*\s*$"
    r"|\b(?:article|author|post|text)\s+(?:mention|mentions|cover|covers|name|names|talk about|talks about)\s+"
    r"(?P<term3>[a-z][\w /&.+-]{1,40}?)(?:\s+(?:anywhere|at all|somewhere))?\s*[?.!]*\s*$"
    r"|^\W*(?:and |so )?(?:is|are)\s+(?P<term4>[a-z][\w /&.+-]{1,40}?)\s+(?:mentioned|named|covered)\s+"
    r"(?:anywhere|at all|somewhere|elsewhere|in the article)(?:\s+else)?(?:\s+(?:then|too|though|at all))?\s*[?.!]*\s*$"
    # 'does bias evaluation show up anywhere else in the article?', 'do chatbots come up elsewhere?'
    r"|^\W*(?:and |so |ok )?(?:does|do|did)\s+(?P<term5>[a-z][\w /&.+-]{1,40}?)\s+(?:come up|show up|appear|feature"
    r"|turn up|pop up|get mentioned)\s+(?:anywhere|elsewhere|somewhere|again|at all)(?:\s+else)?"
    r"(?:\s+in (?:the|this) (?:article|text|post))?\s*[?.!]*\s*$",
    re.I,
)

# 'where do chatbots come up?', 'where does ticket routing show up in the article?', 'whose role description
# mentions recommendation engines?': the places a term comes up, asked as a place.
_WHERE_SAID = re.compile(
    r"\b(?:wh?ere(?:\s+else)?|which (?:part|section|list)s?|in what (?:part|section|context))"
    r"(?:'s|\s+(?:do|does|did|is|are|would))\s+"
    r"(?P<term>[a-z][\w /&.+-]{1,40}?)\s+(?:come up|comes up|show up|shows up|appear|appears|feature|turn up|pop up"
    r"|get mentioned|gets mentioned|mentioned|named|fit in|come in)\b"
    r"(?:\s+(?:in|within)(?: (?:the|this) (?:article|text|post))?)?"
    r"\s*[?.!]*\s*$"
    r"|\b(?:whose|which role'?s?|which of the roles'?)\s+(?:role\s+)?(?:description|definition|profile)\s+"
    r"(?:mentions?|names?|includes?|lists?|talks about)\s+(?P<term2>[a-z][\w /&.+-]{1,40}?)\s*[?.!]*\s*$"
    # "and where's VS Code?"
    r"|^\W*(?:and |so |ok |okay )?wh?ere(?:'s|s| is| are)\s+(?P<term6>[a-z][\w /&.+-]{1,40}?)\s*[?.!]*\s*$",
    re.I,
)

_PRONOUN_TERM = re.compile(r"^(that|this|it|they|them|those|these|he|she|one|ones|you|i|we)( \w+)?$", re.I)


def _asked_before(text: str, match: re.Match) -> str | None:
    """'what's performance drift, where's it mentioned?': the term the same message asked about before its 'it'."""
    ahead = re.sub(r"(?:\s*[,;:?.!-]\s*|\s+)(?:and|so|also|plus)?\s*$", "", text[: match.start()])
    term = defined_term(ahead + "?") if ahead else None
    return re.sub(r"\s+(about|for)$", "", term, flags=re.I) if term else None


_TOOL_USED_FOR = re.compile(r"\bused for\b|\bfor what\b|\bwhat (is|are) \S+( \S+)? for\b", re.I)


def _where_it_is_said(kb: KnowledgeBase, text: str) -> bool:
    """'what is X, where does it come up?': where a term the same message asked about is mentioned."""
    match = _WHERE_SAID.search(text or "")
    said = next((g for g in match.groupdict().values() if g), "") if match else ""
    if not match or not _PRONOUN_TERM.match(said.strip()):
        return False
    term = _asked_before(text, match)
    return bool(term) and bool(lookups.mentions(kb, term, loose=True))


def said_about(kb: KnowledgeBase, text: str) -> str | None:
    """The term of 'what does the article say about remote work?' / 'where do chatbots come up?' when the article
    mentions it (triage: such a question is about the article, whatever NLU made of it); else None."""
    match = _SAYS_ABOUT.search(text or "") or _WHERE_SAID.search(text or "")
    if not match:
        return None
    said = next(g for g in match.groupdict().values() if g)
    term = re.sub(r"^(the|a|an)\s+", "", said.strip(), flags=re.I)
    term = (_asked_before(text, match) or term) if _PRONOUN_TERM.match(term) else term
    return term if not _PRONOUN_TERM.match(term) and lookups.mentions(kb, term, loose=True) else None


def _said_about(kb: KnowledgeBase, question: Question, text: str) -> Question:
    """'What does the article say about version control?': the places the article mentions the term, when the
    term is no topic of its own, no role and no workflow step or tool (those have their own fuller answers)."""
    match = _SAYS_ABOUT.search(text or "") or _WHERE_SAID.search(text or "")
    named_role = any(e.get("entity") == "role" for e in scan_entities(text, kb))
    if not match or question.missing or (question.roles and (named_role or not _where_it_is_said(kb, text))):
        return question  # (a role the thread carried does not narrow "what's X, where's it mentioned?")
    said = next(
        g for g in (match.groupdict().get(k) for k in ("term", "term2", "term3", "term4", "term5", "term6")) if g
    )
    term = re.sub(r"^(the|a|an)\s+", "", said.strip(), flags=re.I)
    if _PRONOUN_TERM.match(term):
        term = _asked_before(text, match) or ""
    if not term:
        return question  # 'where does that come up?': the thing just talked about, in the thread
    norm = normalizer_for(kb)
    own_answer = (norm.role, norm.stage, norm.tool, norm.matrix_skill, norm.summary_skill)
    places = lookups.mentions(kb, term, loose=True)
    stage = norm.stage(term)
    if stage and len(places) <= 1 and question.topic not in ("workflow", "tools", "responsibilities"):
        return replace(question, topic="workflow", stage=stage, item=None)  # 'where does data drift come up?'
    if stage and len(places) > 1:
        return replace(question, topic="concept", term=term, skills=(), tools=(), stage=None, aspect=None, item=None)
    if len(places) > 1 and match.re is _WHERE_SAID and norm.tool(term) and not stage:
        # 'where else does CI/CD come up?': a tool the article names in more than its tool lists (version control)
        return replace(question, topic="concept", term=term, skills=(), tools=(), stage=None, aspect=None, item=None)
    if norm.tool(term) and not stage and question.topic in _ROLE_LEVEL_TOPICS + ("role_comparison", "role_definition"):
        # "and where's VS Code?": where the tool is listed (NLU reads its 'VS' as a comparison of the roles)
        return replace(question, topic="tools", tools=(norm.tool(term),), compare=False, item=None)
    cued = bool(detect_topics(term, kb)) and not (len(term.split()) >= 2 and places)  # 'data drift' only cues drift
    if cued or norm.role_or_title(term)[0] or any(lookup(term) for lookup in own_answer):
        return question  # a role, step, tool or rated skill: its own answer says more
    if not places:
        return question
    return replace(question, topic="concept", term=term, skills=(), tools=(), stage=None, aspect=None, item=None)
