"""patches/graph_runner.py: Rasa's graphs run in a plain loop give exactly what dask gave them."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import Any, Dict, List, Tuple

import pytest
from rasa.core.agent import Agent
from rasa.engine.exceptions import GraphRunError
from rasa.shared.core.events import ActionExecuted

from eval.run_eval import load_examples
from ops.servers import MODEL, ROOT
from patches import graph_runner


class _Node:
    """Stands in for a GraphNode: records its call and returns (name, what it was given)."""

    def __init__(self, name: str, calls: List[str]) -> None:
        self.name, self.calls = name, calls

    def __call__(self, *inputs: Any) -> Tuple[str, Any]:
        self.calls.append(self.name)
        return self.name, inputs


def _runner(needs: Dict[str, Dict[str, str]]) -> Tuple[Any, List[str]]:
    calls: List[str] = []
    schema = SimpleNamespace(
        nodes={name: SimpleNamespace(needs=n) for name, n in needs.items()}, target_names=list(needs)[-1:]
    )
    runner = SimpleNamespace(
        _graph_schema=schema, _instantiated_nodes={name: _Node(name, calls) for name in needs}, __dict__={}
    )
    return runner, calls


def _run(runner: Any, inputs: Dict[str, Any] | None = None, targets: List[str] | None = None) -> Dict[str, Any]:
    return graph_runner.run(runner, inputs, targets)  # type: ignore[arg-type]


def test_each_needed_node_runs_once_after_what_it_needs_and_gets_dask_s_arguments():
    runner, calls = _runner(
        {"a": {"m": "__message__"}, "b": {"x": "a"}, "c": {"x": "a", "y": "b", "z": "nowhere"}, "unused": {}}
    )
    out = _run(runner, {"__message__": "hi"}, ["c"])
    assert calls == ["a", "b", "c"]
    a = ("a", (("__message__", "hi"),))
    b = ("b", (a,))
    assert out == {"c": (a, b, "nowhere")}  # an unknown name is passed as itself, as dask did


def test_an_input_named_like_a_node_replaces_it_and_a_target_may_be_an_input():
    runner, calls = _runner({"a": {}, "b": {"x": "a"}})
    out = _run(runner, {"a": 1}, ["b", "a"])
    assert calls == ["b"]
    assert out == {"b": (("a", 1),), "a": 1}


def test_an_input_value_naming_a_node_and_a_cycle_are_errors():
    runner, _ = _runner({"a": {}, "b": {"x": "a"}})
    with pytest.raises(GraphRunError):
        _run(runner, {"__message__": "a"}, ["b"])
    cyclic, _ = _runner({"a": {"x": "b"}, "b": {"x": "a"}})
    with pytest.raises(GraphRunError):
        _run(cyclic, None, ["b"])


def test_a_runtime_error_in_a_node_becomes_graph_run_error_as_before():
    runner, _ = _runner({"a": {}})

    def boom(*_: Any) -> None:
        raise RuntimeError("x")

    runner._instantiated_nodes["a"] = boom
    with pytest.raises(GraphRunError):
        _run(runner, None, ["a"])


@pytest.fixture(scope="module")
def agent() -> Agent:
    return Agent.load(str(MODEL))


def _parses_and_predictions(agent: Agent, texts: List[str]) -> List[Any]:
    """Every message parsed, then logged into one conversation with the next action predicted after it."""
    processor = agent.processor
    out: List[Any] = []

    async def go() -> None:
        for text in texts:
            out.append(await agent.parse_message(text))
        tracker = await processor.fetch_tracker_with_initial_session("graph-runner-test")
        for text in texts[:60]:
            from rasa.core.channels.channel import UserMessage

            await processor._handle_message_with_tracker(UserMessage(text, sender_id="graph-runner-test"), tracker)
            prediction = processor._predict_next_with_tracker(tracker)
            action = processor.domain.action_names_or_texts[prediction.max_confidence_index]
            out.append((action, prediction.policy_name, round(prediction.max_confidence, 9)))
            tracker.update(ActionExecuted(action))
            tracker.update(ActionExecuted("action_listen"))

    asyncio.run(go())
    return out


def test_same_parses_and_predictions_as_dask_on_the_nlu_test_messages(agent: Agent):
    texts = [ex["text"] for ex in load_examples(str(ROOT / "tests" / "nlu_test.yml"))]
    graph_runner.uninstall()
    with_dask = _parses_and_predictions(agent, texts)
    graph_runner.install()
    try:
        plain = _parses_and_predictions(agent, texts)
    finally:
        graph_runner.uninstall()
    assert len(plain) == len(texts) + 60
    assert plain == with_dask
