"""Blind-written interview personas played over REST the way people talk (tests/e2e/personas.yml).

A persona sends its opening, then answers whatever the bot asks with the reply whose keywords appear in the
bot's question (the question line of the reply, else the whole reply), or its default reply; it asks its side
questions after its first answer, one per turn. It stops once the bot recommends a role with nothing left to
ask, or after MAX_TURNS of its own answers (side questions not counted)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List

import yaml

from tests.e2e.advice_checks import lean_of

PERSONAS_FILE = Path(__file__).with_name("personas.yml")
SELF_DESCRIPTIONS_FILE = Path(__file__).with_name("self_descriptions.yml")
MAX_TURNS = 6  # the opening and the answers; a persona must have its recommendation by then
_QUESTION_LINE = re.compile(r"^.*Question \d of \d:.*$", re.M)

Say = Callable[[str], List[dict]]


@dataclass
class Played:
    """What happened: the bot's replies, the turns used, the role recommended (None: none yet)."""

    replies: List[str] = field(default_factory=list)
    turns: int = 0
    role: str | None = None
    recommended_at: int | None = None

    def repeated(self) -> List[str]:
        """Replies identical to the one just before them."""
        return [b for a, b in zip(self.replies, self.replies[1:], strict=False) if a == b]


def reply_text(messages: List[dict]) -> str:
    """All bot messages of one turn and their button titles, as the person sees them."""
    lines = [m.get("text") or "" for m in messages]
    lines += [b.get("title", "") for m in messages for b in m.get("buttons") or []]
    return "\n".join(lines)


def choose_reply(persona: dict, bot: str) -> str:
    """The persona's reply to the bot's question: the first entry whose keyword the question contains."""
    asked = _QUESTION_LINE.findall(bot)
    question = (asked[-1] if asked else bot).lower()
    for entry in persona.get("replies") or []:
        if any(k.lower() in question for k in entry["keywords"]):
            return entry["reply"]
    return persona["default_reply"]


def finished(bot: str) -> bool:
    """A recommendation with no question left on screen."""
    return lean_of(bot) in ("ai_engineer", "ml_engineer", "both") and not _QUESTION_LINE.search(bot)


def play(persona: dict, say: Say) -> Played:
    played = Played()
    bot = reply_text(say(persona["opening"]))
    played.replies.append(bot)
    played.turns = 1
    sides = list(persona.get("side_questions") or [])
    while True:
        if finished(bot):
            played.role = lean_of(bot)
            played.recommended_at = played.turns
            return played
        if played.turns >= MAX_TURNS + 2:  # give up well past the target; the test reports the turns
            return played
        if sides and played.turns >= 2:
            bot = reply_text(say(sides.pop(0)))
            played.replies.append(bot)
            if finished(bot):
                continue
        bot = reply_text(say(choose_reply(persona, bot)))
        played.replies.append(bot)
        played.turns += 1


def load(path: Path) -> list:
    return yaml.safe_load(path.read_text())
