"""GET /health/ready on the real Rasa server: 503 while the action server is down, 200 once it is back."""

from __future__ import annotations

import time

import pytest
import requests

from tests.e2e.servers import Bot, running_bot, start_action_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Bot:
    with running_bot(tmp_path_factory.mktemp("ready")) as bot:
        yield bot


def ready(bot: Bot) -> requests.Response:
    return requests.get(f"http://127.0.0.1:{bot.port}/health/ready", timeout=15)


def test_ready_when_everything_answers(bot: Bot) -> None:
    reply = ready(bot)
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["status"] == "ready"
    assert body["checks"] == {
        "model": "ok",
        "action_server": "ok",
        "tracker_store": "ok",
        "lock_store": "in memory",
    }
    assert requests.get(f"http://127.0.0.1:{bot.port}/health/live", timeout=5).json() == {"status": "ok"}


def test_not_ready_while_the_action_server_is_down(bot: Bot) -> None:
    port = bot.actions.port
    bot.actions.stop()
    reply = ready(bot)
    assert reply.status_code == 503
    body = reply.json()
    assert body["status"] == "not ready"
    assert body["checks"]["action_server"].startswith("unavailable")
    assert body["checks"]["tracker_store"] == "ok"
    bot.actions = start_action_server(bot.actions.log.parent, port=port)
    deadline = time.monotonic() + 15
    while ready(bot).status_code != 200:
        assert time.monotonic() < deadline, "not ready again within 15 s of the action server's return"
        time.sleep(0.3)
