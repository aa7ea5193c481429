"""Read a free-text interview answer: which option of a question it picks, if any, and the words that say so.

Pure functions over one `AdvisorQuestion` (no Rasa, no I/O), so every rule below is unit-tested:
- whole-message short answers ("yes", "nope", "Very comfortable") pick their option directly;
- cue phrases inside a sentence point at an option ("wiring services together" -> systems); a negated cue
  ("not into models", "more than tweaking models", "I'd rather avoid infrastructure") points at its opposite;
- yes/no-style questions have topics: the sentiment around a topic mention picks the positive or negative
  option ("I love stats" -> comfortable, "honestly I'm not into heavy math" -> not really);
- "skip", "not sure", "no idea" are neutral;
- when no word decides, an optional meaning matcher (sentence embeddings of the options' descriptions)
  may pick the closest option, flipped when the message is negated.
Role names are blanked first, so "am I an ML engineer?" says nothing about models.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

from actions.knowledge.schema import AdvisorOption, AdvisorQuestion

# Meaning matcher: (message, option descriptions) -> one similarity per description (cosine, -1..1).
Similarity = Callable[[str, Sequence[str]], Sequence[float]]

NEUTRAL_PHRASES = (
    "skip",
    "pass",
    "next",
    "next question",
    "not sure",
    "unsure",
    "no idea",
    "dont know",
    "do not know",
    "idk",
    "no clue",
    "hard to say",
    "no opinion",
    "can not say",
    "not certain",
    "no preference",
    "i have no preference",
    "do not have a preference",
    "no strong preference",
    "either way",
    "dunno",
)
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
SCOPE = 6  # a negator or sentiment word reaches this many tokens (within its clause)


MOOD_ONLY = 0.9  # a Match's strength when only the message's mood decided it ("not really", "I love it")


@dataclass(frozen=True)
class Match:
    """The option an answer picks and the person's words that picked it."""

    option: str
    evidence: str
    strength: float


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
    for piece in _TOKEN.findall(normalise(text)):
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
        alone = not before and all(t.clause != clause for t in tokens[end : end + 1])
        after = _after(tokens, end, clause + 1 if alone else clause, 2 * SCOPE)
    found: List[Tuple[int, int]] = []  # (distance to the span, +1/-1) for each sentiment word
    negated, loose_negators, loose_at = False, 0, -1
    for i in before + after:
        raw = tokens[i].raw
        if after and i == after[0] and loose_at >= 0 and tokens[loose_at].raw in INTERJECTIONS:
            negated = False  # "nah, data cleaning bores me": an answering "nah" does not flip the word after the span
        if negative_option and (raw in INTERJECTIONS or _value(tokens[i]) < 0):
            continue
        if raw in NEGATORS:
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


