"""The chat page in a real headless Chromium, against the real stack that `make serve` starts.

scripts/serve.sh runs as `make serve` does (action server, `rasa run` with the socket.io channel, the page
server), on free 127.0.0.1 ports; only RASA_ARGS adds Rasa's HTTP API (with a random token) so one test can
push a bot message with markup to the widget's conversation. The browser reaches nothing but 127.0.0.1:
every other request is aborted and reported, so the page must work offline (no CDN).

Long answers are checked the way a person reads them, on a desktop and on a 390x844 phone: a reply taller than the
pane is shown from its first line (rasa-webchat alone scrolls to the bottom), with real sub-headings and lists.

Needs Debian's chromium (/usr/bin/chromium, or $CHROMIUM) and the Python package playwright (never
`playwright install`: it downloads a browser). Missing either fails the test; nothing is skipped.
Screenshots (desktop and phone) and server logs go to test-artifacts/widget/.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Callable, Iterator, List, Sequence

import pytest
import requests

from tests.e2e.servers import (
    ROOT,
    alive,
    base_env,
    descendants,
    free_port,
    isolated_endpoints,
    listening_addresses,
    start_page_server,
)

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts" / "widget"
GREETING = "I'm careerbot"
GREETING_REPLIES = ["Compare the roles", "Salaries", "Which role fits me?"]
BOT_TEXT = ".rw-response .rw-message-text"
# rasa-webchat 1.0.1 injects a stylesheet that @imports a Google font; the page's CSP refuses it (offline,
# no third party), which Chromium reports on the console. The only console error tolerated.
FONT_CSP_NOISE = "fonts.googleapis.com"
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
LONG_QUESTION = "compare the two roles"
LONG_HEADLINE = "AI Engineer vs Machine Learning Engineer"


class Stack:
    def __init__(self, proc: subprocess.Popen, log: Path, web: int, rasa: int, actions: int, token: str):
        self.proc, self.log, self.web, self.rasa, self.actions, self.token = proc, log, web, rasa, actions, token

    @property
    def page_url(self) -> str:
        return f"http://127.0.0.1:{self.web}/"

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa}"

    def tracker(self, sender: str) -> dict:
        r = requests.get(f"{self.rasa_url}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30)
        r.raise_for_status()
        return r.json()


def _log_tail(log: Path, size: int = 4000) -> str:
    return log.read_text(errors="replace")[-size:] if log.exists() else "(no log)"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    yield from serve_stack(ARTIFACTS, tmp_path_factory)


def stack_in(artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """This module's stack for another browser test module: its logs and screenshots (Tab.screenshot) in
    `artifacts` while that module's tests run."""
    global ARTIFACTS
    saved, ARTIFACTS = ARTIFACTS, artifacts
    try:
        yield from serve_stack(artifacts, tmp_path_factory)
    finally:
        ARTIFACTS = saved


