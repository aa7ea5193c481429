"""Start real PostgreSQL, Redis and nginx on free loopback ports, with throw-away data directories.

Used by the scale-out tests and the hostile-identifier test's PostgreSQL run. Each server runs in the foreground
as a child process and is stopped by `stop()`; nothing is installed or configured system-wide. A missing binary
raises (the test fails loudly, it is never skipped): `make test` (scripts/system_deps.sh) installs the Debian
packages postgresql, redis-server, nginx.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from tests.e2e.servers import Process, free_port, start_action_server, stop_process


class MissingServerBinary(RuntimeError):
    """A server binary the test needs is not installed."""


def find_binary(name: str, extra_globs: Sequence[str] = (), package: str = "") -> str:
    """Absolute path of `name` on PATH or in `extra_globs` (newest match first); raise if absent."""
    found = shutil.which(name)
    if found:
        return found
    for pattern in extra_globs:
        matches = sorted(glob.glob(pattern), reverse=True)
        if matches:
            return matches[0]
    raise MissingServerBinary(
        f"'{name}' is not installed: apt-get install -y {package or name} (the scale-out test needs it)"
    )


def _pg_bin(name: str) -> str:
    # Debian keeps initdb/postgres out of PATH, under /usr/lib/postgresql/<major>/bin.
    return find_binary(name, [f"/usr/lib/postgresql/*/bin/{name}"], package="postgresql")


def _wait(check, what: str, proc: subprocess.Popen, log: Path, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    last: BaseException | None = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{what} exited with {proc.returncode}:\n{_tail(log)}")
        try:
            if check():
                return
        except Exception as e:  # noqa: BLE001 - not up yet
            last = e
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not come up within {timeout}s ({last}):\n{_tail(log)}")


def _tail(log: Path, size: int = 3000) -> str:
    try:
        return log.read_text(errors="replace")[-size:]
    except OSError:
        return "(no log)"


@dataclass
class Postgres:
    proc: subprocess.Popen
    port: int
    user: str
    password: str
    db: str
    data_dir: Path
    log: Path
    host: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return f"postgresql://{self.user}:{self.password}@{self.host}:{self.port}/{self.db}"

    def env(self) -> Dict[str, str]:
        """The DB_* variables endpoints.prod.yml reads."""
        return {
            "DB_HOST": self.host,
            "DB_PORT": str(self.port),
            "DB_DATABASE": self.db,
            "DB_USER": self.user,
            "DB_PASSWORD": self.password,
            "DB_SSLMODE": "disable",
        }

    def connect(self):
        import psycopg2

        return psycopg2.connect(
            host=self.host, port=self.port, user=self.user, password=self.password, dbname=self.db, connect_timeout=5
        )

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGINT)  # SIGINT = PostgreSQL "fast" shutdown
        shutil.rmtree(self.data_dir, ignore_errors=True)


def start_postgres(log_dir: Path, db: str = "careerbot", user: str = "careerbot") -> Postgres:
    """initdb a cluster in a temp dir and run `postgres` on 127.0.0.1 with password (scram) auth.

    PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` user (made
    by the Debian package) or, failing that, `nobody`; the temp dir sits in /tmp, outside pytest's
    root-only tmp_path.
    """
    initdb, postgres = _pg_bin("initdb"), _pg_bin("postgres")
    run_as: Dict[str, object] = {}
    data_dir = Path(tempfile.mkdtemp(prefix="careerbot-pg-"))
    if os.geteuid() == 0:
        try:
            account = pwd.getpwnam("postgres")
        except KeyError:
            account = pwd.getpwnam("nobody")
        run_as = {"user": account.pw_uid, "group": account.pw_gid, "extra_groups": []}
        os.chown(data_dir, account.pw_uid, account.pw_gid)
    password = secrets.token_hex(12)
    pwfile = data_dir / "pwfile"
    pwfile.write_text(password + "\n")
    if run_as:
        os.chown(pwfile, run_as["user"], run_as["group"])
    cluster = data_dir / "cluster"
    log = log_dir / "postgres.log"
    init = subprocess.run(
        [
            initdb,
            "-D",
            str(cluster),
            "-U",
            user,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        ],
        capture_output=True,
        text=True,
        **run_as,
    )
    if init.returncode != 0:
        shutil.rmtree(data_dir, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{init.stdout}\n{init.stderr}")
    port = free_port()
    proc = subprocess.Popen(
        [
            postgres,
            "-D",
            str(cluster),
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-k",
            str(data_dir),
            "-c",
            "fsync=off",
            "-c",
            "synchronous_commit=off",
            "-c",
            "full_page_writes=off",
            "-c",
            "max_connections=200",
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
        **run_as,
    )
    server = Postgres(proc, port, user, password, "postgres", data_dir, log)

    def ready() -> bool:
        server.connect().close()
        return True

    _wait(ready, "postgres", proc, log, timeout=60)
    admin = server.connect()
    admin.autocommit = True
    with admin.cursor() as cur:
        cur.execute(f'CREATE DATABASE "{db}"')
    admin.close()
    server.db = db
    return server


@dataclass
class Redis:
    proc: subprocess.Popen
    port: int
    password: str
    data_dir: Path
    log: Path
    host: str = "127.0.0.1"
    db: int = 1

    def env(self) -> Dict[str, str]:
        """The REDIS_* variables endpoints.prod.yml reads."""
        return {
            "REDIS_HOST": self.host,
            "REDIS_PORT": str(self.port),
            "REDIS_PASSWORD": self.password,
            "REDIS_DB": str(self.db),
        }

    def client(self):
        import redis

        return redis.Redis(host=self.host, port=self.port, password=self.password, db=self.db, socket_timeout=5)

    def stop(self) -> None:
        stop_process(self.proc)
        shutil.rmtree(self.data_dir, ignore_errors=True)


def start_redis(log_dir: Path) -> Redis:
    """redis-server on 127.0.0.1 with a password, no persistence, in a temp dir."""
    binary = find_binary("redis-server", package="redis-server")
    data_dir = Path(tempfile.mkdtemp(prefix="careerbot-redis-"))
    port, password = free_port(), secrets.token_hex(12)
    log = log_dir / "redis.log"
    proc = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--requirepass",
            password,
            "--dir",
            str(data_dir),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
            "--protected-mode",
            "yes",
        ],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    server = Redis(proc, port, password, data_dir, log)
    _wait(lambda: server.client().ping(), "redis-server", proc, log)
    return server


NGINX_CONF = """\
daemon off;
master_process on;
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 1024; }}
http {{
  log_format upstream '$remote_addr "$request" $status upstream=$upstream_addr time=$request_time';
  access_log {dir}/access.log upstream;
  client_body_temp_path {dir}/body;
  proxy_temp_path {dir}/proxy;
  fastcgi_temp_path {dir}/fastcgi;
  uwsgi_temp_path {dir}/uwsgi;
  scgi_temp_path {dir}/scgi;

  # Per-client rate limit (behind nginx every client reaches Rasa as 127.0.0.1, so the guard's per-address
  # limit cannot tell clients apart; this one can). Generous: the tests' 20 concurrent users come from one address.
  limit_req_zone $binary_remote_addr zone=careerbot_per_ip:10m rate={rate}r/s;
  limit_req_status 429;

  # REST webhook: plain round-robin, any instance can serve any turn (state is in PostgreSQL).
  upstream rasa {{
{servers}
    keepalive 16;
  }}
  # Socket.IO: its long-polling handshake must stay on one instance, hence ip_hash.
  upstream rasa_socketio {{
    ip_hash;
{servers}
  }}
  server {{
    listen 127.0.0.1:{port};
    proxy_read_timeout 120s;
    proxy_set_header Host $host;
    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
    location /socket.io/ {{
      proxy_pass http://rasa_socketio;
      proxy_http_version 1.1;
      proxy_set_header Upgrade $http_upgrade;
      proxy_set_header Connection "upgrade";
    }}
    location /webhooks/ {{
      limit_req zone=careerbot_per_ip burst={burst} nodelay;
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
    # Readiness of the instances (model, action server, PostgreSQL, Redis): GET /health/ready, 503 when not.
    location / {{
      proxy_pass http://rasa;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
    }}
  }}
}}
"""


@dataclass
class Nginx:
    proc: subprocess.Popen
    port: int
    conf_dir: Path
    log: Path
    upstream_ports: List[int] = field(default_factory=list)

    @property
    def access_log(self) -> Path:
        return self.conf_dir / "access.log"

    def upstream_counts(self) -> Dict[int, int]:
        """How many requests nginx sent to each upstream port (from its access log)."""
        counts = {p: 0 for p in self.upstream_ports}
        for line in self.access_log.read_text().splitlines():
            for p in self.upstream_ports:
                if f"upstream=127.0.0.1:{p} " in line:
                    counts[p] += 1
        return counts

    def stop(self) -> None:
        stop_process(self.proc, signal.SIGQUIT)  # graceful
        (self.conf_dir.parent / "nginx-error.log").write_text(_tail(self.conf_dir / "error.log", 100000))


def start_nginx(log_dir: Path, upstream_ports: Sequence[int], rate: int = 200, burst: int = 400) -> Nginx:
    """nginx on 127.0.0.1, round-robin over the Rasa instances on `upstream_ports`; `rate` messages/s per address."""
    binary = find_binary("nginx", ["/usr/sbin/nginx"], package="nginx")
    conf_dir = log_dir / "nginx"
    conf_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    servers = "\n".join(f"    server 127.0.0.1:{p};" for p in upstream_ports)
    # As root, nginx would switch its worker to `nobody`, who cannot enter pytest's root-only tmp dir.
    user = "user root root;" if os.geteuid() == 0 else ""
    conf = conf_dir / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=conf_dir, user=user, servers=servers, port=port, rate=rate, burst=burst))
    log = log_dir / "nginx.log"
    test = subprocess.run(
        [binary, "-t", "-p", str(conf_dir), "-c", str(conf), "-e", str(conf_dir / "error.log")],
        capture_output=True,
        text=True,
    )
    if test.returncode != 0:
        raise RuntimeError(f"nginx config test failed:\n{test.stdout}{test.stderr}")
    proc = subprocess.Popen(
        [binary, "-p", str(conf_dir), "-c", str(conf), "-e", str(conf_dir / "error.log")],
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )

    def ready() -> bool:
        import socket

        with socket.create_connection(("127.0.0.1", port), timeout=1):
            return True

    _wait(ready, "nginx", proc, log)
    return Nginx(proc, port, conf_dir, log, list(upstream_ports))


def start_backing_services(stack: ExitStack, log_dir: Path) -> Tuple[Postgres, Redis, Process, Dict[str, str]]:
    """PostgreSQL, Redis and an action server for the scale-out layout, each stopped when `stack` closes, and
    the environment `endpoints.prod.yml` reads to reach them."""
    postgres = start_postgres(log_dir)
    stack.callback(postgres.stop)
    redis = start_redis(log_dir)
    stack.callback(redis.stop)
    actions = start_action_server(log_dir)
    stack.callback(actions.stop)
    env = {**postgres.env(), **redis.env(), "ACTION_SERVER_URL": f"http://127.0.0.1:{actions.port}/webhook"}
    return postgres, redis, actions, env
