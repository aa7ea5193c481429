"""Training time vs held-out accuracy of NLU config variants (evidence for the proposals in reports/bench.md).

Each variant is config.yml with some component options overridden (VARIANTS below). For each: `rasa train nlu`
from scratch (empty Rasa cache, `--num-threads 2`, one at a time), seconds per DIET epoch read from the log,
sparse feature sizes, then parse tests/nlu_test.yml with the fallback active (as eval/run_eval.py does) and
score it with eval/metrics.py, and time one parse. Results: results/bench/variants/<name>.json, cached by input
hash; a table is printed and the summary kept in results/bench/variants.json (bench/notes.md quotes it).

    .venv/bin/python bench/nlu_variants.py [NAME ...]

The variants were written for the former DIET pipeline (CountVectorsFeaturizer + DIETClassifier); config.yml no
longer has those components, so only `current` applies to it now and the others stop with "no <component> in
config.yml". Kept as the record of how the DIET figures in bench/notes.md were measured.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "results" / "bench" / "variants"
os.chdir(ROOT)
for key, value in {
    "RASA_TELEMETRY_ENABLED": "false",
    "TF_CPP_MIN_LOG_LEVEL": "2",
    "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
}.items():
    os.environ.setdefault(key, value)
sys.path[:0] = [str(ROOT / "eval"), str(ROOT)]  # eval helpers (metrics, load_examples); ops/

import yaml  # noqa: E402

from ops import training  # noqa: E402

CHAR = {"analyzer": "char_wb"}  # selects the char n-gram CountVectorsFeaturizer
WORD = {"analyzer": None}
# name -> list of (component name, selector, overrides); overrides of None delete the component
VARIANTS: Dict[str, List] = {
    "current": [],
    "char_min_df3": [("CountVectorsFeaturizer", CHAR, {"min_df": 3})],
    "char_max2000": [("CountVectorsFeaturizer", CHAR, {"max_features": 2000})],
    "char_2to4_max2000": [("CountVectorsFeaturizer", CHAR, {"min_ngram": 2, "max_features": 2000})],
    "epochs40": [("DIETClassifier", {}, {"epochs": 40})],
    "char_max2000_epochs40": [
        ("CountVectorsFeaturizer", CHAR, {"max_features": 2000}),
        ("DIETClassifier", {}, {"epochs": 40}),
    ],
    "no_char": [("CountVectorsFeaturizer", CHAR, None)],
}


def variant_config(name: str, probe_epochs: int = 0) -> Dict:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    pipeline = config["pipeline"]
    changes = VARIANTS[name] + ([("DIETClassifier", {}, {"epochs": probe_epochs})] if probe_epochs else [])
    for component, selector, overrides in changes:
        for i, c in enumerate(pipeline):
            if c and c["name"] == component and all(c.get(k) == v for k, v in selector.items()):
                if overrides is None:
                    pipeline[i] = None
                else:
                    c.update(overrides)
                break
        else:
            raise SystemExit(f"{name}: no {component} {selector} in config.yml")
    config["pipeline"] = [c for c in pipeline if c]
    config["assistant_id"] = f"careerbot_bench_{name}"
    return config


async def parse_all(model: str, texts: List[str]):
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    agent = Agent.load(model)
    out = []
    for text in texts:
        out.append(await agent.processor.parse_message(UserMessage(text=text), tracker=None))
    t = time.perf_counter()
    for text in texts[:200]:
        await agent.processor.parse_message(UserMessage(text=text), tracker=None)
    return out, 1000 * (time.perf_counter() - t) / min(200, len(texts))


def evaluate(model: str) -> Dict:
    """Held-out scores of a model on tests/nlu_test.yml, fallback active (as eval/run_eval.py scores it)."""
    import metrics
    from run_eval import load_examples

    test = load_examples("tests/nlu_test.yml")
    parsed, parse_ms = asyncio.run(parse_all(model, [ex["text"] for ex in test]))
    rows = []
    for ex, res in zip(test, parsed, strict=True):
        rows.append({
            "text": ex["text"], "gold": ex["intent"], "pred": res["intent"]["name"],
            "gold_entities": [{k: e.get(k) for k in ("entity", "value")} for e in ex["entities"]],
            "pred_entities": [{k: e.get(k) for k in ("entity", "value")} for e in res.get("entities", [])
                              if e.get("extractor") != "RegexEntityExtractor"],
        })  # fmt: skip
    intent = metrics.intent_metrics([r["gold"] for r in rows], [r["pred"] for r in rows])
    ents = metrics.entity_value_metrics(rows)
    return {
        "intent_accuracy": round(intent["accuracy"], 4),
        "intent_macro_f1": round(intent["macro_f1"], 4),
        "entity_value_micro_f1": round(ents["micro"]["f1"], 4),
        "parse_ms": round(parse_ms, 1),
    }


def run(name: str, probe_epochs: int = 0) -> Dict:
    config = variant_config(name, probe_epochs)
    label = f"{name}@e{probe_epochs}" if probe_epochs else name
    OUT.mkdir(parents=True, exist_ok=True)
    config_path = OUT / f"{label}.config.yml"  # a fixed path: its name is part of the key
    text = yaml.safe_dump(config, sort_keys=False)
    if not config_path.exists() or config_path.read_text() != text:
        config_path.write_text(text)
    nlu_test = ROOT / "tests" / "nlu_test.yml"  # the result (not only the model) is cached: the test set counts
    key = f"{label}-{training.training_key(config_path, extra=[nlu_test], tag='nlu')}"
    result_path = OUT / f"{key}.json"
    if result_path.exists():
        return json.loads(result_path.read_text())
    work = Path(tempfile.mkdtemp(prefix=f"variant-{name}-", dir=OUT))
    log = OUT / f"{label}.log"
    load = [round(x, 2) for x in os.getloadavg()]
    print(f"== {label}: training (load {load})", flush=True)
    trained = training.train(
        config_path, work, label, nlu_only=True, extra_inputs=[nlu_test], tag="nlu", log=log,
        env=training.fresh_cache_env(work / "cache"), reuse=False,
    )  # fmt: skip
    model, seconds = trained.model, trained.meta["train_seconds"]
    text = log.read_text()
    # tqdm "Epochs: 100%|...| 60/60 [02:31<00:00, ...]": total DIET time
    m = re.findall(r"Epochs: 100%\|.*?\| (\d+)/(\d+) \[(?:(\d+):)?(\d+):(\d+)<", text)
    diet_s = None
    if m:
        epochs, _, h, mm, ss = m[-1]
        diet_s = int(h or 0) * 3600 + int(mm) * 60 + int(ss)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["tar", "xzf", str(model), "-C", tmp], check=True, capture_output=True)
        sizes = {p.parent.name: json.loads(p.read_text()) for p in Path(tmp).rglob("*sparse_feature_sizes.json")}
    diet = [c for c in config["pipeline"] if c["name"] == "DIETClassifier"]  # config.yml no longer has one
    epochs = diet[0].get("epochs") if diet else None
    base = {
        "name": label,
        "overrides": VARIANTS[name],
        "epochs": epochs,
        "train_s": round(seconds, 1),
        "diet_s": diet_s,
        "diet_s_per_epoch": diet_s and epochs and round(diet_s / epochs, 2),
        "loadavg_before": load,
        "sparse_feature_sizes": sizes,
        "model_mb": round(model.stat().st_size / 2**20, 1),
    }
    if probe_epochs:  # speed probe only: accuracy after a few epochs means nothing
        result_path.write_text(json.dumps(base, indent=1))
        shutil.rmtree(work, ignore_errors=True)
        return base
    result = {**base, **evaluate(str(model))}
    result_path.write_text(json.dumps(result, indent=1))
    shutil.rmtree(work, ignore_errors=True)
    return result


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser()
    parser.add_argument("names", nargs="*")
    parser.add_argument("--probe-epochs", type=int, default=0, help="speed probe: DIET epochs, no accuracy")
    parser.add_argument("--evaluate", metavar="MODEL", help="only score an existing model (e.g. a copy of ours)")
    args = parser.parse_args()
    if args.evaluate:
        print(json.dumps({"model": args.evaluate, **evaluate(args.evaluate)}))
        return
    results = []
    for name in args.names or list(VARIANTS):
        r = run(name, args.probe_epochs)
        results.append(r)
        print(
            f"{r['name']:<26} train {r['train_s']:>6}s (DIET {r['diet_s']}s, {r['diet_s_per_epoch']} s/epoch) "
            f"load {r['loadavg_before'][0]:>5} acc {r.get('intent_accuracy')} F1 {r.get('intent_macro_f1')} "
            f"ent {r.get('entity_value_micro_f1')} parse {r.get('parse_ms')} ms model {r['model_mb']} MB "
            f"sizes {r['sparse_feature_sizes']}",
            flush=True,
        )
    summary_path = OUT.parent / "variants.json"
    existing = json.loads(summary_path.read_text()) if summary_path.exists() else {}
    existing.update({r["name"]: r for r in results})
    summary_path.write_text(json.dumps(existing, indent=1))


if __name__ == "__main__":
    main()
