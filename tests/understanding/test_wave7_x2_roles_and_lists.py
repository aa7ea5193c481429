"""Wave 7 (x2): which roles a message is about when it sets a row beside 'the other' with nothing after it, when a
multi-part message starts with a list nobody in particular owns, when an imperative 'list the ...' asks afresh;
and a person's own papers ('the JD', 'my CV') are no names the article should hold."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding.context import is_fragment
from actions.understanding.understand import unknown_names
from tests.understanding.talking import talk

_ML_FIT = ("ask_role_fit", "I'm leaning towards machine learning engineer")


@pytest.mark.parametrize(
    "text",
    [
        "how does the monitoring work of that role compare to the other?",
        "deployment for that role vs the other?",
        "what does it do on collaboration versus the other",
    ],
)
def test_a_row_set_beside_the_other_is_both_roles(kb: KnowledgeBase, text: str) -> None:
    first = ("ask_responsibilities", "what does the ML engineer do with data?")
    questions, reply = talk(kb, [first, ("ask_responsibilities", text)])
    assert not questions[-1].role
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


@pytest.mark.parametrize(
    "text",
    [
        "list the constraints in enterprises and then the common challenges",
        "give me the best practices, and the challenges too",
    ],
)
def test_a_list_of_nobody_in_particular_then_another_list_is_the_whole_list(kb: KnowledgeBase, text: str) -> None:
    first = ("ask_responsibilities", "who does the ML engineer collaborate with?")
    asked = [first, ("ask_enterprise_constraints", text)]
    questions, reply = talk(kb, asked)
    challenges = [q for q in questions if q.topic == "challenges"]
    assert challenges and challenges[-1].role is None
    assert "infrastructure scaling" in reply


@pytest.mark.parametrize("text", ["list the challenges", "ok, enumerate the best practices", "now list the tools"])
def test_an_imperative_list_request_is_no_fragment(text: str) -> None:
    assert not is_fragment(text)


def test_a_bare_noun_phrase_is_still_a_fragment() -> None:
    assert is_fragment("and the challenges?")


@pytest.mark.parametrize(
    "text",
    [
        "for the JD: which languages are listed?",
        "what should go on my CV from the skills table?",
        "which tools belong in our JDs?",
    ],
)
def test_own_papers_are_no_unknown_names(kb: KnowledgeBase, text: str) -> None:
    assert unknown_names(kb, text) == []


@pytest.mark.parametrize(
    "text, pairs",
    [
        ("flip it: mid for AI and senior for ML?", [("ai_engineer", "mid"), ("ml_engineer", "senior")]),
        ("now entry for ML and mid for AI", [("ml_engineer", "entry"), ("ai_engineer", "mid")]),
    ],
)
def test_levels_paired_with_bare_role_letters(kb: KnowledgeBase, text: str, pairs: list) -> None:
    asked = [("ask_salary", "senior pay for AI engineers, and entry pay for ML engineers?"), ("inform", text)]
    questions, _ = talk(kb, asked)
    assert [(q.roles, q.level) for q in questions] == [((role,), level) for role, level in pairs]


@pytest.mark.parametrize(
    "text",
    ["what's the senior top end for it, and for the ML one?", "mid-level pay for it vs the machine learning one?"],
)
def test_pay_for_the_advised_role_and_a_named_one_is_both(kb: KnowledgeBase, text: str) -> None:
    from actions.answers.pipeline import answer_message

    message = {"text": text, "intent": {"name": "ask_salary", "confidence": 0.9}, "entities": []}
    answered = answer_message(kb, message, {}, "ai_engineer", "ask_salary", interviewing=True)
    reply = "\n".join(answer.text for _, answer in answered)
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply


@pytest.mark.parametrize(
    "text",
    [
        "how does AI fit into real IT systems, is it used on its own?",
        "in real projects, does ML stand alone or is it part of something bigger?",
    ],
)
def test_it_after_the_ai_the_question_names_does_not_point_back(kb: KnowledgeBase, text: str) -> None:
    before = ("ask_responsibilities", "and monitoring, for both of them?")
    questions, reply = talk(kb, [before, ("ask_workflow", text)])
    assert questions[-1].topic == "workflow" and questions[-1].stage is None
    assert "rarely standalone" in reply


def test_after_the_whole_workflow_an_older_step_is_not_its_subject(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_responsibilities", "and monitoring, for both of them?"),
        ("ask_workflow", "walk me through the typical AI project workflow"),
        ("ask_workflow", "what tools does it use overall?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].stage != "monitoring_maintenance"


@pytest.mark.parametrize(
    "text, factor",
    [
        ("which one has to do with compliance?", "security and compliance"),
        ("which factor is about remote work?", "remote-work"),
        ("what one talks about deployment?", "production deployment"),
    ],
)
def test_one_pay_factor_picked_by_its_words(kb: KnowledgeBase, text: str, factor: str) -> None:
    questions, reply = talk(kb, [("ask_salary_factors", "what affects pay?"), ("ask_enterprise_constraints", text)])
    assert questions[-1].topic == "salary_factors"
    assert factor in reply.lower()


@pytest.mark.parametrize("text", ["and for model dev then?", "model dev step?", "what about model dev"])
def test_model_dev_after_a_steps_tools_is_that_steps_tools(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_tools", "what tools are used to prepare the data?"), ("inform", text)])
    assert questions[-1].topic == "tools" and questions[-1].stage == "model_development"
    assert "PyTorch" in reply


def test_model_dev_after_a_skill_rating_is_still_that_skill(kb: KnowledgeBase) -> None:
    turns = [("ask_skills", "how important is cloud deployment for each role?"), ("inform", "and model dev?")]
    questions, _ = talk(kb, turns)
    assert questions[-1].topic == "skills"


def test_that_role_vs_the_other_after_advice_is_both_roles(kb: KnowledgeBase) -> None:
    from actions.answers.pipeline import answer_message

    text = "how does that role handle deployment vs the other?"
    message = {"text": text, "intent": {"name": "ask_responsibilities", "confidence": 0.9}, "entities": []}
    answered = answer_message(kb, message, {"topic": "role_fit", "role": "ml_engineer"}, "ml_engineer")
    reply = "\n".join(answer.text for _, answer in answered)
    assert "AI Engineer" in reply and "Machine Learning Engineer" in reply
    follow = {"text": "and on monitoring?", "intent": {"name": "inform", "confidence": 0.9}, "entities": []}
    again = answer_message(kb, follow, answered[-1][0].context_slots(), "ml_engineer")
    assert "AI Engineer" in again[-1][1].text and "Machine Learning Engineer" in again[-1][1].text


@pytest.mark.parametrize(
    "text",
    ["and the ML engineer at senior level, for comparison?", "what about ML engineers at entry level, to compare"],
)
def test_a_role_at_a_level_to_compare_is_its_pay(kb: KnowledgeBase, text: str) -> None:
    turns = [("ask_salary", "mid-level AI engineer pay?"), ("ask_salary_factors", "what moves pay?"), ("inform", text)]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "salary" and questions[-1].roles == ("ml_engineer",)
    assert "$" in reply


@pytest.mark.parametrize(
    "text",
    [
        "does the article say which API gateway product we should use?",
        "which monitoring vendor should we go with?",
        "what brand of platform would you pick?",
    ],
)
def test_which_product_to_use_is_a_ranking_the_article_lacks(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_best_practices", "what are the best practices?"), ("ask_best_practices", text)])
    assert questions[-1].missing == "product_rankings"
    assert "does not" in reply


@pytest.mark.parametrize(
    "text",
    [
        "would my five ops years count as mid level?",
        "does my background qualify as senior?",
        "do four years of QA translate to mid level?",
    ],
)
def test_whether_experience_counts_as_a_level_is_a_fact_the_article_lacks(kb: KnowledgeBase, text: str) -> None:
    questions, _ = talk(kb, [("ask_salary", "mid-level AI engineer pay?"), ("ask_salary", text)])
    assert questions[-1].missing == "years_per_level"


def test_what_counts_as_a_level_of_pay_is_still_pay(kb: KnowledgeBase) -> None:
    questions, _ = talk(kb, [("ask_salary", "what counts as senior pay?")])
    assert questions[-1].missing is None


@pytest.mark.parametrize(
    "text", ["what common programming languages does it list?", "which cloud platforms are shared by both?"]
)
def test_a_tool_list_shared_by_both_after_the_duties_is_the_tools(kb: KnowledgeBase, text: str) -> None:
    turns = [("ask_responsibilities", "what does the ML engineer monitor?"), ("ask_tools", text)]
    questions, _ = talk(kb, turns)
    assert questions[-1].topic == "tools"


@pytest.mark.parametrize(
    "first, text",
    [
        (("ask_challenges", "what challenges do teams run into?"), "which of them is the costliest to fix?"),
        (("ask_best_practices", "list the best practices"), "which one is the most important?"),
        (("ask_enterprise_constraints", "what are the constraints?"), "which of those is hardest to handle?"),
    ],
)
def test_ranking_the_items_of_a_list_is_a_fact_the_article_lacks(kb: KnowledgeBase, first: tuple, text: str) -> None:
    questions, reply = talk(kb, [first, (first[0], text)])
    assert questions[-1].missing == "list_item_rankings"
    assert "without ranking" in reply


def test_the_most_common_challenges_as_a_list_is_still_the_list(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_best_practices", "list the best practices"),
        ("ask_challenges", "what are the most common challenges?"),
    ]
    questions, _ = talk(kb, turns)
    assert questions[-1].missing is None and questions[-1].topic == "challenges"


@pytest.mark.parametrize("text", ["what shows up on both lists?", "is anything common to both of them?"])
def test_the_item_two_lists_shown_together_share(kb: KnowledgeBase, text: str) -> None:
    turns = [("ask_enterprise_constraints", "give me the enterprise constraints and the challenges"), ("inform", text)]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "challenges" and questions[-1].item == 5
    assert "legacy" in reply


def test_after_asking_what_each_one_does_a_bare_row_is_both_roles_again(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_responsibilities", "who is the one engineering the data?"),
        ("ask_responsibilities", "and the AI engineer, what does it do with data?"),
        ("ask_workflow", "training models: what does each one do?"),
        ("inform", "collaboration then?"),
    ]
    questions, reply = talk(kb, turns)
    assert questions[-1].topic == "responsibilities" and not questions[-1].roles
    assert "data teams" in reply and "DevOps" in reply


def test_an_unsure_ask_for_what_two_lists_share_is_answered_in_the_thread(kb: KnowledgeBase) -> None:
    from actions.understanding.triage import triage

    ranking = [{"name": "out_of_scope", "confidence": 0.5}]
    verdict = triage(kb, ranking, "which entry is on both lists?", "out_of_scope", "challenges")
    assert verdict.kind == "answer" and verdict.intents == ("inform",)


@pytest.mark.parametrize("text", ["what do they connect to?", "and what does AI get integrated with there?"])
def test_what_ai_joins_after_the_whole_workflow_is_its_intro(kb: KnowledgeBase, text: str) -> None:
    questions, reply = talk(kb, [("ask_workflow", "what does a typical AI project look like?"), ("ask_workflow", text)])
    assert questions[-1].stage is None
    assert "data sources" in reply and "infrastructure" in reply


def test_what_a_step_integrates_with_after_that_step_stays_on_it(kb: KnowledgeBase) -> None:
    questions, _ = talk(
        kb, [("ask_workflow", "tell me about step 5"), ("ask_workflow", "what does it integrate with?")]
    )
    assert questions[-1].stage == "deployment_integration"
