"""Start and stop careerbot's servers: the action server, `rasa run` and the chat page.

One set of command lines and one environment for `make serve` (serving/supervisor.py, which wraps them in
serving/launcher.py to serve on sockets it holds), the end-to-end tests (tests/e2e/servers.py) and the benchmark
(bench/servers_under_test.py), so what is tested and measured is what runs. Rasa runs from the repository root, as
`make serve` does: config.yml loads the spaCy model by a relative path, and the default SQLite tracker store is
var/careerbot.db.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Dict, List, Mapping, Sequence

import requests

from serving.action_server import TOKEN_ENV

ROOT = Path(__file__).resolve().parents[1]
VENV_BIN = Path(sys.executable).parent
PYTHON = str(VENV_BIN / "python")
RASA = str(VENV_BIN / "rasa")
WRAPPER = str(ROOT / "serving" / "launcher.py")  # serves on an inherited socket (serving/supervisor.py)
# CAREERBOT_MODEL: serve or test another model than the one `make train` builds.
MODEL = Path(os.environ.get("CAREERBOT_MODEL", ROOT / "models" / "careerbot.tar.gz"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def action_token() -> str:
    """The token Rasa and the action server share (serving/action_server.py): CAREERBOT_ACTION_TOKEN, or one generated
    once per process and put in os.environ, so every server this process starts gets the same."""
    return os.environ.setdefault(TOKEN_ENV, secrets.token_hex(32))


def server_env(extra: Mapping[str, str] | None = None, host: str = "127.0.0.1") -> Dict[str, str]:
    """The current environment plus what both servers need (quiet Rasa, the project on PYTHONPATH, bind `host`,
    the action server's shared token)."""
    action_token()
    env = dict(os.environ)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p and p != str(ROOT)]
    env.update(
        RASA_TELEMETRY_ENABLED="false",
        TF_CPP_MIN_LOG_LEVEL="2",
        SQLALCHEMY_SILENCE_UBER_WARNING="1",
        SANIC_HOST=host,  # the action server reads its bind address from here
        PYTHONPATH=os.pathsep.join([str(ROOT), *paths]),
        PYTHONUNBUFFERED="1",  # server logs reach their files line by line; tests read them
        # Sanic waits up to 15 s by default for open connections at shutdown; a socket.io client's idle polling
        # session kept every stop (Ctrl-C on `make serve`, each test's teardown) waiting those 15 s. A reply takes
        # milliseconds, so 3 s still lets every in-flight request finish.
        SANIC_GRACEFUL_SHUTDOWN_TIMEOUT="3",
    )
    env.update(extra or {})
    return env


def ensure_session_key() -> None:
    """Create the signed-session key file (var/session-secret) before Rasa and the page server start, so both read
    the same key (channels/sessions.py); nothing to do when CAREERBOT_JWT_SECRET is set."""
    if not os.environ.get("CAREERBOT_JWT_SECRET"):
        from channels.sessions import ensure_secret_file

        ensure_secret_file()


def action_server_command(port: int, wrapped: bool = False) -> List[str]:
    """The action server (actions/ package) on `port`, always through serving/launcher.py (`wrapped` is kept for
    symmetry with rasa_run_command: without CAREERBOT_LISTEN_FD the launcher binds its own port)."""
    args = ["--actions", "actions", "--port", str(port)]
    return [PYTHON, WRAPPER, "rasa_sdk", *args]  # the launcher adds the token check (serving/action_server.py)


def rasa_run_command(
    model: str | Path,
    port: int,
    *,
    interface: str = "127.0.0.1",
    credentials: str | Path = "credentials.yml",
    endpoints: str | Path = "endpoints.yml",
    extra_args: Sequence[str] = (),
    cors: Sequence[str] | None = None,
    wrapped: bool = False,
) -> List[str]:
    """`rasa run` serving `model` on interface:port; cors: the allowed origins (None: no --cors at all)."""
    args = ["run", "--model", str(model), "--interface", interface, "--port", str(port)]
    args += ["--credentials", str(credentials), "--endpoints", str(endpoints), *extra_args]
    if cors is not None:
        args += ["--cors", *cors]
    return [PYTHON, WRAPPER, "rasa", *args] if wrapped else [RASA, *args]


def page_server_command(host: str, port: int, socket_url: str) -> List[str]:
    """The chat page (serving/page_server.py), telling the widget to reach Rasa at socket_url."""
    script = str(ROOT / "serving" / "page_server.py")
    return [PYTHON, script, "--host", host, "--port", str(port), "--socket-url", socket_url]


DEFAULT_SQLITE_DB = "var/careerbot.db"  # endpoints.yml's tracker store


def private_var_dir() -> Path:
    """var/, where the default SQLite tracker store keeps conversations: created, and made owner-only (0700)."""
    var = ROOT / "var"
    var.mkdir(mode=0o700, exist_ok=True)
    var.chmod(0o700)
    return var


