"""Answer the fact, not the section (issue 26): a facet of a section, an item of the last list by its words, a
salary factor asked about by name, what the article says about a term, and pay rankings it does not give."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import missing_fact, salary_factors_named
from actions.understanding.question import Question
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def _ask(kb: KnowledgeBase, intent: str, text: str, previous: Dict[str, Any] | None = None) -> List[Question]:
    return understand(kb, intent, [], previous or {}, text)


def _reply(kb: KnowledgeBase, intent: str, text: str, previous: Dict[str, Any] | None = None) -> str:
    return "\n".join(render(kb, q).text for q in _ask(kb, intent, text, previous))


# --- salary factors ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, factor",
    [
        ("Does security and compliance knowledge raise pay?", "security and compliance knowledge"),
        ("is production deployment experience one of those factors?", "production deployment experience"),
        ("does working in healthcare pay more?", "industry (finance, healthcare, cloud services)"),
        ("does cloud know-how matter for salary?", "cloud and MLOps expertise"),
    ],
)
def test_a_factor_is_found_by_its_own_words(kb: KnowledgeBase, text: str, factor: str) -> None:
    assert salary_factors_named(kb, text) == [factor]


def test_a_yes_no_about_a_factor_is_yes_and_the_factor_not_the_list(kb: KnowledgeBase) -> None:
    text = _reply(kb, "ask_salary_factors", "Does security and compliance knowledge raise pay?")
    assert text.startswith("Yes: security and compliance knowledge is among the factors")
    assert "location" not in text  # not the whole list


def test_one_of_those_factors_is_the_factors_whatever_the_words_name(kb: KnowledgeBase) -> None:
    previous = {"topic": "careers"}  # 'which industries are named in the first part?' went to the careers list
    asked = _ask(kb, "ask_workflow", "and is production deployment experience one of those factors?", previous)
    assert [q.topic for q in asked] == ["salary_factors"]


def test_what_affects_pay_is_still_the_whole_list(kb: KnowledgeBase) -> None:
    text = _reply(kb, "ask_salary_factors", "what affects salary?")
    assert all(factor in text for factor in kb.salaries.factors)


# --- pay rankings the article lacks, right after a list -------------------------------------------------------------


@pytest.mark.parametrize("previous", ["careers", "salary_factors"])
def test_which_of_those_pays_most_after_the_industries_is_missing(kb: KnowledgeBase, previous: str) -> None:
    fact = missing_fact(kb, "which of those pays the most?", previous)
    assert fact is not None and fact.key == "factor_pay"
    text = _reply(kb, "ask_salary_comparison", "which of those pays the most?", {"topic": previous})
    assert "$" not in text and "no figures" in text


def test_which_of_those_pays_most_after_pay_figures_is_the_roles(kb: KnowledgeBase) -> None:
    assert missing_fact(kb, "which of those pays the most?", "salary") is None
    assert missing_fact(kb, "which pays more, the AI engineer or the ML engineer?", "careers") is None


def test_hours_a_week_are_working_conditions_not_learning_time(kb: KnowledgeBase) -> None:
    fact = missing_fact(kb, "how many hours a week do they work?")
    assert fact is not None and fact.key == "work_conditions"


# --- an item of the last list, by its words -----------------------------------------------------------------------


def test_the_version_control_one_is_that_best_practice(kb: KnowledgeBase) -> None:
    previous = {"topic": "best_practices"}
    (asked,) = _ask(kb, "ask_key_takeaways", "what does the version control one cover?", previous)
    assert (asked.topic, asked.item) == ("best_practices", 1)
    (asked,) = _ask(kb, "inform", "and the testing one?", {"topic": "best_practices"})
    assert (asked.topic, asked.item) == ("best_practices", 2)


def test_a_follow_up_naming_an_item_gets_that_item(kb: KnowledgeBase) -> None:
    named = [{"entity": "skill", "value": "version control"}]  # NLU reads a skill: the thread would go to skills
    text = "And version control for what exactly?"
    (asked,) = understand(kb, "inform", named, {"topic": "best_practices"}, text)
    assert (asked.topic, asked.item) == ("best_practices", 1)
    assert "data pipelines" in render(kb, asked).text


def test_a_new_question_naming_an_item_keeps_its_own_topic(kb: KnowledgeBase) -> None:
    (asked,) = _ask(kb, "ask_tools", "what is performance drift monitored with?", {"topic": "challenges"})
    assert asked.topic != "challenges"


def test_items_close_in_meaning_come_along(kb: KnowledgeBase, encoder: None) -> None:
    text = render(kb, Question(topic="best_practices", text="what security best practices are listed?")).text
    assert "secure API gateways" in text and "role-based access control" in text
    assert "version control" not in text


# --- a facet of a section -------------------------------------------------------------------------------------------


def test_what_a_role_does_with_data_is_its_data_handling_row(kb: KnowledgeBase, encoder: None) -> None:
    (asked,) = _ask(kb, "ask_role_definition", "so what does the AI engineer do with data then?")
    assert (asked.topic, asked.aspect, asked.roles) == ("responsibilities", "data_handling", ("ai_engineer",))
    assert "processed data" in render(kb, asked).text


def test_what_a_role_does_stays_the_role(kb: KnowledgeBase, encoder: None) -> None:
    for text in ("what does an AI engineer do?", "what do AI engineers build?", "what is an AI engineer?"):
        (asked,) = _ask(kb, "ask_role_definition", text)
        assert asked.topic == "role_definition", text


def test_one_roles_enterprise_duty(kb: KnowledgeBase) -> None:
    asked = Question(
        topic="enterprise_constraints", roles=("ml_engineer",), text="what does an ML engineer make sure of?"
    )
    assert "accuracy and stability" in render(kb, asked).text


def test_which_role_does_more_of_a_step_says_who_leads(kb: KnowledgeBase) -> None:
    asked = Question(topic="workflow", stage="deployment_integration", aspect="deployment", compare=True)
    text = render(kb, asked).text
    assert "leads deployment and integration" in text and "supports deployment" in text


def test_which_item_to_pick_is_the_core_items(kb: KnowledgeBase) -> None:
    (asked,) = _ask(kb, "ask_skill_gap", "which cloud should I learn?")
    text = render(kb, asked).text
    assert asked.topic == "skills" and "AWS" in text and "Azure" in text


def test_a_programming_language_question_in_a_thread_is_answered(kb: KnowledgeBase) -> None:
    ranking = [{"name": "out_of_scope", "confidence": 0.7}]
    text = "which programming language should I start with?"
    decided = triage(kb, ranking, text, "out_of_scope", "learning_path")
    assert decided.kind == "answer"
    assert "Python" in _reply(kb, decided.intents[0], text)


def test_the_foundation_beside_math_is_the_learning_stage(kb: KnowledgeBase) -> None:
    (asked,) = _ask(kb, "ask_math", "what else besides math and programming is in the foundation?")
    assert (asked.topic, asked.path_stage) == ("learning_path", "foundation")


def test_a_section_named_by_its_title_is_that_section(kb: KnowledgeBase) -> None:
    (asked,) = _ask(kb, "ask_role_comparison", "Could you please outline the key takeaways of the comparison?")
    assert asked.topic == "key_takeaways"


def test_what_the_learning_path_comparison_is_for(kb: KnowledgeBase) -> None:
    assert "choose courses" in render(kb, Question(topic="learning_path")).text


# --- what the article says about a term -----------------------------------------------------------------------------


def test_what_the_article_says_about_a_term_is_everywhere_it_comes_up(kb: KnowledgeBase) -> None:
    (asked,) = _ask(kb, "ask_enterprise_constraints", "What does the article say about version control?")
    text = render(kb, asked).text
    assert asked.topic == "concept" and "Git" in text and "data pipelines" in text


def test_a_rated_skill_or_a_section_keeps_its_own_answer(kb: KnowledgeBase) -> None:
    for text, topic in (
        ("What does the article say about performance optimization?", "skills"),
        ("what does the article say about salaries?", "salary"),
    ):
        (asked,) = _ask(kb, f"ask_{topic}", text)
        assert asked.topic != "concept", text


# --- multi-part with typos ------------------------------------------------------------------------------------------


def test_pay_and_skills_with_typos_are_two_questions(kb: KnowledgeBase) -> None:
    asked = _ask(kb, "ask_salary", "how much do ai engneers get payed and wat skils do they need")
    assert [q.topic for q in asked] == ["salary", "skills"]


def test_what_the_comparison_is_for_is_its_purpose_whatever_role_the_thread_holds(kb: KnowledgeBase) -> None:
    text = "What do learners use the learning path comparison for?"
    asked = Question(topic="learning_path", roles=("ml_engineer",), text=text)
    assert render(kb, asked).text == kb.learning_path_note
    plain = Question(topic="learning_path", roles=("ml_engineer",), text="what is the learning path for ML engineers?")
    assert "Foundation" in render(kb, plain).text


def test_lists_blurring_together_is_the_blending_note_after_any_answer(kb: KnowledgeBase) -> None:
    text = "why do those two lists blur together at some companies?"
    (asked,) = _ask(kb, "ask_why_it_matters", text, {"topic": "future_proof"})
    assert asked.topic == "both_roles" and "team size" in render(kb, asked).text


def test_the_day_to_day_responsibilities_are_the_whole_table(kb: KnowledgeBase) -> None:
    asked = Question(
        topic="responsibilities", aspect="primary_focus", text="How do the day-to-day responsibilities differ?"
    )
    text = render(kb, asked).text
    assert "Collaboration" in text and "Deployment" in text


@pytest.mark.parametrize(
    "text, previous, key",
    [
        ("which of those is easiest to learn?", "tools", "difficulty"),
        ("which role is harder to learn?", None, "difficulty"),
        # how hard one thing is to learn: the article rates no difficulty (dev15, dev16 say so too)
        ("is it hard to learn python?", None, "difficulty"),
        ("which of those is easiest to get?", "job_titles", "hiring_ease"),
        ("which one is growing fastest?", "careers", "demand_figures"),
        ("and which one hires the most?", "careers", "demand_figures"),
    ],
)
def test_rankings_the_article_does_not_give(kb: KnowledgeBase, text: str, previous: str | None, key: str) -> None:
    fact = missing_fact(kb, text, previous)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize("text", ["what should I learn to get started?", "what is hard about the deployment step?"])
def test_questions_about_learning_are_no_ranking(kb: KnowledgeBase, text: str) -> None:
    assert missing_fact(kb, text) is None


def test_a_follow_up_on_the_takeaways_is_the_takeaway_it_names(kb: KnowledgeBase) -> None:
    previous = {"topic": "key_takeaways"}
    (asked,) = _ask(kb, "ask_role_comparison", "and where do they differ?", previous)
    assert (asked.topic, asked.item) == ("key_takeaways", 3)
    assert "enterprise responsibilities" in render(kb, asked).text
    (pay,) = _ask(kb, "ask_salary", "and salary?", previous)
    assert pay.topic == "salary"


def test_which_language_to_start_with_is_a_skills_question_in_a_thread(kb: KnowledgeBase) -> None:
    ranking = [{"name": "out_of_scope", "confidence": 0.7}]
    decided = triage(kb, ranking, "and which language should I start with?", "out_of_scope", "math")
    assert (decided.kind, decided.intents) == ("answer", ("ask_skills",))
    assert triage(kb, ranking, "I love cloud gaming", "out_of_scope", "math").kind == "off_topic"


def test_a_part_asking_a_fact_the_article_lacks_keeps_the_part_before(kb: KnowledgeBase) -> None:
    asked = _ask(kb, "ask_salary", "how much does an AI engineer make, and does that include bonuses?")
    assert [(q.topic, q.missing) for q in asked] == [("salary", None), ("salary", "pay_extras")]
    assert "$85,000" in render(kb, asked[0]).text


def test_an_acronym_of_the_articles_words_is_looked_up_spelled_out(kb: KnowledgeBase) -> None:
    from actions.understanding.lookups import spelled_out

    assert spelled_out(kb, "RBAC") == "role-based access control"
    assert spelled_out(kb, "GDPR") is None  # the article writes GDPR itself
    ranking = [{"name": "out_of_scope", "confidence": 0.7}]
    text = "what does the article say about RBAC?"
    decided = triage(kb, ranking, text, "out_of_scope", None)
    assert decided.kind == "answer"
    assert "role-based access control" in _reply(kb, decided.intents[0], text)


# --- the size of a pay gap, and pay for doing both -----------------------------------------------------------------


def test_by_how_much_at_a_level_after_who_earns_more_is_that_levels_gap(kb: KnowledgeBase) -> None:
    (question,) = _ask(kb, "ask_salary", "by how much at senior level?", {"topic": "salary_comparison"})
    assert (question.topic, question.level) == ("salary_comparison", "senior")


@pytest.mark.parametrize("text", ["do salaries go up if you can do both?", "does handling both help my salary?"])
def test_pay_for_doing_both_is_the_articles_note_on_it(kb: KnowledgeBase, text: str) -> None:
    (question,) = _ask(kb, "ask_salary_comparison", text)
    assert question.topic == "salary_factors"
    assert "manage both" in _reply(kb, "ask_salary_comparison", text)


def test_what_both_roles_earn_is_still_the_pay_table(kb: KnowledgeBase) -> None:
    (question,) = _ask(kb, "ask_salary_comparison", "what do both roles earn?")
    assert question.topic == "salary_comparison"


def test_a_bare_by_how_much_after_the_factors_says_the_article_does_not_quantify_them(kb: KnowledgeBase) -> None:
    fact = missing_fact(kb, "by how much?", "salary_factors")
    assert fact is not None and fact.key == "factor_pay"
    assert missing_fact(kb, "by how much?", "workflow") is None


@pytest.mark.parametrize(
    "text",
    [
        "what else should I learn for AI engineering if I already know linear algebra and python",
        "I already know pandas and numpy, what else should I learn for MLE",
    ],
)
def test_what_else_to_learn_after_saying_what_one_knows_is_the_skill_gap(kb: KnowledgeBase, text: str) -> None:
    assert _ask(kb, "ask_skill_gap", text)[0].topic == "skill_gap"
