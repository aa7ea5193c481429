"""components/sentence_encoder.py: all-MiniLM-L6-v2 on onnxruntime (int8 weights) matches the fp32 model.

The fp32 references: the similarities sentence-transformers publishes, and components/minilm_reference.py (the
model's own safetensors weights in NumPy). int8 weights move an embedding by ~0.003 cosine, so the tolerances
here are that, not float rounding; test_fixed_values pins the int8 file's own output tightly.
"""

from __future__ import annotations

import time

import numpy as np
import pytest

from components.sentence_encoder import DIM, encode

# sentence-transformers' documentation (quickstart, model.similarity with all-MiniLM-L6-v2), printed to 4 places.
PUBLISHED = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."]
PUBLISHED_SIMILARITY = {(0, 1): 0.6660, (0, 2): 0.1046, (1, 2): 0.1411}


def test_similarities_match_the_values_sentence_transformers_publishes():
    embeddings = encode(PUBLISHED)
    similarity = embeddings @ embeddings.T
    for (i, j), expected in PUBLISHED_SIMILARITY.items():
        assert similarity[i, j] == pytest.approx(expected, abs=4e-3), (i, j)


def test_rows_are_unit_length_float32_and_keep_the_input_order():
    texts = ["a much longer message about which of the two roles pays more at senior level in the US", "hi", ""]
    embeddings = encode(texts)
    assert embeddings.shape == (3, DIM) and embeddings.dtype == np.float32
    assert np.allclose(np.linalg.norm(embeddings, axis=1), 1.0, atol=1e-5)
    # batched (sorted by length, padded) gives each text the row it gets alone
    alone = np.vstack([encode([text]) for text in texts])
    assert np.abs(embeddings - alone).max() < 1e-5


def test_fixed_values_computed_once_with_this_model():
    """Guards against a changed model file or tokenizer (int8 file's values from its first run; fp32: -0.014283,
    0.001702, 0.042497, 0.020316 / 0.02895, -0.06845, 0.053223, -0.004746 and similarity 0.16849)."""
    embeddings = encode(["What does a senior ML engineer earn?", "which cloud vendors should I learn?"])
    assert embeddings[0, :4] == pytest.approx([-0.016366, 0.001254, 0.044188, 0.020214], abs=1e-5)
    assert embeddings[1, :4] == pytest.approx([0.026665, -0.066311, 0.056294, -0.004725], abs=1e-5)
    assert float(embeddings[0] @ embeddings[1]) == pytest.approx(0.168118, abs=1e-5)


def test_int8_runtime_and_fp32_numpy_reference_agree():
    """The ONNX file is all-MiniLM-L6-v2: every embedding within 0.01 cosine of the fp32 weights' own."""
    from components import minilm_reference

    texts = PUBLISHED + ["how mch does a senor ml enginer make", "MLOps?", "hi", ""]
    cosines = (encode(texts) * minilm_reference.encode(texts)).sum(axis=1)
    assert cosines.min() > 0.99, cosines


def test_paraphrases_are_closer_than_unrelated_questions():
    query, paraphrase, other = encode(
        ["what tooling gets a model into production?", "which tools are used to deploy models?", "how old is Paris?"]
    )
    assert query @ paraphrase > 0.5 > query @ other


def test_long_messages_are_truncated_not_refused():
    assert encode(["word " * 2000]).shape == (1, DIM)


def test_no_texts_and_wrong_arguments():
    assert encode([]).shape == (0, DIM)
    with pytest.raises(TypeError, match="sequence of texts"):
        encode("one string")


def test_time_per_message(capsys: pytest.CaptureFixture[str]):
    """One short message at a time, as Rasa parses them: printed, and bounded loosely (the machine is shared)."""
    messages = ["how much does a senior ML engineer make?", "which cloud vendors should I learn?", "hi"]
    encode(messages)
    times = []
    for _ in range(20):
        for message in messages:
            start = time.perf_counter()
            encode([message])
            times.append(time.perf_counter() - start)
    p50 = float(np.median(times)) * 1000
    with capsys.disabled():
        print(f"\nsentence encoder: p50 {p50:.2f} ms per message")
    assert p50 < 50


def test_streamed_weights_equal_the_safetensors_library():
    """components.sentence_encoder reads the weights tensor by tensor (memory); the library is the reference."""
    import zipfile

    from safetensors.numpy import load

    from components.minilm_reference import read_safetensors
    from components.sentence_encoder import model_zip

    with zipfile.ZipFile(model_zip()) as archive:
        with archive.open("model.safetensors") as stream:
            streamed = dict(read_safetensors(stream))
        reference = load(archive.read("model.safetensors"))
    assert streamed.keys() == reference.keys() and len(streamed) == 104
    for name, array in reference.items():
        assert streamed[name].dtype == array.dtype and np.array_equal(streamed[name], array), name


def test_a_changed_model_file_is_refused(tmp_path, monkeypatch: pytest.MonkeyPatch):
    from components import sentence_encoder

    fake = tmp_path / "model.onnx"
    fake.write_bytes(b"not the model")
    monkeypatch.setattr(sentence_encoder, "onnx_file", lambda: fake)
    with pytest.raises(sentence_encoder.EncoderUnavailable, match="sha256"):
        sentence_encoder._Encoder()
