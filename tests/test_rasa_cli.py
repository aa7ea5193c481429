"""Rasa's own checks on the real trained model: data validation, conversation tests, held-out NLU gate."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from tests.e2e.servers import MODEL, ROOT, VENV_BIN, base_env

pytestmark = pytest.mark.e2e


def rasa(*args: str, timeout: int = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(VENV_BIN / "rasa"), *args],
        cwd=ROOT,
        env=base_env(ACTIONS_PORT="5055"),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_data_validates_without_warnings():
    result = rasa("data", "validate", "--fail-on-warnings")
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    # Rasa reports some data problems (e.g. an unused response) as warnings without failing the command.
    assert "UserWarning" not in output, [line for line in output.splitlines() if "UserWarning" in line]


def test_conversation_stories_pass(tmp_path):
    result = rasa(
        "test",
        "core",
        "--model",
        str(MODEL),
        "--stories",
        "tests/test_stories.yml",
        "--fail-on-prediction-errors",
        "--out",
        str(tmp_path),
    )
    failed = (
        (tmp_path / "failed_test_stories.yml").read_text() if (tmp_path / "failed_test_stories.yml").exists() else ""
    )
    assert result.returncode == 0, failed[-4000:] or result.stderr[-3000:]
    report = json.loads((tmp_path / "story_report.json").read_text())
    assert report["conversation_accuracy"]["accuracy"] == 1.0


def test_held_out_nlu_meets_thresholds(tmp_path):
    result = rasa("test", "nlu", "--model", str(MODEL), "--nlu", "tests/nlu_test.yml", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    floors = yaml.safe_load((ROOT / "tests" / "nlu_thresholds.yml").read_text())
    intents = json.loads((tmp_path / "intent_report.json").read_text())
    # Rasa names the entity report after the extractor in config.yml (CRFEntityExtractor_report.json).
    extractor_reports = list(tmp_path.glob("*Extractor_report.json"))
    assert len(extractor_reports) == 1, [p.name for p in tmp_path.glob("*.json")]
    entities = json.loads(extractor_reports[0].read_text())
    measured = {
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intent_accuracy": intents["accuracy"],
        "entity_micro_f1": entities["micro avg"]["f1-score"],
        "off_topic_recall": intents["out_of_scope"]["recall"],
        "off_topic_precision": intents["out_of_scope"]["precision"],
    }
    print("held-out NLU:", json.dumps(measured))
    below = {k: (round(v, 3), floors[k]) for k, v in measured.items() if v < floors[k]}
    assert not below, f"held-out NLU below floor (measured, floor): {below}"
