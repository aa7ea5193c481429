"""Follow-ups of wave 6b: a question about the last answer with its adverb before the verb, an item of the list just
shown named by its words, what a hire makes or costs (its pay, not a course's price)."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.topics import detect_topics
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def answer(kb, intent, text, previous=None):
    questions = understand(kb, intent, [], previous or {}, text)
    return questions[-1], render(kb, questions[-1]).text


@pytest.mark.parametrize(
    "text", ["so what's really checked?", "and what is actually measured?", "what exactly gets tested?"]
)
def test_an_adverb_before_the_verb_still_asks_more_of_the_last_answer(kb, text):
    decided = triage(kb, [], text, "nlu_fallback", "workflow")
    assert (decided.kind, decided.intents) == ("answer", ("inform",))


def test_an_item_of_the_list_just_shown_is_that_list_s(kb, encoder):
    decided = triage(kb, [], "what precisely is kept under version control?", "nlu_fallback", "best_practices")
    assert decided.intents == ("ask_best_practices",)


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_certifications", "how much would that hire cost at junior level?"),
        ("ask_role_definition", "what does this role make at the entry level?"),
        ("ask_certifications", "what would such a candidate cost us, entry level?"),
    ],
)
def test_what_a_hire_makes_or_costs_is_the_pay(kb, intent, text):
    question, reply = answer(kb, intent, text, {"topic": "responsibilities", "role": "ai_engineer"})
    assert question.topic == "salary"
    assert "$85,000" in reply


def test_a_certification_s_cost_is_still_a_course_cost(kb):
    question, reply = answer(kb, "ask_certifications", "how much does an ML engineer certification cost?")
    assert "no prices" in reply


@pytest.mark.parametrize("text", ["the same for the other one", "and for ML engineers?", "what about the ML side?"])
def test_the_levels_asked_together_are_asked_again_for_the_other_role(kb, text):
    first = understand(kb, "ask_salary", [], {}, "junior and senior pay for an AI engineer?")[-1]
    question, reply = answer(kb, "inform", text, first.context_slots())
    assert question.levels == ("entry", "senior")
    assert "$90,000" in reply and "$145,000" in reply and "$115,000–$145,000" not in reply


@pytest.mark.parametrize("text", ["and what about monitoring?", "and in the monitoring step?"])
def test_the_next_step_shows_its_duty_row_when_the_last_step_did(kb, text):
    shown = understand(kb, "ask_workflow", [], {}, "how do the roles split the deployment work?")[-1]
    assert shown.aspect == "deployment"
    question, reply = answer(kb, "inform", text, shown.context_slots())
    assert question.stage == "monitoring_maintenance"
    assert "model performance" in reply and "system health" in reply


@pytest.mark.parametrize("text", ["what does the AI engineer oversee during monitoring?", "who oversees monitoring?"])
def test_overseeing_is_a_duty(kb, text):
    assert "responsibilities" in detect_topics(text, kb)


@pytest.mark.parametrize(
    "text, title, listed",
    [
        ("what does an NLP engineer do? and is that one more ML or AI focused?", "nlp_engineer", "No"),
        ("what does an MLOps engineer do, is it on the AI or the ML side?", "mlops_engineer", "Yes"),
    ],
)
def test_which_side_a_title_is_on_keeps_the_title_for_the_next_question(kb, text, title, listed):
    last = understand(kb, "ask_role_definition", [], {}, text)[-1]
    assert (last.topic, last.job_title) == ("job_titles", title)
    question, reply = answer(
        kb, "ask_careers", "is it also on the list of careers after learning AI?", last.context_slots()
    )
    assert question.job_title == title and reply.startswith(listed)


@pytest.mark.parametrize("text", ["which others are in that same group?", "who else is in this same category?"])
def test_that_same_group_after_a_title_is_its_group(kb, text):
    question, reply = answer(kb, "ask_other_role", text, {"topic": "job_titles", "job_title": "applied_ai_developer"})
    assert (question.topic, question.job_title) == ("job_titles", "applied_ai_developer")
    assert "AI Solutions Architect" in reply and "NLP Engineer" not in reply


@pytest.mark.parametrize(
    "text",
    ["set its intermediate stage against the other path's", "how does its advanced stage differ from the other track?"],
)
def test_one_path_s_stage_set_beside_the_other_path_s_is_both(kb, text):
    shown = understand(kb, "ask_learning_path", [], {}, "the AI engineer learning path, every stage")[-1]
    question, reply = answer(kb, "inform", text, shown.context_slots())
    assert not question.roles
    assert "AI Engineer:" in reply and "Machine Learning Engineer:" in reply


def test_which_covers_a_skill_in_a_later_part_drops_the_stage_held(kb):
    previous = {"topic": "learning_path", "path_stage": "foundation"}
    text = "Where does the path cover MLOps, and which one teaches model tuning?"
    last = understand(kb, "ask_learning_path", [], previous, text)[-1]
    assert last.path_stage is None and "tuning" in render(kb, last).text


@pytest.mark.parametrize(
    "intent, text",
    [
        ("ask_skills", "apart from the dashboard APIs, what is the AI engineer responsible for?"),
        ("ask_tools", "and the ML engineer, other than the forecasting models?"),
    ],
)
def test_setting_a_task_of_the_scenario_aside_asks_the_rest_of_it(kb, intent, text):
    previous = {"topic": "scenarios", "subject": "scenario:predictive_analytics"}
    question, _ = answer(kb, intent, text, previous)
    assert (question.topic, question.scenario) == ("scenarios", "predictive_analytics")


@pytest.mark.parametrize("text", ["ok so how do my folks choose?", "how should our team decide then"])
def test_how_to_choose_after_which_is_better_stays_on_the_choice(kb, text):
    decided = triage(kb, [], text, "out_of_scope", "which_better")
    assert decided.intents == ("ask_which_better",)


def test_how_to_pick_a_course_is_no_role_choice(kb):
    assert "which_better" not in detect_topics("how should I pick a certification?", kb)


@pytest.mark.parametrize(
    "text",
    [
        "what's the typical engineer ratio between AI and ML in a team?",
        "what proportion of ML engineers do startups keep?",
    ],
)
def test_a_ratio_of_engineers_is_a_head_count_the_article_lacks(kb, text):
    question, reply = answer(kb, "ask_salary", text)
    assert question.missing in ("headcount", "demand_figures") and "$" not in reply


@pytest.mark.parametrize("intent", ["ask_best_practices", "ask_challenges"])
def test_another_list_asked_about_an_item_of_the_last_is_that_other_list(kb, intent):
    previous = {"topic": "challenges", "subject": "shown:item.challenges=1+2+3+4+5"}
    question, reply = answer(kb, intent, "what best practices tackle the scaling one?", previous)
    assert question.topic == "best_practices" and "continuous monitoring" in reply


def test_a_role_set_against_a_title_named_ml_focused_is_a_comparison_the_article_lacks(kb):
    text = "how would the article tell a machine learning engineer from an ML-focused data scientist?"
    question, reply = answer(kb, "ask_role_comparison", text)
    assert question.topic == "role_comparison" and "does not describe" in reply


@pytest.mark.parametrize(
    "text", ["what does that person need to be advanced in?", "and what should they be advanced at?"]
)
def test_being_advanced_at_something_asks_the_skill_ratings(kb, text):
    question, reply = answer(kb, "ask_learning_path", text, {"topic": "role_fit", "role": "ml_engineer"})
    assert question.topic == "skill_comparison"
    assert "Model Development" in reply and "Data Engineering" in reply


def test_pay_words_and_a_level_ask_the_pay_however_sure_nlu_was_of_the_role(kb):
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "monitoring"}
    text = "what would this role make at senior level?"
    question = understand(kb, "ask_role_definition", [], previous, text, nlu_sure=True)[-1]
    assert (question.topic, question.level) == ("salary", "senior")


@pytest.mark.parametrize(
    "text",
    [
        "I'm a test lead and I care a lot about uptime. Which step of an AI project would use my experience?",
        "As a QA manager I write regression suites. Is there an area of AI work that needs those skills?",
    ],
)
def test_where_ai_work_uses_a_tester_s_skills_is_the_testing_step(kb, text):
    question, reply = answer(kb, "ask_enterprise_constraints", text)
    assert (question.topic, question.stage) == ("workflow", "testing_validation")
    assert "Testing and Validation" in reply


def test_a_level_named_after_two_levels_is_that_level_not_both_again(kb) -> None:
    from tests.understanding.talking import talk

    turns = [("ask_salary", "What's the entry and senior pay for ML engineers?"), ("inform", "and the middle band?")]
    questions, reply = talk(kb, turns)
    assert questions[-1].levels == () and "115,000–$145,000" in reply and "180,000" not in reply
