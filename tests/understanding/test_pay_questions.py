"""Pay questions as their words ask them: several levels at once, a level for each role, a band by its place,
the extreme figure of the table, the US named again, pay mixed with what moves it, and pay facts the article
lacks (which must never get a table of figures)."""

from __future__ import annotations

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import missing_fact
from actions.understanding.understand import understand

_ALL_FIGURES = ("85,000", "90,000", "110,000", "115,000", "140,000", "145,000", "170,000", "180,000")


def ask(kb, intent, text, previous=None):
    return understand(kb, intent, [], previous or {}, text)


def reply(kb, intent, text, previous=None):
    questions = ask(kb, intent, text, previous)
    return combine([render(kb, q) for q in questions]).text, questions[-1].context_slots()


@pytest.mark.parametrize(
    "text, shown, hidden",
    [
        ("What's entry-level and senior pay for AI engineers?", ("85,000", "170,000"), ("110,000–$140,000",)),
        ("entry vs mid salary for ML engineers", ("90,000", "145,000"), ("180,000",)),
        ("junior and senior AI engineer pay", ("85,000", "170,000"), ("110,000–$140,000",)),
    ],
)
def test_two_levels_in_one_message_give_both(kb: KnowledgeBase, text, shown, hidden) -> None:
    answer, slots = reply(kb, "ask_salary", text)
    assert all(figure in answer for figure in shown) and not any(figure in answer for figure in hidden)
    assert slots["level"] is None  # 'the same two levels for ML engineers?' then gets the whole table


def test_all_three_levels_give_the_roles_table(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary", "give me entry, mid and senior for ML engineers")
    assert all(figure in answer for figure in ("90,000", "115,000", "145,000", "180,000"))
    assert "85,000" not in answer


def test_a_level_for_each_role(kb: KnowledgeBase) -> None:
    text = "what's the lowest entry figure for AI engineers and the highest senior figure for ML engineers?"
    questions = ask(kb, "ask_salary", text)
    assert [(q.role, q.level) for q in questions] == [("ai_engineer", "entry"), ("ml_engineer", "senior")]


def test_same_two_levels_for_the_other_role(kb: KnowledgeBase) -> None:
    _, slots = reply(kb, "ask_salary", "What's entry-level and senior pay for AI engineers?")
    answer, _ = reply(kb, "ask_role_comparison", "the same two levels for ML engineers?", slots)
    assert "90,000" in answer and "180,000" in answer


def test_a_level_and_both_roles_in_a_follow_up(kb: KnowledgeBase) -> None:
    _, slots = reply(kb, "ask_salary", "what's the ML engineer senior salary?")
    answer, _ = reply(kb, "ask_other_role", "entry for both pls", slots)
    assert "85,000" in answer and "90,000" in answer and "180,000" not in answer


def test_bands_by_place_and_the_extreme_figure(kb: KnowledgeBase) -> None:
    _, slots = reply(kb, "ask_salary", "AI engineer pay?")
    answer, _ = reply(kb, "ask_responsibilities", "ok back to AI engineers, what's the top band?", slots)
    assert "140,000–$170,000" in answer and "85,000" not in answer
    answer, slots = reply(kb, "ask_salary", "what's the single highest figure in the whole salary table?")
    assert "180,000" in answer and "170,000" not in answer
    answer, _ = reply(kb, "inform", "and the lowest?", slots)
    assert "85,000" in answer and "180,000" not in answer


def test_the_us_again_after_another_country(kb: KnowledgeBase) -> None:
    _, slots = reply(kb, "ask_salary", "what's the ML engineer salary in India?")
    answer, _ = reply(kb, "inform", "ok, what about the US then?", slots)
    assert "90,000" in answer and "India" not in answer


def test_misspelt_country_is_still_not_covered(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary", "how mcuh it pay in germny")
    assert "Germany" in answer and "$" not in answer


@pytest.mark.parametrize(
    "intent, text, second",
    [
        ("ask_salary", "what's the entry salary for AI engineers and what affects how high it goes?", "industry"),
        ("ask_skills", "what's the mid range for AI engineers, and what skills push it higher?", "MLOps"),
    ],
)
def test_pay_and_what_moves_it(kb: KnowledgeBase, intent, text, second) -> None:
    questions = ask(kb, intent, text)
    assert [q.topic for q in questions] == ["salary", "salary_factors"]
    answer, _ = reply(kb, intent, text)
    assert "$" in answer and second in answer


def test_pay_and_a_skill_comparison(kb: KnowledgeBase) -> None:
    text = "what's the mid salary for each of them, and which needs more data engineering?"
    questions = ask(kb, "ask_salary_comparison", text)
    assert [q.topic for q in questions] == ["salary", "skill_comparison"]


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_salary", "how many AI engineer jobs are open in the US right now?"),
        ("ask_salary", "how many applicants does a typical MLOps posting get?"),
        ("ask_salary", "what's the success rate of AI projects in enterprises?"),
        ("ask_salary", "how much have ML salaries grown over the last 5 years?"),
        ("ask_salary_comparison", "will that gap grow after 2026?"),
        ("ask_salary", "Which country pay most for this job?"),
        ("ask_salary_comparison", "how does that compare to what sysadmins usually earn?"),
        ("ask_salary_comparison", "which of them pays best in healthcare?"),
        ("ask_salary_factors", "and in finance specifically, how much more?"),
        ("ask_salary", "how much r the H2K corses"),
        ("ask_salary_comparison", "what about startups vs big tech, who pays more?"),
    ],
)
def test_pay_facts_the_article_lacks_get_no_table(kb: KnowledgeBase, intent, text) -> None:
    answer, _ = reply(kb, intent, text)
    assert "not" in answer or "no " in answer
    assert not any(figure in answer for figure in _ALL_FIGURES)


