"""Wave 3, the rest (issue 26): multi-part messages whose parts were lost or merged (a slash between two terms,
a whole list then one of its items, tools 'for doing' something, a shared area to focus on), and single
questions that got a neighbouring section (which role builds a kind of system, one role asked for in brief, a
list item named in full, a whole list asked with a setting, where a term comes up, one tool list less another,
one's own training asked off-topic)."""

from __future__ import annotations

from typing import List, Mapping

import pytest

from actions.answers.pipeline import render
from actions.understanding.question import Question
from actions.understanding.topics import scan_entities
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def asked(kb, intent: str, text: str, previous: Mapping | None = None) -> List[Question]:
    return understand(kb, intent, [], dict(previous or {}), text)


def reply(kb, intent: str, text: str, previous: Mapping | None = None) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous))


def test_terms_on_both_sides_of_a_slash_are_read(kb) -> None:
    named = {(e["entity"], e["value"]) for e in scan_entities("any docker/kubernetes experience needed?", kb)}
    assert {("tool", "docker"), ("tool", "kubernetes")} <= named
    assert scan_entities("which notebooks/editors does it list?", kb)


def test_a_slashed_pair_that_is_one_term_stays_one(kb) -> None:
    named = scan_entities("what level of CI/CD is expected?", kb)
    assert not any(e["value"] in ("ci", "cd") for e in named)


@pytest.mark.parametrize(
    "text, must",
    [
        ("Which editors/notebooks are named, and which cloud platforms?", ["VS Code", "SageMaker"]),
        ("what notebooks/IDEs are listed, plus which ML frameworks?", ["Jupyter", "Keras"]),
    ],
)
def test_a_slashed_part_is_its_own_question(kb, text: str, must: List[str]) -> None:
    questions = asked(kb, "ask_tools", text)
    assert len(questions) == 2
    said = reply(kb, "ask_tools", text)
    assert all(m in said for m in must)


@pytest.mark.parametrize(
    "intent, text, first, then",
    [
        (
            "ask_scenarios",
            "What are the two project scenarios, and what does the AI engineer do in the second one?",
            "scenarios",
            "predictive analytics",
        ),
        ("ask_workflow", "what are the workflow steps, and which tools does the third one use?", "workflow", "XGBoost"),
        (
            "ask_learning_path",
            "Which are the learning path stages, and what does the ML engineer learn in the last?",
            "learning_path",
            "lifecycle",
        ),
    ],
)
def test_a_whole_list_then_one_of_its_items_answers_both(kb, intent: str, text: str, first: str, then: str) -> None:
    questions = asked(kb, intent, text)
    assert len(questions) == 2 and questions[0].topic == first
    assert then.lower() in render(kb, questions[1]).text.lower()


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_use_cases", "Who builds recommendation engines into products, AI or ML engineers?"),
        ("ask_scenarios", "which role works on conversational systems?"),
        ("ask_tools", "who builds decision-support tools?"),
        ("ask_use_cases", "Are intelligent automation platforms something an AI engineer works on?"),
    ],
)
def test_which_role_builds_a_kind_of_system_is_that_roles_definition(kb, intent: str, text: str) -> None:
    (question,) = asked(kb, intent, text)
    assert question.topic == "role_definition" and question.roles == ("ai_engineer",)
    assert "AI Engineer" in render(kb, question).text


def test_who_does_a_scenario_duty_is_still_the_scenario(kb) -> None:
    (question,) = asked(kb, "ask_scenarios", "who trains the NLP models in the chatbot scenario?")
    assert question.topic == "scenarios"


@pytest.mark.parametrize(
    "intent, text, role",
    [
        ("ask_both_roles", "AI engineer in one line?", "ai_engineer"),
        ("ask_math", "ML engineer in one sentence", "ml_engineer"),
        ("ask_key_takeaways", "sum up the machine learning engineer briefly", "ml_engineer"),
        ("ask_certifications", "the AI engineer role in a nutshell please", "ai_engineer"),
    ],
)
def test_one_role_asked_in_brief_is_what_it_is(kb, intent: str, text: str, role: str) -> None:
    (question,) = asked(kb, intent, text)
    assert question.topic == "role_definition" and question.roles == (role,)


def test_a_topic_asked_in_brief_keeps_its_topic(kb) -> None:
    (question,) = asked(kb, "ask_salary", "AI engineer salary in one line?")
    assert question.topic == "salary"


@pytest.mark.parametrize(
    "intent, text, topic, said",
    [
        ("ask_use_cases", "switching gears - what is predictive maintenance?", "use_cases", "predictive maintenance"),
        ("ask_scenarios", "what examples of customer support automation are given?", "use_cases", "ticket routing"),
        ("out_of_scope", "tell me about supply chain forecasting", "use_cases", "supply chain"),
        ("ask_workflow", "and what's model performance drift, exactly?", "challenges", "drift"),
    ],
)
def test_a_list_item_named_in_full_is_that_item(kb, intent: str, text: str, topic: str, said: str) -> None:
    (question,) = asked(kb, intent, text)
    assert question.topic == topic
    assert said in render(kb, question).text


