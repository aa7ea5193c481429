"""Intent classifier: a logistic regression over a sentence embedding (all-MiniLM-L6-v2) and TF-IDF n-grams.

Why not DIET: on careerbot's ~3,400 short training examples, a linear model over the sentence embedding and
word and character n-grams separates the intents better than DIET (reports/eval.md) and trains in seconds
instead of minutes (reports/bench.md).

The sentence embedding (`encoder_weight` > 0; components/sentence_encoder.py, all-MiniLM-L6-v2 run by onnxruntime)
is a pretrained paraphrase model: messages that share no words with any training example but mean the same land near
it. In 3-fold cross-validation on the training data (2,052 examples then) it raised intent macro-F1 from 0.80 to
~0.89 and cut false refusals from 5.3 % to ~1.6 % (config.yml, eval/cv_variants.json). The n-grams keep what the
embedding blurs: exact terms, acronyms and misspellings.

Two regressions, blended: one over the n-grams and the dense vectors (the embedding; spaCy's doc vector too
when `spacy_weight` > 0, which config.yml switches off since the embedding made it redundant), one over the
n-grams alone; the intent probabilities are `dense_blend` x the first + (1 - dense_blend) x the second. The
dense model tells the in-scope intents apart better but makes some off-topic messages look in-scope; the
blend weight config.yml uses was picked by cross-validation (eval/cv_variants.json).

Both regressions also see one more number: the share of the message's words that no in-scope training example
uses (components/unknown_words.py), which catches off-topic questions asked in an in-scope question's words.

Config (config.yml): `C` (inverse regularisation), `word_ngrams` and `char_ngrams` ([min, max]),
`spacy_weight` (scale of the L2-normalised spaCy doc vector relative to the TF-IDF blocks; 0 switches it off),
`encoder_weight` (scale of the L2-normalised sentence embedding; 0 switches it off), `dense_blend` (share of
the model with the dense vectors; 1 = that model alone), `unknown_word_weight` (scale of the
unknown-word share; 0 switches it off), `out_of_scope_intent` (whose examples don't count as in-scope words),
`max_iter`, `ranking_length`.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any, Dict, List, Mapping

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.constants import SPACY_DOCS
from rasa.shared.exceptions import InvalidConfigException
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from threadpoolctl import threadpool_limits

from components import sentence_encoder
from components.unknown_words import Tokenize, document_frequencies, unknown_share

logger = logging.getLogger(__name__)

# The trained state is stored as plain data (JSON + NumPy arrays loaded with allow_pickle=False): nothing in
# the model file can run code, and loading needs no pickle/skops machinery (importing skops.io alone took
# ~9 s of `rasa run`'s cold start, reports/bench.md).
STATE_JSON, STATE_ARRAYS = "intent_classifier.json", "intent_classifier.npz"


def _vectorizers(config: Dict[str, Any]) -> Dict[str, TfidfVectorizer]:
    return {
        "word": TfidfVectorizer(ngram_range=tuple(config["word_ngrams"]), sublinear_tf=True),
        "char": TfidfVectorizer(analyzer="char_wb", ngram_range=tuple(config["char_ngrams"]), sublinear_tf=True),
    }


def word_tokenizer(model: Dict[str, Any]) -> Tokenize:
    """The word n-gram vectorizer's own lowercasing and tokenising: the words the unknown-word share counts."""
    preprocess, tokenize = model["word"].build_preprocessor(), model["word"].build_tokenizer()
    return lambda text: tokenize(preprocess(text))


def save_state(model: Dict[str, Any], directory: Path) -> None:
    """Vocabularies, IDF weights and regression weights; enough to rebuild the fitted objects."""
    meta = {
        "spacy_dim": int(model["spacy_dim"]),
        "encoder_dim": int(model.get("encoder_dim") or 0),
        "classes": [str(c) for c in model["lr"].classes_],
    }
    if model.get("in_scope_words") is not None:
        meta["in_scope_words"] = dict(sorted(model["in_scope_words"].items()))
        meta["unknown_word_weight"] = float(model["unknown_word_weight"])  # the coefficients were fitted at it
    arrays = {"coef": model["lr"].coef_, "intercept": model["lr"].intercept_}
    if model.get("lr_text") is not None:
        arrays.update(text_coef=model["lr_text"].coef_, text_intercept=model["lr_text"].intercept_)
    for name in ("word", "char"):
        meta[f"{name}_vocabulary"] = {term: int(i) for term, i in model[name].vocabulary_.items()}
        arrays[f"{name}_idf"] = model[name].idf_
    (directory / STATE_JSON).write_text(json.dumps(meta), encoding="utf-8")
    np.savez(directory / STATE_ARRAYS, **arrays)


