"""Compiled patterns are kept (actions/knowledge/patterns.py): the knowledge base's missing-fact patterns are not
recompiled on each message when other code has filled the `re` module's own cache (512 entries) in between; that
recompiling cost 50 ms of CPU a message in the action server."""

import re
import sre_compile

from actions.knowledge.patterns import rx
from actions.understanding.lookups import missing_fact


def test_rx_compiles_once():
    assert rx(r"\bkafka\b", re.I) is rx(r"\bkafka\b", re.I)


def test_missing_fact_recompiles_nothing_after_other_patterns_filled_the_re_cache(kb, monkeypatch):
    missing_fact(kb, "how much do AI engineers earn in Berlin?")
    for n in range(600):  # what the rest of a message's reading compiles, and more than re's own cache holds
        re.search(f"unrelated pattern {n}", "text")
    compiled = []
    real = sre_compile.compile
    monkeypatch.setattr(sre_compile, "compile", lambda *a, **k: compiled.append(a[0]) or real(*a, **k))
    missing_fact(kb, "how much do AI engineers earn in Berlin?")
    assert compiled == []