def test_a_list_item_with_more_asked_of_it_is_not_just_the_item(kb) -> None:
    (question,) = asked(kb, "ask_responsibilities", "who trains the model in customer support automation?")
    assert question.topic != "use_cases"


@pytest.mark.parametrize(
    "intent, text, must",
    [
        ("ask_enterprise_constraints", "What constraints do enterprises face when deploying AI?", ["GDPR", "uptime"]),
        (
            "ask_enterprise_constraints",
            "which constraints must companies meet when they ship models?",
            ["GDPR", "secure model deployment"],
        ),
        ("ask_challenges", "what challenges do teams run into when monitoring models?", ["data quality", "legacy"]),
    ],
)
def test_a_whole_list_asked_with_its_setting_is_the_whole_list(kb, intent: str, text: str, must: List[str]) -> None:
    said = reply(kb, intent, text)
    assert all(m in said for m in must)


def test_a_list_asked_for_one_theme_still_picks_items(kb) -> None:
    said = reply(kb, "ask_best_practices", "what best practices do IT teams follow for security?")
    assert "version control" not in said


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_workflow", "Where does data drift come up in the article?"),
        ("out_of_scope", "where does data drift appear?"),
    ],
)
def test_where_a_step_term_comes_up_is_that_step(kb, intent: str, text: str) -> None:
    (question,) = asked(kb, intent, text)
    assert question.topic == "workflow" and question.stage == "monitoring_maintenance"


@pytest.mark.parametrize(
    "text, stages",
    [
        ("which tools for modeling, and which for preparing the features?", ["model_development", "data_preparation"]),
        (
            "what tools do I use to train models, and which to watch them in production?",
            ["model_development", "monitoring_maintenance"],
        ),
    ],
)
def test_an_elliptical_tools_part_for_doing_something_is_that_step(kb, text: str, stages: List[str]) -> None:
    questions = asked(kb, "ask_tools", text)
    assert [q.stage for q in questions] == stages


@pytest.mark.parametrize(
    "text",
    [
        "What do I learn first, and which language should I focus on?",
        "what comes first on the path, and which programming language should I focus on?",
    ],
)
def test_a_language_to_focus_on_is_the_shared_programming_skills(kb, text: str) -> None:
    questions = asked(kb, "ask_learning_path", text)
    assert [q.topic for q in questions] == ["learning_path", "skills"]
    assert "Python" in render(kb, questions[1]).text


@pytest.mark.parametrize(
    "text, only, not_said",
    [
        ("Which framework is in model development but not in the ML frameworks list?", "XGBoost", "Keras."),
        ("Which ML framework is in the tools list but not in the model development step?", "Keras.", "XGBoost."),
        ("which tools are in the MLOps group but not in the deployment step?", "MLflow and Kubeflow.", "REST"),
    ],
)
def test_one_tool_list_less_another(kb, text: str, only: str, not_said: str) -> None:
    said = reply(kb, "ask_tools", text)
    assert said.split(": ")[-1].startswith(only.rstrip(".")) and not said.endswith(not_said)


def test_that_step_in_a_list_difference_is_the_threads_step(kb) -> None:
    first = asked(kb, "ask_tools", "what's in the model development step but not in the ML frameworks group?")
    then = understand(kb, "ask_tools", [], first[-1].context_slots(), "and in the ML frameworks but not that step?")
    assert render(kb, then[-1]).text.endswith("Keras.")


def ranking(*pairs):
    return [{"name": name, "confidence": conf} for name, conf in pairs]


@pytest.mark.parametrize(
    "text, intent",
    [
        ("what kind of training should I be looking at?", "ask_certifications"),
        ("where could I get some hands-on practice?", "ask_certifications"),
        ("What do I learn first, and which language should I focus on?", "ask_learning_path"),
    ],
)
def test_ones_own_next_step_in_one_topic_is_answered(kb, text: str, intent: str) -> None:
    decision = triage(kb, ranking(("out_of_scope", 0.5)), text, "out_of_scope", "role_comparison")  # in a thread
    assert decision.kind == "answer"
    assert asked(kb, decision.intents[0], text)[0].topic == intent[4:]


@pytest.mark.parametrize("text", ["what should I cook tonight?", "should I buy a new laptop?"])
def test_ones_own_step_outside_the_article_is_still_off_topic(kb, text: str) -> None:
    assert triage(kb, ranking(("out_of_scope", 0.5)), text, "out_of_scope").kind == "off_topic"


@pytest.mark.parametrize(
    "text",
    [
        "how do I make banana bread",
        "how do i make my website load faster",
        "should i study architecture or interior design",
        "what skills do i need to become a commercial pilot",
    ],
)
def test_ones_own_next_step_elsewhere_is_off_topic(kb, text: str) -> None:
    """A first message about another world is declined; a pay word ('make') never answers with pay."""
    assert triage(kb, ranking(("out_of_scope", 0.9)), text, "out_of_scope").kind == "off_topic"
    if "make" in text:
        assert triage(kb, ranking(("out_of_scope", 0.9)), text, "out_of_scope", "skills").kind == "off_topic"