def _blank(text: str, phrases: Iterable[str]) -> str:
    """Replace each phrase (whole words, any case) with a comma, so it neither matches nor joins clauses."""
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase:
            text = re.sub(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", ",", text, flags=re.I)
    return text


_SEPARATOR = re.compile(r"[,.;:!?()]|\b(?:" + "|".join(sorted(CLAUSE_BREAKS)) + r")\b", re.I)


def _evidence(text: str, tokens: Sequence[_Token], spans: Sequence[Tuple[int, int]]) -> str:
    """The person's own words for the answer: the whole clauses (as typed) that hold the hits, while they fit in
    about 18 words (never a clause cut short: "Been a full-stack dev for a" is no quote)."""
    if len(text.split()) <= 16 and "?" not in text:
        return text.strip().rstrip(".! ")
    pieces = _SEPARATOR.split(text)
    clauses = sorted({tokens[s].clause for s, _ in spans if s < len(tokens)})
    chosen = [pieces[c].strip() for c in clauses if c < len(pieces) and pieces[c] and pieces[c].strip()]
    kept: List[str] = []
    for piece in chosen:
        if kept and len(" ".join([*kept, piece]).split()) > 18:
            break
        kept.append(piece)
    return " … ".join(kept) or text.strip().rstrip("?.! ")


FILLERS = {
    "i", "am", "honestly", "really", "just", "um", "umm", "hmm", "well", "please", "it", "that", "this", "one",
    "question", "to", "be", "honest", "so", "ok", "okay", "sorry", "tbh", "actually", "let", "us", "lets", "for",
    "now", "me", "im", "maybe", "yet", "on", "the",
}  # fmt: skip
ABOUT_THE_INTERVIEW = {"quiz", "questionnaire", "questions", "interview", "survey", "test", "role", "roles", "fits"}


def is_neutral(text: str) -> bool:
    """'skip', 'not sure', 'no idea', 'pass this one': an answer that leans neither way (and nothing more)."""
    words = [t.raw for t in tokenize(text)]
    if any(w in ABOUT_THE_INTERVIEW for w in words):
        return False  # "skip this questionnaire" ends it; "not sure which role fits me" is not an answer
    core = " ".join(w for w in words if w not in FILLERS)
    return any(
        core == p or (core.startswith(p + " ") and len(core.split()) - len(p.split()) <= 2) for p in NEUTRAL_PHRASES
    )


def match_answer(
    question: AdvisorQuestion,
    text: str,
    *,
    strong_only: bool = False,
    blanks: Sequence[str] = (),
    similar: Similarity | None = None,
) -> Match | None:
    """The option `text` picks for `question`, or None when it does not say.

    strong_only: only phrases that name the question's subject count (cues, topics), as when reading a
    self-description for every question at once; bare "yes" or "I love it" then says nothing.
    blanks: phrases to ignore (role names).
    """
    options = question.options
    text = _blank(text or "", blanks)
    tokens = tokenize(text)
    said = " ".join(t.raw for t in tokens)
    if not said:
        return None
    neutral = next((o for o in options if o.neutral), None)
    if not strong_only:
        exact = _exact(options, said)
        if exact is not None:
            return Match(exact.key, text.strip(" ,"), 3.0)
        if is_neutral(text):
            return Match(neutral.key if neutral else "skip", text.strip(" ,"), 3.0)
    votes: Dict[str, float] = {o.key: 0.0 for o in options}
    spans: Dict[str, List[Tuple[int, int]]] = {o.key: [] for o in options}
    hits: List[Tuple[Tuple[int, int], AdvisorOption | None]] = []
    for option in options:
        phrases = list(option.cues) + ([] if strong_only else list(option.aliases))
        for span in _find(tokens, phrases):
            hits.append((span, option))
    for span in _find(tokens, question.topics):
        hits.append((span, None))
    hits = _drop_overlaps(hits)
    if strong_only and question.topics and not any(option is None for _, option in hits):
        return None  # "servers bore me" says nothing about data preparation
    if strong_only and question.topics:  # "math isn't my strong side but I'm good at building systems":
        about = {tokens[s].clause for (s, _), option in hits if option is None}  # "good at" is about systems
        hits = [(span, option) for span, option in hits if tokens[span[0]].clause in about]
    by_polarity = {o.polarity: o for o in options if o.polarity}
    for (s, e), option in hits:
        sign = polarity(tokens, s, e, negative_option=option is not None and option.polarity == "negative")
        weight = float(e - s) * _emphasis(tokens, s)
        if option is None:  # a topic mention: its sentiment picks the positive or negative option
            target = by_polarity.get("positive" if sign > 0 else "negative")
        elif option.neutral:  # "no strong feelings either way": a neutral answer has nothing to negate
            target = option
        elif sign > 0:
            target = option
        else:
            target = next((o for o in options if o.key == option.opposite), None)
        if target is not None:
            votes[target.key] += weight
            spans[target.key].append((s, e))
    if not strong_only and not any(votes.values()) and by_polarity:
        mood = sentiment(tokens)
        if mood:
            target = by_polarity["positive" if mood > 0 else "negative"]
            return Match(target.key, _evidence(text, tokens, [(0, len(tokens))]), MOOD_ONLY)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked[0][1] > 0:
        best, score = ranked[0]
        if len(ranked) > 1 and ranked[1][1] == score:
            tied = {ranked[0][0], ranked[1][0]}
            if neutral is not None and not strong_only and tied <= {o.key for o in options if not o.neutral}:
                both = sorted(spans[ranked[0][0]] + spans[ranked[1][0]])
                return Match(neutral.key, _evidence(text, tokens, both), score)
            return None
        return Match(best, _evidence(text, tokens, spans[best]), score)
    if similar is not None and not strong_only and not question.topics:
        # meaning picks between different kinds of work or team; it cannot tell "I love X" from "I hate X",
        # so yes/no-style questions (those with topics) rely on the words above
        return _by_meaning(options, text, tokens, similar)
    return None


EMPHASIS_WORDS = {"more", "most", "prefer", "rather", "especially", "mainly", "mostly", "really", "definitely", "much"}


def _emphasis(tokens: Sequence[_Token], start: int) -> float:
    """Weight of a hit: 1.5 in a clause after "but" ("I like models but deploying them excites me more") and
    in a clause that stresses a preference ("more", "rather", "especially"), 2.25 for both."""
    clause = tokens[start].clause
    stressed = any(t.raw in EMPHASIS_WORDS for t in tokens if t.clause == clause)
    return (1.5 if tokens[start].contrast else 1.0) * (1.5 if stressed else 1.0)


def _exact(options: Sequence[AdvisorOption], said: str) -> AdvisorOption | None:
    for option in options:
        names = {option.key, option.title, *option.aliases}
        if said in {" ".join(t.raw for t in tokenize(n)) for n in names}:
            return option
    return None


def _drop_overlaps(
    hits: List[Tuple[Tuple[int, int], AdvisorOption | None]],
) -> List[Tuple[Tuple[int, int], AdvisorOption | None]]:
    """Keep the longest of overlapping hits (an option's phrase and a topic word on the same tokens)."""
    kept: List[Tuple[Tuple[int, int], AdvisorOption | None]] = []
    for span, option in sorted(hits, key=lambda h: (-(h[0][1] - h[0][0]), h[0][0])):
        if all(span[1] <= k[0] or span[0] >= k[1] for k, _ in kept):
            kept.append((span, option))
    return sorted(kept, key=lambda h: h[0])


# all-MiniLM-L6-v2 cosine: unrelated text scores under ~0.15 against the descriptions; a clear lean is >= 0.25
# with a gap of 0.06 to the other option (tests/reasoning/test_interview.py and the e2e personas exercise it).
MEANING_THRESHOLD = 0.25
MEANING_MARGIN = 0.06


def _by_meaning(
    options: Sequence[AdvisorOption], text: str, tokens: Sequence[_Token], similar: Similarity
) -> Match | None:
    """The option whose description is closest in meaning, if clearly closest; a negated message flips it."""
    scored = [o for o in options if not o.neutral]
    sims = list(similar(text, [o.description for o in scored]))
    order = sorted(range(len(scored)), key=lambda i: -sims[i])
    best = order[0]
    if sims[best] < MEANING_THRESHOLD or (len(order) > 1 and sims[best] - sims[order[1]] < MEANING_MARGIN):
        return None
    option = scored[best]
    if any(t.raw in NEGATORS for t in tokens) and option.opposite:
        option = next(o for o in options if o.key == option.opposite)
    return Match(option.key, _evidence(text, tokens, [(0, len(tokens))]), 0.5)


_HELD_BREAK = re.compile(
    r"[,.;:!?()]|\b(?:" + "|".join(sorted(CLAUSE_BREAKS)) + r")\b|\band (?=i\b|i'|me\b|my\b)", re.I
)


def held_text(text: str) -> str:
    """The clauses of a message that claim something, without those that negate or dislike it: "I know Python
    but I hate deploying stuff" -> "I know Python"; "I don't know any math" -> "" (the skill gap reads this)."""
    kept = [c for c in _HELD_BREAK.split(text or "") if c and c.strip() and sentiment(tokenize(c)) >= 0]
    return " ; ".join(c.strip() for c in kept)