def load_state(config: Dict[str, Any], directory: Path) -> Dict[str, Any]:
    """The inverse of save_state: fitted vectorizers and regression, as `train` left them."""
    meta = json.loads((directory / STATE_JSON).read_text(encoding="utf-8"))
    with np.load(directory / STATE_ARRAYS, allow_pickle=False) as arrays:
        model: Dict[str, Any] = {
            "spacy_dim": meta["spacy_dim"],
            "encoder_dim": meta.get("encoder_dim", 0),
            "in_scope_words": meta.get("in_scope_words"),
            "unknown_word_weight": meta.get("unknown_word_weight", 0.0),
            **_vectorizers(config),
        }
        for name in ("word", "char"):
            model[name].vocabulary_ = meta[f"{name}_vocabulary"]
            model[name].idf_ = arrays[f"{name}_idf"]
        model["lr"] = _regression(arrays["coef"], arrays["intercept"], meta["classes"])
        model["lr_text"] = (
            _regression(arrays["text_coef"], arrays["text_intercept"], meta["classes"])
            if "text_coef" in arrays.files
            else None
        )
    return model


def _regression(coef: np.ndarray, intercept: np.ndarray, classes: List[str]) -> LogisticRegression:
    lr = LogisticRegression()
    lr.coef_, lr.intercept_, lr.classes_ = coef, intercept, np.array(classes)
    lr.n_features_in_ = coef.shape[1]
    return lr


class LinearScorer:
    """The fitted model's predict_proba for one message, without scikit-learn's per-call overhead.

    Rasa parses one message at a time; TfidfVectorizer.transform + hstack + predict_proba spend ~4 ms on input
    checks and sparse-matrix assembly for a dozen non-zero features. This computes the same numbers directly
    (scikit-learn's own analyzers, sublinear TF x IDF, L2 per block, the multinomial softmax): ~0.5 ms, and
    test_intent_classifier.py checks it against scikit-learn's result.
    """

    def __init__(self, model: Dict[str, Any], dense_blend: float = 1.0) -> None:
        self.blocks = []  # (analyzer, vocabulary, idf, column offset) per TF-IDF block
        offset = 0
        for name in ("word", "char"):
            vectorizer = model[name]
            self.blocks.append((vectorizer.build_analyzer(), vectorizer.vocabulary_, vectorizer.idf_, offset))
            offset += len(vectorizer.idf_)
        # The unknown-word share's column (after the n-grams, before the dense vectors), if the model has one.
        self.in_scope_words: Mapping[str, int] | None = model.get("in_scope_words")
        self.unknown_column, self.unknown_weight = offset, float(model.get("unknown_word_weight") or 0.0)
        self.tokenize = word_tokenizer(model)
        if self.in_scope_words is not None:
            offset += 1
        self.dense_offset = offset
        # One weight matrix for both regressions (features x classes, so rows are gathered): the n-gram rows
        # give both models' scores in one product; the text-only model has no rows for the dense vectors.
        self.coef = np.ascontiguousarray(model["lr"].coef_.T)
        self.intercept = model["lr"].intercept_
        # The n-gram-only regression is scored only when it is blended in.
        text = model.get("lr_text") if float(dense_blend) < 1.0 else None
        self.blend = float(dense_blend) if text is not None else 1.0
        if text is not None:
            no_spacy_rows = np.zeros((len(self.coef) - text.coef_.shape[1], len(text.classes_)))
            self.coef = np.ascontiguousarray(np.hstack([self.coef, np.vstack([text.coef_.T, no_spacy_rows])]))
            self.intercept = np.concatenate([self.intercept, text.intercept_])
        self.n_classes = len(model["lr"].classes_)

    def probabilities(self, text: str, dense_vector: np.ndarray | None) -> np.ndarray:
        """`dense_vector`: the spaCy and encoder blocks, scaled and concatenated as in training (None: none)."""
        scores = self._scores(text, dense_vector)
        if self.blend == 1.0:
            return _softmax(scores[: self.n_classes])
        full, text_only = _softmax(scores[: self.n_classes]), _softmax(scores[self.n_classes :])
        return self.blend * full + (1.0 - self.blend) * text_only

    def _scores(self, text: str, dense_vector: np.ndarray | None) -> np.ndarray:
        scores = self.intercept.copy()
        for analyze, vocabulary, idf, offset in self.blocks:
            counts: Dict[int, int] = {}
            for term in analyze(text):
                column = vocabulary.get(term)
                if column is not None:
                    counts[column] = counts.get(column, 0) + 1
            if not counts:
                continue
            columns = np.fromiter(counts, dtype=np.intp, count=len(counts))
            weights = (np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))) + 1) * idf[columns]
            weights /= np.sqrt(weights @ weights)
            scores += weights @ self.coef[offset + columns]
        if self.in_scope_words is not None:
            share = unknown_share(self.tokenize(text), self.in_scope_words)
            scores += (share * self.unknown_weight) * self.coef[self.unknown_column]
        if dense_vector is not None:
            scores += dense_vector @ self.coef[self.dense_offset :]
        return scores


