"""'Why?' after an answer: the article's reason for what the last answer said, put before that answer.

The article rates the skills per role without a sentence of reasons; what it does give is each role's focus and
the responsibilities table, and a rating follows from those ('why so low?' after API & Microservices: Basic for
ML Engineers -> they focus on model development; 'why the difference?' after Data Engineering -> the data
handling row: one uses processed data, the other prepares and engineers it). The future-proof verdict carries its
own reason (organisations expanding AI across their operations), so its answer is the reason.
Which topics have a reason is `REASONED_TOPICS` in actions/understanding/understand.py.
"""

from __future__ import annotations

import re
from typing import List, Sequence

from actions.answers.phrasing import Answer
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.understanding.lookups import stems
from actions.understanding.question import Question

MIN_SHARED_WORDS = 1  # a responsibility row explains a skill when it shares a content word with it (beyond the
# words every row has: 'data', 'engineer' are too common to count, see lookups.stems)


def with_reason(kb: KnowledgeBase, question: Question, answer: Answer) -> Answer:
    """The answer with the article's reason for it first, when the topic has one worth adding."""
    if question.topic in ("skills", "skill_comparison"):
        lead = _rating_reason(kb, question)
        return Answer(f"{lead}\n\n{answer.text}", answer.buttons, answer.chart) if lead else answer
    return answer  # the future-proof verdict says its own reason


def _skill_words(kb: KnowledgeBase, question: Question) -> set:
    """The content words of the rated skills the question is about: their names and aliases."""
    keys = {key for term in question.skill_terms for key in term.skill_keys}
    asked = {s.lower() for s in question.skills}
    for row in (*kb.skill_matrix, *kb.skill_summary):  # carried from the thread as the words first used for it
        if asked & {row.name.lower(), *(a.lower() for a in row.aliases)}:
            keys.add(row.key)
    rows = [r for r in (*kb.skill_matrix, *kb.skill_summary) if r.key in keys]
    words: set = set()
    for row in rows:
        words |= stems(" ".join([row.name, *row.aliases]))
    return words


def _rating_reason(kb: KnowledgeBase, question: Question) -> str | None:
    """Each role's focus and the responsibility rows sharing words with the skill: why it is rated as it is."""
    words = _skill_words(kb, question)
    if not words:
        return None
    roles: Sequence[str] = ROLE_KEYS  # a rating is high or low next to the other role's: both roles' focus
    lines: List[str] = [f"- {kb.roles[r].plural} focus on {kb.roles[r].focus}." for r in roles]
    for row in kb.responsibilities:
        cells = f"{row.name} {row.ai_engineer} {row.ml_engineer}"
        if len(stems(cells) & words) >= MIN_SHARED_WORDS:
            split = "; ".join(f"{kb.roles[r].name} {getattr(row, r)}" for r in ROLE_KEYS)
            lines.append(f"- {row.name} (responsibilities table): {split}.")
    head = "Why: the article gives no reason for each rating, but the ratings follow from what each role does:"
    return "\n".join([head, *lines])


_NUMBER_WORDS = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve")
_ITEM_LINE = re.compile(r"^\s*(- |\d+\. )", re.M)


# 'ML frameworks: TensorFlow, PyTorch, Scikit-learn and Keras.': a list said inline after the lead's colon
_INLINE_LIST = re.compile(r":\s*(?P<items>[^:.]+?)\.(?:\s|$)")
_PARENTHESES = re.compile(r"\s*\([^()]*\)")
_LIST_SEPARATOR = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
_MAX_ITEM_WORDS = 4


def _inline_count(text: str) -> int:
    """The items of the one list a one-line answer names after its colon (asides in brackets are not items), or 0
    when its first line lists nothing that way."""
    lead = _PARENTHESES.sub("", text.strip().split("\n", 1)[0])
    found = _INLINE_LIST.search(lead)
    if not found:
        return 0
    items = [i for i in _LIST_SEPARATOR.split(found.group("items")) if i.strip()]
    return len(items) if all(len(i.split()) <= _MAX_ITEM_WORDS for i in items) else 0


def with_count(answer: Answer) -> Answer:
    """'how many?': the answer with the count of the items it lists first, unless it already gives a count."""
    count = len(_ITEM_LINE.findall(answer.text)) or _inline_count(answer.text)
    if count < 2 or count > len(_NUMBER_WORDS):
        return answer
    lead = answer.text.strip().split("\n", 1)[0]
    if re.search(rf"\b({'|'.join(_NUMBER_WORDS[1:])})\b", lead, re.I):
        return answer  # 'Two realistic project scenarios ...': the lead counts what it lists, not its bullet lines
    word = _NUMBER_WORDS[count - 1]
    if re.search(rf"\b({count}|{word})\b", answer.text, re.I):
        return answer
    lead = answer.text.strip().split("\n", 1)[0]
    if re.search(rf"\b({'|'.join(_NUMBER_WORDS)})\b", lead, re.I):
        return answer  # 'Two realistic project scenarios ...' (with four duty lines): the answer's own count stands
    return Answer(f"{word.capitalize()} ({count}):\n\n{answer.text}", answer.buttons, answer.chart)
