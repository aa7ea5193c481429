"""components/crf_entity_extractor.py: the trained CRFs are stored and loaded (not trained again), same entities."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.constants import TOKENS_NAMES
from rasa.nlu.extractors.crf_entity_extractor import CRFEntityExtractor
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import coo_matrix

from components.crf_entity_extractor import StoredCRFEntityExtractor

EXAMPLES = [
    ("what does a senior ml engineer earn", [("senior", "level"), ("ml engineer", "role")]),
    ("salary of a junior ai engineer", [("junior", "level"), ("ai engineer", "role")]),
    ("which tools does a data scientist use", [("data scientist", "role")]),
    ("is pytorch used by ml engineers", [("pytorch", "tool"), ("ml engineers", "role")]),
    ("tell me about mid level ai engineers", [("mid level", "level"), ("ai engineers", "role")]),
    ("do junior data scientists use docker", [("junior", "level"), ("data scientists", "role"), ("docker", "tool")]),
    ("hello there", []),
]
PROBES = ["what does a junior ml engineer earn", "docker for data scientists", "hi", "senior ai engineer tools pytorch"]


def _message(text: str, entities: list[tuple[str, str]] | None = None) -> Message:
    data = {"text": text, "intent": "ask"} if entities is not None else {"text": text}
    if entities is not None:
        data["entities"] = [
            {"start": text.index(value), "end": text.index(value) + len(value), "value": value, "entity": name}
            for value, name in entities
        ]
    return Message(data=data)


def _tokenize(messages: list[Message]) -> list[Message]:
    """Tokens, and a feature per token (the extractor skips messages without features; RegexFeaturizer's in
    config.yml)."""
    WhitespaceTokenizer(WhitespaceTokenizer.get_default_config()).process_training_data(TrainingData(messages))
    for message in messages:
        rows = len(message.get(TOKENS_NAMES[TEXT]))
        message.add_features(Features(coo_matrix(np.ones((rows, 1))), FEATURE_TYPE_SEQUENCE, TEXT, "test"))
    return messages


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _entities(extractor: CRFEntityExtractor) -> list[list[tuple]]:
    found = []
    for text in PROBES:
        (message,) = extractor.process(_tokenize([_message(text)]))
        found.append(
            [
                (e["entity"], e["value"], e["start"], round(e["confidence_entity"], 12))
                for e in message.get("entities", [])
            ]
        )
    return found


@pytest.fixture
def trained(tmp_path: Path) -> LocalModelStorage:
    storage = LocalModelStorage(tmp_path)
    config = {
        **StoredCRFEntityExtractor.get_default_config(),
        "features": [["low"], ["low", "suffix3", "prefix2"], ["low"]],
    }
    extractor = StoredCRFEntityExtractor.create(config, storage, Resource("crf"), _context())
    extractor.train(TrainingData(_tokenize([_message(text, entities) for text, entities in EXAMPLES])))
    storage.config = config  # type: ignore[attr-defined]
    return storage


def test_load_opens_the_stored_models_without_training(trained: LocalModelStorage, monkeypatch) -> None:
    with trained.read_from(Resource("crf")) as directory:
        assert (directory / "crf_entity.crfsuite").is_file()
    retrained = CRFEntityExtractor.load(trained.config, trained, Resource("crf"), _context())  # Rasa's: trains again

    def no_training(*_args, **_kwargs):
        raise AssertionError("load trained the CRFs again")

    monkeypatch.setattr(CRFEntityExtractor, "train_model", no_training)
    loaded = StoredCRFEntityExtractor.load(trained.config, trained, Resource("crf"), _context())
    assert loaded.crf_order == retrained.crf_order
    assert _entities(loaded) == _entities(retrained)
    assert any(_entities(loaded))  # the probes do find entities


def test_a_model_without_stored_crfs_is_trained_again_as_before(trained: LocalModelStorage) -> None:
    with trained.read_from(Resource("crf")) as directory:
        for path in directory.glob("*.crfsuite"):
            path.unlink()
    loaded = StoredCRFEntityExtractor.load(trained.config, trained, Resource("crf"), _context())
    assert loaded.entity_taggers and any(_entities(loaded))


def test_an_untrained_resource_loads_empty(tmp_path: Path) -> None:
    storage = LocalModelStorage(tmp_path)
    config = StoredCRFEntityExtractor.get_default_config()
    loaded = StoredCRFEntityExtractor.load(config, storage, Resource("never-trained"), _context())
    assert loaded.entity_taggers is None
