"""Micro-benchmark: Rasa's per-response validation of an action-server reply, stock `jsonschema.validate` vs
careerbot's cached validators (patches/jsonschema_validate.py, installed when Rasa loads credentials.yml's
channels). Prints ms per call.

    .venv/bin/python bench/jsonschema_micro.py
"""

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rasa.core.actions.action import RemoteAction  # noqa: E402

result = {
    "events": [
        {"event": "slot", "timestamp": None, "name": n, "value": v}
        for n, v in [("topic", "salary"), ("role", "ml_engineer"), ("level", "senior"), ("stage", None)]
    ],
    "responses": [{"text": "Salary (US, 2026 outlook) ...", "buttons": [{"title": "AI Engineer", "payload": "/x"}]}],
}
action = RemoteAction("action_answer_question", None)


def bench(n=200):
    t = time.perf_counter()
    for _ in range(n):
        action._validate_action_result(result)
    return 1000 * (time.perf_counter() - t) / n


print(f"stock Rasa (rasa init):                 {bench():.2f} ms per validation")
from patches.jsonschema_validate import install  # noqa: E402

install()
print(f"careerbot (patches/jsonschema_validate): {bench():.3f} ms per validation")
