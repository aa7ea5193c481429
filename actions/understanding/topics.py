"""Read a message's text without Rasa NLU: which KB topics it asks about, which KB terms it names, how it
splits into separate questions, and the cues that change an answer (compare, next step, correction).

The action server cannot run the NLU model, and a message can hold more than the one intent NLU gives it
("what does an ML engineer earn and which tools do they use?"). Everything here is pure and built from the
KB (its aliases, via the Normalizer, and each topic's cues) plus generic question vocabulary, so it is
unit-tested without servers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Dict, FrozenSet, List, Mapping, Sequence, Tuple

from actions.knowledge.loader import per_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.vocabulary import Normalizer, closest, normalizer_for

# ---------- topics ----------


@dataclass(frozen=True)
class TopicTable:
    """What the code needs to know about each KB topic (careers.yml `topics:`), in the shapes it uses them."""

    fields: Mapping[str, Tuple[str, ...]]  # topic -> what it can be narrowed by; topics taking none are absent
    followable: FrozenSet[str]  # an answer with a subject a next message can point back to
    re_askable: FrozenSet[str]  # pointing back, asks about the previous subject rather than start a new topic
    covers: Mapping[str, Tuple[str, ...]]  # a combined topic replaces its parts
    supported_by: Mapping[str, Tuple[str, ...]]  # topic -> itself and the topics whose cue words also support it
    area: Mapping[str, str]  # topic -> the area it belongs to (its own key unless careers.yml says another)
    defines_terms: FrozenSet[str]  # topics under which 'what is <KB term>?' asks what the term is
    cues: Mapping[str, Tuple[Tuple[re.Pattern, int], ...]]  # in KB order: on a tie the earlier topic ranks first


def _build_topic_table(kb: KnowledgeBase) -> TopicTable:
    topics = kb.topics.items()
    return TopicTable(
        fields={key: tuple(t.narrowed_by) for key, t in topics if t.narrowed_by},
        followable=frozenset(key for key, t in topics if t.followable),
        re_askable=frozenset(key for key, t in topics if t.re_askable),
        covers={key: tuple(t.covers) for key, t in topics if t.covers},
        supported_by={key: (key, *t.supported_by) for key, t in topics},
        area={key: t.area or key for key, t in topics},
        defines_terms=frozenset(key for key, t in topics if t.defines_terms),
        cues={key: tuple((re.compile(c.pattern, re.I), c.weight) for c in t.cues) for key, t in topics if t.cues},
    )


topic_table = per_kb(_build_topic_table)


def _build_pay_topics(kb: KnowledgeBase) -> FrozenSet[str]:
    """The topics in the pay area (careers.yml `area: salary`): pay, what moves it, which role pays more."""
    return frozenset(topic for topic, area in topic_table(kb).area.items() if area == "salary")


pay_topics = per_kb(_build_pay_topics)


def topic_fields(kb: KnowledgeBase) -> Mapping[str, Tuple[str, ...]]:
    """Topic -> what a question about it can be narrowed by (KB `narrowed_by`); topics taking none are absent."""
    return topic_table(kb).fields


COMPARE = re.compile(
    r"\b(which|who|what) (role|job|one|of (the|them|the two|these)|engineer|position)s?\b.*\b(more|most|less|least|"
    r"higher|highest|lower|better|bigger|stronger|heavier)\b"
    r"|\bwho (uses|needs|does|pays|earns|gets|leans)\b.*\b(more|most)\b"
    r"|\b(more|less) (than|for (ai|ml|machine))\b|\bcompared? (to|with)\b|\bboth roles\b|\beach role\b"
    r"|\bvs\.?\b(?!\s*code\b)|\bversus\b|\bgap\b",  # (not the editor 'VS Code')
    re.I,
)


_FACTORS_OF_IT = re.compile(
    r"\b(what|which)( factors?| things?| skills?)? (affects?|influences?|drives?|determines?|push(es)?|moves?|boosts?"
    r"|raises?|increases?) (it|that|them|those|pay|salar\w*|earnings|compensation)\b",
    re.I,
)
# the field's name, typed well or not ('machin lerning', 'mashine-learning'): no cue for learning paths
_MACHINE_LEARNING = re.compile(r"\bma(ch|sh|hc)\w{0,4}[- ]?l(ea|e|a)?r?n(ing|in|nig)?\b", re.I)
_SCIKIT_LEARN = re.compile(r"\bsci[- ]?kit[- ]?learn\b|\bsklearn\b", re.I)  # a library's name, no cue to learn


def topic_scores(text: str, kb: KnowledgeBase) -> Dict[str, float]:
    """Every topic whose cues (KB `cues`) occur in `text`, with its score; combined topics (pay compared, skills
    compared, what moves pay) are derived from their parts."""
    text = _MACHINE_LEARNING.sub("ML", text)  # the field's name is not a cue for learning paths
    text = _SCIKIT_LEARN.sub("Scikit", text)
    scores: Dict[str, float] = {}
    for topic, cues in topic_table(kb).cues.items():
        score = sum(weight for pattern, weight in cues if pattern.search(text))
        if score:
            scores[topic] = score
    salary = scores.get("salary", 0)
    factors = scores.pop("salary_factors", 0)
    compare = bool(COMPARE.search(text))
    if salary and compare:
        scores["salary_comparison"] = salary + 1
    elif (
        salary
        and factors
        and re.search(
            r"affect|influenc|determin|decid|factor|increas|boost|raise|more money|earn more|"
            r"\b(move|push|bump)\w* (it |my |the |\w+ ){0,3}up\b",
            text,
            re.I,
        )
    ):
        scores["salary_factors"] = salary + 1
    if not salary and _FACTORS_OF_IT.search(text):
        scores["salary_factors"] = 2  # 'and what affects it?' after a pay question
    if scores.get("skills") and compare:
        scores["skill_comparison"] = scores["skills"] + 1
    return scores


def detect_topics(text: str, kb: KnowledgeBase, minimum: float = 2) -> List[str]:
    """Topics `text` asks about, best first (only those scoring at least `minimum`); a combined topic replaces
    its parts (KB `covers`: salary_comparison covers salary and role_comparison)."""
    scores = topic_scores(text, kb)
    ranked = sorted((t for t, s in scores.items() if s >= minimum), key=lambda t: -scores[t])
    covers = topic_table(kb).covers
    drop = {part for topic in ranked for part in covers.get(topic, ())}
    return [t for t in ranked if t not in drop]


# ---------- splitting ----------

_QUESTION_START = (
    r"(?:what|which|who|whom|whose|how|why|where|when|do|does|did|is|are|can|could|should|would|will|tell me|"
    r"list|give me|show me|explain|describe|and what|and which|and how|and who)"
)
_SPLIT = re.compile(
    rf"(?:[?!;]+|\.(?=\s)|,?\s+(?:and|also|plus|as well as|but)\s+(?:also\s+)?(?={_QUESTION_START}\b)"
    rf"|,\s+(?={_QUESTION_START}\b)|\s+\+\s+)",
    re.I,
)


def split_parts(text: str) -> List[str]:
    """Split a message into its separate questions: at ?, !, ; and sentence ends, and at 'and/also/plus'
    or a comma followed by a new question word. Fragments without letters are dropped."""
    framed = _COLON_FRAME.match(text or "")
    if framed and _FRAME.match(framed.group("frame")):  # 'For an AI engineer: the entry salary, which tools, ...'
        rest = split_parts(framed.group("rest"))
        return [f"{framed.group('frame')}, {p}" for p in rest] if len(rest) > 1 else [text]
    parts = [p.strip(" ,.") for p in _SPLIT.split(text or "")]
    parts = [p for p in parts if re.search(r"[a-zA-Z]{2,}", p) and not _CONNECTIVE.fullmatch(p)]
    if len(parts) > 1 and _FRAME.match(parts[0]):  # 'in the chatbot scenario, what does ... and what ...?'
        return [f"{parts[0]}, {p}" for p in parts[1:]]
    return parts


# '..., also, is this US only?': a connective left between two questions is no question of its own
_CONNECTIVE = re.compile(r"(and|also|plus|too|btw|oh|ok|okay|so|then|and also|oh and|one more thing)", re.I)
_COLON_FRAME = re.compile(r"^\s*(?P<frame>[^:?]{3,60}?)\s*:\s+(?P<rest>.+)$", re.S)
# A leading phrase that only sets the scene for the questions after it ('in a customer support automation
# project, what does the ML engineer do?'): part of each of them, not a question of its own.
_FRAME = re.compile(
    rf"^(?:in|for|during|on|within|inside|at|regarding|about)\s+(?!{_QUESTION_START}\b)(?:\S+\s*){{1,7}}$", re.I
)


# ---------- entities found by scanning the text ----------


@dataclass(frozen=True)
class Scanner:
    """One regex over every KB alias, longest phrase first, so 'ML engineer' wins over 'ML'."""

    pattern: re.Pattern
    kinds: Mapping[str, Tuple[Tuple[str, str], ...]]


def _build_scanner(kb: KnowledgeBase) -> Scanner:
    kinds: Dict[str, List[Tuple[str, str]]] = {}
    for phrase, kind, value in normalizer_for(kb).vocabulary():
        entry = kinds.setdefault(phrase, [])
        if (kind, value) not in entry:
            entry.append((kind, value))
    phrases = sorted(kinds, key=lambda p: (-len(p), p))
    body = "|".join(re.escape(p) for p in phrases)
    pattern = re.compile(rf"(?<![\w/.])({body})(?:s|es|'s)?(?![\w/])", re.I)
    return Scanner(pattern, {p: tuple(v) for p, v in kinds.items()})


scanner_for = per_kb(_build_scanner)

_TITLE_WORD = (
    r"(engineer|enginer|engg|developer|dev|scientist|analyst|manager|architect|consultant|specialist|designer)"
)
_OTHER_TITLE = re.compile(rf"\b((?:[a-z+#.]+\s+){{1,2}}){_TITLE_WORD}s?\b", re.I)
_LEVEL_WORDS = {
    "junior",
    "senior",
    "mid",
    "entry",
    "level",
    "a",
    "an",
    "the",
    "as",
    "of",
    "for",
    "sr",
    "jr",
    "snr",
    "lead",
    "staff",
    "principal",
    "experienced",
    "new",
    "my",
    "our",
    "your",
    "their",
    "this",
    "that",
    "do",
    "does",
    "is",
    "are",
    "to",
    "be",
    "become",
    "and",
    "or",
    "vs",
    "than",
    "with",
    "typical",
}
_FUZZY_LEVELS = ("senior", "junior", "entry", "mid")
_BOTH_ROLES = re.compile(
    r"\b(ai|a\.i\.)\b.{0,25}\b(or|and|vs\.?|versus)\b.{0,10}\b(ml|machine learning)\b"
    r"|\b(ml|machine learning)\b.{0,25}\b(or|and|vs\.?|versus)\b.{0,10}\b(ai|a\.i\.)\b"
)
# 'AI' or 'ML' on its own names a role unless a noun follows that makes it a field or a thing ('ML models').
_BARE_ROLE = re.compile(
    r"(?<![\w-])(ai|ml)(?![\w-])(?!\s*(?:project|model|system|solution|workflow|pipeline|application|app|course"
    r"|program|platform|tool|ops|algorithm|basics|framework|lifecycle|skill|job|field|industry|engineer|feature"
    r"|product|team|research|paper|technolog|service|use|based|powered|and|or|vs|versus|&|/|-|\.|literacy"
    r"|concept|work|stuff|space|world|market|career|certification|training|specialist|consultant|architect"
    r"|developer|dev|scientist|data|one|side|track|person|people|folks|guys|role|is|are|will|in|for))",
    re.I,
)
# ... and only where it stands for the role: at the end, before a pay or path word, or after a level word.
_ROLE_AFTER = re.compile(
    r"\s*(?:[?.!,]|$|salar|pay|path|equivalent|band|number|range|roadmap|skills|tools|side\b|senior|junior|entry|mid"
    r"|(at|on) (the |that |this )?(same |\w+[- ])?level\b)"  # 'what about ML at that level?'
)
_ROLE_BEFORE = re.compile(
    r"\b(entry|senior|junior|mid|level|same|the|for|of|about|back to|switch to|over to|now)\s+$"
    r"|^\W*((ok|okay|so|then|right)\W+)*and\s+$"  # 'and ML at the same level': a follow-up opening on the role
)


# 'AI not ML', 'ML, not AI', 'AI instead of ML': the first is the role meant, the second the one to drop.
_ROLE_SUFFIX = r"(?:\s+(?:engineers?|side|one|role|folks|people))?"
_ROLE_WORD = rf"(?:ai|ml|machine learning){_ROLE_SUFFIX}"
_CONTRAST = re.compile(
    rf"\b(?P<meant>ai|ml|machine learning){_ROLE_SUFFIX}\s*,?\s+"
    rf"(?:not|instead of|rather than)\s+(?:the\s+)?(?P<not>{_ROLE_WORD})\b",
    re.I,
)
_NEGATED = re.compile(rf"\b(?:not|instead of|rather than)\s+(?:the\s+)?(?P<not>{_ROLE_WORD})\b", re.I)
_BARE_NAMES = {"ai": "ai engineer", "ml": "ml engineer", "machine learning": "ml engineer"}


def negated_role(text: str) -> str | None:
    """The role a message sets aside ('sorry, AI not ML' -> 'ml engineer'), as a role value; None when none."""
    match = _CONTRAST.search(text) or _NEGATED.search(text)
    if not match:
        return None
    word = match.group("not").lower().split()[0]
    return _BARE_NAMES["machine learning" if word == "machine" else word]


# 'face with AI', 'use cases of AI', 'careers in ML': the field, unless pay or a path is asked about ('salary in AI').
_FIELD_BEFORE = re.compile(
    r"\b(with|using|into|(?<!what )(?<!how )about|of|in"
    r"|production|enterprise|generative|applied|modern|responsible|industrial)\s+$"  # 'monitoring in production AI'
)  # not "what about ML"
_ROLE_ASKED = re.compile(
    r"\b(salar\w*|pay\w*|earn\w*|make|paths?|levels?|equivalent|roadmap|senior|junior|entry|mid)\b"
)


def _stands_for_role(low: str, match: re.Match, said: str | None = None) -> bool:
    """'entry ML salary', 'the ML equivalent?', 'same level AI': not 'use AI daily' ('in production AI': the words
    as `said`, before a named thing such as the step 'in production' was blanked out)."""
    before = low[: match.start()]
    field = _FIELD_BEFORE.search(before) or (said is not None and _FIELD_BEFORE.search(said[: match.start()]))
    if field and not _ROLE_ASKED.search(low):
        return False
    return bool(_ROLE_AFTER.match(low, match.end()) or _ROLE_BEFORE.search(low[: match.start()]))


_OTHER_LEVEL = re.compile(r"\b(principal|staff|lead|director|head of|vp|chief|cto|distinguished|manager)\b", re.I)


_THOSE_TOOLS = re.compile(r"\b(?:those|these)\s+([a-z]+)\b")


def scan_entities(text: str, kb: KnowledgeBase) -> List[Dict[str, str]]:
    """Entities named in `text`, as NLU-style dicts ({entity, value}): KB aliases (longest first), roles and
    levels with typos ('ml enginer', 'senor'), and job titles the article does not cover ('data engineer'),
    which come back as an unknown `job_title` so a salary answer can say it has no figures for them."""
    if not text or text.startswith("/"):
        return []
    norm = normalizer_for(kb)
    scanner = scanner_for(kb)
    low = text.lower()
    found: List[Dict[str, str]] = []
    taken: List[Tuple[int, int]] = []
    for match in scanner.pattern.finditer(low):
        phrase = match.group(1)
        for kind, value in scanner.kinds.get(phrase, ()):
            found.append({"entity": kind, "value": value, "start": match.start(), "end": match.end()})
        taken.append(match.span())
    found += _slashed_terms(low, scanner, taken)
    found += _capital_terms(text, kb, taken)
    for match in _THOSE_TOOLS.finditer(low):  # 'those frameworks': a group too common a word to scan alone
        if not any(s < match.end() and match.start() < e for s, e in taken):
            for kind, value in norm.excluded_terms(match.group(1)):
                found.append({"entity": kind, "value": value, "start": match.start(1), "end": match.end(1)})
    for match in _OTHER_TITLE.finditer(low):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        words = [w for w in match.group(1).split() if w not in _LEVEL_WORDS]
        if not words:
            continue
        phrase = " ".join([*words, match.group(2)])
        role, title = norm.role_or_title(phrase)
        if role or title:
            found.append({"entity": "role" if role else "job_title", "value": role or title})
        elif not _is_generic(words):
            found.append({"entity": "job_title", "value": phrase})
        taken.append(match.span())
    for word in re.findall(r"[a-z]{5,}", low):
        if word not in _FUZZY_LEVELS and norm.level(word) in _FUZZY_LEVELS and _close(word, _FUZZY_LEVELS):
            found.append({"entity": "level", "value": norm.level(word) or word})
    # 'AI'/'ML' inside a named thing ('Vertex AI', 'Azure ML') is that thing, not a role: the bare-role patterns
    # below read the text with such spans blanked out (a level word stays: 'senior AI?' is that role's band).
    bare_low = low
    for e in found:
        if e["entity"] not in ("role", "level") and "start" in e:
            bare_low = bare_low[: e["start"]] + " " * (e["end"] - e["start"]) + bare_low[e["end"] :]
    contrast = _CONTRAST.search(bare_low)
    if contrast and not any(e["entity"] == "role" and e["value"] != negated_role(low) for e in found):
        found = [e for e in found if e["entity"] != "role"]  # 'sorry, AI not ML': the role meant, not the other
        found.append({"entity": "role", "value": _BARE_NAMES[contrast.group("meant")]})
    elif not any(e["entity"] == "role" for e in found):
        bare = {m.group(1) for m in _BARE_ROLE.finditer(bare_low) if _stands_for_role(bare_low, m, low)}
        if len(bare) == 1:  # 'entry ML salary', 'the ML equivalent?', 'same level AI'
            found.append({"entity": "role", "value": "ai engineer" if bare == {"ai"} else "ml engineer"})
    if _BOTH_ROLES.search(bare_low):  # "the AI or the ML person": both roles, even without 'engineer'
        found += [{"entity": "role", "value": "ai engineer"}, {"entity": "role", "value": "ml engineer"}]
    other_level = _OTHER_LEVEL.search(low)
    if other_level and not any(e["entity"] == "level" for e in found):
        found.append({"entity": "level", "value": other_level.group(1)})
    return found


# Two words joined by a slash ('notebooks/editors', 'docker/kubernetes'), each of three letters or more.
_SLASHED = re.compile(r"(?<![\w/])([a-z][a-z\-]{2,})/([a-z][a-z\-]{2,})(?![\w/])")


def _slashed_terms(low: str, scanner: Scanner, taken: List[Tuple[int, int]]) -> List[Dict[str, str]]:
    """KB terms on either side of a slash the whole scan did not read as one term ('which notebooks/editors are
    listed?' names the development tools): a slash between two words says 'or', unless the pair is itself a term
    ('DevOps/MLOps', 'CI/CD'), which the scan has then taken."""
    found: List[Dict[str, str]] = []
    for match in _SLASHED.finditer(low):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        for side in (1, 2):
            term = scanner.pattern.fullmatch(match.group(side))
            for kind, value in scanner.kinds.get(term.group(1), ()) if term else ():
                found.append({"entity": kind, "value": value, "start": match.start(side), "end": match.end(side)})
        taken.append(match.span())
    return found


def _capital_terms(text: str, kb: KnowledgeBase, taken: List[Tuple[int, int]]) -> List[Dict[str, str]]:
    """KB terms too common to scan in lower case ('r' is 'are', 'rest' a break) that the message writes as the
    KB does, in capitals ('Is R listed?', 'REST APIs'): typed that way they are the KB's term. Not in a message
    typed all in capitals, where a capital says nothing."""
    if text.isupper():
        return []
    from actions.understanding.spelling import capitals  # spelling builds on this module's vocabulary

    norm = normalizer_for(kb)
    caps = capitals(kb)
    found: List[Dict[str, str]] = []
    for match in re.finditer(r"(?<![\w/.])([A-Z][A-Z0-9]*)(?![\w/])", text):
        word = match.group(1)
        if word not in caps or any(s < match.end() and match.start() < e for s, e in taken):
            continue
        for kind, value in norm.excluded_terms(word.lower()):
            found.append({"entity": kind, "value": value, "start": match.start(), "end": match.end()})
    return found


def _close(word: str, targets: Sequence[str]) -> bool:
    return closest(word, targets, cutoff=0.8) is not None


def _is_generic(words: Sequence[str]) -> bool:
    """'which engineer', 'good engineer': words that do not make a job title."""
    generic = {
        "which",
        "what",
        "who",
        "good",
        "great",
        "better",
        "best",
        "any",
        "every",
        "each",
        "other",
        "both",
        "two",
        "one",
        "kind",
        "type",
        "sort",
        "software",
        "real",
        "all",
        "these",
        "those",
        "more",
        "most",
    }
    return all(w in generic for w in words) or (len(words) == 1 and words[0] in generic)


# ---------- cues that change an answer ----------

_NEXT = re.compile(
    r"\b(after (that|this|it)|(next|nxt) (one|step|stage|phase|rung)|(step|stage|phase|one|rung) after|"
    r"what comes (next|after)|"
    # 'ok next', 'nxt?', 'and the next?': a bare move on
    r"^\W*((and|ok|okay|so|then)\W+)*(the )?(next|nxt)(?=\W*$)|"
    r"and then(?=\s*\??\s*$)|then what(?!'s|s\b| is\b| are\b| about\b)|"  # ('then what's the advanced stage?')
    # 'then?', 'so what then?': a bare 'then' on its own is a move on too
    r"^\W*((and|ok|okay|so)\W+)?(what )?then(?=\W*$)|following (step|stage)|after the|(right|just|comes|happens) after"
    # 'what do I study after foundation?', 'past the basics': a stage named by its word, no article
    r"|(after|past|beyond) (the |my )?(foundations?|basics|fundamentals|intermediate)"
    r"|what'?s next|whats next|what is next|^\s*after\b|what (follows|comes later)"
    # 'and later on?', 'and afterwards?', 'what about beyond that?': the one after, said as a bare move in time
    r"|(and|then|what|what'?s|what about) (later( on)?|afterwards?|beyond that|down the (line|road))(?=\s*\??\s*$)"
    r"|later on|^\W*(and |then |so )?later(?=\W*$))\b"
    # 'the step that follows deployment', 'the stage which comes right after': the one after a named one
    r"|\b(step|stage|phase|one) (that|which) (follows|comes (right |just )?after|is next)\b"
    # 'where does all that data go next?', 'what does it flow into after that?': where the work moves on to
    r"|\b(go(es)?|head(s|ed)?|flows?|pass(es|ed)?|travels?|moves?) (next|onward|afterwards?)\b",
    re.I,
)
_PREVIOUS = re.compile(r"\b(before|previous (step|stage|one)|preceding|precedes|prior to)\b", re.I)
_CORRECTION = re.compile(
    r"\b(i meant|i mean|meant to (say|ask)|sorry,? (i meant|i mean|make that)|correction|actually,? (i meant|for)|"
    r"not .{2,30}, (but|i meant)|make (that|it)|typo|"
    # 'flip it: AI engineer for X and ML for Y', 'swap them round': the same question with its parts exchanged
    r"^\W*(now |ok,? |and |then )?(flip|swap|switch|reverse|invert) (it|that|them|those|the two|the roles)"
    r"( (round|around))?|"
    r"(the other way (round|around)|vice versa))\b",
    re.I,
)
_DEFINE = re.compile(
    r"^\s*(?:so\s+|ok\s+|and\s+)?(?:what(?:'s| is| are)|define|explain|meaning of|what do you mean by|"
    r"tell me about|what exactly is|what does)\s+(?:an?\s+|the\s+)?(.+?)(?:\s+mean|\s+stand for)?"
    r"(?:\s+(?:in this context|here|exactly|in the article|in this article|again|for these roles))?\s*\??\s*$",
    re.I,
)


# A position word -> its 1-based place, -1 for the last (ordinal() here, the list references in shown.py).
ORDINAL_WORDS = {
    "first": 1, "1st": 1, "one": 1, "1": 1,
    "second": 2, "2nd": 2, "two": 2, "2": 2,
    "third": 3, "3rd": 3, "three": 3, "3": 3,
    "fourth": 4, "4th": 4, "four": 4, "4": 4,
    "fifth": 5, "5th": 5, "five": 5, "5": 5,
    "sixth": 6, "6th": 6, "six": 6, "6": 6,
    "seventh": 7, "7th": 7, "seven": 7, "7": 7,
    "last": -1, "final": -1,
}  # fmt: skip
_ITEM_NOUN = r"(?:one|step|stage|phase|item|part|bit|use case|scenario|title|entry|point)s?"
_ORDINAL = re.compile(
    r"\b(?:the\s+(?:very\s+)?(?P<a>first|second|third|fourth|fifth|sixth|seventh|last|final|1st|2nd|3rd|4th|5th|6th|7th)\b(?:\s+"
    + _ITEM_NOUN
    + r")?"
    r"|(?P<b>first|second|third|fourth|fifth|sixth|last|final|1st|2nd|3rd|4th|5th|6th)\s+" + _ITEM_NOUN + r"\b"
    r"|(?:step|stage|phase|number|no\.?|#|item)\s*(?P<c>one|two|three|four|five|six|[1-6])\b"
    # 'and what's first?', 'what comes last?': the place asked with no noun after a move through the list
    r"|\b(?:what'?s|whats|what is|what comes|which (?:one )?(?:is|comes))\s+(?P<d>first|last)(?=\W*$))",
    re.I,
)


def ordinal(text: str) -> int | None:
    """Which item of a list a message points at: 1-based ('the first one', 'step two', 'stage 3'), -1 for the
    last ('the last step'), None when it names no position."""
    match = _ORDINAL.search(text or "")
    if not match:
        return None
    word = next(g for g in match.groups() if g)
    return ORDINAL_WORDS[word.lower()]


_LEVEL_UP = re.compile(
    r"\b(level (up|above|higher)|(one|a) level (up|higher|above)|(move|moving|go|going|step|get|stepping) up"
    r"|next level|level after( that)?|(higher|next) (level|band)|promot\w+)\b",
    re.I,
)
_LEVEL_DOWN = re.compile(
    r"\b(level (below|down|lower)|(one|a) level (down|lower|below)|lower (level|band)|level before"
    r"|(one|a) (step|notch|rung) (down|lower|below)|step down from)\b",  # 'a step down from senior': of the levels
    re.I,
)


_LEVEL_JUMP = re.compile(r"\b(?P<n>one|two|a couple of|[12]) levels? (?P<way>up|higher|above|down|lower|below)\b", re.I)


def level_shift(text: str) -> int:
    """+1 for 'one level up' / 'the level after that', -1 for 'one level below', -2 for 'two levels down', else 0."""
    jump = _LEVEL_JUMP.search(text or "")
    if jump:
        n = 1 if jump.group("n").lower() in ("one", "1") else 2
        return n if jump.group("way").lower() in ("up", "higher", "above") else -n
    if _LEVEL_DOWN.search(text or ""):
        return -1
    return 1 if _LEVEL_UP.search(text or "") else 0


_COUNTS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_JUMP = re.compile(
    r"\b(?:(?P<n1>one|two|three|four|five|[1-5]) (?:steps?|stages?|phases?) "
    r"(?P<d1>ahead|forward|on|later|further|after|back|backwards?|earlier|before|prior)|(?:skip|jump|go|move)\s+(?P<d2>ahead|forward|on|back)\s+(?P<n2>one|two|three|four|five|[1-5]))\b",
    re.I,
)


def step_shift(text: str) -> int:
    """+1 for 'the step after that' / 'after the basics', -1 for 'the one before', +2 for 'skip ahead two steps',
    else 0."""
    jump = _JUMP.search(text or "")
    if jump:
        count = jump.group("n1") or jump.group("n2")
        n = _COUNTS.get(count.lower()) or int(count)
        back = (jump.group("d1") or jump.group("d2")).lower() in (
            "back",
            "backward",
            "backwards",
            "earlier",
            "before",
            "prior",
        )
        return -n if back else n
    if _PREVIOUS.search(text or ""):
        return -1
    return 1 if _NEXT.search(text or "") else 0


# 'no, the ML one', 'nope - entry level', 'no wait, ML engineers': a leading 'no' and a short phrase naming what was
# meant (no question, no other negation or small talk after it) corrects the last question like 'I meant' does.
_NO_THEN = re.compile(
    r"^\W*(?:no+|nope|nah|wrong(?: one)?|oops|sorry)\b(?:\W+(?:no+|wait|sorry|oops|hang on))*[\s,.!:;\u2014\u2013-]+"
    r"(?P<rest>\S.*)$",
    re.I,
)
_NOT_A_REDIRECT = re.compile(
    r"\b(not|n't|never|thanks?|thank you|need|want|care|like|idea|way|problem|worries|matter|more)\b|\?|^\W*("
    r"what|which|how|who|why|where|when|is|are|do|does|can|could|should|would|will|tell|explain|i|i'm|im|it|that|"
    r"this|about|for|to|my|we|you)\b",
    re.I,
)


def is_correction(text: str) -> bool:
    """'oops, I meant ML engineer', 'no, the ML one': redo the previous question with what follows."""
    text = text or ""
    if _CORRECTION.search(text):
        return True
    redirect = _NO_THEN.match(text)
    if redirect is None:
        return False
    rest = redirect.group("rest").strip()
    return len(rest.split()) <= 5 and not _NOT_A_REDIRECT.search(rest)


# What a correction sets aside: 'programming languages, not math' -> ', not math'; 'not math but the languages'
# -> 'not math but'. The text without it asks what was meant.
_SET_ASIDE = (
    re.compile(r"\bnot\s+(?:the\s+)?[^,.;:?!]{1,30}?\s*,?\s+(?:but|i meant|i mean)\b", re.I),
    re.compile(
        r"(?:,|\s)\s*(?:not|rather than|instead of)\s+(?:the\s+|about\s+)?[^,.;:?!]{1,30}?(?=\s*(?:[,.;:?!]|$))", re.I
    ),
)


def without_set_aside(text: str) -> str:
    """A correction without the part it sets aside ('sorry, I meant the languages, not math' -> 'sorry, I meant
    the languages'), so the words of the thing NOT meant do not pick the topic; other text is returned as is."""
    if not is_correction(text):
        return text
    kept = text
    for pattern in _SET_ASIDE:
        kept = pattern.sub(" ", kept)
    kept = re.sub(r"\s{2,}", " ", kept).strip()
    return kept if re.search(r"\w", _CORRECTION.sub("", kept)) else text


def asks_to_compare(text: str) -> bool:
    return bool(COMPARE.search(text or ""))


def defined_term(text: str, max_words: int = 4) -> str | None:
    """The X of 'what is X?' / 'explain X', or None; of up to `max_words` words (more for 'X vs Y')."""
    match = _DEFINE.match(text or "")
    if not match or (text or "").lower().startswith("what does") and not re.search(r"\b(mean|stand for)\s*\??$", text):
        return None
    term = match.group(1).strip()
    return term if len(term.split()) <= max_words else None


# 'which cloud should I learn?', 'which programming language should I start with?': which of the items listed.
WHICH_TO_PICK = re.compile(
    r"\b(which|what)\s+(?!(roles?|one|path|job|career|jobs|careers)\b)(\w+\s+){1,2}(should|do|would|could|can|to)\s+"
    r"(i\s+)?(learn|pick|choose|start with|"
    r"begin with|focus on|study|go for|get into|master)\b",
    re.I,
)

__all__ = [
    "Normalizer",
    "asks_to_compare",
    "defined_term",
    "detect_topics",
    "is_correction",
    "without_set_aside",
    "level_shift",
    "ordinal",
    "scan_entities",
    "split_parts",
    "step_shift",
    "topic_fields",
    "topic_scores",
    "topic_table",
    "WHICH_TO_PICK",
]
