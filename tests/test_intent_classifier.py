"""components/intent_classifier.py inside a real Rasa graph: trains, ranks, persists and loads back."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from components.intent_classifier import EncoderIntentClassifier

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = {
    "ask_salary": ["how much does an ai engineer earn", "salary of a machine learning engineer", "pay for ml jobs"],
    "greet": ["hello", "hi there", "good morning"],
    "ask_tools": ["which tools do ml engineers use", "what software does an ai engineer need", "tools for mlops"],
}


@pytest.fixture
def storage(tmp_path: Path) -> LocalModelStorage:
    return LocalModelStorage(tmp_path)


def _context() -> ExecutionContext:
    return ExecutionContext(GraphSchema({}), "test")


def _train(
    storage: LocalModelStorage, examples: dict[str, list[str]] = EXAMPLES, resource: str = "clf", **config
) -> EncoderIntentClassifier:
    data = TrainingData([Message(data={"text": t, "intent": i}) for i, texts in examples.items() for t in texts])
    classifier = EncoderIntentClassifier.create(
        {**EncoderIntentClassifier.get_default_config(), **config}, storage, Resource(resource), _context()
    )
    classifier.train(data)
    return classifier


def _parse(classifier: EncoderIntentClassifier, text: str) -> Message:
    return classifier.process([Message(data={"text": text})])[0]


def test_ranks_intents_and_limits_the_ranking(storage):
    message = _parse(_train(storage, ranking_length=2), "what does a machine learning engineer earn")
    assert message.get("intent")["name"] == "ask_salary"
    ranking = message.get("intent_ranking")
    assert len(ranking) == 2 and ranking[0]["confidence"] >= ranking[1]["confidence"]


def test_without_spacy_docs_it_uses_the_tfidf_features_only(storage):
    classifier = _train(storage)
    assert classifier.model["spacy_dim"] == 0  # no SpacyNLP in this graph
    assert _parse(classifier, "hey, good morning").get("intent")["name"] == "greet"


def test_persists_and_loads_back_the_same_predictions(storage):
    trained = _train(storage)
    loaded = EncoderIntentClassifier.load(
        EncoderIntentClassifier.get_default_config(), storage, Resource("clf"), _context()
    )
    for text in ["tools for an ai engineer", "hi", "salary please"]:
        assert _parse(loaded, text).get("intent_ranking") == _parse(trained, text).get("intent_ranking")


def test_untrained_component_leaves_messages_alone(storage):
    classifier = EncoderIntentClassifier.load(
        EncoderIntentClassifier.get_default_config(), storage, Resource("never-trained"), _context()
    )
    assert _parse(classifier, "hello").get("intent") is None


def test_a_saved_model_is_plain_data(storage, tmp_path: Path):
    """JSON + arrays loaded with allow_pickle=False: a model file cannot run code when Rasa loads it."""
    _train(storage)
    with storage.read_from(Resource("clf")) as directory:
        assert sorted(p.name for p in directory.iterdir()) == ["intent_classifier.json", "intent_classifier.npz"]


def test_loading_needs_no_skops_and_keeps_rasas_log_level():
    """Importing skops.io cost ~9 s of cold start and reset the root logger to WARNING (silencing Rasa's INFO
    lines); the component must not bring it back. Checked in a fresh interpreter."""
    code = (
        "import logging, sys; logging.getLogger().setLevel(logging.INFO)\n"
        "import components.intent_classifier\n"
        "assert 'skops.io' not in sys.modules, 'skops.io imported'\n"
        "assert logging.getLogger().level == logging.INFO, logging.getLogger().level\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_loading_to_classify_leaves_blas_one_thread():
    """OpenBLAS threads spin between a message's tiny products (~5 ms of CPU per message): a model loaded to
    classify sets every BLAS library to one thread. Checked in a fresh interpreter: the setting is process-wide."""
    code = (
        "import tempfile\n"
        "from pathlib import Path\n"
        "from threadpoolctl import threadpool_info\n"
        "from rasa.engine.graph import ExecutionContext, GraphSchema\n"
        "from rasa.engine.storage.local_model_storage import LocalModelStorage\n"
        "from rasa.engine.storage.resource import Resource\n"
        "from components.intent_classifier import EncoderIntentClassifier as C\n"
        "storage = LocalModelStorage(Path(tempfile.mkdtemp()))\n"
        "C.load(C.get_default_config(), storage, Resource('none'), ExecutionContext(GraphSchema({}), 't'))\n"
        "blas = [i['num_threads'] for i in threadpool_info() if i['user_api'] == 'blas']\n"
        "assert blas and set(blas) == {1}, blas\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_fast_scorer_gives_scikit_learns_probabilities(storage):
    """process() scores one message without scikit-learn's transform/predict_proba; the numbers must not move."""
    import numpy as np

    from components.intent_classifier import LinearScorer

    classifier = _train(storage)
    spacy_dim = 8  # as if SpacyNLP had attached docs: a spaCy block with its own coefficients
    rng = np.random.default_rng(0)
    model = {**classifier.model, "spacy_dim": spacy_dim}
    lr = model["lr"]
    lr.coef_ = np.hstack([lr.coef_, rng.normal(size=(lr.coef_.shape[0], spacy_dim))])
    lr.n_features_in_ = lr.coef_.shape[1]
    scorer = LinearScorer(model)
    texts = ["what does a machine learning engineer earn", "tools tools TOOLS for mlops?", "zzz qqq", ""]
    for text in texts:
        vector = rng.normal(size=spacy_dim).astype(np.float32)
        expected = lr.predict_proba(
            np.hstack([model["word"].transform([text]).toarray(), model["char"].transform([text]).toarray(), [vector]])
        )[0]
        assert np.allclose(scorer.probabilities(text, vector), expected, rtol=0, atol=1e-12), text


