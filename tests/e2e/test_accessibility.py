"""The chat page is usable by everyone (issue #25, WCAG 2.1 AA): checked in a real headless Chromium against the
real stack (scripts/serve.sh as `make serve` runs it), as a person would use it.

- axe-core (pinned in web/package-lock.json, injected from web/node_modules: no CDN) finds no violation of
  WCAG 2.0/2.1 A and AA or of its best practices, on the open widget after a short conversation, on a desktop
  (1280x800) and a phone (390x844), in the light and the dark colour scheme, and at 200 % and 400 % zoom.
- A conversation with the keyboard alone: Tab to the launcher, Enter opens it with focus in the message field,
  type and send, Shift+Tab to a quick reply and Enter (or Space), focus back in the field after each reply,
  the pane scrolled with the keys, Escape closes the chat and puts focus back on the launcher; every focused
  control shows a visible focus ring.
- Each bot reply appears exactly once in the page's polite live region; a reload or reopening the chat does
  not read the history out again.
- Large text (a root font size of 200 %, as a phone's largest text setting), 200 % and 400 % zoom: the widget fits,
  nothing is cut off. Screenshots go to test-artifacts/accessibility/ (look at them).
- Pictures from the bot carry a text alternative.

The widget's markup is patched by one post-render pass in web/chat.js, written for one rasa-webchat version: a
test compares that version with web/package-lock.json, the installed package and the running widget.
Browser and servers as in tests/e2e/test_widget.py (Debian's /usr/bin/chromium, never `playwright install`).
"""

from __future__ import annotations

import json
import re
from typing import Dict, Iterator, List

import pytest
import requests

import tests.e2e.test_widget as widget
from tests.e2e.servers import ROOT
from tests.e2e.test_widget import GREETING, GREETING_REPLIES, Stack, Tab, wait_until

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "accessibility"
WEB = ROOT / "web"
AXE = WEB / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
FIELD = "textarea.rw-new-message"
ANNOUNCER = "#chat-announcer"
SALARY_QUESTION = "what does an ML engineer earn?"
SALARY_FACT = "$90,000–$115,000"
SALARY_REPLY = "What affects salary?"
SALARY_FACTORS = "What moves salaries"
# A 1x1 PNG: the page's CSP allows data: images, and the test browser reaches nothing outside 127.0.0.1.
PIXEL = (
    "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """test_widget.py's stack, with its logs and screenshots in this test's own artifacts folder."""
    yield from widget.stack_in(ARTIFACTS, tmp_path_factory)


@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    """test_widget.py's headless Chromium (Debian's, never `playwright install`), one per module."""
    yield from widget.launch_chromium()


# --- helpers ---------------------------------------------------------------------------------------------------


def new_tab(browser, device: str = "desktop", **options: object) -> Tab:
    """A tab (test_widget.Tab: fresh storage, offline) whose pages get axe-core from web/node_modules.

    axe comes in as an init script: the page's Content-Security-Policy admits scripts from its own server only,
    so a <script> tag (page.add_script_tag) would be refused; init scripts run outside the CSP, which stays in
    force for everything the page itself does.
    """
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: (cd web && npm ci) installs axe-core from web/package-lock.json", pytrace=False)
    tab = Tab(browser, device, **options)
    tab.context.add_init_script(path=str(AXE))
    return tab


def axe_violations(page) -> List[dict]:
    """axe-core's violations of WCAG 2.0/2.1 A and AA and its best practices on the whole page."""
    assert page.evaluate("typeof window.axe") == "object", "axe-core did not load into the page"
    return page.evaluate(
        """async (tags) => {
             const only = {type: 'tag', values: tags};
             const result = await axe.run(document, {runOnly: only, resultTypes: ['violations']});
             return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.map(n => ({target: n.target.join(' '), summary: n.failureSummary}))}));
           }""",
        AXE_TAGS,
    )


