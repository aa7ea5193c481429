"""all-MiniLM-L6-v2 in plain NumPy, fp32: the reference the ONNX runtime's output is checked against.

Not used when serving (components/sentence_encoder.py runs the model on onnxruntime). Kept because it computes
the published fp32 model from its own safetensors weights with nothing but NumPy, so tests and
bench/encoder_micro.py can tell how far the int8 ONNX file is from the original weights.
"""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import IO, Dict, Iterator, List, Sequence, Tuple

import numpy as np
from scipy.special import erf

from components.sentence_encoder import DIM, MAX_TOKENS, model_zip, pool

_LAYERS, _HEADS, _EPS = 6, 12, 1e-12


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


class Reference:
    """The tokenizer and fp32 weights of the model package, and the forward pass over them."""

    def __init__(self, path: Path | None = None) -> None:
        path = path or model_zip()
        from tokenizers import Tokenizer

        with zipfile.ZipFile(path) as archive:
            self.tokenizer = Tokenizer.from_str(archive.read("tokenizer.json").decode("utf-8"))
            with archive.open("model.safetensors") as stream:
                weights = dict(read_safetensors(stream))
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
        return pool(x, mask)


def _layer_norm(x: np.ndarray, gain: np.ndarray, bias: np.ndarray) -> np.ndarray:
    mean = x.mean(-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(_EPS)) * gain + bias


_REFERENCE: Reference | None = None


def encode(texts: List[str]) -> np.ndarray:
    """One L2-normalised 384-d row per text, one text at a time (no padding), fp32."""
    global _REFERENCE
    if _REFERENCE is None:
        _REFERENCE = Reference()
    rows = []
    for ids in _REFERENCE.ids(texts):
        ids_array = np.array([ids], dtype=np.int64)
        rows.append(_REFERENCE.forward(ids_array, np.ones(ids_array.shape, dtype=np.float32))[0])
    return np.array(rows, dtype=np.float32).reshape(len(texts), DIM)
