"""Compiled regular expressions, kept for the life of the process.

The knowledge base's patterns (missing-fact kinds, cues) and the patterns the code builds from its word lists
outnumber the `re` module's own cache (512 entries), which then drops and recompiles them on every message: that
cost 50 ms of CPU a message in the action server (py-spy, stop 36), against 3 ms for the reading itself."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8192)
def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """`pattern` compiled with `flags`, compiled once."""
    return re.compile(pattern, flags)
