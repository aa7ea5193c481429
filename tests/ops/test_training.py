"""ops.training: the model cache key covers every training input, and a cached model is reused, not retrained."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from ops import training


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A miniature project tree (config, domain, data, components) that ops.training treats as the repository."""
    (tmp_path / "data").mkdir()
    (tmp_path / "components").mkdir()
    (tmp_path / "config.yml").write_text("pipeline: []\n")
    (tmp_path / "domain.yml").write_text("intents: [greet]\n")
    (tmp_path / "data" / "nlu.yml").write_text("nlu:\n- intent: greet\n  examples: |\n    - hi\n")
    (tmp_path / "data" / "stories.yml").write_text("stories: []\n")
    (tmp_path / "components" / "intent_classifier.py").write_text("WEIGHT = 1\n")
    monkeypatch.setattr(training, "ROOT", tmp_path)
    return tmp_path


def test_key_is_stable_for_unchanged_inputs(project: Path) -> None:
    key = training.training_key("config.yml")
    assert key == training.training_key("config.yml")
    assert len(key) == 12 and int(key, 16) >= 0


@pytest.mark.parametrize(
    "path", ["components/intent_classifier.py", "config.yml", "domain.yml", "data/nlu.yml", "data/stories.yml"]
)
def test_editing_any_training_input_changes_the_key(project: Path, path: str) -> None:
    before = training.training_key("config.yml")
    (project / path).write_text((project / path).read_text() + "# edited\n")
    assert training.training_key("config.yml") != before


def test_a_new_component_file_changes_the_key(project: Path) -> None:
    before = training.training_key("config.yml")
    (project / "components" / "new_featurizer.py").write_text("")
    assert training.training_key("config.yml") != before


def test_the_rasa_version_and_the_tag_are_part_of_the_key(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = training.training_key("config.yml")
    assert training.training_key("config.yml", tag="full=False") != before
    monkeypatch.setattr(training.metadata, "version", lambda _package: "0.0.1")
    assert training.training_key("config.yml") != before


def test_narrowed_data_ignores_the_other_files_but_not_the_components(project: Path) -> None:
    nlu_only = [project / "data" / "nlu.yml"]
    before = training.training_key("config.yml", nlu_only)
    (project / "data" / "stories.yml").write_text("stories: [changed]\n")
    assert training.training_key("config.yml", nlu_only) == before
    (project / "components" / "classifier.py").write_text("WEIGHT = 2\n")
    assert training.training_key("config.yml", nlu_only) != before


def test_train_runs_rasa_once_then_reuses_the_model(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def fake_rasa(command, **_kwargs):
        calls.append(command)
        out = Path(command[command.index("--out") + 1])
        (out / (command[command.index("--fixed-model-name") + 1] + ".tar.gz")).write_bytes(b"model")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(training.subprocess, "run", fake_rasa)
    out = project / "results" / "eval" / "models"
    first = training.train("config.yml", out, "ours")
    key = training.training_key("config.yml")
    assert (first.cached, first.key, first.model) == (False, key, out / f"ours-{key}.tar.gz")
    assert calls[0][1:4] == ["train", "--config", "config.yml"] and calls[0][-2:] == ["--num-threads", "2"]
    assert json.loads((out / f"ours-{key}.json").read_text())["config"] == "config.yml"

    second = training.train("config.yml", out, "ours")
    assert (second.cached, second.model, len(calls)) == (True, first.model, 1)

    (project / "components" / "classifier.py").write_text("WEIGHT = 3\n")  # stale: must train again
    third = training.train("config.yml", out, "ours")
    assert (third.cached, len(calls)) == (False, 2) and third.model != first.model


def test_nlu_only_training_reads_the_given_data(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = []

    def fake_rasa(command, **_kwargs):
        seen.append(command)
        return subprocess.CompletedProcess(command, 1)  # fails: no model written

    monkeypatch.setattr(training.subprocess, "run", fake_rasa)
    fold = project / "fold0.yml"
    fold.write_text("nlu: []\n")
    with pytest.raises(SystemExit, match="training cv0 failed"):
        training.train("config.yml", project / "cv", "cv0", nlu_only=True, data=[fold], data_arg=fold)
    assert seen[0][1:3] == ["train", "nlu"] and seen[0][seen[0].index("--nlu") + 1] == str(fold)
