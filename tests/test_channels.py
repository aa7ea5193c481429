"""The channels' parts without a server: the message guard, REST and socket.io payload checks, readiness checks,
rate-limit buckets, erasure phrases and offered payloads."""

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


def test_token_bucket_allows_a_burst_then_the_rate():
    from channels.limits import TokenBucket

    bucket = TokenBucket(rate=1.0, burst=3)
    assert [bucket.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.0]
    assert bucket.take("a", now=0.0) == pytest.approx(1.0)
    assert bucket.take("b", now=0.0) == 0.0  # keys are independent
    assert bucket.take("a", now=1.0) == 0.0  # one token back after a second
    assert TokenBucket(rate=0, burst=1).take("a") == 0.0  # rate 0: no limit


def test_token_bucket_memory_is_bounded():
    from channels.limits import TokenBucket

    bucket = TokenBucket(rate=1.0, burst=1, max_keys=10)
    for i in range(100):
        bucket.take(str(i), now=0.0)
    assert len(bucket._buckets) == 10


def test_loopback_is_exempt_from_the_address_limit_by_default(monkeypatch):
    from channels.limits import RateLimiter

    monkeypatch.setenv("CAREERBOT_BURST_PER_IP", "1")
    limiter = RateLimiter()
    assert limiter.check("a", "127.0.0.1") == limiter.check("b", "127.0.0.1") == 0.0
    assert limiter.check("c", "10.0.0.1") == 0.0 and limiter.check("d", "10.0.0.1") > 0


@pytest.mark.parametrize(
    ("text", "wanted"),
    [("forget me", True), ("Forget me!", True), ("please delete my data.", True), ("ERASE MY CONVERSATION", True),
     ("don't forget me", False), ("how do I forget my data science past", False), ("forget", False)],
)  # fmt: skip
def test_erasure_phrases(text, wanted):
    from channels.erasure import is_known_request

    assert is_known_request(text) is wanted


async def test_unoffered_payload_becomes_plain_text_without_a_server():
    from channels.payloads import as_plain_text, offered

    assert await offered(None, "u", "/greet")
    assert not await offered(None, "u", '/ask_salary{"role": "x"}')
    assert as_plain_text(' //ask_salary{"role": "x"} ') == 'ask_salary{"role": "x"}'


async def test_guard_sends_unoffered_payloads_as_text():
    seen = []

    async def record(message: UserMessage) -> None:
        seen.append(message.text)
        await message.output_channel.send_response(message.sender_id, {"text": "ok"})

    await guarded(record)(UserMessage('/inform{"role": "wizard"}', CollectingOutputChannel(), "u"))
    await guarded(record)(UserMessage("/greet", CollectingOutputChannel(), "u"))
    collector = CollectingOutputChannel()
    await guarded(record)(UserMessage("/", collector, "u"))
    assert seen == ['inform{"role": "wizard"}', "/greet"]
    assert [m["text"] for m in collector.messages] == [EMPTY_REPLY]


def test_deeply_nested_and_oversized_metadata_are_4xx():
    deep = b"[" * 30_000 + b"]" * 30_000
    assert parse_body(request(deep)).status == 400
    big = json.dumps({"sender": "a", "message": "hi", "metadata": {"x": "y" * 3000}}).encode()
    assert parse_body(request(big)).status == 413


def test_socketio_payload_cleaning():
    from channels.socketio import clean_payload, clean_session_request

    assert clean_payload(["x"], "metadata", True) is None
    assert clean_payload({"message": 1, "session_id": "s"}, "metadata", True) is None
    assert clean_payload({"message": "hi"}, "metadata", True) is None
    assert clean_payload({"message": "hi"}, "metadata", False) == {"message": "hi", "metadata": {}}
    cleaned = clean_payload({"message": "hi", "session_id": "s", "metadata": {"x": "y" * 5000}}, "metadata", True)
    assert cleaned["metadata"] == {}
    assert clean_payload({"message": "hi", "session_id": "s", "metadata": '{"a": 1}'}, "metadata", True)[
        "metadata"
    ] == {"a": 1}
    assert clean_session_request(["x"]) == {} and clean_session_request({"session_id": "s"}) == {"session_id": "s"}


def test_the_page_server_and_the_supervisor_load_no_rasa():
    """They use only channels/sessions.py and channels/limits.py: importing the channels package must not load Rasa
    (and TensorFlow with it: ~500 MiB of RSS for each of the two processes `make serve` keeps)."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "import sys\n"
        "import serving.page_server, serving.supervisor, channels.sessions, channels.limits\n"
        "loaded = sorted(m for m in ('rasa', 'tensorflow', 'sanic') if m in sys.modules)\n"
        "assert not loaded, loaded\n"
    )
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
