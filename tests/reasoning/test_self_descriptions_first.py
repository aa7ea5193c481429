"""Self-descriptions reach the role-fit logic before a missing fact, a tool or a use case they name (issue 26):
the person's school, degree, tools or workplace are what they are, the question is which role fits; and a later
'that role', 'my role', 'the closer role' means the role recommended."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.reasoning import interview
from actions.reasoning.interview import Message, _described, with_recommended_role
from actions.understanding.lookups import missing_fact
from actions.understanding.understand import unknown_occupation
from actions.understanding.vocabulary import normalizer_for


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        # NLU sure of another question (tools, the skill gap, careers): the tools are part of the description
        (
            "been running airflow and spark jobs at a retailer for 3 years, does that point me to one of the roles?",
            "ask_tools",
            0.8,
        ),
        ("econ grad, some R and a lot of regression work, enjoy tuning models. what role", "ask_skill_gap", 0.8),
        ("chemistry phd, I love building predictive models in python. which one suits that", "ask_skill_gap", 0.75),
        # no 'I': the job opens the message, the question is where that leaves them
        ("QA lead at a bank, 6 yrs, automate regression suites. where does that leave me?", "nlu_fallback", 0.3),
        (
            "I look after our Jenkins/Terraform setup all day. How does that translate into the AI roles?",
            "ask_tools",
            0.5,
        ),
        ("i do churn models for a telco. what's my title in the article's terms", "nlu_fallback", 0.25),
        ("web dev, mostly node APIs. which am i, ai or ml?", "ask_careers", 0.4),
        (
            "im a consultant at a big IT firm, client-facing. which of the 2 main roles is closer",
            "ask_responsibilities",
            0.5,
        ),
        ("I build REST services in Go all day. Which one is nearest to that?", "nlu_fallback", 0.3),
    ],
)
def test_a_self_description_asking_which_role_gets_a_lean(
    kb: KnowledgeBase, text: str, intent: str, confidence: float
) -> None:
    assert interview.wants_a_lean(kb, Message(text, intent, (), confidence))


@pytest.mark.parametrize(
    "text, intent, confidence",
    [
        ("which tools does the data ingestion step use?", "ask_tools", 0.9),
        ("I use Kafka. What tools does the article list for ingestion?", "ask_tools", 0.8),
        ("I know Python and SQL, what am I missing for ML engineering?", "ask_skill_gap", 0.9),
        # the role is chosen: the skill gap towards it, not a lean (which could point to the other role)
        (
            "No math at all, but I am a backend dev (REST, queues). I want to be an ML engineer. Where do I start?",
            "ask_skill_gap",
            0.7,
        ),
        ("java dev for 6 yrs; aiming for ML engineering. what should I learn first?", "ask_skill_gap", 0.6),
        ("how does monitoring map to the workflow steps?", "ask_workflow", 0.6),
        # the roles open the message: a question about them, not someone's own job
        ("ML engineer or AI engineer, which one fits a startup better?", "ask_which_better", 0.5),
        ("machine learning engineer and ai engineer, which one suits big companies?", "ask_which_better", 0.5),
    ],
)
def test_a_question_about_the_article_is_no_self_description(
    kb: KnowledgeBase, text: str, intent: str, confidence: float
) -> None:
    assert not interview.wants_a_lean(kb, Message(text, intent, (), confidence))


@pytest.mark.parametrize(
    "text",
    [
        "16, still in high school, love coding games. what should i learn first",
        "philosophy grad, finished my degree last year. which role suits me?",
        "nurse for 10 yrs, went back to college for a data course. where do i start?",
        "I dropped out of university and taught myself Python. What do I learn next?",
    ],
)
def test_a_school_the_person_went_to_is_no_question_about_schools(kb: KnowledgeBase, text: str) -> None:
    fact = missing_fact(kb, text)
    assert fact is None or fact.key != "schools_and_products"


@pytest.mark.parametrize(
    "text",
    [
        "I'm a teacher. Which university has the best AI masters?",
        "career changer here. is a bootcamp worth it?",
        "which college should i pick for ML?",
    ],
)
def test_a_question_about_schools_still_says_the_article_names_none(kb: KnowledgeBase, text: str) -> None:
    fact = missing_fact(kb, text)
    assert fact is not None and fact.key == "schools_and_products"


@pytest.mark.parametrize(
    "text, slot, option",
    [
        ("i'm a docker/k8s person mostly", "fit_cloud", "yes"),
        ("prometheus/grafana all day, that's my job", "fit_work", "systems"),
        ("junior ds, keras and sklearn are what i know", "fit_work", "models"),
        ("stats major, I love feature engineering", "fit_math", "high"),
        ("hospital IT guy, HIPAA is half my week", "fit_work", "systems"),
        ("embedded C++ dev on factory sensors", "fit_work", "systems"),
    ],
)
def test_the_tools_and_jobs_named_say_which_way_a_description_leans(
    kb: KnowledgeBase, text: str, slot: str, option: str
) -> None:
    found = _described(kb, text)
    assert slot in found and found[slot].option == option


@pytest.mark.parametrize(
    "text",
    [
        "ok entry pay for that closer role",
        "and the senior salary for the matched role?",
        "mid pay for my role?",
        "what's the intermediate stage on the role you matched me with",
        "starting pay for the suggested one",
    ],
)
def test_a_follow_up_pointing_at_the_recommended_role_gets_it(kb: KnowledgeBase, text: str) -> None:
    message = {"text": text, "entities": []}
    entities = with_recommended_role(kb, "ask_salary", message, {"topic": "use_cases"}, "ml_engineer")
    assert {"entity": "role", "value": "ml_engineer"} in entities


@pytest.mark.parametrize("text", ["entry pay for the other role", "and pay for both roles?", "salary at entry level"])
def test_the_other_role_or_both_are_not_the_recommended_one(kb: KnowledgeBase, text: str) -> None:
    message = {"text": text, "entities": []}
    entities = with_recommended_role(kb, "ask_salary", message, {"topic": "use_cases"}, "ml_engineer")
    assert {"entity": "role", "value": "ml_engineer"} not in entities  # 'the other role': the one not recommended


@pytest.mark.parametrize("text", ["mid pay for my role?", "salary for your pick?", "what's the pay for our role"])
def test_ones_own_role_is_no_occupation_the_article_lacks(kb: KnowledgeBase, text: str) -> None:
    assert unknown_occupation(text, normalizer_for(kb)) is None


@pytest.mark.parametrize(
    "text", ["what tools should I learn?", "which tools do I need first?", "I've only used Excel, what tools?"]
)
def test_asking_for_tools_is_no_preference_for_systems(kb: KnowledgeBase, text: str) -> None:
    """'tools' shares its stem with the systems cue 'tooling': asking which tools to learn says nothing about
    preferring systems, so no lean is read into it (the advice would say 'you prefer engineering systems')."""
    assert "fit_work" not in _described(kb, text)
