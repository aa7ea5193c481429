"""Hostile input over REST and socket.io against the real servers, and the chat's "forget me" command.

Malformed bodies and payloads get 4xx / a polite message (never a 500 or silence); metadata is bounded;
`/intent{...}` payloads reach Rasa only when the bot offered them; rate limits answer 429 on REST and a polite
message on socket.io; on loopback REST needs no token, but a token sent must name the sender; "forget me" asks
first and erases only on a "yes" (button or typed) to that question, leaving no text in the SQLite file or its
-wal file, even with a turn in flight; a browser page from another origin cannot erase it.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Iterator, List

import pytest
import requests
import socketio

from channels.erasure import CANCEL, CONFIRM
from channels.sessions import issue
from tests.e2e.servers import Bot, running_bot, start_rasa_server

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Iterator[Bot]:
    with running_bot(tmp_path_factory.mktemp("hostile")) as bot:
        yield bot


def db_of(bot: Bot) -> Path:
    return bot.rasa.log.parent / "careerbot.db"


def user_texts(bot: Bot, sender_id: str) -> List[str]:
    with sqlite3.connect(db_of(bot)) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user' ORDER BY id", (sender_id,)
        ).fetchall()
    return [json.loads(row[0])["text"] for row in rows]


def post(bot: Bot, body: bytes | dict) -> requests.Response:
    url = f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook"
    if isinstance(body, dict):
        return requests.post(url, json=body, timeout=60)
    return requests.post(url, data=body, headers={"Content-Type": "application/json"}, timeout=60)


def sid() -> str:
    return f"hostile-{uuid.uuid4().hex[:10]}"


# ---------- malformed REST bodies ----------


@pytest.mark.parametrize(
    "body",
    [
        b"[" * 30_000 + b"]" * 30_000,  # 60 KB of nesting: RecursionError in json.loads
        b'{"sender": "a", "message": "hi", "metadata": ' + b'{"a":' * 5000 + b"1" + b"}" * 5000 + b"}",
        json.dumps({"sender": "a", "message": "hi", "metadata": {"x": "y" * 3000}}).encode(),
        json.dumps({"sender": "a" * 129, "message": "hi"}).encode(),
        json.dumps({"sender": "a", "message": None}).encode(),
        b"\xef\xbb\xbf\xff",
        b"",
    ],
)
def test_malformed_bodies_get_4xx_json(bot: Bot, body: bytes) -> None:
    reply = post(bot, body)
    assert 400 <= reply.status_code < 500, (reply.status_code, reply.text[:300])
    assert "error" in reply.json()


def test_on_loopback_rest_needs_no_token_but_checks_one_sent(bot: Bot) -> None:
    who = sid()
    assert post(bot, {"sender": who, "message": "hi"}).status_code == 200  # `make serve`: client-chosen ids work
    url = f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook"
    body = {"sender": who, "message": "hi"}
    for token in (issue("someone-else"), "not.a.jwt", issue(who, "another-key-" + "x" * 32)):
        refused = requests.post(url, json=body, headers={"Authorization": f"Bearer {token}"}, timeout=60)
        assert refused.status_code == 401 and "token" in refused.json()["error"], refused.text
    ok = requests.post(url, json=body, headers={"Authorization": f"Bearer {issue(who)}"}, timeout=60)
    assert ok.status_code == 200 and ok.json()


def test_small_metadata_is_accepted(bot: Bot) -> None:
    reply = post(bot, {"sender": sid(), "message": "hi", "metadata": {"language": "en"}})
    assert reply.status_code == 200 and reply.json()


# ---------- /intent{...} payloads ----------


def test_payload_not_offered_goes_through_nlu(bot: Bot) -> None:
    who = sid()
    messages = bot.say(who, '/ask_salary{"role": "ai_engineer", "level": "senior"}')
    assert messages
    texts = user_texts(bot, who)
    assert texts == ['ask_salary{"role": "ai_engineer", "level": "senior"}'], texts


def test_offered_payloads_are_accepted(bot: Bot) -> None:
    who = sid()
    greeting = bot.say(who, "hi")
    salaries = next(b["payload"] for m in greeting for b in m.get("buttons", []) if b["title"] == "Salaries")
    answer = bot.say(who, salaries)  # a button of the domain's greeting
    assert "$85,000–$110,000" in "\n".join(m.get("text", "") for m in answer)
    offered = [b["payload"] for m in answer for b in m.get("buttons", []) if b["payload"].startswith("/inform{")]
    if offered:  # a button of the bot's last message in this conversation
        assert bot.say(who, offered[0])
    texts = user_texts(bot, who)
    assert texts[1] == salaries and (not offered or texts[2] == offered[0]), texts


def test_a_payload_offered_to_someone_else_is_plain_text(bot: Bot) -> None:
    owner, stranger = sid(), sid()
    answer = bot.say(owner, "what does a senior machine learning engineer earn?")
    payloads = [b["payload"] for m in answer for b in m.get("buttons", []) if "{" in b["payload"]]
    assert payloads, answer
    bot.say(stranger, payloads[0])
    assert user_texts(bot, stranger) == [payloads[0].lstrip("/")]


# ---------- socket.io ----------


class SocketUser:
    """A python-socketio client speaking the widget's events (session_persistence: true)."""

    def __init__(self, port: int) -> None:
        self.client = socketio.Client(reconnection=False)
        self.replies: List[dict] = []
        self.session_id = sid()
        self.client.on("bot_uttered", self.replies.append)
        self.client.connect(f"http://127.0.0.1:{port}", socketio_path="/socket.io", wait_timeout=20)
        confirmed = threading.Event()
        self.client.on("session_confirm", lambda *_: confirmed.set())
        self.client.emit("session_request", {"session_id": self.session_id})
        assert confirmed.wait(20)

    def send(self, data: object, replies: int = 1, timeout: float = 30) -> List[dict]:
        """Emit `data`; a dict without customData gets this user's own token (for its own session id)."""
        if isinstance(data, dict) and "customData" not in data:
            data = {**data, "customData": {"token": issue(self.session_id)}}
        before = len(self.replies)
        self.client.emit("user_uttered", data)
        deadline = time.monotonic() + timeout
        while len(self.replies) < before + replies and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.3)  # a reply of several messages
        return self.replies[before:]

    def close(self) -> None:
        self.client.disconnect()


