"""`python -m actions.knowledge.check` (run by `make validate`): a KB rename or an NLU synonym the KB does not
know fails here, with a line naming it, instead of at run time."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actions.knowledge import KnowledgeBaseError, default_kb_path, load_kb
from actions.knowledge.check import NLU_PATH, nlu_vocabulary_problems, topic_problems

ROOT = Path(__file__).resolve().parents[2]


def test_the_committed_nlu_data_speaks_the_kb_vocabulary(kb):
    assert nlu_vocabulary_problems(kb) == []


def test_an_unknown_synonym_value_or_example_is_named(kb, tmp_path):
    nlu = tmp_path / "nlu.yml"
    nlu.write_text(
        yaml.safe_dump(
            {
                "version": "3.1",
                "nlu": [
                    {"synonym": "ml_engineer", "examples": "- ml eng\n- plumber\n"},
                    {"synonym": "rocket_scientist", "examples": "- rocket guy\n"},
                    {
                        "intent": "ask_salary",
                        "examples": '- pay at [snr]{"entity": "level", "value": "principal"}\n'
                        '- pay in [Berlin]{"entity": "location", "value": "berlin"}\n',
                    },
                ],
            }
        )
    )
    assert nlu_vocabulary_problems(kb, nlu) == [
        "synonym 'ml_engineer': example 'plumber' does not resolve to it",
        "synonym 'rocket_scientist' is not a KB key",
        "intent ask_salary: level value 'principal' is not a KB key of that kind",
    ]


def test_every_kb_topic_is_a_domain_intent(kb, tmp_path):
    assert topic_problems(kb) == []
    domain = tmp_path / "domain.yml"
    domain.write_text(yaml.safe_dump({"intents": [f"ask_{t}" for t in kb.topics if t != "math"]}))
    assert topic_problems(kb, domain) == ["topic 'math': domain.yml has no intent ask_math"]


def _raw() -> dict:
    return yaml.safe_load(default_kb_path().read_text(encoding="utf-8"))


def _rename_learning_stage(d: dict) -> None:
    d["learning_paths"][0]["key"] = "basics"


def _rename_responsibility(d: dict) -> None:
    d["responsibilities"][0]["key"] = "focus"


def _rename_job_title(d: dict) -> None:
    d["job_titles"]["ml_focused"][-1]["key"] = "nlp_specialist"


def _drop_level_words(d: dict) -> None:
    d["vocabulary"]["levels"].pop("mid")


def _rename_tool_category(d: dict) -> None:
    """'development' is named by the tools answer (actions/knowledge/keys.py)."""
    next(c for c in d["tools"]["categories"] if c["key"] == "development")["key"] = "dev_tools"


def _rename_core_area(d: dict) -> None:
    """'mathematics' has words in the vocabulary and is named by the math answer."""
    next(a for a in d["core_skills"]["areas"] if a["key"] == "mathematics")["key"] = "maths"


@pytest.mark.parametrize(
    ("mutate", "says"),
    [
        (_rename_learning_stage, "vocabulary.path_stages: unknown keys foundation; no words for basics"),
        (_rename_responsibility, "vocabulary.aspects: unknown keys primary_focus; no words for focus"),
        (_rename_job_title, "vocabulary.job_titles: unknown keys nlp_engineer; no words for nlp_specialist"),
        (_drop_level_words, "missing words for levels: mid"),
        (_rename_tool_category, "tools.categories lacks development, which the code uses"),
        (_rename_core_area, "unknown skills: mathematics"),  # learning_topic_skills catches it first
    ],
)
def test_a_kb_rename_without_its_words_fails_at_load(tmp_path, mutate, says):
    data = _raw()
    mutate(data)
    path = tmp_path / "kb.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=says):
        load_kb(path)


def test_the_command_fails_on_a_renamed_key_and_passes_on_the_committed_kb(tmp_path):
    data = _raw()
    _rename_learning_stage(data)
    bad = tmp_path / "kb.yml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    run = [sys.executable, "-m", "actions.knowledge.check"]
    failed = subprocess.run([*run, str(bad)], cwd=ROOT, capture_output=True, text=True)
    assert failed.returncode == 1 and "vocabulary.path_stages" in failed.stderr
    passed = subprocess.run(run, cwd=ROOT, capture_output=True, text=True)
    assert passed.returncode == 0 and "knowledge base OK" in passed.stdout
    assert NLU_PATH.exists()


@pytest.mark.parametrize(
    ("topic", "entry", "says"),
    [
        ("salary", {"narrowed_by": ["role", "lvl"]}, "topics.salary.narrowed_by': unknown field 'lvl'"),
        ("skills", {"cues": [{"pattern": "[skills", "weight": 2}]}, "topics.skills.cues.0.pattern': not a valid"),
    ],
)
def test_the_command_names_the_topic_of_a_bad_entry(tmp_path, topic, entry, says):
    """`make validate` fails on a topic entry the code could not use, before any conversation reaches it."""
    data = _raw()
    data["topics"][topic].update(entry)
    bad = tmp_path / "kb.yml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    failed = subprocess.run(
        [sys.executable, "-m", "actions.knowledge.check", str(bad)], cwd=ROOT, capture_output=True, text=True
    )
    assert failed.returncode == 1
    assert says in failed.stderr and "Traceback" not in failed.stderr