def serve_stack(artifacts: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """`make serve` as it starts (scripts/serve.sh) on free ports, its logs and screenshots in `artifacts`; the
    other browser test modules start theirs with this too."""
    shutil.rmtree(artifacts, ignore_errors=True)
    artifacts.mkdir(parents=True)
    db_dir = tmp_path_factory.mktemp("widget-db")
    web, rasa, actions = free_port(), free_port(), free_port()
    token = secrets.token_hex(16)
    log = artifacts / "serve.log"
    env = base_env(
        WEB_PORT=str(web),
        RASA_PORT=str(rasa),
        ACTIONS_PORT=str(actions),
        BIND_HOST="127.0.0.1",
        ENDPOINTS=str(isolated_endpoints(db_dir)),
        RASA_ARGS=f"--enable-api --auth-token {token}",
        ACTIONS_LOG=str(artifacts / "actions.log"),
        WEB_QUIET="1",
        CAREERBOT_STANDBY="0",  # no warm standbys: test_supervision.py covers them; they cost CPU on 2 cores
    )
    env.pop("CORS_ORIGINS", None)  # test the default: the page's own origin
    env.pop("SOCKET_URL", None)
    proc = subprocess.Popen(
        ["bash", str(ROOT / "scripts" / "serve.sh")],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    ready = f"chat page: http://127.0.0.1:{web}/"
    deadline = time.monotonic() + 480
    while ready not in log.read_text(errors="replace"):
        if proc.poll() is not None:
            pytest.fail(f"scripts/serve.sh exited with {proc.returncode} before it was up:\n{_log_tail(log)}")
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail(f"scripts/serve.sh was not up within 480 s:\n{_log_tail(log)}")
        time.sleep(0.5)
    children = descendants(proc.pid)
    try:
        yield Stack(proc, log, web, rasa, actions, token)
    finally:
        proc.send_signal(signal.SIGTERM)  # what Ctrl-C on `make serve` amounts to: serve.sh's trap stops all
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            pytest.fail(f"scripts/serve.sh did not stop within 60 s of SIGTERM:\n{_log_tail(log)}")
        left = [pid for pid in children if alive(pid)]
        if left:
            for pid in left:
                os.kill(pid, signal.SIGKILL)
            pytest.fail(f"scripts/serve.sh left processes behind: {left}")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    yield from launch_chromium()


def launch_chromium() -> Iterator[object]:
    """Debian's headless Chromium through Playwright (never `playwright install`), closed when the generator ends."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install -y chromium (Debian's package)", pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("Python package playwright missing: pip install it (never run `playwright install`)", pytrace=False)
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


class Tab:
    """One browser context (fresh storage) and page, recording errors and any request that leaves loopback."""

    def __init__(self, browser, device: str = "desktop", **context_options: object) -> None:
        """`context_options` go to Playwright's new_context (e.g. color_scheme="dark", device_scale_factor=2)."""
        phone = device == "phone"
        options = {"viewport": VIEWPORTS[device], "is_mobile": phone, "has_touch": phone, **context_options}
        self.context = browser.new_context(**options)
        self.external: List[str] = []
        self.errors: List[str] = []
        self.console_errors: List[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)

    def _route(self, route) -> None:
        host = route.request.url.split("/")[2] if "://" in route.request.url else ""
        if route.request.url.startswith("data:") or host.split(":")[0] in ("127.0.0.1", "localhost"):
            route.continue_()
        else:
            self.external.append(route.request.url)
            route.abort()

    def close(self) -> None:
        self.context.close()

    # --- the widget --------------------------------------------------------------------------------------
    def open_widget(self) -> None:
        page = self.page
        page.wait_for_selector("button.rw-launcher", timeout=30_000)
        if not page.locator(".rw-conversation-container").is_visible():
            page.click("button.rw-launcher")
        page.wait_for_selector("textarea.rw-new-message", timeout=30_000)

    def start_chat(self, url: str) -> None:
        """Load the page, open the widget and wait for the bot's greeting (what every chat test starts with)."""
        self.page.goto(url)
        self.open_widget()
        self.wait_for_bot(0, [GREETING])

    def bot_texts(self) -> List[str]:
        return self.page.locator(BOT_TEXT).all_inner_texts()

    def user_texts(self) -> List[str]:
        return self.page.locator(".rw-client .rw-message-text").all_inner_texts()

    def replies(self) -> List[str]:
        return [t.strip() for t in self.page.locator(".rw-reply").all_inner_texts()]

    def wait_for_bot(self, since: int, facts: Sequence[str], timeout: float = 60) -> str:
        """Text of the bot bubbles after the first `since`, once it contains every fact."""
        deadline = time.monotonic() + timeout
        while True:
            new = "\n".join(self.bot_texts()[since:])
            if all(fact in new for fact in facts):
                return new
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"bot bubbles lack {[f for f in facts if f not in new]} after {timeout}s; they say:\n{new!r}\n"
                    f"whole chat: {self.bot_texts()!r}"
                )
            time.sleep(0.2)

    def ask(self, text: str, facts: Sequence[str]) -> str:
        before = len(self.bot_texts())
        self.page.fill("textarea.rw-new-message", text)
        self.page.click("button.rw-send")
        return self.wait_for_bot(before, facts)

    def click_reply(self, title: str, facts: Sequence[str]) -> str:
        before = len(self.bot_texts())
        self.page.locator(".rw-reply", has_text=title).last.click()
        return self.wait_for_bot(before, facts)

    def session_id(self) -> str:
        stored = self.page.evaluate("window.sessionStorage.getItem('chat_session')")
        assert stored, "the widget stored no chat_session in sessionStorage"
        return json.loads(stored)["session_id"]

    def screenshot(self, name: str) -> Path:
        path = ARTIFACTS / name
        self.page.screenshot(path=str(path))
        return path

    def assert_clean(self) -> None:
        assert self.external == [], (
            f"the page requested something outside 127.0.0.1 (must work offline): {self.external}"
        )
        assert self.errors == [], f"JavaScript errors on the page: {self.errors}"
        other = [e for e in self.console_errors if FONT_CSP_NOISE not in e]
        assert other == [], f"console errors: {other}"


def wait_until(check: Callable[[], bool], what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout}s waiting for {what}")
        time.sleep(0.2)


def test_chat_in_the_widget_survives_a_reload(stack: Stack, tab: Tab) -> None:
    page = tab.page
    page.goto(stack.page_url)
    intro = page.locator("main").inner_text()
    for words in ("AI Engineer", "Machine Learning Engineer", "salary", "learning paths"):
        assert words in intro, f"the page's intro should say what the bot answers ({words!r}): {intro!r}"

    tab.open_widget()
    assert page.locator(".rw-header .rw-title").inner_text().strip() == "careerbot"
    assert_header_readable(page)

    # The greeting (initPayload "/greet") comes with its quick replies.
    tab.wait_for_bot(0, [GREETING])
    wait_until(lambda: tab.replies() == GREETING_REPLIES, f"quick replies {GREETING_REPLIES}, got {tab.replies()}")

    answer = tab.ask("what does an ML engineer earn?", ["$90,000–$115,000", "US, 2026 outlook"])
    assert "Machine Learning Engineer" in answer
    tab.ask("and at senior level?", ["$145,000–$180,000+"])
    wait_until(lambda: "Mid level?" in tab.replies(), f"a 'Mid level?' quick reply, got {tab.replies()}")
    tab.click_reply("Mid level?", ["Machine Learning Engineer, mid level: $115,000–$145,000"])
    tab.screenshot("widget-conversation.png")

    before_reload = tab.bot_texts()
    users_before = tab.user_texts()
    assert "what does an ML engineer earn?" in users_before and "and at senior level?" in users_before
    session = tab.session_id()

    page.reload()
    tab.open_widget()
    wait_until(lambda: len(tab.bot_texts()) >= len(before_reload), "the conversation to come back after a reload")
    assert tab.bot_texts() == before_reload, "the reloaded chat differs from the one before the reload"
    assert tab.user_texts() == users_before
    assert sum(GREETING in t for t in tab.bot_texts()) == 1, "the greeting was sent again after the reload"
    assert tab.session_id() == session, "the reload started a new session"

    # The same conversation goes on in Rasa: a follow-up after the reload still knows the topic.
    tab.ask("and at entry level?", ["Machine Learning Engineer, entry level: $90,000–$115,000"])
    tab.screenshot("widget-after-reload.png")

    tracker = stack.tracker(session)
    said = [e.get("text") for e in tracker["events"] if e["event"] == "user"]
    assert "what does an ML engineer earn?" in said and "and at entry level?" in said, said
    channels = {e.get("input_channel") for e in tracker["events"] if e["event"] == "user"}
    assert channels == {"socketio"}, f"the widget's messages came in through {channels}"
    tab.assert_clean()


def test_forget_me_in_the_widget_asks_then_erases(stack: Stack, tab: Tab) -> None:
    """The widget's socket.io session (signed by /session.js) erases its own conversation after the question."""
    tab.start_chat(stack.page_url)
    tab.ask("what does an ML engineer earn?", ["$90,000–$115,000"])
    session = tab.session_id()
    assert [e.get("text") for e in stack.tracker(session)["events"] if e["event"] == "user"][-1:] == [
        "what does an ML engineer earn?"
    ]
    tab.ask("can you forget me?", ["erase this conversation"])
    wait_until(lambda: tab.replies()[-2:] == ["Yes, erase", "No, keep it"], f"the two buttons, got {tab.replies()}")
    tab.click_reply("Yes, erase", ["this conversation is erased"])
    said = [e for e in stack.tracker(session)["events"] if e["event"] == "user"]
    assert said == [], f"the conversation is still stored after 'Yes, erase': {said}"
    tab.assert_clean()


def assert_header_readable(page) -> None:
    """Title above subtitle, the whole subtitle shown (wrapped if need be, never cut off), inside the header."""
    header = page.locator(".rw-header").bounding_box()
    subtitle = page.locator(".rw-header span").first
    assert "AI vs ML engineer roles, skills, learning paths, salaries" in subtitle.inner_text()
    title_box, subtitle_box = page.locator(".rw-header .rw-title").bounding_box(), subtitle.bounding_box()
    assert title_box["y"] + title_box["height"] <= subtitle_box["y"] + 1, "the header's title and subtitle overlap"
    cut_off = "e => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1"
    assert not subtitle.evaluate(cut_off), "the subtitle is cut off"
    assert subtitle_box["y"] + subtitle_box["height"] <= header["y"] + header["height"] + 1, "subtitle below the header"
    assert subtitle_box["x"] + subtitle_box["width"] <= header["x"] + header["width"], "subtitle wider than the header"


PANE_JS = """() => {
  const pane = document.getElementById('rw-messages');
  const box = pane.getBoundingClientRect();
  const bubbles = [...pane.querySelectorAll('.rw-message')];
  let last = bubbles.length - 1;
  while (last >= 0 && !bubbles[last].querySelector('.rw-client')) last--;
  const reply = bubbles.slice(last + 1).find(b => b.querySelector('.rw-response .rw-message-text'));
  const first = bubbles.slice(last + 1).find(b => b.querySelector('.rw-response .rw-message-text, .image'));
  const top = first ? first.getBoundingClientRect().top : null;  // a reply with a chart starts with it
  return {paneTop: box.top, paneHeight: pane.clientHeight, scrollTop: pane.scrollTop,
          scrollHeight: pane.scrollHeight, replyTop: top,
          replyText: reply ? reply.querySelector('.rw-message-text').innerText : ''};
}"""


def pane_state(page) -> dict:
    """Where the messages pane is scrolled, and where the bot's latest reply starts (its chart, if it has one)."""
    return page.evaluate(PANE_JS)


def settled_pane(page, what: str) -> dict:
    """The pane once it has stopped moving (the widget shows a reply's messages one after another)."""
    previous: dict = {}
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        page.wait_for_timeout(700)
        state = pane_state(page)
        if state == previous:
            return state
        previous = state
    raise AssertionError(f"the chat pane kept moving after {what}: {previous}")


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_long_answer_is_read_from_its_headline(stack: Stack, browser, device: str) -> None:
    tab = Tab(browser, device)
    try:
        page = tab.page
        tab.start_chat(stack.page_url)
        wait_until(lambda: tab.replies() == GREETING_REPLIES, f"quick replies {GREETING_REPLIES}, got {tab.replies()}")
        assert_header_readable(page)
        tab.screenshot(f"{device}-greeting.png")

        tab.ask(LONG_QUESTION, [LONG_HEADLINE, "Side by side", "Collaboration"])
        wait_until(lambda: "Skills compared" in tab.replies(), f"the comparison's quick replies, got {tab.replies()}")
        state = settled_pane(page, LONG_QUESTION)
        tab.screenshot(f"{device}-long-answer.png")
        assert state["replyText"].startswith(LONG_HEADLINE), state["replyText"][:200]
        reply_start = state["replyTop"] - state["paneTop"] + state["scrollTop"]  # in the pane's content
        assert state["scrollHeight"] - reply_start > state["paneHeight"] + 100, (
            f"the answer should be taller than the pane here (otherwise this test proves nothing): {state}"
        )
        offset = state["replyTop"] - state["paneTop"]
        assert 0 <= offset <= 40, f"the new answer's first line should be at the top of the pane, it is at {offset}px"

        # One bubble with real structure: a sub-heading, lists, wrapped item lines indented past the bullet.
        bubble = page.locator(".rw-response .rw-message-text", has_text=LONG_HEADLINE).last
        assert bubble.locator("h4", has_text="Side by side").count() == 1, bubble.inner_html()[:500]
        items = bubble.locator("li")
        assert items.count() >= 8, bubble.inner_html()[:500]
        indent = items.nth(2).evaluate(
            """li => { const r = document.createRange(); r.selectNodeContents(li);
                      const lines = [...r.getClientRects()];
                      const text = li.closest('.rw-markdown').getBoundingClientRect();
                      return {lines: new Set(lines.map(l => Math.round(l.top))).size,
                              left: Math.min(...lines.map(l => l.left)) - text.left}; }"""
        )
        assert indent["lines"] >= 2 and indent["left"] >= 12, f"wrapped list lines should be indented: {indent}"
        assert "####" not in bubble.inner_text() and "- Primary" not in bubble.inner_text()

        # Once the person scrolls, the page follows them, not the answer.
        page.mouse.move(*_centre(page.locator("#rw-messages").bounding_box()))
        page.mouse.wheel(0, 5000)
        scrolled = settled_pane(page, "scrolling down")
        assert scrolled["scrollTop"] + scrolled["paneHeight"] >= scrolled["scrollHeight"] - 2, scrolled

        # A short answer still ends at the bottom of the pane, its quick replies in view.
        tab.ask("what does an ML engineer earn?", ["$90,000–$115,000"])
        wait_until(lambda: "What affects salary?" in tab.replies(), f"salary quick replies, got {tab.replies()}")
        short = settled_pane(page, "a short answer")
        assert short["scrollTop"] + short["paneHeight"] >= short["scrollHeight"] - 2, short
        assert page.locator(".rw-reply", has_text="What affects salary?").last.is_visible()
        tab.screenshot(f"{device}-short-answer.png")
        tab.assert_clean()
    finally:
        tab.close()


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_the_recommendation_is_read_from_its_headline(stack: Stack, browser, device: str) -> None:
    """The interview's result is the longest reply people get: its first line must be the first thing they see."""
    tab = Tab(browser, device)
    try:
        page = tab.page
        tab.start_chat(stack.page_url)
        tab.click_reply("Which role fits me?", ["Question 1 of"])
        for number in range(1, 10):
            latest = tab.bot_texts()[-1]
            if not re.search(r"Question \d+ of \d+", latest):
                break
            before = len(tab.bot_texts())
            page.locator(".rw-replies").last.locator(".rw-reply").first.click()
            wait_until(lambda n=before: len(tab.bot_texts()) > n, f"a reply to the first option of question {number}")
            settled_pane(page, f"answering question {number}")
        else:
            raise AssertionError(f"no recommendation after 9 answers: {tab.bot_texts()[-3:]}")
        state = settled_pane(page, "the recommendation")
        tab.screenshot(f"{device}-recommendation.png")
        assert "recommend" in state["replyText"].lower() or "fit you" in state["replyText"], state["replyText"][:300]
        offset = state["replyTop"] - state["paneTop"]
        reply_start = offset + state["scrollTop"]
        if state["scrollHeight"] - reply_start > state["paneHeight"]:  # taller than the pane: shown from its start
            assert 0 <= offset <= 40, f"the recommendation's first line is at {offset}px in the pane: {state}"
        else:  # it fits: the widget's scroll to the bottom shows all of it
            assert offset >= 0, state
        tab.assert_clean()
    finally:
        tab.close()


def _centre(box: dict) -> tuple:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_ordered_answers_show_their_numbers(stack: Stack, tab: Tab) -> None:
    """The workflow is numbered, so "step 4" can be found on screen (the widget's own CSS draws every list,
    ordered or not, with bullets: web/chat.css puts the numbers back)."""
    page = tab.page
    tab.start_chat(stack.page_url)
    tab.ask("what are the steps of an AI project?", ["Data Ingestion", "Monitoring and Maintenance"])
    markers = page.locator(BOT_TEXT).last.evaluate(
        """bubble => [...bubble.querySelectorAll('ol')].map(ol =>
             ({type: getComputedStyle(ol).listStyleType, items: ol.querySelectorAll(':scope > li').length}))"""
    )
    assert markers == [{"type": "decimal", "items": 6}], markers
    bullets = page.locator(BOT_TEXT).last.evaluate(
        "bubble => [...bubble.querySelectorAll('ul')].map(ul => getComputedStyle(ul).listStyleType)"
    )
    assert set(bullets) <= {"disc"}, bullets
    tab.screenshot("widget-numbered-workflow.png")


def test_markup_in_a_bot_message_is_shown_as_text(stack: Stack, tab: Tab) -> None:
    page = tab.page
    tab.start_chat(stack.page_url)
    markup = (
        'careerbot-markup-test <img src="x" onerror="window.careerbotInjected=1"> <b>bold</b> '
        '<script>window.careerbotInjected=2</script> <iframe src="/config.js"></iframe>'
    )
    link = "careerbot-link-test [click me](javascript:window.careerbotInjected=3)"
    shown = push_bot_message(stack, tab, markup, "careerbot-markup-test")
    for literal in ('<img src="x" onerror="window.careerbotInjected=1">', "<b>bold</b>", "<script>", "<iframe"):
        assert literal in shown, f"{literal!r} should be shown as text; the bubble shows {shown!r}"
    bubble = page.locator(BOT_TEXT).last
    assert bubble.locator("img, b, script, iframe").count() == 0, bubble.inner_html()

    # Markdown links do render (rasa-webchat turns off react-markdown's URL filter), so a javascript: link
    # is clickable; the page's Content-Security-Policy must stop it from running.
    push_bot_message(stack, tab, link, "careerbot-link-test")
    anchor = page.locator(BOT_TEXT).last.locator("a")
    assert anchor.count() == 1, page.locator(BOT_TEXT).last.inner_html()
    popups: List[object] = []
    tab.context.on("page", lambda popup: popups.append(popup))
    anchor.click()
    page.wait_for_timeout(1000)
    for popup in popups:
        assert popup.evaluate("window.careerbotInjected") is None, "a javascript: link ran in a new tab"
        popup.close()
    assert page.evaluate("window.careerbotInjected") is None, "markup in a bot message ran as code"
    tab.screenshot("widget-markup.png")
    assert tab.errors == [], tab.errors


def push_bot_message(stack: Stack, tab: Tab, text: str, marker: str) -> str:
    """Send `text` as a bot message through Rasa's socket.io channel into the widget's own conversation."""
    before = len(tab.bot_texts())
    r = requests.post(
        f"{stack.rasa_url}/conversations/{tab.session_id()}/tracker/events",
        params={"token": stack.token, "output_channel": "socketio", "execute_side_effects": "true"},
        json=[{"event": "bot", "text": text}],
        timeout=30,
    )
    r.raise_for_status()
    return tab.wait_for_bot(before, [marker])


def test_cors_admits_only_the_pages_origin(stack: Stack, browser, tmp_path: Path) -> None:
    handshake = f"{stack.rasa_url}/socket.io/?EIO=4&transport=polling"
    page_origin = f"http://127.0.0.1:{stack.web}"
    ok = requests.get(handshake, headers={"Origin": page_origin}, timeout=10)
    assert ok.status_code == 200 and ok.headers.get("Access-Control-Allow-Origin") == page_origin, ok.headers
    for origin in (f"http://127.0.0.1:{free_port()}", "http://evil.example"):
        other = requests.get(handshake, headers={"Origin": origin}, timeout=10)
        assert other.headers.get("Access-Control-Allow-Origin") not in (origin, "*"), (origin, other.headers)

    # The same page served from another origin cannot reach the bot in a real browser.
    elsewhere = start_page_server(tmp_path, stack.rasa_url)
    tab = Tab(browser)
    try:
        tab.page.goto(f"http://127.0.0.1:{elsewhere.port}/")
        tab.open_widget()
        tab.page.wait_for_timeout(6000)
        assert tab.bot_texts() == [], "a page from another origin got an answer from Rasa"
        assert any("CORS" in e for e in tab.console_errors), tab.console_errors
    finally:
        tab.close()
        elsewhere.stop()


def _websocket_connect(rasa_url: str, origin: str) -> str:
    """Open a websocket-only socket.io connection with this browser Origin; return the server's answer to it.

    Engine.IO sends its open packet ("0{...}"); the client asks for namespace "/" ("40"); socket.io answers
    "40{sid}" (connected) or "44{...}" (refused by the connect handler).
    """
    import asyncio
    import concurrent.futures

    import websockets

    async def talk() -> str:
        url = rasa_url.replace("http://", "ws://") + "/socket.io/?EIO=4&transport=websocket"
        async with websockets.connect(url, origin=origin, open_timeout=10) as ws:
            opened = await asyncio.wait_for(ws.recv(), 10)
            assert str(opened).startswith("0"), opened
            await ws.send("40")
            return str(await asyncio.wait_for(ws.recv(), 10))

    # Playwright's sync API keeps an event loop running in this thread: talk from a thread of our own.
    with concurrent.futures.ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, talk()).result()


