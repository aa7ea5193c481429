"""Readiness of one Rasa instance: GET /health/ready (and liveness: GET /health/live), loaded by credentials.yml.

Rasa's own root route says "hello" as soon as the process is up, even when every answer would fail. A load
balancer or Kubernetes needs to know whether this instance can actually answer, so this route checks what a
turn needs: the model is loaded, the action server answers its /health, the tracker store's database answers
`SELECT 1`, and (in the scale-out layout) the Redis lock store answers PING. Each check has a short timeout;
200 {"status": "ready", "checks": {...}} when all pass, 503 with the failing checks named otherwise (never a
password or a stack trace).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, Awaitable, Callable, Dict

import aiohttp
import sqlalchemy as sa
from rasa.core.channels.channel import InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from channels import install_rasa_patches
from patches import check as _check_patch

logger = logging.getLogger(__name__)
install_rasa_patches()  # Rasa is loading the channels (see channels/__init__.py)
_check_patch("rasa.AwaitableTrackerStore._tracker_store")  # read by _inner_store
CHECK_TIMEOUT_SECONDS = 3.0


def _inner_store(agent: Any) -> Any:
    """Rasa wraps the configured tracker store in an AwaitableTrackerStore; the SQL engine is on the inner one."""
    store = getattr(agent, "tracker_store", None)
    return getattr(store, "_tracker_store", store)


async def check_actions(agent: Any) -> str:
    endpoint = getattr(agent, "action_endpoint", None)
    if endpoint is None or not endpoint.url:
        return "not configured"
    url = endpoint.url.rsplit("/", 1)[0] + "/health"
    timeout = aiohttp.ClientTimeout(total=CHECK_TIMEOUT_SECONDS)
    async with aiohttp.ClientSession(timeout=timeout) as session:
        async with session.get(url) as reply:
            if reply.status != 200:
                raise RuntimeError(f"action server answered {reply.status}")
    return "ok"


def _select_one(engine: sa.engine.Engine) -> None:
    with engine.connect() as connection:
        connection.execute(sa.text("SELECT 1"))


async def check_tracker_store(agent: Any) -> str:
    store = _inner_store(agent)
    engine = getattr(store, "engine", None)
    if engine is None:
        return f"{type(store).__name__} (not checked)"
    await asyncio.get_running_loop().run_in_executor(None, _select_one, engine)
    return "ok"


async def check_lock_store(agent: Any) -> str:
    redis_client = getattr(getattr(agent, "lock_store", None), "red", None)
    if redis_client is None:
        return "in memory"
    await asyncio.get_running_loop().run_in_executor(None, redis_client.ping)
    return "ok"


CHECKS: Dict[str, Callable[[Any], Awaitable[str]]] = {
    "action_server": check_actions,
    "tracker_store": check_tracker_store,
    "lock_store": check_lock_store,
}


async def _run(check: Callable[[Any], Awaitable[str]], agent: Any) -> tuple[bool, str]:
    try:
        return True, await asyncio.wait_for(check(agent), CHECK_TIMEOUT_SECONDS)
    except asyncio.TimeoutError:
        return False, f"no answer within {CHECK_TIMEOUT_SECONDS:g} s"
    except Exception as e:  # noqa: BLE001 - any failure means "not ready"; the type names it without secrets
        return False, f"unavailable ({type(e).__name__})"


async def readiness(agent: Any) -> tuple[bool, Dict[str, str]]:
    """(ready, check name -> "ok" or why not)."""
    if agent is None or not agent.is_ready():
        return False, {"model": "not loaded"}
    names = list(CHECKS)
    results = await asyncio.gather(*(_run(CHECKS[name], agent) for name in names))
    checks = {"model": "ok", **{name: text for name, (_, text) in zip(names, results, strict=True)}}
    return all(ok for ok, _ in results), checks


class HealthInput(InputChannel):
    """Not a chat channel: it only adds GET /health/ready and GET /health/live to the Rasa server."""

    @classmethod
    def name(cls) -> str:
        return "health"

    def url_prefix(self) -> str:
        return "/health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        health = Blueprint("careerbot_health", __name__)

        @health.route("/live", methods=["GET"])
        async def live(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @health.route("/ready", methods=["GET"])
        async def ready(request: Request) -> HTTPResponse:
            started = time.monotonic()
            ok, checks = await readiness(getattr(request.app.ctx, "agent", None))
            if not ok:
                logger.warning(f"careerbot: not ready: {checks}")
            body = {"status": "ready" if ok else "not ready", "checks": checks}
            body["seconds"] = round(time.monotonic() - started, 3)
            return response.json(body, status=200 if ok else 503)

        return health
