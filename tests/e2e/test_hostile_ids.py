"""Hostile identifiers, metadata and texts against the real servers, on SQLite and on PostgreSQL.

The attack this closes: one REST request whose sender held a lone surrogate ("pt\\udfff" as a JSON escape) raised
UnicodeEncodeError inside Rasa's SQLTrackerStore, which turns it into SystemExit(1): the server was gone. On
PostgreSQL a NUL does the same (psycopg2 refuses it). After every hostile request here, the same Rasa process
(same pid, never restarted) must still answer the next person correctly, over REST and socket.io.

Also the HTTP surface of Rasa and of the action server as an attacker sees it: JSON errors for every method, bodies
refused before they are read, no version banner, and an action server that answers Rasa only.
"""

from __future__ import annotations

import json
import socket
import time
import uuid
from contextlib import ExitStack
from pathlib import Path
from typing import Iterator, List

import pytest
import requests
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.identifiers import MAX_ID_CHARS, valid_identifier
from channels.sessions import issue
from serving.action_server import TOKEN_HEADER
from tests.e2e.servers import Bot, listening_addresses, running_bot, start_rasa_server
from tests.e2e.stack import start_backing_services
from tests.e2e.test_hostile import SocketUser

pytestmark = pytest.mark.e2e

QUESTION, FIGURE = "what does a senior ML engineer earn?", "$145,000–$180,000+"
HOSTILE_IDS = [
    "pt\udfff", "\ud800", "\udc00tail", "a\x00b", "\x00", "nul\x00" * 20, "tab\tid", "new\nline", "bell\x07",
    "\x1b[31mred", "\x7f", "\x85", "line\u2028sep", "zero\u200bwidth", "\u202eevil", "\ufeffbom", " ", "",
    "x" * (MAX_ID_CHARS + 1), "y" * 10_000,
]  # fmt: skip
HOSTILE_TEXTS = [
    "pt\udfff", "\x00", "hello\x00world", "\x1b[2J\x1b[31mwhat does an AI engineer do?\x1b[0m", "\u202e" * 50,
    "e\u0301" * 300, "😀" * 250, "\udfff" * 900, "a" * 5000, "/ask_salary{\"role\": \"\x00\"}", "\x1b]0;pwned\x07hi",
]  # fmt: skip
HOSTILE_METADATA = [
    {"k\x00": 1}, {"pt\udfff": "v"}, {"ok": {"\x00": 1}}, {"ok": "v\x00\udfff"}, {"ok": ["\udfff", {"\x07": 1}]},
]  # fmt: skip


def post_raw(port: int, sender: object, message: object, metadata: object = None) -> requests.Response:
    """The body as an attacker writes it: json.dumps keeps a lone surrogate as its \\uXXXX escape. A valid sender
    gets its session token (channels/sessions.py), as an API client would; a hostile one has none."""
    body = {"sender": sender, "message": message}
    if metadata is not None:
        body["metadata"] = metadata
    data = json.dumps(body).encode()
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    headers = {"Content-Type": "application/json"}
    if valid_identifier(sender):  # the production layout (PostgreSQL here) needs a token; the id check comes first
        headers["Authorization"] = f"Bearer {issue(sender)}"
    return requests.post(url, data=data, headers=headers, timeout=60)


def assert_still_serving(bot: Bot, pid: int) -> None:
    """The same process answers the next person with the right figure."""
    assert bot.rasa.proc.poll() is None and bot.rasa.proc.pid == pid, "Rasa exited"
    reply = post_raw(bot.port, f"next-{uuid.uuid4().hex[:8]}", QUESTION)
    assert reply.status_code == 200 and FIGURE in json.dumps(reply.json(), ensure_ascii=False), reply.text[:300]


def check_rest_corpus(bot: Bot) -> None:
    pid = bot.rasa.proc.pid
    for sender in HOSTILE_IDS:
        reply = post_raw(bot.port, sender, "hi")
        assert reply.status_code == 400 and "printable" in reply.json()["error"], (sender[:20], reply.text[:200])
    for metadata in HOSTILE_METADATA:
        reply = post_raw(bot.port, f"meta-{uuid.uuid4().hex[:8]}", "hi", metadata)
        assert reply.status_code in (200, 400), (metadata, reply.status_code, reply.text[:200])
    for text in HOSTILE_TEXTS:
        reply = post_raw(bot.port, f"text-{uuid.uuid4().hex[:8]}", text)
        assert reply.status_code == 200 and reply.json(), (text[:20], reply.status_code, reply.text[:200])
        shown = json.dumps(reply.json(), ensure_ascii=False)
        assert "\\u001b" not in json.dumps(reply.json()) and "\x00" not in shown
    assert_still_serving(bot, pid)


