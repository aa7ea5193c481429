"""The floor of each development conversation set: the share of right turns reached when the floor was set, minus
about two points. `make e2e-eval` (eval/e2e_conversations.py) checks every set against its floor; `make test`
(tests/e2e/test_conversations_dev.py) checks the sets in IN_MAKE_TEST, the first set and the two newest, so that the
whole suite stays well under twenty minutes on two cores (all twenty-three sets take about twelve more, 9,500
turns). The fixes made for the older sets are each kept by a unit test."""

from __future__ import annotations

from typing import Dict, Tuple

FLOORS: Dict[str, float] = {
    "conversations_dev.yml": 0.97,  # 98.9 % (stop 33)
    "conversations_dev2.yml": 0.98,  # 99.8 % (stop 33; 81.2 % when added)
    "conversations_dev3.yml": 0.965,  # 98.3 % (stop 33; 80.6 % when added)
    "conversations_dev4.yml": 0.955,  # 97.7 % (stop 34; 83.9 % when added, follow-up heavy)
    "conversations_dev5.yml": 0.96,  # 98.2 % (stop 33; 77.7 % when added, 70 % follow-ups)
    "conversations_dev6.yml": 0.97,  # 99.2 % (stop 34; 86.1 % when added, mixed like new users)
    "conversations_dev7.yml": 0.955,  # 97.6 % (stop 33; 85.2 % when added, follow-up heavy)
    "conversations_dev8.yml": 0.94,  # 96.3 % (stop 34; 78.6 % when added, mixed)
    "conversations_dev9.yml": 0.945,  # 96.5 % (stop 34; 82.1 % when added, two thirds follow-ups)
    "conversations_dev10.yml": 0.97,  # 98.9 % (stop 33; 86.9 % when added, mixed)
    "conversations_dev11.yml": 0.955,  # 97.7 % (stop 34; 86.0 % when added, people who wander, half follow-ups)
    "conversations_dev12.yml": 0.955,  # 97.7 % (stop 34; 92.4 % when added, precise questions, terse follow-ups)
    "conversations_dev13.yml": 0.935,  # 95.5 % (stop 34; 86.4 % when added, people who think aloud, 61 % follow-ups)
    "conversations_dev14.yml": 0.945,  # 96.7 % (stop 34; 90.2 % when added, a realistic week of mixed traffic)
    "conversations_dev15.yml": 0.915,  # 93.8 % (stop 35; 84.4 % when added, people who wander and come back)
    "conversations_dev16.yml": 0.91,  # 93.5 % (stop 35; 80.8 % when added, chatty people on phones)
    "conversations_dev17.yml": 0.96,  # 98.0 % (stop 36; 92.5 % when added, a standard mix before launch)
    "conversations_dev18.yml": 0.965,  # 98.9 % (stop 36; 89.6 % when added, people who keep digging, 74 % follow-ups)
    "conversations_dev19.yml": 0.95,  # 97.1 % (stop 37; 90.6 % when added, the first week after launch)
    "conversations_dev20.yml": 0.96,  # 98.3 % (stop 37; 87.9 % when added, a university careers office's help desk)
    "conversations_dev21.yml": 0.965,  # 98.9 % (stop 37; 89.7 % when added, managers sizing up an internal AI team)
    "conversations_dev22.yml": 0.97,  # 99.1 % (stop 38; 87.4 % when added, a bootcamp's alumni channel)
    "conversations_dev23.yml": 0.925,  # 94.8 % (stop 38; 86.0 % when added, an evening career clinic at a library)
}

# The sets `make test` runs: the first development set and the two newest.
IN_MAKE_TEST: Tuple[str, ...] = ("conversations_dev.yml", "conversations_dev22.yml", "conversations_dev23.yml")


def below_floor(name: str, right: int, total: int) -> str:
    """A line saying that set `name` fell below its floor, or '' (no floor, or at or above it)."""
    floor = FLOORS.get(name)
    if floor is None or not total or right / total >= floor:
        return ""
    return f"{name}: {right / total:.1%} right, below the floor of {floor:.1%}"
