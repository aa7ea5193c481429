"""`make bench`: latency, throughput, memory, cold start and training time of careerbot vs Rasa's defaults.

For each system (careerbot = a copy of models/careerbot.tar.gz; default = the same data/domain/actions
trained with bench/config_rasa_default.yml, the `rasa init` config, cached by a hash of its inputs) it starts
the action server and `rasa run` as `make serve` does (127.0.0.1, free ports, SQLite tracker store in a
scratch dir), measures cold start (process start -> first answer), then drives closed-loop multi-turn
conversations over the REST channel at 1, 20 and 50 concurrent users with an asyncio client (bounded
request counts and a time limit per level, 127.0.0.1 only), and reads peak RSS (VmHWM) and CPU time of
both processes. Writes results/bench/<label>.json; the default run also writes reports/bench.md and
reports/bench_latency.png.

    .venv/bin/python bench/run_bench.py                 # the full run (`make bench`)
    .venv/bin/python bench/run_bench.py --systems ours --label tf1 --env TF_INTRA_OP_PARALLELISM_THREADS=1
    .venv/bin/python bench/run_bench.py --systems ours --model path.tar.gz --label variant --no-report

Other work on this 2-core machine skews timings: the load average is recorded before every measurement,
and the run first waits (up to --wait-load-max seconds) for the 1-minute load average to fall below
--max-load.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
OUT = ROOT / "results" / "bench"
REPORTS = ROOT / "reports"
VENV_BIN = Path(sys.executable).parent
RASA = str(VENV_BIN / "rasa")
DEFAULT_CONFIG = "bench/config_rasa_default.yml"
PROFILE_FLAG = object()

os.chdir(ROOT)  # config.yml loads the spaCy model by a path relative to the project root

# Multi-turn conversations: (message, substring expected in the reply or None). Follow-ups depend on the
# slots the action server set on the previous turn, so every turn goes through the action hop or a rule.
CONVERSATIONS: List[List[tuple]] = [
    [
        ("hi", None),
        ("how much does an ML engineer make?", "Machine Learning Engineer"),
        ("and at senior level?", "senior"),
        ("and the other role?", "AI Engineer"),
        ("thanks", None),
    ],
    [
        ("what happens in the deployment step?", "Deployment"),
        ("which tools are used in that step?", "Docker"),
        ("bye", None),
    ],
    [
        ("hello", None),
        ("what does an AI engineer do?", "AI Engineer"),
        ("and the other role?", "Machine Learning Engineer"),
        ("what about salaries in India?", "United States"),
    ],
    [
        ("what skills do I need to become an ML engineer?", None),
        ("what's the weather like today?", None),
        ("how should I start learning?", None),
        ("are you a bot?", None),
    ],
]
APOLOGY = "Sorry, something went wrong on my side"
LEVELS = {1: 60, 20: 600, 50: 1000}  # concurrent users -> total message budget


# ---------------------------------------------------------------------------------------------------------------
# machine, load, processes


def loadavg() -> List[float]:
    return [round(x, 2) for x in os.getloadavg()]


def machine() -> Dict:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        "?",
    )
    import rasa
    import tensorflow as tf

    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "rasa": rasa.__version__,
        "tensorflow": tf.__version__,
        "kernel": platform.release(),
        "loadavg_start": loadavg(),
    }


def wait_for_load(max_load: float, limit: float) -> Dict:
    """Poll until the 1-minute load average is below max_load (or limit seconds passed)."""
    start, first = time.monotonic(), loadavg()
    while os.getloadavg()[0] >= max_load and time.monotonic() - start < limit:
        print(f"  load average {loadavg()} >= {max_load}: waiting ({time.monotonic() - start:.0f}s)", flush=True)
        time.sleep(20)
    return {"before": first, "after": loadavg(), "waited_s": round(time.monotonic() - start)}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def proc_tree(pid: int) -> List[int]:
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [pid], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def proc_status(pid: int) -> Dict[str, int]:
    """Peak (VmHWM) and current (VmRSS) resident memory in MiB, and CPU seconds, summed over the process tree."""
    hwm = rss = 0
    cpu = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in proc_tree(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    hwm += int(line.split()[1])
                elif line.startswith("VmRSS:"):
                    rss += int(line.split()[1])
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            cpu += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return {"peak_rss_mib": round(hwm / 1024), "rss_mib": round(rss / 1024), "cpu_s": round(cpu, 2)}


def _child_signals() -> None:
    """Children get the default SIGINT even when this script runs in the background (where it is ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def base_env(extra: Dict[str, str] | None = None) -> Dict[str, str]:
    env = dict(os.environ)
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        SANIC_HOST="127.0.0.1",
        PYTHONPATH=str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH") else ""),
    )
    env.update(extra or {})
    return env


