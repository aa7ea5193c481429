"""How the advice tests read a reply: which role it recommends (or leans to) and its first next step.

Shared by tests/e2e/test_personas.py and the self-description / skill-gap tests, so what counts as "the
recommendation" and "the first next step" is defined once."""

from __future__ import annotations

import re

ROLE_NAMES = {"ai_engineer": "AI Engineer", "ml_engineer": "Machine Learning Engineer"}
_HEAD = re.compile(r"(?:My recommendation|My lean so far|Aim for): \**(AI Engineer|Machine Learning Engineer)")
_STEP = re.compile(r"^\s*1\.\s*(.+)$", re.M)


def lean_of(reply: str) -> str | None:
    """The role a reply recommends: "My recommendation: X" (or "Aim for X"); "both" when it says both fit."""
    found = _HEAD.search(reply)
    if found:
        return next(key for key, name in ROLE_NAMES.items() if name == found.group(1))
    if "Both roles fit you about equally" in reply:
        return "both"
    return None


def first_step(reply: str) -> str | None:
    """The first of the numbered next steps in a skill-gap reply."""
    found = _STEP.search(reply)
    return found.group(1) if found else None
