"""The small-talk guard (components/small_talk_guard.py): a follow-up NLU read as small talk goes to the fallback."""

from __future__ import annotations

import pytest
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from components.small_talk_guard import SmallTalkGuard, is_follow_up


@pytest.mark.parametrize(
    ("intent", "text", "follow_up"),
    [
        ("thanks", "grafana", True),  # a tool
        ("bot_challenge", "are they indicative or exact?", True),  # a fact the article lacks (the figures' source)
        ("thanks", "ok back to the workflow, the step after the one we discussed", True),  # a move in the list
        ("thanks", "thanks for the salary info", False),  # its own word
        ("bot_challenge", "is this an AI", False),  # a bare role word is no follow-up
        ("goodbye", "ok I'm logging off now", False),
        ("greet", "hello", False),
        ("ask_tools", "grafana", False),  # not small talk at all
    ],
)
def test_small_talk_naming_the_article_is_a_follow_up(intent, text, follow_up):
    assert is_follow_up(intent, text) is follow_up


def test_the_guard_turns_the_intent_into_the_fallback_and_leaves_small_talk_alone():
    guard = SmallTalkGuard()
    tool = Message({TEXT: "grafana", INTENT: {"name": "thanks", "confidence": 0.6}})
    thanks = Message({TEXT: "thanks a lot", INTENT: {"name": "thanks", "confidence": 0.9}})
    guard.process([tool, thanks])
    assert tool.get(INTENT) == {"name": "nlu_fallback", "confidence": 0.6}
    assert tool.get(INTENT_RANKING_KEY)[0]["name"] == "nlu_fallback"
    assert thanks.get(INTENT)["name"] == "thanks"


@pytest.mark.parametrize(
    ("intent", "text", "follow_up"),
    [
        ("deny", "the one before?", True),  # a move in the list, not a 'no'
        ("deny", "no, not really", False),
        ("affirm", "yes please", False),
        ("affirm", "and the step after?", True),
    ],
)
def test_yes_and_no_readings_of_a_move_in_the_list_are_follow_ups(intent, text, follow_up):
    assert is_follow_up(intent, text) is follow_up


@pytest.mark.parametrize(
    ("intent", "text", "follow_up"),
    [
        ("help", "what else is on that list?", True),  # the list the last answer showed
        ("help", "what's next to it in that list?", True),
        ("help", "others?", True),
        ("help", "what else can you help with?", False),  # its own words
        ("help", "ok, so what topics does it actually cover?", False),
        ("help", "what can you do?", False),
    ],
)
def test_help_readings_of_a_question_about_the_last_list_are_follow_ups(intent, text, follow_up):
    assert is_follow_up(intent, text) is follow_up


@pytest.mark.parametrize(
    ("text", "follow_up"),
    [
        ("so who would take that chatbot into production?", True),  # a bot of the article's scenario, and a step named
        ("are you a bot?", False),  # put to this bot
        ("who built this bot?", False),  # about this bot, nothing of the article named
    ],
)
def test_a_bot_of_the_articles_examples_is_no_bot_challenge(text, follow_up):
    assert is_follow_up("bot_challenge", text) is follow_up
