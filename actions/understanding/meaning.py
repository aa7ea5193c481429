"""Meaning matching for interview answers: cosine similarity of a message to the options' descriptions, with
the offline sentence encoder (components/sentence_encoder.py) when it is installed.

Used only when no word of the answer decides (actions/reasoning/answer_matching.py), so the interview works the same
without it, just with fewer free-text answers understood. Descriptions are embedded once per process; the
encoder loads in a background thread when the action server starts, so no answer waits for it.
Set CAREERBOT_MEANING=0 to turn it off.
"""

from __future__ import annotations

import functools
import logging
import os
import threading
from typing import Callable, Dict, Sequence, Tuple

from actions.knowledge.schema import KnowledgeBase

logger = logging.getLogger(__name__)
Similarity = Callable[[str, Sequence[str]], Sequence[float]]

_lock = threading.Lock()
_ready = threading.Event()
_encode: Callable | None = None
_cache: Dict[str, object] = {}


def enabled() -> bool:
    return os.environ.get("CAREERBOT_MEANING", "1") != "0"


def _load() -> None:
    global _encode
    try:
        from components.sentence_encoder import encode

        encode(["warm up"])
        # One BLAS thread: comparing a message with the facts is one small matrix product per turn, and OpenBLAS's
        # pool spins on both cores between such products (the action server's CPU per message went from ~5 to
        # ~13 ms with one; the same finding as components/intent_classifier.py's).
        from threadpoolctl import threadpool_limits

        threadpool_limits(limits=1, user_api="blas")
        _encode = encode
        logger.info("meaning matching on: sentence encoder loaded")
    except Exception as error:  # missing package or model: answers fall back to words only
        logger.info("meaning matching off: %s", error)
    finally:
        _ready.set()


# serving/launcher.py sets this in a standby action server: it loads the encoder (~190 MiB resident) only once
# promoted, so the standby holds one copy less while it waits; answers in the first second after a take-over
# are matched on words only, as while any action server is starting.
DEFER_ENV = "CAREERBOT_ENCODER_ON_PROMOTION"


def warm_up_in_background(deferred: bool = False) -> None:
    """Load the encoder without blocking the action server's start (a standby's call is `deferred=True`, made
    when it is promoted)."""
    if os.environ.get(DEFER_ENV) == "1" and not deferred:
        return
    if enabled() and not _ready.is_set() and not _lock.locked():
        with _lock:
            # Not a daemon: a process that exits while a native runtime is still loading in a daemon thread can be
            # aborted by its C++ code ("terminate called without an active exception", exit code 134: seen with
            # the TensorFlow encoder, e.g. a short pytest run). Exit waits for the load (seconds).
            threading.Thread(target=_load, name="encoder-warm-up", daemon=False).start()


def _vectors(texts: Tuple[str, ...]):
    key = "\n".join(texts)
    if key not in _cache:
        _cache[key] = _encode(list(texts))  # type: ignore[misc]
    return _cache[key]


@functools.lru_cache(maxsize=4)
def _message_vector(text: str):
    """One text's vector, kept for the rest of its turn: a turn compares the same words with the facts, with a
    section's name and with the interview's options (one encoder run, ~3 ms, instead of one per comparison).
    Only a turn's few texts (its parts) are kept: a longer memory would mostly flatter the benchmark, whose users
    repeat the same conversations, not help people, who rarely send the same words twice."""
    return _encode([text])[0]  # type: ignore[misc]


def similarity_for(kb: KnowledgeBase) -> Similarity | None:
    """A similarity function when the encoder is loaded, else None (never waits for it to load)."""
    if not enabled() or not _ready.is_set() or _encode is None:
        return None

    def similar(text: str, descriptions: Sequence[str]) -> Sequence[float]:
        return (_vectors(tuple(descriptions)) @ _message_vector(text)).tolist()

    return similar
