"""Facts the article lacks beyond pay: forecasts, how easy hiring is, what a regulation requires, math it never
names, and the prices and rankings of the tools it lists. Each must be said to be missing (then what the article
does say), and questions the article answers, or self-descriptions naming tools, must not be taken for them."""

from __future__ import annotations

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import missing_fact
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "text, key",
    [
        ("Will AI replace ML engineers in ten years?", "forecasts"),
        ("could automation make AI engineers obsolete?", "forecasts"),
        ("are these jobs going to be fully automated?", "forecasts"),
        ("which path gets you promoted faster?", "forecasts"),
        ("is it easier to get hired as a fresher in one of them?", "hiring_ease"),
        ("which role is harder to break into?", "hiring_ease"),
        ("how competitive is it to land an ML engineer job?", "hiring_ease"),
        ("what GPA do employers want?", "hiring_ease"),
        ("what kind of interview questions do ML engineers get?", "hiring_ease"),
        ("how big are the fines for breaking GDPR?", "regulation_details"),
        ("what are the penalties under HIPAA?", "regulation_details"),
        ("what does SOC 2 require exactly?", "regulation_details"),
        ("do I need calculus?", "math_topics"),
        ("is discrete math part of it?", "math_topics"),
        ("is SageMaker cheaper than Vertex AI?", "tool_costs"),
        ("how much does Kubeflow cost to run?", "tool_costs"),
        ("which cloud platform is the cheapest?", "tool_costs"),
        ("is PyTorch better than TensorFlow?", "tool_rankings"),
        ("Docker vs Kubernetes, which one is better?", "tool_rankings"),
    ],
)
def test_facts_the_article_lacks(kb: KnowledgeBase, text: str, key: str) -> None:
    fact = missing_fact(kb, text)
    assert (fact.key if fact else None) == key


@pytest.mark.parametrize(
    "text",
    [
        "What are the best practices, and which workflow step uses Prometheus?",
        "I've been a DevOps engineer for five years, Docker and Kubernetes every day. Which role fits me better?",
        "My background is security and compliance, GDPR and HIPAA audits mostly. Which of the two roles fits?",
        "Does an AI engineer fine-tune models?",
        "which regulations are named for data privacy?",
        "what is automated testing for ML models?",
        "is ML engineer better than AI engineer?",
        "how much does the AWS certification cost?",
        "which tools are used for deployment?",
    ],
)
def test_questions_the_article_answers_are_not_taken_for_missing_facts(kb: KnowledgeBase, text: str) -> None:
    fact = missing_fact(kb, text)
    assert fact is None or fact.key not in (
        "forecasts",
        "hiring_ease",
        "regulation_details",
        "math_topics",
        "tool_costs",
        "tool_rankings",
    )


@pytest.mark.parametrize(
    "intent, text, then",
    [
        ("ask_future_proof", "Will AI replace ML engineers in ten years?", "remain relevant"),
        ("ask_math", "is calculus required too?", "linear algebra"),
        ("ask_tools", "is SageMaker cheaper than Vertex AI?", "Cloud AI platforms"),
        ("ask_enterprise_constraints", "how big are the fines for breaking GDPR?", "GDPR, HIPAA and SOC 2"),
    ],
)
def test_the_reply_says_it_is_missing_then_what_the_article_says(kb: KnowledgeBase, intent, text, then) -> None:
    answer = combine([render(kb, q) for q in understand(kb, intent, [], {}, text)]).text
    first = answer.split("\n")[0]
    assert any(word in first for word in ("no ", "not ", "n't")) and then in answer and "$" not in answer


# ---------- routing fixed beside them (issue 26, blind set 6) ----------


def test_a_rating_in_the_tables_words_is_the_skill_tables(kb: KnowledgeBase) -> None:
    text = "How are ML algorithms rated for the ML engineer in the summary?"
    (q,) = understand(kb, "ask_key_takeaways", [], {}, text)
    assert q.topic == "skills"
    (q,) = understand(kb, "ask_role_definition", [], {}, "Where is the ML engineer only at a basic level?")
    answer = render(kb, q).text
    assert q.topic in ("skills", "skill_comparison") and "API & Microservices" in answer


def test_how_roles_evolve_with_team_size_is_the_blending_note(kb: KnowledgeBase) -> None:
    (q,) = understand(kb, "ask_why_it_matters", [], {}, "What decides how the roles evolve in an org?")
    assert q.topic == "both_roles" and "team size and project scope" in render(kb, q).text


def test_a_framed_part_keeps_its_own_subject(kb: KnowledgeBase) -> None:
    text = "For me, what is in the intermediate stage and what is in the enterprise skills stage of the learning path?"
    entities = [
        {"entity": "path_stage", "value": "intermediate", "start": 23, "end": 35},
        {"entity": "path_stage", "value": "enterprise skills", "start": 58, "end": 75},
    ]
    questions = understand(kb, "ask_learning_path", entities, {}, text, nlu_sure=True)
    assert [q.path_stage for q in questions] == ["intermediate", "enterprise_skills"]


def test_which_one_is_more_x_names_its_own_question(kb: KnowledgeBase) -> None:
    text = "Is one role better, which one is more future-proof, and do I need advanced math?"
    assert [q.topic for q in understand(kb, "ask_math", [], {}, text)] == ["which_better", "future_proof", "math"]


def test_a_question_naming_another_topic_is_no_fit_request(kb: KnowledgeBase) -> None:
    from actions.reasoning.interview import asks_fit
    from actions.understanding.sentiment import normalise

    assert not asks_fit(kb, normalise("What job roles actually use AI every day?"))
    assert not asks_fit(kb, normalise("which one is more future-proof?"))
    assert asks_fit(kb, normalise("Which of the two roles fits me better?"))
    assert asks_fit(kb, normalise("Any suggestion on which role?"))
    assert not asks_fit(kb, normalise("what should I learn first regardless of which role I pick?"))


@pytest.mark.parametrize(
    "intent, text, shown, not_shown",
    [
        # the missing kind's lead-in names no topic: the topic the question's own words name follows it
        ("ask_workflow", "how long does each step of the workflow usually take?", "Data Ingestion", "Foundation"),
        ("ask_workflow", "how many weeks is a typical AI project pipeline?", "Data Ingestion", "Foundation"),
        (
            "ask_learning_path",
            "how many months does the foundation stage of the learning path take?",
            "Foundation",
            "Data Ingestion",
        ),
        (
            "ask_salary_factors",
            "by what percent does a cloud certification raise your salary?",
            "Cloud and MLOps",
            "future-proof",
        ),
        ("ask_challenges", "what percentage of AI projects fail?", "future-proof", "$"),
        # never a pay table beside 'no figures': the kind's own nearest topic instead
        ("ask_salary", "what percentage of ML engineers earn over 150k?", "future-proof", "$"),
    ],
)
def test_a_missing_fact_is_followed_by_the_topic_its_words_name(kb, intent, text, shown, not_shown) -> None:
    (question,) = understand(kb, intent, [], {}, text)
    assert question.missing
    reply = render(kb, question).text
    assert shown in reply and not_shown not in reply