@pytest.fixture
def socket_user(bot: Bot) -> Iterator[SocketUser]:
    user = SocketUser(bot.port)
    yield user
    user.close()


@pytest.mark.parametrize(
    "payload",
    [
        ["not", "an", "object"],
        "just a string",
        {"message": 42},
        {"message": "hi", "session_id": ["x"]},
        {"message": "hi", "session_id": "s" * 200},
        {"message": "hi", "session_id": "pt\udfff"},  # (a 70,000-character message: Sanic's 413, test_hostile_ids)
    ],
)
def test_malformed_socketio_payloads_get_a_polite_reply(bot: Bot, socket_user: SocketUser, payload) -> None:
    replies = socket_user.send(payload)
    assert replies and "couldn't read that message" in replies[0]["text"]
    good = socket_user.send({"message": "what does a senior ML engineer earn?", "session_id": socket_user.session_id})
    assert any("$145,000–$180,000+" in r.get("text", "") for r in good), good


def test_socketio_metadata_is_bounded_and_payloads_checked(bot: Bot, socket_user: SocketUser) -> None:
    replies = socket_user.send(
        {"message": '/inform{"role": "wizard"}', "session_id": socket_user.session_id, "metadata": {"x": "y" * 5000}}
    )
    assert replies
    with sqlite3.connect(db_of(bot)) as db:
        rows = db.execute(
            "SELECT data FROM events WHERE sender_id = ? AND type_name = 'user'", (socket_user.session_id,)
        ).fetchall()
    event = json.loads(rows[-1][0])
    assert event["text"] == 'inform{"role": "wizard"}'
    assert "yyyy" not in rows[-1][0] and "x" not in (event.get("metadata") or {})


# ---------- forget me ----------


def file_bytes(db: Path) -> bytes:
    return b"".join(p.read_bytes() for p in (db, db.with_name(db.name + "-wal")) if p.exists())


