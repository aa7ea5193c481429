"""The end-to-end tests' view of the servers: real action server and Rasa server on free loopback ports.

How a server is started and stopped lives in ops/servers.py (shared with `make serve`, eval and bench); this
module adds what only tests need (an isolated tracker store, a chatting `Bot`, process and socket checks)."""

from __future__ import annotations

import socket
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List

import requests

from channels.sessions import issue
from ops import servers as ops_servers
from ops.servers import MODEL, ROOT, VENV_BIN, Process, free_port, stop_process, wait_http  # noqa: F401 (re-exported)


def base_env(**extra: str) -> Dict[str, str]:
    """The servers' environment (ops.servers.server_env), with keyword overrides."""
    return ops_servers.server_env(extra)


def start_action_server(log_dir: Path, port: int | None = None, env: Dict[str, str] | None = None) -> Process:
    port = port or free_port()
    return ops_servers.start_action_server(log_dir / f"actions-{port}.log", port, env)


def spawn_rasa_server(
    log_dir: Path,
    actions_port: int,
    port: int | None = None,
    extra_args: List[str] | None = None,
    env: Dict[str, str] | None = None,
    endpoints: str = "endpoints.yml",
) -> Process:
    """Start `rasa run` on MODEL without waiting for it (see `Process.wait_ready`), to start several in parallel."""
    port = port or free_port()
    return ops_servers.spawn_rasa(
        log_dir / f"rasa-{port}.log",
        MODEL,
        port,
        actions_port,
        endpoints=ROOT / endpoints,
        extra_args=extra_args or [],
        env=env,
        append=True,
    )


def start_rasa_server(
    log_dir: Path,
    actions_port: int,
    port: int | None = None,
    extra_args: List[str] | None = None,
    env: Dict[str, str] | None = None,
    endpoints: str = "endpoints.yml",
) -> Process:
    rasa = spawn_rasa_server(log_dir, actions_port, port, extra_args, env, endpoints)
    rasa.wait_ready()
    return rasa


def start_rasa_servers(count: int, log_dir: Path, actions_port: int, timeout: float = 480, **kwargs) -> List[Process]:
    """Start `count` Rasa servers in parallel (same arguments as `start_rasa_server`) and wait for all.

    They load the model at the same time, so on a 2-core machine each takes longer than one alone.
    """
    servers = [spawn_rasa_server(log_dir, actions_port, **kwargs) for _ in range(count)]
    deadline = time.monotonic() + timeout
    try:
        for rasa in servers:
            rasa.wait_ready(max(1.0, deadline - time.monotonic()))
    except BaseException:
        for rasa in servers:
            rasa.stop()
        raise
    return servers


def start_page_server(log_dir: Path, socket_url: str, port: int | None = None) -> Process:
    """The chat page (serving/page_server.py), telling the widget to reach Rasa at socket_url."""
    port = port or free_port()
    return ops_servers.start_page_server(log_dir / f"web-{port}.log", socket_url, port)


# One copy of endpoints.yml with the SQLite tracker store in a test's own folder (ops/servers.py).
isolated_endpoints, DEFAULT_SQLITE_DB = ops_servers.isolated_endpoints, ops_servers.DEFAULT_SQLITE_DB


@contextmanager
def running_bot(log_dir: Path) -> Iterator[Bot]:
    actions = start_action_server(log_dir)
    bot = None
    try:
        rasa = start_rasa_server(log_dir, actions.port, endpoints=str(isolated_endpoints(log_dir)))
        bot = Bot(rasa.port, actions, rasa)
        try:
            yield bot
        finally:
            rasa.stop()
    finally:
        actions.stop()
        if bot is not None:
            bot.actions.stop()  # a test may have replaced the action server (outage test)


@dataclass
class Bot:
    port: int
    actions: Process
    rasa: Process

    def say(self, sender: str, text: str) -> List[dict]:
        """Send one message over the REST channel, with the sender's token, and return the bot's messages."""
        return rest_say(self.port, sender, text)

    def reply(self, sender: str, text: str) -> str:
        return "\n".join(m.get("text", "") for m in self.say(sender, text))


def auth(sender: str) -> Dict[str, str]:
    """The header of a signed REST request for `sender` (the key of var/ or CAREERBOT_JWT_SECRET, as the servers)."""
    return {"Authorization": f"Bearer {issue(sender)}"}


def rest_say(port: int, sender: str, text: str, timeout: float = 60) -> List[dict]:
    """One message over the REST channel of whatever listens on `port` (a Rasa server or nginx), with the sender's
    token: required in the production layout, accepted (and checked) on loopback."""
    response = requests.post(
        f"http://127.0.0.1:{port}/webhooks/rest/webhook",
        json={"sender": sender, "message": text},
        headers=auth(sender),
        timeout=timeout,
    )
    response.raise_for_status()
    return response.json()


def rest_reply(port: int, sender: str, text: str, timeout: float = 60) -> str:
    return "\n".join(m.get("text", "") for m in rest_say(port, sender, text, timeout))


def descendants(pid: int) -> List[int]:
    """Every live process below `pid` (children, grandchildren, ...), read from /proc."""
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        children.setdefault(ppid, []).append(int(entry.name))
    found: List[int] = []
    todo = [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    """True while `pid` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def listening_addresses(port: int) -> List[str]:
    """Local addresses with a TCP socket listening on `port` (e.g. ["127.0.0.1"]), from /proc/net/tcp{,6}."""
    found = []
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if int(hex_port, 16) != port or fields[3] != "0A":  # 0A = LISTEN
                continue
            raw = bytes.fromhex(address)
            if width == 8:
                found.append(socket.inet_ntop(socket.AF_INET, raw[::-1]))
            else:  # four little-endian 32-bit words
                words = b"".join(raw[i : i + 4][::-1] for i in range(0, 16, 4))
                found.append(socket.inet_ntop(socket.AF_INET6, words))
    return found
