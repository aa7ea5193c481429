"""`make bench`: latency, throughput, memory, cold start and training time of careerbot vs Rasa's defaults.

Two systems, each as `rasa run` + the action server on 127.0.0.1 (free ports, SQLite tracker store in a scratch
directory under results/bench/, so no real conversation is touched):

- ours, "careerbot": a copy of models/careerbot.tar.gz served exactly as `make serve` serves it: credentials.yml
  (careerbot's guarded REST and socket.io channels; loading them installs the cached jsonschema validation of
  patches/jsonschema_validate.py) and endpoints.yml (careerbot's SQLite tracker store, stores/tracker_store.py),
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

The parts: bench/loadgen.py (conversations, load generator), bench/servers_under_test.py (how each system is served, on
ops/servers.py), bench/measure.py (machine, load, CPU and memory), bench/profiling.py (py-spy), bench/train_time.py
(training times and the default model, on ops/training.py), bench/report_writer.py (reports/bench.md).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import os
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict

# settings (imported by each of these first) puts the repository on sys.path for ops/
from loadgen import CONVERSATIONS, LEVELS, drive, summarize
from measure import LoadSampler, loadavg, machine, machine_cpu_s, proc_status, wait_for_load
from profiling import profile_pass, py_spy, summarize_profile
from report_writer import plot, write_report
from servers_under_test import start_servers
from settings import LABELS, OUT, PYSPY_VENV, REPORTS, ROOT, VENV_BIN
from train_time import default_model, make_noop, stale_components, train_ours

os.chdir(ROOT)  # config.yml loads the spaCy model by a path relative to the project root


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
