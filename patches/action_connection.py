"""Keep the HTTP connection to the action server open instead of opening one per custom action call.

Rasa's `EndpointConfig.request` (the call to the action server, rasa/utils/endpoints.py) does
`async with self.session() as session:` around every request: a new aiohttp `ClientSession`, a new TCP connection
(connect, Sanic's accept on the other side) and its teardown, for every custom action, i.e. every turn. The profile
of `rasa run` put connection set-up alone at ~3 % of its busy time (reports/bench.md).

`install()` replaces `EndpointConfig.session` so that `async with endpoint.session()` gives that endpoint's one
`ClientSession` for the running event loop, with the same headers, basic auth and timeout Rasa gives it, and leaves
it open on exit: the request itself, its error handling and what it returns are Rasa's, unchanged. Its connections
are kept for KEEPALIVE_SECONDS between requests, less than Sanic's own keep-alive (5 s, the action server's
default), so a kept connection is never one the action server is about to close. `close_sessions()` closes them all
when the Rasa server stops (registered by channels/hardening.py). Installed when Rasa loads careerbot's channels
(channels.install_rasa_patches). Version-fenced in patches/__init__.py ("rasa.EndpointConfig.session").
"""

from __future__ import annotations

import asyncio
from typing import Any, Callable, List, Tuple

import aiohttp
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

from patches import check

KEEPALIVE_SECONDS = 2.0
_ATTRIBUTE = "_careerbot_kept_session"  # on the EndpointConfig: (event loop, ClientSession)
_original: Callable[[EndpointConfig], aiohttp.ClientSession] = EndpointConfig.session
_opened: List[Tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession]] = []


class _Kept:
    """What the patched `session()` returns: `async with` gives the shared session and leaves it open."""

    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session

    async def __aenter__(self) -> aiohttp.ClientSession:
        return self._session

    async def __aexit__(self, *_exc: Any) -> None:
        return None


def _new_session(endpoint: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa's EndpointConfig.session(), plus a connector that keeps connections for KEEPALIVE_SECONDS."""
    auth = (
        aiohttp.BasicAuth(endpoint.basic_auth["username"], endpoint.basic_auth["password"])
        if endpoint.basic_auth
        else None
    )
    return aiohttp.ClientSession(
        headers=endpoint.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        connector=aiohttp.TCPConnector(keepalive_timeout=KEEPALIVE_SECONDS),
    )


def kept_session(endpoint: EndpointConfig) -> Any:
    """The endpoint's session for the running event loop (made on first use); Rasa's own outside an event loop."""
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return _original(endpoint)
    kept: Tuple[asyncio.AbstractEventLoop, aiohttp.ClientSession] | None = endpoint.__dict__.get(_ATTRIBUTE)
    if kept is None or kept[0] is not loop or kept[1].closed:
        kept = endpoint.__dict__[_ATTRIBUTE] = (loop, _new_session(endpoint))
        _opened.append(kept)
    return _Kept(kept[1])


async def close_sessions(*_args: Any) -> None:
    """Close every kept session opened in the running event loop (a Sanic listener: takes the app and the loop)."""
    loop = asyncio.get_running_loop()
    for kept in list(_opened):
        if kept[0] is loop or kept[1].closed:
            _opened.remove(kept)
            await kept[1].close()


def install() -> None:
    """Make EndpointConfig.session the kept one (idempotent), if Rasa is a version it was written for."""
    check("rasa.EndpointConfig.session")
    EndpointConfig.session = kept_session
