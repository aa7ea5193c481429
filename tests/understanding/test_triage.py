"""Ask when unsure: answer when text and NLU agree, offer likely topics when close, decline politely otherwise."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionClarify
from actions.understanding.triage import Triage, payload_entities, triage


def ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


def test_agreeing_text_and_nlu_answer(kb):
    decision = triage(kb, ranking(("ask_salary", 0.31), ("ask_tools", 0.29)), "what does a senior ML engineer earn?")
    assert decision.kind == "answer" and decision.intents == ("ask_salary",)


def test_clear_words_with_a_kb_term_answer_even_when_nlu_is_lost(kb):
    decision = triage(kb, ranking(("out_of_scope", 0.4), ("ask_math", 0.1)), "how mch does a senor ml enginer make")
    assert decision == triage(kb, [], "how mch does a senor ml enginer make")
    assert decision.kind == "answer" and decision.intents == ("ask_salary",)


def test_close_intents_are_offered(kb):
    decision = triage(kb, ranking(("ask_tools", 0.22), ("ask_workflow", 0.2), ("greet", 0.1)), "stuff about projects")
    assert decision.kind == "ask" and decision.intents[:2] == ("ask_tools", "ask_workflow")
    assert len(decision.intents) <= 3


def test_nothing_in_scope_declines(kb):
    assert triage(kb, ranking(("out_of_scope", 0.3), ("greet", 0.2)), "blorp zzz").kind == "decline"
    assert triage(kb, ranking(("ask_tools", 0.05)), "asdf qwerty").kind == "decline"


def test_buttons_keep_the_named_role(kb):
    keys = payload_entities(kb, "ML engineer stuff at senior level", [])
    assert keys == {"role": "ml_engineer", "level": "senior"}


def tracker(text: str, intent: str, ranked: List[Dict[str, Any]]) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.3}, "entities": [], "intent_ranking": ranked}
    return Tracker("tester", {}, message, [], False, None, {}, "action_listen")


async def test_action_asks_with_buttons(kb):
    dispatcher = CollectingDispatcher()
    t = tracker("ML engineer things", "nlu_fallback", ranking(("ask_tools", 0.25), ("ask_skills", 0.24)))
    await ActionClarify().run(dispatcher, t, {})
    message = dispatcher.messages[0]
    assert "Did you mean" in message["text"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert payloads[0] == "/ask_tools" + json.dumps({"role": "ml_engineer"})


async def test_action_answers_when_clear(kb):
    dispatcher = CollectingDispatcher()
    t = tracker("what do AI engineers earn at entry level", "nlu_fallback", ranking(("ask_salary", 0.2)))
    events = await ActionClarify().run(dispatcher, t, {})
    assert "$85,000–$110,000" in dispatcher.messages[0]["text"]
    assert any(e.get("name") == "topic" and e.get("value") == "salary" for e in events)


async def test_action_declines_with_a_next_step(kb):
    dispatcher = CollectingDispatcher()
    await ActionClarify().run(dispatcher, tracker("/no_such_intent", "no_such_intent", []), {})
    message = dispatcher.messages[0]
    assert "didn't quite get that" in message["text"] and message["buttons"]


def test_off_topic_is_double_checked_against_the_kb(kb):
    out = ranking(("out_of_scope", 0.9))
    assert triage(kb, out, "how mch does a senor ml enginer make", "out_of_scope") == triage(
        kb, [], "how mch does a senor ml enginer make", "out_of_scope"
    )
    assert triage(kb, out, "how mch does a senor ml enginer make", "out_of_scope").intents == ("ask_salary",)
    assert triage(kb, out, "demand growth in percent?", "out_of_scope").intents == ("ask_future_proof",)
    assert triage(kb, out, "what is 15% of 80?", "out_of_scope").kind == "off_topic"
    assert triage(kb, out, "how much does a nurse earn?", "out_of_scope").kind == "off_topic"
    assert triage(kb, out, "what's the weather in paris", "out_of_scope").kind == "off_topic"
    assert triage(kb, out, "what is MLOps?", "out_of_scope").intents == ("ask_role_definition",)


def test_pointing_back_or_correcting_follows_up(kb):
    unsure = ranking(("ask_role_definition", 0.2), ("ask_salary", 0.18))
    assert triage(kb, unsure, "oops, I meant ML engineer", previous_topic="salary").intents == ("inform",)
    assert triage(kb, unsure, "which of those do AI engineers deal with?", previous_topic="challenges").intents == (
        "inform",
    )
    assert triage(kb, unsure, "oops, I meant ML engineer").kind == "ask"  # nothing to follow up on


def test_unsure_nlu_with_clear_words_answers(kb):
    unsure = ranking(("ask_skill_comparison", 0.22), ("ask_responsibilities", 0.21))
    assert triage(kb, unsure, "is cloud deployment more of an AI engineer thing?").intents == ("ask_skill_comparison",)
    assert triage(kb, ranking(("ask_salary_factors", 0.17)), "where does XGBoost come in?").intents == ("ask_tools",)
    assert triage(kb, ranking(("ask_workflow", 0.18)), "what tooling gets a model into production?").intents == (
        "ask_tools",
    )
    assert triage(kb, ranking(("ask_role_definition", 0.15)), "what is a data scientist here?").intents == (
        "ask_role_definition",
    )


@pytest.mark.parametrize(
    "text",
    [
        "can you fix this python error: list index out of range",
        "how do I reverse a linked list in java",
        "write me a SQL query that finds duplicate rows in a table",
        "my docker container keeps crashing with exit code 137, how do i fix it",
        "debug my pandas code, it says KeyError date",
        "my docker container keeps exiting with code 137, why",
        "my pytorch install fails with a cuda error, fix pls",
        "write a regex for email validation",
        "my kubernetes pod is stuck in CrashLoopBackOff",
    ],
)
def test_help_with_someones_code_stays_off_topic_though_it_names_kb_tools(kb, text):
    assert triage(kb, [{"name": "out_of_scope", "confidence": 0.6}], text, intent="out_of_scope").kind == "off_topic"


@pytest.mark.parametrize("text", ["who fixes model drift, ai or ml engineers?", "who fixes my model when it drifts?"])
def test_a_career_question_with_fix_in_it_is_still_double_checked(kb, text):
    verdict = triage(kb, [{"name": "out_of_scope", "confidence": 0.4}], text, intent="out_of_scope")
    assert verdict.kind != "off_topic"


def test_a_topic_of_the_thing_just_talked_about_is_answered_not_declined(kb):
    assert triage(kb, [], "and its tools", "out_of_scope", "workflow") == Triage("answer", ("ask_tools",))
    assert triage(kb, [], "what is its capital", "out_of_scope", "workflow").kind == "off_topic"


def test_switching_roles_after_an_answer_follows_it_up(kb):
    """'switch roles — the ML side?' names only a role: the thread's question for the other role, not a menu."""
    assert triage(kb, [], "switch roles — the ML side?", "nlu_fallback", "scenarios").intents == ("inform",)
    assert triage(kb, [], "back to AI — entry?", "nlu_fallback", "salary").intents == ("inform",)
