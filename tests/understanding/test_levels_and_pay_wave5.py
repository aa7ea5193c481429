"""Skill levels asked in a role's words, and pay follow-ups NLU read as another topic (wave 5)."""

from __future__ import annotations

from actions.answers.pipeline import answer_message, render
from actions.understanding.triage import triage
from actions.understanding.understand import understand
from tests.understanding.talking import talk


def test_a_roles_level_in_an_area_is_its_rating_not_the_step(kb):
    turns = [
        ("ask_workflow", "tell me about the model development step"),
        ("ask_workflow", "which role owns it"),
        ("ask_workflow", "and how high is their level on model development?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic in ("skills", "skill_comparison")
    assert "Advanced" in reply


def test_a_roles_level_in_an_area_then_the_other_side(kb):
    previous = {"topic": "workflow", "stage": "model_development", "role": "ml_engineer"}
    question = understand(kb, "ask_workflow", [], previous, "what is the ML engineer's level in model development")[-1]
    assert question.topic in ("skills", "skill_comparison")
    reply = render(kb, question).text
    assert "Advanced" in reply


def test_what_gets_me_to_that_band_sooner_is_what_moves_pay(kb):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "senior"}
    question = understand(kb, "ask_skill_comparison", [], previous, "which skills would get me to it quicker?")[-1]
    assert question.topic == "salary_factors"
    assert "MLOps" in render(kb, question).text


def test_who_comes_out_ahead_after_pay_compares_pay(kb):
    previous = {"topic": "salary", "level": "senior"}
    question = understand(kb, "ask_which_better", [], previous, "so which of the two comes out on top overall?")[-1]
    assert question.topic == "salary_comparison"
    assert "earns more" in render(kb, question).text


def test_the_same_for_the_other_role_after_pay_is_its_pay(kb):
    previous = {"topic": "salary", "role": "ai_engineer", "level": "mid"}
    entities = [{"entity": "role", "value": "ML engineers"}]
    question = understand(kb, "ask_role_comparison", entities, previous, "and is that similar for ML engineers?")[-1]
    assert question.topic == "salary" and question.roles == ("ml_engineer",)
    assert "115,000" in render(kb, question).text


def test_a_question_on_the_pay_source_keeps_the_thread_on_pay(kb):
    first = {"text": "AI engineer pay per level", "intent": {"name": "ask_salary", "confidence": 0.99}, "entities": []}
    [(question, _)] = answer_message(kb, first, {})
    source = {"text": "what year do those numbers refer to?", "intent": {"name": "ask_help", "confidence": 0.5}}
    [(question, _)] = answer_message(kb, {**source, "entities": []}, question.context_slots())
    assert question.topic == "salary"
    again = {
        "text": "is it the same for machine learning engineers?",
        "intent": {"name": "ask_role_comparison", "confidence": 0.7},
        "entities": [{"entity": "role", "value": "machine learning engineers"}],
    }
    [(question, answer)] = answer_message(kb, again, question.context_slots())
    assert question.topic == "salary" and "145,000" in answer.text


def test_one_roles_row_after_pay_points_back(kb):
    decision = triage(kb, [], "show me the ML engineer row", "nlu_fallback", "salary")
    assert decision.kind == "answer" and decision.intents == ("inform",)


def test_where_one_role_wins_is_the_skills_rated_higher(kb):
    previous = {"topic": "skills", "skill": "cloud deployment"}
    entities = [{"entity": "role", "value": "ML engineer"}]
    question = understand(kb, "ask_which_better", entities, previous, "where does an ML engineer have the edge?")[-1]
    assert question.topic == "skill_comparison"
    assert "Model Development" in render(kb, question).text


def test_the_other_roles_starting_pay_is_no_factor_question(kb):
    previous = {"topic": "salary", "role": "ml_engineer", "level": "entry"}
    entities = [{"entity": "level", "value": "starting"}]
    question = understand(kb, "ask_salary_factors", entities, previous, "and the other path's starting salary?")[-1]
    assert question.topic == "salary" and question.roles == ("ai_engineer",)
    assert "85,000" in render(kb, question).text


def test_the_same_skill_after_a_detour_is_rated_again(kb):
    turns = [
        ("ask_skills", "how much do ML engineers need APIs and microservices?"),
        ("ask_learning_path", "how long until I learn microservices?"),
        ("inform", "ok, that skill for the AI engineer then?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic in ("skills", "skill_comparison")
    assert "Advanced" in reply


def test_a_new_skill_after_one_rated_for_each_role_in_turn_is_rated_for_both(kb):
    turns = [
        ("ask_skills", "how much does security matter for an ML engineer?"),
        ("inform", "and for an AI engineer?"),
        ("inform", "what about cloud services?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].roles == ()
    assert "Medium" in reply and "High" in reply


def test_a_new_skill_after_one_role_only_stays_with_that_role(kb):
    turns = [("ask_skills", "how much does security matter for an AI engineer?"), ("inform", "what about cloud?")]
    questions, _ = talk(kb, turns)
    assert questions[-1].roles == ("ai_engineer",)


def test_the_other_role_mid_interview_is_the_one_not_leaned_to(kb):
    message = {
        "text": "how would my liking for APIs rate on the other path?",
        "intent": {"name": "ask_salary_comparison", "confidence": 0.5},
        "entities": [],
    }
    [(question, answer)] = answer_message(kb, message, {"topic": "role_fit"}, "ai_engineer", interviewing=True)
    assert question.roles == ("ml_engineer",) and "Basic" in answer.text


def test_a_skill_level_per_role_and_its_tools_are_two_questions(kb):
    questions = understand(
        kb, "ask_tools", [], {}, "what's the Kubernetes level for both roles, and which tools go with MLOps?"
    )
    assert [q.topic for q in questions][0] in ("skills", "skill_comparison")
    assert any(q.topic == "tools" for q in questions)


def test_the_mlops_level_for_each_role_is_its_rating(kb):
    question = understand(kb, "ask_tools", [], {}, "what is the MLOps level for each role?")[-1]
    assert question.topic in ("skills", "skill_comparison")
    assert "Advanced" in render(kb, question).text


def test_the_same_rating_for_the_other_role_after_a_rating(kb):
    previous = {"topic": "skills", "role": "ai_engineer", "subject": "skill:ml algorithms"}
    entities = [{"entity": "role", "value": "ML engineer"}]
    question = understand(kb, "ask_role_comparison", entities, previous, "and the same for the ML engineer?")[-1]
    assert question.topic == "skills" and question.roles == ("ml_engineer",)
    assert "High" in render(kb, question).text


def test_the_shared_core_asked_after_advice_is_the_core_not_one_roles_table(kb):
    message = {
        "text": "which shared skills should I polish first?",
        "intent": {"name": "ask_skills", "confidence": 0.6},
    }
    [(question, answer)] = answer_message(kb, {**message, "entities": []}, {"topic": "salary"}, "ai_engineer")
    assert question.roles == () and "Python" in answer.text


def test_what_coding_is_needed_is_the_programming_area(kb):
    previous = {"topic": "role_fit", "role": "ml_engineer"}
    question = understand(kb, "ask_skill_gap", [], previous, "so what code would I need?")[-1]
    assert question.topic == "skills" and "Python" in render(kb, question).text


def test_which_language_to_learn_read_as_the_path_is_the_programming_area(kb):
    message = {"text": "what language should I learn to begin?", "intent": {"name": "ask_learning_path"}}
    answered = answer_message(kb, {**message, "entities": []}, {"topic": "math"}, "ai_engineer", interviewing=True)
    [(question, answer)] = answered
    assert question.topic == "skills" and "Python" in answer.text


def test_what_a_role_rates_as_advanced_is_the_skill_tables_not_the_stage(kb):
    previous = {"topic": "role_fit", "role": "ml_engineer"}
    question = understand(kb, "ask_skill_comparison", [], previous, "what does that role rate as advanced?")[-1]
    assert question.topic in ("skills", "skill_comparison")
    assert "Model Development" in render(kb, question).text


def test_a_titles_pay_after_the_titles_is_pay_not_the_list_again(kb):
    previous = understand(kb, "ask_job_titles", [], {}, "is NLP engineer on the ML-focused list?")[-1].context_slots()
    question = understand(kb, "ask_salary", [], previous, "ok and what about data scientist pay?")[-1]
    assert question.topic == "salary"
    assert "no numbers" in render(kb, question).text


def test_a_titles_group_and_its_pay_are_two_questions(kb):
    questions = understand(kb, "ask_salary", [], {}, "Is MLOps engineer an ML-focused role, and what does it pay?")
    assert [q.topic for q in questions] == ["job_titles", "salary"]


def test_what_the_pay_figures_are_for_is_the_table(kb):
    previous = {"topic": "salary", "job_title": "mlops_engineer"}
    question = understand(kb, "ask_salary_factors", [], previous, "so which jobs do you have pay figures for?")[-1]
    assert question.topic == "salary" and "110,000" in render(kb, question).text


def test_a_pay_level_in_a_role_comparison_compares_pay(kb):
    entities = [{"entity": "level", "value": "senior"}]
    question = understand(kb, "ask_role_comparison", entities, {"topic": "future_proof"}, "and senior, side by side?")[
        -1
    ]
    assert question.topic == "salary_comparison" and "145,000" in render(kb, question).text


def test_whether_a_language_counts_toward_the_shared_skills_is_the_core_not_prior_experience(kb):
    question = understand(kb, "ask_skills", [], {"topic": "role_fit"}, "does Java count towards the core skills?")[-1]
    assert question.missing is None
    assert "Java" in render(kb, question).text
