"""Run careerbot's three parts (action server, Rasa, chat page) and keep them running: `make serve` calls this.

Why a supervisor: one crashed part used to take everything down. Here a part that exits is restarted with
back-off (1 s, 2 s, 4 s ... at most 30 s; back to 1 s once it stayed up a minute) and each event is one log
line on stderr naming the part and its pid (tests find pids there). Ctrl-C or SIGTERM stops every part, and a
part never outlives this process (each is asked to die with it, PR_SET_PDEATHSIG).

The supervisor itself owns the listening sockets of all three parts and hands them to each new process
(CAREERBOT_LISTEN_FD, serving/launcher.py and serving/page_server.py use it). While a part restarts, the
kernel keeps queueing connections on its socket instead of refusing them, so a message sent meanwhile waits
and is answered once the part is back, instead of failing with "connection refused". If the action server
stays away longer than CAREERBOT_REPLY_TIMEOUT (20 s), the guard answers with its apology (channels/guard.py).

Rasa and the action server also have a warm standby (CAREERBOT_STANDBY=1, the default; 0 saves its memory:
~0.5 GB RSS / 0.42 GB PSS for Rasa's (no TensorFlow: patches/no_tensorflow.py), ~0.1 GB for the action
server's, bench/serve_memory.py; all of `make serve` ~1.5 GB RSS): a second
process, started once the first is up, that loads the model (or the actions) and then waits without accepting
(serving/launcher.py); it loads at nice 10, so it does not slow the serving processes down. When the serving
process dies the standby takes over at once (measured: Rasa answers again ~0.6 s after SIGKILL, instead of
the ~12 s a model load takes) and a new standby is loaded behind it. Why not a lighter or copy-on-write
standby: bench/notes.md (reports/bench.md).

A part that exits before it ever became ready (bad model, port taken, broken KB) stops everything with
exit status 1, as before: restarting a part that cannot start would only hide the error.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # also when run without `make serve`'s PYTHONPATH

from ops import servers  # noqa: E402  (the command lines, shared with the tests, eval and bench)

MAX_BACKOFF = 30.0
STABLE_SECONDS = 60.0
STOP_GRACE_SECONDS = 15.0
PR_SET_PDEATHSIG = 1


def log(text: str) -> None:
    print(f"careerbot: {text}", file=sys.stderr, flush=True)


def _die_with_parent() -> None:
    """Runs in the child before exec: SIGTERM when the supervisor dies, even by SIGKILL (no orphans)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:
        pass


STANDBY_NICENESS = 10  # a standby loads in the background without slowing the serving processes down


def _standby_preexec() -> None:
    _die_with_parent()
    os.nice(STANDBY_NICENESS)


def _renice(pid: int) -> None:
    """Back to normal priority once a standby serves (every thread: Linux keeps niceness per thread)."""
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            os.setpriority(os.PRIO_PROCESS, int(task.name), 0)
    except PermissionError:
        log(f"cannot raise the priority of pid {pid} back to normal (needs CAP_SYS_NICE); it serves at nice 10")
    except (OSError, ValueError):
        pass


def bind(host: str, port: int) -> socket.socket:
    """A listening socket the children inherit (OSError when the port is taken)."""
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.listen(int(os.environ.get("SANIC_BACKLOG", "100")))
    sock.set_inheritable(True)
    return sock


def listen(host: str, port: int, name: str) -> socket.socket:
    """bind(), with a taken port at start-up as one clear line and exit status 1."""
    try:
        return bind(host, port)
    except OSError as e:
        log(f"port {port} ({name}) is not free: {e.strerror} (another `make serve`?); set {name_of_port(name)}")
        sys.exit(1)


def name_of_port(name: str) -> str:
    return {"Rasa": "RASA_PORT", "action server": "ACTIONS_PORT"}.get(name, "WEB_PORT")


def answers(url: str, timeout: float = 2.0) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as reply:
            return reply.status < 500
    except urllib.error.HTTPError as e:
        return e.code < 500
    except (OSError, ValueError):
        return False


