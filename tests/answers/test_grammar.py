"""Every renderer, over every subject it can be asked about, writes clean English (issue #26: "grammar checked
by tests over every rendered template").

domain.yml's responses (texts and button titles) are checked the same way. The grid is built from the knowledge
base itself (each role, level, workflow stage, learning stage,
responsibility, scenario and list position), so a new key or template is checked without editing this file.
The checks are mechanical slips a reader notices at once: "a AI Engineer", "AI Engineers spends", a doubled word,
a space before punctuation, an unfilled placeholder, unbalanced bold markers.
"""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Iterator, List, Tuple

import pytest
import yaml

from actions.answers.phrasing import a_or_an
from actions.answers.pipeline import render
from actions.answers.registry import RENDERERS
from actions.knowledge.loader import get_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.question import Question

# Verbs the templates use after a role: the plural role takes the bare form, the singular role the -s form.
VERBS = ("spend", "need", "work", "take", "lean", "use", "handle", "focus", "build", "own", "deploy", "train")
PLURAL_ROLE_SINGULAR_VERB = re.compile(r"\b(?:Engineers|they|both roles)\s+(?:" + "|".join(VERBS) + r")s\b")
# "an AI Engineer need" is wrong; "does an AI Engineer need" and "to need" are not.
SINGULAR_ROLE_PLURAL_VERB = re.compile(
    r"(?<!does )\b(?:an?|the|each) (?:AI|ML|Machine Learning) Engineer (?:" + "|".join(VERBS) + r")\b"
)

CHECKS: Tuple[Tuple[str, re.Pattern[str]], ...] = (
    ("'a' before a vowel sound", re.compile(r"\b[Aa] (?:AI|ML|MLOps|API|AWS|NLP|enterprise|entry|e)\b")),
    ("'an' before a consonant sound", re.compile(r"\b[Aa]n (?:Machine|machine|senior|mid|data|cloud)\b")),
    ("a plural role with a singular verb", PLURAL_ROLE_SINGULAR_VERB),
    ("a singular role with a plural verb", SINGULAR_ROLE_PLURAL_VERB),
    ("a doubled word", re.compile(r"\b(\w{2,})\s+\1\b", re.IGNORECASE)),
    ("a space before punctuation", re.compile(r"\w +[,.;:!?](?:\s|$)")),
    ("two spaces inside a sentence", re.compile(r"\S  +\S")),
    ("doubled punctuation", re.compile(r"(?<!\.)\.\.(?!\.)|,,|,\.|\.,|;;")),
    ("an unfilled placeholder", re.compile(r"\{[a-z_]*\}|\bNone\b|\bnull\b|<[a-z_]+>")),
    ("an empty list item", re.compile(r"^\s*(?:-|\d+\.)\s*$", re.MULTILINE)),
    ("a sentence starting lower-case", re.compile(r"[.!?] (?!e\.g\.|i\.e\.)[a-z]")),
)


def _variants(kb: KnowledgeBase) -> Iterator[Question]:
    """Each topic with no subject, each single subject of each kind, and the two-role comparison."""
    roles = [(), *((key,) for key in kb.roles), tuple(kb.roles)]
    levels = [None, *kb.salaries.bands[next(iter(kb.roles))]]
    stages = [stage.key for stage in kb.workflow.stages]
    path_stages = [stage.key for stage in kb.learning_paths]
    aspects = [item.key for item in kb.responsibilities]
    scenarios = [scenario.key for scenario in kb.scenarios]
    for topic in RENDERERS:
        for role, level in itertools.product(roles, levels):
            yield Question(topic=topic, roles=role, level=level)
        for role in roles:
            yield Question(topic=topic, roles=role, compare=True)
            yield from (Question(topic=topic, roles=role, stage=key) for key in stages)
            yield from (Question(topic=topic, roles=role, path_stage=key) for key in path_stages)
            yield from (Question(topic=topic, roles=role, aspect=key) for key in aspects)
            yield from (Question(topic=topic, roles=role, scenario=key) for key in scenarios)
            yield from (Question(topic=topic, roles=role, item=item) for item in (1, 2, -1))


def _rendered() -> Tuple[List[Tuple[str, str]], set]:
    """Each distinct text (answer or button title) once, with the first topic that wrote it; the topics reached."""
    kb = get_kb()
    seen, out, reached = set(), [], set()
    for question in _variants(kb):
        answer = render(kb, question)
        reached.add(question.topic if answer.text.strip() else None)
        texts = [answer.text, *(button.title for button in answer.buttons)]
        for text in texts:
            if text and text not in seen:
                seen.add(text)
                out.append((question.topic, text))
    domain = yaml.safe_load((Path(__file__).resolve().parents[2] / "domain.yml").read_text())
    for name, variants in domain["responses"].items():
        for variant in variants:
            for text in [variant.get("text"), *(button["title"] for button in variant.get("buttons", []))]:
                if text and text not in seen:
                    seen.add(text)
                    out.append((name, text))
    return out, reached


RENDERED, REACHED = _rendered()


def test_the_grid_reaches_every_topic_with_many_distinct_texts():
    assert REACHED == set(RENDERERS), REACHED ^ set(RENDERERS)
    assert len(RENDERED) > 150, len(RENDERED)


@pytest.mark.parametrize("slip,pattern", CHECKS, ids=[name for name, _ in CHECKS])
def test_no_rendered_text_has(slip: str, pattern: re.Pattern[str]) -> None:
    found = [
        f"[{topic}] …{text[max(0, m.start() - 40) : m.end() + 40]}…"
        for topic, text in RENDERED
        for m in [pattern.search(text)]
        if m
    ]
    assert not found, f"{len(found)} rendered texts have {slip}:\n" + "\n".join(sorted(set(found))[:15])


def test_bold_markers_are_balanced():
    unbalanced = [f"[{topic}] {text[:120]}" for topic, text in RENDERED if text.count("**") % 2]
    assert not unbalanced, "\n".join(unbalanced[:10])


@pytest.mark.parametrize(
    "good",
    ["What does an AI Engineer need?", "AI Engineers spend time on it.", "an ML Engineer works with data"],
)
def test_the_checks_pass_good_english(good: str) -> None:
    assert not [name for name, pattern in CHECKS if pattern.search(good)]


@pytest.mark.parametrize(
    "bad",
    ["a AI Engineer", "AI Engineers spends", "the the step", "costs , too", "{role} earns", "an Machine Learning"],
)
def test_the_checks_catch_slips(bad: str) -> None:
    assert [name for name, pattern in CHECKS if pattern.search(bad)]


@pytest.mark.parametrize(
    "name,said",
    [
        ("AI Engineer", "an AI Engineer"),
        ("Machine Learning Engineer", "a Machine Learning Engineer"),
        ("ML Engineer", "an ML Engineer"),
        ("MLOps Engineer", "an MLOps Engineer"),
        ("engineer", "an engineer"),
        ("UX designer", "a UX designer"),
        ("NLP Engineer", "an NLP Engineer"),
        ("Data Scientist", "a Data Scientist"),
    ],
)
def test_a_or_an_goes_by_the_sound(name: str, said: str) -> None:
    assert a_or_an(name) == said
