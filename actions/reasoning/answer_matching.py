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

Beside the interview (actions/reasoning/interview.py), its only user; the reading of negation and mood it rests
on is actions/understanding/sentiment.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Sequence, Set, Tuple

from actions.knowledge.patterns import rx
from actions.knowledge.schema import AdvisorOption, AdvisorQuestion
from actions.understanding.sentiment import (
    CLAUSE_BREAKS,
    NEGATORS,
    NEW_CLAUSE_AFTER_AND,
    _find,
    _Token,
    polarity,
    sentiment,
    tokenize,
)

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

MOOD_ONLY = 0.9  # a Match's strength when only the message's mood decided it ("not really", "I love it")


@dataclass(frozen=True)
class Match:
    """The option an answer picks and the person's words that picked it."""

    option: str
    evidence: str
    strength: float


def _blank(text: str, phrases: Iterable[str]) -> str:
    """Replace each phrase (whole words, any case) with a comma, so it neither matches nor joins clauses."""
    for phrase in sorted(set(phrases), key=len, reverse=True):
        if phrase:
            text = rx(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.I).sub(",", text)
    return text


_SEPARATOR = re.compile(
    r"[,.;:!?()]|\b(?:" + "|".join(sorted(CLAUSE_BREAKS)) + r")\b"
    r"|\band\b(?=\s+(?:" + "|".join(sorted(NEW_CLAUSE_AFTER_AND)) + r")\b)",  # as tokenize splits clauses
    re.I,
)


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


def _as_typed(evidence: str, blanked: str, typed: str) -> str:
    """The whole message as typed when the evidence is the whole message (role names were blanked only for
    matching: "I want to be an ML engineer, since I like training models", not "an ,, since")."""
    whole = blanked.strip().rstrip(".! ")
    return typed.strip().rstrip(".! ") if evidence == whole and blanked != typed else evidence


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
    typed, text = text or "", _blank(text or "", blanks)
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
        about |= _said_of_the_same(tokens, hits, about)  # "math is fine but not my passion": still about math
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
            return Match(target.key, _as_typed(_evidence(text, tokens, [(0, len(tokens))]), text, typed), MOOD_ONLY)
    ranked = sorted(votes.items(), key=lambda kv: -kv[1])
    if ranked[0][1] > 0:
        best, score = ranked[0]
        if len(ranked) > 1 and ranked[1][1] == score:
            tied = {ranked[0][0], ranked[1][0]}
            if neutral is not None and not strong_only and tied <= {o.key for o in options if not o.neutral}:
                both = sorted(spans[ranked[0][0]] + spans[ranked[1][0]])
                return Match(neutral.key, _as_typed(_evidence(text, tokens, both), text, typed), score)
            return None
        return Match(best, _as_typed(_evidence(text, tokens, spans[best]), text, typed), score)
    if similar is not None and not strong_only and not question.topics:
        # meaning picks between different kinds of work or team; it cannot tell "I love X" from "I hate X",
        # so yes/no-style questions (those with topics) rely on the words above
        return _by_meaning(options, text, tokens, similar)
    return None


# Words a "but ..." clause may hold beside an option's phrase and still say nothing of a subject of its own.
_FILLERS = {
    "but",
    "though",
    "although",
    "however",
    "yet",
    "still",
    "just",
    "really",
    "honestly",
    "it",
    "its",
    "it's",
    "is",
    "that",
    "so",
    "also",
    "very",
    "quite",
    "not",
    "no",
    "my",
    "i",
    "am",
    "i'm",
}


def _said_of_the_same(
    tokens: Sequence[_Token], hits: Sequence[Tuple[Tuple[int, int], AdvisorOption | None]], about: Set[int]
) -> Set[int]:
    """The "but ..." clauses right after a clause about the question's subject that hold only an option's phrase
    ("math is fine but not my passion"): they go on about that subject. One naming something else ("... but I'm
    good at building systems") does not."""
    found: Set[int] = set()
    for (start, end), option in hits:
        clause = tokens[start].clause
        before = max((t.clause for t in tokens if t.clause < clause), default=None)  # ('fine, but ...': no gap)
        if option is None or clause in about or not tokens[start].contrast or before not in about:
            continue
        rest = [t.raw for i, t in enumerate(tokens) if t.clause == clause and not start <= i < end]
        if all(word in _FILLERS for word in rest):
            found.add(clause)
    return found


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
