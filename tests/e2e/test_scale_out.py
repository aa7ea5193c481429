"""Scale-out: two Rasa servers share PostgreSQL (tracker store) and Redis (lock store) behind nginx.

Real servers on 127.0.0.1, started by tests/e2e/stack.py with throw-away data directories; Rasa runs
with endpoints.prod.yml, configured only through its environment variables. One stateless action
server serves both Rasa instances. A missing postgres, redis-server or nginx binary fails the test.
"""

from __future__ import annotations

import contextlib
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, Iterator, List, Tuple

import pytest

from tests.e2e.conversations import AI_FIRST, ML_FIRST, check_turn
from tests.e2e.servers import ROOT, Process, base_env, rest_reply, start_rasa_servers
from tests.e2e.stack import Nginx, Postgres, Redis, start_backing_services, start_nginx

pytestmark = pytest.mark.e2e

USERS, TURNS = 20, 5


@dataclass
class Cluster:
    postgres: Postgres
    redis: Redis
    actions: Process
    rasa: List[Process]
    nginx: Nginx
    env: Dict[str, str]
    log_dir: Path

    def events(self, sender_id: str) -> List[Tuple[str, str, str]]:
        """(type_name, action_name, data) of a conversation's stored events, in order."""
        with contextlib.closing(self.postgres.connect()) as conn, conn.cursor() as cur:
            query = "SELECT type_name, action_name, data FROM events WHERE sender_id = %s ORDER BY id"
            cur.execute(query, (sender_id,))
            return cur.fetchall()

    def user_texts(self, sender_id: str) -> List[str]:
        import json

        return [json.loads(d)["text"] for t, _, d in self.events(sender_id) if t == "user"]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Cluster]:
    log_dir = tmp_path_factory.mktemp("scale-out")
    started = time.monotonic()
    with contextlib.ExitStack() as stack:
        postgres, redis, actions, env = start_backing_services(stack, log_dir)
        env.update(SQL_POOL_SIZE="10", SQL_MAX_OVERFLOW="20")
        rasa = start_rasa_servers(2, log_dir, actions.port, endpoints="endpoints.prod.yml", env=env)
        for server in rasa:
            stack.callback(server.stop)
        nginx = start_nginx(log_dir, [server.port for server in rasa])
        stack.callback(nginx.stop)
        print(f"\nscale-out stack up in {time.monotonic() - started:.1f}s (logs: {log_dir})")
        yield Cluster(postgres, redis, actions, rasa, nginx, env, log_dir)


def new_sender(tag: str) -> str:
    return f"{tag}-{uuid.uuid4().hex[:10]}"


def test_instances_use_postgres_and_redis(cluster: Cluster) -> None:
    for server in cluster.rasa:
        log = server.log.read_text(errors="replace")
        assert "Rasa server is up and running" in log
        assert "InMemoryTrackerStore" not in log and "InMemoryLockStore" not in log
    with contextlib.closing(cluster.postgres.connect()) as conn, conn.cursor() as cur:
        cur.execute("SELECT to_regclass('public.events') IS NOT NULL")
        assert cur.fetchone()[0], "Rasa did not create its events table in PostgreSQL"


def test_turns_alternating_between_instances_keep_context(cluster: Cluster) -> None:
    for script in (ML_FIRST, AI_FIRST):
        sender = new_sender("alternating")
        for i, turn in enumerate(script):
            server = cluster.rasa[i % 2]  # A, B, A, B, A: each turn on the other instance
            check_turn(turn, rest_reply(server.port, sender, turn[0]), f"{sender} turn {i + 1} on :{server.port}")
        assert cluster.user_texts(sender) == [turn[0] for turn in script]