def test_forget_me_asks_then_erases_everything(bot: Bot) -> None:
    who, secret = sid(), f"zebra{uuid.uuid4().hex[:8]}"
    bot.say(who, f"my name is {secret}, what does an AI engineer do?")
    assert secret.encode() in file_bytes(db_of(bot))

    ask = bot.say(who, "Forget me!")
    buttons = {b["title"]: b["payload"] for m in ask for b in m.get("buttons", [])}
    assert buttons == {"Yes, erase": CONFIRM, "No, keep it": CANCEL}
    assert "kept" in bot.reply(who, CANCEL)
    assert any(secret in t for t in user_texts(bot, who))

    bot.say(who, "please delete my data")
    assert "erased" in bot.reply(who, CONFIRM)
    assert user_texts(bot, who) == []
    db = db_of(bot)
    wal = db.with_name(db.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0, "the -wal file still holds pages after the erasure"
    assert secret.encode() not in file_bytes(db), "the erased text is still in the SQLite file or its -wal file"
    assert "forget" not in " ".join(user_texts(bot, who)).lower()  # the command itself was never stored


def test_erasure_waits_for_a_turn_in_flight(bot: Bot) -> None:
    erased = 0
    for _ in range(3):
        who, secret = sid(), f"okapi{uuid.uuid4().hex[:8]}"
        bot.say(who, f"I am {secret}; how much does an ML engineer make?")
        bot.say(who, "forget me")
        turn = threading.Thread(target=bot.say, args=(who, "and at senior level?"))
        turn.start()
        done = "erased" in bot.reply(who, CONFIRM)  # the question may be answered by the turn first: then kept
        turn.join(60)
        erased += done
        if done:
            assert not any(secret in t for t in user_texts(bot, who)), "a turn in flight wrote the erased text back"
            assert secret.encode() not in file_bytes(db_of(bot))
    assert erased, "no confirmation arrived while the question was pending: the test proved nothing"


@pytest.mark.parametrize(
    "request_text",
    ["forget me", "can you forget me?", "I want my data deleted", "delete my conversation", "erase what I said",
     "remove my data", "could you wipe everything I told you?"],
)  # fmt: skip
def test_every_common_wording_asks_and_a_typed_yes_erases(bot: Bot, request_text: str) -> None:
    who, secret = sid(), f"lemur{uuid.uuid4().hex[:8]}"
    bot.say(who, f"I'm {secret}, what does an AI engineer do?")
    ask = bot.say(who, request_text)
    assert [b["payload"] for m in ask for b in m.get("buttons", [])] == [CONFIRM, CANCEL], (request_text, ask)
    assert "erased" in bot.reply(who, "Yes, erase" if "wipe" in request_text else "yes")
    assert user_texts(bot, who) == [] and secret.encode() not in file_bytes(db_of(bot))


@pytest.mark.parametrize("typed", ["sure", "ok do it"])
def test_other_typed_confirmations(bot: Bot, typed: str) -> None:
    who = sid()
    bot.say(who, "what does an ML engineer earn?")
    bot.say(who, "forget me")
    assert "erased" in bot.reply(who, typed)
    assert user_texts(bot, who) == []


def test_the_confirm_payload_alone_erases_nothing(bot: Bot) -> None:
    who = sid()
    bot.say(who, "what does an ML engineer earn?")
    reply = bot.reply(who, CONFIRM)
    assert "nothing was erased" in reply and user_texts(bot, who) == ["what does an ML engineer earn?"]
    fresh = sid()
    assert "nothing was erased" in bot.reply(fresh, CONFIRM)  # as a first message: nothing asked, nothing erased
    assert "erased" not in bot.reply(fresh, "yes")  # a yes with no question pending is an ordinary message


def test_yes_answers_the_erase_question_not_the_interview(bot: Bot) -> None:
    kept, erased = sid(), sid()
    for who in (kept, erased):
        assert "Question 1 of" in bot.reply(who, "which role fits me?")
        assert "erase this conversation" in bot.reply(who, "forget me")
    assert "kept the conversation" in bot.reply(kept, "no")
    after = bot.reply(kept, "yes")  # the question is answered: this yes belongs to the interview again
    assert "erased" not in after and "which role fits me?" in user_texts(bot, kept)
    assert "erased" in bot.reply(erased, "yes")
    assert user_texts(bot, erased) == []


def test_a_cross_origin_post_cannot_erase(bot: Bot) -> None:
    who = sid()
    bot.say(who, "what does an ML engineer earn?")
    bot.say(who, "forget me")
    url = f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook"
    for message in (CONFIRM, "yes"):  # what a form on another site could send as a "simple" cross-origin request
        forged = requests.post(
            url,
            data=json.dumps({"sender": who, "message": message}),
            headers={"Origin": "http://evil.example", "Content-Type": "text/plain"},
            timeout=60,
        )
        assert forged.status_code == 403 and "origin" in forged.json()["error"], forged.text
    assert user_texts(bot, who) == ["what does an ML engineer earn?"]
    assert "erased" in bot.reply(who, "yes")  # the owner's own confirmation still works


# ---------- rate limits ----------


@pytest.fixture(scope="module")
def limited(bot: Bot, tmp_path_factory) -> Iterator[Bot]:
    """A second Rasa server with tiny limits (same action server): 3 messages per sender, 8 per address."""
    env = {
        "CAREERBOT_BURST_PER_SENDER": "3",
        "CAREERBOT_RATE_PER_SENDER": "0.2",
        "CAREERBOT_BURST_PER_IP": "8",
        "CAREERBOT_RATE_PER_IP": "0.2",
        "CAREERBOT_RATE_EXEMPT_IPS": "",
    }
    rasa = start_rasa_server(tmp_path_factory.mktemp("limited"), bot.actions.port, env=env)
    try:
        yield Bot(rasa.port, bot.actions, rasa)
    finally:
        rasa.stop()


def test_rest_rate_limits_answer_429(limited: Bot) -> None:
    who = sid()
    statuses = [post(limited, {"sender": who, "message": "hi"}).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429], statuses
    reply = post(limited, {"sender": who, "message": "hi"})
    assert reply.status_code == 429 and int(reply.headers["Retry-After"]) >= 1
    assert "too many messages" in reply.json()["error"]
    # other senders from the same address still get through until the address's own limit
    others = [post(limited, {"sender": sid(), "message": "hi"}).status_code for _ in range(6)]
    assert others.count(429) >= 1 and others[0] == 200, others


def test_socketio_rate_limit_is_a_polite_message(limited: Bot) -> None:
    user = SocketUser(limited.port)
    try:
        replies = [user.send({"message": "hi", "session_id": user.session_id}) for _ in range(10)]
    finally:
        user.close()
    texts = [" ".join(r.get("text", "") for r in batch) for batch in replies]
    assert all(texts), texts
    assert any("faster than I can read" in t for t in texts), texts
