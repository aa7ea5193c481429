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
    ActionAskFitStep,
    ActionRecommendRole,
    ActionStartRoleFit,
    ValidateRoleFitForm,
)

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
    text = messages[0]["text"]
    assert "For a Machine Learning Engineer you already cover" in text  # counted, not read back
    assert "1. ML Algorithms (High for this role" in text  # what the role rates highest that they lack


def fit_state(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    return events_as_slots(events)["fit_state"]


def user_turn(text: str, intent: str, entities=None, **slots: Any) -> Tracker:
    """A tracker whose latest event is a user message (the form's validation runs on those)."""
    t = tracker(text, intent, entities, **slots)
    t.events = [{"event": "action", "name": "action_listen"}, {"event": "user", "text": text}]
    return t


async def test_start_shows_intro_and_asks_in_the_same_reply():
    messages, events = await run(ActionStartRoleFit(), tracker("which role fits me", "ask_role_fit"))
    assert "5 quick questions" in messages[0]["text"]
    state = fit_state(events)
    assert state["current"] == "fit_work" and state["answers"] == {}
    assert events_as_slots(events)["fit_step"] is None  # the form then asks fit_step: the first question
    messages, events = await run(ActionAskFitStep(), tracker("which role fits me", "ask_role_fit", fit_state=state))
    assert messages[0]["text"].startswith("Question 1 of 5:")
    assert messages[0]["buttons"][0]["payload"] == '/inform{"fit_answer": "systems", "fit_question": "fit_work"}'


async def test_a_deciding_self_description_finishes_the_form_at_once():
    text = "I'm a backend dev with lots of cloud experience and I hate math, which role fits me?"
    messages, events = await run(ActionStartRoleFit(), tracker(text, "ask_role_fit"))
    assert messages == []  # the recommendation follows in one bubble (action_recommend_role)
    assert events_as_slots(events)["fit_step"] == "done" and fit_state(events)["status"] == "done"


async def test_a_leaning_self_description_says_the_lean_and_goes_on():
    text = "I love training models, which role fits me?"
    messages, events = await run(ActionStartRoleFit(), tracker(text, "ask_role_fit"))
    assert messages[0]["text"].startswith("**My lean so far: Machine Learning Engineer")
    assert events_as_slots(events)["fit_step"] is None and fit_state(events)["status"] == "asking"


@pytest.mark.parametrize(
    ("text", "intent", "entities", "stored"),
    [
        ("I prefer building systems", "inform", [], "systems"),
        (
            '/inform{"fit_answer": "models", "fit_question": "fit_work"}',
            "inform",
            [{"entity": "fit_answer", "value": "models"}, {"entity": "fit_question", "value": "fit_work"}],
            "models",
        ),
        ("purple", "nlu_fallback", [], None),
    ],
)
async def test_validate_stores_answers_against_the_question_on_screen(text, intent, entities, stored):
    start = {"answers": {}, "current": "fit_work", "misses": 0, "status": "asking"}
    _, events = await run(ValidateRoleFitForm(), user_turn(text, intent, entities, fit_state=start, fit_step=text))
    state = fit_state(events)
    assert state["answers"].get("fit_work", {}).get("option") == stored
    assert state["current"] == ("fit_work" if stored is None else "fit_math")
    assert events_as_slots(events)["fit_step"] is None  # keep asking: the form requests fit_step again


async def test_validation_ignores_the_message_that_started_the_form():
    t = tracker("which role fits me", "ask_role_fit", fit_state={"current": "fit_work"})
    t.events = [{"event": "user", "text": "which role fits me"}, {"event": "action", "name": "action_start_role_fit"}]
    _, events = await run(ValidateRoleFitForm(), t)
    assert events == []


async def test_question_mid_interview_is_answered_then_reasked():
    start = {"answers": {"fit_work": {"option": "systems", "said": "x", "how": "button"}}, "current": "fit_math"}
    t = user_turn(
        "how much do ML engineers make?",
        "ask_salary",
        [{"entity": "role", "value": "ml_engineer"}],
        fit_state=start,
        fit_step="how much do ML engineers make?",
    )
    messages, events = await run(ValidateRoleFitForm(), t)
    assert "$90,000–$115,000" in messages[0]["text"] and len(messages) == 1
    state = fit_state(events)
    assert state["current"] == "fit_math" and "fit_math" not in state["answers"] and state["asides"] == 1
    messages, _ = await run(ActionAskFitStep(), tracker("", "ask_salary", fit_state=state))
    assert messages[0]["text"].startswith("Back to it — Question 2 of 5:")  # one reminder with the question...
    messages, _ = await run(ActionAskFitStep(), tracker("", "ask_salary", fit_state={**state, "asides": 2}))
    assert "Question 2 of 5" not in messages[0]["text"]  # ...then only a button back to it
    assert messages[0]["buttons"][0]["title"] == "Back to question 2 (advanced math)"


@pytest.mark.parametrize("text", ["stop", "I want to quit", "cancel"])
async def test_stop_ends_the_form_and_says_so(text):
    start = {"answers": {}, "current": "fit_work"}
    _, events = await run(ValidateRoleFitForm(), user_turn(text, "stop", fit_state=start, fit_step=text))
    assert events_as_slots(events)["fit_step"] == "done" and fit_state(events)["status"] == "stopped"
    messages, events = await run(ActionRecommendRole(), tracker(text, "stop", fit_state=fit_state(events)))
    assert "stopped the questions" in messages[0]["text"]
    assert "role" not in events_as_slots(events)


async def test_recommendation_sets_role_for_follow_ups():
    answers = {"fit_work": "systems", "fit_math": "low", "fit_cloud": "yes", "fit_data": "no", "fit_team": "large"}
    state = {"answers": {k: {"option": v, "said": v, "how": "button"} for k, v in answers.items()}, "status": "done"}
    messages, events = await run(ActionRecommendRole(), tracker("large", "inform", fit_state=state))
    assert "My recommendation: AI Engineer — quite sure." in messages[0]["text"]
    slots = events_as_slots(events)
    assert slots["role"] == slots["fit_role"] == "ai_engineer" and slots["topic"] == "role_fit"
    follow_up = tracker("what should I learn first?", "ask_learning_path", fit_role="ai_engineer", topic="role_fit")
    messages, _ = await run(ActionAnswerQuestion(), follow_up)
    assert "AI Engineer" in messages[0]["text"] and "Machine Learning Engineer" not in messages[0]["text"]


def test_domain_matches_the_interview():
    assert DOMAIN["forms"]["role_fit_form"]["required_slots"] == ["fit_step"]
    assert "action_ask_fit_step" in DOMAIN["actions"]
    assert {"fit_state", "fit_step", "fit_role"} <= set(DOMAIN["slots"])
    assert {"fit_answer", "fit_question"} <= set(DOMAIN["entities"])


async def test_a_skill_gap_asked_mid_interview_uses_the_skills_named_earlier():
    start = {"answers": {}, "current": "fit_math", "skills": ["Docker", "Kubernetes"]}
    t = user_turn("what am I missing?", "ask_skill_gap", fit_state=start, fit_step="what am I missing?")
    messages, events = await run(ValidateRoleFitForm(), t)
    assert "Next steps, most important first:" in messages[0]["text"]  # not "tell me what you know"
    assert fit_state(events)["current"] == "fit_math" and fit_state(events)["answers"] == {}


async def test_each_answered_question_logs_its_route_without_the_text(caplog):
    """'Why did it answer X?': one log line per question, naming what was asked and the steps that decided it,
    and neither the message's words nor the sender."""
    t = tracker("what breaks in models after months in production?", "ask_best_practices")
    t.latest_message["intent"]["confidence"] = 0.5  # unsure: the words decide
    with caplog.at_level("INFO", logger="careerbot.route"):
        await run(ActionAnswerQuestion(), t)
    (line,) = [r.getMessage() for r in caplog.records if r.name == "careerbot.route"]
    assert "topic=challenges" in line and "the words ask ask_challenges" in line
    assert "months" not in line and "tester" not in line


async def test_why_right_after_a_recommendation_gives_its_reasons():
    """'why?' after the recommendation asks for its reasons, not why the distinction between the roles matters."""
    text = "I'm a backend dev with lots of cloud experience and I hate math, which role fits me?"
    _, events = await run(ActionStartRoleFit(), tracker(text, "ask_role_fit"))
    state = fit_state(events)
    messages, _ = await run(
        ActionAnswerQuestion(), tracker("why?", "ask_why_it_matters", topic="role_fit", fit_state=state)
    )
    assert "from what you told me" in messages[0]["text"] and "distinction" not in messages[0]["text"]
    messages, _ = await run(ActionAnswerQuestion(), tracker("why?", "ask_why_it_matters", topic="salary"))
    assert "distinction" in messages[0]["text"].lower()  # anywhere else it is the article's 'why it matters'


async def test_a_self_description_leaves_the_steps_it_works_in_as_context():
    text = "I look after Grafana and Prometheus dashboards for our servers. Which role is mine?"
    _, events = await run(ActionStartRoleFit(), tracker(text, "ask_role_fit"))
    slots = events_as_slots(events)
    assert slots.get("stage") == "monitoring_maintenance"
    assert "worked:monitoring_maintenance" in (slots.get("subject") or "")


async def test_a_gap_asked_after_a_recommendation_compares_the_skills_described_earlier():
    state = {"answers": {"fit_work": {"option": "models", "said": "data engineer", "how": "description"}},
             "status": "done", "skills": ["Spark", "SQL", "Kafka"]}  # fmt: skip
    t = tracker("what should I add to my skills?", "ask_skill_gap", topic="role_fit", fit_role="ml_engineer",
                fit_state=state)  # fmt: skip
    messages, _ = await run(ActionAnswerQuestion(), t)
    assert "Next steps" in messages[0]["text"]
    assert "Tell me what you already know" not in messages[0]["text"]


async def test_which_role_that_would_be_names_the_advised_role():
    t = tracker("so which role would that be?", "ask_which_better", topic="skill_gap", fit_role="ml_engineer")
    messages, events = await run(ActionAnswerQuestion(), t)
    assert messages[0]["text"].startswith("Machine Learning Engineer")
    assert events_as_slots(events)["role"] == "ml_engineer"


async def test_a_statement_of_what_one_wants_in_ai_gets_a_lean_whatever_nlu_read():
    said = "site reliability engineer, kubernetes and prometheus, on-call. want to work on ML systems"
    messages, _ = await run(ActionAnswerQuestion(), tracker(said, "ask_tools"))
    assert "AI Engineer" in messages[0]["text"].split("\n")[0]
