"""Reading text without NLU: topics, splitting into questions, entities scanned from KB aliases, and cues."""

from __future__ import annotations

import pytest

from actions.understanding.topics import (
    asks_to_compare,
    defined_term,
    detect_topics,
    is_correction,
    scan_entities,
    split_parts,
    step_shift,
)


@pytest.mark.parametrize(
    ("text", "parts"),
    [
        (
            "what does an ML engineer earn and which tools do they use?",
            ["what does an ML engineer earn", "which tools do they use"],
        ),
        ("Salary of a senior AI engineer? Also, what skills do they need?", None),
        ("how much does an AI engineer earn", ["how much does an AI engineer earn"]),
        ("python and sql, what do I need?", ["python and sql", "what do I need"]),
        ("", []),
        ("???", []),
    ],
)
def test_split_parts(text, parts):
    got = split_parts(text)
    if parts is None:
        assert got[0].startswith("Salary") and got[-1] == "what skills do they need"
    else:
        assert got == parts


@pytest.mark.parametrize(
    ("text", "topic"),
    [
        ("what does an ML engineer earn", "salary"),
        ("which tools do they use", "tools"),
        ("which role needs more security knowledge?", "skill_comparison"),
        ("which role pays more at entry level?", "salary_comparison"),
        ("what affects the salary of these jobs?", "salary_factors"),
        ("what do I study after the basics?", "learning_path"),
        ("what breaks in models after months in production?", "challenges"),
        ("what is each role mainly focused on?", "responsibilities"),
        ("are there any certifications worth doing", "certifications"),
        ("do I need a lot of maths", "math"),
        ("gdpr and hipaa rules", "enterprise_constraints"),
        ("give me the tl;dr", "key_takeaways"),
        ("how mch does a senor ml enginer make", "salary"),
    ],
)
def test_detect_topics_first(kb, text, topic):
    assert detect_topics(text, kb)[0] == topic


@pytest.mark.parametrize("text", ["hello there", "what's the weather in paris", "tell me a joke", ""])
def test_no_topic_in_small_talk(kb, text):
    assert detect_topics(text, kb) == []


def values(kb, text):
    return {(e["entity"], e["value"]) for e in scan_entities(text, kb)}


def test_scan_finds_kb_terms_longest_first(kb):
    found = values(kb, "how much does a senior ML engineer make in Germany?")
    assert {("role", "ml engineer"), ("level", "senior"), ("location", "germany")} <= found
    assert ("skill", "ml") not in found  # 'ML engineer' won, the bare 'ML' is never read as a skill


def test_scan_reads_typos_of_roles_and_levels(kb):
    found = values(kb, "how mch does a senor ml enginer make")
    assert ("role", "ml enginer") in found and ("level", "senior") in found


def test_scan_marks_titles_the_article_lacks(kb):
    assert ("job_title", "data engineer") in values(kb, "what does a data engineer earn?")
    assert ("job_title", "mlops engineer") in values(kb, "pay of an MLOps engineer")
    assert not any(kind == "job_title" for kind, _ in values(kb, "which engineer earns more?"))


def test_scan_ignores_common_words_and_payloads(kb):
    assert values(kb, "which role pays the highest?") == set()  # 'highest' is a level alias, not here
    assert values(kb, "tell me the rest of it") == set()
    assert scan_entities('/ask_salary{"role": "ml_engineer"}', kb) == []


def test_scan_stage_and_skill(kb):
    assert ("stage", "data ingestion") in values(kb, "tools for data ingestion")
    assert ("skill", "security") in values(kb, "which role needs more security knowledge?")
    assert ("tool", "k8s") in values(kb, "is k8s used?")


@pytest.mark.parametrize(
    ("text", "shift"),
    [
        ("and the step after that?", 1),
        ("what comes next?", 1),
        ("what do I study after the basics?", 1),
        ("and the one before that?", -1),
        ("what happens in step 3?", 0),
    ],
)
def test_step_shift(text, shift):
    assert step_shift(text) == shift


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("oops, I meant ML engineer", True),
        ("sorry i mean senior", True),
        ("make that the AI engineer", True),
        ("what does an ML engineer do?", False),
    ],
)
def test_is_correction(text, expected):
    assert is_correction(text) is expected


def test_compare_cue():
    assert asks_to_compare("which role uses them more?")
    assert asks_to_compare("who needs more security?")
    assert not asks_to_compare("what tools do they use?")


@pytest.mark.parametrize(
    ("text", "term"),
    [
        ("what is MLOps?", "MLOps"),
        ("what's kubernetes", "kubernetes"),
        ("explain data drift", "data drift"),
        ("what does MLOps mean?", "MLOps"),
        ("what does an ML engineer do?", None),
        ("what is the difference between the two roles and which one pays more?", None),
    ],
)
def test_defined_term(text, term):
    assert defined_term(text) == term
