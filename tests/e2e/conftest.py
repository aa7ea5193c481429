"""Fixtures the browser test modules share: `tab` (a fresh page in the requesting module's `browser`)."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.e2e.test_widget import Tab


@pytest.fixture()
def tab(browser) -> Iterator[Tab]:
    t = Tab(browser)
    try:
        yield t
    finally:
        t.close()
