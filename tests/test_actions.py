"""Actions driven with real rasa_sdk trackers: the events they return and the messages they send."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionAnswerQuestion,
    ActionRecommendRole,
    ActionStartRoleFit,
    ValidateRoleFitForm,
)
from actions.advisor import interview_slots

DOMAIN = yaml.safe_load((Path(__file__).parents[1] / "domain.yml").read_text())


def tracker(text: str, intent: str, entities: List[Dict[str, Any]] | None = None, **slots: Any) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": entities or []}
    return Tracker("tester", slots, message, [], False, None, {}, "action_listen")


def events_as_slots(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e["event"] == "slot"}


async def run(action, t: Tracker):
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, t, DOMAIN)
    return dispatcher.messages, events


async def test_answer_sets_context_slots():
    messages, events = await run(
        ActionAnswerQuestion(),
        tracker(
            "senior MLE pay?",
            "ask_salary",
            [{"entity": "role", "value": "ml_engineer"}, {"entity": "level", "value": "senior"}],
        ),
    )
    assert "$145,000–$180,000+" in messages[0]["text"]
    assert messages[0]["buttons"]
    slots = events_as_slots(events)
    assert (slots["topic"], slots["role"], slots["level"]) == ("salary", "ml_engineer", "senior")


async def test_follow_up_uses_slots():
    t = tracker("and entry?", "inform", [{"entity": "level", "value": "entry"}], topic="salary", role="ai_engineer")
    messages, _ = await run(ActionAnswerQuestion(), t)
    assert "AI Engineer, entry level: $85,000–$110,000" in messages[0]["text"]


async def test_unknown_topic_falls_back_to_help():
    messages, events = await run(ActionAnswerQuestion(), tracker("and?", "inform"))
    assert messages[0]["response"] == "utter_help" and events == []


async def test_skill_gap_through_the_action():
    t = tracker(
        "I know python and sql, what do I need for ML?", "ask_skill_gap", [{"entity": "role", "value": "ml_engineer"}]
    )
    messages, _ = await run(ActionAnswerQuestion(), t)
    assert "For a Machine Learning Engineer you already cover" in messages[0]["text"]


async def test_start_role_fit_clears_answers():
    messages, events = await run(ActionStartRoleFit(), tracker("which role fits me", "ask_role_fit", fit_work="models"))
    assert "5 quick questions" in messages[0]["text"]
    assert events_as_slots(events) == {slot: None for slot in interview_slots_()}


def interview_slots_():
    from actions.knowledge import get_kb

    return interview_slots(get_kb())


@pytest.mark.parametrize(
    ("text", "intent", "entities", "expected"),
    [
        ("I prefer building systems", "inform", [], {"fit_work": "systems"}),
        (
            '/inform{"fit_answer": "models"}',
            "inform",
            [{"entity": "fit_answer", "value": "models"}],
            {"fit_work": "models"},
        ),
        ("purple", "nlu_fallback", [], {"fit_work": None, "fit_retry": True}),
    ],
)
async def test_validate_interview_answers(text, intent, entities, expected):
    t = tracker(text, intent, entities, requested_slot="fit_work", fit_work=text)
    _, events = await run(ValidateRoleFitForm(), t)
    assert events_as_slots(events) == expected


async def test_question_mid_interview_is_answered_then_reasked():
    t = tracker(
        "how much do ML engineers make?",
        "ask_salary",
        [{"entity": "role", "value": "ml_engineer"}],
        requested_slot="fit_math",
        fit_math="how much do ML engineers make?",
    )
    messages, events = await run(ValidateRoleFitForm(), t)
    assert "$90,000–$115,000" in messages[0]["text"] and "back to the questions" in messages[1]["text"]
    assert events_as_slots(events)["fit_math"] is None


async def test_restart_mid_interview():
    t = tracker("let's start over", "inform", requested_slot="fit_cloud", fit_work="models", fit_cloud="start over")
    messages, events = await run(ValidateRoleFitForm(), t)
    assert messages[0]["text"].startswith("Starting over")
    assert all(v is None for v in events_as_slots(events).values())


async def test_recommendation_sets_role():
    answers = {"fit_work": "systems", "fit_math": "low", "fit_cloud": "yes", "fit_data": "no", "fit_team": "large"}
    messages, events = await run(ActionRecommendRole(), tracker("large", "inform", **answers))
    assert "My recommendation: AI Engineer." in messages[0]["text"]
    assert events_as_slots(events)["role"] == "ai_engineer"


def test_domain_matches_kb_interview():
    assert DOMAIN["forms"]["role_fit_form"]["required_slots"] == interview_slots_()
    for slot in interview_slots_():
        assert f"action_ask_{slot}" in DOMAIN["actions"]
