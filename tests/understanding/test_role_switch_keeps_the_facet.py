"""A follow-up that switches or picks the role keeps what the last answer was about (a rating, a learning stage,
tools, challenges, pay levels): 'vs the AI one?', 'and the AI engineer concentrates on?', 'the other role' said
twice, 'the narrower one', 'that one' after a named role compared; and 'which one comes out ahead?' after a
comparison answers from that comparison."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import answer_message
from actions.understanding.triage import triage
from tests.understanding.talking import chat


def test_another_role_named_after_one_roles_challenges_gets_its_challenges(kb):
    question, reply = chat(
        kb,
        [
            ("ask_challenges", "which of the common challenges fall to the ML engineer?"),
            ("ask_responsibilities", "now the AI engineer focuses on?"),
        ],
    )
    assert question.topic == "challenges" and question.roles == ("ai_engineer",)
    assert "infrastructure scaling" in reply


def test_versus_the_other_role_after_a_learning_path_compares_the_paths(kb):
    question, reply = chat(
        kb,
        [("ask_learning_path", "what is the ML engineer learning path?"), ("ask_role_comparison", "vs the AI one?")],
    )
    assert question.topic == "learning_path"
    assert "MLOps and system design" in reply


def test_a_role_named_for_comparison_after_a_rating_gets_that_rating(kb):
    question, reply = chat(
        kb,
        [
            ("ask_skills", "how much does data engineering matter for the ML engineer?"),
            ("ask_role_comparison", "now the AI engineer, for comparison?"),
        ],
    )
    assert question.topic == "skills" and question.skills
    assert "Moderate" in reply


def test_the_other_role_said_twice_is_the_same_role(kb):
    question, reply = chat(
        kb,
        [
            ("ask_learning_path", "what is the last stage of the ML engineer path?"),
            ("ask_other_role", "and what is the other role's final stage?"),
            ("ask_other_role", "and the other role at the intermediate stage?"),
        ],
    )
    assert question.roles == ("ai_engineer",)
    assert "ML basics, APIs and cloud" in reply


def test_which_one_is_ahead_after_one_skill_compared_answers_from_it(kb):
    question, reply = chat(
        kb,
        [
            ("ask_skill_comparison", "compare the two roles on security"),
            ("ask_which_better", "so which one comes out ahead?"),
        ],
    )
    assert question.topic == "skill_comparison" and question.skills
    assert "AI Engineers need more of it" in reply


def test_what_the_other_one_does_instead_after_who_leans_on_a_tool_group_is_its_tools(kb):
    question, reply = chat(
        kb,
        [
            ("ask_tools", "which tools are used for deployment?"),
            ("ask_skill_comparison", "which role uses them more?"),
            ("ask_other_role", "and the other one spends its time on what instead?"),
        ],
    )
    assert question.topic == "tools" and question.roles == ("ml_engineer",)
    assert "modeling libraries" in reply


def test_who_spends_more_time_on_a_tool_group_keeps_the_group(kb):
    question, reply = chat(
        kb, [("ask_tools", "which cloud AI platforms are listed?"), ("ask_role_fit", "who spends more time on them?")]
    )
    assert question.topic == "tools" and question.tools
    assert "AI Engineers lean on these" in reply


def test_which_role_uses_one_tool_more_names_the_role(kb):
    _, reply = chat(
        kb,
        [("ask_tools", "where does XGBoost come up?"), ("ask_which_better", "which role relies on it most?")],
    )
    assert "Machine Learning Engineers" in reply
    _, reply = chat(
        kb, [("ask_tools", "what group is Kubeflow in?"), ("ask_which_better", "which role relies on it most?")]
    )
    assert "containerization and cloud services" in reply


def test_the_narrower_role_is_the_ml_engineer(kb):
    question, reply = chat(
        kb,
        [
            ("ask_role_comparison", "how do the two roles differ?"),
            ("ask_role_comparison", "and the narrower role mainly works on what?"),
        ],
    )
    assert question.roles == ("ml_engineer",)


def test_the_other_roles_tools_after_a_step_only_one_role_owns_are_its_own(kb):
    question, reply = chat(
        kb,
        [("ask_tools", "which tools do ML engineers train models with?"), ("inform", "and the AI ones?")],
    )
    assert question.roles == ("ai_engineer",) and question.stage is None
    assert "containerization" in reply


def test_the_same_two_levels_for_the_other_role(kb):
    question, reply = chat(
        kb,
        [
            ("ask_salary", "what does an entry-level ML engineer make?"),
            ("inform", "and at senior level?"),
            ("ask_both_roles", "the same two for the AI engineer?"),
        ],
    )
    assert question.levels == ("entry", "senior")
    assert "$85,000" in reply and "$140,000" in reply


def test_the_other_table_keeps_the_skill_rated_in_both(kb):
    question, reply = chat(
        kb,
        [
            ("ask_skills", "how is data engineering rated for an AI engineer in the summary table?"),
            ("inform", "and in the specialised skills table?"),
        ],
    )
    assert question.skills == ("data engineering",)
    assert "Moderate" in reply and "System Integration" not in reply


def test_pay_for_people_doing_both_roles(kb):
    question, reply = chat(
        kb,
        [
            ("ask_both_roles", "can a single engineer cover both roles?"),
            ("ask_salary", "and what about pay for those people?"),
        ],
    )
    assert question.topic == "salary_factors"
    assert "increase" in reply


def test_that_one_after_a_named_role_compared_is_the_named_role(kb):
    question, reply = chat(
        kb,
        [
            ("ask_learning_path", "what is the ML engineer learning path?"),
            ("ask_role_comparison", "how does the AI engineer path differ?"),
            ("inform", "only the advanced stage for that one"),
        ],
    )
    assert question.roles == ("ai_engineer",)
    assert "MLOps and system design" in reply and "deep learning" not in reply


def test_back_to_the_role_after_a_tool_detour_is_the_role_talked_about(kb):
    question, reply = chat(
        kb,
        [
            ("ask_salary", "what does a senior AI engineer earn?"),
            ("ask_tools", "what is Prometheus used for?"),
            ("ask_learning_path", "back to the role then - its intermediate learning stage?"),
        ],
    )
    assert question.roles == ("ai_engineer",)
    assert "ML basics, APIs and cloud" in reply and "feature engineering" not in reply


def test_the_skills_rated_higher_for_that_other_route_are_not_its_pay(kb):
    question, _ = chat(
        kb,
        [
            ("ask_salary", "what is the entry pay for an AI engineer?"),
            ("ask_other_role", "and for the other route?"),
            ("ask_skill_comparison", "which skills are rated advanced for that other route yet only moderate for me?"),
        ],
    )
    assert question.topic == "skill_comparison"


@pytest.mark.parametrize(
    "text, before",
    [("only the ML engineer part", "scenarios"), ("any area where AI is higher?", "skills")],
)
def test_an_unsure_message_naming_only_a_role_follows_the_thread(kb, text, before):
    decided = triage(kb, [], text, "nlu_fallback", before)
    assert decided.kind == "answer" and decided.intents == ("inform",)


def test_one_role_and_then_the_other_in_one_message_asks_both(kb):
    message = {
        "text": "who does the person you lean to team up with, and who does the other role team up with?",
        "intent": {"name": "ask_responsibilities", "confidence": 0.5},
        "entities": [],
    }
    answered = answer_message(kb, message, {}, fit_role="ml_engineer", interviewing=True)
    reply = "\n".join(a.text for _, a in answered)
    assert "data teams" in reply and "DevOps and product teams" in reply


def test_who_does_more_of_a_duty_after_a_step_no_role_owns_is_that_duty_row(kb):
    question, reply = chat(
        kb,
        [
            ("ask_workflow", "what happens in the data ingestion step?"),
            ("ask_responsibilities", "which role does more of that sort of data work?"),
        ],
    )
    assert question.topic == "responsibilities" and question.aspect == "data_handling"
    assert "prepares and engineers data" in reply


def test_which_role_is_high_after_one_skills_ratings_names_the_role(kb):
    question, reply = chat(
        kb,
        [
            ("ask_skills", "how much does security matter to each role?"),
            ("ask_which_better", "so which role is high there?"),
        ],
    )
    assert question.skills == ("security",)
    assert "AI Engineers need more of it" in reply


def test_a_named_role_spending_time_instead_after_a_group_gets_its_own_tools(kb):
    question, reply = chat(
        kb,
        [
            ("ask_tools", "who spends more time with containerization and cloud services?"),
            ("inform", "and the ML people, where does their time go instead?"),
        ],
    )
    assert question.roles == ("ml_engineer",)
    assert "modeling libraries" in reply


def test_a_role_asked_what_it_does_instead_of_a_group_it_does_not_lean_on_gets_its_tools(kb):
    previous = {"topic": "tools", "subject": "tool:mlops and deployment tools|answered:ai_engineer"}
    message = {
        "text": "and where do the ML people put their time instead?",
        "intent": {"name": "ask_tools", "confidence": 0.5},
        "entities": [],
    }
    (question, answer), *_ = answer_message(kb, message, previous)
    assert question.roles == ("ml_engineer",) and not question.tools
    assert "modeling libraries" in answer.text


def test_who_uses_a_group_more_also_says_where_the_other_roles_tool_time_goes(kb):
    _, reply = chat(
        kb,
        [
            ("ask_tools", "which cloud AI platforms does it name?"),
            ("ask_skill_comparison", "which role uses them more?"),
        ],
    )
    assert "AI Engineers lean on the cloud AI platforms" in reply
    assert "Machine Learning Engineer instead focuses on modeling libraries" in reply
