"""Where `rasa run`'s CPU goes: an optional py-spy pass (py-spy is not in requirements.lock)."""

from __future__ import annotations

import asyncio
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict

from loadgen import drive
from settings import OUT, PYSPY_VENV, VENV_BIN

from ops.servers import Process


def py_spy() -> str | None:
    for candidate in (os.environ.get("PY_SPY"), shutil.which("py-spy"), str(VENV_BIN / "py-spy"), str(PYSPY_VENV)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


PROFILE_BUCKETS = {
    "jsonschema (validating action-server responses)": ("jsonschema",),
    "tracker store (SQLAlchemy/SQLite)": ("sqlalchemy", "sqlite3", "tracker_store"),
    "custom action call (HTTP + response handling)": ("aiohttp", "rasa/core/actions/action.py"),
    "spaCy (SpacyNLP: tokens, tags, doc vector)": ("spacy", "thinc"),
    "TF-IDF + logistic regression intent classifier": ("components/intent_classifier",),
    "CRF entity extractor": ("crf_entity_extractor", "sklearn_crfsuite", "pycrfsuite"),
    "tensorflow (DIET, TED, UnexpecTED)": ("tensorflow", "keras"),
    "featurizers (count vectors, regex, lexical)": ("count_vectors", "regex_featurizer", "lexical_syntactic"),
    "policies": ("rasa/core/policies",),
    "events / tracker (de)serialisation": ("rasa/shared/core/trackers", "rasa/shared/core/events", "(json/"),
}
# leaf frames of a thread waiting (uvloop runs the event loop in C, so its wait shows as sanic's `serve`)
IDLE_LEAVES = ("select (selectors", "_run_once", "epoll", "wait (threading", "poll ", "serve (sanic/server/runners.py")


def summarize_profile(raw: Path, top: int = 12) -> Dict:
    """Collapsed stacks from `py-spy record --format raw` -> share of the busy (not waiting) samples by subsystem
    and by leaf frame, and the share of waiting samples."""
    total = idle = 0
    by_bucket: Dict[str, int] = {k: 0 for k in PROFILE_BUCKETS}
    by_leaf: Dict[str, int] = {}
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        try:
            n = int(count)
        except ValueError:
            continue
        total += n
        frames = stack.split(";")
        leaf = frames[-1] if frames else "?"
        if any(w in leaf for w in IDLE_LEAVES):
            idle += n
            continue
        by_leaf[leaf] = by_leaf.get(leaf, 0) + n
        for name, keys in PROFILE_BUCKETS.items():
            if any(k in stack for k in keys):
                by_bucket[name] += n
    busy = total - idle
    share = lambda n: round(100 * n / busy, 1) if busy else 0.0  # noqa: E731
    return {
        "samples": total,
        "idle_pct": round(100 * idle / total, 1) if total else 0.0,
        "buckets_pct": {k: share(v) for k, v in sorted(by_bucket.items(), key=lambda kv: -kv[1])},
        "top_leaves_pct": [(k, share(v)) for k, v in sorted(by_leaf.items(), key=lambda kv: -kv[1])[:top]],
    }


def profile_pass(spy: str, rasa: Process, users: int, budget: int, args, tag: str, workdir: Path) -> Dict:
    """An extra, unmeasured pass with py-spy attached to `rasa run` (its sampling costs CPU on 2 cores)."""
    raw, log = workdir / f"profile-{users}.txt", workdir / "py-spy.log"
    cmd = [spy, "record", "--format", "raw", "--rate", "100", "--nonblocking", "-o", str(raw)]
    cmd += ["-p", str(rasa.proc.pid)]
    proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT)
    time.sleep(1)
    if proc.poll() is not None:
        return {"error": f"py-spy exited ({proc.returncode}): {log.read_text()[-500:]}"}
    level = asyncio.run(drive(rasa.port, users, budget, args.time_limit, f"{tag}-profile"))
    proc.send_signal(signal.SIGINT)
    try:
        proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    if not raw.exists():
        return {"error": f"py-spy wrote no profile: {log.read_text()[-500:]}"}
    shutil.copy(raw, OUT / f"profile-{tag}.txt")
    return {"users": users, "messages": len(level.samples), "raw": str(OUT / f"profile-{tag}.txt"),
            **summarize_profile(raw)}  # fmt: skip
