"""Micro-benchmark: careerbot's NLU (models/careerbot.tar.gz) with spaCy's pipes as Rasa's SpacyNLP runs them vs as
careerbot runs them. Rasa's SpacyNLP runs en_core_web_sm without the parser (tok2vec, tagger, attribute_ruler,
lemmatizer, ner); careerbot's TrimmedSpacyNLP (components/spacy_nlp.py) keeps only the pipes config.yml lists in
`keep_pipes` (none today): the pipeline reads the tokens (SpacyTokenizer, RegexFeaturizer, CRF features:
CRFEntityExtractor's default features use no POS tags) and, only when the intent classifier's `spacy_weight` is
above 0 (config.yml: 0), the doc vector, which en_core_web_sm computes from tok2vec's tensors. Parses every message
of tests/nlu_test.yml both ways, counts the messages whose intent, confidence or entities differ, and times one
parse. The first load keeps every pipe but the parser (as Rasa's SpacyNLP) by loading it with Rasa's SpacyNLP.create in
this process only; `--control` loads both the same way (checks the comparison).

    .venv/bin/python bench/spacy_pipes_micro.py [--model models/careerbot.tar.gz]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.chdir(ROOT)
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")


async def parse_all(model: str, texts: list) -> tuple:
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    agent = Agent.load(model)
    out = [await agent.processor.parse_message(UserMessage(text=t), tracker=None) for t in texts]
    start = time.perf_counter()
    for t in texts:
        await agent.processor.parse_message(UserMessage(text=t), tracker=None)
    return out, 1000 * (time.perf_counter() - start) / len(texts)


def key(parsed: dict) -> tuple:
    entities = sorted((e["entity"], str(e.get("value")), e["start"], e["end"]) for e in parsed.get("entities", []))
    return parsed["intent"]["name"], round(parsed["intent"]["confidence"], 6), tuple(entities)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", default="models/careerbot.tar.gz")
    parser.add_argument("--control", action="store_true", help="second load unpatched (checks the comparison)")
    args = parser.parse_args()
    from run_eval import load_examples

    texts = [ex["text"] for ex in load_examples("tests/nlu_test.yml")]
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    from components.spacy_nlp import TrimmedSpacyNLP

    create = TrimmedSpacyNLP.create
    TrimmedSpacyNLP.create = SpacyNLP.create.__func__.__get__(TrimmedSpacyNLP)  # Rasa's loading: all but the parser
    as_loaded, ms_loaded = asyncio.run(parse_all(args.model, texts))
    if not args.control:
        TrimmedSpacyNLP.create = create
    reduced, ms_reduced = asyncio.run(parse_all(args.model, texts))
    differ = [t for t, a, b in zip(texts, as_loaded, reduced, strict=True) if key(a) != key(b)]
    result = {
        "messages": len(texts),
        "parse_ms_as_loaded": round(ms_loaded, 2),
        "pipes": "as config.yml keeps them" if not args.control else "all (control)",
        "parse_ms_reduced": round(ms_reduced, 2),
        "differing_messages": len(differ),
        "examples": [
            {"text": t, "as_loaded": key(a), "reduced": key(b)}
            for t, a, b in zip(texts, as_loaded, reduced, strict=True)
            if key(a) != key(b)
        ][:5],
        "loadavg": [round(x, 2) for x in os.getloadavg()],
    }
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
