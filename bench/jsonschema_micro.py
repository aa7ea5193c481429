"""Micro-benchmark: Rasa's per-response validation of an action-server reply, as shipped vs with
bench/patches/sitecustomize.py (validator cached per schema). Prints ms per call."""

import time

from rasa.core.actions.action import RemoteAction

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


print(f"as shipped: {bench():.2f} ms per validation")
import sys  # noqa: E402

sys.path.insert(0, "bench/patches")
import sitecustomize  # noqa: E402,F401

print(f"patched:    {bench():.3f} ms per validation")
