"""Role fit and skill gaps the way people ask, over REST against the real Rasa and action servers.

The material was written blind, from the article alone, by someone who never saw the code
(tests/e2e/personas.yml, tests/e2e/self_descriptions.yml):
- every interview persona (free text, indirect, typos, non-native, changing their mind, side questions) reaches
  the expected recommendation within MAX_TURNS of its own messages, and no reply comes twice in a row;
- a one-message self-description gets the lean the article supports in the same reply (>= 95 %);
- every skill-gap reply's first next step is a skill the role rates Advanced/High that the person lacks, one of
  the acceptable ones, and the reply recommends nothing the person already has.
"""

from __future__ import annotations

import secrets
from typing import Iterator, List

import pytest

from actions.knowledge import get_kb
from tests.e2e.advice_checks import first_step, lean_of
from tests.e2e.personas import MAX_TURNS, PERSONAS_FILE, SELF_DESCRIPTIONS_FILE, load, play, reply_text
from tests.e2e.servers import Bot, running_bot

pytestmark = pytest.mark.e2e

PERSONAS = load(PERSONAS_FILE)
DESCRIPTIONS = [d for d in load(SELF_DESCRIPTIONS_FILE) if "lean" in d]
GAPS = [d for d in load(SELF_DESCRIPTIONS_FILE) if "role" in d]
LEAN_TARGET = 0.95


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Iterator[Bot]:
    with running_bot(tmp_path_factory.mktemp("personas")) as running:
        yield running


def _sender(kind: str) -> str:
    return f"{kind}-{secrets.token_hex(4)}"


def test_the_blind_material_is_big_enough():
    assert len(PERSONAS) >= 20 and len(DESCRIPTIONS) >= 30 and len(GAPS) >= 12


@pytest.mark.parametrize("persona", PERSONAS, ids=[p["id"] for p in PERSONAS])
def test_persona_reaches_the_right_role_without_repeating_itself(bot: Bot, persona: dict) -> None:
    sender = _sender(persona["id"])
    played = play(persona, lambda text: bot.say(sender, text))
    transcript = "\n---\n".join(played.replies)
    assert not played.repeated(), f"a reply came twice in a row:\n{played.repeated()[0]}"
    assert played.role == persona["expected"], f"recommended {played.role}, want {persona['expected']}:\n{transcript}"
    assert played.recommended_at is not None and played.recommended_at <= MAX_TURNS, transcript


def test_self_descriptions_lean_right(bot: Bot) -> None:
    wrong: List[str] = []
    for item in DESCRIPTIONS:
        reply = reply_text(bot.say(_sender(item["id"]), item["message"]))
        checks = all(any(a.lower() in reply.lower() for a in group) for group in item.get("any") or [])
        unwanted = [n for n in item.get("none") or [] if n.lower() in reply.lower()]
        if lean_of(reply) != item["lean"] or not checks or unwanted:
            wrong.append(f"{item['id']} ({item['message']}): {lean_of(reply)}\n{reply[:400]}")
    right = 1 - len(wrong) / len(DESCRIPTIONS)
    assert right >= LEAN_TARGET, f"{right:.0%} lean right; wrong:\n\n" + "\n\n".join(wrong)


def _top_rated(role: str) -> List[str]:
    """Names of the skills the role rates Advanced or High in the article's two skill tables."""
    kb = get_kb()
    return [s.name for s in [*kb.skill_matrix, *kb.skill_summary] if s.levels[role] in ("Advanced", "High")]


@pytest.mark.parametrize("item", GAPS, ids=[g["id"] for g in GAPS])
def test_skill_gap_first_step_is_a_top_rated_skill_the_person_lacks(bot: Bot, item: dict) -> None:
    reply = reply_text(bot.say(_sender(item["id"]), item["message"]))
    step = first_step(reply)
    assert step is not None, reply
    assert any(step.startswith(name + " (") for name in _top_rated(item["role"])), f"{step!r}:\n{reply}"
    assert any(a.lower() in step.lower() for a in item["first_step_any"]), f"{step!r}:\n{reply}"
    held = [n for n in item.get("none") or [] if n.lower() in reply.lower()]
    assert not held, f"recommends or repeats {held}:\n{reply}"
