"""The KB file is validated at load, and a broken file is rejected with a message naming the field."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.knowledge import KnowledgeBaseError, default_kb_path, load_kb


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "kb.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture()
def raw() -> dict:
    return yaml.safe_load(default_kb_path().read_text(encoding="utf-8"))


def test_committed_kb_is_valid():
    kb = load_kb(default_kb_path())
    assert set(kb.roles) == {"ai_engineer", "ml_engineer"}
    assert [s.number for s in kb.workflow.stages] == [1, 2, 3, 4, 5, 6]


@pytest.mark.parametrize(
    ("mutate", "field"),
    [
        (lambda d: d["salaries"]["bands"]["ml_engineer"].pop("mid"), "salaries.bands"),
        (
            lambda d: d["salaries"]["bands"]["ai_engineer"]["entry"].update(low="lots"),
            "salaries.bands.ai_engineer.entry.low",
        ),
        (
            lambda d: d["salaries"]["bands"]["ai_engineer"]["entry"].update(low=200000),
            "salaries.bands.ai_engineer.entry",
        ),
        (lambda d: d["skill_matrix"][0]["levels"].update(ai_engineer="Expert"), "skill_matrix.0.levels.ai_engineer"),
        (lambda d: d["roles"].pop("ml_engineer"), "roles"),
        (lambda d: d["workflow"]["ownership"]["ai_engineer"].append("coffee_break"), "workflow"),
        (lambda d: d.pop("faq"), "faq"),
        (lambda d: d["roles"]["ai_engineer"].update(salary=1), "roles.ai_engineer.salary"),
    ],
)
def test_malformed_kb_names_the_field(tmp_path, raw, mutate, field):
    mutate(raw)
    with pytest.raises(KnowledgeBaseError) as error:
        load_kb(_write(tmp_path, raw))
    message = str(error.value)
    assert f"field '{field}'" in message
    assert "\n" not in message


def test_not_yaml_is_reported_with_line(tmp_path):
    path = tmp_path / "kb.yml"
    path.write_text("roles: [unclosed\n", encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=r"kb.yml: line \d+ is not valid YAML"):
        load_kb(path)


def test_missing_file_is_reported(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="cannot read file"):
        load_kb(tmp_path / "nope.yml")


def test_kb_is_immutable():
    kb = load_kb(default_kb_path())
    with pytest.raises(TypeError):
        kb.roles["ai_engineer"].name = "Wizard"


# ---------- topics: what the code needs to know about each topic is KB data, checked at load ----------


def _set_narrowed_by(d: dict) -> None:
    d["topics"]["salary"]["narrowed_by"] = ["role", "seniority"]


def _break_cue(d: dict) -> None:
    d["topics"]["tools"]["cues"][1]["pattern"] = r"\bplatforms?(\b"


def _zero_weight(d: dict) -> None:
    d["topics"]["math"]["cues"][0]["weight"] = 0


def _cover_unknown_topic(d: dict) -> None:
    d["topics"]["salary_comparison"]["covers"] = ["salary", "pay"]


def _misspell_flag(d: dict) -> None:
    d["topics"]["scenarios"]["folowable"] = d["topics"]["scenarios"].pop("followable")


@pytest.mark.parametrize(
    ("mutate", "says"),
    [
        (
            _set_narrowed_by,
            "field 'topics.salary.narrowed_by': unknown field 'seniority' (a topic can be narrowed by: role, level,",
        ),
        (_break_cue, "field 'topics.tools.cues.1.pattern': not a valid regular expression (missing ), unterminated"),
        (_zero_weight, "field 'topics.math.cues.0.weight': ensure this value is greater than or equal to 1"),
        (_cover_unknown_topic, "field 'topics': topics.salary_comparison.covers names unknown topics: pay"),
        (_misspell_flag, "field 'topics.scenarios.folowable': extra fields not permitted"),
    ],
)
def test_a_bad_topic_entry_is_named_at_load(tmp_path, raw, mutate, says):
    mutate(raw)
    with pytest.raises(KnowledgeBaseError) as error:
        load_kb(_write(tmp_path, raw))
    assert says in str(error.value)
    assert "\n" not in str(error.value)


def test_topic_titles_are_the_button_labels():
    kb = load_kb(default_kb_path())
    assert kb.topics["salary"].title == "Salaries"
    assert all(topic.title.strip() for topic in kb.topics.values())
