"""References into the list the last answer showed (issue 26): ranges ('the last two', 'the middle two steps'),
every element ('tools for each of those'), a position among them ('the second of those two'), a move from the
run ('the step after those two'), a move from one item ('the one just before it'), a row of the skills table
('the row above it'), a group by position ('the first group'), a role by the order it was explained ('the first
one you explained') and an item asked about with another topic ('the 2nd one on that list, which step?')."""

from __future__ import annotations

from typing import Any, List, Mapping

import pytest

from actions.understanding.question import Question
from actions.understanding.understand import understand
from tests.understanding.talking import talk


def stages(questions: List[Question]) -> List[str | None]:
    return [q.stage for q in questions]


@pytest.mark.parametrize("text", ["the last two - who manages them?", "and the final two?", "the last 2 steps please"])
def test_the_last_two_steps_are_both_answered(kb, text: str) -> None:
    questions, _ = talk(kb, [("ask_workflow", "walk me through the AI project workflow"), ("inform", text)])
    assert stages(questions) == ["deployment_integration", "monitoring_maintenance"]


@pytest.mark.parametrize(
    "text", ["what tools in those two?", "tools for both of them?", "which tools do those steps use?"]
)
def test_those_two_after_two_steps_asks_each(kb, text: str) -> None:
    turns = [("ask_workflow", "walk me through the AI project workflow"), ("inform", "the last two?"), ("inform", text)]
    questions, reply = talk(kb, turns)
    assert stages(questions) == ["deployment_integration", "monitoring_maintenance"]
    assert "Docker" in reply and "Prometheus" in reply


def test_the_middle_two_then_the_second_of_those_two(kb) -> None:
    turns = [("ask_tools", "tools for step 1?"), ("inform", "the middle two steps?")]
    questions, _ = talk(kb, turns)
    assert stages(questions) == ["model_development", "testing_validation"]
    questions, reply = talk(kb, [*turns, ("inform", "who owns the second of those two?")])
    assert stages(questions) == ["testing_validation"] and "overlap" in reply


def test_the_step_after_those_two(kb) -> None:
    turns = [("ask_workflow", "walk me through the AI project workflow"), ("inform", "the first two steps?")]
    questions, _ = talk(kb, [*turns, ("inform", "and what's the step after those two?")])
    assert stages(questions) == ["model_development"]


def test_tools_for_each_of_the_steps_a_role_manages(kb) -> None:
    turns = [
        ("ask_workflow", "Which steps of the workflow do AI engineers manage?"),
        ("ask_tools", "tools for each of those?"),
    ]
    questions, reply = talk(kb, turns)
    assert stages(questions) == ["testing_validation", "deployment_integration", "monitoring_maintenance"]
    assert "Prometheus" in reply


def test_the_last_two_careers(kb) -> None:
    turns = [
        ("ask_careers", "What careers can I go into after learning AI?"),
        ("inform", "the last two, what are they?"),
    ]
    _, reply = talk(kb, turns)
    assert "Automation Architect" in reply and "Cloud AI Specialist" in reply


@pytest.mark.parametrize("text", ["and the one just before it?", "the one before that?"])
def test_the_item_before_the_one_shown(kb, text: str) -> None:
    turns = [
        ("ask_use_cases", "What are the enterprise use cases?"),
        ("inform", "number four on the list?"),
        ("inform", text),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].item == 3 and "supply chain" in reply


def test_an_ordinal_after_an_item_and_another_topic_points_into_the_items(kb) -> None:
    turns = [
        ("ask_why_it_matters", "what trends are behind the distinction?"),
        ("ask_skills", "the second trend, which skills does it demand?"),
        ("inform", "and the third one?"),
    ]
    _, reply = talk(kb, turns)
    assert "production-grade" in reply


@pytest.mark.parametrize(
    "listed, text, stage",
    [
        (
            "ask_challenges",
            "for the 2nd one on that list, which workflow step deals with it?",
            "monitoring_maintenance",
        ),
        (
            "ask_best_practices",
            "the last one - which step of the workflow does it belong to?",
            "monitoring_maintenance",
        ),
    ],
)
def test_an_item_asked_about_with_another_topic_uses_its_words(kb, listed: str, text: str, stage: str) -> None:
    turns = [(listed, "what are they?"), ("ask_workflow", text)]
    questions, _ = talk(kb, turns)
    assert questions[0].stage == stage


def test_a_salary_factor_by_position_in_tools(kb) -> None:
    turns = [
        ("ask_salary_factors", "what moves salaries?"),
        ("ask_tools", "the third one, what would that look like in tools?"),
    ]
    _, reply = talk(kb, turns)
    assert "Docker" in reply or "SageMaker" in reply


@pytest.mark.parametrize(
    "text, row", [("the row above it?", "Model Development"), ("and the next row?", "Cloud Deployment")]
)
def test_a_row_of_the_skills_table_next_to_the_one_shown(kb, text: str, row: str) -> None:
    turns = [("ask_skill_comparison", "What's the skill level for system integration for each role?"), ("inform", text)]
    _, reply = talk(kb, turns)
    assert row in reply and "System Integration" not in reply


def test_a_row_after_a_named_row(kb) -> None:
    turns = [
        ("ask_skill_comparison", "how do they rate on model development?"),
        ("inform", "the row after system integration?"),
    ]
    _, reply = talk(kb, turns)
    assert "Cloud Deployment" in reply


def test_the_first_group_of_two_tool_groups(kb) -> None:
    turns = [
        ("ask_tools", "Which development tools does the article list, and which ML frameworks?"),
        ("inform", "which languages are in the first group?"),
    ]
    _, reply = talk(kb, turns)
    assert "Python" in reply and "TensorFlow" not in reply


