"""Yes/no questions about a fact or list item answer yes or no first, then the fact; questions for facts the article
lacks (rankings of named tools or products, age, remote work, visas, part-time study, how often projects fail)
say so instead of an unrelated table (issue 26, the polar family of dev13/dev14). Wordings are our own."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.reasoning.interview import Message, asks_aside
from actions.understanding import polar
from actions.understanding.lookups import asked_if_mentioned, asked_if_mentioned_and_is, missing_fact
from actions.understanding.triage import triage
from tests.understanding.talking import talk


def reply(kb, *turns) -> str:
    return talk(kb, turns)[1]


@pytest.mark.parametrize(
    "text, thing",
    [
        ("Is Docker listed among the MLOps tools?", "Docker"),
        ("ok so is fraud detection one of the use cases?", "fraud detection"),
        ("going back to challenges: is security vulnerabilities one of them?", "security vulnerabilities"),
        ("back to the tools - is Jupyter Notebook in the development tools?", "Jupyter Notebook"),
        ("is Java also in the shared skills?", "Java"),
        ("Is data privacy something enterprises have to think about?", "data privacy"),
        ("Is predictive maintenance a typical enterprise use case?", "predictive maintenance"),
        ("does the AI engineer build recommendation engines?", "recommendation engines"),
        ("Do ML engineers work with data teams?", "data teams"),
        ("does the article list Kafka as an ingestion tool?", "Kafka"),
        ("does it mention Kubeflow anywhere?", "Kubeflow"),
        ("Does Grafana appear in the monitoring step?", "Grafana"),
        ("is Spark used in data preparation?", "Spark"),
        ("Is Azure Machine Learning under the cloud AI platforms?", "Azure Machine Learning"),
    ],
)
def test_the_thing_a_yes_no_question_asks_about(text, thing):
    assert polar.asked_thing(text) == thing


@pytest.mark.parametrize(
    "text",
    [
        "is PyTorch or TensorFlow the better pick?",
        "Is the AI engineer path harder than the ML one?",
        "is that listed?",
        "what are the challenges?",
        "is it in there?",
        "Is MLOps more important for AI engineers?",
        "Is the ML engineer a good fit for someone like me?",
        "is an AI engineer a kind of software engineer?",
    ],
)
def test_no_single_thing_is_asked_about(text):
    assert polar.asked_thing(text) is None


@pytest.mark.parametrize(
    "turns",
    [
        [("ask_challenges", "Is security vulnerabilities a challenge teams commonly face?")],
        [("ask_use_cases", "is predictive maintenance an enterprise use case?")],
        [("ask_enterprise_constraints", "Is data privacy something enterprise AI has to deal with?")],
        [("ask_tools", "Is Java listed among the development tools?")],
        [("ask_workflow", "does the article list BigQuery as a data ingestion tool?")],
        [("ask_tools", "Does Prometheus appear in the monitoring step?")],
        [("ask_tools", "does the article mention Scikit-learn?")],
        [("ask_skills", "back to the core skills - is SQL in the shared skills?")],
        [("ask_tools", "what are the MLOps tools?"), ("ask_tools", "is MLflow in there anywhere?")],
        [
            ("ask_job_titles", "what are the ML-focused titles?"),
            ("ask_job_titles", "ok - is MLOps Engineer also in that group?"),
        ],
    ],
)
def test_a_yes_no_question_about_a_listed_thing_says_yes_first(kb, turns):
    assert reply(kb, *turns).lstrip("#* ").lower().startswith("yes")


def test_a_role_asked_whether_it_builds_something_it_builds_hears_yes(kb):
    said = reply(kb, ("ask_role_definition", "does an AI engineer build intelligent automation platforms?"))
    assert said.lower().startswith("yes") and "automation platforms" in said


@pytest.mark.parametrize(
    "turns, where",
    [
        ([("ask_learning_path", "Is model tuning part of the AI engineer's path?")], "Machine Learning Engineer"),
        ([("ask_tools", "Is Keras one of the development tools?")], "ML frameworks"),
        ([("ask_job_titles", "is Data Scientist one of the AI-focused titles?")], "ML-focused"),
    ],
)
def test_a_yes_no_question_about_a_thing_listed_elsewhere_says_no_and_where(kb, turns, where):
    said = reply(kb, *turns)
    assert said.lstrip("#* ").startswith("No") and where in said


def test_a_comparison_gets_no_yes_lead(kb):
    said = reply(kb, ("ask_tools", "is Kubernetes or Docker better to learn first?"))
    assert not said.lower().startswith("yes")


@pytest.mark.parametrize(
    "text, key",
    [
        ("is scikit-learn or Keras better for landing a job?", "tool_rankings"),
        ("which of Grafana and Prometheus is better?", "tool_rankings"),
        ("what monitoring product would they recommend?", "rankings"),
        ("which vendor do you suggest for the API gateway?", "rankings"),
        ("which of the cloud platforms is easiest for a beginner?", "difficulty"),
        ("which is the most beginner-friendly?", "difficulty"),
        ("how often do AI deployments fail because of drift?", "project_figures"),
        ("how frequently does that challenge happen?", "project_figures"),
        ("my daughter is 16, is she too young for this?", "age"),
        ("is 50 too late to switch into ML?", "age"),
        ("can they work from home or are they in the office?", "work_conditions"),
        ("is remote or in-office more common for these jobs?", "work_conditions"),
        ("do companies offer visa sponsorship for ML engineers?", "work_conditions"),
        ("can I study it part-time?", "work_conditions"),
        ("would AWS certifications give me a pay bump?", "factor_pay"),
        ("would Snowflake knowledge get me a salary boost?", "factor_pay"),
    ],
)
def test_facts_the_article_lacks(kb, text, key):
    fact = missing_fact(kb, text)
    assert fact is not None and (fact.key == key or key == "rankings" and fact.key.endswith("_rankings"))


@pytest.mark.parametrize(
    "text",
    [
        "which role is better for me?",
        "I work remotely as a data analyst. Which role fits?",
        "how much more does remote work pay?",
        "Is AI engineer or ML engineer the better career?",
        "I'm 30 and a data analyst, which role fits me?",
        "Is cloud or MLOps knowledge more valuable for pay?",
        "what solutions do they suggest for data quality?",
        "what is the best path for beginners?",
    ],
)
def test_no_lacking_fact_in_questions_the_article_answers(kb, text):
    fact = missing_fact(kb, text)
    assert fact is None or fact.key not in ("tool_rankings", "work_conditions", "age", "difficulty")


def test_how_much_is_it_after_certifications_asks_their_price(kb):
    assert missing_fact(kb, "how much is it?", "certifications").key == "course_costs"
    assert missing_fact(kb, "how much is it?", "salary") is None


@pytest.mark.parametrize(
    "text, name",
    [
        ("does the article say anything about Rust?", "Rust"),
        ("does it mention anything about Snowflake?", "Snowflake"),
        ("does the post say anything on Terraform?", "Terraform"),
    ],
)
def test_anything_about_a_name_it_never_uses(kb, text, name):
    assert asked_if_mentioned(kb, text) == [name]


@pytest.mark.parametrize(
    "text, term",
    [
        ("Does the article mention healthcare anywhere?", "healthcare"),
        ("is e-commerce mentioned at all?", "e-commerce"),
    ],
)
def test_a_word_the_article_uses_asked_as_a_mention_is_answered_yes(kb, text, term):
    assert asked_if_mentioned_and_is(kb, text) == term
    said = reply(kb, ("ask_role_definition", text))
    assert said.lstrip("#* ").lower().startswith("yes") and "industries" in said


def test_an_off_topic_verdict_on_a_place_after_pay_stays_on_pay(kb):
    decided = triage(kb, [], "and what about figures for Australia?", "out_of_scope", "salary_comparison")
    assert decided.kind == "answer" and decided.intents == ("inform",)


@pytest.mark.parametrize("text", ["visa sponsorship easy to get?", "is 45 too old to start?"])
def test_an_off_topic_verdict_on_a_lacking_career_fact_is_answered(kb, text):
    decided = triage(kb, [], text, "out_of_scope", None)
    assert decided.kind == "answer"


@pytest.mark.parametrize("text", ["which one is less stressful?", "which of them is easier for beginners?"])
def test_a_lacking_fact_read_as_the_interview_is_answered_aside(kb, text):
    assert asks_aside(kb, Message(text, "ask_role_fit", (), 0.6))


def test_a_self_description_naming_on_call_work_still_starts_the_interview(kb):
    text = "I was an SRE: on-call, uptime, patching servers. Which role should I aim for?"
    assert not asks_aside(kb, Message(text, "ask_role_fit", (), 0.9))


def test_a_lacking_fact_answer_says_not_and_shows_no_pay(kb):
    said = render(kb, talk(kb, [("ask_salary", "is 19 too young to become an ML engineer?")])[0][0]).text
    assert "not" in said.lower() or "nothing" in said.lower()
    assert "$" not in said
