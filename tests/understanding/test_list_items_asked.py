"""Items of the article's lists asked by their own words or meaning (issue 26): 'does any of this apply to catching
fraud?', 'is access control in there?', 'predicting when machines break?', several items at once ('the fraud and
supply chain use cases'), the list recalled ('the use cases again? fraud or something?'), 'the customer support one'
after the use cases, the other scenario, and a tool by its maker ("and Amazon's equivalent?")."""

from __future__ import annotations

from typing import List, Tuple

import pytest

from actions.understanding import lookups
from actions.understanding.triage import triage
from tests.understanding.talking import talk


@pytest.mark.parametrize(
    "text, item",
    [
        ("does any of this apply to catching fraud?", ("use_cases", 2)),
        ("what about predicting when factory machines will break?", ("use_cases", 5)),
        ("and documents?", ("use_cases", 6)),
        ("Is access control in there? what kind?", ("best_practices", 4)),
        ("anything on HIPAA?", ("enterprise_constraints", 1)),
        ("do they talk about drift?", ("challenges", 2)),
    ],
)
def test_an_item_is_named_by_a_word_no_other_item_has(kb, text: str, item: Tuple[str, int]) -> None:
    assert lookups.items_by_own_words(kb, text) == [item]


@pytest.mark.parametrize(
    "text",
    [
        "/no_such_intent",
        "such a nice day",
        "is it based on both?",
        "what is the salary?",
        "do ML engineers need to know API and microservices much?",
        "what about performance optimization?",
    ],
)
def test_linking_words_name_no_item(kb, text: str) -> None:
    assert lookups.items_by_own_words(kb, text) == []


@pytest.mark.parametrize(
    "text, intent",
    [
        ("does any of this apply to catching fraud?", "ask_use_cases"),
        ("is fraud detection something they cover?", "ask_use_cases"),
        ("what about ticket routing?", "ask_use_cases"),
    ],
)
def test_an_off_topic_verdict_on_a_list_item_is_answered(kb, encoder, text: str, intent: str) -> None:
    verdict = triage(kb, [{"name": "out_of_scope", "confidence": 0.4}], text, "out_of_scope")
    assert verdict.kind == "answer" and verdict.intents == (intent,)


def test_an_unsure_question_on_an_item_of_the_list_shown_is_answered(kb, encoder) -> None:
    ranked = [{"name": "nlu_fallback", "confidence": 0.25}, {"name": "ask_best_practices", "confidence": 0.2}]
    verdict = triage(kb, ranked, "Is access control in there? what kind?", "nlu_fallback", "best_practices")
    assert verdict.kind == "answer" and verdict.intents == ("ask_best_practices",)


@pytest.mark.parametrize("text", ["what's the weather in paris", "I love cooking", "/no_such_intent"])
def test_off_topic_stays_off_topic(kb, encoder, text: str) -> None:
    assert triage(kb, [{"name": "out_of_scope", "confidence": 0.9}], text, "out_of_scope").kind == "off_topic"


def test_a_weak_nlu_guess_gives_way_to_the_item_its_words_and_meaning_name(kb, encoder) -> None:
    questions, reply = talk(kb, [("ask_future_proof", "what about predicting when factory machines will break?")])
    assert questions[0].topic == "use_cases" and "predictive maintenance" in reply


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("what are the fraud and supply chain use cases, exactly?", ["fraud", "supply chain"]),
        ("which use cases are about recommendations or customers?", ["recommendation", "customer support"]),
        ("the document and fraud use cases?", ["document", "fraud"]),
    ],
)
def test_several_items_asked_are_all_answered(kb, encoder, text: str, wanted: List[str]) -> None:
    questions, reply = talk(kb, [("ask_use_cases", text)])
    assert questions[0].item is None
    assert all(w in reply for w in wanted) and "predictive maintenance" not in reply


@pytest.mark.parametrize(
    "text",
    ["what are the use cases again? fraud or something?", "remind me of the use cases, fraud and what else?"],
)
def test_a_list_recalled_by_one_of_its_items_is_the_whole_list(kb, encoder, text: str) -> None:
    _, reply = talk(kb, [("ask_use_cases", text)])
    assert "supply chain" in reply and "document" in reply and "fraud" in reply


@pytest.mark.parametrize("text", ["what does the customer support one include?", "and the customer support one?"])
def test_the_x_one_after_the_use_cases_is_that_use_case_not_the_scenario(kb, text: str) -> None:
    turns = [("ask_use_cases", "what enterprise use cases are listed, and what constraints do they face?")]
    _, reply = talk(kb, [*turns, ("ask_scenarios", text)])
    assert "ticket routing" in reply


@pytest.mark.parametrize(
    "first, text, wanted",
    [
        (
            "In the customer support automation scenario, what does the ML engineer do?",
            "Is there another scenario?",
            "Predictive analytics",
        ),
        (
            "Tell me about the predictive analytics platform scenario.",
            "what was the other scenario in the article?",
            "Customer support",
        ),
        ("Tell me about the predictive analytics platform scenario.", "any other example project?", "Customer support"),
    ],
)
def test_the_other_scenario_is_the_one_not_in_the_thread(kb, first: str, text: str, wanted: str) -> None:
    _, reply = talk(kb, [("ask_scenarios", first), ("ask_scenarios", text)])
    assert wanted in reply


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("and Amazon's equivalent?", "SageMaker"),
        ("and Microsoft's?", "Azure Machine Learning"),
        ("what about Microsoft's one?", "Azure Machine Learning"),
    ],
)
def test_a_tool_by_its_makers_name_after_another_makers_tool(kb, text: str, wanted: str) -> None:
    turns = [("ask_tools", "what's Google's cloud AI platform?"), ("inform", text)]
    _, reply = talk(kb, turns)
    assert wanted in reply


def test_a_word_shared_with_an_item_does_not_win_over_a_closer_fact(kb, encoder) -> None:
    ranked = [{"name": "nlu_fallback", "confidence": 0.3}]
    verdict = triage(kb, ranked, "What does the article say about performance optimization?", "nlu_fallback")
    assert verdict.intents != ("ask_challenges",)


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("which of those is closest to cloud work?", "Cloud AI Specialist"),
        ("which one involves automation?", "Automation Architect"),
        ("which of them is a consulting job?", "AI Consultant"),
    ],
)
def test_a_career_picked_from_the_list_by_its_words(kb, text: str, wanted: str) -> None:
    turns = [("ask_careers", "What careers can I go into after learning AI?"), ("ask_skills", text)]
    questions, reply = talk(kb, turns)
    assert questions[0].topic == "careers" and reply.removeprefix("Yes: ").startswith(f"{wanted} is one of")


@pytest.mark.parametrize(
    "text, wanted",
    [
        ("is there a job title focused on the NLP side?", "NLP Engineer"),
        ("any job title about solutions architecture?", "AI Solutions Architect"),
    ],
)
def test_a_job_title_asked_by_its_words(kb, text: str, wanted: str) -> None:
    _, reply = talk(kb, [("ask_job_titles", text)])
    assert reply.removeprefix("Yes: ").startswith(f"{wanted} is one of")


@pytest.mark.parametrize("text", ["which job titles are ML focused?", "which job titles are about machine learning?"])
def test_a_group_of_titles_is_not_one_title(kb, text: str) -> None:
    questions, _ = talk(kb, [("ask_job_titles", text)])
    assert questions[0].job_title is None
