"""Ordinal and relative references into the ordered lists (workflow steps, learning stages, list items): a jump of
several places said with 'before'/'after', a step by its number after a responsibility row, 'what's first' after a
move, the one place between two (named, or the last two answers), a move from two steps named together, a
position in the whole list after one role's part of it, and a position among the roles or the steps just
answered in turn."""

from __future__ import annotations

import pytest

from actions.understanding.topics import ordinal, step_shift
from tests.understanding.talking import talk


@pytest.mark.parametrize(
    "text, shift",
    [("and the one three steps before it", -3), ("two stages prior", -2), ("two steps after that one", 2)],
)
def test_a_jump_said_with_before_or_after(text: str, shift: int) -> None:
    assert step_shift(text) == shift


def test_two_steps_before_a_step_lands_two_back(kb) -> None:
    turns = [("ask_workflow", "tell me about the deployment step"), ("inform", "ok and two steps before it?")]
    questions, _ = talk(kb, turns)
    assert [q.stage for q in questions] == ["model_development"]


@pytest.mark.parametrize("text, place", [("so what's first?", 1), ("and what comes last", -1)])
def test_first_or_last_asked_bare(text: str, place: int) -> None:
    assert ordinal(text) == place


def test_what_is_first_after_moving_back_through_the_stages(kb) -> None:
    turns = [
        ("ask_learning_path", "what's the advanced stage for AI engineers?"),
        ("inform", "and the one before it"),
        ("inform", "so what's first?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.path_stage for q in questions] == ["foundation"]


def test_a_numbered_step_after_a_responsibility_row_is_that_step(kb) -> None:
    """(step 2 is also a row's word: data preparation is the data handling row)"""
    entity = [{"entity": "stage", "start": 4, "end": 12, "value": "data_preparation"}]
    from actions.understanding.understand import understand

    previous = {}
    for intent, entities, text in [
        ("ask_workflow", [], "what happens in step 5?"),
        ("ask_role_definition", [], "what does the AI engineer do there?"),
        ("inform", entity, "and step two?"),
    ]:
        questions = understand(kb, intent, entities, previous, text)
        previous = questions[-1].context_slots()
    assert (questions[-1].topic, questions[-1].stage) == ("workflow", "data_preparation")


@pytest.mark.parametrize(
    "text, stages",
    [
        ("which steps come before step 4 and step 5?", ["model_development", "testing_validation"]),
        ("and after step 1 and step 2, what follows?", ["data_preparation", "model_development"]),
        ("which step sits between ingestion and model development?", ["data_preparation"]),
    ],
)
def test_a_move_from_two_steps_named_together(kb, text: str, stages: list) -> None:
    questions, _ = talk(kb, [("ask_workflow", text)])
    assert [q.stage for q in questions] == stages


def test_the_step_in_between_the_last_two_answers(kb) -> None:
    turns = [
        ("ask_tools", "tools for data ingestion?"),
        ("inform", "and for model development?"),
        ("inform", "what about the one in between?"),
    ]
    questions, reply = talk(kb, turns)
    assert [q.stage for q in questions] == ["data_preparation"]
    assert "Pandas" in reply


def test_the_stage_in_between_the_last_two_answers(kb) -> None:
    turns = [
        ("ask_learning_path", "AI engineer intermediate stage?"),
        ("inform", "and the enterprise one?"),
        ("inform", "the stage in between?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.path_stage for q in questions] == ["advanced"]


def test_a_position_in_the_whole_list_after_one_roles_part(kb) -> None:
    turns = [
        ("ask_challenges", "which challenges do AI engineers deal with?"),
        ("ask_challenges", "and the second challenge on the list overall?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].item == 2 and not questions[-1].roles
    assert "drift" in reply


def test_a_stage_for_the_role_talked_about_first(kb) -> None:
    turns = [
        ("ask_learning_path", "show me the ML engineer learning path"),
        ("inform", "and the AI engineer one?"),
        ("ask_learning_path", "and the advanced stage for the first one?"),
    ]
    questions, _ = talk(kb, turns)
    assert [(q.roles, q.path_stage) for q in questions] == [(("ml_engineer",), "advanced")]


def test_a_position_among_the_steps_just_answered_in_turn(kb) -> None:
    turns = [
        ("ask_responsibilities", "who is in charge of monitoring, and who does data preparation?"),
        ("ask_tools", "which tools for the first?"),
    ]
    questions, reply = talk(kb, turns)
    assert [q.stage for q in questions] == ["monitoring_maintenance"]
    assert "Grafana" in reply


def test_the_step_that_follows_a_named_step(kb) -> None:
    turns = [("ask_tools", "tools for monitoring?"), ("inform", "the step that follows ingestion?")]
    questions, _ = talk(kb, turns)
    assert [q.stage for q in questions] == ["data_preparation"]


def test_whether_the_paths_have_any_stage_alike(kb) -> None:
    turns = [("ask_learning_path", "the ML engineer learning path?"), ("inform", "is there any stage the two share?")]
    questions, _ = talk(kb, turns)
    assert [(q.path_stage, q.roles) for q in questions] == [("foundation", ())]


def test_a_count_of_the_whole_list_after_one_part_of_it(kb) -> None:
    turns = [
        ("ask_scenarios", "in the chatbot scenario, what does the AI engineer do?"),
        ("ask_scenarios", "how many scenarios does the article have altogether?"),
    ]
    questions, reply = talk(kb, turns)
    assert [(q.scenario, q.roles) for q in questions] == [(None, ())]
    assert reply.lower().startswith("**two") and "four (4)" not in reply.lower()


def test_what_else_the_systems_must_satisfy_is_the_constraints(kb) -> None:
    turns = [
        ("ask_workflow", "tell me about step 6"),
        ("ask_enterprise_constraints", "what else do AI systems have to satisfy?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.topic for q in questions] == ["enterprise_constraints"]


def test_the_second_kind_after_both_roles_tools_in_turn(kb) -> None:
    turns = [
        ("ask_tools", "which tools does the AI engineer lean on, and which does the ML engineer?"),
        ("inform", "show me the first kind"),
        ("inform", "and the second kind?"),
    ]
    questions, reply = talk(kb, turns)
    assert [q.roles for q in questions] == [("ml_engineer",)]
    assert "PyTorch" in reply


def test_a_position_said_of_what_is_gone_back_to_yields_to_the_items_words(kb) -> None:
    turns = [
        ("ask_why_it_matters", "why does the split between the two jobs matter?"),
        ("ask_salary", "what do they pay?"),
        ("ask_why_it_matters", "going back to the first thing, which specialists do teams require?"),
    ]
    questions, reply = talk(kb, turns)
    assert [q.item for q in questions] == [3]
    assert "production-grade" in reply


def test_a_difference_between_them_is_no_place_between(kb) -> None:
    turns = [
        ("ask_tools", "tools for data ingestion?"),
        ("inform", "and for model development?"),
        ("ask_role_comparison", "what's the difference between them?"),
    ]
    questions, _ = talk(kb, turns)
    assert all(q.stage != "data_preparation" for q in questions)


def test_the_item_before_one_shown_said_with_the_lists_noun(kb) -> None:
    turns = [
        ("ask_challenges", "which challenges do teams run into?"),
        ("ask_challenges", "is security vulnerabilities one of them?"),
        ("ask_challenges", "and which challenge comes before that one?"),
    ]
    questions, reply = talk(kb, turns)
    assert [q.item for q in questions] == [3]
    assert "infrastructure scaling" in reply


def test_the_step_of_a_tool_asked_of_another_step(kb) -> None:
    turns = [
        ("ask_tools", "which tools does monitoring use?"),
        ("ask_tools", "is TensorFlow used there as well?"),
        ("ask_workflow", "which step does it belong to, then?"),
    ]
    questions, _ = talk(kb, turns)
    assert [q.stage for q in questions] == ["model_development"]


def test_is_it_in_a_list_after_a_step_answered_with_its_role_asks_no_role(kb) -> None:
    """(through the pipeline, which remembers the role a step's answer names as the one answered)"""
    from actions.answers.pipeline import answer_message

    previous: dict = {}
    for intent, text in [
        ("ask_workflow", "what is data drift, and where does it come up?"),
        ("ask_responsibilities", "who handles that"),
        ("ask_challenges", "is it among the challenges as well?"),
    ]:
        message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
        answered = answer_message(kb, message, previous)
        previous = answered[-1][0].context_slots()
    assert [q.roles for q, _ in answered] == [()]
    assert "drift" in "\n".join(a.text for _, a in answered)