@dataclass
class Proc:
    proc: subprocess.Popen
    port: int
    log: Path

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


TRACKERS = {
    "sqlite": "endpoints.yml as it is (SQLite, default rollback journal)",
    "wal": "the same SQLite file switched to WAL once before start (PRAGMA journal_mode=WAL persists in the file)",
    "fast": "bench.sqlite_wal.FastSQLiteTrackerStore: same file, kept-open connection, WAL, synchronous=NORMAL",
    "memory": "InMemoryTrackerStore (no persistence; lower bound)",
}


def isolated_endpoints(directory: Path, tracker: str = "sqlite") -> Path:
    """endpoints.yml with the SQLite tracker store moved into `directory` (fresh conversations, no shared db)."""
    text = (ROOT / "endpoints.yml").read_text()
    line = "  db: var/careerbot.db\n"
    db = directory.resolve() / "careerbot.db"
    if line not in text or "  type: SQL\n" not in text:
        raise SystemExit("endpoints.yml no longer has 'type: SQL' / 'db: var/careerbot.db': update bench/run_bench.py")
    text = text.replace(line, f"  db: {db}\n")
    if tracker == "wal":
        import sqlite3

        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA journal_mode=WAL")
    elif tracker == "fast":
        text = text.replace(
            "  type: SQL\n",
            "  type: bench.sqlite_wal.FastSQLiteTrackerStore\n  journal_mode: WAL\n  synchronous: NORMAL\n",
        )
    elif tracker == "memory":
        text = text.replace("  type: SQL\n", "  type: InMemoryTrackerStore\n")
    target = directory / "endpoints.yml"
    target.write_text(text)
    return target


