"""components/spacy_nlp.py: Rasa's SpacyNLP with only the pipes careerbot reads."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.utils.spacy_utils import SpacyNLP
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.training_data.message import Message

from components.spacy_nlp import TrimmedSpacyNLP

ROOT = Path(__file__).resolve().parents[1]


def _config() -> dict:
    """The component's settings exactly as config.yml gives them."""
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    return next(c for c in pipeline if c["name"] == "components.spacy_nlp.TrimmedSpacyNLP")


def _create(tmp_path: Path, **config) -> TrimmedSpacyNLP:
    settings = {**TrimmedSpacyNLP.get_default_config(), **_config(), **config}
    settings["model"] = str(ROOT / settings["model"])
    return TrimmedSpacyNLP.create(
        settings, LocalModelStorage(tmp_path), Resource("spacy"), ExecutionContext(GraphSchema({}), "test")
    )


def test_config_runs_no_pipe_and_still_gives_the_tokens(tmp_path: Path):
    """config.yml keeps no pipe: the tokens (all SpacyTokenizer and the CRF read) come from the tokenizer."""
    component = _create(tmp_path)
    nlp = component.provide().model
    assert nlp.pipe_names == [] and nlp.component_names == []  # excluded: their weights are never loaded
    message = Message(data={"text": "What does an ML engineer earn in Berlin?"})
    component.process([message], component.provide())
    doc = message.get("text_spacy_doc")
    assert [t.text for t in doc][:4] == ["what", "does", "an", "ml"]  # case_sensitive: false


def test_keeping_tok2vec_still_gives_doc_vectors(tmp_path: Path):
    component = _create(tmp_path, keep_pipes=["tok2vec"])
    assert component.provide().model.pipe_names == ["tok2vec"]
    message = Message(data={"text": "What does an ML engineer earn in Berlin?"})
    component.process([message], component.provide())
    doc = message.get("text_spacy_doc")
    assert doc.vector.shape == (96,) and abs(doc.vector).sum() > 0  # the intent classifier's optional spaCy block


def test_is_a_spacy_nlp_for_the_components_that_require_one():
    assert issubclass(TrimmedSpacyNLP, SpacyNLP)


def test_an_unknown_pipe_is_refused_with_the_pipes_the_model_has(tmp_path: Path):
    with pytest.raises(InvalidConfigException, match="'parserr'.*tok2vec"):
        _create(tmp_path, keep_pipes=["tok2vec", "parserr"])
