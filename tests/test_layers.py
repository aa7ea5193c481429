"""The actions/ packages only import downward: knowledge < understanding < reasoning < answers < actions.py.

Read from the source with `ast`, so a new upward import (say, understanding reaching for answer texts) fails here
before it makes a cycle or a layer that cannot be tested on its own."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Iterator, Tuple

import pytest

ACTIONS = Path(__file__).resolve().parents[1] / "actions"
LAYERS = ("knowledge", "understanding", "reasoning", "answers", "actions")  # lowest first; "actions" = actions.py
ENTRY_POINTS = ("actions.knowledge.check",)  # `make validate`'s checker: checks the KB against every layer's use


def layer_of(module: str) -> str | None:
    """'actions.answers.salary' -> 'answers'; 'actions.actions' -> 'actions'; anything outside actions -> None."""
    parts = module.split(".")
    if parts[0] != "actions":
        return None
    if module.startswith(ENTRY_POINTS):
        return "actions"
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else "actions"


def imports_of(path: Path) -> Iterator[Tuple[int, str]]:
    """(line, imported module) for every import in a file, 'from actions.x import y' counted as actions.x.y too."""
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            yield from ((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            yield from ((node.lineno, f"{node.module}.{alias.name}") for alias in node.names)


def module_name(path: Path, root: Path = ACTIONS) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


SOURCES = sorted(ACTIONS.rglob("*.py"))


def upward_imports(path: Path, root: Path = ACTIONS) -> list[str]:
    own = layer_of(module_name(path, root))
    found = []
    for line, target in imports_of(path):
        other = layer_of(target)
        if own and other and LAYERS.index(other) > LAYERS.index(own):
            found.append(f"{path.relative_to(root.parent)}:{line} ({own}) imports {target} ({other})")
    return found


def test_every_module_belongs_to_a_layer():
    assert {layer_of(module_name(p)) for p in SOURCES} == set(LAYERS)


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(ACTIONS.parent)))
def test_imports_point_down(path):
    assert upward_imports(path) == []


def test_the_check_catches_an_upward_import(tmp_path):
    """A test that cannot fail is a defect: an understanding module importing answers is reported."""
    fake = tmp_path / "actions" / "understanding" / "bad.py"
    fake.parent.mkdir(parents=True)
    fake.write_text("from actions.answers.phrasing import Answer\nimport actions.reasoning.queries\n")
    found = upward_imports(fake, root=tmp_path / "actions")
    assert [f.split(" imports ")[1] for f in found] == [
        "actions.answers.phrasing (answers)",
        "actions.answers.phrasing.Answer (answers)",
        "actions.reasoning.queries (reasoning)",
    ]


MATCHERS = ("normalizer_for", "Normalizer", "matcher_for", "SkillMatcher", "scan_entities", "match_answer")


@pytest.mark.parametrize("path", sorted((ACTIONS / "answers").glob("*.py")), ids=lambda p: p.name)
def test_renderers_never_match_text(path):
    """Answers receive canonical keys (understanding.context.canonical); none imports a text matcher."""
    assert [t for _, t in imports_of(path) if t.rsplit(".", 1)[-1] in MATCHERS] == []
