"""The measurement and serving tools share ops/, and nothing outside tests/ depends on the tests package."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def test_no_tool_imports_the_tests_package() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("bench", "eval", "scripts", "ops")
        for path in sorted((ROOT / folder).rglob("*.py"))
        if any(name == "tests" or name.startswith("tests.") for name in imported_modules(path))
    ]
    assert offenders == []


def test_every_trainer_and_server_starter_uses_ops() -> None:
    users = [
        "eval/run_eval.py",
        "eval/tune_threshold.py",
        "bench/train_time.py",
        "bench/nlu_variants.py",
        "bench/servers_under_test.py",
        "serving/supervisor.py",
        "tests/e2e/servers.py",
    ]
    missing = [
        file
        for file in users
        if not any(name == "ops" or name.startswith("ops.") for name in imported_modules(ROOT / file))
    ]
    assert missing == []
