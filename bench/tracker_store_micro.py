"""Micro-benchmark of the tracker store alone: what one message costs in SQLTrackerStore (retrieve + save).

Replays what Rasa does per user message (retrieve the tracker, append the turn's events, save = one commit)
for several conversations, on SQLite in its default rollback-journal mode, in WAL mode, in WAL with
synchronous=NORMAL, with kept-open connections (careerbot's stores/tracker_store.py with its cache off), the same
with its conversation cache (as endpoints.yml uses it), and in memory. No model is loaded, so it is quick.

    .venv/bin/python bench/tracker_store_micro.py [--messages 200] [--turns 5]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


async def run(kind: str, messages: int, turns: int, directory: Path) -> dict:
    from rasa.core.tracker_store import InMemoryTrackerStore, SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from stores.tracker_store import CareerbotSQLTrackerStore

    domain = Domain.load(str(ROOT / "domain.yml"))
    db = directory / f"{kind}.db"
    if kind == "memory":
        store = InMemoryTrackerStore(domain)
    elif kind.startswith("pooled-"):
        _, journal, sync, *cache = kind.split("-")
        store = CareerbotSQLTrackerStore(
            domain=domain,
            dialect="sqlite",
            db=str(db),
            journal_mode=journal,
            synchronous=sync,
            cache_size=1000 if cache else 0,
        )
    else:
        if kind == "wal":
            with sqlite3.connect(db) as conn:
                conn.execute("PRAGMA journal_mode=WAL")
        store = SQLTrackerStore(domain=domain, dialect="sqlite", db=str(db))
    times = []
    for i in range(messages):
        sender = f"c{i // turns}"
        t = time.perf_counter()
        tracker = await store.retrieve(sender) or DialogueStateTracker(sender, domain.slots)
        tracker.update(UserUttered("and at senior level?", {"name": "inform", "confidence": 0.9}))
        tracker.update(ActionExecuted("action_answer_question"))
        tracker.update(SlotSet("topic", "salary"))
        tracker.update(SlotSet("level", "senior"))
        tracker.update(BotUttered("Salary (US, 2026 outlook) ..."))
        tracker.update(ActionExecuted("action_listen"))
        await store.save(tracker)
        times.append((time.perf_counter() - t) * 1000)
    return {"kind": kind, "mean_ms": round(statistics.fmean(times), 2), "p50_ms": round(statistics.median(times), 2),
            "p95_ms": round(sorted(times)[int(0.95 * len(times))], 2)}  # fmt: skip


KINDS = (
    "sqlite",
    "wal",
    "pooled-delete-full",
    "pooled-wal-full",
    "pooled-wal-normal",
    "pooled-wal-normal-cached",
    "memory",
)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=200)
    parser.add_argument("--turns", type=int, default=5, help="messages per conversation")
    args = parser.parse_args()
    out = []
    with tempfile.TemporaryDirectory(dir=ROOT / "results") as tmp:
        for kind in KINDS:
            r = asyncio.run(run(kind, args.messages, args.turns, Path(tmp)))
            out.append(r)
            print(json.dumps(r), flush=True)
    (ROOT / "results" / "bench").mkdir(parents=True, exist_ok=True)
    (ROOT / "results" / "bench" / "tracker_store_micro.json").write_text(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
