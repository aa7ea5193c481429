"""The patch fence: every library patch is listed with its version range, refuses outside it, and is tested."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import patches

ROOT = Path(__file__).resolve().parents[1]


def test_installed_versions_are_inside_every_patch_range() -> None:
    for name in patches.PATCHES:
        patches.check(name)  # raises PatchOutOfRange otherwise


@pytest.mark.parametrize("version", ["3.7.0", "3.6.20", "4.0.0"])
def test_a_rasa_outside_the_range_is_refused_with_the_patch_named(version: str) -> None:
    with pytest.raises(patches.PatchOutOfRange, match="rasa.EndpointConfig.session.*3.6.21,<3.7"):
        patches.check("rasa.EndpointConfig.session", version=version)


def test_warn_mode_logs_instead_of_refusing(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("CAREERBOT_UNFENCED_PATCHES", "warn")
    patches.check("jsonschema.validate", version="4.23.0")
    assert "jsonschema.validate" in caplog.text and "4.23.0" in caplog.text


def _checked_names(path: Path) -> set[str]:
    """Names passed to patches.check (under any alias) in the module at path."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            called = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
            if called in {"check", "_check_patch"}:
                names.add(node.args[0].value)
    return names


@pytest.mark.parametrize("name", sorted(patches.PATCHES))
def test_every_patch_is_fenced_where_it_is_applied_and_has_a_test(name: str) -> None:
    patch = patches.PATCHES[name]
    assert name in _checked_names(ROOT / patch.where), f"{patch.where} does not call check({name!r})"
    assert (ROOT / patch.test).is_file(), patch.test


def test_no_module_outside_the_list_replaces_a_library_attribute() -> None:
    """A new `library.attr = ...` assignment must be listed (and fenced) here first."""
    listed = {patch.where for patch in patches.PATCHES.values()}
    offenders = []
    for path in ROOT.glob("*/**/*.py"):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith((".venv/", "tests/", "web/")) or rel in listed:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
                        if target.value.id in {"jsonschema", "console", "rasa", "sanic", "spacy"}:
                            offenders.append(f"{rel}:{node.lineno}")
    assert not offenders, offenders
