"""Follow-ups on the project scenarios, the use cases and what one role does (wave 5): the person a 'who ...?'
answer named ('what else does he handle there?'), an example gone back to after a detour ('in that same case'),
one's own side of a scenario, who does a duty of a scenario the message names, the count of the scenarios, a
use case's split of the work the article does not give, and the responsibilities rows asked of 'it', of 'each
one', by a correction or by the order the roles were compared in."""

from __future__ import annotations

import pytest

from actions.understanding.triage import triage
from tests.understanding.talking import chat


@pytest.mark.parametrize(
    "follow", ["what else does he handle there?", "what else is that person responsible for in it?"]
)
def test_the_person_a_who_answer_named_is_followed_in_the_scenario(kb, follow):
    question, reply = chat(
        kb,
        [
            ("ask_scenarios", "who is in charge of the forecasting models in the analytics scenario?"),
            ("inform", follow),
        ],
    )
    assert question.roles == ("ml_engineer",)
    assert "feature engineering" in reply and "dashboards" not in reply


def test_a_who_part_after_a_named_scenario_is_a_duty_in_it(kb):
    question, reply = chat(kb, [("ask_scenarios", "predictive analytics scenario, who makes the APIs?")])
    assert question.topic == "scenarios" and question.scenario == "predictive_analytics"
    assert reply.startswith("**The AI Engineer does that: builds APIs for business dashboards.**")


def test_who_does_a_duty_word_of_one_role_stays_in_the_scenario(kb):
    question, reply = chat(
        kb,
        [("ask_scenarios", "tell me about the chatbot project"), ("ask_responsibilities", "and who trains the bot?")],
    )
    assert question.topic == "scenarios"
    assert reply.startswith("**The Machine Learning Engineer does that: trains NLP models")


def test_the_same_example_after_a_detour_goes_back_to_it(kb):
    question, reply = chat(
        kb,
        [
            ("ask_scenarios", "what does the AI engineer do in the customer support automation example?"),
            ("ask_tools", "which chatbot vendor does the article think is the best?"),
            ("ask_other_role", "ok, and in the same example, what about the other role?"),
        ],
    )
    assert (question.topic, question.roles) == ("scenarios", ("ml_engineer",))
    assert "intent classification" in reply


def test_ones_own_side_of_a_scenario_is_the_side_the_answer_gave(kb):
    said = "I enjoy training classifiers and checking them for bias. Which part of the support chatbot project is mine?"
    question, reply = chat(kb, [("ask_scenarios", said)])
    assert reply.startswith("**The Machine Learning Engineer does that")
    question, reply = chat(kb, [("ask_scenarios", said), ("inform", "so what would I be doing exactly?")])
    assert question.roles == ("ml_engineer",) and "accuracy and bias" in reply


@pytest.mark.parametrize("text", ["what exactly would I do?", "what would I be handling then?"])
def test_ones_own_part_after_a_scenario_points_back(kb, text):
    ranking = [{"name": "out_of_scope", "confidence": 0.6}]
    assert triage(kb, ranking, text, "out_of_scope", "scenarios").intents == ("inform",)
    assert triage(kb, ranking, "what would I do about my mortgage?", "out_of_scope", "scenarios").kind == "off_topic"


def test_how_many_scenarios_in_total_counts_them_all(kb):
    question, reply = chat(
        kb,
        [
            ("ask_scenarios", "what does the ML engineer do in the chatbot scenario?"),
            ("ask_scenarios", "how many scenarios does the article give altogether?"),
        ],
    )
    assert (question.roles, question.scenario) == ((), None)
    assert reply.startswith("**Two realistic project scenarios") and "Four" not in reply


@pytest.mark.parametrize(
    "text",
    ["what part does an ML engineer play in supply chain forecasting?", "the AI engineer's job in fraud detection?"],
)
def test_a_roles_part_in_a_use_case_is_not_given(kb, text):
    question, reply = chat(kb, [("ask_role_definition", text)])
    assert question.missing == "use_case_roles"
    assert "does not say who does what in that use case" in reply and "Deployment" in reply


def test_a_use_case_statistic_is_not_given(kb):
    question, _ = chat(kb, [("ask_use_cases", "how many defects does predictive maintenance catch?")])
    assert question.missing == "use_case_details"


def test_what_it_does_with_a_row_after_one_roles_focus_is_that_row(kb):
    question, reply = chat(
        kb,
        [
            ("ask_responsibilities", "what is the ML engineer mainly focused on?"),
            ("ask_workflow", "how does it handle data?"),
        ],
    )
    assert (question.topic, question.roles, question.aspect) == ("responsibilities", ("ml_engineer",), "data_handling")


def test_each_ones_row_is_both_roles(kb):
    question, reply = chat(
        kb,
        [
            ("ask_responsibilities", "who does the ML engineer collaborate with?"),
            ("ask_responsibilities", "and each one's main focus?"),
        ],
    )
    assert question.roles == () and "system-level" in reply and "model development" in reply


