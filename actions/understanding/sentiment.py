"""Reading what a person says about themself: negation, dislike and mood, clause by clause.

Pure functions, no Rasa, no KB: `normalise` spells out contractions and chat spellings, `tokenize` splits a message
into stemmed tokens that know their clause, `polarity` / `sentiment` read whether a phrase is affirmed, negated or
disliked ("not into heavy math", "kubernetes makes me cry", "I'd rather not"), and `held_text` keeps only the
clauses that claim something ("I know Python but I hate deploying stuff" -> "I know Python"). The interview's
answer matcher (actions/reasoning/answer_matching.py) and what a person says they have
(actions/understanding/person.py) both read through here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, List, Sequence, Tuple

NEGATORS = {
    "not", "no", "never", "hardly", "barely", "without", "nor", "neither", "nothing", "none", "nah", "nope", "less",
    "little", "zero",
}  # fmt: skip
# Words after which what follows is the less preferred thing ("models more than math", "systems over models").
DISPREFER = ("more than", "rather than", "instead of", "over", "than", "versus", "vs", "not so much")
POSITIVE_WORDS = {
    "love", "like", "enjoy", "into", "fan", "passion", "passionate", "comfortable", "confident", "good", "great",
    "strong", "keen", "interested", "interest", "excited", "exciting", "fun", "happy", "prefer", "solid", "fluent",
    "fine", "yes", "yeah", "yep", "sure", "definitely", "absolutely", "totally", "lot", "lots", "experience",
    "experienced", "background", "thrive", "adore", "appeal", "appeals", "appealing", "cool", "awesome",
    "favourite", "favorite", "jam", "easy", "natural", "well", "yup", "y", "certainly", "obviously",
    "care", "forte", "strongest", "strength", "best", "excel", "aced", "shine", "enjoyable", "satisfying", "relaxing",
}  # fmt: skip
NEGATIVE_WORDS = {
    "hate", "dislike", "avoid", "boring", "bore", "bores", "bored", "dread", "scary", "scare", "scares", "scared",
    "struggle", "struggles", "weak", "rusty", "bad", "terrible", "awful", "meh", "nightmare", "hard", "difficult",
    "painful", "tedious", "allergic", "hopeless", "intimidating", "intimidated", "loathe", "dull", "annoying",
    "annoys", "frustrating", "pain", "n", "leave", "delegate", "outsource", "skip",
    "nervous", "anxious", "afraid", "worried", "stressful", "overwhelming", "confusing", "headache", "chore",
    "repetitive", "uncomfortable", "uneasy", "shaky", "cry", "cries", "crying", "torture", "hell", "miserable",
    "mystery", "clueless", "chores", "nuts",
}  # fmt: skip
CLAUSE_BREAKS = {"but", "though", "although", "however", "whereas", "while", "yet", "except"}
# "and" opens a new clause before these: "I live in Docker all day and honestly statistics bores me" dislikes only
# statistics, not Docker ("and I" too: "I know Python and I hate math")
NEW_CLAUSE_AFTER_AND = {"honestly", "frankly", "tbh", "personally", "truthfully", "admittedly", "i"}
SCOPE = 6  # a negator or sentiment word reaches this many tokens (within its clause)


@dataclass(frozen=True)
class _Token:
    raw: str
    stem: str
    clause: int  # index of the clause the token is in
    contrast: bool = False  # the clause follows "but", "though", "however", ...: usually the main point


# Chat spellings and common typos of the words answers turn on ("i luv deployin stuf", "modles n data").

TYPOS = {
    "luv": "love", "luvv": "love", "lov": "love", "modles": "models", "modle": "model", "modls": "models",
    "systms": "systems", "sytems": "systems", "systm": "system", "realy": "really", "rly": "really",
    "rlly": "really", "wanna": "want to", "kinda": "kind of", "ppl": "people", "bout": "about", "fav": "favourite",
    "fave": "favourite", "probablity": "probability", "probabilty": "probability", "statistic": "statistics",
    "stats": "stats", "mathematic": "math", "maths": "math", "enginer": "engineer", "enginering": "engineering",
    "ya": "yes", "yea": "yes", "ye": "yes", "yess": "yes", "yesss": "yes", "nope": "nope", "nah": "nah",
    "interes": "interest", "intrested": "interested", "intersted": "interested", "infra": "infrastructure",
    "dat": "that", "thx": "thanks", "gud": "good", "bc": "because", "cuz": "because", "coz": "because",
    "strenght": "strength", "boaring": "boring", "borring": "boring", "teh": "the", "alot": "a lot",
}  # fmt: skip


SOMEONE_ELSES = (
    r"\b(our|the|their|my|a) ([a-z]+ ){0,2}(team|folks|people|guys) (does|do|handles?|takes? care of) (that|it)\b"
)


def normalise(text: str) -> str:
    """Lower-case, straight quotes, contractions spelled out ("don't" -> "do not", "I'm" -> "i am")."""
    t = (text or "").lower().replace("’", "'").replace("‘", "'")
    t = re.sub(r"\bcan't\b", "can not", t)
    t = re.sub(r"\bwon't\b", "will not", t)
    t = re.sub(r"n't\b", " not", t)
    t = re.sub(r"\bi'm\b", "i am", t)
    t = re.sub(r"'d\b", " would", t)
    t = re.sub(r"'ve\b", " have", t)
    t = re.sub(r"'re\b", " are", t)
    t = re.sub(r"'ll\b", " will", t)
    t = re.sub(r"\b(dont|doesnt|didnt|isnt|arent|wasnt|cant|wont)\b", lambda m: m.group(1)[:-2] + " not", t)
    t = re.sub(r"\b(do|does|would|did) not mind\b", "am fine with", t)
    t = re.sub(r"\bmy (kind of |sort of )?thing\b", "my favourite", t)
    t = re.sub(
        r"\b(feel|feels|felt|sound|sounds|seem|seems|look|looks) like\b", r"\1", t
    )  # "like" compares here  # "numbers are my thing", "not my thing"  # "I don't mind X" leans yes
    t = re.sub(r"(?<=[a-z]) n (?=[a-z])", " and ", t)  # "stuff n kubernetes": "n" joins words, it is not "no"
    t = re.sub(r"\b[a-z']+\b", lambda m: TYPOS.get(m.group(0), m.group(0)), t)
    t = re.sub(r"\b(someone|somebody|anyone) else\b", "not me", t)
    t = re.sub(SOMEONE_ELSES, lambda m: "not me " + m.group(0), t)  # "our ops team does that": not my job
    t = re.sub(r"\b(a |kind of a |kinda a )?black box(es)?\b", " a mystery", t)  # "models are a black box to me"
    return t


def stem(word: str) -> str:
    """A crude stem, applied alike to messages and KB phrases: models/model, wiring/wire, tuning/tune, and the
    chat spelling "deployin"/"cleanin" (a dropped g)."""
    if len(word) >= 7 and word.endswith("in") and not word.endswith(("ain", "oin", "ein")):
        word = word[:-2]
    for suffix in ("ing", "ed", "es", "s", "e"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiou":
        word = word[:-1]  # modelling -> model
    return word


_POSITIVE_STEMS = {stem(w) for w in POSITIVE_WORDS if len(w) > 3}
_NEGATIVE_STEMS = {stem(w) for w in NEGATIVE_WORDS if len(w) > 3}


_TOKEN = re.compile(r"[a-z0-9+#/]+(?:-[a-z0-9]+)*|[,.;:!?()]")


def tokenize(text: str) -> List[_Token]:
    tokens: List[_Token] = []
    clause, contrast = 0, False
    pieces = _TOKEN.findall(normalise(text))
    for at, piece in enumerate(pieces):
        if piece == "and" and at + 1 < len(pieces) and pieces[at + 1] in NEW_CLAUSE_AFTER_AND:
            clause, contrast = clause + 1, False
            continue
        if piece in ",.;:!?()" or piece in CLAUSE_BREAKS:
            clause += 1
            contrast = piece in CLAUSE_BREAKS or (contrast and piece == ",")
            continue
        for part in piece.split("-") if piece.count("-") and piece not in ("e-commerce",) else [piece]:
            tokens.append(_Token(part, stem(part), clause, contrast))
    return tokens


def _phrase(text: str) -> Tuple[str, ...]:
    return tuple(stem(t.raw) for t in tokenize(text))


def _find(tokens: Sequence[_Token], phrases: Iterable[str]) -> List[Tuple[int, int]]:
    """Token spans where any phrase occurs (stems compared), longest first, non-overlapping, in order."""
    stems = [t.stem for t in tokens]
    wanted = sorted({p for p in (_phrase(x) for x in phrases) if p}, key=len, reverse=True)
    taken = [False] * len(tokens)
    spans: List[Tuple[int, int]] = []
    for phrase in wanted:
        n = len(phrase)
        for i in range(len(tokens) - n + 1):
            if tuple(stems[i : i + n]) == phrase and not any(taken[i : i + n]):
                spans.append((i, i + n))
                for k in range(i, i + n):
                    taken[k] = True
    return sorted(spans)


def _dispreferred(tokens: Sequence[_Token], start: int) -> bool:
    """True when a "more than" / "over" / "instead of" earlier in the same clause governs this span."""
    clause = tokens[start].clause
    raws = [t.raw for t in tokens]
    for marker in DISPREFER:
        words = marker.split()
        n = len(words)
        for i in range(max(0, start - 2 * SCOPE), start - n + 1):
            if raws[i : i + n] == words and all(t.clause == clause for t in tokens[i:start]):
                return True
    return False


INTERJECTIONS = {"no", "nah", "nope"}
RELATIVES = {"who", "which", "whom", "whose", "where"}
AUXILIARIES = {"do", "does", "did", "really", "am", "is", "are", "would", "will", "can", "could", "i"}
# Words that say "yes" alone ("definitely") but only strengthen another word ("definitely not my strongest").
INTENSIFIERS = {"definitely", "absolutely", "totally", "certainly", "obviously", "sure", "lot", "lots"}


_LEADING = {"and", "but", "so", "or", "also", "what", "how", "about"}  # a span after these still stands alone


# What 'little' says a person lacks ('little knowledge of', 'little time for', 'little or no'): then it negates.
_LACKED = {"knowledge", "idea", "clue", "time", "to", "or", "exposure", "patience", "desire", "use", "need", "point"}


def _little_as_size(tokens: Sequence[_Token], i: int, start: int) -> bool:
    """'coding little apps' (small ones), 'a little Python' (some): 'little' that negates nothing; 'little
    interest in APIs' still does."""
    if tokens[i].raw != "little":
        return False
    if i > 0 and tokens[i - 1].raw == "a":
        return True
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return following is not None and not _value(following) and following.raw not in _LACKED


