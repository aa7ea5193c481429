"""The subject and facet a follow-up carries from the last answer (issue 26, wave 3 'carry'): an end of a pay range
whatever NLU read, a responsibility row named inside a longer phrase ('monitoring focus') for the other role, a row
'for both', a list item named tersely ('and model drift?'), one role's part of a scenario, a step's content asked
by a fragment, a typed 'fist step', the steps a multi-part answer showed by position, the rows of the summary table
by move or place, a shared core area's items, the other role's own tool groups, the application types a role
builds, and the list of titles a title is on."""

from __future__ import annotations

from typing import List, Sequence, Tuple

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.question import Question
from tests.understanding.talking import talk


def last(kb: KnowledgeBase, turns: Sequence[Tuple[str, str]]) -> Tuple[List[Question], str]:
    return talk(kb, turns)


@pytest.mark.parametrize("intent", ["ask_key_takeaways", "ask_both_roles", "inform", "ask_help"])
@pytest.mark.parametrize("text", ["and the bottom end?", "what about the lower bound?", "ok and the ceiling?"])
def test_an_end_of_the_range_after_pay_stays_on_that_pay(kb: KnowledgeBase, intent: str, text: str) -> None:
    questions, _ = last(kb, [("ask_salary", "What's the top end of the mid-level AI engineer range?"), (intent, text)])
    assert questions[-1].topic == "salary"
    assert questions[-1].roles == ("ai_engineer",) and questions[-1].level == "mid"


def test_the_other_role_after_an_end_of_the_range_is_its_pay(kb: KnowledgeBase) -> None:
    questions, reply = last(
        kb,
        [
            ("ask_salary", "how high does a senior machine learning engineer go?"),
            ("ask_key_takeaways", "and the low end?"),
            ("ask_other_role", "same for the other role?"),
        ],
    )
    assert questions[-1].topic == "salary" and questions[-1].roles == ("ai_engineer",)
    assert "140,000" in reply


@pytest.mark.parametrize(
    "text, span, aspect",
    [
        ("what's the other role's monitoring focus?", "monitoring focus", "monitoring"),
        ("and the other role's deployment duties then?", "deployment duties", "deployment"),
        ("what about the other role's data side?", "data side", "data_handling"),
    ],
)
def test_a_row_named_inside_a_longer_phrase_is_that_row(kb: KnowledgeBase, text: str, span: str, aspect: str) -> None:
    from actions.understanding.understand import understand

    previous = talk(kb, [("ask_responsibilities", "what is the AI engineer responsible for?")])[0][-1].context_slots()
    start = text.index(span)  # NLU's span takes in a word around the row's name
    entities = [{"entity": "aspect", "value": span, "start": start, "end": start + len(span)}]
    questions = understand(kb, "ask_responsibilities", entities, previous, text)
    assert questions[-1].aspect == aspect and questions[-1].roles == ("ml_engineer",)


def test_a_nlu_span_around_a_row_still_names_it(kb: KnowledgeBase) -> None:
    from actions.understanding.context import read_entities
    from actions.understanding.vocabulary import normalizer_for

    found = read_entities([{"entity": "aspect", "value": "monitoring focus"}], normalizer_for(kb))
    assert found.values.get("aspect") == "monitoring"


@pytest.mark.parametrize(
    "text", ["and data handling for both?", "model training for both roles?", "and deployment for each of them?"]
)
def test_a_row_for_both_is_that_row_for_each_role(kb: KnowledgeBase, text: str) -> None:
    questions, reply = last(kb, [("ask_responsibilities", "What's the ML engineer's primary focus?"), ("inform", text)])
    assert questions[-1].topic == "responsibilities"
    assert set(questions[-1].roles) in ({"ai_engineer", "ml_engineer"}, set())
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


@pytest.mark.parametrize("text", ["and who do they each team up with?", "who does each partner with?"])
def test_teaming_up_is_the_collaboration_row(kb: KnowledgeBase, text: str) -> None:
    questions, _ = last(kb, [("ask_responsibilities", "how do the two differ on deployment?"), ("inform", text)])
    assert questions[-1].aspect == "collaboration"


@pytest.mark.parametrize(
    "text, item",
    [("and model drift?", 2), ("what about scaling?", 3), ("and security vulnerabilities?", 4)],
)
def test_a_list_item_named_tersely_is_that_item(kb: KnowledgeBase, text: str, item: int) -> None:
    questions, _ = last(
        kb,
        [("ask_challenges", "What challenges do AI teams run into?"), ("inform", text)],
    )
    assert questions[-1].topic == "challenges" and questions[-1].item == item


@pytest.mark.parametrize(
    "intent, text, role, says",
    [
        ("ask_role_comparison", "which part is the ML engineer's?", "ml_engineer", "forecasting"),
        ("ask_role_definition", "just the AI engineer's bit please", "ai_engineer", "dashboards"),
        ("ask_responsibilities", "and the ML engineer's share of it?", "ml_engineer", "feature engineering"),
    ],
)
def test_one_roles_part_of_a_scenario_stays_in_it(
    kb: KnowledgeBase, intent: str, text: str, role: str, says: str
) -> None:
    scenario = ("ask_scenarios", "walk me through the predictive analytics scenario")
    questions, reply = last(kb, [scenario, (intent, text)])
    assert questions[-1].topic == "scenarios" and questions[-1].scenario == "predictive_analytics"
    assert questions[-1].roles == (role,) and says in reply