async def _wait_answer(port: int, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    import aiohttp

    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"server on {port} exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
            try:
                async with session.post(
                    f"http://127.0.0.1:{port}/webhooks/rest/webhook",
                    json={"sender": "bench-coldstart", "message": "hi"},
                    timeout=aiohttp.ClientTimeout(total=30),
                ) as r:
                    if r.status == 200 and await r.json():
                        return
            except (aiohttp.ClientError, asyncio.TimeoutError):
                pass
            await asyncio.sleep(0.1)
    raise SystemExit(f"server on {port} gave no answer within {timeout}s:\n{log.read_text()[-3000:]}")


def wait_health(port: int, proc: subprocess.Popen, timeout: float, log: Path) -> None:
    import urllib.request

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"action server exited ({proc.returncode}):\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"action server gave no answer within {timeout}s")


def start_servers(
    model: Path, workdir: Path, env: Dict[str, str], rasa_args: List[str], tracker: str, patch: bool = False
) -> tuple:
    """Action server, then `rasa run` (as scripts/serve.sh does). Returns (actions, rasa, timings)."""
    workdir.mkdir(parents=True, exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    alog, rlog = workdir / "actions.log", workdir / "rasa.log"
    t0 = time.monotonic()
    aproc = subprocess.Popen(
        [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
        cwd=ROOT, env=base_env(env), stdout=alog.open("w"), stderr=subprocess.STDOUT, preexec_fn=_child_signals,
    )  # fmt: skip
    actions = Proc(aproc, actions_port, alog)
    wait_health(actions_port, aproc, 90, alog)
    actions_start = time.monotonic() - t0
    endpoints = isolated_endpoints(workdir, tracker)
    cmd = [RASA, "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(rasa_port)]
    cmd += ["--credentials", str(ROOT / "credentials.yml"), "--endpoints", str(endpoints), *rasa_args]
    t1 = time.monotonic()
    renv = base_env({"ACTIONS_PORT": str(actions_port), **env})
    if patch:  # bench/patches/sitecustomize.py: cached jsonschema validators
        renv["PYTHONPATH"] = f"{BENCH / 'patches'}{os.pathsep}{renv['PYTHONPATH']}"
    rproc = subprocess.Popen(
        cmd, cwd=ROOT, env=renv,
        stdout=rlog.open("w"), stderr=subprocess.STDOUT, preexec_fn=_child_signals,
    )  # fmt: skip
    rasa = Proc(rproc, rasa_port, rlog)
    try:
        asyncio.run(_wait_answer(rasa_port, rproc, 300, rlog))
    except BaseException:
        rasa.stop()
        actions.stop()
        raise
    cold = time.monotonic() - t1
    return actions, rasa, {"actions_start_s": round(actions_start, 2), "cold_start_s": round(cold, 2)}


# ---------------------------------------------------------------------------------------------------------------
# load generator


@dataclass
class Sample:
    latency: float
    ok: bool
    empty: bool
    mismatch: bool


@dataclass
class LevelResult:
    users: int
    samples: List[Sample] = field(default_factory=list)
    problems: List[Dict] = field(default_factory=list)
    wall: float = 0.0


async def drive(port: int, users: int, budget: int, time_limit: float, tag: str) -> LevelResult:
    """`users` closed-loop users (no think time) talk through CONVERSATIONS until `budget` messages are sent."""
    import aiohttp

    result = LevelResult(users)
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    sent = 0
    deadline = time.monotonic() + time_limit
    timeout = aiohttp.ClientTimeout(total=60)

    async def user(session, u: int) -> None:
        nonlocal sent
        n = 0
        while True:
            conv = CONVERSATIONS[(u + n) % len(CONVERSATIONS)]
            sender = f"bench-{tag}-{users}-{u}-{n}"
            n += 1
            for text, expect in conv:
                if sent >= budget or time.monotonic() > deadline:
                    return
                sent += 1
                t = time.perf_counter()
                ok = empty = mismatch = False
                try:
                    async with session.post(url, json={"sender": sender, "message": text}, timeout=timeout) as r:
                        body = await r.json() if r.status == 200 else None
                    ok = r.status == 200
                    reply = "\n".join(m.get("text") or "" for m in (body or []))
                    empty = ok and not reply.strip()
                    if APOLOGY in reply:  # channels/guard.py gave up (reply timeout or a failure): not an answer
                        ok = False
                    mismatch = ok and bool(expect) and expect.lower() not in reply.lower()
                    if (mismatch or empty or not ok) and len(result.problems) < 20:
                        result.problems.append(
                            {"sender": sender, "message": text, "expected": expect, "reply": reply[:160]}
                        )
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
                    if len(result.problems) < 20:
                        result.problems.append({"sender": sender, "message": text, "error": repr(e)[:160]})
                result.samples.append(Sample(time.perf_counter() - t, ok, empty, mismatch))

    connector = aiohttp.TCPConnector(limit=users + 4)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        await asyncio.gather(*(user(session, u) for u in range(users)))
        result.wall = time.perf_counter() - start
    return result


def pct(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summarize(level: LevelResult) -> Dict:
    lat = [s.latency * 1000 for s in level.samples if s.ok]
    ok = len(lat)
    return {
        "users": level.users,
        "messages": len(level.samples),
        "p50_ms": round(pct(lat, 0.50), 1),
        "p95_ms": round(pct(lat, 0.95), 1),
        "p99_ms": round(pct(lat, 0.99), 1),
        "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
        "msg_per_s": round(ok / level.wall, 1) if level.wall else 0.0,
        "errors": len(level.samples) - ok,
        "empty": sum(s.empty for s in level.samples),
        "mismatches": sum(s.mismatch for s in level.samples),
        "wall_s": round(level.wall, 1),
        "problems": level.problems,
    }


def py_spy() -> str | None:
    for candidate in (shutil.which("py-spy"), str(VENV_BIN / "py-spy"), "/tmp/pyspy/bin/py-spy"):
        if candidate and Path(candidate).exists():
            return candidate
    return None


def summarize_profile(raw: Path, top: int = 25) -> Dict:
    """Collapsed stacks from `py-spy record --format raw` -> share of samples by subsystem and by leaf frame."""
    buckets = {
        "jsonschema (validating action-server responses)": ("jsonschema",),
        "tensorflow (DIET/TED inference)": ("tensorflow", "keras"),
        "spaCy": ("spacy", "thinc"),
        "sklearn / featurizers": ("sklearn", "count_vectors", "regex_featurizer", "lexical_syntactic"),
        "tracker store (SQLAlchemy/SQLite)": ("sqlalchemy", "sqlite3", "tracker_store"),
        "custom action call (HTTP + response handling)": ("aiohttp", "actions/action.py"),
        "policies": ("rasa/core/policies",),
        "events / tracker (de)serialisation": ("rasa/shared/core/trackers", "rasa/shared/core/events", "(json/"),
    }
    total = 0
    by_bucket: Dict[str, int] = {k: 0 for k in buckets}
    by_leaf: Dict[str, int] = {}
    idle = 0
    for line in raw.read_text().splitlines():
        stack, _, count = line.rpartition(" ")
        try:
            n = int(count)
        except ValueError:
            continue
        total += n
        frames = stack.split(";")
        leaf = frames[-1] if frames else "?"
        if any(w in leaf for w in ("select (selectors", "_run_once", "epoll", "wait (threading", "poll ")):
            idle += n
        by_leaf[leaf] = by_leaf.get(leaf, 0) + n
        for name, keys in buckets.items():
            if any(k in stack for k in keys):
                by_bucket[name] += n
    share = lambda n: round(100 * n / total, 1) if total else 0.0  # noqa: E731
    return {
        "samples": total,
        "idle_pct": share(idle),
        "buckets_pct": {k: share(v) for k, v in sorted(by_bucket.items(), key=lambda kv: -kv[1])},
        "top_leaves_pct": [(k, share(v)) for k, v in sorted(by_leaf.items(), key=lambda kv: -kv[1])[:top]],
    }


def bench_system(name: str, model: Path, args, env: Dict[str, str], tag: str) -> Dict:
    tracker, patch = args.tracker, args.patch_jsonschema
    if name == "tuned":  # careerbot's model with the proposed serving levers (reports/bench.md)
        tracker, patch = "fast", True
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=OUT))
    print(f"== {name}: starting servers ({model.name})", flush=True)
    load_before_start = loadavg()
    actions, rasa, timings = start_servers(model, workdir, env, args.rasa_args.split(), tracker, patch)
    out: Dict = {
        "model": str(model),
        "env": env,
        "tracker": tracker,
        "rasa_args": args.rasa_args,
        "load_at_start": load_before_start,
        **timings,
        "levels": [],
    }
    print(f"   cold start {timings['cold_start_s']}s (action server {timings['actions_start_s']}s)", flush=True)
    try:
        # warm-up: every conversation once (first TF calls trace graphs), not measured
        asyncio.run(drive(rasa.port, 1, sum(len(c) for c in CONVERSATIONS), 120, f"{tag}-warm"))
        for users in args.users:
            budget = int(LEVELS.get(users, 20 * users) * args.scale)
            load = loadavg()
            cpu0 = proc_status(rasa.proc.pid)["cpu_s"], proc_status(actions.proc.pid)["cpu_s"]
            spy = None
            if args.profile and users == args.profile_users and py_spy():
                raw = workdir / f"profile-{users}.txt"
                spy = subprocess.Popen(
                    [py_spy(), "record", "--format", "raw", "-r", "200", "-o", str(raw), "-p", str(rasa.proc.pid),
                     "--nonblocking"],
                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                )  # fmt: skip
                time.sleep(1)
            level = asyncio.run(drive(rasa.port, users, budget, args.time_limit, tag))
            cpu1 = proc_status(rasa.proc.pid)["cpu_s"], proc_status(actions.proc.pid)["cpu_s"]
            summary = summarize(level)
            ok = max(1, summary["messages"] - summary["errors"])
            summary["loadavg_before"] = load
            summary["rasa_cpu_ms_per_msg"] = round(1000 * (cpu1[0] - cpu0[0]) / ok, 1)
            summary["actions_cpu_ms_per_msg"] = round(1000 * (cpu1[1] - cpu0[1]) / ok, 1)
            if spy:
                spy.send_signal(signal.SIGINT)
                try:
                    spy.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    spy.kill()
                if raw.exists():
                    out["profile"] = {"users": users, **summarize_profile(raw)}
                    shutil.copy(raw, OUT / f"profile-{tag}-{name}.txt")
            out["levels"].append(summary)
            print(
                f"   {users:>3} users: p50 {summary['p50_ms']} ms, p95 {summary['p95_ms']} ms,"
                f" p99 {summary['p99_ms']} ms,"
                f" {summary['msg_per_s']} msg/s, errors {summary['errors']}, empty {summary['empty']},"
                f" mismatches {summary['mismatches']}, rasa CPU {summary['rasa_cpu_ms_per_msg']} ms/msg"
                f" (load {load[0]})",
                flush=True,
            )
        out["rasa_mem"] = proc_status(rasa.proc.pid)
        out["actions_mem"] = proc_status(actions.proc.pid)
    finally:
        rasa.stop()
        actions.stop()
    shutil.rmtree(workdir, ignore_errors=True)
    return out


# ---------------------------------------------------------------------------------------------------------------
# training


def input_hash(config: str) -> str:
    import rasa

    digest = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for path in [ROOT / config, ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]:
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def train_cached(key: str, config: str, force: bool = False) -> Dict:
    """Train config from scratch (an empty Rasa cache) unless a model for the same inputs is cached."""
    name = f"{key}-{input_hash(config)}"
    models = OUT / "models"
    model, meta_path = models / f"{name}.tar.gz", models / f"{name}.json"
    if model.exists() and meta_path.exists() and not force:
        meta = json.loads(meta_path.read_text())
        print(f"== {key}: cached model {model.relative_to(ROOT)} (trained in {meta['train_s']:.0f}s)", flush=True)
        return {"model": model, **meta, "cached": True}
    models.mkdir(parents=True, exist_ok=True)
    cache = Path(tempfile.mkdtemp(prefix=f"rasa-cache-{key}-", dir=OUT))
    log = OUT / f"train-{key}.log"
    load = loadavg()
    print(f"== {key}: training {name} from scratch (log {log.relative_to(ROOT)}, load {load})", flush=True)
    cmd = [RASA, "train", "--config", config, "--domain", "domain.yml", "--data", "data", "--out", str(models)]
    cmd += ["--fixed-model-name", name, "--num-threads", "2"]
    env = base_env({"RASA_CACHE_DIRECTORY": str(cache)})
    t = time.monotonic()
    with log.open("w") as handle:
        result = subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT, env=env)
    seconds = time.monotonic() - t
    if result.returncode != 0 or not model.exists():
        raise SystemExit(f"training {key} failed ({result.returncode}); see {log}:\n{log.read_text()[-3000:]}")
    # the same command again, nothing changed: Rasa's own fingerprint cache
    t = time.monotonic()
    noop = subprocess.run(cmd[:-4] + ["--out", str(cache / "noop"), "--num-threads", "2"], env=env, capture_output=True)
    noop_s = time.monotonic() - t if noop.returncode == 0 else None
    shutil.rmtree(cache, ignore_errors=True)
    meta = {"train_s": round(seconds, 1), "train_noop_s": noop_s and round(noop_s, 1), "config": config,
            "loadavg_before": load, "trained_at": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    meta_path.write_text(json.dumps(meta))
    print(f"   trained in {seconds:.0f}s; unchanged re-run {meta['train_noop_s']}s", flush=True)
    return {"model": model, **meta, "cached": False}


def make_noop() -> Dict:
    """`make train` when nothing changed: make compares file times, so `make -q train` (the same check, never
    training) is timed; `make train` itself is run only when that says the model is up to date."""
    t = time.monotonic()
    q = subprocess.run(["make", "-q", "train"], cwd=ROOT, capture_output=True)
    check = round(time.monotonic() - t, 2)
    if q.returncode != 0:
        return {"up_to_date": False, "check_s": check}
    t = time.monotonic()
    subprocess.run(["make", "train"], cwd=ROOT, capture_output=True)
    return {"up_to_date": True, "check_s": check, "seconds": round(time.monotonic() - t, 2)}


# ---------------------------------------------------------------------------------------------------------------
# report


def ratio(a, b, digits=2) -> str:
    try:
        return f"{a / b:.{digits}f}×"
    except (TypeError, ZeroDivisionError):
        return "–"


def plot(results: Dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    styles = {
        "ours": ("tab:blue", "careerbot"),
        "tuned": ("tab:green", "careerbot + levers"),
        "default": ("tab:red", "Rasa default"),
    }
    for name, run in results["systems"].items():
        color, label = styles.get(name, ("tab:gray", name))
        users = [lv["users"] for lv in run["levels"]]
        ax1.plot(users, [lv["p50_ms"] for lv in run["levels"]], "o-", color=color, label=f"{label} p50")
        ax1.plot(users, [lv["p95_ms"] for lv in run["levels"]], "s--", color=color, label=f"{label} p95")
        ax2.plot(users, [lv["msg_per_s"] for lv in run["levels"]], "o-", color=color, label=label)
    ax1.set(xlabel="concurrent users", ylabel="latency (ms)", yscale="log", title="Latency vs users (REST, 2 cores)")
    ax2.set(xlabel="concurrent users", ylabel="messages / s", title="Throughput vs users")
    for ax in (ax1, ax2):
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


LABELS = {"ours": "careerbot", "tuned": "careerbot + levers", "default": "Rasa default"}


def write_report(results: Dict) -> None:
    m = results["machine"]
    systems = results["systems"]
    lines = [
        "# Benchmark: careerbot vs Rasa's default configuration",
        "",
        f"Generated by `make bench` (`bench/run_bench.py`) on {results['date']}. Closed-loop users (no think time) "
        "send multi-turn conversations over the REST channel (`POST /webhooks/rest/webhook`) to `rasa run` + the "
        "action server, both on 127.0.0.1 as `make serve` starts them (SQLite tracker store, in-memory lock store, "
        "one Sanic worker). Every factual turn goes through NLU, the policies and the action server; the "
        'conversations (salary → "and at senior level?" → "and the other role?", deployment step → its tools, '
        "chit-chat, out of scope) are `CONVERSATIONS` in `bench/run_bench.py`. Ratios are ÷ Rasa default.",
        "",
        "- **careerbot**: a copy of `models/careerbot.tar.gz` "
        f"({results['ours_model']['mtime']}, sha256 {results['ours_model']['sha256']}), "
        "served exactly as `make serve`.",
        "- **careerbot + levers**: the same model with the two serving changes proposed below (SQLite tracker "
        "store with a kept-open connection + WAL + synchronous=NORMAL, `bench/sqlite_wal.py`; jsonschema "
        "validator cached, `bench/patches/sitecustomize.py`). Nothing else differs.",
        f"- **Rasa default**: `{DEFAULT_CONFIG}` (the `rasa init` pipeline and policies: Memoization, Rule, "
        "UnexpecTEDIntent, TED) trained on the same data, domain and actions.",
        "",
        f"**Machine:** {m['cores']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}, "
        f"Python {m['python']}, Rasa {m['rasa']}, TensorFlow {m['tensorflow']}. "
        f"Load average (1/5/15 min) at start: {m['loadavg_start']}; "
        f"waited {results['load_wait']['waited_s']} s for the 1-min load to fall below {results['max_load']} "
        f"(then {results['load_wait']['after']}). Each row records the 1-min load just before it: other work on this "
        "shared machine (training, test suites) inflates every figure, so compare rows taken at similar load.",
        "",
        "## Latency and throughput",
        "",
        "| users | system | p50 ms | p95 ms | p99 ms | msg/s | errors | empty | wrong "
        "| Rasa CPU ms/msg | action CPU ms/msg | load |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    levels = {name: {lv["users"]: lv for lv in run.get("levels", [])} for name, run in systems.items()}
    d_levels = levels.get("default", {})
    for users in sorted({u for lv in levels.values() for u in lv}):
        for name in ("ours", "tuned", "default"):
            lv = levels.get(name, {}).get(users)
            if not lv:
                continue
            lines.append(
                f"| {users} | {LABELS[name]} | {lv['p50_ms']} | {lv['p95_ms']} | {lv['p99_ms']} | {lv['msg_per_s']} | "
                f"{lv['errors']} | {lv['empty']} | {lv['mismatches']} | {lv['rasa_cpu_ms_per_msg']} | "
                f"{lv['actions_cpu_ms_per_msg']} | {lv['loadavg_before'][0]} |"
            )
        d = d_levels.get(users)
        for name in ("ours", "tuned"):
            o = levels.get(name, {}).get(users)
            if o and d:
                lines.append(
                    f"| {users} | *{LABELS[name]} ÷ default* | {ratio(o['p50_ms'], d['p50_ms'])} | "
                    f"{ratio(o['p95_ms'], d['p95_ms'])} | {ratio(o['p99_ms'], d['p99_ms'])} | "
                    f"**{ratio(o['msg_per_s'], d['msg_per_s'])}** | | | | "
                    f"{ratio(o['rasa_cpu_ms_per_msg'], d['rasa_cpu_ms_per_msg'])} | | |"
                )
    lines += [
        "",
        "`errors`: HTTP errors, time-outs and the guard's apology (channels/guard.py gives up after 20 s). "
        '`wrong`: replies without the substring the script expects (e.g. "senior" after "and at senior level?"): '
        "a smoke check that the follow-ups still work, not an accuracy measure. CPU ms/msg: CPU time of each "
        "process during the level ÷ messages (inflated when the machine is busy).",
        "",
        "![latency vs users](bench_latency.png)",
        "",
        "## Memory, cold start, training",
        "",
        "| | careerbot | careerbot + levers | Rasa default | careerbot ÷ default |",
        "|---|---:|---:|---:|---:|",
    ]

    def row(label, get):
        vals = []
        for name in ("ours", "tuned", "default"):
            try:
                vals.append(get(systems[name]))
            except (KeyError, TypeError):
                vals.append(None)
        cells = " | ".join("–" if v is None else str(v) for v in vals)
        lines.append(f"| {label} | {cells} | {ratio(vals[0], vals[2])} |")

    row("peak RSS, `rasa run` (MiB)", lambda r: r["rasa_mem"]["peak_rss_mib"])
    row("peak RSS, action server (MiB)", lambda r: r["actions_mem"]["peak_rss_mib"])
    row("cold start: `rasa run` start → first answer (s)", lambda r: r["cold_start_s"])
    row("load when that start began", lambda r: r["load_at_start"][0])
    row("action server start → /health (s)", lambda r: r["actions_start_s"])
    tr = results["training"]
    to, td = tr.get("ours"), tr.get("default")
    lines.append(
        f"| `rasa train` from scratch, empty cache (s) | {to['train_s'] if to else '–'} | | "
        f"{td['train_s'] if td else '–'} | {ratio(to and to['train_s'], td and td['train_s'])} |"
    )
    lines.append(
        f"| `rasa train` again, nothing changed (s) | {to and to.get('train_noop_s') or '–'} | | "
        f"{td and td.get('train_noop_s') or '–'} | |"
    )
    mk = tr.get("make_noop", {})
    noop = (
        mk.get("seconds")
        if mk.get("up_to_date")
        else f"{mk.get('check_s', '–')} (`make -q train`; the model was out of date then)"
    )
    lines.append(f"| `make train`, nothing changed (s) | {noop} | | | |")
    lines += [
        "",
        "Training: careerbot from `config.yml` (what `make train` runs), default from "
        f"`{DEFAULT_CONFIG}`, each from scratch with an empty Rasa cache and `--num-threads 2`, cached by a hash "
        "of config + domain + data (`--retrain` measures again). Measured "
        f"{to and to.get('trained_at')} at load {to and to.get('loadavg_before')} (careerbot) and "
        f"{td and td.get('trained_at')} at load {td and td.get('loadavg_before')} (default)."
        + (
            " The default model was trained on an earlier version of data/ and domain.yml (`--default-model`)."
            if td and td.get("stale_inputs")
            else ""
        ),
        "",
    ]
    for name in ("ours", "tuned"):
        prof = systems.get(name, {}).get("profile")
        if prof:
            lines += [
                f"## Where `rasa run`'s CPU goes ({LABELS[name]}, py-spy, {prof['users']} users)",
                "",
                f"{prof['samples']} samples. Share of samples whose stack contains each part (they overlap):",
                "",
                "| part | % of samples |",
                "|---|---:|",
                *[f"| {k} | {v} |" for k, v in prof["buckets_pct"].items()],
                "",
            ]
    notes = BENCH / "notes.md"
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    (REPORTS / "bench.md").write_text("\n".join(lines))


# ---------------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument(
        "--systems", default="ours,tuned,default", help="comma list of ours, tuned (ours + serving levers), default"
    )
    parser.add_argument("--users", default="1,20,50", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the message budgets")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per level")
    parser.add_argument("--model", help="benchmark this model as 'ours' instead of models/careerbot.tar.gz")
    parser.add_argument("--default-model", help="use this default-config model instead of the cached/trained one")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both servers (repeatable)")
    parser.add_argument("--rasa-args", default="", help="extra `rasa run` arguments")
    parser.add_argument("--tracker", choices=list(TRACKERS), default="sqlite", help="tracker store variant")
    parser.add_argument("--patch-jsonschema", action="store_true", help="load bench/patches/sitecustomize.py in rasa")
    parser.add_argument("--label", default="bench")
    parser.add_argument("--no-report", action="store_true", help="only results/bench/<label>.json")
    parser.add_argument(
        "--report-only", metavar="LABEL", help="only re-render the report from results/bench/LABEL.json"
    )
    parser.add_argument("--no-train", action="store_true", help="skip training ours from scratch (time)")
    parser.add_argument("--retrain", action="store_true", help="measure training again even if cached")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for the 1-min load average below this")
    parser.add_argument("--wait-load-max", type=float, default=600.0)
    parser.add_argument("--profile", action="store_true", help="py-spy the careerbot Rasa server at --profile-users")
    parser.add_argument("--profile-users", type=int, default=20)
    args = parser.parse_args()
    # stop cleanly (servers included) on Ctrl-C or `kill PID`, also when started in the background
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.report_only:  # re-render reports/bench.md (e.g. after editing bench/notes.md) from a stored run
        results = json.loads((OUT / f"{args.report_only}.json").read_text())
        for name, run in results["systems"].items():
            raw = OUT / f"profile-{args.report_only}-{name}-{name}.txt"
            if raw.exists() and run.get("profile"):
                run["profile"] = {"users": run["profile"]["users"], **summarize_profile(raw)}
        if "make_noop" in results.get("training", {}):
            results["training"]["make_noop"] = make_noop()
        plot(results, REPORTS / "bench_latency.png")
        write_report(results)
        print(f"wrote {REPORTS / 'bench.md'} from {OUT / (args.report_only + '.json')}")
        return
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    env = dict(kv.split("=", 1) for kv in args.env)
    OUT.mkdir(parents=True, exist_ok=True)

    results: Dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(), "max_load": args.max_load}
    source = Path(args.model) if args.model else ROOT / "models" / "careerbot.tar.gz"
    ours_model = OUT / f"ours-{args.label}.tar.gz"
    shutil.copy(source, ours_model)  # so a retrain by someone else can't change it under us
    results["ours_model"] = {
        "source": str(source),
        "mtime": time.strftime("%Y-%m-%d %H:%M", time.localtime(source.stat().st_mtime)),
        "sha256": hashlib.sha256(ours_model.read_bytes()).hexdigest()[:12],
    }

    training: Dict = {}
    if "default" in systems and args.default_model:  # e.g. a model cached for slightly older data
        model = Path(args.default_model)
        meta = model.with_name(model.name.replace(".tar.gz", ".json"))
        training["default"] = {"model": model, **(json.loads(meta.read_text()) if meta.exists() else {})}
        training["default"]["stale_inputs"] = model.name != f"default-{input_hash(DEFAULT_CONFIG)}.tar.gz"
    elif "default" in systems:
        training["default"] = train_cached("default", DEFAULT_CONFIG, args.retrain)
    results["load_wait"] = wait_for_load(args.max_load, args.wait_load_max)
    results["systems"] = {}
    for name in systems:
        model = training["default"]["model"] if name == "default" else ours_model
        results["systems"][name] = bench_system(name, Path(model), args, env, f"{args.label}-{name}")

    # training last: the serving figures are the ones most hurt by other load, so they go first
    if not args.no_train:
        training["ours"] = train_cached("ours", "config.yml", args.retrain)
        training["make_noop"] = make_noop()
    results["training"] = {k: {kk: (str(vv) if isinstance(vv, Path) else vv) for kk, vv in v.items()}
                           for k, v in training.items()}  # fmt: skip
    (OUT / f"{args.label}.json").write_text(json.dumps(results, indent=1, default=str))
    ours_model.unlink(missing_ok=True)
    if not args.no_report:
        REPORTS.mkdir(exist_ok=True)
        plot(results, REPORTS / "bench_latency.png")
        write_report(results)
        print(f"wrote {REPORTS / 'bench.md'} and {REPORTS / 'bench_latency.png'}")
    print(f"wrote {OUT / (args.label + '.json')}")


if __name__ == "__main__":
    main()