def polarity(tokens: Sequence[_Token], start: int, end: int, negative_option: bool = False) -> int:
    """+1 or -1: how the words around tokens[start:end] feel about it (same clause, SCOPE tokens each side).

    Negative words count -1 and positive words +1, each flipped by a negator just before it; a negator that
    governs no sentiment word negates the span itself ("not models"). No sentiment at all reads as positive:
    naming something ("lots of cloud experience", "backend dev") is a statement in its favour.
    negative_option: the span is a word for a negative answer ("rusty", "not really", "a bit"); negative words
    and "no"/"nah" around it agree with it instead of flipping it ("nah, not really", "a bit dull").
    """
    if _dispreferred(tokens, start):
        return -1
    clause = tokens[start].clause
    first = max(0, start - SCOPE)
    while first > 0 and tokens[first - 1].clause == clause and tokens[first - 1].raw in NEGATORS | AUXILIARIES:
        first -= 1  # "I do not really care about ...": the negator belongs to the word in reach
    before = [i for i in range(first, start) if tokens[i].clause == clause]
    after = _after(tokens, end, clause, SCOPE)
    if not any(_value(tokens[i]) for i in before + after):
        # Nothing in reach: the verb may close a longer clause ("data prep is the part I'd happily skip"), or
        # the span stood alone as a topic and the next clause answers it ("data prep? happy to skip it").
        lead = [i for i in before if tokens[i].raw not in _LEADING]  # "and APIs? I don't like them"
        alone = not lead and all(t.clause != clause for t in tokens[end : end + 1])
        after = _after(tokens, end, clause + 1 if alone else clause, 2 * SCOPE)
    found: List[Tuple[int, int]] = []  # (distance to the span, +1/-1) for each sentiment word
    negated, loose_negators, loose_at = False, 0, -1
    for i in before + after:
        raw = tokens[i].raw
        answering = loose_at >= 0 and tokens[loose_at].raw in INTERJECTIONS
        answering = answering and not (tokens[loose_at].raw == "no" and loose_at == start - 1)  # 'no cloud experience'
        if after and i == after[0] and answering:
            negated = False  # "nah, data cleaning bores me": an answering "nah" does not flip the word after the span
        if negative_option and (raw in INTERJECTIONS or _value(tokens[i]) < 0):
            continue
        if raw in NEGATORS and not _little_as_size(tokens, i, start):
            negated = not negated
            loose_negators += 1
            loose_at = i
            continue
        value = _value(tokens[i])
        if value and raw in INTENSIFIERS and not negated:
            continue
        if value > 0 and _modifies_negative(tokens, i):
            continue  # "happy to skip", "I'd love to avoid": the negative verb is what is said of the span
        if value:
            found.append((start - i if i < start else i - end + 1, -value if negated else value))
            if negated:
                loose_negators -= 1
                loose_at = -1
            negated = False
    if not found:
        return -1 if loose_negators > 0 else 1
    nearest = min(d for d, _ in found)  # "I'd prefer to avoid heavy math": the word next to it decides
    if loose_at >= 0 and loose_at < start and start - loose_at < nearest:
        return -1  # "I'd prefer someone else (= not me) cleans the data": the negator is closer
    score = sum(v for d, v in found if d == nearest)
    return -1 if score < 0 else 1


