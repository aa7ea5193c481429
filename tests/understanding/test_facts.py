"""Answer the fact, not the section (actions/understanding/facts.py), with the real sentence encoder."""

from __future__ import annotations

from actions.answers.pipeline import render
from actions.knowledge.facts import facts
from actions.knowledge.schema import ROLE_KEYS, KnowledgeBase
from actions.understanding import meaning
from actions.understanding.context import canonical
from actions.understanding.facts import as_fact, second_opinion, without_roles
from actions.understanding.question import Question
from actions.understanding.understand import understand
from actions.understanding.vocabulary import normalizer_for


def test_every_fact_is_addressable_and_renders(kb: KnowledgeBase) -> None:
    listed = facts(kb)
    steps = {dict(f.fields).get("stage") for f in listed if f.topic == "workflow"}
    assert {s.key for s in kb.workflow.stages} <= steps
    rows = {(dict(f.fields)["aspect"], f.role) for f in listed if f.topic == "responsibilities"}
    assert rows == {(r.key, role) for r in kb.responsibilities for role in ROLE_KEYS}
    norm = normalizer_for(kb)
    for fact in listed:
        answer = render(kb, canonical(as_fact(Question(topic="help"), fact), norm))
        assert answer is not None and answer.text, fact


def test_role_names_are_left_to_the_thread(kb: KnowledgeBase) -> None:
    assert without_roles(kb, "same level for AI engineers?") == "same level for ?"


def test_a_section_question_keeps_its_section(kb: KnowledgeBase, encoder: None) -> None:
    question = Question(topic="learning_path", roles=("ml_engineer",))
    kept = second_opinion(kb, question, "what's the learning path for an ML engineer?", supported=True)
    assert kept == question


def test_one_fact_asked_is_the_fact(kb: KnowledgeBase, encoder: None) -> None:
    question = Question(topic="scenarios", scenario=None)
    text = "In the customer support scenario, who integrates the bot with the CRM?"
    narrowed = second_opinion(kb, question, text, supported=True)
    assert (narrowed.scenario, narrowed.roles) == ("customer_support_automation", ("ai_engineer",))


def test_the_encoder_runs_only_when_the_answer_can_change(kb: KnowledgeBase, encoder: None, monkeypatch) -> None:
    runs: list = []
    encode = meaning._encode
    monkeypatch.setattr(meaning, "_encode", lambda texts: runs.append(texts) or encode(texts))
    step = kb.workflow.stages[0].key
    already_narrow = Question(topic="tools", stage=step, text="which tools for that step, 1")
    assert second_opinion(kb, already_narrow, already_narrow.text, supported=True) == already_narrow
    nothing_narrower = Question(topic="salary", text="what does it pay, 2")
    assert second_opinion(kb, nothing_narrower, nothing_narrower.text, supported=True) == nothing_narrower
    assert runs == []
    section = Question(topic="workflow", text="what happens in the steps, 3")
    second_opinion(kb, section, section.text, supported=True)
    assert len(runs) == 1, runs  # one run, shared by the facts and the section's name


def test_parts_naming_no_term_ask_the_facts_their_words_match(kb, encoder):
    """'who leads deployment, who prepares the data, and who designs and trains models?': three rows, not the first
    row three times (the parts name no KB term; the facts they match differ)."""
    text = "Who leads deployment, who prepares the data, and who designs and trains models?"
    questions = understand(kb, "ask_responsibilities", [], {}, text)
    assert [q.aspect for q in questions] == ["deployment", "data_handling", "model_training"]
