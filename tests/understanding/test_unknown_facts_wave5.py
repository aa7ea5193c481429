"""Questions for facts the article lacks (wave 5, dev17/dev18): each is said to be missing, then the nearest thing the
article does give, never a table that answers another question; and the questions next to them that the article
does answer (a title's group, the roles its pay covers, a language in the shared core) still get that answer."""

from __future__ import annotations

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.reasoning import interview as iv
from actions.reasoning.interview import Message
from actions.understanding.lookups import missing_fact
from actions.understanding.understand import understand

from .talking import talk


def _reply(kb: KnowledgeBase, intent: str, text: str) -> str:
    return combine([render(kb, q) for q in understand(kb, intent, [], {}, text)]).text


def _declines(answer: str) -> bool:
    first = answer.split("\n")[0]
    return any(word in first for word in ("no ", "not ", "n't", "nothing"))


@pytest.mark.parametrize(
    "text, key",
    [
        ("what release of TensorFlow should I install?", "versions"),
        ("is there a minimum Python version it expects?", "versions"),
        ("does the article want Python 3.11 or 3.12?", "versions"),
        ("is being in my forties going to hurt me?", "age"),
        ("could my age count against me with recruiters?", "age"),
        ("how many losses does predictive maintenance avoid per plant?", "business_figures"),
        ("by how much does fraud detection cut fraud, in figures?", "business_figures"),
        ("what technique works best for demand forecasting?", "use_case_details"),
        ("what's the ideal algorithm for a recommendation engine?", "use_case_details"),
        ("would the author suggest Jenkins over CircleCI?", "recommended_pick"),
        ("does it prefer AWS or Azure?", "recommended_pick"),
        ("is there a self-assessment I can take in the post?", "self_tests"),
        ("does it have a checklist for choosing?", "self_tests"),
    ],
)
def test_facts_the_article_lacks(kb: KnowledgeBase, text: str, key: str) -> None:
    fact = missing_fact(kb, text)
    assert (fact.key if fact else None) == key


@pytest.mark.parametrize(
    "text",
    [
        "is version control one of the shared skills?",
        "give me the short version of the comparison",
        "which role would you recommend for me, AI or ML?",
        "I'm 38 and a career changer from accounting. Which role suits me?",
        "what are the enterprise use cases?",
        "which algorithms does the ML engineer learn at the intermediate stage?",
    ],
)
def test_questions_the_article_answers_are_not_taken_for_these(kb: KnowledgeBase, text: str) -> None:
    fact = missing_fact(kb, text)
    assert fact is None or fact.key not in (
        "versions",
        "age",
        "business_figures",
        "use_case_details",
        "recommended_pick",
        "self_tests",
    )


@pytest.mark.parametrize(
    "intent, text, then",
    [
        ("ask_tools", "which Keras version is recommended?", "ML frameworks"),
        ("ask_future_proof", "is my age an issue when applying?", "Foundation"),
        ("ask_workflow", "would the article pick GitHub over GitLab?", "Development tools"),
        ("ask_use_cases", "which algorithm is ideal for fraud detection?", "fraud detection"),
    ],
)
def test_the_reply_says_it_is_missing_then_the_nearest_fact(kb: KnowledgeBase, intent, text, then) -> None:
    answer = _reply(kb, intent, text)
    assert _declines(answer) and then in answer and "$" not in answer


def test_which_one_is_quickest_after_a_tool_group_asks_a_ranking_of_those_tools(kb: KnowledgeBase) -> None:
    turns = [("ask_tools", "which ML frameworks does it list?"), ("ask_which_better", "which of them is quickest?")]
    questions, answer = talk(kb, turns)
    assert questions[-1].missing == "tool_rankings" and _declines(answer) and "Neither is better" not in answer


def test_a_quiz_asked_of_the_article_is_no_interview_start(kb: KnowledgeBase) -> None:
    assert iv.asks_aside(kb, Message("is there a quiz in the article to help me choose?", "ask_role_fit", (), 0.6))
    assert not iv.asks_aside(kb, Message("can you help me decide which role fits me?", "ask_role_fit", (), 0.6))


def test_a_title_s_pay_asked_after_the_titles_is_its_pay_not_the_list(kb: KnowledgeBase) -> None:
    turns = [("ask_job_titles", "list the ML-focused job titles"), ("ask_salary", "and NLP engineer pay?")]
    questions, answer = talk(kb, turns)
    assert questions[-1].topic == "salary" and "only for AI Engineers and Machine Learning Engineers" in answer


def test_a_title_s_group_and_its_pay_in_one_message_answers_both(kb: KnowledgeBase) -> None:
    text = "Is MLOps engineer on the ML-focused list, and how much does it pay?"
    questions = understand(kb, "ask_salary", [], {}, text)
    assert [q.topic for q in questions] == ["job_titles", "salary"]
    answer = combine([render(kb, q) for q in questions]).text
    assert "ML-focused" in answer and "only for AI Engineers and Machine Learning Engineers" in answer


def test_whom_the_pay_figures_cover_is_the_pay_table(kb: KnowledgeBase) -> None:
    (q,) = understand(kb, "ask_salary_factors", [], {}, "so which jobs does the article have pay figures for?")
    answer = render(kb, q).text
    assert q.topic == "salary" and "AI Engineer" in answer and "Machine Learning Engineer" in answer


def test_a_language_in_the_shared_core_is_not_credit_for_past_experience(kb: KnowledgeBase) -> None:
    questions = understand(kb, "ask_skills", [], {}, "does Java count towards the core skills both need?")
    assert all(q.missing != "prior_experience" for q in questions)
    assert "Java" in combine([render(kb, q) for q in questions]).text


@pytest.mark.parametrize(
    "text, name",
    [("so where is pandas mentioned?", "pandas"), ("where does the article mention Kafka?", "Kafka")],
)
def test_where_a_word_of_the_article_comes_up_is_asked_of_that_word(kb: KnowledgeBase, text: str, name: str) -> None:
    from actions.understanding.lookups import asked_if_mentioned, asked_if_mentioned_and_is

    assert asked_if_mentioned_and_is(kb, text) == name
    assert asked_if_mentioned(kb, "where is Snowflake mentioned?") == ["Snowflake"]


def test_a_role_s_part_in_a_listed_use_case_is_missing_then_its_duties(kb: KnowledgeBase) -> None:
    answer = _reply(kb, "ask_use_cases", "what does an ML engineer do for predictive maintenance?")
    assert _declines(answer) and "Machine Learning Engineer" in answer and "use case" in answer.split("\n")[0]
    scenario = understand(kb, "ask_scenarios", [], {}, "what's the ML engineer's part in customer support automation?")
    assert all(q.missing != "use_case_roles" for q in scenario)


@pytest.mark.parametrize(
    "text",
    [
        "if I prefer building pipelines over tuning models, which should I pick?",
        "who wires fraud detection into the company's apps, AI or ML engineers?",
    ],
)
def test_a_preference_of_one_s_own_or_who_integrates_a_use_case_is_no_missing_fact(kb, text) -> None:
    fact = missing_fact(kb, text)
    assert fact is None or fact.key not in ("recommended_pick", "use_case_roles")
