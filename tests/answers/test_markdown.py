"""Answers as markdown: lists the widget's parser (remark-parse 5) sees as lists, headings above them, and the
same text read back as plain terminal lines."""

from __future__ import annotations

from actions.answers.markdown import BREAK, HEADING, layout, to_terminal
from actions.answers.phrasing import Answer
from actions.answers.pipeline import render
from actions.understanding.question import Question


def test_a_list_gets_blank_lines_and_its_short_intro_becomes_a_heading() -> None:
    text = "Intro sentence.\nWhy, from your answers:\n- one\n• two\nA closing line."
    expected = ["**Intro sentence.**", "#### Why, from your answers:", "- one\n- two", "A closing line."]
    assert layout(text) == BREAK.join(expected)


def test_a_long_line_ending_in_a_colon_stays_a_sentence() -> None:
    intro = "Why the distinction matters: " + "it helps people choose a path that suits them. " * 3 + "Drivers:"
    assert layout(f"{intro}\n- a") == f"{intro}{BREAK}- a"


def test_numbered_items_become_one_ordered_list() -> None:
    assert layout("Steps\n- 1. Ingest\n- 2. Prepare") == f"Steps{BREAK}1. Ingest\n2. Prepare"


def test_layout_is_idempotent_and_leaves_plain_text_alone() -> None:
    text = "Head:\n- a\n- b\nTail:\n- c"
    once = layout(text)
    assert layout(once) == once
    assert layout("Just one line.\nAnd another.") == "Just one line.\nAnd another."


def test_every_answer_is_laid_out() -> None:
    assert Answer("Key takeaways:\n- a\n- b").text == f"{HEADING}Key takeaways:{BREAK}- a\n- b"


def test_the_terminal_shows_no_markdown_markers() -> None:
    lines = to_terminal("Intro.\n\n#### Side by side:\n\n- " + "word " * 30 + "\n\n1. Ingest\n\nSee **this**.", 40)
    assert lines[0] == "Intro."
    assert lines[1] == "" and lines[2] == "Side by side:"
    assert lines[3].startswith("  • word") and lines[4].startswith("    word")
    assert "  1. Ingest" in lines and "See this." in lines
    assert all(len(line) <= 40 for line in lines)
    assert not any(marker in "\n".join(lines) for marker in ("####", "**", "\n- "))


def test_a_long_rendered_answer_has_headings_and_lists(kb) -> None:
    text = render(kb, Question(topic="role_comparison")).text
    assert f"{BREAK}{HEADING}Side by side:{BREAK}- Primary focus:" in text
    assert "•" not in text
    assert "\n\n" not in text, "an empty line would split the answer into several bubbles in the widget"


def test_a_short_first_line_above_sub_headings_is_the_bold_headline() -> None:
    text = "My recommendation: Machine Learning Engineer.\nWhy, from what you told me:\n- a\nWhere to begin:\n- b"
    laid_out = layout(text)
    assert laid_out.startswith(f"**My recommendation: Machine Learning Engineer.**{BREAK}{HEADING}Why")
    assert layout(laid_out) == laid_out
    assert to_terminal(laid_out)[0] == "My recommendation: Machine Learning Engineer."
    assert layout("Short answer.\nSecond line.") == "Short answer.\nSecond line.", "no sub-headings, no headline"
