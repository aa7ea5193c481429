"""One of the article's two skill tables named: its rows (so a count counts that table), not the differences across
both tables."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def _reply(kb, intent: str, text: str) -> str:
    return "\n".join(render(kb, q).text for q in understand(kb, intent, [], {}, text))


def test_the_specialised_table_is_listed_with_its_own_row_count(kb) -> None:
    reply = _reply(kb, "ask_skill_comparison", "how many areas does the specialised skills table rate?")
    assert "(7)" in reply and "API & Microservices" in reply and "Security" not in reply


def test_the_summary_table_is_listed_alone(kb) -> None:
    reply = _reply(kb, "ask_skills", "show me the role vs skill summary table")
    assert "Security: AI Engineer High, ML Engineer Medium" in reply and "System Integration" not in reply


def test_a_skill_of_a_named_table_is_still_that_skills_rating(kb) -> None:
    reply = _reply(kb, "ask_skills", "in the summary table, how is security rated?")
    assert "Security" in reply and "Python Programming" not in reply
