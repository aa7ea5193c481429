"""Heavy typos mended before the words are read: 'hw mch does entery levl ai enginer mak' -> 'how much does entry
level ai engineer make'.

NLU copes with light typos (its training data has them), but the action server reads the text again (topic cues,
KB terms, facts the article lacks) with exact word patterns, so a badly misspelt question could flip topic. Each
word of four letters or more that is not a known word is replaced by the closest known word when it is close
enough; known words (never changed) are every word of the knowledge base, of the training examples and of the
sentence encoder's English vocabulary, and a
typo is mended only into a KB term, alias, topic cue or question word of about its length. Short chat spellings
('r', 'hw', 'wat') come from a fixed list.
"""

from __future__ import annotations

import re
from collections import Counter
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List

from actions.knowledge.loader import all_strings, per_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.vocabulary import normalizer_for

TRAINING = Path(__file__).resolve().parents[2] / "data"

CUTOFF = 0.78  # difflib ratio: 'salery' -> 'salary' (0.83), 'waht' -> 'what' (0.75) is left to the fixed list
_CHAT = {
    "wat": "what", "wats": "what is", "waht": "what", "wht": "what", "whta": "what", "whats": "what is",
    "teh": "the", "hte": "the", "r": "are", "u": "you", "ur": "your", "hw": "how", "mch": "much", "muc": "much",
    "n": "and", "abt": "about", "abot": "about", "fr": "for", "4": "for", "wich": "which", "whcih": "which",
    "dos": "does", "doe": "does", "mak": "make", "roel": "role", "rol": "role", "sutes": "suits", "bst": "best",
    "btw": "between", "btwn": "between", "pls": "please", "plz": "please", "tho": "though", "lvl": "level",
    "sal": "salary", "yr": "year", "yrs": "years", "thx": "thanks", "diff": "difference", "steo": "step",
    "stpe": "step", "setp": "step", "bth": "both", "efects": "affects", "efect": "affect", "afects": "affects",
    "afect": "affect",
}  # fmt: skip
_COMMON = """
what which who whom whose how why where when does did doing done have has had make makes made earn earns earning
between difference different differ compare compared versus about after before first second third next last
role roles level levels entry junior senior middle salary salaries range ranges much many more most less least
tools tool skills skill shared both each other same learn learning path paths stage stages step steps workflow
practices practice enterprise constraints constraint regulations regulation challenges challenge scenario
scenarios forecasting responsibilities responsibility certification certifications company companies engineer
engineers engineering machine learning artificial intelligence data model models deploy deployment monitoring
used use uses using need needs needed required require should would could will want like love hate enjoy please
thanks hello there their they them then than that this these those with without from into your yours mine also
work works working job jobs career careers pay paid pays earn better best good great which while whole typical
tend tends version control comparison overall again something explain affects affect paragraph
industry industries list lists time times name names
""".split()
_WORD = re.compile(r"[A-Za-z]+|\d+")
_COUNTING = re.compile(r"(step|stage|phase|number|no|top|level|item|point|part|tier)", re.I)
_RANGE_ON = re.compile(r" +(to|and|or|through|thru|of)\s*\d", re.I)


def _typed_for(text: str, start: int) -> bool:
    """A '4' typed for 'for' stands before a word ('pay 4 that', '4 ai engineers'), not after a word that counts
    ('step 4', 'stepps 4 to 6', 'top 4') nor in a range ('4 to 6')."""
    after = text[start + 1 :]
    if not re.match(r" +[A-Za-z]", after) or _RANGE_ON.match(after):
        return False
    if re.search(r"\d\s*(to|and|or|through|thru|-|–)\s*$", text[:start], re.I):
        return False  # '2 to 4 and ...': the end of a range
    before = re.search(r"([A-Za-z]+)\W*$", text[:start])
    return not (before and _COUNTING.match(before.group(1)))


# places that are ordinary words: no typo is mended into them ('germny' -> 'germany' is)
_WORDS = frozenset("remote remotely abroad overseas worldwide globally european american europe's".split())