def test_burst_of_concurrent_conversations_through_nginx(cluster: Cluster) -> None:
    """20 users x 5 turns at once through nginx round-robin: no lost or empty reply, context kept."""
    before = cluster.nginx.upstream_counts()
    senders = [new_sender(f"burst{u:02d}") for u in range(USERS)]
    failures: List[str] = []
    latencies: List[float] = []
    lock = threading.Lock()

    def converse(user: int) -> None:
        script = (ML_FIRST, AI_FIRST)[user % 2]
        for i, turn in enumerate(script[:TURNS]):
            started = time.monotonic()
            try:
                reply = rest_reply(cluster.nginx.port, senders[user], turn[0], timeout=120)
                check_turn(turn, reply, f"{senders[user]} turn {i + 1}")
            except Exception as e:  # noqa: BLE001 - every failure is collected and reported below
                with lock:
                    failures.append(f"{type(e).__name__}: {e}")
                return
            finally:
                with lock:
                    latencies.append(time.monotonic() - started)

    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=USERS) as pool:
        list(pool.map(converse, range(USERS)))
    elapsed = time.monotonic() - started
    assert not failures, f"{len(failures)} of {USERS} conversations failed:\n" + "\n".join(failures[:10])
    latencies.sort()
    print(
        f"\nburst: {USERS * TURNS} turns in {elapsed:.1f}s, "
        f"median {latencies[len(latencies) // 2]:.2f}s, max {latencies[-1]:.2f}s"
    )

    # Every turn is stored once, in order, in one session per conversation.
    for user, sender in enumerate(senders):
        script = (ML_FIRST, AI_FIRST)[user % 2]
        assert cluster.user_texts(sender) == [turn[0] for turn in script[:TURNS]], sender
        actions = [a for _, a, _ in cluster.events(sender)]
        assert actions.count("action_session_start") == 1, sender

    # nginx spread the turns over both instances, so most conversations crossed instances.
    after = cluster.nginx.upstream_counts()
    served = {port: after[port] - before[port] for port in after}
    assert sum(served.values()) >= USERS * TURNS, served
    assert min(served.values()) >= USERS * TURNS * 0.3, f"nginx did not balance: {served}"
    # The lock store really is Redis: both instances issued and released tickets there.
    stats = cluster.redis.client().info("commandstats")
    assert stats.get("cmdstat_set", {}).get("calls", 0) >= USERS * TURNS, stats.get("cmdstat_set")


def test_concurrent_messages_of_one_conversation_run_in_order(cluster: Cluster) -> None:
    """Five messages of one conversation in flight at once, on alternating instances, are processed
    one at a time in arrival order: each reply is the one its place in the conversation calls for.

    To have them all in flight for sure, the test holds the conversation's lock (a ticket taken with
    Rasa's own RedisLockStore, as a third instance busy with a message would) while it sends them,
    each after the previous one's ticket is in Redis, then lets go.
    """
    from rasa.core.lock_store import RedisLockStore

    redis = cluster.redis
    store = RedisLockStore(
        host=redis.host, port=redis.port, db=redis.db, password=redis.password, key_prefix="careerbot"
    )
    sender = new_sender("in-order")
    script = ML_FIRST
    held = store.issue_ticket(sender)
    replies: Dict[int, str] = {}
    errors: List[str] = []

    def send(i: int) -> None:
        try:
            replies[i] = rest_reply(cluster.rasa[i % 2].port, sender, script[i][0], timeout=120)
        except Exception as e:  # noqa: BLE001
            errors.append(f"turn {i + 1}: {type(e).__name__}: {e}")

    threads = []
    try:
        for i in range(len(script)):
            thread = threading.Thread(target=send, args=(i,))
            thread.start()
            threads.append(thread)
            deadline = time.monotonic() + 30
            while len(store.get_lock(sender).tickets) < i + 2:  # our ticket + one per message sent
                assert time.monotonic() < deadline, f"message {i + 1} never queued for the lock"
                time.sleep(0.05)
        assert not replies, "a message was processed while the conversation was locked"
    finally:
        store.cleanup(sender, held)
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    for i, turn in enumerate(script):
        check_turn(turn, replies[i], f"{sender} turn {i + 1}")
    assert cluster.user_texts(sender) == [turn[0] for turn in script]
    assert store.get_lock(sender) is None, "the lock was not released"


def forget(cluster: Cluster, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "scripts/forget_user.py", "--endpoints", "endpoints.prod.yml", *args],
        cwd=ROOT,
        env=base_env(**cluster.env),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, f"forget_user.py failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def test_forget_user_on_postgres(cluster: Cluster) -> None:
    erased, kept, fresh = new_sender("erased"), new_sender("kept"), new_sender("fresh")
    for who in (erased, kept):
        for turn in ML_FIRST[:2]:
            check_turn(turn, rest_reply(cluster.nginx.port, who, turn[0]), who)

    out = forget(cluster, erased)
    assert "of 1 conversation(s)" in out, out
    assert cluster.events(erased) == [] and cluster.events(kept)

    follow_up = ML_FIRST[2][0]
    assert rest_reply(cluster.rasa[0].port, erased, follow_up) == rest_reply(cluster.rasa[1].port, fresh, follow_up)
    assert cluster.events(erased)[0][1] == "action_session_start"
    check_turn(ML_FIRST[2], rest_reply(cluster.nginx.port, kept, follow_up), kept)

    # Retention on PostgreSQL (dry run, so the other tests' data stays): everything is older than 0 days.
    with contextlib.closing(cluster.postgres.connect()) as conn, conn.cursor() as cur:
        cur.execute("SELECT COUNT(*), COUNT(DISTINCT sender_id) FROM events")
        events, conversations = cur.fetchone()
    out = forget(cluster, "--older-than-days", "0", "--dry-run")
    assert f"would delete {events} events of {conversations} conversation(s)" in out, out