def check_socketio_corpus(bot: Bot) -> None:
    pid = bot.rasa.proc.pid
    user = SocketUser(bot.port)
    try:
        for session_id in HOSTILE_IDS[:12] + [HOSTILE_IDS[-2]]:
            replies = user.send({"message": "hi", "session_id": session_id})
            assert replies and "couldn't read that message" in replies[0]["text"], (session_id[:20], replies)
        for text in HOSTILE_TEXTS[:6]:
            assert user.send({"message": text, "session_id": user.session_id, "metadata": HOSTILE_METADATA[0]})
        good = user.send({"message": QUESTION, "session_id": user.session_id})
        assert any(FIGURE in r.get("text", "") for r in good), good
    finally:
        user.close()
    for session_id in ("pt\udfff", "a\x00b"):  # a session request with such an id gets a fresh session instead
        other = SocketUser(bot.port)
        try:
            other.client.emit("session_request", {"session_id": session_id})
            time.sleep(0.5)
            good = other.send({"message": QUESTION, "session_id": other.session_id})
            assert any(FIGURE in r.get("text", "") for r in good), good
        finally:
            other.close()
    assert_still_serving(bot, pid)


# ---------- SQLite (the default endpoints.yml) ----------


@pytest.fixture(scope="module")
def bot(tmp_path_factory) -> Iterator[Bot]:
    with running_bot(tmp_path_factory.mktemp("hostile-ids")) as bot:
        yield bot


def test_hostile_rest_corpus_on_sqlite(bot: Bot) -> None:
    check_rest_corpus(bot)


def test_hostile_socketio_corpus_on_sqlite(bot: Bot) -> None:
    check_socketio_corpus(bot)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sender=st.text(alphabet=st.characters(), min_size=0, max_size=160),
    text=st.text(alphabet=st.characters(), max_size=120),
)
def test_any_sender_and_text_leave_the_server_serving(bot: Bot, sender: str, text: str) -> None:
    """Hypothesis over the whole code-point range (surrogates, NUL, controls): 200 or 400, never 5xx or an exit."""
    pid = bot.rasa.proc.pid
    reply = post_raw(bot.port, sender, text)
    assert reply.status_code in (200, 400, 429), (reply.status_code, reply.text[:200])
    assert bot.rasa.proc.poll() is None and bot.rasa.proc.pid == pid


def test_the_next_person_after_the_hypothesis_run(bot: Bot) -> None:
    assert_still_serving(bot, bot.rasa.proc.pid)


# ---------- Rasa's HTTP surface ----------