def _words(texts: Iterable[str]) -> set:
    return {w.lower() for text in texts for w in re.findall(r"[A-Za-z]{3,}", re.sub(r"\\[a-zA-Z]", " ", text))}


def _build_known(kb: KnowledgeBase) -> FrozenSet[str]:
    """Words left as they are: every word of the KB (facts, aliases, patterns) and of the training examples
    (how people write; a word there twice or more is no typo)."""
    return frozenset(_words(all_strings(kb.dict())) | people_words() | set(_COMMON))


@lru_cache(maxsize=1)
def people_words() -> FrozenSet[str]:
    """The words of the training examples, each there twice or more: how people write."""
    counts: Counter = Counter()
    for path in sorted(TRAINING.glob("*.yml")):
        counts.update(w.lower() for w in re.findall(r"[A-Za-z]{3,}", path.read_text(encoding="utf-8")))
    return frozenset(w for w, n in counts.items() if n >= 2)


def _english() -> FrozenSet[str]:
    """Whole English words (the sentence encoder's vocabulary): 'interesting' is no typo of 'integrating'."""
    from components.sentence_encoder import vocabulary_words

    return vocabulary_words()


def _one_slip(typed: str, word: str) -> bool:
    """`word` is `typed` with one letter put back or two neighbouring letters swapped back ('salry', 'versoin'):
    the commonest slips, mended even when the ratio is low or the slip is common enough to be a training word."""
    if len(word) == len(typed) + 1:
        return any(word[:i] + word[i + 1 :] == typed for i in range(len(word)))
    if len(word) != len(typed):
        return False
    diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
    if len(diff) != 2 or diff[1] != diff[0] + 1:
        return False
    return typed[diff[0]] == word[diff[1]] and typed[diff[1]] == word[diff[0]]


# Spellings by sound ('foundashun', 'toolz'): each is tried as the word meant before the closest match is looked for.
_BY_SOUND = ((re.compile(r"(?<=\w)(shun|shon|tion)$"), "tion"), (re.compile(r"(?<=\w{3})z$"), "s"))


def _sounded(low: str) -> str:
    for pattern, spelled in _BY_SOUND:
        low = pattern.sub(spelled, low)
    return low


english_words = _english  # also read by understand.unknown_names: an English word is no product name
_kb_words = per_kb(lambda kb: frozenset(_words(all_strings(kb.dict())) | set(_COMMON)))
known_words = per_kb(_build_known)  # also tells a name the article never uses (understand.unknown_names)
_left_alone = per_kb(lambda kb: known_words(kb) | _english())  # ... and English words are no typos either


def _build_capitals(kb: KnowledgeBase) -> FrozenSet[str]:
    """Words the KB writes in capitals, single letters included ('R', 'SQL', 'AWS'): typed that way they are the
    KB's term, never a chat spelling ('R' is the language, 'r' is 'are')."""
    return frozenset(w for text in all_strings(kb.dict()) for w in re.findall(r"\b[A-Z][A-Z0-9]*\b", text))


_capitals = per_kb(_build_capitals)
capitals = _capitals  # also read by topics.scan_entities ('Is R listed?')


def _build_index(kb: KnowledgeBase) -> Dict[str, List[str]]:
    """The words a typo may be mended into, by first letter (a typo rarely changes it): the KB's own terms and
    aliases, its topic cues and the question words, not the free text of its facts ('paired' is no 'paid')."""
    vocabulary = normalizer_for(kb).vocabulary()
    cues = [c.pattern for topic in kb.topics.values() for c in topic.cues]
    terms = [phrase for phrase, kind, _ in vocabulary if kind != "location"]  # 'oversee' is no 'overseas'
    terms += [p for p, kind, _ in vocabulary if kind == "location" and p.isalpha() and len(p) >= 6 and p not in _WORDS]
    terms += [a for s in kb.scenarios for a in [s.name, *s.aliases]]  # 'chatbts' -> 'chatbots'
    whole = _english()  # a cue's regex fragment ('summar' of 'summar(y|ise)') is no word to mend into
    targets = _words(terms) | {w for w in _words(cues) if w in whole} | set(_COMMON)
    targets |= _lacking_words(kb, targets, whole)
    index: Dict[str, List[str]] = {}
    for word in sorted(targets):
        index.setdefault(word[0], []).append(word)
    return index


