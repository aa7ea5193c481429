"""Facts the article lacks, asked in a thread or near the article's world (issue 26, the unknown family of
dev15/dev16): the reply says the article does not give them, never an unrelated table or a bare decline. The
wordings are new ones of each kind, not the sets' own."""

from __future__ import annotations

import pytest

from actions.answers.clarify import off_topic
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import asked_if_mentioned, missing_fact
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "text, key",
    [
        # the article itself: author, date, sources
        ("who is the author of this piece?", "article_meta"),
        ("so who wrote the guide?", "article_meta"),
        ("when was this post published?", "article_meta"),
        ("does the article cite any sources?", "article_meta"),
        # how hard one thing is to learn
        ("is Docker difficult to pick up?", "difficulty"),
        ("how hard is PyTorch, honestly?", "difficulty"),
        ("is MLflow tough to master", "difficulty"),
        # job forecasts, other workers replaced
        ("could automation replace data analysts?", "forecasts"),
        ("will there be ML roles in 15 years?", "forecasts"),
        ("in 20 years will there still be demand for AI engineers?", "forecasts"),
        ("will AI replace backend devs", "forecasts"),
        # accreditation, universities
        ("is the H2K program accredited?", "program_details"),
        ("are those certifications accredited by anyone?", "schools_and_products"),
        ("which uni should I go to for this?", "schools_and_products"),
        # team sizes in numbers
        ("how many ppl are on a typical AI team?", "headcount"),
        ("how small is a small team, roughly?", "headcount"),
        # pay by certification, language or tool
        ("which online course pays off best?", "schools_and_products"),
        ("what programming language pays best?", "item_pay"),
        ("does Kubernetes or Docker know-how pay more?", "item_pay"),
        # tools ranked or priced when they are names the article never uses
        ("is Jenkins cheaper than CircleCI?", "tool_costs"),
        ("Airflow vs Prefect, which one is better?", "tool_rankings"),
        # earlier experience credited
        ("will my old job title carry over?", "prior_experience"),
        ("does my previous experience count for anything?", "prior_experience"),
        ("would my years as a DBA count towards seniority?", "prior_experience"),
        # how many of something to know
        ("how many programming languages do I need to know?", "quantity_to_know"),
        ("how many frameworks do I have to master before applying?", "quantity_to_know"),
        ("how many certifications are enough?", "quantity_to_know"),
        # schedules
        ("how often do teams redeploy models?", "frequencies"),
        ("how frequently should I retrain?", "frequencies"),
        ("when should we retrain a model?", "frequencies"),
        # taste
        ("which job is more interesting?", "enjoyment"),
        ("is the ML role more rewarding day to day?", "enjoyment"),
        ("which one is more fun?", "enjoyment"),
    ],
)
def test_kinds_the_article_lacks(kb: KnowledgeBase, text: str, key: str) -> None:
    fact = missing_fact(kb, text)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize(
    "text",
    [
        "I find building models more fun than running servers, which role fits me?",
        "which role is more about models?",
        "what does the monitoring step do?",
        "which tools are used for deployment?",
        "does cloud experience raise pay?",
        "which of the two roles pays more?",
        "what should I learn to get started?",
    ],
)
def test_questions_the_article_answers_are_no_missing_kind(kb: KnowledgeBase, text: str) -> None:
    assert missing_fact(kb, text) is None


@pytest.mark.parametrize(
    "text, previous, key",
    [
        ("which of those is the most expensive?", "tools", "tool_costs"),
        ("and which one is cheapest?", "tools", "tool_costs"),
        ("how much more precisely?", "salary_factors", "factor_pay"),
        ("how much more exactly", "salary_factors", "factor_pay"),
    ],
)
def test_kinds_asked_about_the_last_answer(kb: KnowledgeBase, text: str, previous: str, key: str) -> None:
    fact = missing_fact(kb, text, previous)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize(
    "text, name",
    [
        ("does the article cover LangChain?", "LangChain"),
        ("does the piece talk about RAG specifically?", "RAG"),
        ("should I learn Rust?", "Rust"),
        ("is Snowflake worth learning?", "Snowflake"),
        ("is dbt worth the time", "dbt"),
        ("does ansible experience count?", "ansible"),
    ],
)
def test_a_name_asked_about_as_a_thing_to_learn_is_one_the_article_lacks(
    kb: KnowledgeBase, text: str, name: str
) -> None:
    assert asked_if_mentioned(kb, text) == [name]


@pytest.mark.parametrize(
    "text",
    [
        "should I learn Python?",
        "should I learn both?",
        "is it worth learning?",
        "does my current experience count?",
        "does cloud experience help?",
        "does the article talk about pay?",
        "is MLOps worth learning?",
    ],
)
def test_the_articles_own_words_are_no_missing_name(kb: KnowledgeBase, text: str) -> None:
    assert asked_if_mentioned(kb, text) == []


def test_a_decline_still_says_the_article_does_not_cover_it() -> None:
    text = off_topic().text
    assert "does not cover" in text and text.startswith("That's outside what I can help with: I o")


@pytest.mark.parametrize(
    "text, place",
    [
        ("do ai engineers in berlin make more than in the us", "berlin"),
        ("do ML engineers earn more in London than in the US?", "london"),
    ],
)
def test_a_place_abroad_compared_with_the_us_is_said_to_be_missing(kb: KnowledgeBase, text: str, place: str) -> None:
    entities = [{"entity": "location", "value": place}, {"entity": "location", "value": "US"}]
    (asked,) = understand(kb, "ask_salary_comparison", entities, {}, text)
    assert (asked.location or "").lower() == place
    reply = render(kb, asked).text
    assert place.lower() in reply.lower() and "only" in reply


@pytest.mark.parametrize(
    "intent, text, key",
    [
        ("ask_certifications", "which security certificate pays best?", "item_pay"),
        ("ask_future_proof", "will AI replace mobile devs?", "forecasts"),
        ("ask_best_practices", "how often should models be retrained", "frequencies"),
        ("ask_salary_factors", "will my current title carry over in terms of pay?", "prior_experience"),
    ],
)
def test_the_reply_says_the_article_lacks_it(kb: KnowledgeBase, intent: str, text: str, key: str) -> None:
    (asked,) = understand(kb, intent, [], {"topic": "salary"}, text)
    assert asked.missing == key
    reply = render(kb, asked).text
    assert "not" in reply or "no " in reply
