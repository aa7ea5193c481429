"""patches/no_tensorflow.py: a model whose graph runs no TensorFlow is served without importing it, with the same
parses; a model that needs TensorFlow gets the real one."""

from __future__ import annotations

import io
import json
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from ops.servers import MODEL, ROOT
from patches import no_tensorflow

# Parses every message of tests/nlu_test.yml with the trained model and prints them as JSON, plus whether the
# tensorflow module is the real one and the process's resident memory.
_PARSE = """
import asyncio, json, os, sys
sys.path.insert(0, {root!r})
from patches.no_tensorflow import serve_without_tensorflow
from pathlib import Path
stood_in = {stand_in} and serve_without_tensorflow(Path({model!r}))
import patches  # noqa
from rasa.core.agent import Agent
sys.path.insert(0, os.path.join({root!r}, "eval"))
from run_eval import load_examples
texts = [ex["text"] for ex in load_examples(os.path.join({root!r}, "tests", "nlu_test.yml"))]
agent = Agent.load({model!r})
async def parse():
    out = []
    for text in texts:
        r = await agent.parse_message(text)
        out.append([r["intent"]["name"], round(r["intent"]["confidence"], 9),
                    [[e["entity"], e["value"], e["start"], e["end"]] for e in r["entities"]]])
    return out
parses = asyncio.run(parse())
rss = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmRSS")) // 1024
import tensorflow
print(json.dumps({{"stood_in": stood_in, "real": hasattr(tensorflow, "Tensor") and isinstance(tensorflow.Tensor, type)
    and tensorflow.__class__.__name__ == "module", "rss_mb": rss, "parses": parses}}))
"""


def _parse(stand_in: bool) -> dict:
    code = _PARSE.format(root=str(ROOT), model=str(MODEL), stand_in=stand_in)
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_trained_model_runs_no_tensorflow_component():
    assert no_tensorflow.graph_components(MODEL) <= no_tensorflow.TENSORFLOW_FREE


def test_same_parses_without_tensorflow_and_far_less_memory():
    real, stand_in = _parse(stand_in=False), _parse(stand_in=True)
    assert real["real"] and not real["stood_in"]
    assert stand_in["stood_in"] and not stand_in["real"]
    assert len(real["parses"]) > 400
    assert stand_in["parses"] == real["parses"]  # intents, confidences and entity spans, message by message
    assert stand_in["rss_mb"] < real["rss_mb"] - 250, (stand_in["rss_mb"], real["rss_mb"])


def _model_with(tmp_path: Path, uses: str) -> Path:
    metadata = {
        "predict_schema": {"nodes": {"a": {"uses": "components.spacy_nlp.TrimmedSpacyNLP"}, "b": {"uses": uses}}}
    }
    path = tmp_path / "model.tar.gz"
    with tarfile.open(path, "w:gz") as archive:
        data = json.dumps(metadata).encode()
        info = tarfile.TarInfo("metadata.json")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    return path


def test_a_model_with_a_tensorflow_component_gets_the_real_tensorflow(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delitem(sys.modules, "tensorflow", raising=False)
    assert not no_tensorflow.serve_without_tensorflow(
        _model_with(tmp_path, "rasa.nlu.classifiers.diet_classifier.DIETClassifier")
    )
    assert not any(isinstance(f, no_tensorflow._Finder) for f in sys.meta_path)


def test_switched_off_or_without_a_model_nothing_is_stood_in(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    monkeypatch.delitem(sys.modules, "tensorflow", raising=False)
    assert not no_tensorflow.serve_without_tensorflow(None)
    monkeypatch.setenv(no_tensorflow.OFF_ENV, "1")
    assert not no_tensorflow.serve_without_tensorflow(
        _model_with(tmp_path, "rasa.nlu.tokenizers.spacy_tokenizer.SpacyTokenizer")
    )


@pytest.mark.parametrize(
    ("args", "found"),
    [
        (["run", "--model", "MODEL"], True),
        (["shell", "-m", "MODEL"], True),
        (["run", "--model=MODEL"], True),
        (["run"], False),
        (["run", "--model", "missing.tar.gz"], False),
    ],
)
def test_the_model_is_read_from_the_command_line(args, found):
    args = [str(MODEL) if a == "MODEL" else a.replace("=MODEL", f"={MODEL}") for a in args]
    assert (no_tensorflow.model_argument(args) == MODEL) is found


def test_the_stand_in_is_inert():
    stand_in = no_tensorflow._StandInModule("tensorflow")
    layer = stand_in.keras.layers.Dense  # any attribute chain is a class
    assert isinstance(layer, type) and not list(stand_in.config.list_physical_devices("GPU"))

    @stand_in.function
    def add(a: int, b: int) -> int:
        return a + b

    assert add(1, 2) == 3  # a decorator leaves the function as it is

    class Model(stand_in.keras.Model):  # Rasa defines its TensorFlow models at import
        pass

    assert isinstance(Model, type)