def test_a_correction_asking_who_names_no_role(kb):
    question, reply = chat(
        kb,
        [
            ("ask_responsibilities", "how does the ML engineer deal with models?"),
            ("ask_responsibilities", "no wait, I meant who just fine-tunes models"),
        ],
    )
    assert "uses and fine-tunes models" in reply and "AI Engineer" in reply


def test_the_second_one_after_the_roles_compared_is_the_ml_engineer(kb):
    question, _ = chat(
        kb,
        [
            ("ask_role_comparison", "in short, how do the two roles differ?"),
            ("ask_tools", "what sorts of systems does the first one build?"),
        ],
    )
    assert (question.topic, question.roles) == ("role_definition", ("ai_engineer",))
    question, reply = chat(
        kb,
        [
            ("ask_role_comparison", "in short, how do the two roles differ?"),
            ("ask_tools", "what sorts of systems does the first one build?"),
            ("ask_responsibilities", "and what does the second one do with data?"),
        ],
    )
    assert (question.roles, question.aspect) == (("ml_engineer",), "data_handling")


def test_who_takes_which_part_is_the_responsibilities_of_both(kb):
    question, reply = chat(
        kb,
        [("ask_why_it_matters", "why does the split matter?"), ("ask_key_takeaways", "which role takes which part?")],
    )
    assert (question.topic, question.roles) == ("responsibilities", ())


def test_a_bare_role_at_a_stage_after_the_path_is_that_stage(kb):
    ranking = [{"name": "ask_use_cases", "confidence": 0.3}]
    assert triage(kb, ranking, "AI at enterprise", "nlu_fallback", "learning_path").intents == ("inform",)
    question, reply = chat(
        kb,
        [("ask_learning_path", "the AI engineer path at the advanced stage?"), ("inform", "ML at enterprise")],
    )
    assert (question.roles, question.path_stage) == (("ml_engineer",), "enterprise_skills")
    assert "model lifecycle management" in reply


def test_the_kinds_of_systems_one_role_builds_stay_its_definition(kb, encoder):
    question, reply = chat(
        kb,
        [("ask_role_definition", "what does an AI engineer do?"), ("inform", "which kinds of systems, then?")],
    )
    assert question.topic == "role_definition" and "conversational systems" in reply


def test_a_row_asked_of_the_second_role_after_the_firsts_definition_is_that_row(kb):
    question, reply = chat(
        kb,
        [
            ("ask_role_comparison", "in short, how do the two roles differ?"),
            ("ask_tools", "what sorts of systems does the first one build?"),
            ("inform", "and how does the second one handle data?"),
        ],
    )
    assert (question.topic, question.roles, question.aspect) == ("responsibilities", ("ml_engineer",), "data_handling")
    assert "prepares and engineers data" in reply


def test_who_handles_it_offering_both_roles_stays_on_the_item(kb):
    question, reply = chat(
        kb,
        [
            ("ask_enterprise_constraints", "which privacy laws must enterprise AI respect?"),
            ("ask_responsibilities", "who covers those, ML or AI engineers?"),
        ],
    )
    assert question.topic == "enterprise_constraints"
    assert "ensure compliance" in reply


def test_what_else_enterprise_systems_must_meet_leaves_a_step_for_the_constraints(kb):
    question, reply = chat(
        kb,
        [
            ("ask_workflow", "what happens in the monitoring step?"),
            ("ask_enterprise_constraints", "and what else do company AI platforms have to satisfy?"),
        ],
    )
    assert question.topic == "enterprise_constraints"
    assert "security" in reply and "scalability" in reply


@pytest.mark.parametrize(
    "follow_up",
    [
        "who would build that?",
        "which role works on this one?",
        "so is that an ai or ml engineer thing to do?",
        "whose job is it",
    ],
)
def test_who_does_a_use_case_just_shown_is_not_given(kb, follow_up):
    """A role asked of the use case on screen ('who would build that?' after predictive maintenance) is the split
    the article does not give per use case, not the use case again."""
    question, reply = chat(kb, [("ask_use_cases", "what is predictive maintenance"), ("ask_both_roles", follow_up)])
    assert question.missing == "use_case_roles", reply
    assert "does not say who does what in that use case" in reply


def test_which_role_fits_me_after_the_use_cases_is_still_the_advice(kb):
    question, _ = chat(
        kb, [("ask_use_cases", "what are the use cases?"), ("ask_recommendation", "which role fits me?")]
    )
    assert question.missing != "use_case_roles"


def test_who_builds_a_use_case_worked_through_gets_its_scenario(kb):
    """Customer support automation is one of the two worked scenarios: who builds it is the scenario's split."""
    question, reply = chat(
        kb, [("ask_use_cases", "what is customer support automation?"), ("ask_both_roles", "who would build that?")]
    )
    assert (question.topic, question.scenario) == ("scenarios", "customer_support_automation"), reply
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


def test_who_does_what_after_a_worked_use_case_picked_by_position_is_its_scenario(kb):
    turns = [
        ("ask_use_cases", "what are the enterprise use cases?"),
        ("inform", "tell me more about the first one"),
        ("ask_scenarios", "who does what in a project like that?"),
    ]
    question, reply = chat(kb, turns)
    assert (question.topic, question.scenario) == ("scenarios", "customer_support_automation"), reply
