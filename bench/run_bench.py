"""`make bench`: latency, throughput, memory, cold start and training time of careerbot vs Rasa's defaults.

Two systems, each as `rasa run` + the action server on 127.0.0.1 (free ports, SQLite tracker store in a scratch
directory under results/bench/, so no real conversation is touched):

- ours, "careerbot": a copy of models/careerbot.tar.gz served exactly as `make serve` serves it: credentials.yml
  (careerbot's guarded REST and socket.io channels; loading them installs the cached jsonschema validation of
  channels/validation_cache.py) and endpoints.yml (careerbot's SQLite tracker store, stores/tracker_store.py),
  with only the database file moved to the scratch directory.
- default, "Rasa default": the same data, domain and actions trained with bench/config_rasa_default.yml (the
  `rasa init` config) and served the way a `rasa init` user would: Rasa's stock `rest:` and `socketio:`
  channels (a temporary credentials file) and Rasa's stock `type: SQL` tracker store on a SQLite file.
  Training it takes ~40 minutes on this machine, so the model is cached in results/bench/models/ by a hash of
  its inputs; when config/domain/data changed since, the newest cached default model is reused and the report
  says so (`--retrain-default` trains it again, `--default-model PATH` picks one).

For each system: cold start (process start -> first answer), a warm-up pass, then closed-loop multi-turn
conversations over the REST channel at 1, 20 and 50 concurrent users with an asyncio client (bounded message
counts and a time limit per level), peak RSS (VmHWM) and CPU time of both processes, and, when py-spy is found
(PATH, the venv, or /tmp/pyspy-venv; it is not a project dependency), a profile of `rasa run` in an extra pass
at 20 users that is not part of the measured figures. Then careerbot is trained from scratch (`rasa train` with
an empty Rasa cache, as `make train` runs it) and `make train` is timed with nothing changed.
Writes results/bench/<label>.json; the default run also writes reports/bench.md and reports/bench_latency.png.

    .venv/bin/python bench/run_bench.py                 # the full run (`make bench`)
    .venv/bin/python bench/run_bench.py --systems ours --users 1,20 --no-train --label quick --no-report
    .venv/bin/python bench/run_bench.py --report-only bench   # re-render reports/bench.md (e.g. after notes.md)

Other work on this 2-core machine skews timings: the run first waits (up to --wait-load-max seconds) for the
1-minute load average to fall below --max-load, then records the load average and the CPU used by other
processes during every level.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import platform
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.e2e.servers import Process, free_port  # noqa: E402  (the e2e tests' server helpers)

BENCH = ROOT / "bench"
OUT = ROOT / "results" / "bench"
MODELS = OUT / "models"
REPORTS = ROOT / "reports"
VENV_BIN = Path(sys.executable).parent
RASA = str(VENV_BIN / "rasa")
DEFAULT_CONFIG = "bench/config_rasa_default.yml"
PYSPY_VENV = Path("/tmp/pyspy-venv/bin/py-spy")
LABELS = {"ours": "careerbot", "default": "Rasa default"}
# scripts/serve.sh passes --cors with the chat page's origins (CORS_ORIGINS, default WEB_PORT 8000)
SERVE_CORS = ["--cors", "http://127.0.0.1:8000", "http://localhost:8000"]
# What `rasa init` users get: Rasa's own channels and tracker store (no careerbot code on the Rasa side).
STOCK_CREDENTIALS = """\
# bench/run_bench.py: Rasa's stock channels, as a `rasa init` project enables them
rest:
socketio:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
"""
TARGETS_NOTE = "issue targets, 2 cores"

os.chdir(ROOT)  # config.yml loads the spaCy model by a path relative to the project root

# Multi-turn conversations: (message, substring expected in the reply or None). Turns with an expected substring
# are factual questions answered by the action server (action_answer_question); their follow-ups depend on the
# slots it set on the previous turn. The others are rules (greet, goodbye, bot challenge) or fallbacks.
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
LEVELS = {1: 100, 20: 600, 50: 1000}  # concurrent users -> total message budget


# ---------------------------------------------------------------------------------------------------------------
# machine, load, processes


def loadavg() -> List[float]:
    return [round(x, 2) for x in os.getloadavg()]


def version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine() -> Dict:
    mem = Path("/proc/meminfo").read_text().split("\n")[0].split()[1]
    cpu = next(
        (ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text().splitlines() if "model name" in ln),
        "?",
    )
    return {
        "cores": os.cpu_count(),
        "cpu": cpu,
        "ram_gib": round(int(mem) / 2**20, 1),
        "python": platform.python_version(),
        "rasa": version("rasa"),
        "tensorflow": version("tensorflow"),
        "spacy": version("spacy"),
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


def machine_cpu_s() -> float:
    """Busy CPU seconds of the whole machine since boot (all cores; /proc/stat, idle and iowait excluded)."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9]]
    return (sum(fields) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


class LoadSampler:
    """Samples the 1-minute load average every `every` seconds in a thread while the `with` block runs."""

    def __init__(self, every: float = 2.0) -> None:
        self.every, self.samples = every, [os.getloadavg()[0]]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadSampler:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()
        self.samples.append(os.getloadavg()[0])

    def summary(self) -> Dict:
        return {
            "min": round(min(self.samples), 2),
            "mean": round(statistics.fmean(self.samples), 2),
            "max": round(max(self.samples), 2),
        }


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


def proc_status(pid: int) -> Dict:
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


# ---------------------------------------------------------------------------------------------------------------
# how each system is served


def careerbot_files(directory: Path) -> Tuple[Path, Path, Dict]:
    """credentials.yml as it is, and endpoints.yml with only the SQLite database moved into `directory`."""
    import yaml

    text = (ROOT / "endpoints.yml").read_text()
    db_line = re.compile(r"^(?P<key>[ \t]+db:[ \t]*)var/careerbot\.db[ \t]*$", re.M)
    if len(db_line.findall(text)) != 1:
        raise SystemExit("endpoints.yml no longer has one 'db: var/careerbot.db' line: update bench/run_bench.py")
    db = directory.resolve() / "careerbot.db"
    text = db_line.sub(lambda m: f"{m.group('key')}{db}", text)
    store = yaml.safe_load(text).get("tracker_store") or {}
    if store.get("dialect") != "sqlite":
        raise SystemExit(f"endpoints.yml's tracker store is not SQLite ({store}): update bench/run_bench.py")
    endpoints = directory / "endpoints.yml"
    endpoints.write_text(text)
    channels = list(yaml.safe_load((ROOT / "credentials.yml").read_text()) or {})
    return ROOT / "credentials.yml", endpoints, {"tracker_store": store, "channels": channels}


def stock_files(directory: Path, actions_port: int) -> Tuple[Path, Path, Dict]:
    """Rasa's stock REST + socket.io channels and stock SQL tracker store (SQLite) in `directory`."""
    db = directory.resolve() / "rasa.db"
    store = {"type": "SQL", "dialect": "sqlite", "db": str(db)}
    credentials, endpoints = directory / "credentials.yml", directory / "endpoints.yml"
    credentials.write_text(STOCK_CREDENTIALS)
    endpoints.write_text(
        "# bench/run_bench.py: Rasa's stock tracker store on SQLite, default (in-memory) lock store\n"
        f"action_endpoint:\n  url: http://127.0.0.1:{actions_port}/webhook\n"
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {db}\n"
        "lock_store:\n  type: in_memory\n"
    )
    return credentials, endpoints, {"tracker_store": store, "channels": ["rest", "socketio"]}


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


def start_servers(name: str, model: Path, workdir: Path, env: Dict[str, str], rasa_args: List[str]) -> tuple:
    """Action server and `rasa run` started together, as scripts/serve.sh does. Returns (actions, rasa, timings,
    serving); timings are from that common start: action server /health, and Rasa's first answer."""
    workdir.mkdir(parents=True, exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    alog, rlog = workdir / "actions.log", workdir / "rasa.log"
    t0 = time.monotonic()
    aproc = subprocess.Popen(
        [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(actions_port)],
        cwd=ROOT, env=base_env(env), stdout=alog.open("w"), stderr=subprocess.STDOUT, preexec_fn=_child_signals,
    )  # fmt: skip
    actions = Process(aproc, actions_port, alog)
    if name == "ours":
        credentials, endpoints, serving = careerbot_files(workdir)
        extra = SERVE_CORS
    else:
        credentials, endpoints, serving = stock_files(workdir, actions_port)
        extra = []
    cmd = [RASA, "run", "--model", str(model), "--interface", "127.0.0.1", "--port", str(rasa_port)]
    cmd += ["--credentials", str(credentials), "--endpoints", str(endpoints), *rasa_args, *extra]
    rproc = subprocess.Popen(
        cmd, cwd=ROOT, env=base_env({"ACTIONS_PORT": str(actions_port), **env}),
        stdout=rlog.open("w"), stderr=subprocess.STDOUT, preexec_fn=_child_signals,
    )  # fmt: skip
    rasa = Process(rproc, rasa_port, rlog)
    try:
        wait_health(actions_port, aproc, 90, alog)
        actions_start = time.monotonic() - t0
        asyncio.run(_wait_answer(rasa_port, rproc, 300, rlog))
    except BaseException:
        rasa.stop()
        actions.stop()
        raise
    cold = time.monotonic() - t0
    timings = {"actions_start_s": round(actions_start, 2), "cold_start_s": round(cold, 2)}
    return actions, rasa, timings, serving


# ---------------------------------------------------------------------------------------------------------------
# load generator


@dataclass
class Sample:
    latency: float
    ok: bool
    empty: bool
    mismatch: bool
    factual: bool


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
                result.samples.append(Sample(time.perf_counter() - t, ok, empty, mismatch, bool(expect)))

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
    factual = [s.latency * 1000 for s in level.samples if s.ok and s.factual]
    ok = len(lat)
    return {
        "users": level.users,
        "messages": len(level.samples),
        "p50_ms": round(pct(lat, 0.50), 1),
        "p95_ms": round(pct(lat, 0.95), 1),
        "p99_ms": round(pct(lat, 0.99), 1),
        "p50_factual_ms": round(pct(factual, 0.50), 1),
        "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
        "msg_per_s": round(ok / level.wall, 1) if level.wall else 0.0,
        "errors": len(level.samples) - ok,
        "empty": sum(s.empty for s in level.samples),
        "mismatches": sum(s.mismatch for s in level.samples),
        "wall_s": round(level.wall, 1),
        "problems": level.problems,
    }


# ---------------------------------------------------------------------------------------------------------------
# profile (py-spy, optional: not in requirements.lock)


def py_spy() -> str | None:
    for candidate in (os.environ.get("PY_SPY"), shutil.which("py-spy"), str(VENV_BIN / "py-spy"), str(PYSPY_VENV)):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


PROFILE_BUCKETS = {
    "jsonschema (validating action-server responses)": ("jsonschema",),
    "tracker store (SQLAlchemy/SQLite)": ("sqlalchemy", "sqlite3", "tracker_store"),
    "custom action call (HTTP + response handling)": ("aiohttp", "actions/action.py"),
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


# ---------------------------------------------------------------------------------------------------------------
# one system


def bench_system(name: str, model: Path, args, env: Dict[str, str], tag: str) -> Dict:
    workdir = Path(tempfile.mkdtemp(prefix=f"bench-{name}-", dir=OUT))
    print(f"== {name}: starting servers ({model.name})", flush=True)
    load_before_start = loadavg()
    actions, rasa, timings, serving = start_servers(name, model, workdir, env, args.rasa_args.split())
    out: Dict = {
        "model": str(model),
        "env": env,
        "rasa_args": args.rasa_args,
        **serving,
        "load_at_start": load_before_start,
        **timings,
        "levels": [],
    }
    print(f"   cold start {timings['cold_start_s']}s (action server {timings['actions_start_s']}s)", flush=True)
    try:
        # warm-up: every conversation once (lazy imports, first calls), not measured
        asyncio.run(drive(rasa.port, 1, sum(len(c) for c in CONVERSATIONS), 120, f"{tag}-warm"))
        for users in args.users:
            budget = int(LEVELS.get(users, 20 * users) * args.scale)
            load = loadavg()
            cpu0 = proc_status(rasa.proc.pid)["cpu_s"], proc_status(actions.proc.pid)["cpu_s"]
            machine0, client0 = machine_cpu_s(), time.process_time()
            with LoadSampler() as sampler:
                level = asyncio.run(drive(rasa.port, users, budget, args.time_limit, tag))
            cpu1 = proc_status(rasa.proc.pid)["cpu_s"], proc_status(actions.proc.pid)["cpu_s"]
            machine1, client1 = machine_cpu_s(), time.process_time()
            summary = summarize(level)
            ok = max(1, summary["messages"] - summary["errors"])
            ours_cpu = (cpu1[0] - cpu0[0]) + (cpu1[1] - cpu0[1]) + (client1 - client0)
            summary["loadavg_before"] = load
            summary["loadavg_during"] = sampler.summary()
            summary["other_cpu_cores"] = round(max(0.0, (machine1 - machine0 - ours_cpu) / max(level.wall, 1e-3)), 2)
            summary["rasa_cpu_ms_per_msg"] = round(1000 * (cpu1[0] - cpu0[0]) / ok, 1)
            summary["actions_cpu_ms_per_msg"] = round(1000 * (cpu1[1] - cpu0[1]) / ok, 1)
            out["levels"].append(summary)
            print(
                f"   {users:>3} users: p50 {summary['p50_ms']} ms (factual {summary['p50_factual_ms']}),"
                f" p95 {summary['p95_ms']} ms, p99 {summary['p99_ms']} ms,"
                f" {summary['msg_per_s']} msg/s, errors {summary['errors']}, empty {summary['empty']},"
                f" mismatches {summary['mismatches']}, rasa CPU {summary['rasa_cpu_ms_per_msg']} ms/msg"
                f" (load {load[0]}, other processes {summary['other_cpu_cores']} cores)",
                flush=True,
            )
        out["rasa_mem"] = proc_status(rasa.proc.pid)
        out["actions_mem"] = proc_status(actions.proc.pid)
        spy = py_spy() if args.profile else None
        if args.profile and not spy:
            out["profile"] = {"error": f"py-spy not found (PATH, {VENV_BIN}, {PYSPY_VENV})"}
        elif spy:
            budget = int(LEVELS.get(args.profile_users, 20 * args.profile_users) * args.scale)
            print(f"   profiling `rasa run` with {spy} at {args.profile_users} users (not measured)", flush=True)
            out["profile"] = profile_pass(spy, rasa, args.profile_users, budget, args, f"{args.label}-{name}", workdir)
            if "error" in out["profile"]:
                print(f"   profile failed: {out['profile']['error']}", flush=True)
    finally:
        rasa.stop()
        actions.stop()
        for log in (rasa.log, actions.log):  # kept for diagnosing errors and empty replies
            shutil.copy(log, OUT / f"{tag}-{log.name}")
    shutil.rmtree(workdir, ignore_errors=True)
    return out


# ---------------------------------------------------------------------------------------------------------------
# training


def training_inputs(config: str) -> List[Path]:
    files = [ROOT / config, ROOT / "domain.yml", *sorted((ROOT / "data").rglob("*.yml"))]
    if config == "config.yml":  # careerbot's custom NLU components are part of what gets trained
        files += sorted((ROOT / "components").rglob("*.py"))
    return files


def input_hash(config: str) -> str:
    import rasa

    digest = hashlib.sha256(f"rasa {rasa.__version__}\n".encode())
    for path in training_inputs(config):
        digest.update(str(path.relative_to(ROOT)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


def train(key: str, config: str, name: str) -> Dict:
    """`rasa train` from scratch (an empty Rasa cache, as `make train` on a fresh checkout), then the same
    command again with nothing changed (Rasa's own fingerprint check)."""
    MODELS.mkdir(parents=True, exist_ok=True)
    model = MODELS / f"{name}.tar.gz"
    cache = Path(tempfile.mkdtemp(prefix=f"rasa-cache-{key}-", dir=OUT))
    log = OUT / f"train-{key}.log"
    load = loadavg()
    print(f"== {key}: training {name} from scratch (log {log.relative_to(ROOT)}, load {load})", flush=True)
    cmd = [RASA, "train", "--config", config, "--domain", "domain.yml", "--data", "data", "--out", str(MODELS)]
    cmd += ["--fixed-model-name", name, "--num-threads", "2"]
    env = base_env({"RASA_CACHE_DIRECTORY": str(cache)})
    t = time.monotonic()
    with log.open("w") as handle, LoadSampler(5.0) as sampler:
        result = subprocess.run(cmd, stdout=handle, stderr=subprocess.STDOUT, env=env)
    seconds = time.monotonic() - t
    if result.returncode != 0 or not model.exists():
        shutil.rmtree(cache, ignore_errors=True)
        raise SystemExit(f"training {key} failed ({result.returncode}); see {log}:\n{log.read_text()[-3000:]}")
    t = time.monotonic()
    noop = subprocess.run(cmd[:-4] + ["--out", str(cache / "noop"), "--num-threads", "2"], env=env, capture_output=True)
    noop_s = time.monotonic() - t if noop.returncode == 0 else None
    shutil.rmtree(cache, ignore_errors=True)
    meta = {"train_s": round(seconds, 1), "train_noop_s": noop_s and round(noop_s, 1), "config": config,
            "loadavg_before": load, "loadavg_during": sampler.summary(),
            "trained_at": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    print(f"   trained in {seconds:.0f}s; unchanged re-run {meta['train_noop_s']}s", flush=True)
    return {"model": model, **meta}


def train_ours() -> Dict:
    """careerbot from scratch, measured on every run (about a minute); the model itself is not kept."""
    result = train("ours", "config.yml", f"ours-{input_hash('config.yml')}")
    result["model"].unlink(missing_ok=True)
    del result["model"]
    return result


def default_model(args) -> Dict:
    """The default-config model: --default-model, else the one cached for today's inputs, else the newest cached
    one (trained on earlier data: noted in the report), else train it (~40 min; --retrain-default forces it)."""
    name = f"default-{input_hash(DEFAULT_CONFIG)}"
    exact = MODELS / f"{name}.tar.gz"
    if args.default_model:
        model = Path(args.default_model).resolve()
    elif args.retrain_default or not any(MODELS.glob("default-*.tar.gz")):
        result = train("default", DEFAULT_CONFIG, name)
        (MODELS / f"{name}.json").write_text(json.dumps({k: v for k, v in result.items() if k != "model"}))
        return {**result, "cached": False, "stale_inputs": False}
    elif exact.exists():
        model = exact
    else:
        model = max(MODELS.glob("default-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    meta_path = model.with_name(model.name.replace(".tar.gz", ".json"))
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    changed = [
        str(p.relative_to(ROOT)) for p in training_inputs(DEFAULT_CONFIG) if p.stat().st_mtime > model.stat().st_mtime
    ]
    stale = model.name != exact.name
    print(f"== default: cached model {model.name}" + (f" (inputs changed since: {changed})" if stale else ""))
    return {**meta, "model": model, "cached": True, "stale_inputs": stale, "changed_since": changed,
            "model_mtime": time.strftime("%Y-%m-%d %H:%M", time.localtime(model.stat().st_mtime))}  # fmt: skip


def make_noop() -> Dict:
    """`make train` when nothing changed: `make -q train` (make's own up-to-date check, never trains) is timed,
    then `make train` itself when that check says the model is up to date."""
    t = time.monotonic()
    q = subprocess.run(["make", "-q", "train"], cwd=ROOT, capture_output=True)
    check = round(time.monotonic() - t, 2)
    if q.returncode != 0:
        return {"up_to_date": False, "check_s": check}
    t = time.monotonic()
    subprocess.run(["make", "train"], cwd=ROOT, capture_output=True)
    return {"up_to_date": True, "check_s": check, "seconds": round(time.monotonic() - t, 2)}


def stale_components(model: Path) -> List[str]:
    """components/*.py newer than the model (`make train` would retrain it; `make bench` runs it first)."""
    return [
        str(p.relative_to(ROOT))
        for p in sorted((ROOT / "components").rglob("*.py"))
        if p.stat().st_mtime > model.stat().st_mtime
    ]


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
    colors = {"ours": "tab:blue", "default": "tab:red"}
    for name, run in results["systems"].items():
        color, label = colors.get(name, "tab:gray"), LABELS.get(name, name)
        users = [lv["users"] for lv in run["levels"]]
        ax1.plot(users, [lv["p50_ms"] for lv in run["levels"]], "o-", color=color, label=f"{label} p50")
        ax1.plot(users, [lv["p95_ms"] for lv in run["levels"]], "s--", color=color, label=f"{label} p95")
        ax2.plot(users, [lv["msg_per_s"] for lv in run["levels"]], "o-", color=color, label=label)
    ax1.axhline(150, color="gray", lw=0.8, ls=":", label="p95 target (20 users)")
    ax1.set(xlabel="concurrent users", ylabel="latency (ms)", yscale="log", title="Latency vs users (REST, 2 cores)")
    ax2.set(xlabel="concurrent users", ylabel="messages / s", title="Throughput vs users")
    ax2.set_ylim(bottom=0)
    for ax in (ax1, ax2):
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:g} ms"


def targets(results: Dict) -> List[Tuple[str, str, str]]:
    """(target, met / not met, measured figure) for each of the issue's targets."""
    systems = results["systems"]
    levels = {name: {lv["users"]: lv for lv in run.get("levels", [])} for name, run in systems.items()}
    o, d = levels.get("ours", {}), levels.get("default", {})
    status = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
    rows = []
    if 1 in o:
        lv = o[1]
        worst = max(lv["p50_ms"], lv["p50_factual_ms"])
        rows.append((
            "1 user: p50 ≤ 20 ms, including the action-server hop", status(worst <= 20),
            f"p50 {_fmt_ms(lv['p50_ms'])} over all turns, {_fmt_ms(lv['p50_factual_ms'])} over the factual turns "
            f"(all answered through the action server); Rasa default {d[1]['p50_ms'] if 1 in d else '–'} ms",
        ))  # fmt: skip
    else:
        rows.append(("1 user: p50 ≤ 20 ms, including the action-server hop", "not measured", "–"))
    if 20 in o and 20 in d:
        r = o[20]["msg_per_s"] / d[20]["msg_per_s"] if d[20]["msg_per_s"] else float("inf")
        rows.append((
            "20 users: ≥ 3× the default's throughput", status(r >= 3),
            f"{r:.2f}× ({o[20]['msg_per_s']} vs {d[20]['msg_per_s']} msg/s)",
        ))  # fmt: skip
    else:
        rows.append(("20 users: ≥ 3× the default's throughput", "not measured", "–"))
    if 20 in o:
        lv = o[20]
        rows.append((
            "20 users: p95 ≤ 150 ms, zero errors", status(lv["p95_ms"] <= 150 and lv["errors"] == 0),
            f"p95 {_fmt_ms(lv['p95_ms'])}, {lv['errors']} errors of {lv['messages']} messages "
            f"({lv['empty']} empty replies, {lv['mismatches']} wrong)",
        ))  # fmt: skip
    else:
        rows.append(("20 users: p95 ≤ 150 ms, zero errors", "not measured", "–"))
    ours = systems.get("ours", {})
    if "cold_start_s" in ours:
        cold_s, actions_s = ours["cold_start_s"], ours["actions_start_s"]
        rows.append((
            "cold start ≤ 20 s", status(cold_s <= 20),
            f"action server and `rasa run` started together (as `make serve` starts them) → first answer "
            f"{cold_s:.1f} s; the action server answered /health after {actions_s:.1f} s",
        ))  # fmt: skip
    tr = results.get("training", {})
    to, mk = tr.get("ours"), tr.get("make_noop", {})
    if to:
        rows.append((
            "`make train` ≤ 3 min from scratch", status(to["train_s"] <= 180),
            f"{to['train_s']:.0f} s (`rasa train` with an empty cache, load {to['loadavg_before'][0]} before it)",
        ))  # fmt: skip
    else:
        rows.append(("`make train` ≤ 3 min from scratch", "not measured", "–"))
    if mk.get("up_to_date"):
        rows.append((
            "`make train` ≤ 5 s when nothing changed", status(mk["seconds"] <= 5),
            f"{mk['seconds']} s (make compares file times and does not start Rasa; "
            f"`rasa train` itself with nothing changed: {to and to.get('train_noop_s')} s)",
        ))  # fmt: skip
    else:
        rows.append((
            "`make train` ≤ 5 s when nothing changed", "not measured",
            f"models/careerbot.tar.gz was out of date when checked (`make -q train` {mk.get('check_s', '–')} s)",
        ))  # fmt: skip
    return rows


def _store(store: Dict) -> str:
    extra = ", ".join(f"{k} {v}" for k, v in store.items() if k not in ("type", "dialect", "db"))
    return f"`type: {store.get('type')}` on SQLite" + (f" ({extra})" if extra else "")


def write_report(results: Dict) -> None:
    m = results["machine"]
    systems = results["systems"]
    ours, default = systems.get("ours", {}), systems.get("default", {})
    tr = results["training"]
    td = tr.get("default_model", {})
    lines = [
        "# Benchmark: careerbot vs Rasa's default configuration",
        "",
        f"Generated by `make bench` (`bench/run_bench.py`) on {results['date']}. Closed-loop users (no think time) "
        "send multi-turn conversations over the REST channel (`POST /webhooks/rest/webhook`) to `rasa run` + the "
        "action server, both on 127.0.0.1, one Sanic worker, in-memory lock store. Every factual turn goes "
        'through NLU, the policies and the action server; the conversations (salary → "and at senior level?" → '
        '"and the other role?", deployment step → its tools, greetings, out of scope) are `CONVERSATIONS` in '
        "`bench/run_bench.py`. Ratios are careerbot ÷ Rasa default.",
        "",
        "| | careerbot | Rasa default |",
        "|---|---|---|",
        f"| model | `models/careerbot.tar.gz` ({results['ours_model']['mtime']}, sha256 "
        f"{results['ours_model']['sha256']}), trained from `config.yml` | `{DEFAULT_CONFIG}` (`rasa init`'s "
        "pipeline and policies: DIET, ResponseSelector, Memoization, Rule, UnexpecTED, TED) on the same data, "
        "domain and actions |",
        f"| channels (credentials) | `credentials.yml`: {', '.join(f'`{c}`' for c in ours.get('channels', []))} "
        "(guarded REST/socket.io; loading them installs the cached jsonschema validation, "
        "`channels/validation_cache.py`) | Rasa's stock `rest:` and `socketio:` (a temporary credentials file) |",
        f"| tracker store | `endpoints.yml`: {_store(ours.get('tracker_store', {}))} (`stores/tracker_store.py`), "
        f"database file moved to a scratch dir | Rasa's stock {_store(default.get('tracker_store', {}))} "
        "(SQLite's default rollback journal, a new connection for every query) |",
        "| started as | `make serve` does (`scripts/serve.sh`): action server (`python -m rasa_sdk --actions "
        "actions`), then `rasa run --credentials … --endpoints …` with `--cors` for the chat page | the same "
        "action-server command, then `rasa run` with the files above (no `--cors`) |",
        "",
    ]
    if td.get("stale_inputs"):
        changed = ", ".join(f"`{c}`" for c in td.get("changed_since", [])) or "the inputs"
        lines += [
            f"**The Rasa default model is a cached one** (`results/bench/models/{Path(td['model']).name}`, trained "
            f"{td.get('trained_at', td.get('model_mtime'))} in {td.get('train_s', '?')} s): retraining it (TED + "
            "DIET + UnexpecTED, ~40 min on this machine) on every run is too slow, so it was trained on an earlier "
            f"version of the training data ({changed} changed since). Its serving figures depend on the pipeline, "
            "not on a few changed examples; its replies to the benchmark conversations are checked like "
            "careerbot's (`wrong` column). `bench/run_bench.py --retrain-default` trains it again.",
            "",
        ]
    if results.get("stale_components"):
        lines += [
            "**Note:** " + ", ".join(f"`{c}`" for c in results["stale_components"]) + " changed after "
            "the benchmarked model was trained, so it may predate that code (`make train` retrains it).",
            "",
        ]
    lw = results["load_wait"]
    all_levels = [lv for run in systems.values() for lv in run.get("levels", [])]
    during = [lv["loadavg_during"] for lv in all_levels if "loadavg_during" in lv]
    other = [lv["other_cpu_cores"] for lv in all_levels if "other_cpu_cores" in lv]
    lines += [
        f"**Machine:** {m['cores']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}, "
        f"Python {m['python']}, Rasa {m['rasa']}, spaCy {m.get('spacy', '?')}, TensorFlow {m['tensorflow']}. "
        f"Load average (1/5/15 min) at start: {m['loadavg_start']}; waited {lw['waited_s']} s for the 1-min load "
        f"to fall below {results['max_load']} (then {lw['after']})."
        + (
            f" During the measured levels the 1-min load average was {min(x['min'] for x in during)}–"
            f"{max(x['max'] for x in during)} (it includes the benchmark's own servers and client), and other "
            f"processes used {min(other)}–{max(other)} of the {m['cores']} cores (`/proc/stat` minus the "
            "benchmark's processes; `other` column)."
            if during and other
            else ""
        ),
        "",
        f"## Targets ({TARGETS_NOTE})",
        "",
        "| target | status | measured (careerbot) |",
        "|---|---|---|",
        *[f"| {t} | {s} | {v} |" for t, s, v in targets(results)],
        "",
        "## Latency and throughput",
        "",
        "| users | system | p50 ms | p50 ms, factual | p95 ms | p99 ms | msg/s | errors | empty | wrong "
        "| Rasa CPU ms/msg | action CPU ms/msg | load | other |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    levels = {name: {lv["users"]: lv for lv in run.get("levels", [])} for name, run in systems.items()}
    for users in sorted({u for lv in levels.values() for u in lv}):
        for name in ("ours", "default"):
            lv = levels.get(name, {}).get(users)
            if not lv:
                continue
            ld = lv.get("loadavg_during", {})
            lines.append(
                f"| {users} | {LABELS[name]} | {lv['p50_ms']} | {lv.get('p50_factual_ms', '–')} | {lv['p95_ms']} | "
                f"{lv['p99_ms']} | {lv['msg_per_s']} | {lv['errors']} | {lv['empty']} | {lv['mismatches']} | "
                f"{lv['rasa_cpu_ms_per_msg']} | {lv['actions_cpu_ms_per_msg']} | "
                f"{ld.get('min', lv['loadavg_before'][0])}–{ld.get('max', lv['loadavg_before'][0])} | "
                f"{lv.get('other_cpu_cores', '–')} |"
            )
        o, d = levels.get("ours", {}).get(users), levels.get("default", {}).get(users)
        if o and d:
            lines.append(
                f"| {users} | *careerbot ÷ default* | {ratio(o['p50_ms'], d['p50_ms'])} | "
                f"{ratio(o.get('p50_factual_ms'), d.get('p50_factual_ms'))} | {ratio(o['p95_ms'], d['p95_ms'])} | "
                f"{ratio(o['p99_ms'], d['p99_ms'])} | **{ratio(o['msg_per_s'], d['msg_per_s'])}** | | | | "
                f"{ratio(o['rasa_cpu_ms_per_msg'], d['rasa_cpu_ms_per_msg'])} | | | |"
            )
    lines += [
        "",
        "`p50 ms, factual`: only the turns answered by the action server (those with an expected substring). "
        "`errors`: HTTP errors, time-outs and careerbot's apology (channels/guard.py gives up after 20 s). "
        "`empty`: a 200 with no text; with Rasa's stock channels (Rasa default) a turn that failed inside Rasa "
        "shows this way, as there is no guard to apologise. "
        '`wrong`: replies without the substring the script expects (e.g. "senior" after "and at senior level?"): '
        "a smoke check that the follow-ups still work, not an accuracy measure (reports/eval.md is). CPU ms/msg: "
        "CPU time of each process during the level ÷ messages. `load`: 1-min load average sampled during the "
        "level (min–max, includes the benchmark itself); `other`: cores used by other processes during the level.",
        "",
        "![latency vs users](bench_latency.png)",
        "",
        "## Memory, cold start, training",
        "",
        "| | careerbot | Rasa default | careerbot ÷ default |",
        "|---|---:|---:|---:|",
    ]

    def row(label, get, with_ratio=True):
        vals = []
        for name in ("ours", "default"):
            try:
                vals.append(get(systems[name]))
            except (KeyError, TypeError):
                vals.append(None)
        cells = " | ".join("–" if v is None else str(v) for v in vals)
        lines.append(f"| {label} | {cells} | {ratio(vals[0], vals[1]) if with_ratio else ''} |")

    row("peak RSS, `rasa run` (MiB)", lambda r: r["rasa_mem"]["peak_rss_mib"])
    row("peak RSS, action server (MiB)", lambda r: r["actions_mem"]["peak_rss_mib"])
    row("cold start: both servers started together → first answer (s)", lambda r: r["cold_start_s"])
    row("1-min load when that start began", lambda r: r["load_at_start"][0], with_ratio=False)
    row("… of which: action server → /health (s)", lambda r: r["actions_start_s"])
    to = tr.get("ours")
    lines.append(
        f"| `rasa train` from scratch, empty cache (s) | {to['train_s'] if to else '–'} | "
        f"{td.get('train_s', '–')} | {ratio(to and to['train_s'], td.get('train_s'))} |"
    )
    lines.append(
        f"| `rasa train` again, nothing changed (s) | {to and to.get('train_noop_s') or '–'} | "
        f"{td.get('train_noop_s') or '–'} | |"
    )
    mk = tr.get("make_noop", {})
    noop = mk.get("seconds") if mk.get("up_to_date") else f"– (model out of date; `make -q train` {mk.get('check_s')})"
    lines.append(f"| `make train`, nothing changed (s) | {noop} | | |")
    lines += [
        "",
        "Training: careerbot from `config.yml` exactly as `make train` runs it (`rasa train --num-threads 2`), "
        "from scratch with an empty Rasa cache, measured on every `make bench`"
        + (
            f" ({to['trained_at']}, 1-min load {to['loadavg_before'][0]} before, "
            f"{to['loadavg_during']['min']}–{to['loadavg_during']['max']} during)"
            if to
            else ""
        )
        + f". Rasa default: `{DEFAULT_CONFIG}`, same flags, "
        + (
            f"the cached model's training run ({td.get('trained_at')}, 1-min load {td['loadavg_before'][0]} before it)."
            if td.get("cached") and td.get("loadavg_before")
            else "trained in this run."
        )
        + " `make train` with nothing changed is make's file-time check only (the Makefile retrains when "
        "config.yml, domain.yml, data/ or components/ is newer than the model); `rasa train` with nothing changed "
        "runs Rasa's graph again with a warm cache.",
        "",
    ]
    for name in ("ours", "default"):
        prof = systems.get(name, {}).get("profile")
        if not prof:
            continue
        if "error" in prof:
            lines += [f"## Where `rasa run`'s CPU goes ({LABELS[name]})", "", f"No profile: {prof['error']}", ""]
            continue
        lines += [
            f"## Where `rasa run`'s CPU goes ({LABELS[name]}, py-spy, {prof['users']} users)",
            "",
            f"{prof['samples']} samples at 100 Hz over an extra {prof['users']}-user pass of "
            f"{prof.get('messages', '?')} messages after the measured levels (py-spy from a throwaway venv, "
            "not a project dependency). "
            f"{prof['idle_pct']} % of them found the event loop waiting; of the others (busy), the share whose "
            "stack contains each part (they overlap; parts below 0.5 % left out):",
            "",
            "| part | % of busy samples |",
            "|---|---:|",
            *[f"| {k} | {v} |" for k, v in prof["buckets_pct"].items() if v >= 0.5],
            "",
        ]
    if not any(systems.get(n, {}).get("profile") for n in ("ours", "default")):
        lines += [
            "## Where `rasa run`'s CPU goes",
            "",
            "No profile in this run (py-spy not found: it is not in requirements.lock; "
            "`python -m venv /tmp/pyspy-venv && /tmp/pyspy-venv/bin/pip install py-spy` makes it available).",
            "",
        ]
    notes = BENCH / "notes.md"
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    (REPORTS / "bench.md").write_text("\n".join(lines))


# ---------------------------------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--systems", default="ours,default", help="comma list of ours (careerbot), default")
    parser.add_argument("--users", default="1,20,50", type=lambda s: [int(x) for x in s.split(",")])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the message budgets")
    parser.add_argument("--time-limit", type=float, default=120.0, help="seconds per level")
    parser.add_argument("--model", help="benchmark this model as 'ours' instead of models/careerbot.tar.gz")
    parser.add_argument("--default-model", help="use this default-config model instead of the cached/trained one")
    parser.add_argument("--retrain-default", action="store_true", help="train the default model again (~40 min)")
    parser.add_argument("--env", action="append", default=[], help="KEY=VALUE for both servers (repeatable)")
    parser.add_argument("--rasa-args", default="", help="extra `rasa run` arguments")
    parser.add_argument("--label", default="bench")
    parser.add_argument("--no-report", action="store_true", help="only results/bench/<label>.json")
    parser.add_argument(
        "--report-only", metavar="LABEL", help="only re-render the report from results/bench/LABEL.json"
    )
    parser.add_argument("--no-train", action="store_true", help="skip training careerbot from scratch")
    parser.add_argument("--max-load", type=float, default=1.0, help="wait for the 1-min load average below this")
    parser.add_argument("--wait-load-max", type=float, default=600.0)
    parser.add_argument("--no-profile", dest="profile", action="store_false", help="skip the py-spy pass")
    parser.add_argument("--profile-users", type=int, default=20)
    args = parser.parse_args()
    # stop cleanly (servers included) on Ctrl-C or `kill PID`, also when started in the background
    signal.signal(signal.SIGINT, signal.default_int_handler)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if args.report_only:  # re-render reports/bench.md (e.g. after editing bench/notes.md) from a stored run
        results = json.loads((OUT / f"{args.report_only}.json").read_text())
        for run in results["systems"].values():
            prof = run.get("profile") or {}
            if prof.get("raw") and Path(prof["raw"]).exists():
                run["profile"] = {**prof, **summarize_profile(Path(prof["raw"]))}
        plot(results, REPORTS / "bench_latency.png")
        write_report(results)
        print(f"wrote {REPORTS / 'bench.md'} from {OUT / (args.report_only + '.json')}")
        return
    systems = [s.strip() for s in args.systems.split(",") if s.strip()]
    unknown = set(systems) - set(LABELS)
    if unknown:
        raise SystemExit(f"unknown --systems {sorted(unknown)}; choose from {sorted(LABELS)}")
    env = dict(kv.split("=", 1) for kv in args.env)
    OUT.mkdir(parents=True, exist_ok=True)

    results: Dict = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": machine(), "max_load": args.max_load}
    source = Path(args.model) if args.model else ROOT / "models" / "careerbot.tar.gz"
    if not source.exists():
        raise SystemExit(f"{source} does not exist: run `make train` (or `make bench`, which trains first)")
    ours_model = OUT / f"ours-{args.label}.tar.gz"
    shutil.copy(source, ours_model)  # so a retrain by someone else can't change it under us
    results["ours_model"] = {
        "source": str(source),
        "mtime": time.strftime("%Y-%m-%d %H:%M", time.localtime(source.stat().st_mtime)),
        "sha256": hashlib.sha256(ours_model.read_bytes()).hexdigest()[:12],
    }
    results["stale_components"] = [] if args.model else stale_components(source)
    if results["stale_components"]:
        print(f"warning: {results['stale_components']} newer than {source}", flush=True)

    training: Dict = {}
    if "default" in systems:
        training["default_model"] = default_model(args)
    results["load_wait"] = wait_for_load(args.max_load, args.wait_load_max)
    results["systems"] = {}
    try:
        for name in systems:
            model = training["default_model"]["model"] if name == "default" else ours_model
            results["systems"][name] = bench_system(name, Path(model), args, env, f"{args.label}-{name}")
    finally:
        ours_model.unlink(missing_ok=True)

    # training last: the serving figures are the ones most hurt by other load, so they go first
    if not args.no_train:
        training["ours"] = train_ours()
        training["make_noop"] = make_noop()
    results["training"] = {k: {kk: (str(vv) if isinstance(vv, Path) else vv) for kk, vv in v.items()}
                           for k, v in training.items()}  # fmt: skip
    (OUT / f"{args.label}.json").write_text(json.dumps(results, indent=1, default=str))
    if not args.no_report:
        REPORTS.mkdir(exist_ok=True)
        plot(results, REPORTS / "bench_latency.png")
        write_report(results)
        print(f"wrote {REPORTS / 'bench.md'} and {REPORTS / 'bench_latency.png'}")
    print(f"wrote {OUT / (args.label + '.json')}")


if __name__ == "__main__":
    main()
