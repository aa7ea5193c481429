"""Issue 26, dev11/dev12: facts the article does not give (said so, nothing unrelated shown) and single questions
about its prose that reached the wrong section. Each family is tested in several wordings."""

from __future__ import annotations

import pytest

from actions.answers.pipeline import render
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.lookups import missing_fact, unknown_asked, unknown_payer
from actions.understanding.topics import scan_entities
from actions.understanding.understand import understand


def asked(kb: KnowledgeBase, intent: str, text: str, previous=None):
    return understand(kb, intent, [], previous or {}, text)


def answer(kb: KnowledgeBase, intent: str, text: str, previous=None) -> str:
    return "\n\n".join(render(kb, q).text for q in asked(kb, intent, text, previous))


# --- facts the article does not give -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, thing",
    [
        ("Do they need a security clearance for government jobs?", "security clearance"),
        ("does an ML engineer need a driving licence?", "driving licence"),
        ("Do Kaggle rankings help me get hired?", "kaggle rankings"),
        ("does a portfolio help?", "portfolio"),
        ("does my GPA matter?", "gpa"),
        ("What's that chatbot's resolution rate?", "resolution rate"),
        ("what is the fraud system's false positive rate?", "false positive rate"),
    ],
)
def test_a_thing_needed_helping_or_owned_that_the_article_never_names(kb, text, thing):
    assert unknown_asked(kb, text) == thing


@pytest.mark.parametrize(
    "text",
    [
        "do I need a lot of math?",
        "do I need advanced math?",
        "do I need to know Python?",
        "do they need Kubernetes?",
        "do I need strong coding skills?",
        "Do certifications help?",
        "does experience matter?",
        "what's the AI engineer's primary focus?",
        "What's the ML engineer's salary?",
    ],
)
def test_things_the_article_does_name_are_not_unknown(kb, text):
    assert unknown_asked(kb, text) is None


@pytest.mark.parametrize(
    "text, payer",
    [
        ("do hospitals pay ML engineers less than banks?", "hospitals"),
        ("Do nonprofits pay less?", "nonprofits"),
        ("what's the salary at a nonprofit?", "nonprofit"),
        ("do government agencies pay less?", "government agencies"),
    ],
)
def test_pay_from_an_employer_the_article_never_names(kb, text, payer):
    assert unknown_payer(kb, text) == payer
    fact = missing_fact(kb, text)
    assert fact is not None and fact.pay_by_unknown_payer
    assert "$" not in answer(kb, "ask_salary_comparison", text)


@pytest.mark.parametrize(
    "text",
    [
        "how much do ML engineers earn in a year?",
        "do they pay well?",
        "do senior roles pay more?",
        "what do AI engineers make in the US?",
        "salary in Canada?",
        "what do ML engineers earn in their first year",
        "does healthcare also affect pay?",
        "does location really affect pay?",
        "does remote work affect pay at all?",
        "entry level salary for ai engineer please",
        "does production experience raise pay?",
    ],
)
def test_pay_by_role_level_or_place_is_no_unknown_employer(kb, text):
    assert unknown_payer(kb, text) is None


@pytest.mark.parametrize(
    "text",
    ["how were these numbers collected?", "how are the figures calculated?", "where do these numbers come from?"],
)
def test_how_the_pay_figures_were_made_after_pay(kb, text):
    fact = missing_fact(kb, text, "salary_comparison")
    assert fact is not None and fact.key == "salary_source"


@pytest.mark.parametrize("text", ["what's the methodology behind the salary ranges?", "what sample size is it?"])
def test_how_the_pay_figures_were_made(kb, text):
    fact = missing_fact(kb, text)
    assert fact is not None and fact.key == "salary_source"


@pytest.mark.parametrize("title", ["head of AI", "product manager", "chief of staff"])
@pytest.mark.parametrize("form", ["and for a {}?", "what about a {}?", "how about the {}?"])
def test_pay_of_a_title_asked_in_passing_after_pay_has_no_figures(kb, title, form):
    previous = {"topic": "salary_comparison", "level": "senior"}
    reply = answer(kb, "inform", form.format(title), previous)
    assert "$" not in reply and ("not" in reply or "n't" in reply or "only" in reply)


