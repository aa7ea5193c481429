"""domain.yml's responses go through no renderer, so they must already be in the layout answers get
(actions/answers/markdown.py): otherwise a list shows as one run-on paragraph in the widget."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from actions.answers.markdown import layout, to_terminal

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = yaml.safe_load((ROOT / "domain.yml").read_text())["responses"]
TEXTS = [(name, variant["text"]) for name, variants in RESPONSES.items() for variant in variants if "text" in variant]


@pytest.mark.parametrize(("name", "text"), TEXTS, ids=[name for name, _ in TEXTS])
def test_response_is_laid_out(name: str, text: str) -> None:
    assert layout(text) == text


def test_help_lists_its_examples_as_items() -> None:
    (help_text,) = [text for name, text in TEXTS if name == "utter_help"]
    lines = to_terminal(help_text, 100)
    items = [line for line in lines if line.startswith("  • ")]
    assert len(items) >= 5 and "  • which role fits me?" in items