@pytest.mark.parametrize(
    "text, expected",
    [
        ("And the first one you explained, which steps?", "steps 2 to 4"),
        ("what about the one you described first - which steps?", "steps 2 to 4"),
    ],
)
def test_a_role_by_the_order_it_was_explained(kb, text: str, expected: str) -> None:
    turns = [
        ("ask_role_definition", "What does a Machine Learning Engineer do?"),
        ("ask_role_definition", "And an AI Engineer?"),
        ("ask_workflow", "Which steps does he manage?"),
        ("ask_workflow", text),
    ]
    _, reply = talk(kb, turns)
    assert expected in reply


def test_the_first_ones_work_after_both_roles_were_explained(kb) -> None:
    turns = [
        ("ask_role_definition", "What is an AI Engineer?"),
        ("inform", "and a machine learning engineer?"),
        ("ask_role_definition", "and the first one's work spans which areas?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].roles == ("ai_engineer",)


def test_the_first_of_them_after_both_roles_parts_of_a_scenario(kb) -> None:
    turns = [
        (
            "ask_scenarios",
            "In the predictive analytics scenario, what does the ML engineer do and what does the AI engineer do?",
        ),
        ("ask_scenarios", "what kinds of models does the first of them build there?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].roles == ("ml_engineer",) and "forecasting" in reply


def test_the_first_one_after_a_list_is_still_its_first_item(kb) -> None:
    turns = [
        ("ask_role_definition", "What is an AI Engineer?"),
        ("inform", "and a machine learning engineer?"),
        ("ask_use_cases", "what are the enterprise use cases?"),
        ("inform", "the first one?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].topic == "use_cases" and questions[-1].item == 1


def test_one_level_up_on_the_learning_path_is_the_next_stage(kb) -> None:
    previous: Mapping[str, Any] = {"topic": "learning_path", "path_stage": "intermediate", "role": "ml_engineer"}
    question = understand(kb, "inform", [], previous, "and one level up?")[-1]
    assert question.path_stage == "advanced"


@pytest.mark.parametrize("text", ["only the AI one of those please", "just the ML side of that?"])
def test_one_roles_side_of_an_answer_for_both(kb, text: str) -> None:
    turns = [("ask_learning_path", "and the enterprise stage for each?"), ("inform", text)]
    questions, _ = talk(kb, turns)
    expected = "ai_engineer" if " AI " in text else "ml_engineer"
    assert questions[-1].roles == (expected,) and questions[-1].path_stage == "enterprise_skills"


@pytest.mark.parametrize("text", ["the second task - integrate with what exactly?", "the last thing they do, how?"])
def test_a_task_within_one_roles_line_of_a_scenario_keeps_the_scenario(kb, text: str) -> None:
    turns = [
        ("ask_scenarios", "In the customer support automation scenario, what does the AI engineer do?"),
        ("ask_scenarios", text),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].scenario == "customer_support_automation" and "CRM" in reply


@pytest.mark.parametrize(
    "text",
    [
        "the first one - what does the ML engineer actually do there?",
        "for the first one, what would an ML engineer do?",
    ],
)
def test_a_use_case_with_a_worked_example_asked_about_a_roles_work(kb, text: str) -> None:
    turns = [("ask_use_cases", "What are the common enterprise use cases?"), ("ask_responsibilities", text)]
    questions, reply = talk(kb, turns)
    assert questions[-1].scenario == "customer_support_automation" and "intent classification" in reply


def test_a_range_in_one_part_of_several_is_left_to_that_part(kb) -> None:
    turns = [
        ("ask_workflow", "walk me through the workflow"),
        ("ask_workflow", "how many steps are there in total, and who handles the last three?"),
    ]
    _, reply = talk(kb, turns)
    assert "6" in reply or "six" in reply


def test_the_next_stage_after_a_named_stage_is_one_stage_then_after_that_moves_on(kb) -> None:
    text = "what's the next stage of learning for me after the foundations?"
    start = text.index("foundations")
    entity = {"entity": "path_stage", "value": "foundations", "start": start, "end": start + 11}
    previous = {"topic": "role_fit", "role": "ml_engineer"}
    questions = understand(kb, "ask_learning_path", [entity], previous, text)
    assert [q.path_stage for q in questions] == ["intermediate"]
    after = understand(kb, "inform", [], questions[-1].context_slots(), "and after that?")
    assert [q.path_stage for q in after] == ["advanced"]


def test_a_task_of_one_roles_line_asked_which_step_it_is(kb) -> None:
    turns = [
        ("ask_scenarios", "In the customer support automation scenario, what does the ML engineer do?"),
        ("ask_workflow", "the first of those, which step of the workflow is that?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].stage == "model_development"


def test_the_next_two_and_the_previous_two_steps(kb) -> None:
    turns = [("ask_workflow", "what happens in step 3?"), ("inform", "and the next two?")]
    questions, _ = talk(kb, turns)
    assert stages(questions) == ["testing_validation", "deployment_integration"]
    questions, _ = talk(kb, [*turns, ("inform", "and the previous two steps?")])
    assert stages(questions) == ["data_preparation", "model_development"]


def test_a_range_of_stages_asked_first_then_the_other_two(kb) -> None:
    turns = [("ask_learning_path", "what are the first two learning stages?")]
    questions, _ = talk(kb, turns)
    assert [q.path_stage for q in questions] == ["foundation", "intermediate"]
    questions, _ = talk(kb, [*turns, ("inform", "and the other two?")])
    assert [q.path_stage for q in questions] == ["advanced", "enterprise_skills"]


def test_the_next_two_use_cases_after_one(kb) -> None:
    turns = [
        ("ask_use_cases", "what are the use cases?"),
        ("inform", "the second one?"),
        ("inform", "and the next two?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.item for q in questions] == [3, 4]
