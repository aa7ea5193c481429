"""Questions for facts the article lacks, and a few it has (wave 6): a time frame or study hours, named
certifications, usage out there, a product the KB knows only from how people describe themselves, what a tool or
a listed title does, the difference between two terms it only names; each is said to be missing (or where the
article names it), then the nearest thing it gives."""

from __future__ import annotations

import pytest

from actions.answers.phrasing import combine
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.understanding.lookups import missing_fact
from actions.understanding.spelling import correct
from actions.understanding.triage import triage
from actions.understanding.understand import understand
from components.small_talk_guard import is_follow_up

from .talking import talk


def _reply(kb: KnowledgeBase, intent: str, text: str) -> str:
    return combine([render(kb, q) for q in understand(kb, intent, [], {}, text)]).text


@pytest.mark.parametrize(
    "text, key",
    [
        ("would it be doable in three months?", "time_to_learn"),
        ("is it realistic to switch within two years?", "time_to_learn"),
        ("how many hours a day should I practise?", "time_to_learn"),
        ("any cloud certs you'd suggest?", "schools_and_products"),
        ("which of those platforms do most companies use?", "tool_figures"),
        ("which one is most widely adopted in industry?", "tool_figures"),
    ],
)
def test_more_ways_to_ask_what_the_article_lacks(kb: KnowledgeBase, text: str, key: str) -> None:
    fact = missing_fact(kb, text)
    assert (fact.key if fact else None) == key


def test_which_one_pays_best_after_the_core_cloud_platforms_is_no_pay_by_item(kb: KnowledgeBase) -> None:
    fact = missing_fact(kb, "so which one pays the best?", "skills")
    assert fact is not None and fact.key == "item_pay"
    assert missing_fact(kb, "which one pays more, AI or ML?", "skills") is None  # the roles: the pay answers it


def test_a_minimum_to_learn_after_pay_is_no_end_of_the_band(kb: KnowledgeBase) -> None:
    verdict = triage(kb, [], "what's the minimum I need to learn?", "out_of_scope", "salary")
    assert verdict.intents != ("inform",)


def test_study_hours_read_as_a_skill_gap_are_the_missing_time_frame(kb: KnowledgeBase) -> None:
    (question,) = understand(kb, "ask_skill_gap", [], {"topic": "scenarios"}, "how many hours a day should I study?")
    assert question.missing == "time_to_learn"


def test_a_product_known_only_from_backgrounds_is_named_as_not_mentioned(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_tools", "which pipeline tool do they mean, Jenkins maybe?")
    assert "does not mention Jenkins" in reply
    reply = _reply(kb, "ask_scenarios", "in the customer support scenario, is the CRM Salesforce?")
    assert "does not mention Salesforce" in reply


def test_asking_whether_the_article_mentions_a_name_is_no_thanks() -> None:
    assert is_follow_up("thanks", "does it mention langchain?")
    assert not is_follow_up("thanks", "thanks, that helps")


def test_is_that_number_the_ceiling_after_pay_follows_the_pay(kb: KnowledgeBase) -> None:
    verdict = triage(kb, [], "is 180 the max then?", "out_of_scope", "salary")
    assert verdict.kind == "answer" and verdict.intents == ("inform",)


@pytest.mark.parametrize(
    "text", ["does the article explain what MLflow does?", "what does Grafana do?", "what is Kafka used for?"]
)
def test_what_a_tool_does_is_not_explained_only_listed(kb: KnowledgeBase, text: str) -> None:
    reply = _reply(kb, "ask_tools", text)
    assert reply.startswith("The article does not explain what") and "listed" in reply or "used in" in reply


def test_what_a_listed_title_does_is_said_not_described_with_its_group(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_role_definition", "what does an applied AI developer do?")
    assert "doesn't say what" in reply and "AI-focused" in reply


def test_a_listed_title_compared_with_a_role_is_said_not_described(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_role_comparison", "how does an NLP engineer differ from an ML engineer?")
    assert reply.startswith("The article does not describe the work of an NLP Engineer") and "ML-focused" in reply


def test_a_tool_missing_from_a_step_is_shown_in_its_tool_group(kb: KnowledgeBase) -> None:
    turns = [
        ("ask_tools", "is XGBoost named anywhere?"),
        ("inform", "what else is used in that step?"),
        ("ask_tools", "and is Keras in that step as well?"),
    ]
    _, reply = talk(kb, turns)
    assert reply.lstrip("# ").startswith("No: not there") and "ML frameworks" in reply


def test_a_phrase_said_in_other_words_shows_where_it_comes_up(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_workflow", "does accuracy evaluation come up anywhere else in the article?")
    assert "Customer support automation" in reply


def test_two_terms_compared_that_the_article_only_names(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_role_definition", "what's performance drift versus data drift?")
    assert "doesn't explain the difference" in reply and "Monitoring and Maintenance" in reply
    for nlu in ("nlu_fallback", "out_of_scope"):
        verdict = triage(kb, [], "what's performance drift versus data drift?", nlu, "tools")
        assert verdict.intents == ("ask_role_definition",)


def test_what_the_article_says_about_a_hyphenated_phrase(kb: KnowledgeBase) -> None:
    verdict = triage(kb, [], "what does the post say about remote work?", "out_of_scope")
    assert verdict.intents == ("ask_role_definition",)
    reply = _reply(kb, "ask_role_definition", "what does the post say about remote work?")
    assert "remote-work policies" in reply and "nothing specific" not in reply


def test_remote_work_with_a_pay_extra_keeps_what_it_says_of_remote(kb: KnowledgeBase) -> None:
    reply = _reply(kb, "ask_salary", "do remote AI jobs come with stock options?")
    assert "stock" not in reply.split("\n")[0] or "remote" in reply
    assert "remote policies" in reply


def test_a_typo_of_a_word_for_a_lacking_fact_is_mended() -> None:
    from actions.knowledge import get_kb

    assert "degree" in correct("would I need a degre?", get_kb())


def test_another_title_after_where_a_title_comes_up(kb: KnowledgeBase) -> None:
    _, reply = talk(
        kb,
        [
            ("ask_role_definition", "what is an intelligent automation engineer?"),
            ("inform", "and ai solutions architect?"),
        ],
    )
    assert "AI Solutions Architect" in reply and "AI-focused" in reply


def test_where_a_misspelt_word_comes_up_is_about_the_article(kb: KnowledgeBase) -> None:
    verdict = triage(kb, [], "so were do chatbts show up?", "nlu_fallback", "concept")
    assert verdict.kind == "answer" and verdict.intents[0] in ("ask_role_definition", "ask_use_cases")
    assert triage(kb, [], "where does XGBoost come in?", "nlu_fallback").intents == ("ask_tools",)
