"""The scale-out layout's readiness and abuse limits: PostgreSQL + Redis + Rasa behind nginx, for real.

GET /health/ready (through nginx) reports the PostgreSQL tracker store and the Redis lock store and turns 503
when either goes away; nginx's limit_req answers 429 to a client over its rate; the chat's "forget me" erases a
conversation from PostgreSQL under the Redis lock; in this production layout REST needs a session token.
"""

from __future__ import annotations

import contextlib
import signal
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import requests

from channels.erasure import CONFIRM
from tests.e2e.servers import Process, auth, rest_reply, start_rasa_server
from tests.e2e.stack import Nginx, Postgres, Redis, start_backing_services, start_nginx

pytestmark = pytest.mark.e2e


class Layout:
    def __init__(self, postgres: Postgres, redis: Redis, rasa: Process, nginx: Nginx) -> None:
        self.postgres, self.redis, self.rasa, self.nginx = postgres, redis, rasa, nginx

    def ready(self) -> requests.Response:
        return requests.get(f"http://127.0.0.1:{self.nginx.port}/health/ready", timeout=20)


@pytest.fixture(scope="module")
def layout(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Layout]:
    log_dir: Path = tmp_path_factory.mktemp("scale-out-health")
    with contextlib.ExitStack() as stack:
        postgres, redis, actions, env = start_backing_services(stack, log_dir)
        rasa = start_rasa_server(log_dir, actions.port, endpoints="endpoints.prod.yml", env=env)
        stack.callback(rasa.stop)
        nginx = start_nginx(log_dir, [rasa.port], rate=2, burst=4)
        stack.callback(nginx.stop)
        yield Layout(postgres, redis, rasa, nginx)


def test_ready_reports_postgres_and_redis(layout: Layout) -> None:
    reply = layout.ready()
    assert reply.status_code == 200, reply.text
    assert reply.json()["checks"] == {
        "model": "ok",
        "action_server": "ok",
        "tracker_store": "ok",
        "lock_store": "ok",
    }


def test_forget_me_erases_from_postgres(layout: Layout) -> None:
    who = f"pg-forget-{uuid.uuid4().hex[:8]}"
    rest_reply(layout.rasa.port, who, "what does an AI engineer do?")
    assert "erase" in rest_reply(layout.rasa.port, who, "forget me")  # asked first, stored in PostgreSQL
    assert "erased" in rest_reply(layout.rasa.port, who, CONFIRM)
    with contextlib.closing(layout.postgres.connect()) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*) FROM events WHERE sender_id = %s", (who,))
        assert cur.fetchone()[0] == 0


def test_production_layout_rest_needs_a_token(layout: Layout) -> None:
    """endpoints.prod.yml means strangers can reach it: a client-chosen sender id alone is refused."""
    url = f"http://127.0.0.1:{layout.rasa.port}/webhooks/rest/webhook"
    who = f"pg-token-{uuid.uuid4().hex[:8]}"
    refused = requests.post(url, json={"sender": who, "message": "hi"}, timeout=30)
    assert refused.status_code == 401 and "token" in refused.json()["error"], refused.text
    stolen = requests.post(url, json={"sender": who, "message": "hi"}, headers=auth("someone-else"), timeout=30)
    assert stolen.status_code == 401
    assert requests.post(url, json={"sender": who, "message": "hi"}, headers=auth(who), timeout=30).status_code == 200


def test_nginx_limits_the_request_rate_per_client(layout: Layout) -> None:
    time.sleep(3)  # let the earlier tests' tokens refill
    url = f"http://127.0.0.1:{layout.nginx.port}/webhooks/rest/webhook"
    statuses = [
        requests.post(
            url, json={"sender": f"rate-{i}", "message": "/"}, headers=auth(f"rate-{i}"), timeout=30
        ).status_code
        for i in range(12)
    ]
    assert statuses[0] == 200 and 429 in statuses, statuses


def test_not_ready_without_redis_or_postgres(layout: Layout) -> None:
    """Runs last: it stops Redis, then PostgreSQL."""
    time.sleep(1)
    layout.redis.proc.send_signal(signal.SIGKILL)
    layout.redis.proc.wait()
    reply = layout.ready()
    assert reply.status_code == 503
    checks = reply.json()["checks"]
    assert checks["lock_store"].startswith("unavailable") and checks["tracker_store"] == "ok", checks
    layout.postgres.proc.send_signal(signal.SIGINT)
    layout.postgres.proc.wait(timeout=30)
    checks = layout.ready().json()["checks"]
    assert checks["tracker_store"] != "ok", checks
    assert layout.postgres.password not in str(checks) and layout.redis.password not in str(checks)
