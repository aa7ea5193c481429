"""The real action server and Rasa server, talked to over the REST channel as a client would."""

from __future__ import annotations

import pytest

from tests.e2e.servers import Bot, running_bot

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
