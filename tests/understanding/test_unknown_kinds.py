"""Questions for a kind of fact the article does not give: said so, with the nearest thing it has, never an
unrelated table or a '$' figure (issue 26, the unknown-facts family of dev9/dev10)."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.lookups import asked_if_mentioned, missing_fact, unknown_asked, unknown_rated
from actions.understanding.understand import understand


def answer(kb, intent: str, text: str, previous=None) -> str:
    return render(kb, understand(kb, intent, [], previous or {}, text)[0]).text


@pytest.mark.parametrize(
    "text, asked",
    [
        ("any good maths textbook you'd recommend?", "maths textbook"),
        ("how do I fix legacy integration, any specific middleware you'd name?", "middleware"),
        ("Are there any professional bodies in the UK that accredit either role?", "professional bodies"),
        ("any podcasts you would suggest?", "podcasts"),
        ("is there a mentorship scheme for that?", "mentorship scheme"),
        ("which laptop should I buy for it?", "laptop"),
        ("what textbook should I read?", "textbook"),
        ("what conferences do people attend?", "conferences"),
    ],
)
def test_a_kind_of_thing_the_article_names_none_of(kb, text, asked):
    assert unknown_asked(kb, text) == asked


@pytest.mark.parametrize(
    "text",
    [
        "which role suits a person who loves math?",
        "which industries hire for these roles",
        "which skills push that higher",
        "which tools belong to the model development step?",
        "is there a training provider the article promotes",
        "which regulations exactly are named?",
        "which maths topics exactly?",
        "is there an upper limit on that one?",
        "which ingestion tools stream data and which store it?",
        "What does the article recommend exploring at the end?",
        "Which role good for me?",
        "what happens in it?",
        "what tools do they use?",
        "what kind of math do I need?",
        "what else should I know?",
    ],
)
def test_kinds_the_article_gives_are_no_unknown(kb, text):
    assert unknown_asked(kb, text) is None


@pytest.mark.parametrize(
    "text, skill",
    [
        ("what's the rating for prompt engineering?", "prompt engineering"),
        ("is there a rating for soft skills like communication?", "soft skills"),
        ("and the rating for Rust?", "rust"),
    ],
)
def test_a_rating_asked_for_a_skill_the_article_never_rates(kb, text, skill):
    assert unknown_rated(kb, text) == skill
    assert unknown_rated(kb, "what's the rating for cloud deployment?") is None


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_math", "any good maths textbook you'd recommend?"),
        ("ask_skill_comparison", "what's the rating for prompt engineering?"),
        ("ask_enterprise_constraints", "any specific middleware you'd name for legacy integration?"),
    ],
)
def test_the_answer_says_so_and_gives_the_nearest(kb, intent, text):
    said = answer(kb, intent, text)
    assert "does not" in said and "What it does say" in said


@pytest.mark.parametrize(
    "text, key, previous",
    [
        ("will my Java years count as AI experience with recruiters?", "hiring_ease", None),
        ("what are my odds of landing it straight from uni?", "hiring_ease", None),
        ("what are my chances of getting hired?", "hiring_ease", None),
        ("any free courses for that stage?", "course_costs", None),
        ("are there free certifications?", "course_costs", None),
        ("Is that based on 40-hour weeks?", "pay_extras", None),
        ("Would I get a relocation package?", "pay_extras", None),
        ("Do they offer job placement afterwards?", "program_details", None),
        ("is there a job guarantee?", "program_details", None),
        ("what forecasting algorithm do they use there?", "use_case_details", None),
        ("what accuracy did that model reach?", "use_case_details", None),
        ("what results did the chatbot achieve?", "use_case_details", None),
        ("who created Kubeflow?", "tool_origins", None),
        ("when was MLflow released?", "tool_origins", None),
        ("Which recommendation engine library is the best one?", "product_rankings", None),
        ("which of these pays best?", "item_pay", "use_cases"),
        ("which one pays the most?", "item_pay", "workflow"),
    ],
)
def test_kinds_of_fact_the_article_lacks(kb, text, key, previous):
    fact = missing_fact(kb, text, previous)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize(
    "text",
    ["which algorithms do ML engineers use?", "who builds the chatbot?", "which of those pays more?"],
)
def test_questions_the_article_answers_stay_answered(kb, text):
    assert missing_fact(kb, text, "salary") is None


def test_pay_at_a_named_employer_or_for_a_kind_of_the_role_shows_no_figures(kb):
    for text in ("what would a fraud ML engineer earn at JPMorgan?", "what's the pay for edge AI engineers?"):
        said = answer(kb, "ask_salary", text)
        assert "$" not in said and ("no " in said or "don't" in said)
    assert "$140,000" in answer(kb, "ask_salary", "what's the pay for senior AI engineers?")
    assert "$" in answer(kb, "ask_salary", "what's the pay for good AI engineers?")


def test_whether_the_article_talks_about_names_it_never_uses(kb):
    assert asked_if_mentioned(kb, "does the article talk about LLMs or GPT at all?") == ["LLMs", "GPT"]
    assert asked_if_mentioned(kb, "so what does the article say about pay at all?") == []


@pytest.mark.parametrize(
    "text",
    [
        "I'm an SRE. Grafana dashboards are my daily bread, plus on-call for system health. Which role reuses that?",
        "I have a statistics degree. I love math. Which path is for me?",
    ],
)
def test_what_a_person_says_they_do_asks_no_missing_fact(kb, text):
    assert missing_fact(kb, text) is None
    assert missing_fact(kb, "I'm 45. Am I too old to switch?") is not None
