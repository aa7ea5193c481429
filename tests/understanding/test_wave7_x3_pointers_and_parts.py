"""Wave 7 (x3): moves, positions and parts a thread points at: a bare 'then?', 'the rung after', 'the second'
role with a verb, a position among one step's tools, a step named by its work, the step 'you mentioned' after a
detour, 'step-1', and a learning stage asked beside the pay."""

from __future__ import annotations

from actions.knowledge import KnowledgeBase
from actions.understanding.topics import detect_topics
from tests.understanding.talking import chat, talk


def test_a_bare_then_moves_to_the_next_workflow_step(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_workflow", "what happens in step 2?"), ("inform", "so then?")])
    assert [(q.topic, q.stage) for q in questions] == [("workflow", "model_development")]


def test_the_rung_after_a_learning_stage_is_the_next_stage(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_learning_path", "what does the AI engineer learn at the foundation stage?"),
        ("inform", "next rung?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[0].path_stage == "intermediate"


def test_the_second_with_a_verb_after_it_names_the_second_role_explained(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_role_comparison", "sum up how the two roles differ"),
        ("inform", "what would the first one work on?"),
        ("inform", "and what does the second focus on?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[0].roles == ("ml_engineer",)


def test_a_position_among_one_steps_tools_names_that_tool_and_the_list_stays(kb: KnowledgeBase) -> None:
    turns = [("ask_tools", "which tools does the monitoring step use?"), ("inform", "the first of those is what?")]
    questions, reply = talk(kb, turns)
    assert questions[0].tools and "Prometheus" in reply
    questions, reply = talk(kb, [*turns, ("inform", "and the second one?")])
    assert "Grafana" in reply.split(":")[0]


def test_a_skill_that_is_also_a_step_tool_leads_a_bare_which_step_to_its_step(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_tools", "does the article mention SQL?"), ("inform", "what step?")])
    assert questions[0].stage == "data_preparation"


def test_what_a_steps_own_work_falls_under_is_that_step(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_challenges", "where does data drift belong to?")])
    assert [(q.topic, q.stage) for q in questions] == [("workflow", "monitoring_maintenance")]


def test_sectors_asked_of_the_job_titles_are_the_careers_industries(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_job_titles", "what industries do these jobs show up in?")])
    assert questions[0].topic == "careers" and "healthcare" in reply


def test_the_step_you_mentioned_after_a_detour_is_the_step_of_the_thread(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_workflow", "which step covers model training?"),
        ("ask_careers", "which sectors hire for these roles?"),
        ("ask_tools", "anyway, back to the earlier topic - which tools does the step you named use?"),
    ]
    questions, _ = talk(kb, turns)
    assert (questions[0].topic, questions[0].stage) == ("tools", "model_development")


def test_a_hyphenated_step_number_names_that_step(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_tools", "give me one stage-2 tool and one stage-5 tool")])
    assert [q.stage for q in questions] == ["data_preparation", "deployment_integration"]


def test_what_a_role_designs_for_enterprises_is_its_enterprise_duty(kb: KnowledgeBase) -> None:
    questions, reply = talk(kb, [("ask_role_definition", "what does an ML engineer build for large enterprises?")])
    assert questions[0].topic == "enterprise_constraints" and "stability" in reply


def test_a_learning_stage_asked_beside_the_pay_is_a_part_of_its_own(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_salary", "senior pay and the advanced stage for an AI engineer?")])
    assert [q.topic for q in questions] == ["salary", "learning_path"]
    assert questions[1].path_stage == "advanced"


def test_a_hire_named_by_its_role_is_that_role(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_responsibilities", "what will our new AI hire own?")])
    assert questions[0].topic == "responsibilities" and questions[0].roles == ("ai_engineer",)


def test_what_one_would_still_have_to_brush_up_on_is_the_skill_gap(kb: KnowledgeBase) -> None:
    assert "skill_gap" in detect_topics("which areas should I have to catch up on for that role?", kb)


def test_what_one_role_would_tackle_after_the_challenges_is_its_share_of_them(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_challenges", "which problems do teams run into?"),
        ("ask_scenarios", "what will an AI hire deal with?"),
    ]
    questions, reply = talk(kb, turns)
    assert (questions[0].topic, questions[0].roles) == ("challenges", ("ai_engineer",))
    assert "infrastructure scaling" in reply


def test_a_step_asked_by_position_keeps_counting_steps(kb: KnowledgeBase) -> None:
    """'tools for the first step?' then 'and the last one?': the last step, not the last of step 1's tools (a step
    asked by name keeps its tools as the list: 'the second of those' is a tool)."""
    questions, reply = talk(kb, [("ask_tools", "tools for the first step?"), ("inform", "and the last one?")])
    assert questions[-1].stage == "monitoring_maintenance" and "Prometheus" in reply


def test_who_does_a_duty_in_the_first_scenario_is_that_scenarios_role(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_scenarios", "in the second scenario who builds the APIs?"),
        ("inform", "and who keeps an eye on uptime in the first one?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].scenario == "customer_support_automation" and "AI Engineer" in reply


def test_the_other_role_at_that_level_after_pay_and_a_lack_is_the_pay(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_salary", "mid-level pay for ML engineers, and how many hours a week do they work?"),
        ("ask_salary", "and for AI engineers at that level?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].missing is None and "$110,000" in reply


def test_a_list_item_asked_of_a_named_section_is_that_sections(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_workflow", "which part of the workflow is 'performance drift' in?")])
    assert (questions[-1].topic, questions[-1].stage) == ("workflow", "monitoring_maintenance")


def test_a_step_picked_from_a_roles_steps_keeps_counting_those_steps(kb: KnowledgeBase) -> None:
    """'tools for the first of those steps' after the AI engineer's steps, then 'for the second of them': the second
    of those steps (Deployment, with Docker), not the second tool of the first."""
    turns = [
        ("ask_responsibilities", "which role leads deployment"),
        ("ask_workflow", "and which workflow steps does it manage"),
        ("ask_tools", "tools for the first of those steps"),
        ("inform", "for the second of them"),
    ]
    question, reply = chat(kb, turns)
    assert question.stage == "deployment_integration" and "Docker" in reply, reply
