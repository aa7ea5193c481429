"""actions/answers/phrasing.py: what a person typed is repeated short and inert, in one place."""

from __future__ import annotations

from actions.answers.markdown import to_terminal
from actions.answers.phrasing import ECHO_MAX_CHARS, echo
from actions.answers.pipeline import render
from actions.understanding.question import Question


def test_echo_shortens_to_one_line_with_an_ellipsis():
    said = "a very long place name that someone typed\nover two lines and then some more words"
    shown = echo(said)
    assert len(shown) <= ECHO_MAX_CHARS and shown.endswith("…") and "\n" not in shown
    assert echo("  Berlin  ") == "Berlin"


def test_echo_makes_markdown_and_html_inert():
    assert echo("<script>x</script>") == "\\<script\\>x\\</script\\>"
    assert echo("**bold** [link](http://x)") == "\\*\\*bold\\*\\* \\[link\\](http://x)"


def test_a_typed_place_is_echoed_escaped_and_the_terminal_shows_it_plain(kb):
    answer = render(kb, Question(topic="salary", location="Gotham <b>City</b> and a lot more words here"))
    assert "any for Gotham \\<b\\>City\\</b\\> and a lot more words…." in answer.text
    assert "<b>" not in answer.text
    assert any(
        "any for Gotham <b>City</b> and a lot more words…" in line for line in to_terminal(answer.text, width=200)
    )


def test_an_unknown_role_is_echoed_escaped(kb):
    question = Question(topic="role_definition", unknown=(("role", "_pirate_ *captain*"),))
    assert "not '\\_pirate\\_ \\*captain\\*'" in render(kb, question).text


def test_echo_drops_terminal_escapes_and_control_characters():
    from actions.answers.phrasing import echo

    assert echo("\x1b[2J\x1b[31mIndia\x1b[0m") == "India"
    assert echo("Ber\x07lin\x00 \x1b]0;title\x07x\udfff") == "Ber lin x"
    assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in echo("".join(map(chr, range(0, 200)))))
