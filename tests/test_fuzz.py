"""Property tests: no text or entity a user can send makes normalisation, context or answers fail."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from actions.answers.pipeline import render
from actions.answers.registry import RENDERERS
from actions.knowledge.schema import LEVEL_KEYS, ROLE_KEYS
from actions.understanding.context import resolve
from actions.understanding.question import CONTEXT_SLOTS
from actions.understanding.topics import topic_fields

KINDS = [
    "role",
    "level",
    "stage",
    "path_stage",
    "aspect",
    "skill",
    "tool",
    "location",
    "job_title",
    "fit_answer",
    "bogus",
]
INTENTS = [f"ask_{t}" for t in RENDERERS] + ["inform", "ask_other_role", "greet", "nlu_fallback", ""]
entity = st.fixed_dictionaries(
    {"entity": st.sampled_from(KINDS), "value": st.one_of(st.text(max_size=40), st.none(), st.integers())}
)
previous = st.fixed_dictionaries({k: st.one_of(st.none(), st.text(max_size=20)) for k in CONTEXT_SLOTS})
relaxed = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@relaxed
@given(text=st.text(max_size=60))
def test_normalisers_return_known_keys_or_none(norm, text):
    assert norm.role(text) in (None, *ROLE_KEYS)
    assert norm.level(text) in (None, *LEVEL_KEYS)
    role, title = norm.role_or_title(text)
    assert role is None or title is None
    for method in (norm.stage, norm.path_stage, norm.aspect, norm.tool, norm.tool_category, norm.matrix_skill):
        value = method(text)
        assert value is None or isinstance(value, str)
    assert isinstance(norm.is_us(text), bool)


@relaxed
@given(intent=st.sampled_from(INTENTS), entities=st.lists(entity, max_size=5), prev=previous, text=st.text(max_size=80))
def test_any_message_resolves_and_renders(kb, norm, intent, entities, prev, text):
    prev = {k: v for k, v in prev.items() if k == "topic" and v in topic_fields(kb) or k != "topic"}
    question = resolve(intent, entities, prev, text, norm)
    assert question.role in (None, *ROLE_KEYS)
    assert question.level in (None, *LEVEL_KEYS)
    answer = render(kb, question)
    if question.topic in RENDERERS:
        assert answer is not None and answer.text.strip()
