"""`python -m actions.knowledge.check [FILE]`: validate a knowledge-base file, one line out, exit 1 if bad.

Besides the schema (which also ties every word list, and every key the code names, to the facts), it checks
that the Rasa data speaks the KB's vocabulary: every KB topic is an intent (ask_<topic>) in domain.yml; every
entity synonym and annotated entity value in data/nlu.yml is a KB key of its kind; every synonym example
resolves to that key through the action's matcher. So a KB rename fails here (`make validate`), not in a
conversation. An entry point, it may import every layer.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Callable, Dict, List

import yaml

from actions.knowledge.loader import KnowledgeBaseError, default_kb_path, load_kb
from actions.knowledge.schema import KnowledgeBase
from actions.understanding.vocabulary import Normalizer, normalizer_for

NLU_PATH = Path(__file__).resolve().parents[2] / "data" / "nlu.yml"
DOMAIN_PATH = Path(__file__).resolve().parents[2] / "domain.yml"
_ANNOTATION = re.compile(r"\[[^\]]+\]\{\"entity\": \"(\w+)\", \"value\": \"([^\"]+)\"")
FREE_TEXT_KINDS = ("location", "fit_answer", "fit_question")  # values not meant to be KB keys


def _matchers(norm: Normalizer) -> Dict[str, Callable[[str], str | None]]:
    """Entity kind -> the matcher that turns its text into a KB key."""

    def skill(text: str) -> str | None:
        return norm.matrix_skill(text) or norm.summary_skill(text)

    def tool(text: str) -> str | None:
        return norm.tool(text) or norm.tool_category(text)

    kinds = ("role", "level", "stage", "path_stage", "aspect", "job_title")
    return {**{kind: getattr(norm, kind) for kind in kinds}, "skill": skill, "tool": tool}


def nlu_vocabulary_problems(kb: KnowledgeBase, nlu_path: Path = NLU_PATH) -> List[str]:
    """Every place data/nlu.yml names a value the KB vocabulary does not know, as one line each."""
    matchers = _matchers(normalizer_for(kb))
    problems: List[str] = []
    items = (yaml.safe_load(nlu_path.read_text(encoding="utf-8")) or {}).get("nlu") or []
    for item in items:
        examples = [e[2:].strip() for e in str(item.get("examples") or "").splitlines() if e.strip().startswith("- ")]
        if "synonym" in item:
            value = str(item["synonym"])
            kinds = [kind for kind, match in matchers.items() if match(value) == value]
            if not kinds:
                problems.append(f"synonym '{value}' is not a KB key")
                continue
            for example in examples:
                if not any(matchers[kind](example) == value for kind in kinds):
                    problems.append(f"synonym '{value}': example '{example}' does not resolve to it")
        for example in examples if "intent" in item else ():
            for kind, value in _ANNOTATION.findall(example):
                if kind in FREE_TEXT_KINDS:
                    continue
                if kind not in matchers or matchers[kind](value) != value:
                    problems.append(f"intent {item['intent']}: {kind} value '{value}' is not a KB key of that kind")
    return list(dict.fromkeys(problems))


def topic_problems(kb: KnowledgeBase, domain_path: Path = DOMAIN_PATH) -> List[str]:
    """Every KB topic must be an intent (ask_<topic>) in domain.yml, or its button would send an unknown one."""
    intents = {
        (i if isinstance(i, str) else next(iter(i)))
        for i in (yaml.safe_load(domain_path.read_text(encoding="utf-8")) or {}).get("intents") or []
    }
    return [f"topic '{t}': domain.yml has no intent ask_{t}" for t in kb.topics if f"ask_{t}" not in intents]


def main(argv: list[str]) -> int:
    path = argv[0] if argv else default_kb_path()
    try:
        kb = load_kb(path)
    except KnowledgeBaseError as error:
        print(f"knowledge base invalid: {error}", file=sys.stderr)
        return 1
    problems = nlu_vocabulary_problems(kb) if NLU_PATH.exists() else []
    problems += topic_problems(kb) if DOMAIN_PATH.exists() else []
    if problems:
        print(f"NLU data / domain and the KB disagree ({len(problems)}):", file=sys.stderr)
        for problem in problems[:20]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"knowledge base OK: {path} ({len(kb.workflow.stages)} workflow stages, {len(kb.roles)} roles)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