@pytest.mark.parametrize("text", ["and which sources?", "what kinds of sources?"])
def test_a_fragment_asking_what_a_step_holds_is_that_step(kb: KnowledgeBase, text: str) -> None:
    step = ("ask_tools", "which tools are used for data ingestion?")
    questions, reply = last(kb, [step, ("ask_key_takeaways", text)])
    assert questions[-1].topic == "workflow" and questions[-1].stage == "data_ingestion"
    assert "IoT" in reply


@pytest.mark.parametrize("text", ["and the fist step tools again?", "tools for the frist step?"])
def test_a_typed_fist_step_is_the_first_step(kb: KnowledgeBase, text: str) -> None:
    questions, _ = last(kb, [("ask_tools", "which tools are used for monitoring?"), ("inform", text)])
    assert questions[-1].stage == "data_ingestion"


@pytest.mark.parametrize(
    "text, stage",
    [
        ("who owns the first of those?", "data_preparation"),
        ("and the second of those?", "data_ingestion"),
        ("who handles the last of them?", "monitoring_maintenance"),
    ],
)
def test_a_position_points_into_the_steps_a_multi_part_answer_showed(kb: KnowledgeBase, text: str, stage: str) -> None:
    questions, _ = last(
        kb, [("ask_tools", "Which step uses Spark, which uses Kafka, and which uses Grafana?"), ("inform", text)]
    )
    assert questions[-1].stage == stage


def test_the_summary_tables_rows_move_and_are_picked_by_place(kb: KnowledgeBase) -> None:
    start = [("ask_skill_comparison", "how are ML algorithms rated for each role?")]
    _, reply = last(kb, [*start, ("inform", "the row after that?")])
    assert "Data Engineering" in reply
    _, reply = last(kb, [*start, ("inform", "and the very last row?")])
    assert "Security" in reply and "Medium" in reply
    _, reply = last(kb, [*start, ("inform", "and the first row?")])
    assert "Python Programming" in reply


@pytest.mark.parametrize(
    "text, says",
    [
        ("Which programming languages, specifically?", "C++"),
        ("the cloud part - any specific providers?", "Google Cloud"),
        ("and which cloud platforms are named there?", "Google Cloud"),
    ],
)
def test_a_shared_core_areas_items_after_the_shared_skills(kb: KnowledgeBase, text: str, says: str) -> None:
    _, reply = last(kb, [("ask_skills", "what core skills do both roles share?"), ("ask_tools", text)])
    assert says in reply


@pytest.mark.parametrize(
    "text", ["and the other one spends time on what instead?", "what does the other role use instead?"]
)
def test_the_other_roles_own_tool_groups_instead(kb: KnowledgeBase, text: str) -> None:
    _, reply = last(
        kb,
        [
            ("ask_tools", "Which ML frameworks does the article list?"),
            ("ask_responsibilities", "which of the two roles uses those more?"),
            ("ask_other_role", text),
        ],
    )
    assert "Docker" in reply or "container" in reply


@pytest.mark.parametrize(
    "text", ["Could you enumerate the application types cited?", "what system types does it cover?"]
)
def test_application_types_after_a_role_are_what_it_builds(kb: KnowledgeBase, text: str) -> None:
    questions, reply = last(kb, [("ask_role_definition", "what is an AI engineer?"), ("ask_use_cases", text)])
    assert questions[-1].topic == "role_definition" and "conversational" in reply


@pytest.mark.parametrize("text", ["what others are in that same list?", "who else is on that list?"])
def test_the_list_a_title_is_on(kb: KnowledgeBase, text: str) -> None:
    questions, reply = last(
        kb,
        [
            ("ask_careers", "Is Cloud AI Specialist one of the careers after learning AI?"),
            ("ask_salary", "what does a cloud AI specialist earn?"),
            ("ask_job_titles", text),
        ],
    )
    assert questions[-1].topic == "careers" and "Automation Architect" in reply


@pytest.mark.parametrize(
    "text", ["what are the cloud AI platforms and the ML frameworks?", "which Cloud AI platforms exactly?"]
)
def test_a_tool_group_by_its_own_name_after_the_shared_skills_stays_the_tools(kb: KnowledgeBase, text: str) -> None:
    _, reply = last(kb, [("ask_skills", "what core skills do both roles share?"), ("ask_tools", text)])
    assert "SageMaker" in reply


def test_a_step_word_inside_a_tools_name_is_no_step(kb: KnowledgeBase) -> None:
    """Only a responsibility row is read from inside a longer span: 'data validation frameworks' is a tool of data
    preparation, not the Testing and Validation step."""
    from actions.understanding.understand import understand

    text = "in which step do data validation frameworks appear?"
    entities = [{"entity": "stage", "value": "data validation frameworks", "start": 17, "end": 43}]
    questions = understand(kb, "ask_workflow", entities, {"topic": "tools", "stage": "data_ingestion"}, text)
    assert questions[-1].stage == "data_preparation"


@pytest.mark.parametrize(
    "text",
    [
        "I train models and also deploy them at my job. is it normal for one person to cover both roles?",
        "can a single engineer handle both, model training included?",
    ],
)
def test_one_person_doing_both_is_not_a_row_for_each_role(kb: KnowledgeBase, text: str) -> None:
    """A self-description can name a responsibility row; the question is still whether one person does both."""
    questions, _ = last(kb, [("ask_both_roles", text)])
    assert questions[-1].topic == "both_roles"
