"""Wave 6b follow-ups: a step named by the evaluation it does, a tool group NLU read as the takeaways, 'both' as the
two roles, one role's rows kept across subjects, two pay levels asked at once, a list item picked by what it
involves, a foreign place not carried into the next pay level, where a tool is, head-counts and ages the article
lacks, standalone systems, and 'for either role' no request for the interview."""

from __future__ import annotations

from actions.reasoning import interview
from actions.understanding import lookups
from actions.understanding.triage import triage
from tests.understanding.test_steps_and_tools_in_a_thread_wave6 import chat


def test_a_step_named_by_checking_models_is_testing_and_validation(kb) -> None:
    questions, reply = chat(kb, [("ask_workflow", "which stage is where you assess the models?", [])])
    assert questions[-1].stage == "testing_validation" and "bias" in reply


def test_editors_named_alone_ask_the_tools_whatever_nlu_guessed(kb) -> None:
    _, reply = chat(kb, [("ask_key_takeaways", "any coding environments named in the piece?", [])])
    assert "Jupyter" in reply and "VS Code" in reply


def test_both_alone_asks_each_roles_rating_of_the_next_skill(kb) -> None:
    turns = [
        ("ask_skills", "how is the AI engineer rated on cloud deployment?", []),
        ("ask_skill_comparison", "and both on data engineering?", []),
    ]
    _, reply = chat(kb, turns)
    assert "AI Engineer Moderate" in reply and "ML Engineer Advanced" in reply


def test_one_roles_row_stays_that_role_when_the_subject_moves(kb) -> None:
    turns = [
        ("ask_responsibilities", "who does the machine learning engineer team up with?", []),
        ("ask_responsibilities", "and what is it overseeing for monitoring?", []),
    ]
    _, reply = chat(kb, turns)
    assert "model performance" in reply and "system health" not in reply
    turns.append(("ask_responsibilities", "and for model training?", []))
    _, reply = chat(kb, turns)
    assert "designs and trains" in reply and "fine-tun" not in reply


def test_two_levels_asked_at_once_are_both_asked_again_for_the_other_role(kb) -> None:
    turns = [
        ("ask_salary", "machine learning engineer entry pay & senior pay", []),
        ("inform", "n the AI one", [{"entity": "role", "value": "ai engineer"}]),
    ]
    questions, reply = chat(kb, turns)
    assert questions[-1].levels == ("entry", "senior")
    assert "85,000" in reply and "170,000" in reply


def test_a_list_item_picked_by_what_it_would_use(kb) -> None:
    turns = [
        ("ask_use_cases", "list the enterprise use cases", []),
        ("ask_scenarios", "which would involve forecasting?", []),
    ]
    questions, reply = chat(kb, turns)
    assert questions[-1].topic == "use_cases" and "supply chain" in reply


def test_a_title_picked_among_one_group_of_the_list(kb) -> None:
    turns = [
        ("ask_job_titles", "what are the AI-focused and ML-focused titles?", []),
        ("inform", "which of the AI ones deals with automation?", []),
    ]
    _, reply = chat(kb, turns)
    assert reply.startswith("Intelligent Automation Engineer")


def test_triage_answers_a_pick_from_the_list_just_shown(kb) -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.4}, {"name": "ask_use_cases", "confidence": 0.2}]
    decided = triage(kb, ranking, "which of the ML ones is about language?", "nlu_fallback", "job_titles")
    assert decided.kind == "answer" and decided.intents == ("inform",)


def test_a_place_without_figures_is_not_carried_into_the_next_level(kb) -> None:
    turns = [
        ("ask_salary", "mid-level pay for an AI engineer, and what about in Germany?", []),
        ("inform", "and senior for that role?", []),
    ]
    questions, reply = chat(kb, turns)
    assert questions[-1].location is None and "140,000" in reply


def test_where_is_a_tool_says_where_the_article_names_it(kb) -> None:
    _, reply = chat(kb, [("ask_role_comparison", "and where's Jupyter?", [])])
    assert "Development tools" in reply and "difference" not in reply


