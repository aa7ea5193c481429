"""Going back to an earlier answer after a detour ("back to those stages, the third one?", "sorry, back to the US
numbers: top bracket for each?", "ok back to deployment, what does the ML engineer do there?").

The bot's slots describe the last answer; the `thread` slot keeps, per topic, what its latest answer was about
(question.py), the latest last. A message that opens by going back names what it goes back to; `rewound` finds
the most recent thread entry that name points at and returns the slots as if that answer were the last one, with
the rest of the message to be read on them. Which words name which topic is the KB's (topic cues, entities,
scenario names, topic names), never a list here.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Mapping, Tuple

from actions.knowledge.schema import KnowledgeBase
from actions.understanding import lookups
from actions.understanding.question import KEYED_SLOTS, THREAD_FIELDS, VALUE_FIELDS
from actions.understanding.topics import detect_topics, pay_topics, scan_entities, topic_fields, topic_scores
from actions.understanding.vocabulary import normalizer_for

# A lead-in that goes back: 'ok back to X,', 'sorry, going back to X:', 'returning to X -', 'coming back to X.'.
_LEAD = re.compile(
    r"^\W*(?:(?:ok(?:ay)?|so|sorry|cool|fine|right|alright|anyway|and|but|then|um+|hm+|ah|oh|well|thanks)\b[\s,.!]*)*"
    r"(?:(?:let'?s|can we|could we|i want to|i'?d like to)\s+)?"
    r"(?:(?:going|coming|getting|go|come|get|jumping|jump|circling|circle|heading|head)\s+back\b\s*(?:to\s+)?"
    r"|back\s+to\s+|return(?:ing)?\s+to\s+)"
    r"(?P<x>[^,:;?!.\u2013\u2014]{0,60}?)"
    r"(?:\s*(?:[,:;?!.\u2013\u2014]|\s-\s)+\s*|\s*$)"
    r"(?P<rest>.*)$",
    re.I | re.S,
)
# 'the stages you listed earlier', 'the numbers from before': an earlier answer named inside the question.
_EARLIER = re.compile(
    r"\b(?P<x>(?:the|those|these|that)\s+[\w' -]{2,30}?)\s+"
    r"(?:you\s+(?:gave|listed|showed|mentioned|said|named|described)(?:\s+me)?\s+(?:earlier|before|first)"
    # 'what tools are in the step you mentioned?': a step or stage said by the bot, even with no 'earlier'
    r"|(?<=step |tage |hase )(?:you|u)\s+(?:mentioned|named|brought up|talked about|pointed to|gave)\b"
    r"|from\s+(?:before|earlier)|(?:mentioned|listed|given)\s+(?:earlier|before))\b",
    re.I,
)
# What names no subject: 'back to that', 'back to what you said', 'going back,'.
_PRONOUN = re.compile(
    r"^(?:(?:the |what )?(?:that|it|this|those|these|them|before|earlier|what you (?:said|told me|wrote)|"
    r"where we were|the (?:earlier|previous|last|other) (?:one|answer|question|topic|point)|the topic|"
    r"the question|my question|the original question|the main question)\s*)?$",
    re.I,
)
# Words that name a pay answer's figures without a pay word ('back to the US numbers').
_FIGURES = re.compile(r"\b(numbers?|figures?|brackets?|bands?|ranges?|money|pay|salar\w*|earnings?)\b", re.I)
_STEM = re.compile(r"[a-z]+")
_POSITION = re.compile(
    r"\b(one|two|three|four|five|six|first|second|third|fourth|fifth|sixth|last|\d+(st|nd|rd|th)?)\b", re.I
)
# The rest asks inside what was gone back to ('what does the ML engineer do there?', 'who spends more time with
# those?', 'which role uses them more?').
_INSIDE = re.compile(
    r"\b(there|in (it|that|this|those|these|them)|with (it|that|those|these|them)|on (it|that|those|these))\b"
    r"|\b(uses?|own|owns|handles?|covers?) (it|that|those|these|them)\b",
    re.I,
)


# 'so in that same example, what's the other role doing?' after a detour: the example answered before it
_SAME_AGAIN = re.compile(
    r"\b(?:in|for|on|within) (?:that|the) same (?P<x>example|scenario|project|case|use case)\b", re.I
)


def going_back(text: str) -> Tuple[str, str] | None:
    """(what the message goes back to, the rest of it), or None when it does not go back to anything."""
    lead = _LEAD.match(text or "")
    inner = _EARLIER.search(lead.group("rest")) if lead else None
    if lead and inner:  # 'back to the ML thing - the step you mentioned?': the step named inside, the nearer one
        rest = lead.group("rest")
        noun = inner.group("x").split()[-1]  # ('the step you mentioned' is then 'that step', a pointer into it)
        return inner.group("x").strip(), f"{rest[: inner.start()]}that {noun}{rest[inner.end() :]}".strip()
    if lead:
        return lead.group("x").strip(), lead.group("rest").strip()
    earlier = _EARLIER.search(text or "") or _SAME_AGAIN.search(text or "")
    if earlier:
        return earlier.group("x").strip(), (text or "").strip()
    return None


def _stems(text: str) -> set:
    return {word.rstrip("s") for word in _STEM.findall(text.lower()) if len(word) > 3}


def _thread_entries(previous: Mapping[str, Any], kb: KnowledgeBase) -> List[Tuple[str, Mapping[str, Any]]]:
    """The thread's (topic, values), latest first, keeping topics the KB has."""
    thread = previous.get("thread")
    if not isinstance(thread, Mapping):
        return []
    entries = [(t, v) for t, v in thread.items() if t in kb.topics and isinstance(v, Mapping)]
    return entries[::-1]


