"""patches/nlu_thread.py: messages are understood on the NLU thread, with the same parses, also concurrently."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, List

import pytest
from rasa.core.agent import Agent

from eval.run_eval import load_examples
from ops.servers import MODEL, ROOT
from patches import nlu_thread


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(MODEL))


def _texts() -> List[str]:
    return [ex["text"] for ex in load_examples(str(ROOT / "tests" / "nlu_test.yml"))][:120]


def test_same_parses_on_the_worker_thread_also_when_many_messages_arrive_at_once(agent: Agent, monkeypatch):
    texts = _texts()
    nlu_thread.uninstall()
    expected = [asyncio.run(agent.parse_message(text)) for text in texts]
    threads: List[str] = []
    original = agent.processor._parse_message_with_graph

    def recording(*args: Any, **kwargs: Any) -> Any:
        threads.append(threading.current_thread().name)
        return original(*args, **kwargs)

    monkeypatch.setattr(agent.processor, "_parse_message_with_graph", recording)
    nlu_thread.install()
    try:

        async def all_at_once() -> List[Any]:
            return list(await asyncio.gather(*(agent.parse_message(text) for text in texts)))

        together = asyncio.run(all_at_once())
    finally:
        nlu_thread.uninstall()
    assert together == expected
    assert len(threads) == len(texts) and set(threads) == {threads[0]} and threads[0].startswith("careerbot-nlu")
