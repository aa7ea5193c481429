"""The terminal chat's pure parts: which typed text picks an option, and how a bot message is printed."""

from __future__ import annotations

import importlib.util
import io

from tests.e2e.servers import ROOT

_spec = importlib.util.spec_from_file_location("terminal", ROOT / "serving" / "terminal.py")
terminal = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(terminal)  # type: ignore[union-attr]

BUTTONS = [
    {"title": "Compare the roles", "payload": "/ask_role_comparison"},
    {"title": "Salaries", "payload": "/ask_salary"},
    {"title": "Which role fits me?", "payload": "/ask_role_fit"},
]
PLAIN = terminal.Style(io.StringIO())  # not a terminal: no colour codes


def test_a_number_or_a_title_picks_an_option_anything_else_is_a_message() -> None:
    options = terminal.Options(BUTTONS)
    assert options.pick("2")["payload"] == "/ask_salary"
    assert options.pick(" 3 ")["payload"] == "/ask_role_fit"
    assert options.pick("salaries")["payload"] == "/ask_salary"
    for typed in ("0", "4", "12", "s", "what does an ML engineer earn?", "2 please"):
        assert options.pick(typed) is None, typed
    assert terminal.Options().pick("1") is None


def test_options_are_numbered_titles_without_payloads() -> None:
    lines = terminal.Options(BUTTONS).lines(PLAIN)
    assert lines[:3] == ["  1. Compare the roles", "  2. Salaries", "  3. Which role fits me?"]
    assert not any("/ask_" in line for line in lines)


def test_a_bot_message_prints_as_indented_plain_lines() -> None:
    message = {"text": "Salary (US):\n \n- Machine Learning Engineer, entry level: $90,000–$115,000\n \nNote."}
    lines = terminal.bot_lines(message, 80, PLAIN)
    assert lines[0] == "Bot: Salary (US):"
    assert lines[1] == "       • Machine Learning Engineer, entry level: $90,000–$115,000"
    assert lines[2] == "     Note."
