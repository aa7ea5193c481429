"""patches/action_payload.py: the action server gets this turn's events; the rest of the body is Rasa's own."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.core.actions.action import RemoteAction
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from patches import action_payload

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.load(str(ROOT / "domain.yml"))


def _tracker(domain: Domain, turns: int) -> DialogueStateTracker:
    events = [ActionExecuted("action_session_start"), ActionExecuted("action_listen")]
    for n in range(turns):
        events += [
            UserUttered(f"question {n}", intent={"name": domain.intents[0], "confidence": 1.0}),
            ActionExecuted("action_answer_question"),
            BotUttered(f"answer {n}"),
            SlotSet(domain.slots[0].name, f"value {n}"),
            ActionExecuted("action_listen"),
        ]
    events += [UserUttered("the latest", intent={"name": domain.intents[1], "confidence": 0.9})]
    return DialogueStateTracker.from_events("payload-test", events, slots=domain.slots)


def _bodies(domain: Domain, tracker: DialogueStateTracker, selective: bool) -> tuple[dict, dict]:
    endpoint = EndpointConfig("http://127.0.0.1:1/webhook", enable_selective_domain=selective)
    action = RemoteAction("action_answer_question", endpoint)
    action_payload.uninstall()
    rasas = action._action_call_format(tracker, domain)
    action_payload.install()
    try:
        ours = action._action_call_format(tracker, domain)
    finally:
        action_payload.uninstall()
    return rasas, ours


@pytest.mark.parametrize("selective", [True, False])
def test_only_this_turns_events_everything_else_as_rasa_sends_it(domain: Domain, selective: bool):
    tracker = _tracker(domain, turns=6)
    rasas, ours = _bodies(domain, tracker, selective)
    assert [e["event"] for e in ours["tracker"]["events"]] == ["user"]
    assert ours["tracker"]["events"][0]["text"] == "the latest"
    assert len(rasas["tracker"]["events"]) == 33
    rasas["tracker"].pop("events"), ours["tracker"].pop("events")
    assert ours == rasas and ("domain" in ours) is not selective
    assert ours["tracker"]["slots"][domain.slots[0].name] == "value 5"  # the memory is in the slots


def test_events_after_the_latest_user_message_are_sent_and_without_one_all_are(domain: Domain):
    tracker = _tracker(domain, turns=2)
    tracker.update(ActionExecuted("action_start_role_fit"))
    tracker.update(SlotSet(domain.slots[0].name, "x"))
    assert [e["event"] for e in _bodies(domain, tracker, True)[1]["tracker"]["events"]] == ["user", "action", "slot"]
    empty = DialogueStateTracker.from_events("t", [ActionExecuted("action_session_start")], slots=domain.slots)
    assert len(_bodies(domain, empty, True)[1]["tracker"]["events"]) == 1
