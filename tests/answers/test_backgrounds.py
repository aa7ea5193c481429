"""Self-descriptions: what the article offers someone with the job they name (advisor.backgrounds' titles and
steps), where to begin when they ask, and which of their sentences says what they want (issue 26)."""

from __future__ import annotations

import pytest

from actions.answers.advice import background_note
from actions.answers.pipeline import render
from actions.knowledge import KnowledgeBase
from actions.reasoning import interview
from actions.understanding.understand import understand


@pytest.mark.parametrize(
    "said, expected",
    [
        ("I'm an enterprise architect at a bank and mostly talk to stakeholders.", "AI Solutions Architect"),
        ("IT consultant here, I design client landscapes.", "AI Consultant"),
        ("I work as a presales engineer for a software vendor.", "Automation Architect"),
        ("I'm a cloud architect, mostly Azure landing zones.", "Cloud AI Specialist"),
        ("Site reliability engineer, on call most weeks.", "MLOps Engineer"),
        ("I'm an automation engineer who builds bots for back-office work.", "Intelligent Automation Engineer"),
        ("I'm a computational linguist working on corpora.", "NLP Engineer"),
        ("I've been a help desk technician and CRM admin for years.", "Applied AI Developer"),
    ],
)
def test_a_job_names_the_articles_titles_closest_to_it(kb: KnowledgeBase, said: str, expected: str) -> None:
    assert expected in background_note(kb, said)


@pytest.mark.parametrize(
    "said",
    [
        "I'm a test automation engineer, Selenium mostly.",
        "SDET at a fintech, I own the regression suite.",
        "I work as a software tester.",
        "Quality engineer here, I care about release reliability.",
    ],
)
def test_a_tester_hears_the_testing_step_and_who_does_it(kb: KnowledgeBase, said: str) -> None:
    note = background_note(kb, said)
    assert "step 4, Testing and Validation" in note and "both roles" in note


def test_no_note_without_a_job_the_article_places(kb: KnowledgeBase) -> None:
    assert background_note(kb, "I like building things and I know some Python.") == ""
    assert background_note(kb, "") == ""


@pytest.mark.parametrize(
    "text, intent",
    [
        ("I'm a QA engineer writing automated tests. Where would that fit in an AI team?", "ask_challenges"),
        ("I'm a software tester. Where do I fit in?", "out_of_scope"),
        ("I'm an SDET. Where might someone like me fit?", "ask_workflow"),
    ],
)
def test_a_tester_asking_where_they_fit_gets_the_advice_path(kb: KnowledgeBase, text: str, intent: str) -> None:
    assert interview.wants_a_lean(kb, interview.Message(text, intent, [], 0.4))


@pytest.mark.parametrize(
    "text, intent",
    [
        ("where does testing fit in the workflow?", "ask_workflow"),
        ("Where does MLflow fit in?", "ask_tools"),
        ("which role handles testing?", "ask_workflow"),
    ],
)
def test_where_a_thing_fits_is_no_self_description(kb: KnowledgeBase, text: str, intent: str) -> None:
    assert not interview.wants_a_lean(kb, interview.Message(text, intent, [], 0.4))


@pytest.mark.parametrize(
    "text",
    [
        "Final-year student, no clue which one yet. What should I learn first?",
        "Career changer from retail. Where do I even begin?",
        "how should I start?",
        "ok what do I study first",
    ],
)
def test_where_to_start_is_read_whatever_nlu_said(text: str) -> None:
    assert interview.asks_where_to_start(text)


@pytest.mark.parametrize("text", ["what is the first step of the workflow?", "/ask_learning_path", "start over"])
def test_other_starts_are_not_where_to_begin(text: str) -> None:
    assert not interview.asks_where_to_start(text)


@pytest.mark.parametrize(
    "text",
    [
        "Former teacher, I know some Python and loved stats. Where should I begin?",
        "Recent grad with Python and SQL. Where do I even start?",
        "I know Python and a bit of linear algebra. What should I learn to get into either role?",
    ],
)
def test_the_skill_gap_says_where_to_start(kb: KnowledgeBase, text: str) -> None:
    (question,) = understand(kb, "ask_skill_gap", [], {}, text)
    reply = render(kb, question).text
    assert "Foundation stage" in reply and "programming" in reply


@pytest.mark.parametrize(
    "text",
    [
        "I'm a backend developer at a shop. What I really want is to train the models myself. Which role?",
        "I work as a web developer. I want to build the recommendation models themselves. Which one?",
    ],
)
def test_the_sentence_that_says_what_they_want_wins_over_their_job(kb: KnowledgeBase, text: str) -> None:
    assert interview.described_answers(kb, text)["fit_work"].option == "models"


@pytest.mark.parametrize(
    "text",
    [
        "What do I learn first, and which language should I focus on?",
        "what should I study first and what programming language matters most?",
    ],
)
def test_what_to_learn_first_and_which_language_are_both_answered(kb: KnowledgeBase, text: str) -> None:
    questions = understand(kb, "ask_learning_path", [], {}, text)
    assert [q.topic for q in questions] == ["learning_path", "skills"]
    reply = "\n".join(render(kb, q).text for q in questions)
    assert "Foundation" in reply and "Python" in reply


@pytest.mark.parametrize(
    "text, where_to_start",
    [
        ("i want to be a chef, where do i start", False),
        ("I want to be a pilot. what should I study first?", False),
        ("I want to become an AI engineer, where do I start?", True),
        ("i want to become a machine learning engineer, how do i begin", True),
        ("No idea which one to pick yet. What should I learn first?", True),
    ],
)
def test_where_to_start_is_asked_only_for_these_careers(text: str, where_to_start: bool) -> None:
    assert interview.asks_where_to_start(text) is where_to_start