def _holds(values: Mapping[str, Any], kind: str, value: str) -> bool:
    subject = values.get("subject")
    return values.get(kind) == value or (isinstance(subject, str) and f"{kind}:{value}" in subject)


def _named_topic(kb: KnowledgeBase, named: str, entries: List[Tuple[str, Mapping[str, Any]]]) -> str | None:
    """The most recent thread topic the words `named` point at: a topic they cue, one whose values hold a thing
    they name (a step, a row, a scenario), one narrowed by that kind of thing, one whose own name they use, or pay
    for its figures."""
    topics = [t for t, _ in entries]
    scores = topic_scores(named, kb)
    cued = [t for t in topics if scores.get(t)]
    if cued:
        return max(cued, key=lambda t: (scores[t], -topics.index(t)))
    # (a role alone names no earlier answer: 'back to the AI one' moves within the topic NLU read)
    things = [(e["entity"], e["value"]) for e in scan_entities(named, kb) if e["entity"] != "role"]
    scenario = lookups.scenario_for(kb, named)
    if scenario:
        things.append(("scenario", scenario))
    for topic, values in entries:
        if any(_holds(values, kind, value) for kind, value in things):
            return topic
    kinds = {kind for kind, _ in things}
    for topic, _ in entries:
        if kinds & set(topic_fields(kb).get(topic, ())) or ("scenario" in kinds and topic == "scenarios"):
            return topic
    words = _stems(named)
    for topic, _ in entries:
        if words & _stems(topic.replace("_", " ")):
            return topic
    if _FIGURES.search(named):
        return next((t for t in topics if t in pay_topics(kb)), None)
    return None


_MY_PATH = re.compile(r"\bmy (own )?(learning |career )?(path|track|route|roadmap)\b", re.I)


def _own_path(
    kb: KnowledgeBase, previous: Mapping[str, Any], named: str, rest: str, entries: List[Tuple[str, Mapping[str, Any]]]
) -> Tuple[Dict[str, Any], str, str] | None:
    """'back to my path, what comes after X?' after advice and detours, the path never shown on its own: the
    learning path of the role advised (the advice laid it out), the rest read on it."""
    if not _MY_PATH.search(named) or not rest or "learning_path" not in kb.topics:
        return None
    advised = dict(entries[[t for t, _ in entries].index("role_fit")][1]) if "role_fit" in dict(entries) else {}
    role = advised.get("role") or previous.get("fit_role")
    if role not in kb.roles:
        return None
    cleared = {k: None for k in VALUE_FIELDS}
    return {**previous, **cleared, "topic": "learning_path", "subject": None, "role": role}, rest, "learning_path"


def rewound(kb: KnowledgeBase, previous: Mapping[str, Any], text: str) -> Tuple[Dict[str, Any], str, str] | None:
    """(the slots as they were after the earlier answer the message goes back to, the rest of the message, the
    topic gone back to), or None when it goes back to nothing the thread holds, or to the last answer itself."""
    lead = _LEAD.match(text or "")
    back = going_back(text)
    entries = _thread_entries(previous, kb)
    if not back:
        return None
    named, rest = back
    if not entries:
        return _own_path(kb, previous, named, rest, entries)
    if _PRONOUN.match(named):
        topic = entries[0][0]  # 'back to that': the latest subject answered (facts the article lacks are not kept)
    else:
        topic = _named_topic(kb, named, entries)
    if not topic:
        return _own_path(kb, previous, named, rest, entries)
    values = dict(entries[[t for t, _ in entries].index(topic)][1])
    slots: Dict[str, Any] = {**previous, "topic": topic, "subject": values.get("subject")}
    slots.update({k: values.get(k) for k in ("role", *VALUE_FIELDS)})
    fields = topic_fields(kb).get(topic, ())
    norm = normalizer_for(kb)
    for thing in scan_entities(named, kb):  # 'back to the deployment step': that step, whatever was asked of it last
        kind = thing["entity"]
        key = getattr(norm, kind)(thing["value"]) if kind in fields and kind in KEYED_SLOTS else None
        if key:
            slots[kind] = key
    category = norm.tool_category(named) if "tool" in fields else None
    if category:  # 'back to the frameworks' after the MLOps tools: that group is the subject again, no step
        slots.update(subject=f"tool:{category.replace('_', ' ')}", stage=None)
    if _POSITION.search(named):
        return None  # 'back to step one': a numbered thing, read as such on the whole message
    if topic == previous.get("topic") and all(previous.get(k) == slots.get(k) for k in (*THREAD_FIELDS, "subject")):
        # the last answer is the one gone back to: its slots stand, and the rest follows up on them
        return (dict(previous), rest, topic) if lead and rest else None
    return slots, rest or text, topic


def intent_after(kb: KnowledgeBase, intent: str, topic: str, rest: str) -> str:
    """The intent to read the rest of a message with, once it went back to `topic`: NLU's when it is that topic or
    the rest names one of its own, else a follow-up on the answer gone back to (NLU read the name gone back to)."""
    named = detect_topics(rest, kb)
    if intent[4:] == topic:
        return intent
    if _INSIDE.search(rest) and topic not in named:
        return "inform"  # 'what does the ML engineer do there?': inside the answer gone back to, not a topic of its own
    if named and intent[4:] in named:
        return intent
    return f"ask_{named[0]}" if named else "inform"