def assert_no_violations(page, where: str) -> None:
    found = axe_violations(page)
    report = "\n".join(
        f"- {v['id']} ({v['impact']}): {v['help']}\n"
        + "\n".join(f"    {n['target']}: {n['summary']}" for n in v["nodes"][:5])
        for v in found
    )
    assert found == [], f"axe-core found {len(found)} violation(s) {where}:\n{report}"


def short_conversation(tab: Tab, url: str) -> None:
    """Greeting, a typed question with a sub-heading, a list and quick replies, then a quick reply clicked."""
    tab.start_chat(url)
    wait_until(lambda: tab.replies() == GREETING_REPLIES, f"quick replies {GREETING_REPLIES}, got {tab.replies()}")
    tab.ask(SALARY_QUESTION, [SALARY_FACT])
    wait_until(lambda: SALARY_REPLY in tab.replies(), f"a {SALARY_REPLY!r} quick reply, got {tab.replies()}")
    tab.click_reply(SALARY_REPLY, [SALARY_FACTORS])
    tab.page.wait_for_timeout(500)  # the reply's last bubble and buttons rendered


FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el), box = el.getBoundingClientRect();
  return {tag: el.tagName.toLowerCase(), cls: el.className && el.className.baseVal === undefined ? el.className : '',
          id: el.id, role: el.getAttribute('role'), label: el.getAttribute('aria-label'),
          text: (el.innerText || '').trim().slice(0, 80),
          outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow,
          box: {x: box.x, y: box.y, width: box.width, height: box.height},
          viewport: {width: innerWidth, height: innerHeight}};
}"""


def focused(page) -> dict | None:
    return page.evaluate(FOCUS_JS)


def assert_focus_visible(page, what: str) -> dict:
    """The focused element shows a focus ring (>= 2px outline) and is on screen."""
    state = focused(page)
    assert state is not None, f"{what}: focus was lost to the page body"
    assert state["outline"] != "none" and state["outlineWidth"] >= 2, f"{what}: no visible focus ring: {state}"
    box, view = state["box"], state["viewport"]
    assert box["width"] > 0 and box["height"] > 0, f"{what}: the focused element is not shown: {state}"
    assert box["x"] >= -1 and box["y"] >= -1, f"{what}: the focused element is off screen: {state}"
    assert box["x"] + box["width"] <= view["width"] + 1 and box["y"] < view["height"], f"{what}: off screen: {state}"
    return state


def press_until(page, key: str, matches, what: str, limit: int = 12) -> dict:
    """Press `key` (e.g. Tab) until the focused element matches; its focus state."""
    for _ in range(limit):
        page.keyboard.press(key)
        state = focused(page)
        if state and matches(state):
            return state
    raise AssertionError(f"{limit} x {key} never reached {what}; focus is on {focused(page)}")


def wait_for_focus_in_field(page, what: str) -> None:
    try:
        wait_until(
            lambda: (focused(page) or {}).get("cls", "").startswith("rw-new-message"), f"focus in the field {what}"
        )
    except AssertionError as timeout:
        field = page.evaluate(
            "(s => (f => f && {disabled: f.disabled, shown: !!f.offsetParent})(document.querySelector(s)))", FIELD
        )
        raise AssertionError(f"{timeout}; focus is on {focused(page)}; the field: {field}") from None


def announcements(page) -> List[str]:
    """The entries of the live region, in order."""
    return page.locator(f"{ANNOUNCER} > *").all_inner_texts()


def live_regions_holding(page, text: str) -> List[Dict[str, object]]:
    """Every live region (aria-live polite/assertive, or an implicitly live role) and how often it holds `text`."""
    return page.evaluate(
        """(text) => [...document.querySelectorAll('[aria-live], [role=log], [role=status], [role=alert]')]
             .filter(el => el.getAttribute('aria-live') !== 'off')
             .map(el => ({id: el.id, live: el.getAttribute('aria-live') || el.getAttribute('role'),
                          count: el.innerText.split(text).length - 1}))
             .filter(r => r.count > 0)""",
        text,
    )


# --- the widget patch is for the installed widget --------------------------------------------------------------


def test_the_markup_patch_is_for_the_pinned_rasa_webchat() -> None:
    lock = json.loads((WEB / "package-lock.json").read_text())["packages"]
    pinned = lock["node_modules/rasa-webchat"]["version"]
    written_for = re.search(r'var WEBCHAT_VERSION = "([^"]+)"', (WEB / "chat.js").read_text())
    assert written_for, "web/chat.js no longer names the rasa-webchat version its markup patch was written for"
    assert written_for.group(1) == pinned, (
        f"web/chat.js's accessibility patch was written for rasa-webchat {written_for.group(1)}, the lock pins "
        f"{pinned}: check every patched selector against the new widget, then update WEBCHAT_VERSION"
    )
    installed = json.loads((WEB / "node_modules" / "rasa-webchat" / "package.json").read_text())["version"]
    assert installed == pinned, f"rasa-webchat {installed} installed, the lock pins {pinned}: (cd web && npm ci)"
    axe = lock["node_modules/axe-core"]
    assert axe["version"].startswith("4.") and axe.get("dev") is True, axe
    assert json.loads((WEB / "package.json").read_text())["devDependencies"]["axe-core"] == axe["version"]


# --- axe-core ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_axe_finds_no_violation_after_a_conversation(stack: Stack, chromium, device: str, scheme: str) -> None:
    tab = new_tab(chromium, device, color_scheme=scheme)
    try:
        page = tab.page
        page.goto(stack.page_url)
        page.wait_for_selector("button.rw-launcher")
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") == (scheme == "dark")
        assert_no_violations(page, f"on the page with the chat closed ({device}, {scheme})")

        short_conversation(tab, stack.page_url)
        assert_no_violations(page, f"on the open chat after a conversation ({device}, {scheme})")
        tab.screenshot(f"axe-{device}-{scheme}.png")
        if scheme == "dark":  # the dark scheme is really dark: light text on a dark pane
            colours = page.evaluate(
                """() => { const pane = getComputedStyle(document.getElementById('rw-messages'));
                           const bubble = getComputedStyle(document.querySelector('.rw-response'));
                           return [pane.backgroundColor, bubble.color]; }"""
            )
            assert colours == ["rgb(22, 29, 42)", "rgb(238, 242, 248)"], colours

        # The running widget is the version the patch was written for (it stores its version with the session).
        stored = json.loads(page.evaluate("sessionStorage.getItem('chat_session')"))
        assert stored["version"] == page.get_attribute("#webchat", "data-webchat-version") == "1.0.1", stored
        tab.assert_clean()
    finally:
        tab.close()


def test_named_controls_landmark_and_headings(stack: Stack, chromium) -> None:
    """What a screen reader finds: named buttons (the erase confirmation's too), one labelled landmark for the
    chat, headings in order."""
    tab = new_tab(chromium)
    try:
        page = tab.page
        page.goto(stack.page_url)
        launcher = page.get_by_role("button", name="Open the chat with careerbot")
        launcher.wait_for()
        assert launcher.get_attribute("aria-expanded") == "false"
        short_conversation(tab, stack.page_url)
        wait_for_focus_in_field(page, "after a quick reply chosen with the mouse")
        chat = page.get_by_role("complementary", name="Chat with careerbot")
        assert chat.count() == 1
        for name in ("Close the chat", "Send"):
            assert chat.get_by_role("button", name=name, exact=True).count() >= 1, name
        assert chat.get_by_role("textbox", name="Message to careerbot").count() == 1
        assert page.locator("button.rw-launcher").get_attribute("aria-expanded") == "true"
        replies = chat.get_by_role("group", name="Quick replies").last.get_by_role("button")
        assert replies.count() >= 1 and all(t.strip() for t in replies.all_inner_texts()), replies.all_inner_texts()
        levels = page.evaluate(
            """() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')]
                 .map(h => Number(h.getAttribute('aria-level') || h.tagName.slice(1)))"""
        )
        assert levels[:2] == [1, 2] and set(levels[2:]) <= {3}, f"heading levels in page order: {levels}"
        assert 3 in levels, "the salary answer's sub-heading should be a level-3 heading"

        # The erase confirmation ("forget me", channels/erasure.py): two named buttons, checked by axe, and
        # "No, keep it" chosen with the keyboard keeps the conversation.
        tab.ask("forget me", ["erase this conversation"])
        confirm = chat.get_by_role("group", name="Quick replies").last
        for name in ("Yes, erase", "No, keep it"):
            confirm.get_by_role("button", name=name, exact=True).wait_for()
        assert_no_violations(page, "with the erase confirmation open")
        before = len(tab.bot_texts())
        page.focus(FIELD)
        press_until(page, "Shift+Tab", lambda s: s["text"] == "No, keep it", "the 'No, keep it' button")
        assert_focus_visible(page, "the erase confirmation's 'No, keep it'")
        page.keyboard.press("Enter")
        tab.wait_for_bot(before, ["I kept the conversation"])
        tab.assert_clean()
    finally:
        tab.close()


# --- keyboard only -------------------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_a_conversation_with_the_keyboard_alone(stack: Stack, chromium, device: str) -> None:
    tab = new_tab(chromium, device)
    try:
        page = tab.page
        keys = page.keyboard
        page.goto(stack.page_url)
        page.wait_for_selector("button.rw-launcher")
        state = press_until(page, "Tab", lambda s: "rw-launcher" in s["cls"], "the launcher")
        assert state["label"] == "Open the chat with careerbot", state
        assert_focus_visible(page, "the launcher")

        keys.press("Enter")
        page.wait_for_selector(FIELD)
        wait_for_focus_in_field(page, "when the chat opens")
        tab.wait_for_bot(0, [GREETING])
        wait_until(lambda: tab.replies() == GREETING_REPLIES, f"the greeting's quick replies, got {tab.replies()}")
        assert_focus_visible(page, "the message field")

        # Typed, then sent with the Send button (Tab, Enter): the button is disabled once the field is empty,
        # and focus comes back to the field with the reply.
        before = len(tab.bot_texts())
        keys.type(SALARY_QUESTION)
        state = press_until(page, "Tab", lambda s: "rw-send" in s["cls"], "the Send button", limit=1)
        assert state["label"] == "Send", state
        assert_focus_visible(page, "the Send button")
        keys.press("Enter")
        tab.wait_for_bot(before, [SALARY_FACT])
        wait_until(lambda: SALARY_REPLY in tab.replies(), f"the salary quick replies, got {tab.replies()}")
        wait_for_focus_in_field(page, "after a typed question's reply")
        assert SALARY_QUESTION in tab.user_texts()

        # Quick replies are reachable backwards from the field, announced as buttons, and Enter chooses one.
        state = press_until(page, "Shift+Tab", lambda s: s["text"] == SALARY_REPLY, f"the {SALARY_REPLY!r} button")
        assert state["role"] == "button", state
        assert_focus_visible(page, "a quick reply")
        tab.screenshot(f"keyboard-{device}-quick-reply-focused.png")
        before = len(tab.bot_texts())
        keys.press("Enter")
        tab.wait_for_bot(before, [SALARY_FACTORS])
        assert SALARY_REPLY in tab.user_texts(), tab.user_texts()
        wait_for_focus_in_field(page, "after a quick reply's reply")
        assert_focus_visible(page, "the message field after a reply")

        # Space works as on any button.
        wait_until(lambda: len(tab.replies()) > 0, "quick replies after the salary factors")
        option = tab.replies()[-1]
        press_until(page, "Shift+Tab", lambda s: s["text"] == option and s["role"] == "button", f"{option!r}")
        before = len(tab.bot_texts())
        keys.press(" ")
        wait_until(lambda: len(tab.bot_texts()) > before, f"a reply to {option!r} chosen with Space")
        assert option in tab.user_texts()
        wait_for_focus_in_field(page, "after a quick reply chosen with Space")

        # A long answer: the pane is a Tab stop and scrolls with the keys.
        before = len(tab.bot_texts())
        keys.type("compare the two roles")
        keys.press("Enter")
        tab.wait_for_bot(before, ["AI Engineer vs Machine Learning Engineer"])
        widget.settled_pane(page, "the long answer")
        state = press_until(page, "Shift+Tab", lambda s: s["id"] == "rw-messages", "the messages pane")
        assert state["label"] == "Conversation", state
        assert_focus_visible(page, "the messages pane")
        scrolled = "document.getElementById('rw-messages').scrollTop"
        at_bottom = "(p => p.scrollTop + p.clientHeight >= p.scrollHeight - 2)(document.getElementById('rw-messages'))"
        keys.press("Home")  # Shift+Tab through the quick replies scrolled them, at the bottom, into view
        wait_until(lambda: page.evaluate(scrolled) == 0, "Home to scroll the pane to the top")
        keys.press("PageDown")
        wait_until(lambda: page.evaluate(scrolled) > 100, "PageDown to scroll the pane")
        keys.press("End")
        wait_until(lambda: page.evaluate(at_bottom), "End to reach the bottom of the pane")
        tab.screenshot(f"keyboard-{device}-pane-focused.png")
        # The close control: the header's button on a phone, the launcher (now an X) on a desktop.
        state = press_until(page, "Shift+Tab", lambda s: s["label"] == "Close the chat", "a 'Close the chat' button")
        assert ("rw-close-button" if device == "phone" else "rw-launcher") in state["cls"], state
        assert_focus_visible(page, "the close button")

        # Escape closes the chat and gives focus back to the launcher; Enter opens it again, into the field.
        keys.press("Escape")
        wait_until(lambda: page.locator(".rw-conversation-container").count() == 0, "Escape to close the chat")
        wait_until(lambda: "rw-launcher" in (focused(page) or {}).get("cls", ""), "focus back on the launcher")
        assert_focus_visible(page, "the launcher after Escape")
        assert page.get_attribute("button.rw-launcher", "aria-expanded") == "false"
        keys.press("Enter")
        page.wait_for_selector(FIELD)
        wait_for_focus_in_field(page, "when the chat is opened again")
        tab.assert_clean()
    finally:
        tab.close()


# --- the live region -----------------------------------------------------------------------------------------


def test_each_reply_is_announced_once_and_the_history_never_again(stack: Stack, chromium) -> None:
    tab = new_tab(chromium)
    try:
        page = tab.page
        short_conversation(tab, stack.page_url)
        assert page.get_attribute(ANNOUNCER, "aria-live") == "polite"
        bubbles = tab.bot_texts()
        assert len(bubbles) >= 3, bubbles
        wait_until(lambda: len(announcements(page)) == len(bubbles), f"{len(bubbles)} announcements")
        assert announcements(page) == bubbles, "the live region should hold each bot message once, in order"
        for text in bubbles:
            assert live_regions_holding(page, text) == [{"id": "chat-announcer", "live": "polite", "count": 1}], (
                text[:80],
                live_regions_holding(page, text),
            )
        for said in tab.user_texts():
            assert said not in page.inner_text(ANNOUNCER), f"the person's own message {said!r} was announced"
        # Not shown twice: the live region is for screen readers only.
        box = page.locator(ANNOUNCER).bounding_box()
        assert box is None or (box["width"] <= 1 and box["height"] <= 1), box

        # Closing and reopening the chat re-renders the history: nothing is read out again.
        page.keyboard.press("Escape")
        page.wait_for_selector(".rw-conversation-container", state="detached")
        tab.open_widget()
        page.wait_for_timeout(1000)
        assert announcements(page) == bubbles

        # A reload shows the whole conversation again, silently; only the next reply is read out.
        page.reload()
        tab.open_widget()
        wait_until(lambda: tab.bot_texts() == bubbles, "the conversation to come back after the reload")
        page.wait_for_timeout(1000)
        assert announcements(page) == [], f"the history was announced after the reload: {announcements(page)}"
        answer = tab.ask("and at senior level?", ["$145,000–$180,000+"])
        wait_until(lambda: len(announcements(page)) >= 1, "the new reply's announcement")
        page.wait_for_timeout(500)
        assert "\n".join(announcements(page)) == answer.strip(), (announcements(page), answer)

        # A message the bot sends on its own (not in reply to a typed message) is announced too.
        widget.push_bot_message(stack, tab, "careerbot-live-region-test", "careerbot-live-region-test")
        wait_until(lambda: announcements(page)[-1:] == ["careerbot-live-region-test"], "the pushed message")
        tab.assert_clean()
    finally:
        tab.close()


# --- pictures ------------------------------------------------------------------------------------------------


def test_pictures_from_the_bot_have_text_alternatives(stack: Stack, chromium) -> None:
    """Charts reach the widget as image attachments: with a title (its alt text) or without (a fallback)."""
    tab = new_tab(chromium)
    try:
        page = tab.page
        tab.start_chat(stack.page_url)
        titled = {"attachment": {"type": "image", "payload": {"src": PIXEL, "title": "Salary ranges by level"}}}
        # Rasa 3.6's socket.io channel emits a custom payload's "data" as the message.
        for data in ({"image": PIXEL}, {"custom": {"data": titled}}):
            before = page.locator("#rw-messages img").count()
            r = requests.post(
                f"{stack.rasa_url}/conversations/{tab.session_id()}/tracker/events",
                params={"token": stack.token, "output_channel": "socketio", "execute_side_effects": "true"},
                json=[{"event": "bot", "text": None, "data": data}],
                timeout=30,
            )
            r.raise_for_status()
            wait_until(lambda n=before: page.locator("#rw-messages img").count() > n, f"the picture {data}")
        page.wait_for_timeout(300)
        alts = page.locator("#rw-messages img").evaluate_all("imgs => imgs.map(i => i.getAttribute('alt'))")
        assert alts == ["Picture sent by careerbot", "Salary ranges by level"], alts
        assert page.locator("#webchat img:not([alt])").count() == 0
        wait_until(lambda: announcements(page)[-2:] == [f"Picture: {a}" for a in alts], "the pictures announced")
        assert_no_violations(page, "with pictures in the chat")
        tab.assert_clean()
    finally:
        tab.close()


# --- zoom and large text -------------------------------------------------------------------------------------

FIT_JS = """() => {
  const view = {width: innerWidth, height: innerHeight};
  const box = s => { const e = document.querySelector(s); if (!e) return null;
                     const r = e.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const cut = [...document.querySelectorAll('#webchat .rw-message-text, #webchat .rw-reply, #webchat .rw-title, '
                                            + '#webchat .rw-header span')]
    .filter(e => e.scrollWidth > e.clientWidth + 1)
    .map(e => e.className + ': ' + e.innerText.slice(0, 40));
  const tight = [...document.querySelectorAll('#webchat .rw-message-text, #webchat .rw-reply, #webchat .rw-title, '
                                              + '#webchat .rw-header span, #webchat .rw-new-message')]
    .filter(e => { const s = getComputedStyle(e);
                   return s.lineHeight !== 'normal' && parseFloat(s.lineHeight) < 1.1 * parseFloat(s.fontSize); })
    .map(e => e.className + ': line-height ' + getComputedStyle(e).lineHeight);
  const field = document.querySelector('#webchat .rw-new-message');
  const fieldShort = field.clientHeight < parseFloat(getComputedStyle(field).fontSize);
  const pane = document.getElementById('rw-messages');
  const wide = [...pane.querySelectorAll('.rw-response, .rw-client, .rw-reply')]
    .filter(e => e.getBoundingClientRect().right > pane.getBoundingClientRect().right + 1)
    .map(e => e.innerText.slice(0, 40));
  return {view, chat: box('.rw-conversation-container'), header: box('.rw-header'), field: box('.rw-new-message'),
          send: box('.rw-send'), pane: box('#rw-messages'), cut, wide, tight, fieldShort,
          paneScrollsSideways: pane.scrollWidth > pane.clientWidth + 1,
          // A phone widens its layout viewport past the screen when anything on the page is too wide.
          pageScrollsSideways: Math.max(innerWidth, document.documentElement.scrollWidth) > screen.width + 1,
          textSize: parseFloat(getComputedStyle(document.querySelector('.rw-response')).fontSize)};
}"""


def assert_fits(page, what: str) -> dict:
    state = page.evaluate(FIT_JS)
    view = state["view"]
    for part in ("chat", "header", "field", "send", "pane"):
        box = state[part]
        assert box is not None and box["w"] > 0 and box["h"] > 0, f"{what}: no {part}: {state}"
        assert box["x"] >= -1 and box["y"] >= -1, f"{what}: the {part} starts off screen: {state}"
        assert box["x"] + box["w"] <= view["width"] + 1, f"{what}: the {part} sticks out on the right: {state}"
        assert box["y"] + box["h"] <= view["height"] + 1, f"{what}: the {part} sticks out at the bottom: {state}"
    assert state["pane"]["h"] >= 120, f"{what}: too little room left for the messages: {state}"
    assert state["cut"] == [] and state["wide"] == [], f"{what}: text cut off or wider than the pane: {state}"
    assert state["tight"] == [], f"{what}: lines closer than the text is tall (they overlap): {state['tight']}"
    assert not state["fieldShort"], f"{what}: the message field is lower than its text: {state}"
    assert not state["paneScrollsSideways"] and not state["pageScrollsSideways"], f"{what}: scrolls sideways: {state}"
    return state


@pytest.mark.parametrize("zoom", [200, 400])
def test_usable_when_zoomed(stack: Stack, chromium, zoom: int) -> None:
    """A 1280x800 window at 200 % zoom is 640x400 CSS px; 1280x1024 at 400 % (WCAG's reflow case) is 320x256.
    The chat fills it and fits, with room left to read; device scale as the zoom for sharp screenshots."""
    size = {200: {"width": 640, "height": 400}, 400: {"width": 320, "height": 256}}[zoom]
    tab = new_tab(chromium, viewport=size, device_scale_factor=zoom // 100)
    try:
        page = tab.page
        short_conversation(tab, stack.page_url)
        assert_fits(page, f"at {zoom} % zoom")
        widget.assert_header_readable(page)
        tab.screenshot(f"zoom-{zoom}-percent.png")
        assert_no_violations(page, f"at {zoom} % zoom")
        tab.assert_clean()
    finally:
        tab.close()


# The root font size doubled as soon as the page's <html> element exists (init scripts run before it does).
LARGE_TEXT = """new MutationObserver((_, watch) => {
  if (document.documentElement) { document.documentElement.style.fontSize = '200%'; watch.disconnect(); }
}).observe(document, {childList: true});"""


@pytest.mark.parametrize("device", ["desktop", "phone"])
def test_usable_with_large_text(stack: Stack, chromium, device: str) -> None:
    """The reader's default font size doubled (a phone's largest text, the browser's font setting), set before
    the page loads: the chat's text grows with it and still fits, wrapped, nothing cut off or overlapping."""
    tab = new_tab(chromium, device)
    try:
        page = tab.page
        tab.context.add_init_script(LARGE_TEXT)
        short_conversation(tab, stack.page_url)
        state = assert_fits(page, "with large text")
        assert state["textSize"] >= 1.9 * 15, f"the answers' text (15px by default) did not grow: {state}"
        widget.assert_header_readable(page)
        tab.screenshot(f"large-text-{device}.png")
        assert_no_violations(page, f"with large text ({device})")
        tab.assert_clean()
    finally:
        tab.close()
