"""The real action server and Rasa server, talked to over the REST channel as a client would."""

from __future__ import annotations

import pytest
import requests

from tests.e2e.servers import Bot, running_bot, start_action_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    with running_bot(tmp_path_factory.mktemp("rest")) as bot:
        yield bot


def test_salary_follow_ups_keep_context(bot):
    sender = "rest-salary"
    first = bot.reply(sender, "how much does a machine learning engineer make?")
    assert "$90,000–$115,000" in first and "US, 2026 outlook" in first
    second = bot.reply(sender, "and at senior level?")
    assert "Machine Learning Engineer, senior level" in second and "$145,000–$180,000+" in second
    third = bot.reply(sender, "and the other role?")
    assert "AI Engineer, senior level" in third and "$140,000–$170,000+" in third


def test_workflow_then_tools_for_that_step(bot):
    sender = "rest-workflow"
    first = bot.reply(sender, "what happens in the deployment step of an AI project?")
    assert "Deployment and Integration" in first
    second = bot.reply(sender, "which tools are used in that step?")
    assert "Docker" in second and "Kubernetes" in second


def test_honest_about_missing_salary_data(bot):
    text = bot.reply("rest-honest", "what's the salary of an ML engineer in India?")
    assert "only the United States" in text and "India" in text
    text = bot.reply("rest-honest-2", "how much do data scientists earn?")
    assert "only for AI Engineers and Machine Learning Engineers" in text


def test_answers_come_with_quick_replies(bot):
    messages = bot.say("rest-buttons", "hi")
    assert any(m.get("buttons") for m in messages)
    payload = next(b["payload"] for m in messages for b in m.get("buttons", []) if b["title"] == "Salaries")
    assert "$85,000–$110,000" in bot.reply("rest-buttons", payload)


def test_out_of_scope_is_declined(bot):
    text = bot.reply("rest-oos", "what's the weather like in paris tomorrow?")
    assert "AI Engineer" in text and "$" not in text


# ---------- hostile and broken input against the real servers ----------

HOSTILE = [
    "",
    "   ",
    "x" * 10_000,
    "😀😀😀",
    "¿Cuánto gana un ingeniero de aprendizaje automático?",
    "\x00\x01\x02 binary junk \ufffd",
    "<script>alert('x')</script>",
    "'; DROP TABLE events; --",
    '/inform{"role": "wizard"}',
    '/inform{"level": "galactic"',
    "/no_such_intent",
    '/ask_salary{"role": "ml_engineer", "level": "overlord"}',
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_input_gets_a_friendly_reply(bot, text):
    messages = bot.say("rest-hostile", text)
    assert messages, "every message gets a reply"
    joined = "\n".join(m.get("text", "") for m in messages)
    assert joined.strip()
    assert "Traceback" not in joined and "Exception" not in joined
    assert "<script>" not in joined


@pytest.mark.parametrize(
    "body",
    [b"{bad json", b"[]", b'{"message": "hi"}', b'{"sender": "a", "message": 7}', b'{"sender": "a"}', b"x" * 70_000],
)
def test_malformed_requests_get_4xx_json(bot, body):
    response = requests.post(
        f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook",
        data=body,
        headers={"Content-Type": "application/json"},
        timeout=30,
    )
    assert 400 <= response.status_code < 500
    assert "error" in response.json()
    assert "$90,000" in bot.reply("rest-after-bad", "ML engineer entry level salary?")


def test_http_api_is_off_by_default(bot):
    assert requests.get(f"http://127.0.0.1:{bot.port}/status", timeout=10).status_code in (403, 404)
    assert requests.get(f"http://127.0.0.1:{bot.port}/conversations/rest-salary/tracker", timeout=10).status_code in (
        403,
        404,
    )


def test_action_server_down_then_back(bot):
    """Runs last in this module: it stops and restarts the action server."""
    sender = "rest-outage"
    assert "$90,000–$115,000" in bot.reply(sender, "how much does a machine learning engineer make?")
    port = bot.actions.port
    bot.actions.stop()
    text = bot.reply(sender, "and at senior level?")
    assert "try again" in text
    assert "careerbot" in bot.reply(sender, "hello")  # responses need no action server
    bot.actions = start_action_server(bot.actions.log.parent, port=port)
    assert "$145,000–$180,000+" in bot.reply(sender, "and at senior level?")


def test_a_heavily_misspelt_question_is_read_as_meant(bot):
    """NLU reads the mended text (components/spelling.py): it took this for a tools question, sure of it, before."""
    text = bot.reply("rest-typos", "cn 1 persn do bth roles in smal team")
    assert "smaller teams" in text and "Docker" not in text