def _after(tokens: Sequence[_Token], end: int, clause: int, reach: int) -> List[int]:
    """Indexes of up to `reach` tokens from `end` on that belong to `clause`, stopping at a relative pronoun
    ("a developer who hates math": what follows "who" is about something else)."""
    found: List[int] = []
    for i in range(end, len(tokens)):
        if tokens[i].clause > clause or tokens[i].raw in RELATIVES or len(found) >= reach:
            break
        if tokens[i].clause == clause:
            found.append(i)
    return found


def _modifies_negative(tokens: Sequence[_Token], i: int) -> bool:
    """A positive word right before a negative one ("happy to skip", "gladly avoid") only colours it."""
    j = i + 2 if i + 2 < len(tokens) and tokens[i + 1].raw == "to" else i + 1
    return j < len(tokens) and tokens[j].clause == tokens[i].clause and _value(tokens[j]) < 0


def _value(token: _Token) -> int:
    """+1 for a positive word ("love", "loves", "loved"), -1 for a negative one ("hates", "boring"), else 0."""
    positive = token.raw in POSITIVE_WORDS or token.stem in _POSITIVE_STEMS
    negative = token.raw in NEGATIVE_WORDS or token.stem in _NEGATIVE_STEMS
    return positive - negative


def sentiment(tokens: Sequence[_Token]) -> int:
    """The message's overall polarity (-1, 0, +1) when it names nothing: "I love it", "not really", "nah"."""
    score, negated, loose, intensifiers = 0, False, 0, 0
    for t in tokens:
        if t.raw in NEGATORS:
            negated, loose = not negated, loose + 1
            continue
        value = _value(t)
        if value and t.raw in INTENSIFIERS and not negated:
            intensifiers += value
            continue
        if value:
            score += -value if negated else value
            loose -= 1 if negated else 0
            negated = False
    if score == 0 and loose > 0:
        return -1
    if score == 0:
        score = intensifiers  # "definitely", "absolutely": yes on their own
    return (score > 0) - (score < 0)


_HELD_BREAK = re.compile(
    r"[,.;:!?()]|\b(?:" + "|".join(sorted(CLAUSE_BREAKS)) + r")\b|\band (?=i\b|i'|me\b|my\b)", re.I
)


def held_text(text: str) -> str:
    """The clauses of a message that claim something, without those that negate or dislike it: "I know Python
    but I hate deploying stuff" -> "I know Python"; "I don't know any math" -> "" (the skill gap reads this)."""
    kept = [c for c in _HELD_BREAK.split(text or "") if c and c.strip() and sentiment(tokenize(c)) >= 0]
    return " ; ".join(c.strip() for c in kept)
