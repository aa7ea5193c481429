"""Wave 7 (x1): a rating word after skill ratings, a tool group's items pointed into, one scenario's two lines
by position or by a duty, a duty row named after the paths, typos of list words, unknown products and courses,
pay verbs asked aside from the interview, an industry a person works in."""

from __future__ import annotations

import pytest

from actions.answers.advice import background_note
from actions.reasoning import interview as iv
from actions.understanding import lookups, spelling
from actions.understanding.topics import detect_topics
from tests.understanding.talking import talk


@pytest.mark.parametrize("asked", ["and who is advanced there?", "so who's the advanced one on that?"])
def test_advanced_after_a_skill_rating_is_the_rating_not_the_path_stage(kb, asked):
    questions, reply = talk(
        kb, [("ask_skill_comparison", "how do the two compare on data pipelines skill?"), ("inform", asked)]
    )
    assert questions[-1].topic == "skill_comparison"
    assert "Data Engineering" in reply and "Learning path" not in reply


def test_another_skill_named_after_that_is_still_compared(kb):
    turns = [
        ("ask_skill_comparison", "compare the two on microservices"),
        ("inform", "who is advanced in that?"),
        ("inform", "ok and system integration"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "skill_comparison" and "Moderate" in reply


def test_the_advanced_stage_of_a_path_is_still_a_stage_when_the_path_is_named(kb):
    turns = [
        ("ask_skill_comparison", "compare the two on microservices"),
        ("inform", "and the advanced learning stage?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].topic == "learning_path"


def test_the_other_role_s_exact_rating_stays_on_the_skill(kb):
    turns = [
        ("ask_skills", "how is the ML engineer rated on system integration?"),
        ("ask_salary", "and the exact level for the AI one?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "skills" and questions[-1].missing is None
    assert "System Integration" in reply and "Advanced" in reply


@pytest.mark.parametrize("asked", ["and dev tools?", "ok, the ML frameworks?"])
def test_a_tool_group_named_after_skills_is_its_tool_list(kb, asked):
    turns = [("ask_skills", "which languages are in the shared core skills?"), ("inform", asked)]
    questions, _ = talk(kb, turns)
    assert questions[-1].topic == "tools"


def test_the_last_item_of_a_tool_group_shown(kb):
    turns = [
        ("ask_tools", "which cloud AI platforms are listed?"),
        ("inform", "and the MLOps / deployment ones?"),
        ("inform", "the third one of those, what does it do?"),
    ]
    _, reply = talk(kb, turns)
    assert reply.startswith("MLflow")


@pytest.mark.parametrize(
    "typed, meant",
    [("which industires are listed?", "industries"), ("what is on that lsit", "list"), ("more tiem on it", "time")],
)
def test_slips_of_list_words_are_mended(kb, typed, meant):
    assert meant in spelling.correct(typed, kb)


@pytest.mark.parametrize(
    "text", ["does it say which stats course to take?", "which python books should I read for that?"]
)
def test_a_named_course_on_a_subject_is_a_fact_the_article_lacks(kb, text):
    fact = lookups.missing_fact(kb, text)
    assert fact is not None and fact.key == "schools_and_products"


def test_which_of_the_courses_is_not_a_named_course(kb):
    fact = lookups.missing_fact(kb, "which of the courses does the article mention?")
    assert fact is None or fact.key != "schools_and_products"


@pytest.mark.parametrize("text", ["what help desk software did they use?", "which crm is the bot connected to?"])
def test_a_product_a_scenario_used_is_a_detail_the_article_lacks(kb, text):
    fact = lookups.missing_fact(kb, text)
    assert fact is not None and fact.key == "use_case_details"


def test_a_hire_is_not_the_careers_list(kb):
    assert "careers" not in detect_topics("for this hire, which tools would they need in data prep?", kb)
    assert "careers" in detect_topics("which companies are hiring for these roles?", kb)


@pytest.mark.parametrize(
    "text", ["so which of the two begins higher at entry?", "which one makes more at the senior level?"]
)
def test_which_role_pays_more_is_no_interview_start(kb, text):
    assert iv.asks_aside(kb, iv.Message(text=text))


def test_which_role_makes_more_sense_is_still_a_fit_request(kb):
    assert not iv.asks_aside(kb, iv.Message(text="which role makes more sense for me?"))


def test_a_duty_row_after_the_paths_is_that_row(kb):
    turns = [
        ("ask_learning_path", "learning path for the ML engineer?"),
        ("ask_role_comparison", "how do they differ in who they work with?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "responsibilities" and "data teams" in reply


def _support_scenario(kb, *more):
    return talk(
        kb,
        [
            ("ask_scenarios", "what happens in the customer support automation scenario?"),
            *more,
        ],
    )


def test_the_second_line_s_duty_is_that_role_s(kb):
    questions, reply = _support_scenario(kb, ("ask_role_comparison", "and the second one deploys it where?"))
    assert questions[-1].roles == ("ai_engineer",) and "CRM" in reply


def test_the_first_line_s_duty_is_the_ml_engineer_s(kb):
    questions, _ = _support_scenario(kb, ("inform", "what does the first one train?"))
    assert questions[-1].roles == ("ml_engineer",)


def test_a_terse_duty_after_a_scenario_stays_in_it(kb):
    questions, reply = _support_scenario(
        kb, ("ask_other_role", "and the AI engineer?"), ("inform", "and monitors what?")
    )
    assert questions[-1].topic == "scenarios" and "uptime" in reply


def test_where_a_list_item_falls_is_its_list(kb):
    questions, _ = talk(kb, [("ask_workflow", "which section does fraud detection and risk analysis come under?")])
    assert questions[-1].topic == "use_cases"


def test_an_item_in_two_sections_says_both(kb):
    _, reply = talk(kb, [("ask_challenges", "is integration with legacy systems one of the challenges?")])
    assert "enterprise constraints" in reply


@pytest.mark.parametrize(
    "text, industry",
    [("I do IT at a clinic and want to get into AI", "healthcare"), ("I'm a data analyst at a fintech", "finance")],
)
def test_the_industry_a_person_works_in_is_noted(kb, text, industry):
    assert f"{industry} is one of the industries" in background_note(kb, text)


def test_no_industry_no_note(kb):
    assert "industr" not in background_note(kb, "I'm a teacher who likes python")


def test_the_level_of_the_areas_rated_alike_is_that_list_again(kb):
    turns = [
        ("ask_skill_comparison", "where do both roles get the same rating?"),
        ("inform", "and which level is it for both?"),
    ]
    _, reply = talk(kb, turns)
    assert reply.startswith("#### Where both roles are rated the same") and "Basic" not in reply


def test_where_an_item_just_answered_is_listed_names_every_section(kb):
    from actions.answers.pipeline import answer_message

    previous: dict = {}
    for intent, text in [
        ("ask_challenges", "is legacy systems integration listed as a challenge?"),
        ("ask_workflow", "which sections is that in?"),
    ]:
        answered = answer_message(kb, {"text": text, "intent": {"name": intent, "confidence": 0.5}}, previous)
        previous = answered[-1][0].context_slots()
    reply = answered[-1][1].text
    assert "integration with legacy systems" in reply and "enterprise constraints" in reply


@pytest.mark.parametrize(
    "asked",
    [
        "name the first AI-focused job and the first ML-focused job",
        "which title tops the AI-focused list and which the ML-focused?",
    ],
)
def test_both_title_groups_named_show_both(kb, asked):
    turns = [("ask_job_titles", "which ML-focused titles are listed?"), ("ask_job_titles", asked)]
    questions, reply = talk(kb, turns)
    assert set(questions[-1].roles) == {"ai_engineer", "ml_engineer"}
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply
