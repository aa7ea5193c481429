"""Signed sessions: socket.io always, and REST where strangers can reach it, accept only conversations whose token
names them.

Real action server, Rasa server and page server, started with an explicit CAREERBOT_JWT_SECRET (the generated key
file is what tests/e2e/test_widget.py and test_hostile.py use) and with REST tokens required, as they are when Rasa
listens beyond loopback or runs the production layout (channels/sessions.rest_needs_token, unit-tested in
tests/test_sessions.py; tests bind to 127.0.0.1 only). The page server's /session.js hands out a fresh sender id
and its token; a stranger who knows a conversation id but has no token can neither write into it nor read its
replies.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import time
from typing import Iterator

import jwt
import pytest
import requests

from channels.sessions import AUDIENCE, issue, verified_sender
from tests.e2e.servers import Process, start_action_server, start_page_server, start_rasa_server
from tests.e2e.test_hostile import SocketUser

pytestmark = pytest.mark.e2e

SECRET = "test-secret-" + os.urandom(16).hex()  # >= 32 bytes, as HS256 wants


class Signed:
    def __init__(self, rasa: Process, web: Process) -> None:
        self.rasa, self.web = rasa, web

    def post(self, sender: str, token: str | None) -> requests.Response:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        return requests.post(
            f"http://127.0.0.1:{self.rasa.port}/webhooks/rest/webhook",
            json={"sender": sender, "message": "what does a senior ML engineer earn?"},
            headers=headers,
            timeout=60,
        )


@pytest.fixture(scope="module")
def signed(tmp_path_factory) -> Iterator[Signed]:
    log_dir = tmp_path_factory.mktemp("signed")
    os.environ["CAREERBOT_JWT_SECRET"] = SECRET  # base_env() copies os.environ into every server
    try:
        actions = start_action_server(log_dir)
        try:
            rasa = start_rasa_server(log_dir, actions.port, env={"CAREERBOT_REST_TOKENS": "required"})
            web = start_page_server(log_dir, f"http://127.0.0.1:{rasa.port}")
            try:
                yield Signed(rasa, web)
            finally:
                web.stop()
                rasa.stop()
        finally:
            actions.stop()
    finally:
        del os.environ["CAREERBOT_JWT_SECRET"]


def test_rest_needs_a_token_naming_the_sender(signed: Signed) -> None:
    assert signed.post("alice", None).status_code == 401
    assert signed.post("alice", issue("mallory", SECRET)).status_code == 401
    assert signed.post("alice", issue("alice", "another-secret")).status_code == 401
    assert signed.post("alice", issue("alice", SECRET, lifetime_seconds=-10)).status_code == 401  # expired
    no_exp = jwt.encode({"sub": "alice", "aud": AUDIENCE}, SECRET, algorithm="HS256")
    assert signed.post("alice", no_exp).status_code == 401  # a token that never expires is refused
    other_audience = jwt.encode({"sub": "alice", "aud": "elsewhere", "exp": 10**10}, SECRET, algorithm="HS256")
    assert signed.post("alice", other_audience).status_code == 401
    refused = signed.post("alice", "not.a.jwt")
    assert refused.status_code == 401 and "token" in refused.json()["error"]
    reply = signed.post("alice", issue("alice", SECRET))
    assert reply.status_code == 200 and "$145,000–$180,000+" in "".join(m.get("text", "") for m in reply.json())


def test_the_page_server_issues_a_fresh_id_and_its_token(signed: Signed, tmp_path) -> None:
    page = requests.get(f"http://127.0.0.1:{signed.web.port}/", timeout=10).text
    assert '<script src="/session.js"></script>' in page
    scripts = [requests.get(f"http://127.0.0.1:{signed.web.port}/session.js", timeout=10) for _ in range(2)]
    assert scripts[0].headers["Cache-Control"] == "no-store"
    issued = [json.loads(re.search(r"var issued = (\{.*?\});", s.text).group(1)) for s in scripts]
    assert issued[0]["senderId"] != issued[1]["senderId"]
    assert verified_sender(issued[0]["token"], SECRET) == issued[0]["senderId"]
    script = tmp_path / "session.js"
    script.write_text(scripts[0].text)
    assert subprocess.run(["node", "--check", str(script)], capture_output=True).returncode == 0
    # the issued pair works over REST too
    assert signed.post(issued[0]["senderId"], issued[0]["token"]).status_code == 200


def test_socketio_needs_the_token_and_strangers_read_nothing(signed: Signed) -> None:
    owner, stranger = SocketUser(signed.rasa.port), SocketUser(signed.rasa.port)
    try:
        token = issue(owner.session_id, SECRET)
        stranger.client.emit("session_request", {"session_id": owner.session_id})  # knows the id, not the token
        time.sleep(0.5)
        refused = stranger.send({"message": "hi", "session_id": owner.session_id, "customData": {"token": "x"}})
        assert refused and "not valid" in refused[0]["text"]
        assert not owner.replies
        before = len(stranger.replies)
        question = {"message": "what does a senior ML engineer earn?", "session_id": owner.session_id}
        answer = owner.send({**question, "customData": {"language": "en", "token": token}})
        assert any("$145,000–$180,000+" in r.get("text", "") for r in answer), answer
        time.sleep(1.0)
        assert len(stranger.replies) == before, "a socket without the token received the conversation's replies"
        no_token = owner.send({**question, "customData": {}})  # SocketUser signs a dict without customData
        assert no_token and "not valid" in no_token[0]["text"]
    finally:
        owner.close()
        stranger.close()
