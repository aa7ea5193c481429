"""Shared fixtures: the real knowledge base and its normaliser."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase, get_kb
from actions.understanding.vocabulary import Normalizer, normalizer_for


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return get_kb()


@pytest.fixture(scope="session")
def norm(kb: KnowledgeBase) -> Normalizer:
    return normalizer_for(kb)
