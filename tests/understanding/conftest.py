"""Fixtures the understanding tests share."""

from __future__ import annotations

import pytest

from actions.knowledge import KnowledgeBase
from actions.understanding import meaning


@pytest.fixture(scope="module")
def encoder(kb: KnowledgeBase) -> None:
    """The sentence encoder, loaded synchronously (the action server loads it in a background thread). It is pinned
    (requirements.nodeps.lock): without it the tests that use it would prove nothing, so they fail."""
    meaning._load()
    assert meaning.similarity_for(kb) is not None, "the sentence encoder did not load: make setup installs it"