@pytest.mark.parametrize("text", ["and for the other role?", "and for a senior?", "and for an ML engineer?"])
def test_the_articles_own_roles_and_levels_in_passing_keep_their_figures(kb, text):
    reply = answer(kb, "inform", text, {"topic": "salary", "role": "ai_engineer", "level": "mid"})
    assert "$" in reply


# --- the article's prose, asked in its own words ---------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "What kinds of applications does an AI engineer integrate AI into?",
        "What examples of applications does the article give for an AI engineer's work?",
        "which applications does an AI engineer build?",
    ],
)
def test_the_applications_one_role_builds_are_its_definition(kb, text):
    (question,) = asked(kb, "ask_use_cases", text)
    assert question.topic == "role_definition"
    assert "conversational" in render(kb, question).text


@pytest.mark.parametrize(
    "text",
    [
        "Why do roles in many organizations blend responsibilities from both categories?",
        "do the roles blend at some companies?",
    ],
)
def test_blending_roles_is_the_note_on_team_size_and_scope(kb, encoder, text):
    (question,) = asked(kb, "ask_responsibilities", text)
    assert "team size" in render(kb, question).text


def test_a_question_nearly_quoting_the_article_is_no_missing_fact(kb, encoder):
    text = "What happens to these roles as team size and project scope change?"
    assert missing_fact(kb, text) is not None  # the words alone read a head-count question
    (question,) = asked(kb, "ask_both_roles", text)
    assert question.missing is None and "evolve" in render(kb, question).text


def test_a_word_only_one_section_uses_reroutes_an_unsupported_guess(kb, encoder):
    (question,) = asked(
        kb, "ask_salary", "what does their work span?", {"topic": "role_definition", "role": "ai_engineer"}
    )
    assert question.topic == "role_definition"
    assert "software engineering" in render(kb, question).text


@pytest.mark.parametrize(
    "text, intent, skill",
    [
        ("What version control stuff is expected?", "ask_challenges", "version control"),
        ("what does CI/CD sit with in the shared core skills?", "ask_skills", "ci/cd"),
        ("what git knowledge do they expect?", "ask_key_takeaways", "git"),
    ],
)
def test_a_shared_core_skill_is_its_area(kb, encoder, text, intent, skill):
    entities = [{"entity": "skill", "value": skill}]  # as NLU's entity extractor reads it
    reply = "\n\n".join(render(kb, q).text for q in understand(kb, intent, entities, {}, text))
    assert "Git" in reply and "Version control" in reply


@pytest.mark.parametrize(
    "text",
    [
        "Which Azure service appears under data ingestion?",
        "which Azure tool appears under the data ingestion step?",
        "which Google service shows up in data ingestion?",
    ],
)
def test_a_service_under_a_step_is_that_steps_tools(kb, text):
    (question,) = asked(kb, "ask_tools", text)
    assert question.topic == "tools" and question.stage == "data_ingestion"
    assert "Data Factory" in render(kb, question).text


@pytest.mark.parametrize(
    "text, steps",
    [
        ("And what are Prometheus and Kafka used for?", ("Monitoring", "Ingestion")),
        ("what are MLflow and Docker used for?", ("Testing", "Deployment")),
    ],
)
def test_two_tools_asked_together_are_both_answered(kb, text, steps):
    reply = answer(kb, "ask_tools", text)
    assert all(step in reply for step in steps)


@pytest.mark.parametrize(
    "text", ["What does monitoring cover in production AI?", "what does monitoring include in enterprise AI?"]
)
def test_what_a_step_covers_is_the_step_not_a_role_duty(kb, text):
    assert not [e for e in scan_entities(text, kb) if e["entity"] == "role"]
    reply = answer(kb, "ask_responsibilities", text)
    assert "drift" in reply


@pytest.mark.parametrize(
    "text",
    [
        "Different question: in the responsibilities table, which role oversees system health?",
        "ok, in the table, who oversees system health?",
    ],
)
def test_which_role_after_a_lead_in_carries_no_role_from_the_thread(kb, text):
    previous = {"topic": "responsibilities", "role": "ml_engineer", "aspect": "monitoring"}
    reply = answer(kb, "ask_responsibilities", text, previous)
    assert "AI Engineer" in reply
