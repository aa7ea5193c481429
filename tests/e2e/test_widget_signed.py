"""Signed sessions (CAREERBOT_JWT_SECRET) with the real chat widget in a real headless Chromium.

tests/e2e/test_signed_sessions.py checks the channels over REST and a raw socket.io client; this checks that
the page people use still works with signing on: the page obtains a sender id and its token from the page
server's /session.js, the widget's messages carry it, and an answer comes back. In the same run it shows the
signing is in force: the same conversation id without the token is refused over REST and socket.io (and the
browser's conversation gets nothing of it), a page whose stored token was altered gets no answer, only the
channel's "session is not valid" message, and a page whose stored token has expired starts a new session when
reloaded (what that message asks for).

Real action server, Rasa server (socket.io channel, --cors for the page's origin, REST tokens required as beyond
loopback) and page server, all with a fresh secret. Chromium and playwright as in tests/e2e/test_widget.py (never
`playwright install`).
"""

from __future__ import annotations

import json
import os
import time
from typing import Iterator, List

import pytest

from channels.sessions import issue, verified_sender
from channels.socketio import SESSION_REPLY
from tests.e2e import test_widget as widget
from tests.e2e.servers import (
    Process,
    free_port,
    isolated_endpoints,
    start_action_server,
    start_page_server,
    start_rasa_server,
)
from tests.e2e.test_hostile import SocketUser
from tests.e2e.test_signed_sessions import Signed
from tests.e2e.test_widget import GREETING, Tab, wait_until

pytestmark = pytest.mark.e2e

SECRET = "widget-secret-" + os.urandom(16).hex()  # >= 32 bytes, as HS256 wants
QUESTION = "what does a senior ML engineer earn?"
FIGURE = "$145,000–$180,000+"  # the article's senior ML engineer salary (US, 2026 outlook)
REFUSED = SESSION_REPLY.split(" (")[0]  # "This chat session is not valid"
browser = widget.browser  # one headless Chromium for the module (fails, never skips, when it is missing)


class SignedStack:
    def __init__(self, rasa: Process, web: Process) -> None:
        self.rasa, self.web = rasa, web

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.web.port}/"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SignedStack]:
    log_dir = tmp_path_factory.mktemp("widget-signed")
    web_port = free_port()
    origin = f"http://127.0.0.1:{web_port}"
    os.environ["CAREERBOT_JWT_SECRET"] = SECRET  # base_env() copies os.environ into every server
    try:
        actions = start_action_server(log_dir)
        try:
            rasa = start_rasa_server(
                log_dir,
                actions.port,
                endpoints=str(isolated_endpoints(log_dir)),
                extra_args=["--cors", origin],
                env={"CORS_ORIGINS": origin, "CAREERBOT_REST_TOKENS": "required"},  # as beyond loopback
            )
            try:
                web = start_page_server(log_dir, f"http://127.0.0.1:{rasa.port}", port=web_port)
                try:
                    yield SignedStack(rasa, web)
                finally:
                    web.stop()
            finally:
                rasa.stop()
        finally:
            actions.stop()
    finally:
        del os.environ["CAREERBOT_JWT_SECRET"]


def stored(tab: Tab, key: str) -> dict:
    raw = tab.page.evaluate(f"window.sessionStorage.getItem({json.dumps(key)})")
    assert raw, f"the page stored no {key!r} in sessionStorage"
    return json.loads(raw)


def replace_token(tab: Tab, token: str) -> None:
    """Put another token in the page's stored session (same sender id), as if it had expired or been altered."""
    session = stored(tab, "careerbot_session")
    tab.page.evaluate("t => sessionStorage.setItem('careerbot_session', t)", json.dumps({**session, "token": token}))


def test_the_widget_chats_with_a_signed_session_and_nothing_else_gets_in(stack: SignedStack, browser) -> None:
    tab = Tab(browser)
    responses: List[object] = []
    tab.page.on("response", lambda r: responses.append(r) if r.url.endswith("/session.js") else None)
    try:
        tab.start_chat(stack.page_url)  # the greeting only comes when the widget's /greet carried a valid token
        scripts = [r.text() for r in responses]
        assert len(scripts) == 1 and '"token"' in scripts[0], f"/session.js gave no token: {scripts}"
        session = stored(tab, "careerbot_session")
        sender = session["senderId"]
        assert session["token"] in scripts[0], "the page keeps a token other than the one /session.js issued"
        assert verified_sender(session["token"], SECRET) == sender, "the page's token does not name its sender id"
        assert tab.session_id() == sender, "the widget talks under an id other than the one the token names"

        answer = tab.ask(QUESTION, [FIGURE])
        assert "Machine Learning Engineer" in answer and REFUSED not in answer, answer

        # The same conversation id without its token: refused over REST, and over socket.io with nothing
        # reaching the browser's conversation.
        signed = Signed(stack.rasa, stack.web)
        assert signed.post(sender, None).status_code == 401
        assert signed.post(sender, issue(sender, "another-secret")).status_code == 401
        bubbles = len(tab.bot_texts())
        stranger = SocketUser(stack.rasa.port)
        try:
            refused = stranger.send({"message": QUESTION, "session_id": sender})
            assert refused and REFUSED in refused[0]["text"], refused
            assert not any(FIGURE in r.get("text", "") for r in refused), refused
        finally:
            stranger.close()
        time.sleep(1.0)
        assert len(tab.bot_texts()) == bubbles, f"the browser got replies to a tokenless message: {tab.bot_texts()}"

        # The page's stored token altered (signed with another key, e.g. before the server's secret changed):
        # after a reload the widget shows the same conversation, but a question gets no answer, only the
        # channel's refusal.
        replace_token(tab, issue(sender, "another-secret"))
        tab.page.reload()
        tab.open_widget()
        wait_until(lambda: len(tab.bot_texts()) >= bubbles, "the conversation to come back after a reload")
        refused_in_page = tab.ask(QUESTION, [REFUSED])
        assert FIGURE not in refused_in_page and tab.session_id() == sender, refused_in_page

        # An expired token: the reload the refusal asks for starts a new, working session.
        replace_token(tab, issue(sender, SECRET, lifetime_seconds=-10))
        tab.page.reload()
        tab.open_widget()
        tab.wait_for_bot(0, [GREETING])
        assert not any(FIGURE in t for t in tab.bot_texts()), f"the old conversation is still shown: {tab.bot_texts()}"
        fresh = stored(tab, "careerbot_session")
        assert fresh["senderId"] != sender and tab.session_id() == fresh["senderId"], fresh
        assert verified_sender(fresh["token"], SECRET) == fresh["senderId"]
        tab.assert_clean()
    finally:
        tab.close()