def single_threaded_blas() -> None:
    """One BLAS thread for the rest of the process (numpy's and scipy's OpenBLAS; called when a model is loaded
    to classify, never in training).

    A message's products are tiny (one 384-d vector times the coefficients), yet OpenBLAS hands them to its
    thread pool, whose threads then spin waiting for more work: with the default of one thread per core,
    `rasa run` spent ~14-15 ms of CPU per message instead of ~20-29 ms (bench/run_bench.py, 20 users,
    alternated, load ~6), for the same answers. Same reasoning as the encoder's one onnxruntime thread.
    """
    threadpool_limits(limits=1, user_api="blas")


def _softmax(scores: np.ndarray) -> np.ndarray:
    exp = np.exp(scores - scores.max())
    return exp / exp.sum()


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class EncoderIntentClassifier(GraphComponent, IntentClassifier):
    """Logistic regression over TF-IDF word and char_wb n-grams plus sentence vectors (MiniLM, spaCy)."""

    @staticmethod
    def get_default_config() -> Dict[str, Any]:
        return {
            "C": 30.0,
            "word_ngrams": [1, 2],
            "char_ngrams": [1, 4],
            "spacy_weight": 0.5,
            "encoder_weight": 0.0,
            "dense_blend": 1.0,
            "unknown_word_weight": 0.0,
            "out_of_scope_intent": "out_of_scope",
            "max_iter": 5000,
            "ranking_length": 10,
        }

    @staticmethod
    def required_packages() -> List[str]:
        return ["sklearn"]

    def __init__(
        self,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Dict[str, Any] | None = None,
    ) -> None:
        self.config = {**self.get_default_config(), **config}
        if not 0.0 <= float(self.config["dense_blend"]) <= 1.0:
            raise InvalidConfigException(
                f"EncoderIntentClassifier: dense_blend must be between 0 and 1, not {self.config['dense_blend']!r}"
            )
        if float(self.config["encoder_weight"]) < 0.0:
            raise InvalidConfigException(
                "EncoderIntentClassifier: encoder_weight must be 0 (off) or more, "
                f"not {self.config['encoder_weight']!r}"
            )
        if float(self.config["unknown_word_weight"]) < 0.0:
            raise InvalidConfigException(
                "EncoderIntentClassifier: unknown_word_weight must be 0 (off) or more, "
                f"not {self.config['unknown_word_weight']!r}"
            )
        self._model_storage, self._resource = model_storage, resource
        # {"word", "char": TfidfVectorizer, "lr"(, "lr_text"): LogisticRegression, "spacy_dim", "encoder_dim": int,
        #  "in_scope_words": {word: number of in-scope examples using it} or None, "unknown_word_weight": float}
        self.model = model
        self._scorer = LinearScorer(model, self.config["dense_blend"]) if model is not None else None

    @classmethod
    def create(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> EncoderIntentClassifier:
        return cls(config, model_storage, resource)

    def _spacy_vectors(self, messages: List[Message], dim: int) -> np.ndarray:
        """L2-normalised spaCy doc vectors scaled by spacy_weight; zeros for a message without a doc."""
        rows = np.zeros((len(messages), dim), dtype=np.float32)
        for i, message in enumerate(messages):
            doc = message.get(SPACY_DOCS[TEXT])
            if doc is not None and len(doc) and doc.vector.shape[-1] == dim:
                rows[i] = doc.vector / (np.linalg.norm(doc.vector) or 1.0)
        return rows * float(self.config["spacy_weight"])

    def _dense(self, messages: List[Message]) -> np.ndarray | None:
        """Per message: the scaled spaCy doc vector then the scaled sentence embedding; None if the model has none."""
        assert self.model is not None
        blocks = []
        if self.model["spacy_dim"]:
            blocks.append(self._spacy_vectors(messages, self.model["spacy_dim"]))
        if self.model.get("encoder_dim"):
            texts = [message.get(TEXT) or "" for message in messages]
            blocks.append(sentence_encoder.encode(texts) * float(self.config["encoder_weight"]))
        return np.hstack(blocks) if blocks else None

    def _unknown_shares(self, texts: List[str], counted_in: List[bool]) -> np.ndarray:
        """One column: each text's unknown-word share, scaled by unknown_word_weight."""
        assert self.model is not None and self.model["in_scope_words"] is not None
        tokenize, words = word_tokenizer(self.model), self.model["in_scope_words"]
        shares = [unknown_share(tokenize(t), words, own) for t, own in zip(texts, counted_in, strict=True)]
        return np.array(shares, dtype=np.float64).reshape(-1, 1) * float(self.model["unknown_word_weight"])

    def _features(self, messages: List[Message], counted_in: List[bool] | None = None) -> csr_matrix:
        """The regression's input, as scikit-learn computes it (training; LinearScorer mirrors it per message).
        `counted_in`: which messages are counted in the in-scope vocabulary (training examples)."""
        assert self.model is not None
        texts = [message.get(TEXT) or "" for message in messages]
        blocks = [self.model["word"].transform(texts), self.model["char"].transform(texts)]
        if self.model["in_scope_words"] is not None:
            blocks.append(csr_matrix(self._unknown_shares(texts, counted_in or [False] * len(texts))))
        dense = self._dense(messages)
        if dense is not None:
            blocks.append(csr_matrix(dense))
        return hstack(blocks).tocsr()

    def train(self, training_data: TrainingData) -> Resource:
        examples = [ex for ex in training_data.intent_examples if ex.get(INTENT) and ex.get(TEXT)]
        if len({ex.get(INTENT) for ex in examples}) < 2:
            logger.warning("EncoderIntentClassifier needs at least two intents with examples; not trained.")
            return self._resource
        texts = [ex.get(TEXT) for ex in examples]
        vectorizers = _vectorizers(self.config)
        for vectorizer in vectorizers.values():
            vectorizer.fit(texts)
        docs = [ex.get(SPACY_DOCS[TEXT]) for ex in examples]
        spacy_dim = next((doc.vector.shape[-1] for doc in docs if doc is not None and len(doc)), 0)
        if not spacy_dim and self.config["spacy_weight"]:
            logger.warning("EncoderIntentClassifier: no spaCy docs on the training data (is SpacyNLP first?).")
        self.model = {
            **vectorizers,
            "spacy_dim": spacy_dim if self.config["spacy_weight"] else 0,
            "encoder_dim": sentence_encoder.DIM if self.config["encoder_weight"] else 0,
            "unknown_word_weight": float(self.config["unknown_word_weight"]),
            "in_scope_words": None,
        }
        labels = [ex.get(INTENT) for ex in examples]
        in_scope = [label != self.config["out_of_scope_intent"] for label in labels]
        if self.config["unknown_word_weight"]:
            tokenize = word_tokenizer(self.model)
            in_scope_texts = [text for text, counted in zip(texts, in_scope, strict=True) if counted]
            self.model["in_scope_words"] = dict(document_frequencies(in_scope_texts, tokenize))
        features = self._features(examples, counted_in=in_scope)
        self.model["lr"] = self._fit(features, labels)
        blend = float(self.config["dense_blend"])
        dense_dim = self.model["spacy_dim"] + self.model["encoder_dim"]
        with_text_model = dense_dim and blend < 1.0
        n_text = features.shape[1] - dense_dim
        self.model["lr_text"] = self._fit(features[:, :n_text], labels) if with_text_model else None
        self._scorer = LinearScorer(self.model, blend)
        self.persist()
        return self._resource

    def _fit(self, features: csr_matrix, labels: List[str]) -> LogisticRegression:
        lr = LogisticRegression(C=float(self.config["C"]), max_iter=int(self.config["max_iter"]))
        return lr.fit(features, labels)

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None or self._scorer is None:
            return messages
        dense = self._dense(messages)
        dense_vectors = dense if dense is not None else [None] * len(messages)
        classes = self.model["lr"].classes_
        length = int(self.config["ranking_length"])
        for message, vector in zip(messages, dense_vectors, strict=True):
            probs = self._scorer.probabilities(message.get(TEXT) or "", vector)
            order = np.argsort(-probs)
            ranking = [{"name": str(classes[i]), "confidence": float(probs[i])} for i in order]
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[:length] if length > 0 else ranking, add_to_output=True)
        return messages

    def persist(self) -> None:
        with self._model_storage.write_to(self._resource) as directory:
            save_state(self.model, directory)

    @classmethod
    def load(
        cls,
        config: Dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> EncoderIntentClassifier:
        config = {**cls.get_default_config(), **config}
        try:
            with model_storage.read_from(resource) as directory:
                model = load_state(config, directory)
        except (ValueError, FileNotFoundError) as error:  # not trained (e.g. the NLU data had no intents)
            logger.warning(f"EncoderIntentClassifier has no trained state ({error}); it will not classify intents.")
            model = None
        if model is not None and model.get("encoder_dim"):
            sentence_encoder.warm_up()  # load the model now, not on the first message
        single_threaded_blas()
        return cls(config, model_storage, resource, model)