def test_vs_code_is_no_comparison_of_the_roles(kb) -> None:
    questions, _ = chat(kb, [("ask_tools", "is VS Code in the list?", [])])
    assert not questions[-1].compare


def test_head_counts_and_ages_are_facts_the_article_lacks(kb) -> None:
    for text in ("how many data engineers does each AI team need?", "what age do people usually move into ML?"):
        fact = lookups.missing_fact(kb, text)
        assert fact is not None and fact.key == "headcount", text


def test_standalone_systems_are_answered_from_the_workflow(kb) -> None:
    _, reply = chat(kb, [("ask_enterprise_constraints", "do companies run AI as stand-alone systems?", [])])
    assert "rarely standalone" in reply


def test_a_question_for_either_role_is_no_request_for_the_interview(kb) -> None:
    message = interview.Message("Which languages should I pick up for either role?", "ask_skills", (), 0.5)
    assert not interview.wants_a_lean(kb, message)
    assert interview.wants_a_lean(kb, interview.Message("I know SQL and Python, which role?", "ask_skills", (), 0.5))


def test_pay_for_doing_both_read_as_doing_both_is_the_pay_note(kb) -> None:
    turns = [
        ("ask_both_roles", "could one engineer cover both jobs?", []),
        ("ask_both_roles", "would I earn more if I handle both?", []),
    ]
    questions, _ = chat(kb, turns)
    assert questions[-1].topic == "salary_factors"


def test_standalone_systems_are_no_question_about_the_role_leaned_to(kb) -> None:
    role = [{"entity": "role", "value": "ai engineer"}]
    _, reply = chat(kb, [("ask_enterprise_constraints", "are enterprise AI systems mostly standalone?", role)])
    assert "rarely standalone" in reply


def test_the_biggest_gap_after_ratings_is_the_ratings_furthest_apart(kb) -> None:
    turns = [
        ("ask_skill_comparison", "where are both roles rated the same?", []),
        ("ask_salary_comparison", "and which one has the widest gap?", []),
    ]
    questions, reply = chat(kb, turns)
    assert questions[-1].topic == "skill_comparison"
    assert "API & Microservices: AI Engineer Advanced, ML Engineer Basic" in reply and "$" not in reply


def test_choosing_between_the_two_paths_is_which_fits_not_the_careers_list(kb) -> None:
    _, reply = chat(kb, [("ask_which_better", "how do I decide between these two career tracks?", [])])
    assert "system" in reply and "model" in reply and "Data Scientist" not in reply


def test_standalone_systems_after_a_role_was_talked_about_are_about_no_role(kb) -> None:
    turns = [
        ("ask_salary", "what's the senior ceiling for an AI engineer?", []),
        ("ask_enterprise_constraints", "are AI systems in companies usually stand-alone?", []),
    ]
    _, reply = chat(kb, turns)
    assert "rarely standalone" in reply


def test_doing_both_and_whether_either_is_better_are_two_questions_after_ratings(kb) -> None:
    turns = [
        ("ask_skills", "how is security rated for each role?", []),
        ("ask_both_roles", "Could a single engineer handle both? And is either of them superior?", []),
    ]
    questions, _ = chat(kb, turns)
    assert [q.topic for q in questions] == ["both_roles", "which_better"]


def test_what_to_work_on_before_choosing_is_where_the_paths_start(kb) -> None:
    questions, reply = chat(
        kb, [("ask_responsibilities", "what could I work on for now, while I make up my mind?", [])]
    )
    assert questions[-1].topic == "learning_path" and "programming, math and data" in reply


def test_a_duty_asked_after_the_takeaways_is_that_duty_not_a_takeaway(kb) -> None:
    turns = [
        ("ask_key_takeaways", "sum up the key takeaways", []),
        ("ask_responsibilities", "which of the two teams up with the product people?", []),
    ]
    questions, reply = chat(kb, turns)
    assert questions[-1].topic == "responsibilities" and "DevOps and product teams" in reply
