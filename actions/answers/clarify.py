"""Texts of the two-stage fallback: the clarifying question with one button per likely topic, and the polite
declines (`actions/understanding/triage.py` decides which)."""

from __future__ import annotations

import json
from typing import Iterable, Mapping

from actions.answers.phrasing import Answer, Button, follow_up
from actions.knowledge.schema import KnowledgeBase

CLARIFY = "I'm not sure I understood. Did you mean one of these?"


def clarifying_question(kb: KnowledgeBase, intents: Iterable[str], entities: Mapping[str, str]) -> Answer:
    """'Did you mean…' with one button per intent that names a KB topic, titled by the topic's label. Intents that
    name none ('inform', a pointer into a thread that had nothing to point at) offer nothing to pick: with no topic
    left, the polite decline instead of an empty or broken question."""
    payload = json.dumps(dict(entities)) if entities else ""
    topics = [i for i in intents if i.startswith("ask_") and i[4:] in kb.topics]
    if not topics:
        return decline()
    buttons = tuple(Button(kb.topics[i[4:]].title, f"/{i}{payload}") for i in topics)
    return Answer(CLARIFY, buttons)


def off_topic() -> Answer:
    return Answer(
        "That's outside what I can help with: I only know about AI Engineer and Machine Learning Engineer careers "
        "(roles, skills, tools, workflow, learning paths, salaries), and the article I answer from does not cover "
        "this. Here is where you could start:",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )


def decline() -> Answer:
    return Answer(
        "Sorry, I didn't quite get that. I can tell you about AI Engineer and Machine Learning Engineer roles: "
        "what they do, skills, tools, learning paths and US salaries. Could you rephrase, or pick a topic?",
        (
            follow_up("Compare the roles", "ask_role_comparison"),
            follow_up("Salaries", "ask_salary"),
            follow_up("Which role fits me?", "ask_role_fit"),
        ),
    )
