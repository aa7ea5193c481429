"""Memory of `make serve` as it runs: the supervisor, Rasa and the action server each with its warm standby,
and the chat page, measured once both standbys say they are loaded and a few messages were answered.

RSS counts a page shared between processes once per process; PSS splits it between them (the memory the
machine really gives them). Both are summed over the supervisor's process tree, per part and in total.

    .venv/bin/python bench/serve_memory.py [--model models/careerbot.tar.gz] [--no-standby]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Dict

from measure import proc_tree
from settings import ROOT

from ops import servers


def _kib(path: Path, field: str) -> int:
    try:
        for line in path.read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def memory(root_pid: int, roles: Dict[int, str]) -> Dict:
    """RSS and PSS (MiB) of every process under root_pid, labelled by role, and the totals."""
    rows = []
    for pid in proc_tree(root_pid):
        rss = _kib(Path(f"/proc/{pid}/status"), "VmRSS")
        pss = _kib(Path(f"/proc/{pid}/smaps_rollup"), "Pss")
        rows.append({"pid": pid, "role": roles.get(pid, "other"), "rss_mib": round(rss / 1024),
                     "pss_mib": round(pss / 1024)})  # fmt: skip
    return {
        "processes": rows,
        "total_rss_mib": sum(r["rss_mib"] for r in rows),
        "total_pss_mib": sum(r["pss_mib"] for r in rows),
    }


def _say(port: int, n: int) -> None:
    for i in range(n):
        body = json.dumps({"sender": f"serve-memory-{i % 3}", "message": "what does an ML engineer earn?"}).encode()
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook", body, {"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as reply:
            reply.read()


def measure_serve(model: Path, standby: bool = True, timeout: float = 600.0) -> Dict:
    """Start scripts/serve.sh on free ports with a scratch tracker store; return its memory once ready."""
    with tempfile.TemporaryDirectory(prefix="serve-memory-") as tmp:
        ports = {name: str(servers.free_port()) for name in ("RASA_PORT", "ACTIONS_PORT", "WEB_PORT")}
        env = servers.server_env({
            **ports, "CAREERBOT_MODEL": str(model), "ENDPOINTS": str(servers.isolated_endpoints(Path(tmp))),
            "CAREERBOT_STANDBY": "1" if standby else "0",
        })  # fmt: skip
        log_path = Path(tmp) / "serve.log"
        t0 = time.monotonic()
        with log_path.open("w") as log:
            proc = subprocess.Popen(["scripts/serve.sh"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                    start_new_session=True)  # fmt: skip
        try:
            ready_s = None
            while True:
                text = log_path.read_text()
                if ready_s is None and "careerbot is up" in text:
                    ready_s = round(time.monotonic() - t0, 1)
                if ready_s is not None and (not standby or len(re.findall(r"standby .*\) loaded", text)) >= 2):
                    break
                if proc.poll() is not None or time.monotonic() - t0 > timeout:
                    raise SystemExit(f"make serve did not get ready:\n{text[-3000:]}")
                time.sleep(0.5)
            standby_s = round(time.monotonic() - t0, 1)
            _say(int(ports["RASA_PORT"]), 20)
            time.sleep(2)
            roles = {}
            for line in log_path.read_text().splitlines():
                match = re.search(r"started (standby )?(Rasa|action server|chat page) \(pid (\d+)\)", line)
                if match:
                    roles[int(match.group(3))] = ("standby " if match.group(1) else "") + match.group(2)
            roles[proc.pid] = "supervisor"
            result = memory(proc.pid, roles)
            return {"standby": standby, "ready_s": ready_s, "standbys_loaded_s": standby_s, **result}
        finally:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=30)
            except (ProcessLookupError, subprocess.TimeoutExpired):
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass  # it had already stopped (e.g. it could not start)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=str(ROOT / "models" / "careerbot.tar.gz"))
    parser.add_argument("--no-standby", dest="standby", action="store_false")
    args = parser.parse_args()
    json.dump(measure_serve(Path(args.model).resolve(), args.standby), sys.stdout, indent=1)
    print()


if __name__ == "__main__":
    main()
