"""What a message says about the person who wrote it: the job they name and the skills they have.

Read once here (understanding), so the skill gap and the interview get keys, not text:
- `background`: the job a message names (advisor.backgrounds: "Java developer", "statistician", "SRE");
- `person_mentions`: the skills held: the skill matcher over the clauses that claim something (negated or
  disliked ones left out: "I hate deploying stuff", "I don't know any math"), the skills the tools named show
  (advisor.tool_skills: PyTorch covers Model Development), and what the job named lets us take as known.
"""

from __future__ import annotations

import re
from typing import Dict, List, Tuple

from actions.knowledge.patterns import rx
from actions.knowledge.schema import Background, KnowledgeBase
from actions.understanding.sentiment import held_text, normalise
from actions.understanding.skill_matcher import Mentions, matcher_for


def _found(word: str, said: str) -> bool:
    return bool(rx(rf"(?<![\w-]){re.escape(word.lower())}(?![\w-])").search(said))


def background(kb: KnowledgeBase, text: str) -> Tuple[Background, str] | None:
    """The job a message says the person has (the longest of advisor.backgrounds' words found), with that word."""
    said = f" {normalise(text)} "
    best: Tuple[Background, str] | None = None
    for job in kb.advisor.backgrounds:
        for word in job.words:
            if _not_wanted(word, said):
                continue  # 'want ML systems but not to become a researcher': a job they refuse, not theirs
            if _found(word, said) and (best is None or len(word) > len(best[1])):
                best = (job, word)
    return best


def industry_of(kb: KnowledgeBase, text: str) -> str | None:
    """The industry the article names that a self-description says the person works in ('I work in a hospital IT
    dept': healthcare), by vocabulary.industries; the longest word found wins, None when none."""
    said = f" {normalise(text)} "
    found = [(len(w), key) for key, words in kb.vocabulary.industries.items() for w in words if _found(w, said)]
    return max(found)[1] if found else None


def _not_wanted(word: str, said: str) -> bool:
    """The job is named only as one the person does not want to become ('not become a researcher')."""
    refused = rx(
        rf"\b(not|never|no|n't|rather not|without)( want)?( to)? (be|become|becoming|turn into|end up as) (an? )?"
        rf"{re.escape(word)}\b"
    )
    return bool(refused.search(said)) and len(rx(rf"\b{re.escape(word)}\b").findall(said)) == 1


def person_mentions(kb: KnowledgeBase, text: str) -> Mentions:
    """The skills a message says the person has: named (whole or a part), shown by a tool, or known from a job."""
    said = held_text(text)
    found = matcher_for(kb).find(said)
    whole = set(found.whole)
    parts: Dict[str, Tuple[str, ...]] = {k: tuple(v) for k, v in found.parts.items()}
    words = list(found.words)
    lowered = f" {normalise(said)} "
    for tools in kb.advisor.tool_skills:
        named = [w for w in tools.words if _found(w, lowered)]
        if not named:
            continue
        for word in named:
            shown = _as_typed(said, word)
            if not any(shown.lower() in w.lower() or w.lower() in shown.lower() for w in words):
                words.append(shown)
        whole |= set(tools.covers)
        for key in tools.starts:
            parts[key] = tuple(dict.fromkeys([*parts.get(key, ()), _as_typed(said, named[0])]))
    job = background(kb, said)
    if job is not None:
        whole |= set(job[0].knows)
    parts = {k: v for k, v in parts.items() if k not in whole}
    return Mentions(set(found.keys) | whole | set(parts), tuple(words), whole, parts)


def _as_typed(text: str, word: str) -> str:
    """The word as the person typed it ("PyTorch"), else the KB word."""
    found = rx(rf"(?<![\w-]){re.escape(word)}(?![\w-])", re.I).search(text)
    return found.group(0) if found else word


# A vendor's name before a tool's own ('Apache Kafka', 'Google BigQuery'): people name the tool alone.
_VENDOR = re.compile(r"^(apache|google|aws|azure|microsoft)\s+(?=\w{4,})", re.I)


def worked_steps(kb: KnowledgeBase, text: str) -> List[str]:
    """The workflow steps a self-description says the person already works in: those whose listed tools it names
    (Prometheus and Grafana: Monitoring and Maintenance; Kafka and Spark: Data Ingestion and Data Preparation),
    else the steps of the job it names (a QA engineer: Testing and Validation), in the workflow's order."""
    said = f" {normalise(held_text(text))} "
    names = {
        s.key: [_VENDOR.sub("", re.sub(r"\s*\(.*?\)", "", t)).strip() for t in s.tools] for s in kb.workflow.stages
    }
    by_tools = [key for key, tools in names.items() if any(len(t) > 2 and _found(t, said) for t in tools)]
    job = background(kb, text)
    if by_tools or job is None:
        return by_tools
    return [s.key for s in kb.workflow.stages if s.key in job[0].steps]