def test_websocket_only_clients_from_other_origins_are_refused(stack: Stack) -> None:
    """Browsers skip CORS for WebSockets, so the socket.io channel checks the Origin itself."""
    assert _websocket_connect(stack.rasa_url, f"http://127.0.0.1:{stack.web}").startswith("40")
    for origin in ("http://evil.example", f"http://127.0.0.1:{free_port()}"):
        assert _websocket_connect(stack.rasa_url, origin).startswith("44"), origin


def test_servers_listen_on_loopback_only(stack: Stack) -> None:
    for port in (stack.web, stack.rasa, stack.actions):
        assert listening_addresses(port) == ["127.0.0.1"], (port, listening_addresses(port))


def test_page_server_serves_only_the_page(stack: Stack) -> None:
    base = stack.page_url.rstrip("/")
    page = requests.get(base + "/", timeout=10)
    assert page.status_code == 200
    csp = page.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and f"connect-src 'self' {stack.rasa_url} ws://127.0.0.1:{stack.rasa}" in csp
    config = requests.get(base + "/config.js", timeout=10).text
    assert json.dumps(stack.rasa_url) in config
    bundle = requests.get(base + "/vendor/rasa-webchat.js", timeout=10)
    assert bundle.status_code == 200 and "WebChat" in bundle.text[:2000]
    for path in ("/package.json", "/node_modules/rasa-webchat/package.json", "/../Makefile", "/%2e%2e/Makefile"):
        assert requests.get(base + path, timeout=10).status_code == 404, path