def raw_http(port: int, request: bytes, wait: float = 5) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=wait) as conn:
        conn.sendall(request)
        chunks: List[bytes] = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except TimeoutError:
            pass
    return b"".join(chunks)


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_every_method_gets_a_json_error(bot: Bot, method: str) -> None:
    reply = requests.request(method, f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook", timeout=10)
    assert reply.status_code == 405 and reply.headers["Content-Type"].startswith("application/json")
    assert reply.json()["status"] == 405 and "<html" not in reply.text.lower()
    missing = requests.get(f"http://127.0.0.1:{bot.port}/no/such/route", timeout=10)
    assert missing.status_code == 404 and missing.json()["status"] == 404


def test_root_route_has_no_version_banner(bot: Bot) -> None:
    reply = requests.get(f"http://127.0.0.1:{bot.port}/", timeout=10)
    assert reply.status_code == 200 and reply.json() == {"status": "ok"}
    assert "rasa" not in reply.text.lower() and "3.6" not in reply.text


def test_huge_bodies_are_refused_before_they_are_read(bot: Bot) -> None:
    """A 90 MB Content-Length is answered 413 at once, without sending (or buffering) the body."""
    started = time.monotonic()
    head = (
        b"POST /webhooks/rest/webhook HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 94371840\r\n\r\n"
    )
    answer = raw_http(bot.port, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    assert b'"status":413' in answer.replace(b" ", b"") and time.monotonic() - started < 5
    big = requests.post(f"http://127.0.0.1:{bot.port}/webhooks/rest/webhook", data=b"x" * 70_000, timeout=10)
    assert big.status_code == 413 and big.json()["status"] == 413
    polling = f"http://127.0.0.1:{bot.port}/socket.io/?EIO=4&transport=polling&sid=x"  # the widget's transport
    assert requests.post(polling, data=b"4" + b"x" * 70_000, timeout=10).status_code == 413
    assert_still_serving(bot, bot.rasa.proc.pid)


# ---------- the action server ----------


def test_action_server_answers_rasa_only(bot: Bot) -> None:
    url = f"http://127.0.0.1:{bot.actions.port}"
    call = {"next_action": "action_answer_question", "sender_id": "x", "tracker": {"sender_id": "x", "events": []}}
    assert requests.get(f"{url}/health", timeout=10).status_code == 200
    for headers in ({}, {TOKEN_HEADER: "guess"}, {TOKEN_HEADER: ""}):
        refused = requests.post(f"{url}/webhook", json=call, headers=headers, timeout=10)
        assert refused.status_code == 401 and refused.json()["status"] == 401
    assert requests.get(f"{url}/actions", timeout=10).status_code == 401
    import os

    token = {TOKEN_HEADER: os.environ["CAREERBOT_ACTION_TOKEN"]}
    huge = requests.post(f"{url}/webhook", data=b"x" * (3 * 1024 * 1024), headers=token, timeout=30)
    assert huge.status_code == 413
    assert listening_addresses(bot.actions.port) == ["127.0.0.1"]
    assert_still_serving(bot, bot.rasa.proc.pid)  # and Rasa, which has the token, is answered


# ---------- PostgreSQL (endpoints.prod.yml, as in production) ----------


@pytest.fixture(scope="module")
def pg_bot(tmp_path_factory) -> Iterator[Bot]:
    log_dir: Path = tmp_path_factory.mktemp("hostile-ids-pg")
    with ExitStack() as stack:
        postgres, _redis, actions, env = start_backing_services(stack, log_dir)
        rasa = start_rasa_server(log_dir, actions.port, endpoints="endpoints.prod.yml", env=env)
        stack.callback(rasa.stop)
        bot = Bot(rasa.port, actions, rasa)
        bot.postgres = postgres  # type: ignore[attr-defined]  # for the store-level test below
        yield bot


def test_hostile_rest_corpus_on_postgresql(pg_bot: Bot) -> None:
    check_rest_corpus(pg_bot)


def test_hostile_socketio_corpus_on_postgresql(pg_bot: Bot) -> None:
    check_socketio_corpus(pg_bot)


def test_nul_in_metadata_values_and_texts_is_stored_on_postgresql(pg_bot: Bot) -> None:
    """psycopg2 refuses NUL in a string; texts and metadata reach the store as JSON, where NUL is an escape."""
    who = f"nul-{uuid.uuid4().hex[:8]}"
    reply = post_raw(pg_bot.port, who, "hi\x00 what does an AI engineer do?", {"note": "a\x00b"})
    assert reply.status_code == 200 and reply.json()
    assert_still_serving(pg_bot, pg_bot.rasa.proc.pid)


@pytest.mark.parametrize("sender", ["a\x00b", "pt\udfff"])
def test_the_store_itself_never_exits_on_postgresql(pg_bot: Bot, sender: str) -> None:
    """Below the channels' check: careerbot's store raises an ordinary error where Rasa's exits (psycopg2: NUL)."""
    import asyncio

    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from stores.tracker_store import CareerbotSQLTrackerStore, ConversationStoreError

    pg = pg_bot.postgres  # type: ignore[attr-defined]
    settings_ = dict(dialect="postgresql", host=pg.host, port=pg.port, db=pg.db, username=pg.user, password=pg.password)
    tracker = DialogueStateTracker.from_events(sender, [UserUttered("hi")])
    ours = CareerbotSQLTrackerStore(domain=Domain.empty(), **settings_)
    with pytest.raises(ConversationStoreError):
        asyncio.run(ours.save(tracker))
    asyncio.run(ours.save(DialogueStateTracker.from_events(f"fine-{uuid.uuid4().hex[:6]}", [UserUttered("hi")])))
    rasas = SQLTrackerStore(domain=Domain.empty(), **settings_)
    with pytest.raises(SystemExit):  # why the override exists; if Rasa stops exiting, the override can go
        asyncio.run(rasas.save(tracker))
    ours.engine.dispose()
    rasas.engine.dispose()
