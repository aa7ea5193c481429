"""Going back to an earlier answer after a detour (issue 26, the 'return' family of dev15): 'back to X', 'returning
to X', 'going back, ...' is read on the answer X names from the thread of answered subjects, not on the last
answer. Wordings are our own."""

from __future__ import annotations

import pytest

from actions.understanding.returns import going_back, intent_after, rewound
from actions.understanding.understand import understand
from components.small_talk_guard import goes_back
from tests.understanding.talking import talk


@pytest.mark.parametrize(
    "text, named, rest",
    [
        ("Back to those stages, what goes on in the third one?", "those stages", "what goes on in the third one?"),
        ("sorry, back to the numbers: top of each range?", "the numbers", "top of each range?"),
        ("ok so going back to the chatbot - who wires it up?", "the chatbot", "who wires it up?"),
        ("Returning to the frameworks: which role leans on them?", "the frameworks", "which role leans on them?"),
        ("alright, coming back to monitoring. What does each role do?", "monitoring", "What does each role do?"),
        ("ok, going back, just the ML engineer row", "", "just the ML engineer row"),
        ("can we circle back to the use cases?", "the use cases", ""),
        ("what were the tools you listed earlier for step 3?", "the tools", None),
    ],
)
def test_what_a_message_goes_back_to_and_what_it_then_asks(text, named, rest):
    back = going_back(text)
    assert back is not None and back[0] == named
    assert rest is None or back[1] == rest


@pytest.mark.parametrize(
    "text",
    [
        "senior java dev, want AI without going back to school for math",
        "what comes after the intermediate stage?",
        "is there a way back into data work from ops?",
        "thanks!",
    ],
)
def test_a_message_that_goes_back_to_nothing(text):
    assert going_back(text) is None or not any(going_back(text))


def _after(kb, *turns):
    """The slots after each (intent, text) turn."""
    previous: dict = {}
    for intent, text in turns:
        questions = understand(kb, intent, [], previous, text)
        previous = questions[-1].context_slots() if questions else previous
    return previous


def test_the_stages_after_a_detour_are_the_workflow_not_the_careers(kb):
    slots = _after(kb, ("ask_workflow", "walk me through the phases of an AI project"), ("ask_careers", "and careers?"))
    back = rewound(kb, slots, "going back to those phases, what's in the fourth?")
    assert back is not None and back[2] == "workflow" and back[1] == "what's in the fourth?"


@pytest.mark.parametrize(
    "turns, said",
    [
        (  # a step gone back to by its position, after the careers
            [
                ("ask_workflow", "What steps does an AI project go through?"),
                ("ask_careers", "unrelated, what careers does learning AI lead to?"),
                ("ask_job_titles", "ok going back to the project steps: what happens in the fourth?"),
            ],
            ["Testing and Validation"],
        ),
        (  # a scenario gone back to by a thing in it
            [
                ("ask_scenarios", "in the customer support automation example who deploys the bot?"),
                ("ask_enterprise_constraints", "what limits do enterprise AI systems face?"),
                ("help", "returning to the chatbot, which systems is it wired into?"),
            ],
            ["CRM", "ticketing"],
        ),
        (  # pay gone back to by its figures
            [
                ("ask_salary_comparison", "entry pay for both roles?"),
                ("ask_learning_path", "what does the ML learning path look like?"),
                ("inform", "back to the figures: and senior for each?"),
            ],
            ["140,000", "180,000"],
        ),
        (  # a row gone back to by its name, asked of one role
            [
                ("ask_responsibilities", "who monitors what, per the responsibilities table?"),
                ("ask_salary", "what does a mid-level AI engineer make?"),
                ("ask_role_definition", "coming back to monitoring - what does the ML engineer do there?"),
            ],
            ["model performance"],
        ),
        (  # a tool group gone back to after another group of the same topic
            [
                ("ask_tools", "which ML frameworks are named?"),
                ("ask_tools", "and the cloud platforms?"),
                ("ask_responsibilities", "circling back to the frameworks, who relies on those more?"),
            ],
            ["Machine Learning Engineer"],
        ),
    ],
)
def test_a_follow_up_on_an_earlier_answer_is_read_on_it(kb, turns, said):
    reply = talk(kb, turns)[1]
    assert all(s in reply for s in said), reply


def test_a_fact_the_article_lacks_is_no_subject_to_go_back_to(kb):
    slots = _after(
        kb, ("ask_role_definition", "what does an AI engineer do?"), ("ask_salary", "how old are AI engineers usually?")
    )
    assert list(slots["thread"]) == ["role_definition"]
    back = rewound(kb, slots, "ok then, back to what you said: what do they build?")
    assert back is not None and back[2] == "role_definition" and back[0]["role"] == "ai_engineer"


def test_going_back_to_the_last_answer_itself_reads_the_rest_on_it(kb):
    slots = _after(kb, ("ask_tools", "which tools does each role use more?"))
    back = rewound(kb, slots, "ok back to that: named examples for each?")
    assert back is not None and back[0]["topic"] == "tools" and back[1] == "named examples for each?"
    assert rewound(kb, slots, "what are the ML frameworks?") is None


def test_a_role_alone_names_no_earlier_answer(kb):
    slots = _after(kb, ("ask_learning_path", "the AI engineer's path?"), ("ask_salary", "its mid-level pay?"))
    assert rewound(kb, slots, "back to the AI one - what comes after intermediate?") is None


@pytest.mark.parametrize(
    "intent, rest, expected",
    [
        ("ask_role_definition", "what does the ML engineer do there?", "inform"),
        ("ask_job_titles", "what's in the third one?", "inform"),
        ("ask_salary", "what's the senior pay for those?", "ask_salary"),
        ("ask_workflow", "what goes on in the third one?", "ask_workflow"),
    ],
)
def test_the_rest_is_read_as_a_follow_up_unless_it_asks_a_topic_of_its_own(kb, intent, rest, expected):
    assert intent_after(kb, intent, "workflow" if intent == "ask_workflow" else "tools", rest) == expected


@pytest.mark.parametrize(
    "text, back",
    [
        ("sorry, back to the US numbers: what's the top bracket?", True),
        ("back to the chatbot: what systems does it get hooked into?", True),
        ("thank you so much!", False),
        ("hello again", False),
    ],
)
def test_going_back_is_never_small_talk(text, back):
    assert goes_back(text) is back


@pytest.mark.parametrize(
    "text", ["back to step one: what sources does it pull from?", "going back to the 1st step, its sources?"]
)
def test_going_back_to_a_numbered_step_is_that_step_not_the_last_one(kb, text):
    """After the last step's tools, 'back to step one' is step one (its number), not the step held last."""
    slots = _after(
        kb,
        ("ask_workflow", "list the workflow steps"),
        ("inform", "what does the last step monitor, and which tools does it use?"),
    )
    assert slots.get("stage") == "monitoring_maintenance"
    question = understand(kb, "inform", [], slots, text)[-1]
    assert question.stage == "data_ingestion"