@dataclass
class Part:
    """One supervised process: how to start it, where it answers, and its restart state."""

    name: str
    argv: List[str]
    health_url: str
    start_timeout: float
    sock: socket.socket | None = None
    proc: subprocess.Popen | None = None
    started_at: float = 0.0
    failures: int = 0
    restart_at: float | None = None
    env: Dict[str, str] = field(default_factory=dict)
    keeps_standby: bool = False  # a second, loaded process waits to take over (serving/launcher.py)
    standby: subprocess.Popen | None = None
    standby_at: float | None = None
    standby_failures: int = 0
    # The action server: while it crash-loops, refuse connections (Rasa then apologises at once) instead of
    # letting each message wait for it; the socket is bound again right before the next start.
    release_when_failing: bool = False
    address: tuple[str, int] | None = None

    def spawn(self, standby: bool = False) -> subprocess.Popen:
        env = dict(os.environ, **self.env)
        fds: tuple = ()
        if self.sock is not None:
            env["CAREERBOT_LISTEN_FD"] = str(self.sock.fileno())
            fds = (self.sock.fileno(),)
        env["CAREERBOT_STANDBY"] = "1" if standby else "0"  # for serving/launcher.py; not the supervisor's switch
        proc = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=env,
            pass_fds=fds,
            start_new_session=True,
            preexec_fn=_standby_preexec if standby else _die_with_parent,
        )
        log(f"started {'standby ' if standby else ''}{self.name} (pid {proc.pid})")
        return proc

    def start(self) -> None:
        self.proc = self.spawn()
        self.started_at = time.monotonic()
        self.restart_at = None

    def stop(self, sig: int = signal.SIGTERM) -> None:
        for proc in (self.proc, self.standby):
            if proc is not None and proc.poll() is None:
                try:
                    os.killpg(proc.pid, sig)
                except ProcessLookupError:
                    pass


def describe_exit(code: int) -> str:
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


class Supervisor:
    def __init__(self, parts: List[Part]) -> None:
        self.parts = parts
        self.stopping = False
        self.signal = signal.SIGTERM

    def request_stop(self, signum: int, _frame: object) -> None:
        self.stopping = True
        self.signal = signum

    def wait_ready(self) -> bool:
        """Wait for every part to answer; False (everything stopped) when one exits or times out first."""
        deadline = {p.name: time.monotonic() + p.start_timeout for p in self.parts}
        pending = list(self.parts)
        while pending and not self.stopping:
            for part in list(pending):
                if part.proc.poll() is not None:
                    log(f"{part.name} {describe_exit(part.proc.returncode)} during start-up; stopping")
                    return False
                if answers(part.health_url, timeout=1.0):
                    pending.remove(part)
                elif time.monotonic() > deadline[part.name]:
                    log(f"{part.health_url} ({part.name}) did not answer within {part.start_timeout:g} s; stopping")
                    return False
            time.sleep(0.2)
        return not self.stopping

    def watch(self) -> None:
        """Restart parts that exit, with back-off, until asked to stop."""
        while not self.stopping:
            now = time.monotonic()
            for part in self.parts:
                if part.restart_at is not None:
                    if now >= part.restart_at and part.sock is None and part.address is not None:
                        try:
                            part.sock = bind(*part.address)
                        except OSError as e:
                            part.restart_at = now + MAX_BACKOFF
                            log(f"{part.name}: port {part.address[1]} is taken ({e.strerror}); retrying later")
                            continue
                    if now >= part.restart_at:
                        part.start()
                        threading.Thread(target=self._announce_back, args=(part, part.proc), daemon=True).start()
                    continue
                if part.keeps_standby:
                    self._tend_standby(part, now)
                code = part.proc.poll()
                if code is None:
                    continue
                if now - part.started_at >= STABLE_SECONDS:
                    part.failures = 0
                part.failures += 1
                delay = min(MAX_BACKOFF, 2.0 ** (part.failures - 1))
                dead = part.proc.pid
                if part.standby is not None and part.standby.poll() is None:
                    part.standby.send_signal(signal.SIGUSR1)  # serves as soon as its model is loaded
                    _renice(part.standby.pid)
                    part.proc, part.standby, part.started_at = part.standby, None, now
                    part.standby_at = now + delay
                    log(f"{part.name} (pid {dead}) {describe_exit(code)}; standby (pid {part.proc.pid}) takes over")
                    threading.Thread(target=self._announce_back, args=(part, part.proc), daemon=True).start()
                    continue
                part.restart_at = now + delay
                log(f"{part.name} (pid {dead}) {describe_exit(code)}; restarting in {delay:g} s")
                if part.release_when_failing and part.failures >= 2 and part.sock is not None:
                    part.sock.close()
                    part.sock = None
                    log(f"{part.name} keeps failing: its port refuses connections until it is back")
            time.sleep(0.2)

    def _tend_standby(self, part: Part, now: float) -> None:
        """Keep one standby process for `part`: start it when due, restart it with back-off when it dies."""
        if part.standby is not None:
            code = part.standby.poll()
            if code is None:
                return
            part.standby_failures += 1
            delay = min(MAX_BACKOFF, 2.0 ** (part.standby_failures - 1))
            log(f"standby {part.name} (pid {part.standby.pid}) {describe_exit(code)}; restarting in {delay:g} s")
            part.standby, part.standby_at = None, now + delay
        elif part.standby_at is not None and now >= part.standby_at and part.sock is not None:
            part.standby, part.standby_at = part.spawn(standby=True), None

    def _announce_back(self, part: Part, proc: subprocess.Popen) -> None:
        deadline = time.monotonic() + part.start_timeout
        while time.monotonic() < deadline and proc.poll() is None and not self.stopping:
            if answers(part.health_url):
                log(f"{part.name} is back (pid {proc.pid})")
                return
            time.sleep(0.5)

    def shutdown(self) -> None:
        for part in self.parts:
            part.stop(signal.SIGTERM)
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for part in self.parts:
            for proc in (part.proc, part.standby):
                if proc is None:
                    continue
                try:
                    proc.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
                try:  # anything the part left in its process group
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass


def build_parts() -> List[Part]:
    env = os.environ
    host = env.get("BIND_HOST", "127.0.0.1")
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    rasa_port, actions_port, web_port = int(env["RASA_PORT"]), int(env["ACTIONS_PORT"]), int(env["WEB_PORT"])
    standby = env.get("CAREERBOT_STANDBY", "1") == "1"
    actions_sock = listen(host, actions_port, "action server")
    rasa_sock = listen(host, rasa_port, "Rasa")
    web_sock = listen(host, web_port, "chat page")
    model = env.get("MODEL", "models/careerbot.tar.gz")
    servers.ensure_session_key()  # Rasa and the page server sign and check sessions with the same key
    rasa_argv = servers.rasa_run_command(
        model,
        rasa_port,
        interface=host,
        endpoints=env.get("ENDPOINTS", "endpoints.yml"),
        extra_args=env.get("RASA_ARGS", "").split(),
        cors=env.get("CORS_ORIGINS", "").split(),
        wrapped=True,
    )
    part_env = servers.server_env(host=host)
    return [
        Part("action server", servers.action_server_command(actions_port, wrapped=True),
             f"http://{local}:{actions_port}/health", 90, sock=actions_sock, keeps_standby=standby,
             release_when_failing=True, address=(host, actions_port), env=part_env),
        Part("Rasa", rasa_argv, f"http://{local}:{rasa_port}/", float(env.get("RASA_START_TIMEOUT", "600")),
             sock=rasa_sock, keeps_standby=standby, env=part_env),
        Part("chat page", servers.page_server_command(host, web_port, env["SOCKET_URL"]),
             f"http://{local}:{web_port}/", 30, sock=web_sock, env=part_env),
    ]  # fmt: skip


def main() -> int:
    parts = build_parts()
    supervisor = Supervisor(parts)
    signal.signal(signal.SIGINT, supervisor.request_stop)
    signal.signal(signal.SIGTERM, supervisor.request_stop)
    signal.signal(signal.SIGHUP, supervisor.request_stop)
    for part in parts:  # the action server and Rasa load at the same time (ready sooner on 2 cores)
        part.start()
    try:
        if not supervisor.wait_ready():
            return 130 if supervisor.stopping else 1
        for part in parts:  # loaded after start-up, so they do not slow the first start down
            if part.keeps_standby:
                part.standby_at = time.monotonic()
        page = os.environ.get("PAGE_HOST", "127.0.0.1")
        print("careerbot is up (Ctrl-C stops it):", flush=True)
        print(f"  chat page: http://{page}:{os.environ['WEB_PORT']}/   <- open this in a browser", flush=True)
        print(f"  REST:      http://{page}:{os.environ['RASA_PORT']}/webhooks/rest/webhook", flush=True)
        supervisor.watch()
        return 130 if supervisor.signal == signal.SIGINT else 143
    finally:
        supervisor.shutdown()
        log("stopped")


if __name__ == "__main__":
    sys.exit(main())