@pytest.fixture(scope="module")
def nlp():
    """en_core_web_sm from the PyPI copy, as config.yml loads it (tok2vec only)."""
    import spacy
    import yaml

    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    path = next(c["model"] for c in pipeline if "Spacy" in c["name"] and "model" in c)
    return spacy.load(ROOT / path, exclude=["tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])


def test_blended_regressions_round_trip_and_match_scikit_learn(storage, nlp):
    """dense_blend < 1: the doc-vector model and the n-gram-only model, mixed; persisted, loaded, and scored
    by the fast path exactly as scikit-learn would mix the two regressions' probabilities."""
    import numpy as np
    from rasa.nlu.constants import SPACY_DOCS

    def message(text: str, intent: str | None = None) -> Message:
        data = {"text": text, **({"intent": intent} if intent else {})}
        m = Message(data=data)
        m.set(SPACY_DOCS["text"], nlp(text))
        return m

    data = TrainingData([message(t, i) for i, texts in EXAMPLES.items() for t in texts])
    config = {**EncoderIntentClassifier.get_default_config(), "dense_blend": 0.25}
    trained = EncoderIntentClassifier.create(config, storage, Resource("blend"), _context())
    trained.train(data)
    model = trained.model
    assert model["spacy_dim"] == 96 and model["lr_text"] is not None
    loaded = EncoderIntentClassifier.load(config, storage, Resource("blend"), _context())
    for text in ["what does a machine learning engineer earn", "good morning", "which tools for mlops"]:
        ranking = loaded.process([message(text)])[0].get("intent_ranking")
        tfidf = np.hstack([model["word"].transform([text]).toarray(), model["char"].transform([text]).toarray()])
        vector = nlp(text).vector
        vector = 0.5 * vector / np.linalg.norm(vector)  # spacy_weight 0.5, L2-normalised
        expected = 0.25 * model["lr"].predict_proba(np.hstack([tfidf, [vector]]))[0]
        expected += 0.75 * model["lr_text"].predict_proba(tfidf)[0]
        by_name = dict(zip(model["lr"].classes_, expected, strict=True))
        assert ranking[0]["name"] == max(by_name, key=by_name.get)
        for entry in ranking:
            assert abs(entry["confidence"] - by_name[entry["name"]]) < 1e-6, (text, entry)


def test_sentence_embeddings_round_trip_match_scikit_learn_and_catch_paraphrases(storage):
    """encoder_weight > 0: the MiniLM embedding is the dense block (spacy_weight 0, as config.yml runs it); the
    fast path gives scikit-learn's blended probabilities, and a paraphrase sharing no content word is placed."""
    import numpy as np

    from components.sentence_encoder import encode

    config = {
        **EncoderIntentClassifier.get_default_config(),
        "spacy_weight": 0,
        "encoder_weight": 4,
        "dense_blend": 0.75,
    }
    trained = _train(storage, resource="encoder", **config)
    model = trained.model
    assert model["spacy_dim"] == 0 and model["encoder_dim"] == 384 and model["lr_text"] is not None
    loaded = EncoderIntentClassifier.load(config, storage, Resource("encoder"), _context())
    for text in ["what does a machine learning engineer earn", "good morning", "compensation?"]:
        ranking = loaded.process([Message(data={"text": text})])[0].get("intent_ranking")
        tfidf = np.hstack([model["word"].transform([text]).toarray(), model["char"].transform([text]).toarray()])
        expected = 0.75 * model["lr"].predict_proba(np.hstack([tfidf, 4 * encode([text])]))[0]
        expected += 0.25 * model["lr_text"].predict_proba(tfidf)[0]
        by_name = dict(zip(model["lr"].classes_, expected, strict=True))
        for entry in ranking:
            assert abs(entry["confidence"] - by_name[entry["name"]]) < 1e-5, (text, entry)
    assert _parse(loaded, "what's the compensation like?").get("intent")["name"] == "ask_salary"


def test_a_negative_encoder_weight_is_refused(storage):
    from rasa.shared.exceptions import InvalidConfigException

    with pytest.raises(InvalidConfigException, match="encoder_weight must be 0"):
        _train(storage, encoder_weight=-1)


def test_a_blend_outside_0_to_1_is_refused(storage):
    from rasa.shared.exceptions import InvalidConfigException

    with pytest.raises(InvalidConfigException, match="dense_blend must be between 0 and 1"):
        _train(storage, dense_blend=1.5)


# In-scope examples that share their words (as real training data does), and off-topic ones that don't.
ROLES = ["an ai engineer", "a machine learning engineer", "an ml engineer", "ai engineers", "ml engineers"]
WITH_OFF_TOPIC = {
    "ask_salary": [f"how much does {r} earn" for r in ROLES] + [f"what is the salary of {r}" for r in ROLES],
    "ask_tools": [f"which tools does {r} use" for r in ROLES] + [f"what is the software of {r}" for r in ROLES],
    "out_of_scope": [
        "what's the weather tomorrow",
        "order me a pizza",
        "who won the football game",
        "tell me a joke",
        "how do i bake bread",
        "recommend a movie",
    ],
}


def test_the_regression_learns_that_unknown_words_mean_off_topic(storage):
    """Off-topic examples' words never count as in-scope, and in-scope examples are scored leave-one-out, so
    the share column separates the two in training: its weight is positive for out_of_scope only."""
    import numpy as np

    without = _train(storage, WITH_OFF_TOPIC, "without", unknown_word_weight=0.0)
    assert without.model["in_scope_words"] is None
    classifier = _train(storage, WITH_OFF_TOPIC, "with", unknown_word_weight=1.0)
    words = classifier.model["in_scope_words"]
    assert words["engineer"] == 12 and "pizza" not in words and "weather" not in words
    model = classifier.model
    column = model["lr"].coef_[:, len(model["word"].idf_) + len(model["char"].idf_)]
    weights = dict(zip(model["lr"].classes_, column, strict=True))
    assert weights["out_of_scope"] > 0 > max(weights["ask_salary"], weights["ask_tools"]), weights

    # Same frame, new subject: more off-topic than the in-scope question ("plumber" is the one unknown word).
    def off_topic(text: str) -> float:
        ranking = _parse(classifier, text).get("intent_ranking")
        return next(entry["confidence"] for entry in ranking if entry["name"] == "out_of_scope")

    assert off_topic("how much does a plumber earn") > off_topic("how much does an ml engineer earn")
    assert np.isclose(sum(e["confidence"] for e in _parse(classifier, "hello").get("intent_ranking")), 1.0)


def test_unknown_word_column_round_trips_and_matches_scikit_learn(storage):
    """The fast scorer adds the share column exactly as the training features had it, at the trained weight,
    even when the model is loaded with a different weight in its config."""
    import numpy as np

    from components.unknown_words import unknown_share

    trained = _train(storage, WITH_OFF_TOPIC, "unknown", unknown_word_weight=0.7)
    loaded = EncoderIntentClassifier.load(
        {**EncoderIntentClassifier.get_default_config(), "unknown_word_weight": 3.0},
        storage,
        Resource("unknown"),
        _context(),
    )
    model = trained.model
    tokenize = trained._scorer.tokenize
    for text in ["how much does a plumber earn", "tools for mlops", "qqq zzz", ""]:
        share = unknown_share(tokenize(text), model["in_scope_words"])
        features = np.hstack(
            [model["word"].transform([text]).toarray(), model["char"].transform([text]).toarray(), [[0.7 * share]]]
        )
        expected = dict(zip(model["lr"].classes_, model["lr"].predict_proba(features)[0], strict=True))
        for entry in _parse(loaded, text).get("intent_ranking"):
            assert abs(entry["confidence"] - expected[entry["name"]]) < 1e-9, (text, entry)


def test_a_negative_unknown_word_weight_is_refused(storage):
    from rasa.shared.exceptions import InvalidConfigException

    with pytest.raises(InvalidConfigException, match="unknown_word_weight must be 0"):
        _train(storage, unknown_word_weight=-1)


def test_the_held_out_gate_set_shares_no_message_with_the_training_data():
    """tests/nlu_test.yml measures generalisation only if no message is (nearly) a training example (issue 14)."""
    sys.path.insert(0, str(ROOT / "eval"))
    import dedupe

    training = dedupe.training_keys(sorted((ROOT / "data").glob("*.yml")))
    duplicates = dedupe.dedupe_file(ROOT / "tests" / "nlu_test.yml", training, write=False)
    assert not duplicates, f"run `.venv/bin/python eval/dedupe.py`: {duplicates[:5]}"
    assert len(dedupe.example_texts(ROOT / "tests" / "nlu_test.yml")) >= 400
    # the check itself: a training example copied with other case and punctuation, and a near copy, are caught
    some = max(dedupe.example_texts(ROOT / "data" / "nlu.yml"), key=len)
    assert dedupe.overlap(some.upper() + " ?!", training, set(training))[0] == "verbatim"
    assert dedupe.overlap(some + "x", training, set(training)) is not None
