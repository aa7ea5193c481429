"""The shared voice of every answer: the Answer and Button types, money, lists, role names, and `echo`
for text a person typed (the one place it is shortened and escaped)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Sequence, Tuple

from actions.answers import markdown
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.reasoning import queries as q
from actions.understanding.question import Question

if TYPE_CHECKING:
    from actions.answers.charts import Chart

LEVEL_NAMES = {"entry": "entry level", "mid": "mid level", "senior": "senior level"}


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Answer:
    """What the person sees. The text is laid out as markdown once, here, so every renderer gets real lists and
    sub-headings in the widget (and `rasa shell` gets them back as plain lines): see actions/answers/markdown.py."""

    text: str
    buttons: Tuple[Button, ...] = field(default_factory=tuple)
    chart: Chart | None = None  # a picture of the same numbers, for the widget (actions/answers/charts.py)

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", markdown.layout(self.text))


def follow_up(title: str, intent: str, **entities: str) -> Button:
    """A quick reply that sends an intent with entities, bypassing NLU (e.g. /inform{"level":"senior"})."""
    return Button(title, f"/{intent}{json.dumps(entities) if entities else ''}")


ECHO_MAX_CHARS = 40
# Terminal escape sequences (ANSI CSI/OSC) and any other control character or lone surrogate: a terminal
# (`make run`, a log viewer) would act on them if an answer repeated them.
_ESCAPES = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_])")
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")


def echo(text: str) -> str:
    """Words the person typed (a place, a job title, a skill) as an answer may repeat them: on one line, at most
    ECHO_MAX_CHARS characters (cut with '…'), without control characters or terminal escapes, escaped for markdown
    and HTML. The only place answers do this."""
    one_line = " ".join(_CONTROLS.sub(" ", _ESCAPES.sub("", str(text))).split())
    if len(one_line) > ECHO_MAX_CHARS:
        one_line = one_line[: ECHO_MAX_CHARS - 1].rstrip() + "…"
    return markdown.escape(one_line)


def money(amount: int) -> str:
    return f"${amount:,}"


def band_text(band) -> str:
    return f"{money(band.low)}–{money(band.high)}{'+' if band.open_ended else ''}"


def join(items: Sequence[str], last: str = "and") -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"


def bullets(items: Sequence[str]) -> str:
    """One markdown list item a line; Answer's layout sets the list apart and turns the line above into a heading."""
    return "\n".join(f"{markdown.LIST_ITEM}{item}" for item in items)


def capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


# Letters whose spoken name starts with a vowel sound: "an ML Engineer", "an SQL query", but "a UX designer".
_LETTERS_SAID_WITH_A_VOWEL = frozenset("AEFHILMNORSX")


def a_or_an(name: str) -> str:
    """'an AI Engineer', 'a Machine Learning Engineer', 'an MLOps Engineer' (an acronym: by its first letter's name)."""
    word = name.split()[0] if name.split() else ""
    acronym = len(word) > 1 and word[:2].isupper()
    vowel = word[:1] in _LETTERS_SAID_WITH_A_VOWEL if acronym else word[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {name}"


def role_name(kb: KnowledgeBase, role: str, plural: bool = False) -> str:
    r = q.role(kb, role)
    return r.plural if plural else r.name


def roles_of(question: Question) -> Tuple[str, ...]:
    return question.roles or ROLE_KEYS


def combine(answers: Sequence[Answer]) -> Answer:
    """Several answers as one reply, in order (a message with several questions); the last one's buttons."""
    if len(answers) == 1:
        return answers[0]
    return Answer(
        "\n\n".join(a.text for a in answers), answers[-1].buttons, next((a.chart for a in answers if a.chart), None)
    )
