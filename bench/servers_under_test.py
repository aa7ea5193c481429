"""How the benchmark serves each system; the command lines and start/stop themselves are ops/servers.py's.

- ours: credentials.yml and endpoints.yml as `make serve` uses them, with only the SQLite file moved to a scratch
  directory, and the chat page's CORS origins as scripts/serve.sh passes them;
- default: Rasa's stock channels and stock SQL tracker store, as a `rasa init` user gets them.
Both start together (as `make serve` starts them); cold start is the time to Rasa's first answer.
"""

from __future__ import annotations

import asyncio
import signal
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Tuple

from settings import ROOT

from ops import servers
from ops.servers import free_port
from serving.action_server import TOKEN_ENV, TOKEN_HEADER

# scripts/serve.sh passes --cors with the chat page's origins (CORS_ORIGINS, default WEB_PORT 8000)
SERVE_CORS = ["http://127.0.0.1:8000", "http://localhost:8000"]
# What `rasa init` users get: Rasa's own channels and tracker store (no careerbot code on the Rasa side).
STOCK_CREDENTIALS = """\
# bench/run_bench.py: Rasa's stock channels, as a `rasa init` project enables them
rest:
socketio:
  user_message_evt: user_uttered
  bot_message_evt: bot_uttered
  session_persistence: true
"""


def _child_signals() -> None:
    """Children get the default SIGINT even when this script runs in the background (where it is ignored)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def careerbot_files(directory: Path) -> Tuple[Path, Path, Dict]:
    """credentials.yml as it is, and endpoints.yml with only the SQLite database moved into `directory`."""
    import yaml

    try:
        endpoints = servers.isolated_endpoints(directory)
    except ValueError as error:
        raise SystemExit(f"bench: {error}") from None
    store = yaml.safe_load(endpoints.read_text()).get("tracker_store") or {}
    if store.get("dialect") != "sqlite":
        raise SystemExit(f"endpoints.yml's tracker store is not SQLite ({store}): update bench/run_bench.py")
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
        f"  headers:\n    {TOKEN_HEADER}: ${{{TOKEN_ENV}}}\n"  # the action server answers Rasa only
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


def start_servers(name: str, model: Path, workdir: Path, env: Dict[str, str], rasa_args: List[str]) -> tuple:
    """Action server and `rasa run` started together, as scripts/serve.sh does. Returns (actions, rasa, timings,
    serving); timings are from that common start: action server /health, and Rasa's first answer."""
    workdir.mkdir(parents=True, exist_ok=True)
    actions_port, rasa_port = free_port(), free_port()
    t0 = time.monotonic()
    actions = servers.spawn_action_server(workdir / "actions.log", actions_port, env, preexec_fn=_child_signals)
    if name == "ours":
        credentials, endpoints, serving = careerbot_files(workdir)
        cors = SERVE_CORS
    else:
        credentials, endpoints, serving = stock_files(workdir, actions_port)
        cors = None
    rasa = servers.spawn_rasa(
        workdir / "rasa.log", model, rasa_port, actions_port, credentials=credentials, endpoints=endpoints,
        extra_args=rasa_args, cors=cors, env=env, preexec_fn=_child_signals,
    )  # fmt: skip
    try:
        try:
            servers.wait_http(f"http://127.0.0.1:{actions_port}/health", actions.proc, 90, actions.log, interval=0.1)
        except RuntimeError as e:
            raise SystemExit(f"action server: {e}") from None
        actions_start = time.monotonic() - t0
        asyncio.run(_wait_answer(rasa_port, rasa.proc, 300, rasa.log))
    except BaseException:
        rasa.stop()
        actions.stop()
        raise
    cold = time.monotonic() - t0
    timings = {"actions_start_s": round(actions_start, 2), "cold_start_s": round(cold, 2)}
    return actions, rasa, timings, serving
