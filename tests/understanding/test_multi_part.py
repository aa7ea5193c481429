"""Messages asking two or three things at once: every part answered, each once."""

from __future__ import annotations

import pytest

from actions.understanding.understand import understand


def ask(kb, intent, text, previous=None, sure=False):
    return understand(kb, intent, [], previous or {}, text, nlu_sure=sure)


@pytest.mark.parametrize(
    "intent, text, field, values",
    [
        ("ask_learning_path", "what are the ML path's intermediate stage and its advanced stage?", "path_stage",
         ["intermediate", "advanced"]),
        ("ask_workflow", "what are its intermediate and enterprise stages?", "path_stage",
         ["intermediate", "enterprise_skills"]),
        ("ask_scenarios", "what does an AI engineer do in customer support automation, and in predictive analytics?",
         "scenario", ["customer_support_automation", "predictive_analytics"]),
        ("ask_responsibilities", "What are the deployment and monitoring rows for both roles?", "aspect",
         ["deployment", "monitoring"]),
    ],
)  # fmt: skip
def test_two_subjects_of_one_kind_are_two_questions(kb, intent, text, field, values):
    questions = ask(kb, intent, text, sure=intent != "ask_workflow")
    assert [getattr(q, field) for q in questions] == values
    assert len({q.topic for q in questions}) == 1


@pytest.mark.parametrize(
    "intent, text, topics",
    [
        ("ask_use_cases", "Give me two enterprise use cases and two constraints.",
         ["use_cases", "enterprise_constraints"]),
        ("ask_challenges", "what are the best practices and the common challenges? short please",
         ["best_practices", "challenges"]),
        ("ask_use_cases", "What use cases and constraints does the article list? Keep it brief.",
         ["use_cases", "enterprise_constraints"]),
    ],
)  # fmt: skip
def test_two_topics_under_one_frame(kb, intent, text, topics):
    assert [q.topic for q in ask(kb, intent, text, sure=True)] == topics


def test_what_for_asks_the_part_befores_question(kb):
    questions = ask(kb, "ask_tools", "what tools are used for deployment, and what for monitoring?", sure=True)
    assert [(q.topic, q.stage) for q in questions] == [
        ("tools", "deployment_integration"),
        ("tools", "monitoring_maintenance"),
    ]


def test_what_about_a_role_at_the_same_stage(kb):
    text = "What does the AI engineer path look like at intermediate, and what about ML at the same stage?"
    questions = ask(kb, "ask_learning_path", text, sure=True)
    assert [(q.role, q.path_stage) for q in questions] == [
        ("ai_engineer", "intermediate"),
        ("ml_engineer", "intermediate"),
    ]


def test_the_other_role_in_the_same_scenario(kb):
    text = "What does the AI engineer do in the chatbot scenario and what does the ML engineer do?"
    questions = ask(kb, "ask_scenarios", text)
    assert [(q.topic, q.role, q.scenario) for q in questions] == [
        ("scenarios", "ai_engineer", "customer_support_automation"),
        ("scenarios", "ml_engineer", "customer_support_automation"),
    ]


def test_a_part_naming_a_path_stage_asks_the_path(kb):
    text = "what does the AI engineer's advanced stage teach, and what's senior pay for it?"
    questions = ask(kb, "ask_salary", text, sure=True)
    assert [(q.topic, q.path_stage or q.level) for q in questions] == [
        ("learning_path", "advanced"),
        ("salary", "senior"),
    ]


def test_the_next_level_after_a_named_one(kb):
    questions = ask(kb, "ask_salary", "what's mid pay for AI engineers, and what's the next level's range?", sure=True)
    assert [q.level for q in questions] == ["mid", "senior"]


def test_going_back_to_pay_stays_one_question(kb):
    previous = {"topic": "best_practices"}
    questions = ask(kb, "ask_salary", "going back to the ML engineer pay, what about senior?", previous)
    assert [(q.topic, q.role, q.level) for q in questions] == [("salary", "ml_engineer", "senior")]


def test_top_salary_and_for_which_role(kb):
    (question,) = ask(kb, "ask_salary", "What is top salary and for which role?")
    assert (question.role, question.level) == ("ml_engineer", "senior")


def test_a_level_range_for_both_roles_is_pay(kb):
    (question,) = ask(kb, "ask_role_comparison", "What are the mid-level ranges for both roles?")
    assert question.topic in ("salary", "salary_comparison") and question.level == "mid"  # pay, not the roles


def test_a_part_naming_a_tool_asks_about_it_beside_math(kb):
    text = "which programming languages and which math topics exactly?"
    questions = ask(kb, "ask_math", text, previous={"topic": "skills"})
    assert [q.topic for q in questions][-1] == "math"
    assert questions[0].topic in ("skills", "tools")


def test_the_articles_role_headings_and_careers(kb):
    text = "list the AI-focused roles and the careers possible after learning AI"
    assert [q.topic for q in ask(kb, "ask_careers", text, sure=True)] == ["job_titles", "careers"]


@pytest.mark.parametrize(
    "intent, text, topics",
    [
        ("ask_tools", "what are the tools and skills an ML engineer needs?", ["tools", "skills"]),
        ("ask_challenges", "what are the challenges and best practices for ML engineers?",
         ["challenges", "best_practices"]),
    ],
)  # fmt: skip
def test_a_role_named_once_goes_with_both_topics(kb, intent, text, topics):
    questions = ask(kb, intent, text, sure=True)
    assert [q.topic for q in questions] == topics
    assert all(q.roles == ("ml_engineer",) for q in questions)


def test_two_scenarios_are_not_two_topics(kb):
    text = "what do both roles do in the chatbot and predictive analytics scenarios?"
    questions = ask(kb, "ask_scenarios", text, sure=True)
    assert [(q.topic, q.scenario) for q in questions] == [
        ("scenarios", "customer_support_automation"),
        ("scenarios", "predictive_analytics"),
    ]


def test_which_vendor_services_and_which_other_ones(kb):
    text = "which AWS services are mentioned in the article, and which Google ones?"
    questions = ask(kb, "ask_tools", text)
    assert [(q.topic, q.term) for q in questions] == [("concept", "AWS"), ("concept", "Google")]


def test_a_tool_name_keeps_its_own_answer(kb):
    (question,) = ask(kb, "ask_tools", "what Python tools do I need?", sure=True)
    assert question.topic == "tools"


def test_which_role_does_one_thing_and_which_another(kb):
    text = "For a fraud project, which role builds the model and which one integrates it with our legacy systems?"
    questions = ask(kb, "ask_enterprise_constraints", text)
    assert [q.topic for q in questions] == ["responsibilities", "enterprise_constraints"]


def test_steps_between_two_named_ones_are_not_split(kb):
    questions = ask(kb, "ask_workflow", "what are the steps between data ingestion and deployment?", sure=True)
    assert len(questions) == 1


def test_a_part_asking_in_each_is_about_the_first_parts_subjects(kb):
    """'... and who trains the models in each?': one answer about the scenarios, so 'the second one' next points
    into them."""
    (question,) = ask(kb, "ask_scenarios", "What are the two project scenarios and who trains the models in each?")
    assert question.topic == "scenarios"
