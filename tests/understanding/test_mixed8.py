"""Round 8 of non-follow-up questions (issue 26): pay levels by their bounds, several parts answered in full
(two positions, both ends of the table, a place abroad after the US figure, a frame before a colon), 'which
areas is X ahead in', names asked about that the article never mentions, rankings and titles it lacks."""

from __future__ import annotations

from typing import List, Mapping

import pytest

from actions.answers.pipeline import render
from actions.understanding.question import Question
from actions.understanding.topics import split_parts, topic_scores
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def asked(
    kb, intent: str, text: str, previous: Mapping | None = None, entities=(), nlu_sure: bool = False
) -> List[Question]:
    return understand(kb, intent, list(entities), dict(previous or {}), text, nlu_sure=nlu_sure)


def reply(kb, intent: str, text: str, previous: Mapping | None = None) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous))


@pytest.mark.parametrize(
    "text",
    [
        "Top of the mid-level range for a machine learning engineer?",
        "what's the upper end of the mid band for ML engineers?",
        "the lower bound of the mid-level bracket, ML engineer?",
    ],
)
def test_a_level_with_a_band_word_asks_pay_whatever_nlu_read(kb, text):
    (question,) = asked(kb, "ask_skills", text)
    assert (question.topic, question.level, question.roles) == ("salary", "mid", ("ml_engineer",))


def test_an_entry_level_range_for_both_roles_is_pay_not_the_learning_path(kb):
    text = reply(kb, "ask_learning_path", "What's the entry-level range for an ML engineer, and for an AI engineer?")
    assert "$85,000" in text and "$90,000" in text


@pytest.mark.parametrize("typed", ["machin lerning enginer", "machien learning engineer", "mashine-learning eng"])
def test_the_fields_name_misspelt_is_no_learning_path_cue(kb, typed):
    assert "learning_path" not in topic_scores(f"how much does a {typed} make at entry level", kb)


def test_two_positions_in_one_message_are_two_items(kb):
    items = [
        q.item
        for q in asked(
            kb, "ask_key_takeaways", "what does the second one cover, and what's the fifth?", {"topic": "use_cases"}
        )
    ]
    assert items == [2, 5]


@pytest.mark.parametrize(
    "text", ["what's the lowest and highest figure in the salary table?", "highest and lowest pay in the table?"]
)
def test_both_ends_of_the_table(kb, text):
    text_out = reply(kb, "ask_salary", text)
    assert "$85,000" in text_out and "$180,000" in text_out


def test_a_place_abroad_in_a_later_part_comes_after_the_us_figure(kb):
    said = "What's the senior AI engineer salary, and what is it in the UK?"
    uk = [{"entity": "location", "value": "UK", "start": said.index("UK"), "end": said.index("UK") + 2}]
    questions = asked(kb, "ask_salary", said, entities=uk)
    assert [q.location for q in questions] == [None, "UK"]
    text = "\n\n".join(render(kb, q).text for q in questions)
    assert "$140,000" in text and "UK" in text
    (only,) = asked(kb, "ask_salary", "what does an ML engineer earn in Germany?")
    assert (only.location or "").lower() == "germany"


def test_a_frame_before_a_colon_belongs_to_every_part(kb):
    parts = split_parts(
        "For an AI engineer: the entry salary, which tools do they use, and what's their advanced stage?"
    )
    assert len(parts) == 3 and all(p.startswith("For an AI engineer, ") for p in parts)
    assert split_parts("Quick question: what is MLOps?") == ["Quick question: what is MLOps"]


def test_each_part_of_for_a_role_colon_is_answered(kb):
    text = (
        "For an AI engineer: what's the entry salary, which tools do they spend most time with, "
        "and what's their advanced learning stage?"
    )
    assert [q.topic for q in asked(kb, "ask_salary", text)] == ["salary", "tools", "learning_path"]


@pytest.mark.parametrize(
    "text, topics",
    [
        ("What challenges do teams face, and which kind do AI engineers address?", ["challenges", "challenges"]),
        ("Which job titles count as AI-focused, and which ones as ML-focused?", ["job_titles", "job_titles"]),
    ],
)
def test_an_elliptical_second_part_asks_the_first_ones_question(kb, text, topics):
    intent = f"ask_{topics[0]}"
    assert [q.topic for q in asked(kb, intent, text)] == topics


def test_which_areas_is_a_role_ahead_in_are_its_higher_rated_skills(kb):
    text = "which areas is the ML engineer ahead in, and which ones is the AI engineer ahead in?"
    questions = asked(kb, "ask_role_comparison", text)
    assert [(q.topic, q.roles) for q in questions] == [
        ("skill_comparison", ("ml_engineer",)),
        ("skill_comparison", ("ai_engineer",)),
    ]


def test_a_step_described_in_words_is_a_part_of_its_own(kb):
    questions = asked(
        kb, "ask_workflow", "What is checked during testing and validation, and what is monitored afterwards?"
    )
    assert [q.stage for q in questions] == ["testing_validation", "monitoring_maintenance"]


@pytest.mark.parametrize("text", ["is Airflow mentioned anywhere?", "does the article mention Snowflake at all?"])
def test_a_name_the_article_never_mentions_is_said_so(kb, text):
    assert "does not mention" in reply(kb, "ask_tools", text)


def test_a_listed_tool_is_no_unknown_name(kb):
    assert "does not mention" not in reply(kb, "ask_tools", "is Kubernetes mentioned anywhere?")


