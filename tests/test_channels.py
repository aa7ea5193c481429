"""The message guard and REST request validation, without a server."""

from __future__ import annotations

import json
from types import SimpleNamespace

import pytest
from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

from channels.guard import APOLOGY, EMPTY_REPLY, MAX_MESSAGE_CHARS, TOO_LONG_REPLY, guarded, refusal
from channels.rest import MAX_BODY_BYTES, parse_body


def request(body: bytes) -> SimpleNamespace:
    return SimpleNamespace(body=body)


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b"[1, 2]", 400),
        (json.dumps({"message": "hi"}).encode(), 400),
        (json.dumps({"sender": "", "message": "hi"}).encode(), 400),
        (json.dumps({"sender": "a", "message": 5}).encode(), 400),
        (json.dumps({"sender": ["a"], "message": "hi"}).encode(), 400),
        (json.dumps({"sender": "a", "message": "hi", "metadata": "x"}).encode(), 400),
        (b"\xff\xfe\x00", 400),
        (b"x" * (MAX_BODY_BYTES + 1), 413),
    ],
)
def test_bad_requests_get_json_errors(body, status):
    result = parse_body(request(body))
    assert result.status == status
    assert "error" in json.loads(result.body)


def test_good_request_parses():
    assert parse_body(request(json.dumps({"sender": 42, "message": "hi"}).encode())) == ("42", "hi", {})


@pytest.mark.parametrize(
    ("text", "reply"),
    [
        ("", EMPTY_REPLY),
        ("   \n", EMPTY_REPLY),
        (None, EMPTY_REPLY),
        ("x" * (MAX_MESSAGE_CHARS + 1), TOO_LONG_REPLY),
        ("what does an MLE earn?", None),
    ],
)
def test_refusal(text, reply):
    assert refusal(text) == reply


async def test_guard_apologises_when_nothing_was_said():
    async def silent(message: UserMessage) -> None:
        return None

    collector = CollectingOutputChannel()
    await guarded(silent)(UserMessage("hi", collector, "u"))
    assert [m["text"] for m in collector.messages] == [APOLOGY]


async def test_guard_gives_up_on_a_slow_reply(monkeypatch):
    import asyncio

    import channels.guard as guard

    async def slow(message: UserMessage) -> None:
        await asyncio.sleep(5)

    monkeypatch.setattr(guard, "REPLY_TIMEOUT_SECONDS", 0.05)
    collector = CollectingOutputChannel()
    await guarded(slow)(UserMessage("hi", collector, "u"))
    assert [m["text"] for m in collector.messages] == [APOLOGY]


async def test_guard_passes_replies_through_and_survives_errors():
    async def talkative(message: UserMessage) -> None:
        await message.output_channel.send_response(message.sender_id, {"text": "hello"})

    async def broken(message: UserMessage) -> None:
        raise RuntimeError("boom")

    collector = CollectingOutputChannel()
    await guarded(talkative)(UserMessage("hi", collector, "u"))
    assert [m["text"] for m in collector.messages] == ["hello"]
    collector = CollectingOutputChannel()
    await guarded(broken)(UserMessage("hi", collector, "u"))
    assert [m["text"] for m in collector.messages] == [APOLOGY]


async def test_readiness_names_an_unreachable_database_without_its_password():
    import sqlalchemy as sa

    from channels.health import readiness

    class Store:
        engine = sa.create_engine(
            "postgresql://careerbot:s3cret@127.0.0.1:1/careerbot", connect_args={"connect_timeout": 1}
        )

    class Agent:
        tracker_store = Store()
        action_endpoint = None
        lock_store = None

        def is_ready(self) -> bool:
            return True

    ok, checks = await readiness(Agent())
    assert not ok
    assert checks["tracker_store"].startswith("unavailable")
    assert "s3cret" not in str(checks)
    assert checks["action_server"] == "not configured"


async def test_readiness_without_a_model():
    from channels.health import readiness

    assert await readiness(None) == (False, {"model": "not loaded"})
