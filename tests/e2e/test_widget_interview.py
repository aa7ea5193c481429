"""One person takes the role-fit interview in the chat widget, in a real headless Chromium, against the real stack
(scripts/serve.sh as `make serve` runs it): types the request, clicks an option, answers the next question in
their own words, gets the recommendation and asks a follow-up about it.

Checked in the page (the question comes in the same reply as the intro, with its buttons; the recommendation
and the follow-up's figures) and in the conversation's tracker through Rasa's HTTP API (each answer stored
against the question that was on screen, given the way it was given). Reuses test_widget.py's browser helpers;
screenshots go to test-artifacts/widget-interview/.
"""

from __future__ import annotations

from typing import Iterator

import pytest

import tests.e2e.test_widget as widget
from tests.e2e.servers import ROOT
from tests.e2e.test_widget import Stack, Tab, browser, wait_until  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.e2e

ARTIFACTS = ROOT / "test-artifacts" / "widget-interview"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """test_widget.py's stack, with its logs and screenshots in this test's own artifacts folder."""
    yield from widget.stack_in(ARTIFACTS, tmp_path_factory)


def test_interview_clicked_and_typed_in_the_widget(stack: Stack, tab: Tab) -> None:
    tab.start_chat(stack.page_url)

    reply = tab.ask("which role fits me?", ["5 quick questions", "Question 1 of 5:"])
    wait_until(lambda: "Engineering systems" in tab.replies(), "the first question's buttons")
    assert "Question 2" not in reply
    tab.screenshot("1-first-question.png")
    sender = tab.session_id()
    state = stack.tracker(sender)["slots"]["fit_state"]
    assert state["current"] == "fit_work" and state["answers"] == {}

    tab.click_reply("Engineering systems", ["Question 2 of 5:"])
    state = stack.tracker(sender)["slots"]["fit_state"]
    assert state["answers"]["fit_work"]["option"] == "systems" and state["answers"]["fit_work"]["how"] == "button"
    assert state["current"] == "fit_math"

    tab.ask("honestly I'm not into heavy math", ["Question 3 of 5:"])
    state = stack.tracker(sender)["slots"]["fit_state"]
    assert state["answers"]["fit_math"]["option"] == "low" and state["answers"]["fit_math"]["how"] == "text"

    reply = tab.ask("yes, containers and CI/CD are my thing", ["My recommendation: AI Engineer"])
    assert "$85,000–$110,000" in reply and "not into heavy math" in reply  # the range and the person's own words
    assert "Add first" not in reply  # "not into heavy math" names math but claims no skill
    tab.screenshot("2-recommendation.png")
    slots = stack.tracker(sender)["slots"]
    assert slots["fit_state"]["answers"]["fit_cloud"]["option"] == "yes"
    assert slots["fit_state"]["status"] == "done" and slots["fit_role"] == "ai_engineer"

    follow_up = tab.ask("and what would I earn starting out in that role?", ["$85,000–$110,000"])
    assert "$90,000–$115,000" not in follow_up  # about the recommended role only
    tab.screenshot("3-follow-up.png")
    tab.assert_clean()
