"""The widget's charts in a real headless Chromium, against the real stack (scripts/serve.sh as `make serve` runs it):
a salary comparison and a role-fit recommendation each come with a picture that loads (the page's CSP allows
data: images), has a caption and an alt text stating its figures, and sits above the answer's text so the quick
replies stay shown. The same question over REST gets text only. Reuses test_widget.py's browser helpers;
screenshots go to test-artifacts/widget-charts/.
"""

from __future__ import annotations

import json
from typing import Dict, Iterator, List

import pytest
import requests

import tests.e2e.test_widget as widget
from tests.e2e.servers import ROOT
from tests.e2e.test_widget import Stack, Tab, browser, wait_until  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "widget-charts"
CHART = "#rw-messages img.rw-image-frame"
SALARY_FIGURES = ["$85,000 to $110,000", "$115,000 to $145,000", "$145,000 to $180,000+"]  # careers.yml bands


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """test_widget.py's stack, with its logs and screenshots in this test's own artifacts folder."""
    yield from widget.stack_in(ARTIFACTS, tmp_path_factory)


# web/chat.js shows a long reply from its first message: with a chart, from the chart (not the text below it).
LAST_CHART_IN_VIEW = """() => {
    const pane = document.getElementById('rw-messages');
    const img = [...pane.querySelectorAll('img.rw-image-frame')].pop();
    const p = pane.getBoundingClientRect(), caption = img.closest('.image').getBoundingClientRect();
    return caption.top >= p.top - 1 && caption.top < p.top + 60;
}"""


def charts(tab: Tab) -> List[Dict[str, object]]:
    """Every chart image in the chat: its alt, whether it loaded, its size on screen and the caption above it."""
    return tab.page.eval_on_selector_all(
        CHART,
        """imgs => imgs.map(img => ({
            alt: img.getAttribute('alt'), loaded: img.complete && img.naturalWidth > 0,
            width: img.getBoundingClientRect().width, height: img.getBoundingClientRect().height,
            caption: img.closest('.image').querySelector('.rw-image-title').textContent,
            src: img.getAttribute('src').slice(0, 26)}))""",
    )


def wait_for_chart(tab: Tab, count: int) -> Dict[str, object]:
    try:
        wait_until(lambda: len(charts(tab)) >= count and all(c["alt"] for c in charts(tab)), f"{count} chart(s)")
    except AssertionError as error:
        last = tab.page.eval_on_selector_all(".rw-message", "rs => rs.slice(-4).map(r => r.outerHTML.slice(0, 400))")
        raise AssertionError(f"{error}; charts: {charts(tab)}; the chat ends with: {last}") from None
    wait_until(lambda: charts(tab)[count - 1]["loaded"], "the chart to load (CSP allows data: images)")
    return charts(tab)[count - 1]


def test_salary_comparison_and_recommendation_come_with_labelled_charts(stack: Stack, tab: Tab) -> None:
    tab.start_chat(stack.page_url)

    tab.ask("compare AI and ML engineer salaries", ["Pay compared", "$145,000–$180,000+"])
    chart = wait_for_chart(tab, 1)
    assert chart["src"] == "data:image/svg+xml;base64,"
    assert all(figure in chart["alt"] for figure in SALARY_FIGURES), chart["alt"]
    assert "2026 outlook" in chart["caption"], chart["caption"]
    assert chart["width"] >= 200 and chart["height"] >= 100, f"the chart is not shown at a readable size: {chart}"
    wait_until(lambda: "What affects salary?" in tab.replies(), f"the answer's quick replies, got {tab.replies()}")
    order = tab.page.evaluate(
        """() => [...document.querySelectorAll(".rw-message")].map(r =>
            r.querySelector('img') ? 'chart' : (r.innerText.includes('Pay compared') ? 'text' : 'other'))"""
    )
    assert order.index("chart") < order.index("text"), f"the chart should come above the answer: {order}"
    wait_until(lambda: tab.page.evaluate(LAST_CHART_IN_VIEW), "the pane to show the reply from its chart down")
    tab.screenshot("1-salary-chart.png")

    before = len(tab.bot_texts())
    tab.ask("which role fits me?", ["Question 1 of"])
    for _ in range(6):  # first option of each question, until the recommendation
        if any(head in "\n".join(tab.bot_texts()[before:]) for head in ("My recommendation", "Both roles fit")):
            break
        wait_until(lambda: bool(tab.replies()), "the question's options")
        seen = len(tab.bot_texts())
        tab.page.locator(".rw-reply").first.click()
        wait_until(lambda seen=seen: len(tab.bot_texts()) > seen, "the next question or the recommendation")
    fit = wait_for_chart(tab, 2)
    assert "Overall:" in fit["alt"] and "toward" in fit["alt"], fit["alt"]
    assert fit["caption"], fit
    wait_until(lambda: tab.page.evaluate(LAST_CHART_IN_VIEW), "the pane to show the recommendation from its chart")
    tab.screenshot("2-fit-chart.png")
    tab.assert_clean()


def test_rest_gets_the_comparison_as_text_only(stack: Stack) -> None:
    r = requests.post(
        f"{stack.rasa_url}/webhooks/rest/webhook",
        json={"sender": "charts-rest", "message": "which role pays more?"},
        timeout=60,
    )
    r.raise_for_status()
    messages = r.json()
    assert any("Pay compared" in (m.get("text") or "") for m in messages), messages
    raw = json.dumps(messages)
    assert "attachment" not in raw and '"image"' not in raw and "svg" not in raw.lower(), raw[:500]
