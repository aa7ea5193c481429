"""The sentence encoder alone, one short message at a time (as `rasa run` parses them): CPU and wall time per
message and the resident memory of a process that loads only the encoder (the action server's case).

Compares today's components/sentence_encoder.py (onnxruntime, int8 ONNX) with the encoder of an earlier
revision (default: the hand-written TensorFlow graph it replaced, 1292e67), each in its own fresh process so
their memory and imports don't mix, on the same messages in the same run:

    .venv/bin/python bench/encoder_micro.py [--against REV] [--rounds 100]

The earlier encoder is read with `git show REV:components/sentence_encoder.py` into a temporary directory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MESSAGES = [
    "how much does a senior ML engineer make?",
    "which cloud vendors should I learn?",
    "hi",
    "and the other role?",
    "what tools do I need to deploy a model to production and monitor it afterwards?",
]
BEFORE_REV = "1292e67"  # the last commit with the TensorFlow encoder

CHILD = """
import json, os, resource, sys, time
sys.path.insert(0, sys.argv[1])
import numpy as np
import sentence_encoder as enc
messages, rounds = json.loads(sys.argv[2]), int(sys.argv[3])
t0 = time.perf_counter()
enc.encode(["warm up"])
load_s = time.perf_counter() - t0
for m in messages:
    enc.encode([m])
times = []
cpu0 = time.process_time()
for _ in range(rounds):
    for m in messages:
        start = time.perf_counter()
        enc.encode([m])
        times.append(time.perf_counter() - start)
cpu = time.process_time() - cpu0
rss = int(open("/proc/self/status").read().split("VmRSS:")[1].split()[0]) // 1024
print(json.dumps({"load_s": round(load_s, 2), "cpu_ms_per_msg": round(1000 * cpu / len(times), 2),
                  "p50_ms": round(1000 * float(np.median(times)), 2), "rss_mib": rss,
                  "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def run(module_dir: Path, rounds: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TF_CPP_MIN_LOG_LEVEL="2")
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(module_dir), json.dumps(MESSAGES), str(rounds)],
        env=env, capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def loadavg() -> list:
    return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default=BEFORE_REV, help="git revision of the encoder to compare with")
    parser.add_argument("--rounds", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        before = Path(tmp) / "before"
        before.mkdir()
        source = subprocess.run(
            ["git", "show", f"{args.against}:components/sentence_encoder.py"],
            cwd=ROOT, capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        (before / "sentence_encoder.py").write_text(source)
        results = {"load_before": loadavg()}
        # alternated, twice each, so a change in the machine's load hits both alike
        for i in range(2):
            results[f"before_{i}"] = run(before, args.rounds)
            results[f"after_{i}"] = run(ROOT / "components", args.rounds)
        results["load_after"] = loadavg()
    print(json.dumps({"against": args.against, **results}, indent=1))


if __name__ == "__main__":
    main()
