"""Wave 6b follow-ups: a level named by its place ('the middle one'), a typo between two words ('senor'), a
closing frame naming the topic ('..., tool-wise?'), a person pronoun after a role the question names, 'same for
the other role' after two rows of one table, a scenario duty asked of 'they', the country of the pay figures, the
other role at a newly named skill, whom the person would work with, whether something helps pay, and a one-word
core area inside a skills thread."""

from __future__ import annotations

from actions.understanding import spelling
from actions.understanding.triage import triage
from tests.understanding.talking import talk


def test_the_middle_one_after_two_pay_levels_is_the_mid_band(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_salary", "what do entry level ML engineers earn"),
            ("inform", "and at senior?"),
            ("inform", "what's the middle one?"),
        ],
    )
    assert questions[-1].level == "mid"
    assert "115,000" in reply


def test_a_typo_one_letter_from_two_words_mends_into_the_question_word(kb) -> None:
    assert "senior" in spelling.correct("the senor band for ai engineers", kb).split()


def test_a_closing_tool_frame_asks_the_tools_whatever_the_focus_words_say(kb) -> None:
    questions, reply = talk(kb, [("ask_responsibilities", "what is an AI engineer mostly focused on, tool-wise?")])
    assert questions[-1].topic == "tools"
    questions, _ = talk(kb, [("ask_responsibilities", "what do ML engineers focus on when it comes to tools")])
    assert questions[-1].topic == "tools" and questions[-1].roles == ("ml_engineer",)
    questions, _ = talk(kb, [("ask_role_comparison", "how do the two roles stack up in terms of pay?")])
    assert questions[-1].topic == "salary_comparison"  # a comparison framed by a topic: that topic compared
    questions, _ = talk(kb, [("ask_salary_comparison", "who comes out ahead, salary-wise?")])
    assert questions[-1].topic == "salary_comparison"


def test_their_after_a_named_role_does_not_borrow_an_older_step(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_tools", "which tools are used for monitoring?"),
            ("ask_learning_path", "what's the intermediate stage for both paths?"),
            ("ask_tools", "what do ML engineers use most of their time, tool-wise?"),
        ],
    )
    assert questions[-1].stage is None
    assert "TensorFlow" in reply


def test_same_for_the_other_role_repeats_both_rows_of_one_table(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_responsibilities", "How does an ML engineer handle data, and what do they monitor?"),
            ("inform", "same for AI engineers"),
        ],
    )
    assert {q.aspect for q in questions} == {"data_handling", "monitoring"}
    assert all(q.roles == ("ai_engineer",) for q in questions)


def test_a_duty_asked_of_they_after_a_roles_part_in_a_scenario_stays_there(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_scenarios", "what does the AI engineer do in the customer support scenario?"),
            ("inform", "so what do they deploy?"),
        ],
    )
    assert questions[-1].topic == "scenarios"
    assert "cloud service" in reply


def test_asking_whether_the_figures_are_for_one_country(kb) -> None:
    questions, reply = talk(
        kb, [("ask_salary", "mid level AI engineer pay?"), ("inform", "are those numbers for a particular country?")]
    )
    assert questions[-1].missing == "country_pay"
    assert "United States" in reply


def test_the_other_role_at_a_skill_the_follow_up_names(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_skills", "how much does cloud deployment matter for an ML engineer?"),
            ("ask_other_role", "and system integration for the other role?"),
        ],
    )
    assert questions[-1].roles == ("ai_engineer",)
    assert "System Integration" in reply and "Cloud Deployment" not in reply


def test_whom_the_person_would_work_with_asks_the_collaboration_row(kb) -> None:
    questions, reply = talk(kb, [("ask_responsibilities", "who will I be working alongside each day?")])
    assert questions[-1].aspect == "collaboration"


def test_whether_something_helps_after_what_moves_pay(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_salary_factors", "what pushes salaries up?"),
            ("inform", "so knowing both modelling and systems integration counts?"),
        ],
    )
    assert questions[-1].topic == "salary_factors"
    assert "integration" in reply


