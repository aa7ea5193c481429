"""Wave 4, the rest (issue 26): a claim checked with a tag ('X is Y, right?') is the yes/no question it stands
for; 'best practices' is a list's name, not a comparison; a courtesy word after a place is no employer; a typo
the KB keeps inside one alias is mended everywhere; a workflow step that is also a row of the responsibilities
table, asked 'who does', is that row; regulations asked as 'frameworks' are the enterprise constraints, coding
environments the development tools; the region and currency of the pay figures; how the article ends."""

from __future__ import annotations

from typing import List, Mapping

import pytest

from actions.answers.pipeline import render
from actions.understanding import polar
from actions.understanding.lookups import unknown_payer
from actions.understanding.question import Question
from actions.understanding.spelling import correct
from actions.understanding.understand import understand


def asked(kb, intent: str, text: str, previous: Mapping | None = None, sure: bool = True) -> List[Question]:
    return understand(kb, intent, [], dict(previous or {}), text, nlu_sure=sure)


def reply(kb, intent: str, text: str, previous: Mapping | None = None, sure: bool = True) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous, sure))


@pytest.mark.parametrize(
    "text, thing",
    [
        ("my mate said NLP engineer is an ML-focused title, is that right?", "NLP engineer"),
        ("I heard MLflow is one of the MLOps tools - correct?", "MLflow"),
        ("Kafka is used in data ingestion, right?", "Kafka"),
        ("so GDPR is one of the regulations. True?", "GDPR"),
        ("apparently predictive maintenance is a listed use case, is that true?", "predictive maintenance"),
    ],
)
def test_a_claim_checked_with_a_tag_asks_about_its_subject(text: str, thing: str) -> None:
    assert polar.asks_yes_no(text)
    assert polar.asked_thing(text) == thing


@pytest.mark.parametrize("text", ["which role is right for me?", "what pay is right for a junior?", "is that right?"])
def test_no_claim_no_rewrite(text: str) -> None:
    assert polar.as_question(text) == text


@pytest.mark.parametrize(
    "intent, text, lead, must",
    [
        ("ask_job_titles", "my frend said nlp enginer is an ML role, is that rite?", "Yes", "NLP Engineer"),
        ("ask_job_titles", "someone told me Data Scientist is an AI-focused title, true?", "No", "ML-focused"),
        ("ask_tools", "a colleague says Kafka is one of the MLOps tools, right?", "No", "Data Ingestion"),
        ("ask_best_practices", "is role-based access control in the best practices?", "Yes", "role-based access"),
        ("ask_best_practices", "are secure API gateways among the best practices?", "Yes", "gateways"),
    ],
)
def test_a_yes_no_answer_leads_with_yes_or_no(kb, intent: str, text: str, lead: str, must: str) -> None:
    said = reply(kb, intent, text).lstrip("# ")
    assert said.startswith(lead), said[:120]
    assert must in said


@pytest.mark.parametrize(
    "text",
    [
        "senior ai engineer pay in usa please",
        "what do ml engineers earn in the us thx",
        "ai engineer salary in germany pls",
        "entry pay in usa plz",
    ],
)
def test_a_courtesy_word_after_a_place_is_no_employer(kb, text: str) -> None:
    assert unknown_payer(kb, text) is None


def test_an_employer_kind_is_still_read(kb) -> None:
    assert unknown_payer(kb, "how much do ai engineers make at hospitals please") == "hospitals"


def test_senior_pay_asked_politely_with_a_typo_gives_the_band(kb) -> None:
    said = reply(kb, "ask_salary", "sinior ai enginer pay in usa plz")
    assert "140,000" in said and "170,000" in said


@pytest.mark.parametrize(
    "typed, meant",
    [
        ("is nlp enginer an ML role", "is nlp engineer an ML role"),
        ("what does an mlops enginer do", "what does an mlops engineer do"),
        ("ai enginer salary", "ai engineer salary"),
    ],
)
def test_a_typo_kept_in_one_alias_is_mended_everywhere(kb, typed: str, meant: str) -> None:
    assert correct(typed, kb) == meant


@pytest.mark.parametrize(
    "text, must",
    [
        ("who dose the deploymnet n integrashun stuf", ["leads deployment", "supports deployment"]),
        ("whose job is monitoring and maintenance?", ["system health", "model performance"]),
        ("who takes care of data preparation?", ["processed data", "prepares and engineers data"]),
    ],
)
def test_who_does_a_step_that_is_a_row_of_the_duties(kb, text: str, must: List[str]) -> None:
    said = reply(kb, "ask_responsibilities", text)
    assert all(m in said for m in must), said[:200]


def test_a_step_with_no_row_stays_the_step(kb) -> None:
    said = reply(kb, "ask_responsibilities", "whose job is it to check the model works?")
    assert "Testing and Validation" in said


@pytest.mark.parametrize(
    "text",
    [
        "which compliance frameworks are named?",
        "what regulatory standards does it mention?",
        "which privacy frameworks must enterprise AI follow?",
    ],
)
def test_regulations_asked_as_frameworks_are_the_constraints(kb, text: str) -> None:
    said = reply(kb, "ask_tools", text, sure=False)
    assert "GDPR" in said and "HIPAA" in said
    assert "TensorFlow" not in said


