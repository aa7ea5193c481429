"""Who gets the charts: the widget (socket.io) gets each chart before its answer's text; REST and `rasa shell`
get the text alone, and the terminal never prints an inline picture even if one reaches it."""

from __future__ import annotations

import importlib.util
import io
from typing import Any, Dict, List

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import ActionAnswerQuestion, ActionRecommendRole
from actions.answers.charts import salary_chart
from tests.e2e.servers import ROOT
from tests.test_actions import DOMAIN

_spec = importlib.util.spec_from_file_location("terminal", ROOT / "serving" / "terminal.py")
terminal = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(terminal)  # type: ignore[union-attr]

ANSWERS = {"fit_work": "models", "fit_math": "high", "fit_cloud": "no", "fit_data": "yes", "fit_team": "large"}
FIT_STATE = {"answers": {k: {"option": v, "said": v, "how": "button"} for k, v in ANSWERS.items()}, "status": "done"}


def tracker(channel: str | None, text: str, intent: str, **slots: Any) -> Tracker:
    message = {"text": text, "intent": {"name": intent, "confidence": 0.99}, "entities": []}
    events = [{"event": "user", "text": text, "parse_data": message, "input_channel": channel}]
    return Tracker("tester", slots, message, events, False, None, {}, "action_listen")


async def messages_for(action, t: Tracker) -> List[Dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    await action.run(dispatcher, t, DOMAIN)
    return dispatcher.messages


CASES = [
    (ActionAnswerQuestion(), ("which role pays more?", "ask_salary_comparison"), {}, "Pay compared"),
    (ActionRecommendRole(), ("large", "inform"), {"fit_state": FIT_STATE}, "My recommendation"),
]


@pytest.mark.parametrize("action, said, slots, text", CASES)
async def test_the_widget_gets_the_chart_first_then_the_text_with_its_quick_replies(action, said, slots, text) -> None:
    messages = await messages_for(action, tracker("socketio", *said, **slots))
    chart, answer = messages[0], messages[1]
    assert chart["attachment"]["type"] == "image" and not chart.get("text")
    payload = chart["attachment"]["payload"]
    assert payload["src"].startswith("data:image/svg+xml;base64,") and payload["alt"] and payload["title"]
    assert text in answer["text"] and answer["buttons"], "the quick replies must stay on the last message"


@pytest.mark.parametrize("channel", ["rest", "cmdline", None])
@pytest.mark.parametrize("action, said, slots, text", CASES)
async def test_rest_and_the_shell_get_text_only(channel, action, said, slots, text) -> None:
    messages = await messages_for(action, tracker(channel, *said, **slots))
    assert not any(m.get("attachment") or m.get("image") for m in messages), messages
    assert text in messages[0]["text"]


def test_the_terminal_never_prints_an_inline_picture(kb) -> None:
    plain = terminal.Style(io.StringIO())
    chart = salary_chart(kb)
    for message in ({"attachment": chart.attachment()}, {"image": chart.data_uri()}):
        assert terminal.bot_lines(message, 80, plain) == []
    both = terminal.bot_lines({"text": "Pay compared", "attachment": chart.attachment()}, 80, plain)
    assert both == ["Bot: Pay compared"]
    assert not any("svg" in line.lower() or "base64" in line for line in both)
    assert terminal.bot_lines({"image": "https://example.org/a.png"}, 80, plain) == [
        "Bot: Image: https://example.org/a.png"
    ]
