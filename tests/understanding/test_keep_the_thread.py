"""Follow-ups that keep the thread (issue 26): a bare facet after a step, moves along a learning path from the
skills just named, the other path, both roles' stage, pay at the same level, and questions inside a scenario."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None, entities=()):
    questions = understand(kb, intent, list(entities), previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


def ent(kind: str, value: str) -> dict:
    return {"entity": kind, "value": value}


def test_a_bare_tools_question_after_a_step_is_that_steps_tools(kb):
    before = understand(kb, "ask_workflow", [ent("stage", "data preparation")], {}, "what happens in data preparation?")
    question, reply = answer(kb, "ask_tools", "what tools are used?", before[-1].context_slots())
    assert (question.topic, question.stage) == ("tools", "data_preparation") and "Pandas" in reply


def test_a_tools_question_asking_for_all_of_them_is_not_narrowed_to_the_step(kb):
    previous = {"topic": "workflow", "stage": "data_preparation"}
    question, _ = answer(kb, "ask_tools", "what tools are common overall?", previous)
    assert question.stage is None


def test_what_comes_after_the_skills_named_moves_from_their_stage(kb):
    entities = [ent("role", "ML engineer"), ent("skill", "ml algorithms"), ent("skill", "feature engineering")]
    text = "I'm on the ML engineer path. What comes after ML algorithms and feature engineering?"
    question, reply = answer(kb, "ask_learning_path", text, {}, entities)
    assert question.path_stage == "advanced" and "deep learning" in reply
    question, reply = answer(kb, "inform", "and then?", question.context_slots())
    assert question.path_stage == "enterprise_skills" and "lifecycle" in reply


def test_the_other_path_is_the_other_roles_path(kb):
    previous = {"topic": "learning_path", "role": "ml_engineer"}
    text = "what's at the advanced stage for the other path?"
    question, reply = answer(kb, "ask_learning_path", text, previous, [ent("path_stage", "advanced")])
    assert question.roles == ("ai_engineer",) and "MLOps" in reply


def test_the_other_roles_named_stage_is_that_stage(kb):
    previous = {"topic": "learning_path", "role": "ai_engineer", "path_stage": "enterprise_skills"}
    question, reply = answer(
        kb, "ask_other_role", "and the other role's advanced stage?", previous, [ent("path_stage", "advanced")]
    )
    assert (question.roles, question.path_stage) == (("ml_engineer",), "advanced") and "deep learning" in reply


def test_a_stage_between_them_is_both_roles_stage(kb):
    previous = {"topic": "learning_path", "role": "ml_engineer"}
    question, reply = answer(
        kb,
        "ask_role_comparison",
        "is the foundation stage any different between them?",
        previous,
        [ent("path_stage", "foundation")],
    )
    assert question.roles == () and "the same" in reply


def test_the_other_role_at_the_same_level_after_pay_is_its_pay(kb):
    previous = understand(
        kb, "ask_salary", [ent("role", "ML engineer"), ent("level", "entry")], {}, "starting salary for an ML engineer?"
    )[-1].context_slots()
    text = "how does that compare with the other role at the same level?"
    question, reply = answer(kb, "ask_skill_comparison", text, previous)
    assert question.topic in ("salary", "salary_comparison") and question.level == "entry" and "$85,000" in reply


def test_a_question_pointing_back_at_a_scenario_stays_in_it(kb):
    text = "In the customer support automation scenario, what does the AI engineer do?"
    before = understand(kb, "ask_scenarios", [ent("role", "AI engineer")], {}, text)[-1]
    question, reply = answer(kb, "ask_tools", "what systems does it get integrated with?", before.context_slots())
    assert question.topic == "scenarios" and "CRM" in reply
    question, reply = answer(
        kb,
        "ask_responsibilities",
        "the ML engineer trains what kind of models there?",
        question.context_slots(),
        [ent("role", "ML engineer")],
    )
    assert question.topic == "scenarios" and "intent classification" in reply


def test_who_does_what_the_scenario_names_stays_in_it(kb):
    before = understand(kb, "ask_scenarios", [], {}, "Walk me through the predictive analytics platform scenario.")[-1]
    question, reply = answer(kb, "ask_responsibilities", "who builds the dashboard APIs?", before.context_slots())
    assert question.topic == "scenarios" and "AI Engineer does that" in reply