@pytest.mark.parametrize(
    "text",
    [
        "what kinds of applications do people in that role build",
        "how much more does an ML engineer make than an AI engineer?",
        "what will I learn at the intermediate stage?",
    ],
)
def test_ordinary_questions_are_no_missing_fact(kb: KnowledgeBase, text) -> None:
    assert all(q.missing is None for q in ask(kb, "ask_salary_comparison", text))


def test_a_part_that_only_adds_a_level_is_one_question(kb: KnowledgeBase) -> None:
    previous = {"topic": "salary", "role": "ml_engineer", "level": "entry"}
    questions = ask(kb, "ask_salary", "going back to the ML engineer pay, what about senior?", previous)
    assert [(q.role, q.level) for q in questions] == [("ml_engineer", "senior")]


def test_salary_factors_named_are_the_factors(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary", "what are the salary factors the article lists?")
    assert "industry" in answer and "$" not in answer


@pytest.mark.parametrize(
    "text, key",
    [
        ("What sources feed data ingestion, and which tools are used there?", None),
        ("what's Google's cloud AI platform?", None),
        ("does Google pay more?", "companies"),
        ("are those US figures?", "salary_source"),
    ],
)
def test_missing_fact_kinds(kb: KnowledgeBase, text, key) -> None:
    fact = missing_fact(kb, text)
    assert (fact.key if fact else None) == key


def test_a_starting_salary_is_the_entry_level(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary", "What would my starting salary be?")
    assert "85,000" in answer and "90,000" in answer and "140,000" not in answer


def test_two_levels_of_one_role_compared_are_that_roles_bands(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary_comparison", "entry level vs senior level salary for machine learning engineers")
    assert "90,000" in answer and "180,000" in answer and "85,000" not in answer


def test_pay_compared_with_a_job_title_the_article_has_no_figures_for(kb: KnowledgeBase) -> None:
    answer, _ = reply(kb, "ask_salary_comparison", "do MLOps engineers earn more than ML engineers?")
    assert "no numbers for MLOps Engineer" in answer and "$" not in answer


@pytest.mark.parametrize(
    "text", ["will AI engineer salaries keep rising?", "is ML engineer pay expected to go up in the future?"]
)
def test_pay_in_the_future_is_not_given(kb: KnowledgeBase, text) -> None:
    assert missing_fact(kb, text).key == "pay_over_time"


def test_two_levels_with_a_pay_word_are_pay_whatever_nlu_guessed(kb: KnowledgeBase) -> None:
    previous = {"topic": "tools"}
    answer, _ = reply(kb, "ask_role_comparison", "what would I make at entry vs mid level?", previous)
    assert "90,000" in answer and "145,000" in answer and "180,000" not in answer


def test_a_companys_products_are_no_company_question(kb: KnowledgeBase) -> None:
    assert missing_fact(kb, "which AWS services are mentioned, and which Google ones?") is None


@pytest.mark.parametrize(
    "text",
    [
        "how much does a mid-level AI engineer make, and which factors matter most?",
        "what's the ML engineer pay and does location matter?",
    ],
)
def test_pay_and_its_factors_in_one_message(kb: KnowledgeBase, text) -> None:
    assert [q.topic for q in ask(kb, "ask_salary", text)] == ["salary", "salary_factors"]


def test_a_place_abroad_beside_the_us_is_still_not_covered(kb: KnowledgeBase) -> None:
    entities = [{"entity": "location", "value": "US", "start": 52, "end": 54}]
    questions = understand(
        kb, "ask_salary", entities, {}, "how much do AI engineers make in London compared to the US?"
    )
    answer = combine([render(kb, q) for q in questions]).text
    assert "London" in answer and "$" not in answer


@pytest.mark.parametrize("text", ["what was AI engineer pay last year?", "what's the salary outlook for 2030?"])
def test_pay_before_or_after_the_outlook_is_not_given(kb: KnowledgeBase, text) -> None:
    assert missing_fact(kb, text).key == "pay_over_time"


def test_same_level_after_pay_then_tools_is_the_pay_level(kb: KnowledgeBase) -> None:
    text = "What's the senior AI engineer salary, and what tools does that role use for deployment?"
    _, slots = reply(kb, "ask_salary", text)
    answer, _ = reply(kb, "inform", "same level for ML engineers?", slots)
    assert "145,000–$180,000" in answer
    _, slots = reply(kb, "ask_skills", "how strong at model development does an AI engineer need to be")
    answer, _ = reply(kb, "inform", "same level for ML engineers?", slots)
    assert "$" not in answer


@pytest.mark.parametrize(
    "text", ["why do so many ai projects fail", "what makes AI projects fail", "salary trends for these roles in 2026"]
)
def test_questions_the_article_answers_are_no_missing_fact(kb: KnowledgeBase, text) -> None:
    assert missing_fact(kb, text) is None