@pytest.mark.parametrize(
    "text",
    [
        "which coding environments are mentioned?",
        "what development environments does it list?",
        "any code editors named?",
    ],
)
def test_coding_environments_are_the_development_tools(kb, text: str) -> None:
    said = reply(kb, "ask_tools", text)
    assert "Jupyter" in said and "VS Code" in said


@pytest.mark.parametrize(
    "text, must",
    [
        ("what region do the salary figures cover?", "United States"),
        ("which region are those numbers for?", "United States"),
        ("is that usd", "dollars"),
        ("are those figures in dollars?", "dollars"),
    ],
)
def test_region_and_currency_of_the_pay_figures(kb, text: str, must: str) -> None:
    said = reply(kb, "ask_salary", text, previous={"topic": "salary"})
    assert must in said, said[:200]


@pytest.mark.parametrize(
    "intent, text, must",
    [
        ("ask_key_takeaways", "What does the article suggest at the very end?", "H2K"),
        ("ask_key_takeaways", "how does the post wrap up?", "H2K"),
        ("ask_certifications", "is there a free demo class?", "demo class"),
        ("ask_certifications", "and what does it say those programs give you?", "hands-on"),
    ],
)
def test_how_the_article_ends(kb, intent: str, text: str, must: str) -> None:
    assert must in reply(kb, intent, text, sure=False)


@pytest.mark.parametrize(
    "text", ["fine, so how do I choose?", "how should I decide between them?", "ok how would I know which to pick"]
)
def test_how_to_choose_hears_the_articles_criterion_first(kb, text: str) -> None:
    from actions.reasoning.interview import Message, begin

    notes = " ".join(begin(kb, Message(text, "ask_role_fit")).notes)
    assert "prefer" in notes and "quick questions" in notes


def test_which_role_fits_me_starts_without_the_criterion(kb) -> None:
    from actions.reasoning.interview import Message, begin

    assert "prefer" not in " ".join(begin(kb, Message("which role fits me?", "ask_role_fit")).notes)


@pytest.mark.parametrize(
    "intent, text, item",
    [
        ("ask_why_it_matters", "switching topics - what's predictive maintenance?", "predictive maintenance"),
        ("ask_salary", "quick question, what is supply chain forecasting?", "supply chain forecasting"),
        ("ask_learning_path", "ok and what's infrastructure scaling?", "infrastructure scaling"),
    ],
)
def test_a_list_item_named_in_full_beats_an_unsure_reading(kb, intent: str, text: str, item: str) -> None:
    assert item in reply(kb, intent, text, sure=False)


_SCENARIO = [
    ("ask_scenarios", "what does the AI engineer do in the customer support scenario?"),
    ("ask_scenarios", "and the ML engineer's part there?"),
]


@pytest.mark.parametrize(
    "text, must",
    [
        ("What does an AI engineer do with models - train them from scratch?", "uses and fine-tunes"),
        ("what does the ML engineer do with the models, design them?", "designs and trains"),
    ],
)
def test_a_pronoun_for_a_duty_named_in_the_message_is_no_pointer_back(kb, text: str, must: str) -> None:
    from tests.understanding.talking import talk

    _, said = talk(kb, [*_SCENARIO, ("ask_responsibilities", text)])
    assert must in said, said[:200]


def test_a_pronoun_for_the_scenario_still_points_back(kb) -> None:
    from tests.understanding.talking import talk

    _, said = talk(kb, [*_SCENARIO, ("ask_responsibilities", "what does the AI engineer integrate it with?")])
    assert "CRM" in said


@pytest.mark.parametrize(
    "text, must",
    [
        ("do i realy need kubernets and dokcer for ai enginering?", ["kubernetes", "docker", "Deployment"]),
        ("how much do ML engineers need docker and kubernetes?", ["docker", "kubernetes", "MLOps and deployment"]),
    ],
)
def test_every_tool_asked_as_a_skill_is_named_with_where_it_is_listed(kb, text: str, must: List[str]) -> None:
    said = reply(kb, "ask_skills", text, sure=False)
    assert all(m.lower() in said.lower() for m in must), said[:300]
    assert said.count("listed under MLOps and deployment tools") == 1


@pytest.mark.parametrize(
    "text",
    [
        "what is that learning-path comparison meant to help with?",
        "what's the point of the stage-by-stage structure?",
        "and the paths overall, what are they supposed to help with?",
    ],
)
def test_the_purpose_of_the_paths_right_after_one_stage(kb, text: str) -> None:
    from tests.understanding.talking import talk

    turns = [("ask_learning_path", "What's the foundation stage on the ML engineer path?"), ("inform", "same for AI?")]
    _, said = talk(kb, [*turns, ("ask_learning_path", text)])
    assert "choose courses" in said, said[:200]


@pytest.mark.parametrize("text", ["what is monitored at the end?", "which step comes at the end?"])
def test_the_end_of_something_else_is_not_the_articles_end(kb, text: str) -> None:
    from actions.understanding.topics import topic_scores

    assert not topic_scores(text, kb).get("certifications")
