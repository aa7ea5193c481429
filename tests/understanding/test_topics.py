"""Reading text without NLU: topics, splitting into questions, entities scanned from KB aliases, and cues."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from actions.knowledge.schema import KnowledgeBase
from actions.understanding.context import resolve
from actions.understanding.topics import (
    asks_to_compare,
    defined_term,
    detect_topics,
    is_correction,
    scan_entities,
    split_parts,
    step_shift,
    topic_scores,
    topic_table,
)
from actions.understanding.vocabulary import normalizer_for


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
        ("what sort of business problems get solved with this?", "use_cases"),
        ("which real-world problems are these systems used on?", "use_cases"),
        ("what problems do teams run into?", "challenges"),
        ("how do they deal with data quality problems?", "challenges"),
    ],
)
def test_detect_topics_first(kb, text, topic):
    assert detect_topics(text, kb)[0] == topic


@pytest.mark.parametrize(
    "text", ["what is meaning of machine learning engineer role?", "my cousin is a machine-learning engineer"]
)
def test_the_fields_name_is_not_a_learning_cue(kb, text):
    assert "learning_path" not in detect_topics(text, kb)


@pytest.mark.parametrize(
    "text", ["which things are deciding the salary of AI engineer?", "what would move my compensation up"]
)
def test_what_moves_pay_is_salary_factors(kb, text):
    assert detect_topics(text, kb)[0] == "salary_factors"


def test_learning_machine_learning_is_still_a_learning_path(kb):
    assert detect_topics("how do I learn machine learning", kb)[0] == "learning_path"


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


# ---------- the topic table comes from the KB (careers.yml `topics:`) ----------

BEFORE = json.loads((Path(__file__).with_name("topic_tables_before.json")).read_text(encoding="utf-8"))


def test_the_topic_table_keeps_what_the_code_had(kb):
    """The tables once written in context.py and topics.py (frozen in topic_tables_before.json), for the topics
    that existed then: a topic that loses a cue, a field or a flag fails here; a new topic needs no entry. A cue's
    pattern may grow (new synonyms) but its weight and place stay; a topic may be narrowed by more fields."""
    table = topic_table(kb)
    then = set(BEFORE["topics"])
    assert then <= set(kb.topics)
    fields = {t: list(f) for t, f in table.fields.items() if t in then}
    assert all(set(old) <= set(fields.get(t, ())) for t, old in BEFORE["topic_fields"].items())  # may only grow
    assert table.followable & then == set(BEFORE["followable"])
    assert table.re_askable & then == set(BEFORE["re_askable"])
    cues = {t: [[p.pattern, w] for p, w in c] for t, c in table.cues.items() if t in then}
    assert list(cues) == list(BEFORE["cues"])  # same order: on a tie the earlier topic ranks first
    assert {t: [w for _, w in c] for t, c in cues.items()} == {t: [w for _, w in c] for t, c in BEFORE["cues"].items()}


def test_every_topic_but_the_combined_ones_and_the_interview_has_cues(kb):
    """Without cues a topic is found only by NLU: never in one part of a multi-part message, never by triage."""
    assert {t for t, topic in kb.topics.items() if not topic.cues} == {
        "salary_comparison",
        "skill_comparison",
        "role_fit",
    }
    assert all(pattern.flags & re.I for cues in topic_table(kb).cues.values() for pattern, _ in cues)


def test_a_topic_added_only_in_the_kb_is_detected_narrowed_and_followed(kb):
    """What a new topic needs from the understanding layer is its KB entry: no table in code to extend."""
    raw = kb.dict()
    raw["topics"]["internships"] = {
        "title": "Internships",
        "narrowed_by": ["role", "level"],
        "followable": True,
        "cues": [{"pattern": r"\binterns?(hips?)?\b", "weight": 2}],
    }
    grown = KnowledgeBase.parse_obj(raw)
    norm = normalizer_for(grown)
    assert detect_topics("are there internships for ML engineers?", grown) == ["internships"]
    assert detect_topics("are there internships for ML engineers?", kb) == []
    first = resolve("ask_internships", [{"entity": "role", "value": "ml engineer"}], {}, "internships for MLEs?", norm)
    assert (first.topic, first.role) == ("internships", "ml_engineer")
    follow = resolve("inform", [{"entity": "level", "value": "entry"}], first.context_slots(), "and entry level?", norm)
    assert (follow.topic, follow.role, follow.level) == ("internships", "ml_engineer", "entry")


def test_the_routing_tables_live_in_the_kb(kb):
    """Which topics support each other, each topic's area and where 'what is X?' asks for a term: careers.yml,
    not code (the tables once in understand.py and triage.py, as they were)."""
    table = topic_table(kb)
    assert table.supported_by["salary_comparison"] == ("salary_comparison", "salary", "role_comparison")
    assert table.supported_by["challenges"] == ("challenges",)  # a topic with no family supports only itself
    assert table.area["salary_factors"] == table.area["salary"] == "salary"
    assert table.area["skill_gap"] == table.area["skill_comparison"] == "skills"
    assert table.area["tools"] == "tools"
    assert {"tools", "workflow", "skills", "role_definition"} <= table.defines_terms
    assert "salary" not in table.defines_terms


def test_a_family_naming_an_unknown_topic_fails_validation(kb):
    raw = kb.dict()
    raw["topics"]["salary_factors"]["supported_by"] = ["salaries"]
    with pytest.raises(ValueError, match="salaries"):
        KnowledgeBase.parse_obj(raw)
    raw["topics"]["salary_factors"]["supported_by"] = []
    raw["topics"]["salary_factors"]["area"] = "pay"
    with pytest.raises(ValueError, match="pay"):
        KnowledgeBase.parse_obj(raw)


def test_a_leading_scene_belongs_to_each_question_after_it():
    """'in a customer support automation project, what does the ML engineer do?' is one question, not a scene
    and a role definition."""
    assert split_parts("in a customer support automation project, what does the ML engineer do?") == [
        "in a customer support automation project, what does the ML engineer do"
    ]
    assert split_parts("In the chatbot scenario, what does the ML engineer do and what does the AI engineer do?") == [
        "In the chatbot scenario, what does the ML engineer do",
        "In the chatbot scenario, what does the AI engineer do",
    ]
    assert split_parts("what is X, and what is Y?") == ["what is X", "what is Y"]


def test_a_jump_of_several_steps():
    assert step_shift("skip ahead two steps from there") == 2
    assert step_shift("two steps back") == -2
    assert step_shift("the step after that") == 1


def test_a_bare_role_after_back_to_names_the_role(kb):
    roles = [e["value"] for e in scan_entities("back to AI — entry?", kb) if e["entity"] == "role"]
    assert roles == ["ai engineer"]
    assert not [e for e in scan_entities("intro to AI course", kb) if e["entity"] == "role"]


def test_doing_both_roles_is_asked_by_doing_not_by_naming_both(kb):
    """'both roles' alone names the two roles ('what cloud platforms should both roles know?'), not the question
    whether one person can do both."""
    asks = ("can one person do both?", "is it possible to handle both?", "should I try to do both?")
    names = ("where do both score high?", "do both roles use python?", "What cloud platforms should both roles know?")
    assert all(topic_scores(t, kb).get("both_roles", 0) >= 2 for t in asks)
    assert not any(topic_scores(t, kb).get("both_roles", 0) for t in names)


def test_a_level_jump_of_two_moves_two_levels():
    from actions.understanding.topics import level_shift

    assert [level_shift(t) for t in ("and two levels down from that?", "two levels up", "one level below")] == [
        -2,
        2,
        -1,
    ]


@pytest.mark.parametrize(
    "text",
    ["sagemaker vs vertex ai vs azure ml, which do they use", "is Vertex AI or Azure ML more common?"],
)
def test_ai_or_ml_inside_a_tool_name_is_not_a_role(kb: KnowledgeBase, text: str) -> None:
    assert not [e for e in scan_entities(text, kb) if e["entity"] == "role"]


@pytest.mark.parametrize(
    ("text", "roles"),
    [("AI or ML, which pays more", {"ai engineer", "ml engineer"}), ("entry ML salary", {"ml engineer"})],
)
def test_bare_role_names_still_name_roles(kb: KnowledgeBase, text: str, roles: set) -> None:
    assert {e["value"] for e in scan_entities(text, kb) if e["entity"] == "role"} == roles


@pytest.mark.parametrize(
    ("text", "is_titles"),
    [
        ("In your opinion, which of the two positions is preferable?", False),
        ("which of these positions pays better?", False),
        ("what other positions use AI daily?", True),
    ],
)
def test_positions_means_job_titles_unless_it_is_the_two_roles(kb: KnowledgeBase, text: str, is_titles: bool) -> None:
    assert ("job_titles" in detect_topics(text, kb)) is is_titles
