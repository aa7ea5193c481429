"""The role-fit interview over REST against the real action server and Rasa server, as eight people would use it.

Each persona answers whatever question is on screen in its own words (or clicks), and may ask something in
between, correct itself, start over or stop. Checked on every turn: the reply shows exactly one question (or the
recommendation), no question is shown more than twice in a row, and the answer just given is stored against the
question that was on screen: read from the conversation's tracker through Rasa's HTTP API (started with
--enable-api and a random token), not from the reply text. Each persona must reach the expected
recommendation within 7 messages, and a follow-up after it must be answered for the recommended role.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass, field
from typing import Dict, Iterator, List, Tuple

import pytest
import requests

from tests.e2e.servers import isolated_endpoints, start_action_server, start_rasa_server

pytestmark = pytest.mark.e2e

QUESTION = re.compile(r"Question (\d) of 5:")
SLOTS = ["fit_work", "fit_math", "fit_cloud", "fit_data", "fit_team"]
ROLE_HEAD = {
    "ai_engineer": "My recommendation: AI Engineer —",
    "ml_engineer": "My recommendation: Machine Learning Engineer —",
    None: "Both roles fit you about equally",
}
ENTRY_BAND = {"ai_engineer": "$85,000–$110,000", "ml_engineer": "$90,000–$115,000"}


@dataclass
class Api:
    port: int
    token: str

    def say(self, sender: str, text: str) -> List[dict]:
        r = requests.post(
            f"http://127.0.0.1:{self.port}/webhooks/rest/webhook", json={"sender": sender, "message": text}, timeout=60
        )
        r.raise_for_status()
        return r.json()

    def slots(self, sender: str) -> dict:
        r = requests.get(
            f"http://127.0.0.1:{self.port}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        r.raise_for_status()
        return r.json()["slots"]


@pytest.fixture(scope="module")
def api(tmp_path_factory) -> Iterator[Api]:
    logs = tmp_path_factory.mktemp("interview")
    token = secrets.token_hex(16)
    actions = start_action_server(logs)
    try:
        rasa = start_rasa_server(
            logs,
            actions.port,
            extra_args=["--enable-api", "--auth-token", token],
            endpoints=str(isolated_endpoints(logs)),
        )
        try:
            yield Api(rasa.port, token)
        finally:
            rasa.stop()
    finally:
        actions.stop()


Step = Tuple[str, str]  # (kind, text): kind "say" types text, "click" clicks the button with that title


@dataclass
class Persona:
    name: str
    opener: List[Step]  # messages up to and including the one that starts the interview
    answers: Dict[str, Tuple[Step, str]]  # slot -> (how they answer it, the option that must be stored)
    expected: str | None  # recommended role key; None = both roles
    interjections: Dict[int, Tuple[Step, str]] = field(default_factory=dict)  # answer turn -> (step, kind)
    follow_up: Tuple[str, str] | None = None  # (message, "entry" | "path") after the recommendation
    stops: bool = False


def say(text: str) -> Step:
    return ("say", text)


def click(title: str) -> Step:
    return ("click", title)


PERSONAS = [
    Persona(
        "free text only",
        [say("can you help me figure out which of the two jobs suits me?")],
        {
            "fit_work": (
                say("I get a real kick out of hooking services up to each other and shipping them"),
                "systems",
            ),
            "fit_math": (say("to be honest equations were never my strong point"), "low"),
            "fit_cloud": (say("yes, automating deployments with containers sounds great"), "yes"),
            "fit_data": (say("meh, scrubbing spreadsheets all day isn't for me"), "no"),
            "fit_team": (say("somewhere small where I can touch everything"), "small"),
        },
        "ai_engineer",
        follow_up=("and what would I earn starting out in that role?", "entry"),
    ),
    Persona(
        "buttons only",
        [say("hello"), click("Which role fits me?")],
        {
            "fit_work": (click("Developing models"), "models"),
            "fit_math": (click("Very comfortable"), "high"),
            "fit_cloud": (click("Not much"), "no"),
            "fit_data": (click("Yes"), "yes"),
            "fit_team": (click("Large organisation"), "large"),
        },
        "ml_engineer",
        follow_up=("what should I learn first?", "path"),
    ),
    Persona(
        "mixed buttons and text",
        [say("which role would fit me better?")],
        {
            "fit_work": (click("Engineering systems"), "systems"),
            "fit_math": (say("nah, statistics and I don't really get along"), "low"),
            "fit_cloud": (click("Yes"), "yes"),
            "fit_data": (say("I'd rather leave the data cleaning to others"), "no"),
            "fit_team": (click("Small team"), "small"),
        },
        "ai_engineer",
        follow_up=("what should I learn first?", "path"),
    ),
    Persona(
        "one self-description",
        [
            say(
                "I've spent years as a backend engineer running everything on AWS, and I'm not big on maths. "
                "Which role fits me?"
            )
        ],
        {
            "fit_work": (say("the systems side"), "systems"),
            "fit_math": (say("not much"), "low"),
            "fit_cloud": (say("yes"), "yes"),
            "fit_data": (say("not really"), "no"),
            "fit_team": (say("no preference"), "any"),
        },
        "ai_engineer",
        follow_up=("what would I earn starting out?", "entry"),
    ),
    Persona(
        "contradicting answers, then a correction",
        [say("quiz me on which role is right for me")],
        {
            "fit_work": (say("building and training models, I think"), "models"),
            "fit_math": (say("math isn't really my thing"), "low"),
            "fit_cloud": (say("love it, I live in the terminal deploying stuff"), "yes"),
            "fit_data": (say("cleaning data is oddly satisfying"), "yes"),
            "fit_team": (say("a scrappy startup"), "small"),
        },
        "ai_engineer",
        interjections={
            2: (say("wait, actually I changed my mind: I'd rather build the systems than the models"), "fix")
        },
        follow_up=("what would I earn starting out in that role?", "entry"),
    ),
    Persona(
        "a question in the middle",
        [say("help me decide between the roles")],
        {
            "fit_work": (say("tuning neural nets and running experiments, for sure"), "models"),
            "fit_math": (say("I'm very comfortable with probability and linear algebra"), "high"),
            "fit_cloud": (say("not really, servers bore me"), "no"),
            "fit_data": (say("yes, wrangling messy datasets is fun"), "yes"),
            "fit_team": (say("a big established company"), "large"),
        },
        "ml_engineer",
        interjections={1: (say("wait, how much does a machine learning engineer make?"), "side")},
        follow_up=("what should I learn first?", "path"),
    ),
    Persona(
        "stop",
        [say("which role fits me?")],
        {"fit_work": (say("definitely the model side of things"), "models")},
        None,
        interjections={1: (say("I want to quit"), "stop")},
        stops=True,
    ),
    Persona(
        "start over",
        [say("what role would suit me?")],
        {
            "fit_work": (say("designing the product and the APIs around it"), "systems"),
            "fit_math": (say("I'm not a math person at all"), "low"),
            "fit_cloud": (say("sure, devops sounds fun"), "yes"),
            "fit_data": (say("nope"), "no"),
            "fit_team": (say("either is fine"), "any"),
        },
        "ai_engineer",
        interjections={1: (say("hmm, let's start over"), "restart")},
        follow_up=("what should I learn first?", "path"),
    ),
]


def _text(messages: List[dict]) -> str:
    return "\n".join(m.get("text", "") for m in messages)


def _send(api: Api, sender: str, step: Step, last: List[dict]) -> List[dict]:
    kind, text = step
    if kind == "click":
        buttons = [b for m in last for b in m.get("buttons") or []]
        payload = next((b["payload"] for b in buttons if b["title"] == text), None)
        assert payload, f"no button {text!r} in {[b['title'] for b in buttons]}"
        return api.say(sender, payload)
    return api.say(sender, text)


def _shown(reply: str) -> str | None:
    numbers = QUESTION.findall(reply)
    assert len(numbers) <= 1, f"more than one question in one reply:\n{reply}"
    return SLOTS[int(numbers[0]) - 1] if numbers else None


@pytest.mark.parametrize("persona", PERSONAS, ids=[p.name for p in PERSONAS])
def test_persona_reaches_the_expected_recommendation(api: Api, persona: Persona) -> None:
    sender = f"persona-{persona.name.replace(' ', '-')}-{secrets.token_hex(3)}"
    reply: List[dict] = []
    for step in persona.opener:
        reply = _send(api, sender, step, reply)
    turns, answer_turns = 1, 0
    shown_history: List[str | None] = []
    while True:
        text = _text(reply)
        shown = _shown(text)
        shown_history.append(shown)
        assert shown_history[-3:] != [shown] * 3 or shown is None, f"{shown} shown three times in a row"
        if shown is None:
            break
        slots = api.slots(sender)
        assert slots["fit_state"]["current"] == shown, "the question on screen is the one the state waits for"
        if answer_turns in persona.interjections:
            step, kind = persona.interjections.pop(answer_turns)
            before = slots["fit_state"]["answers"]
            reply = _send(api, sender, step, reply)
            turns += 1
            _check_interjection(api, sender, kind, shown, before, _text(reply))
            if kind == "stop":
                break
            continue
        step, option = persona.answers[shown]
        reply = _send(api, sender, step, reply)
        turns += 1
        answer_turns += 1
        stored = api.slots(sender)["fit_state"]["answers"].get(shown)
        assert stored and stored["option"] == option, f"answer to {shown}: stored {stored}, expected {option}"
        assert turns <= 7, f"no recommendation after {turns} messages:\n{_text(reply)}"

    final = _text(reply)
    if persona.stops:
        assert "stopped the questions" in final and api.slots(sender)["fit_state"]["status"] == "stopped"
        after = _text(api.say(sender, "what does an AI engineer do?"))
        assert "AI Engineer" in after and "Question" not in after, after  # not taken as an interview answer
        return
    assert ROLE_HEAD[persona.expected] in final, final
    assert turns <= 7
    assert api.slots(sender)["fit_role"] == persona.expected
    if persona.expected:
        assert ENTRY_BAND[persona.expected] in final and "Foundation stage" in final
    if persona.follow_up:
        _check_follow_up(api, sender, persona.expected, *persona.follow_up)


def _check_interjection(api: Api, sender: str, kind: str, shown: str, before: dict, reply: str) -> None:
    state = api.slots(sender)["fit_state"]
    if kind == "side":
        assert "$90,000–$115,000" in reply, reply  # the question is answered...
        assert _shown(reply) == shown and state["answers"] == before  # ...and the same question comes back
    elif kind == "restart":
        assert state["answers"] == {} and _shown(reply) == "fit_work", reply
    elif kind == "fix":
        assert state["answers"]["fit_work"]["option"] == "systems" and "Changed your answer" in reply, reply
        # the question on screen still waits for its answer, unless the change already decides it
        assert _shown(reply) == shown or (_shown(reply) is None and "My recommendation" in reply), reply
    elif kind == "stop":
        assert state["status"] == "stopped" and _shown(reply) is None


def _check_follow_up(api: Api, sender: str, role: str | None, message: str, kind: str) -> None:
    reply = _text(api.say(sender, message))
    assert role is not None
    other = "ml_engineer" if role == "ai_engineer" else "ai_engineer"
    if kind == "entry":
        assert ENTRY_BAND[role] in reply and ENTRY_BAND[other] not in reply, reply
    else:
        names = {"ai_engineer": "AI Engineer", "ml_engineer": "Machine Learning Engineer"}
        assert names[role] in reply and names[other] not in reply, reply


def test_a_statement_about_oneself_after_the_recommendation_revises_it(api: Api) -> None:
    """NLU reads 'numbers are my strong point' as the math question; after a recommendation it is an answer."""
    sender = f"revise-{secrets.token_hex(3)}"
    description = (
        "which role fits me? I love building APIs and deploying models, math scares me, data cleaning bores me"
    )
    first = _text(api.say(sender, description))
    assert "My recommendation" in first and api.slots(sender)["fit_state"]["answers"]["fit_math"]["option"] == "low"
    reply = _text(api.say(sender, "actually numbers are my strong point"))
    assert "Updated your answers" in reply and "My recommendation" in reply, reply
    slots = api.slots(sender)
    assert slots["fit_state"]["answers"]["fit_math"]["option"] == "high" and slots["topic"] == "role_fit"
    # a question is still answered as a question
    assert "Docker" in _text(api.say(sender, "what tools are used for deployment"))
