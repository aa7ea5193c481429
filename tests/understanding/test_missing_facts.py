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
