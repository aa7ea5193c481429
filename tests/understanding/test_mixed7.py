"""Round 7 of non-follow-up questions: capitals that name a tool, the shared core's rows, the article's closing
pointer, a stated preference in 'which is better', where to start, and facts the article lacks."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.understanding.lookups import missing_fact
from actions.understanding.topics import scan_entities
from actions.understanding.triage import triage
from actions.understanding.understand import understand


def answer(kb, intent: str, text: str, entities=()) -> str:
    return render(kb, understand(kb, intent, list(entities), {}, text)[0]).text


@pytest.mark.parametrize("text", ["Is R listed anywhere?", "is R in there?", "do they use R?"])
def test_a_capital_r_is_the_language(kb, text):
    assert {"entity": "tool", "value": "r"} in [{k: e[k] for k in ("entity", "value")} for e in scan_entities(text, kb)]
    assert triage(kb, [], text, "out_of_scope").intents == ("ask_tools",)
    assert "Development tools" in answer(kb, "ask_tools", text)


@pytest.mark.parametrize("text", ["what r the tools", "R U SURE", "And in ML list the last one?"])
def test_lower_case_or_shouted_letters_and_role_words_are_no_tool(kb, text):
    assert not [e for e in scan_entities(text, kb) if e["entity"] == "tool"]


def test_shared_cloud_platforms_are_the_core_row_not_the_ai_platforms(kb):
    text = answer(kb, "ask_tools", "Which shared cloud platforms should I know?")
    assert "Google Cloud" in text and "SageMaker" not in text
    assert "SageMaker" in answer(kb, "ask_tools", "which cloud platforms")


@pytest.mark.parametrize(
    "text",
    [
        "what's the article's call to action?",
        "What does the article recommend exploring at the end?",
        "what does the post suggest I check out at the end",
    ],
)
def test_the_articles_closing_pointer(kb, text):
    decision = triage(kb, [], text, "out_of_scope")
    assert decision.intents == ("ask_certifications",)
    assert "H2K" in answer(kb, "ask_key_takeaways", text)


def test_recommending_a_role_to_explore_is_no_closing_pointer(kb):
    assert triage(kb, [], "which role do you recommend I explore first", "out_of_scope").kind == "off_topic"


@pytest.mark.parametrize(
    "text, role",
    [
        ("ok lst one: wich rol is beter for som1 who luvs buildng modles", "Machine Learning Engineer"),
        ("which is better for someone who likes deploying apps and APIs", "AI Engineer"),
    ],
)
def test_which_is_better_for_a_stated_preference_picks(kb, text, role):
    assert f": {role}." in answer(kb, "ask_which_better", text)


def test_which_is_better_without_a_preference_stays_the_faq(kb):
    assert answer(kb, "ask_which_better", "which role is better?").startswith("Is one role better?")


def test_better_at_a_skill_is_its_rating(kb):
    entities = [{"entity": "skill", "value": "performance optimization"}]
    text = answer(kb, "ask_which_better", "Who's better at performance optimization, AI or ML engineers?", entities)
    assert "Advanced" in text


def test_where_to_start_is_the_learning_path(kb):
    text = (
        "I'm a product manager with no coding background but I want to become technical and eventually work as "
        "an AI or ML engineer. Where do I even start?"
    )
    assert understand(kb, "ask_careers", [], {}, text)[0].topic == "learning_path"


def test_what_to_learn_first_regardless_of_role_is_an_aside(kb):
    from actions.reasoning.interview import Message, aside_intents, asks_aside

    text = (
        "I'm a CS fresh graduate. I like coding and I like math about the same, no strong preference yet. "
        "What should I learn first regardless of which role I pick?"
    )
    assert asks_aside(kb, Message(text, "ask_role_fit", (), 0.76))
    message = {"text": text, "intent": {"name": "ask_role_fit", "confidence": 0.76}}
    assert aside_intents(kb, message, None)[0] == "ask_learning_path"


def test_the_lean_ties_named_tools_to_the_roles_workflow_step(kb):
    from actions.answers.advice import lean
    from actions.reasoning.interview import Message, begin

    said = (
        "SRE here. I keep services up, set up Prometheus/Grafana dashboards, handle incident response and "
        "scaling. Thinking about an AI career. Any suggestion on which role?"
    )
    turn = begin(kb, Message(said, "ask_role_fit"))
    text = lean(kb, turn.state, said=said).text
    assert "Monitoring and Maintenance" in text and "Prometheus and Grafana" in text


@pytest.mark.parametrize(
    "text, key",
    [
        ("which API gateway product does it recommend?", "tool_rankings"),
        ("which cloud provider pays best?", "companies"),
        ("which specific AWS certification should I take?", "schools_and_products"),
        ("and what about after 2026?", "pay_over_time"),
        ("what's the salary in euros?", "country_pay"),
        ("how much is that in rupees?", "country_pay"),
        ("how fast is the AI market growing?", "demand_figures"),
    ],
)
def test_facts_the_article_lacks(kb, text, key):
    fact = missing_fact(kb, text)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize("text", ["what does the real world look like", "which certifications help"])
def test_not_a_currency_or_a_specific_certification(kb, text):
    fact = missing_fact(kb, text)
    assert fact is None or fact.key not in ("country_pay",)


def test_a_question_quoting_an_article_sentence_gets_its_section(kb):
    from actions.understanding.quotes import quoted_topic

    assert quoted_topic(kb, "What do cloud-based AI platforms demand skills in?") == "why_it_matters"
    assert understand(kb, "ask_skills", [], {}, "What do cloud-based AI platforms demand skills in?")[0].topic == (
        "why_it_matters"
    )
    assert quoted_topic(kb, "what skills do I need for the roles?") is None


@pytest.mark.parametrize(
    "text, key",
    [
        ("what's the job outlook for the next decade?", "forecasts"),
        ("is there a lot of travel?", "work_conditions"),
        ("can I work fully remote?", "work_conditions"),
        ("how much can freelancers charge?", "pay_extras"),
        ("do they get health insurance?", "pay_extras"),
        ("what's the 401k match?", "pay_extras"),
        ("what's the average raise per year?", "pay_extras"),
        ("what salary should I negotiate?", "pay_extras"),
        ("what's the minimum age?", "headcount"),
    ],
)
def test_more_facts_new_users_ask_that_the_article_lacks(kb, text, key):
    fact = missing_fact(kb, text)
    assert fact is not None and fact.key == key


@pytest.mark.parametrize(
    "text",
    ["Does security and compliance knowledge raise pay?", "is a hybrid AI/ML role possible?", "do I fully get it"],
)
def test_what_the_article_does_say_is_no_missing_fact(kb, text):
    assert missing_fact(kb, text) is None


def test_a_use_cases_technical_details_are_missing(kb):
    fact = missing_fact(kb, "which sensors or algorithms does it use for that?")
    assert fact is not None and fact.key == "use_case_details"
    assert missing_fact(kb, "what are the fines under GDPR?").key == "regulation_details"
    assert missing_fact(kb, "which algorithms do ML engineers use?") is None


def test_how_much_of_a_skill_a_role_does_is_its_rating_not_pay(kb):
    entities = [{"entity": "skill", "value": "api"}]
    text = "How much API work does an ML engineer do?"
    assert understand(kb, "ask_salary", entities, {}, text)[0].topic == "skills"
    assert understand(kb, "ask_salary", [], {}, "how much does an ML engineer make?")[0].topic == "salary"


@pytest.mark.parametrize(
    "text",
    [
        "What is the primary focus of a machine learning engineer?",
        "Hello, please tell me how much money a machine learning engineer earn in America in 2026",
        "what does a machine learning engineer do?",
    ],
)
def test_the_roles_names_are_no_quote(kb, text):
    from actions.understanding.quotes import quoted_topic

    assert quoted_topic(kb, text) is None


def test_the_list_asked_with_its_scope_is_the_whole_list(kb):
    whole = answer(kb, "ask_enterprise_constraints", "What are the enterprise constraints for AI deployment?")
    assert "GDPR" in whole and "legacy" in whole
    some = answer(kb, "ask_enterprise_constraints", "which constraints are about privacy?")
    assert "GDPR" in some and "legacy" not in some
