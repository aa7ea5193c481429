"""Five-turn salary conversations whose later turns only make sense with the context (role, level) kept.

Each turn: (message, text the reply must contain, text it must not contain). Turn 2 needs the role of
turn 1; turns 3-5 need role and level from earlier turns ("the other role" of the last one asked about).
A bot that lost its slots answers turn 2 for both roles, and turns 3-5 without the right role.
"""

from __future__ import annotations

from typing import List, Tuple

Turn = Tuple[str, str, str | None]

ML_FIRST: List[Turn] = [
    ("what does an ML engineer earn?", "$90,000–$115,000", "AI Engineer"),
    ("and at senior level?", "Machine Learning Engineer, senior level: $145,000–$180,000+", "AI Engineer"),
    ("and the other role?", "AI Engineer, senior level: $140,000–$170,000+", "Machine Learning"),
    ("and mid level?", "AI Engineer, mid level: $110,000–$140,000", "Machine Learning"),
    ("and entry level?", "AI Engineer, entry level: $85,000–$110,000", "Machine Learning"),
]

AI_FIRST: List[Turn] = [
    ("how much does an AI engineer make?", "$85,000–$110,000", "Machine Learning"),
    ("and at senior level?", "AI Engineer, senior level: $140,000–$170,000+", "Machine Learning"),
    ("and the other role?", "Machine Learning Engineer, senior level: $145,000–$180,000+", "AI Engineer"),
    ("and mid level?", "Machine Learning Engineer, mid level: $115,000–$145,000", "AI Engineer"),
    ("and entry level?", "Machine Learning Engineer, entry level: $90,000–$115,000", "AI Engineer"),
]


def check_turn(turn: Turn, reply: str, who: str = "") -> None:
    """Assert that `reply` answers `turn` with its context; the message says which turn and what came back."""
    message, expected, unexpected = turn
    assert reply.strip(), f"{who}: empty reply to {message!r}"
    assert expected in reply, f"{who}: reply to {message!r} lacks {expected!r} (context lost?):\n{reply}"
    if unexpected:
        assert unexpected not in reply, f"{who}: reply to {message!r} mentions {unexpected!r}:\n{reply}"