_index = per_kb(_build_index)


def _lacking_words(kb: KnowledgeBase, targets: set, whole: FrozenSet[str]) -> set:
    """The words of the facts the article lacks ('degre' -> 'degree'), but none close to a word already mended
    into: 'modles' stays 'models', never 'modules'."""
    lacking = {w for w in _words(p for fact in kb.coverage.missing for p in fact.patterns) if w in whole} - targets
    return {w for w in lacking if not get_close_matches(w, targets, n=1, cutoff=0.7)}


# First letters typed for one another by sound: a typo keeps its first letter, or one that sounds the same.
_SOUNDS_ALIKE = {"s": ("c",), "c": ("s", "k"), "k": ("c",)}


# 'fist'/'frist' typed for 'first' before a thing counted ('the fist step', 'fist one', 'fist of those')
_FIST = re.compile(
    r"\b(fist|frist|fisrt|firt|fst)(?=\s+(step|stage|phase|one|ones|level|item|row|part|scenario|tool|of)\b)", re.I
)


def correct(text: str, kb: KnowledgeBase) -> str:
    """`text` with chat spellings expanded and unknown words of 4+ letters replaced by the closest known word."""
    if not text or text.startswith("/"):
        return text
    text = _FIST.sub("first", text)  # 'the fist step': a real word, so only mended where it counts something
    known, index, capitals, english = _left_alone(kb), _index(kb), _capitals(kb), _english()
    shouted = text.isupper()  # in a message typed all in capitals, a capital says nothing ('R U SURE')

    def mend(match: re.Match) -> str:
        word = match.group(0)
        low = word.lower()
        if low.isdigit() and not _typed_for(text, match.start()):
            return word  # 'step 4', 'steps 4-6', 'top 4': a number, not 'for'
        if low in _CHAT and (word not in capitals or shouted):
            return _CHAT[low]
        if len(low) < 4 or low.isdigit():
            return word
        firsts = (low[0], *_SOUNDS_ALIKE.get(low[0], ()))  # 'sertificatons' -> 'certifications'
        candidates = [w for f in firsts for w in index.get(f, ()) if abs(len(w) - len(low)) <= 1 and len(w) >= 4]
        slips = [w for w in candidates if _one_slip(low, w) and (len(low) >= 5 or w in _COMMON)]  # 'lsit', 'tiem'
        if low in known:  # a slip people make often enough to be in the training examples ('salry') is mended
            typo = low not in english and low not in _kb_words(kb)  # known only from the training examples
            # ... and so is a slip the KB keeps only as part of an alias ('ai enginer'): 'nlp enginer' is meant too
            aliased = low not in english and len(slips) == 1 and slips[0] in english and slips[0] != low + "s"
            return slips[0] if (typo or aliased) and len(slips) == 1 else word
        sounded = _sounded(low)
        if sounded != low and (sounded in known or sounded in candidates):
            return sounded  # 'toolz' -> 'tools', 'foundashun' -> 'foundation'
        if len(slips) == 1:
            return slips[0]  # 'versoin' -> 'version', 'contorl' -> 'control'
        asked = [w for w in slips if w in _COMMON]  # 'senor': 'senior' or 'sensor'; the word questions here use
        if len(slips) > 1 and len(asked) == 1:
            return asked[0]
        close = get_close_matches(low, candidates, n=1, cutoff=CUTOFF)
        if not close or low.startswith(close[0]):
            return word  # 'containers' or 'universit(y)' from a pattern: another form of the same word
        # ('intermediat' -> 'intermediate': a dropped last letter is mended)
        return close[0]

    return _WORD.sub(mend, text)
