"""patches/action_connection.py: Rasa's EndpointConfig.request keeps one connection open instead of one per call."""

from __future__ import annotations

from typing import Any, AsyncIterator, Dict, List

import pytest
from aiohttp import web
from rasa.utils.endpoints import ClientResponseError, EndpointConfig

import channels.rest  # noqa: F401  (installs the patch, as Rasa loading the channels does)
from patches import action_connection


@pytest.fixture
async def server() -> AsyncIterator[Dict[str, Any]]:
    """A stand-in action server that records each request's headers and the client port it came from."""
    seen: List[Dict[str, Any]] = []

    async def webhook(request: web.Request) -> web.Response:
        body = await request.json()
        seen.append({"port": request.transport.get_extra_info("peername")[1], "headers": dict(request.headers)})
        if body.get("reject"):
            return web.json_response({"action_name": "x", "error": "no"}, status=400)
        return web.json_response({"events": [], "responses": [{"text": body["next_action"]}]})

    app = web.Application()
    app.router.add_post("/webhook", webhook)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    yield {"url": f"http://127.0.0.1:{port}/webhook", "seen": seen}
    await action_connection.close_sessions()
    await runner.cleanup()


def test_the_patch_is_installed_when_the_channels_load() -> None:
    assert EndpointConfig.session is action_connection.kept_session


async def test_calls_share_one_connection_and_keep_rasas_headers_and_replies(server: Dict[str, Any]) -> None:
    endpoint = EndpointConfig(server["url"], headers={"X-Careerbot-Action-Token": "t" * 16})
    replies = [await endpoint.request(json={"next_action": f"action_{i}"}, method="post") for i in range(3)]
    assert replies == [{"events": [], "responses": [{"text": f"action_{i}"}]} for i in range(3)]
    assert len({request["port"] for request in server["seen"]}) == 1  # one TCP connection for all three
    assert all(request["headers"]["X-Careerbot-Action-Token"] == "t" * 16 for request in server["seen"])


async def test_an_error_status_is_still_rasas_client_response_error(server: Dict[str, Any]) -> None:
    endpoint = EndpointConfig(server["url"])
    with pytest.raises(ClientResponseError) as raised:
        await endpoint.request(json={"reject": True}, method="post")
    assert raised.value.status == 400  # rasa's action code reads the 400 body from it, as before
    assert (await endpoint.request(json={"next_action": "after"}, method="post"))["responses"][0]["text"] == "after"


async def test_close_sessions_closes_them_and_the_next_call_opens_a_new_one(server: Dict[str, Any]) -> None:
    endpoint = EndpointConfig(server["url"])
    await endpoint.request(json={"next_action": "a"}, method="post")
    await action_connection.close_sessions()
    await endpoint.request(json={"next_action": "b"}, method="post")
    assert len({request["port"] for request in server["seen"]}) == 2