def test_which_of_the_factors_pays_most_is_a_ranking_the_article_lacks(kb):
    after_factors = reply(kb, "ask_salary_comparison", "which of those pays the most?", {"topic": "salary_factors"})
    assert "no figures by industry" in after_factors and "$" not in after_factors.split("\n")[0]
    after_figures = reply(kb, "ask_salary_comparison", "which of those pays the most?", {"topic": "salary"})
    assert "no figures by industry" not in after_figures


def test_a_job_title_without_figures_gets_none_whatever_role_its_group_carried(kb):
    question = asked(kb, "ask_salary", "what does an MLOps engineer earn?")[0]
    text = render(kb, question.__class__(**{**question.__dict__, "roles": ("ml_engineer",)})).text
    assert "$" not in text and "MLOps Engineer" in text


def test_a_regulation_besides_the_named_ones_is_the_rest_of_the_item(kb):
    text = reply(kb, "ask_enterprise_constraints", "What compliance standard besides GDPR and HIPAA is named?")
    assert "SOC 2" in text and "uptime" not in text
    assert "uptime" in reply(kb, "ask_enterprise_constraints", "which constraint is not about regulations?")


def test_turnover_is_a_figure_the_article_lacks(kb):
    (question,) = asked(kb, "ask_future_proof", "What's attrition like for AI engineers - do people quit quickly?")
    assert question.missing == "demand_figures"


@pytest.mark.parametrize(
    "intent, text, named, left_out",
    [
        ("ask_enterprise_constraints", "which constraints are security-related?", "GDPR", "uptime"),
        ("ask_best_practices", "which best practices are about security?", "role-based access control", "version"),
    ],
)
def test_items_on_a_theme_without_its_name(kb, intent, text, named, left_out):
    said = reply(kb, intent, text)
    assert named in said and left_out not in said


def test_a_cloud_ml_platform_is_the_cloud_ai_platforms(kb):
    assert "Azure Machine Learning" in reply(kb, "ask_tools", "which of the cloud ML platforms is Microsoft's?")


@pytest.mark.parametrize(
    "text", ["how do the two roles compare on SQL?", "How do they compare when it comes to security?"]
)
def test_roles_compared_on_a_skill_are_that_skills_ratings(kb, text):
    (question,) = asked(kb, "ask_role_comparison", text, nlu_sure=True)
    assert question.topic == "skill_comparison"


@pytest.mark.parametrize(
    "text, stage",
    [
        ("what's the ML engineer's last step?", "testing_validation"),
        ("and the machine learning engineer's first step?", "data_preparation"),
        ("what's the last step?", "monitoring_maintenance"),
    ],
)
def test_a_roles_nth_step_counts_among_its_own_steps(kb, text, stage):
    assert asked(kb, "ask_workflow", text)[-1].stage == stage


@pytest.mark.parametrize("text", ["is Airflow mentioned anywhere?", "is dbt listed anywhere?"])
def test_whether_a_name_is_mentioned_is_answered_when_nlu_calls_it_off_topic(kb, text):
    assert triage(kb, [], text, "out_of_scope").intents == ("ask_tools",)


def test_a_rated_skill_that_is_also_a_core_area_names_its_items(kb):
    said = reply(kb, "ask_skills", "do I need to know clouds?")
    assert "Advanced" in said and "AWS, Azure or Google Cloud" in said


def test_a_misspelt_step_number_is_the_step(kb):
    (question,) = asked(kb, "ask_tools", "nd teh tools for steo 6?")
    assert question.stage == "monitoring_maintenance"


def test_a_theme_word_in_passing_picks_no_items(kb):
    said = reply(kb, "ask_enterprise_constraints", "how do AI and ML engineers split the compliance vs accuracy work?")
    assert "uptime" in said


def test_pay_at_all_is_the_whole_table_not_the_role_talked_about(kb):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "senior"}
    (question,) = asked(kb, "ask_salary", "so what does the article say about pay at all?", previous)
    assert (question.roles, question.level) == ((), None)


def test_a_san_fran_question_is_a_city_the_article_gives_no_pay_for(kb):
    (question,) = asked(kb, "inform", "in san fran specifically?", {"topic": "salary", "role": "ai_engineer"})
    assert question.missing == "city_pay"


def test_someone_who_does_not_code_yet_hears_where_both_paths_start(kb):
    from actions.reasoning.interview import _switching

    assert _switching("I'm a business analyst, no coding yet. Is AI engineering realistic for me?")
    assert _switching("honestly I'm not a programmer")
    assert not _switching("I code in Java every day")


@pytest.mark.parametrize("typed, meant", [("sertifications", "certifications"), ("kloud", "cloud")])
def test_a_typo_may_start_with_a_letter_that_sounds_the_same(kb, typed, meant):
    from actions.understanding.spelling import correct

    assert correct(f"which {typed} matter?", kb) == f"which {meant} matter?"


def test_the_shared_core_besides_an_area_is_the_other_areas(kb):
    said = reply(
        kb,
        "ask_tools",
        "what else is in the shared core besides programming, and which version control tool does it name?",
    )
    assert "SQL" in said and "AWS" in said and "Git" in said and "C++" not in said


def test_larger_workflows_ask_for_the_whole_workflow_not_one_step(kb):
    (question,) = asked(kb, "ask_workflow", "What do enterprise AI systems connect to as part of larger workflows?")
    assert question.stage is None
