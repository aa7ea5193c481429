"""Run Rasa's prediction graphs in a plain loop instead of through dask, with the run order worked out once.

Rasa 3.6 runs every graph (the NLU pipeline for each message, the policies for each prediction: three graph runs
per turn) with `DaskGraphRunner.run`: it rebuilds the minimal schema and a dask graph from the schema on every
call, then `dask.get` orders the graph (dask.order), starts a thread-pool-shaped scheduler and fires one task per
node. For graphs of a dozen nodes on one thread that machinery cost about a tenth of `rasa run`'s CPU per message
(py-spy, bench/notes.md), more than most components.

`install()` replaces `DaskGraphRunner.run` with the same evaluation done directly: for the requested targets the
nodes they need are put in dependency order once (cached per runner and targets), and each run calls the nodes
in that order, feeding each the outputs of the nodes it needs, exactly the arguments dask gave it: a needed
node's `(name, output)` tuple, an input's `(name, value)` tuple, or, for a name that is neither, the name itself
(GraphNode reports that as a missing input, as before). The nodes, their hooks, their errors and the result
(`{target: output}`) are Rasa's; a RuntimeError still becomes GraphRunError. Training keeps dask: the patch is
installed by the serving processes only (channels.install_rasa_patches: `rasa run`, `rasa shell`).
Version-fenced in patches/__init__.py ("rasa.DaskGraphRunner.run").
"""

from __future__ import annotations

from typing import Any, Dict, List, Tuple

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner

from patches import check

_PLANS = "_careerbot_plans"  # on the runner: {targets: ((node name, GraphNode, needed names), ...)}
_Plan = Tuple[Tuple[str, Any, Tuple[str, ...]], ...]
_original = DaskGraphRunner.run


def plan(runner: DaskGraphRunner, targets: Tuple[str, ...]) -> _Plan:
    """The nodes `targets` need, each after every node it needs (depth-first, as the schema lists its needs)."""
    plans: Dict[Tuple[str, ...], _Plan] = runner.__dict__.setdefault(_PLANS, {})
    if targets in plans:
        return plans[targets]
    nodes = runner._graph_schema.nodes
    ordered: List[Tuple[str, Any, Tuple[str, ...]]] = []
    placed: set = set()

    def visit(name: str, path: Tuple[str, ...]) -> None:
        if name in placed or name not in nodes:
            return
        if name in path:
            raise GraphRunError(f"The graph has a cycle through node '{name}'.")
        needs = tuple(nodes[name].needs.values())
        for needed in needs:
            visit(needed, path + (name,))
        placed.add(name)
        ordered.append((name, runner._instantiated_nodes[name], needs))

    for target in targets:
        visit(target, ())
    plans[targets] = tuple(ordered)
    return plans[targets]


def run(
    self: DaskGraphRunner, inputs: Dict[str, Any] | None = None, targets: List[str] | None = None
) -> Dict[str, Any]:
    """DaskGraphRunner.run without dask (see the module docstring)."""
    run_targets = tuple(targets if targets else self._graph_schema.target_names)
    steps = plan(self, run_targets)
    results: Dict[str, Any] = {}
    for input_name, value in (inputs or {}).items():
        if isinstance(value, str) and (value in results or value in self._graph_schema.nodes):
            raise GraphRunError(
                f"Input value '{value}' clashes with a node name. Make sure that none of the input names passed to "
                "the `run` method are the same as node names in the graph schema."
            )
        results[input_name] = (input_name, value)  # as dask: an input named like a node replaces that node
    try:
        for name, node, needs in steps:
            if name not in results:
                results[name] = node(*[results.get(needed, needed) for needed in needs])
    except RuntimeError as e:
        raise GraphRunError("Error running runner.") from e
    return dict(results.get(target, target) for target in run_targets)


def install() -> None:
    """Replace DaskGraphRunner.run in this process (idempotent)."""
    check("rasa.DaskGraphRunner.run")
    DaskGraphRunner.run = run  # type: ignore[method-assign]


def uninstall() -> None:
    """Rasa's own DaskGraphRunner.run again (tests)."""
    DaskGraphRunner.run = _original  # type: ignore[method-assign]
