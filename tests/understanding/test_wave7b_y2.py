"""Wave 7b (y2): a difference asked of 'them' is asked of both roles, even right after advice; 'again' with 'it'
goes on with the step just answered, not the one the topic had earlier."""

from __future__ import annotations

from actions.answers.pipeline import answer_message
from tests.understanding.talking import talk


def _ask(kb, intent, text, previous, fit_role=None):
    message = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return answer_message(kb, message, previous, fit_role)


def test_how_they_differ_after_advice_is_both_roles_row(kb):
    [(question, answer)] = _ask(
        kb, "ask_responsibilities", "how do they differ in monitoring?", {"topic": "role_fit"}, "ml_engineer"
    )
    assert question.roles == ()
    assert "system health" in answer.text and "model performance" in answer.text


def test_the_difference_in_their_data_work_names_both_sides(kb):
    said = "so what's the difference in the way they deal with data"
    [(question, answer)] = _ask(kb, "ask_responsibilities", said, {"topic": "role_fit"}, "ai_engineer")
    assert question.roles == ()
    assert "processed data" in answer.text and "engineers data" in answer.text


def test_tools_again_for_the_step_just_described_not_an_older_one(kb):
    turns = [
        ("ask_workflow", "show me the steps of an AI project"),
        ("ask_tools", "tools for the testing step"),
        ("ask_workflow", "what happens in step 2"),
        ("ask_tools", "list the tools for it again please"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].stage == "data_preparation"
    assert "Pandas" in reply


def test_a_pay_jump_from_another_job_is_not_in_the_article(kb):
    said = "what sort of pay increase would I see coming from a business analyst job"
    [(question, answer)] = _ask(kb, "ask_salary_factors", said, {})
    assert "nothing to compare" in answer.text


def test_going_back_to_ones_path_asks_a_place_on_it_not_which_role_fits(kb):
    from actions.reasoning import interview

    back = interview.Message(
        text="ok back to my path - what's after the ML algorithms part", intent="inform", confidence=0.9
    )
    assert not interview.wants_a_lean(kb, back)
    asked = interview.Message(text="I'm a data analyst with SQL, which is my path?", intent="inform", confidence=0.9)
    assert interview.wants_a_lean(kb, asked)


def test_back_to_my_path_after_a_detour_is_the_advised_roles_learning_path(kb):
    from actions.understanding.understand import understand

    thread = {
        "role_fit": {"role": "ml_engineer"},
        "scenarios": {"role": "ai_engineer", "scenario": "predictive_analytics"},
    }
    previous = {"topic": "scenarios", "role": "ai_engineer", "scenario": "predictive_analytics", "thread": thread}
    said = "ok, back to my own path: what's next after the ML algorithms stage?"
    questions = understand(kb, "ask_workflow", [], previous, said)
    assert (questions[-1].topic, questions[-1].roles, questions[-1].path_stage) == (
        "learning_path",
        ("ml_engineer",),
        "advanced",
    )


def test_back_to_my_path_uses_the_role_the_advice_recommended(kb):
    previous = {"topic": "scenarios", "role": "ai_engineer", "scenario": "predictive_analytics"}
    said = "going back to my path - what comes after the ML algorithms stage"
    [*_, (question, answer)] = _ask(kb, "ask_workflow", said, previous, "ml_engineer")
    assert (question.topic, question.path_stage) == ("learning_path", "advanced")
    assert "model tuning" in answer.text


def test_flipping_the_last_question_keeps_its_topic_whatever_nlu_read(kb):
    turns = [
        ("ask_skills", "how is the ML engineer rated on cloud deployment and the AI engineer on model development?"),
        ("ask_tools", "swap them round: ML for model development, AI for cloud deployment"),
    ]
    questions, reply = talk(kb, turns)
    assert {q.topic for q in questions} == {"skills"}
    assert "Advanced" in reply


def test_pay_for_him_is_not_an_occupation_the_article_lacks(kb):
    [(question, answer)] = _ask(
        kb, "ask_salary", "and the senior pay for him?", {"topic": "skill_gap", "role": "ml_engineer"}
    )
    assert not question.unknown
    assert "$" in answer.text


def test_help_paying_for_training_is_a_fact_the_article_lacks(kb):
    previous = {"topic": "skills", "skills": ["python"]}
    [(question, answer)] = _ask(kb, "ask_skills", "is there any financial aid or a bursary for that?", previous)
    assert question.missing
    assert "no prices" in answer.text


def test_a_tool_that_solves_a_challenge_is_not_named_in_the_article(kb):
    [(question, answer)] = _ask(
        kb, "ask_tools", "which software would solve our data quality problems?", {"topic": "challenges"}
    )
    assert question.missing
    assert "does not rank, recommend" in answer.text


def test_a_bare_next_row_mid_interview_is_a_side_question_not_an_answer(kb):
    from actions.reasoning import interview

    assert interview.follows_the_thread(kb, interview.Message(text="and collaboration", intent="inform"))
    assert not interview.follows_the_thread(kb, interview.Message(text="and not really", intent="inform"))