def test_a_one_word_core_area_inside_a_skills_thread_asks_the_skills(kb) -> None:
    decided = triage(kb, [], "can I get by without much code?", "nlu_fallback", "skill_comparison")
    assert decided.intents == ("ask_skills",)
    assert triage(kb, [], "can I get by without much code?", "nlu_fallback", "salary").kind != "answer"


def test_a_lacking_fact_asked_again_of_the_other_role_by_name(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_skills", "is a masters degree required to become an AI engineer?"),
            ("inform", "and for ML engineers?"),
        ],
    )
    assert questions[-1].missing is not None
    assert questions[-1].roles == ("ml_engineer",)


def test_a_title_named_by_one_word_of_it_after_the_titles_asks_its_pay(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_job_titles", "which titles are on the ML-focused list?"),
            ("ask_salary", "and what does the MLOps one earn?"),
        ],
    )
    assert questions[-1].job_title == "mlops_engineer"
    assert "no numbers for MLOps Engineer" in reply


def test_the_work_of_a_title_the_article_only_lists_says_so(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_careers", "which careers can people move into after an AI course?"),
            ("ask_responsibilities", "what would the specialist one do at work?"),
        ],
    )
    assert questions[-1].topic == "concept"
    assert "Cloud AI Specialist" in reply and "doesn't" in reply


def test_how_many_employers_do_something_is_a_figure_the_article_lacks(kb) -> None:
    questions, _ = talk(kb, [("ask_role_comparison", "how many firms keep the two jobs separate?")])
    assert questions[-1].missing == "demand_figures"


def test_a_free_option_asked_right_after_course_prices_is_that_lack_again(kb) -> None:
    questions, reply = talk(
        kb,
        [("ask_certifications", "what do the certification programs cost?"), ("inform", "any cheaper route then?")],
    )
    assert questions[-1].missing == "course_costs"
    assert "demo" in reply


def test_is_it_more_of_one_roles_thing_asks_whose_typical_work_it_is(kb) -> None:
    questions, reply = talk(kb, [("ask_use_cases", "are conversational systems more of an ML engineer job?")])
    assert questions[-1].topic == "role_definition" and questions[-1].roles == ("ai_engineer",)
    questions, _ = talk(kb, [("ask_which_better", "is making decision-support tools an ML engineer thing?")])
    assert questions[-1].topic == "role_definition" and questions[-1].roles == ("ai_engineer",)


def test_what_the_other_role_focuses_on_instead_after_what_one_role_is(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_role_definition", "what is an AI engineer?"),
            ("ask_other_role", "so what is the other role focused on instead?"),
        ],
    )
    assert questions[-1].topic == "role_definition" and questions[-1].roles == ("ml_engineer",)
    assert "feature engineering" in reply


def test_who_keeps_systems_reliable_after_pay_factors_is_no_question_on_the_figures(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_salary_factors", "which things push pay up?"),
            ("ask_salary_factors", "who builds the architecture that keeps these systems reliable?"),
        ],
    )
    assert questions[-1].topic == "enterprise_constraints"
    assert "AI Engineer" in reply


def test_their_row_compared_with_the_role_named_after_a_definition_shows_both(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_role_definition", "tell me what an ML engineer is"),
            ("ask_responsibilities", "how does their monitoring compare to the AI engineer?"),
        ],
    )
    assert questions[-1].roles == () and questions[-1].aspect == "monitoring"
    assert "model performance" in reply and "system health" in reply


def test_a_corrected_level_move_starts_again_from_where_the_last_move_started(kb) -> None:
    questions, reply = talk(
        kb,
        [
            ("ask_salary", "what does an entry level AI engineer make?"),
            ("inform", "and two levels up from there?"),
            ("inform", "sorry, I meant one level up"),
        ],
    )
    assert questions[-1].level == "mid"
    assert "110,000–$140,000" in reply