def isolated_endpoints(directory: Path) -> Path:
    """A copy of endpoints.yml whose SQLite tracker store is `directory`/careerbot.db instead of var/.

    Everything else stays as in the real file, so tests, `make e2e-eval` and `make bench` get the default setup
    with conversations of their own (none left over from earlier runs or from a developer's `make serve`).
    ValueError if endpoints.yml no longer has exactly one such line.
    """
    text = (ROOT / "endpoints.yml").read_text()
    line = f"  db: {DEFAULT_SQLITE_DB}\n"
    if text.count(line) != 1:
        raise ValueError(f"endpoints.yml no longer has the line {line.strip()!r}: update ops/servers.py")
    target = Path(directory) / "endpoints.yml"
    target.write_text(text.replace(line, f"  db: {Path(directory).resolve() / 'careerbot.db'}\n"))
    return target


def stop_process(proc: subprocess.Popen, sig: int = signal.SIGTERM, timeout: float = 20) -> None:
    """Ask a process to stop with `sig`; kill it if it has not exited within `timeout` seconds."""
    if proc.poll() is None:
        proc.send_signal(sig)
        try:
            proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_http(url: str, proc: subprocess.Popen, timeout: float, log: Path, interval: float = 0.3) -> None:
    """Poll `url` until it answers below 500; RuntimeError with the log's tail if the process exits or time runs out."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{url}: process exited with {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(interval)
    raise RuntimeError(f"{url} did not answer within {timeout}s:\n{log.read_text()[-3000:]}")


@dataclass
class Process:
    proc: subprocess.Popen
    port: int
    log: Path

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGINT)

    def wait_ready(self, timeout: float = 300, path: str = "/", interval: float = 0.3) -> None:
        """Wait until the server answers on `path`; if it does not, stop it and raise with its log."""
        try:
            wait_http(f"http://127.0.0.1:{self.port}{path}", self.proc, timeout, self.log, interval)
        except BaseException:
            self.stop()  # no orphan server left behind when start-up times out
            raise


def spawn(
    argv: List[str],
    port: int,
    log: Path,
    env: Mapping[str, str],
    append: bool = False,
    preexec_fn: Callable[[], None] | None = None,
) -> Process:
    """Start `argv` from the repository root with its output in `log`, without waiting for it."""
    proc = subprocess.Popen(
        argv,
        cwd=ROOT,
        env=dict(env),
        stdout=log.open("a" if append else "w"),
        stderr=subprocess.STDOUT,
        preexec_fn=preexec_fn,
    )
    return Process(proc, port, log)


def spawn_action_server(
    log: Path, port: int, env: Mapping[str, str] | None = None, preexec_fn: Callable[[], None] | None = None
) -> Process:
    return spawn(action_server_command(port), port, log, server_env(env), preexec_fn=preexec_fn)


def start_action_server(log: Path, port: int, env: Mapping[str, str] | None = None, timeout: float = 90) -> Process:
    """The action server, once it answers on /health."""
    actions = spawn_action_server(log, port, env)
    actions.wait_ready(timeout, "/health")
    return actions


def spawn_rasa(
    log: Path,
    model: str | Path,
    port: int,
    actions_port: int,
    *,
    credentials: str | Path = ROOT / "credentials.yml",
    endpoints: str | Path = ROOT / "endpoints.yml",
    extra_args: Sequence[str] = (),
    cors: Sequence[str] | None = None,
    env: Mapping[str, str] | None = None,
    append: bool = False,
    preexec_fn: Callable[[], None] | None = None,
) -> Process:
    """`rasa run` without waiting for it (see `Process.wait_ready`), to start several in parallel."""
    private_var_dir()
    ensure_session_key()
    argv = rasa_run_command(
        model, port, credentials=credentials, endpoints=endpoints, extra_args=extra_args, cors=cors, wrapped=True
    )  # through serving/launcher.py, as `make serve` runs it
    env = server_env({"ACTIONS_PORT": str(actions_port), **(env or {})})
    return spawn(argv, port, log, env, append=append, preexec_fn=preexec_fn)


def start_page_server(log: Path, socket_url: str, port: int, timeout: float = 30) -> Process:
    """The chat page, once it answers."""
    ensure_session_key()
    page = spawn(page_server_command("127.0.0.1", port, socket_url), port, log, server_env())
    page.wait_ready(timeout)
    return page


def main(argv: Sequence[str] | None = None) -> None:
    """`python -m ops.servers action-server PORT`: become the action server (scripts/common.sh, `make run`)."""
    import argparse

    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("server", choices=["action-server"])
    parser.add_argument("port", type=int)
    args = parser.parse_args(argv)
    command = action_server_command(args.port)
    os.execve(command[0], command, server_env(host=os.environ.get("SANIC_HOST", "127.0.0.1")))


if __name__ == "__main__":
    main()
