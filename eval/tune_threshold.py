"""Pick the FallbackClassifier threshold without looking at the held-out set: k-fold CV on the training data.

Trains config.yml's pipeline on k-1 folds of data/ (NLU only, cached like run_eval.py), parses the left-out fold
in-process, and scores the refusal rule (threshold, ambiguity threshold) on the pooled out-of-fold predictions:
off-topic recall vs the share of in-scope messages refused. Writes eval/threshold_cv.json (kept with the repo as
the evidence for config.yml's threshold; shown in reports/eval.md by the next `make eval`). Not part of `make eval`
(k trainings).

Every run also records the configuration's CV scores at its best rule in eval/cv_variants.json, so the pipeline
comparison that decided config.yml (with vs without spaCy, with vs without the unknown-word share) is kept as data and
reported by `make eval`; `--variants` runs config.yml and its ablations one after the other: without spaCy
(eval/config_no_spacy.yml) and without the intent classifier's unknown-word share (eval/config_no_unknown_words.yml).

    .venv/bin/python eval/tune_threshold.py [--folds 3] [--config FILE | --variants]
"""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path

import metrics
import run_eval as ev  # sets up the environment, sys.path and the working directory on import

from ops import training

THRESHOLDS = [0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5]
# The targets as error budgets: at most 2% of in-scope messages refused, at least 90% of off-topic refused.
FALSE_REFUSAL_BUDGET = 0.02
MISSED_OFF_TOPIC_BUDGET = 0.10
AMBIGUITIES = [0.0, 0.02, 0.03, 0.05, 0.1]
CV_DIR = ev.OUT / "cv"


def fold_data(k: int):
    from rasa.shared.importers.importer import TrainingDataImporter
    from rasa.shared.nlu.training_data.training_data import TrainingData
    from sklearn.model_selection import StratifiedKFold

    data = TrainingDataImporter.load_from_dict(training_data_paths=["data"], domain_path="domain.yml").get_nlu_data()
    examples = data.intent_examples
    labels = [ex.get("intent") for ex in examples]
    for train_idx, test_idx in StratifiedKFold(k, shuffle=True, random_state=0).split(examples, labels):
        train = TrainingData(
            training_examples=[examples[i] for i in train_idx],
            entity_synonyms=data.entity_synonyms,
            regex_features=data.regex_features,
            lookup_tables=data.lookup_tables,
        )
        yield train, [examples[i] for i in test_idx]


VARIANTS = ["config.yml", "eval/config_no_spacy.yml", "eval/config_no_unknown_words.yml"]


def train_fold(i: int, train, config: str) -> str:
    """Fold i's NLU model (cached by ops.training: config, this fold's examples, domain, components, Rasa)."""
    CV_DIR.mkdir(parents=True, exist_ok=True)
    nlu = CV_DIR / f"fold{i}_train.yml"
    text = train.nlu_as_yaml()
    if not nlu.exists() or nlu.read_text() != text:
        nlu.write_text(text)
    trained = training.train(
        config, CV_DIR, f"cv{i}", nlu_only=True, data=[nlu], data_arg=nlu, log=CV_DIR / f"train_fold{i}.log"
    )
    if trained.cached:
        print(f"    cached: {trained.model.relative_to(ev.ROOT)}", flush=True)
    else:
        print(f"    trained in {trained.meta['train_seconds']:.0f}s", flush=True)
    return str(trained.model)


def score(rows, threshold: float, ambiguity: float) -> dict:
    gold = [r["gold"] for r in rows]
    pred = [metrics.apply_fallback(r["ranking"], threshold, ambiguity)[0] for r in rows]
    oos = metrics.out_of_scope_metrics(gold, pred)
    return {
        "threshold": threshold,
        "ambiguity": ambiguity,
        "handled": metrics.handled_rate(gold, pred),
        "intent_macro_f1": metrics.intent_metrics(gold, pred)["macro_f1"],
        "oos_recall": oos["oos_recall"],
        "false_refusal_rate": oos["false_refusal_rate"],
        "budget_used": max(
            oos["false_refusal_rate"] / FALSE_REFUSAL_BUDGET, (1 - oos["oos_recall"]) / MISSED_OFF_TOPIC_BUDGET
        ),
    }


def cross_validate(config: str, folds: int, rescore: bool) -> None:
    """Out-of-fold predictions of `config`, the refusal-rule grid, and the files it is kept in."""
    suffix = "" if config == "config.yml" else "-" + Path(config).stem
    predictions = ev.OUT / f"cv_predictions{suffix}.json"
    rows = json.loads(predictions.read_text()) if rescore else []
    for i, (train, test) in enumerate([] if rescore else fold_data(folds)):
        print(f"[{config} fold {i + 1}/{folds}] {len(train.intent_examples)} train / {len(test)} test", flush=True)
        model = train_fold(i, train, config)
        parsed = asyncio.run(ev._parse_all(model, [ex.get("text") for ex in test]))
        for ex, result in zip(test, parsed, strict=True):
            ranking = [
                (x["name"], x["confidence"]) for x in result.get("intent_ranking", []) if x["name"] != "nlu_fallback"
            ]
            rows.append({"text": ex.get("text"), "gold": ex.get("intent"), "ranking": ranking})
    if not rescore:
        predictions.write_text(json.dumps(rows))
    grid = [score(rows, t, a) for t in THRESHOLDS for a in AMBIGUITIES]
    # Criterion: the targets as budgets; pick the rule that uses the smaller share of the tighter budget
    # (minimise max(false refusals / 2%, missed off-topic / 10%)).
    # Among rules within 2% of the best budget (a tie at this sample size), keep the highest threshold: the
    # fallback is also the safety net for gibberish, which the training data cannot cover.
    lowest = min(g["budget_used"] for g in grid)
    best = max((g for g in grid if g["budget_used"] <= lowest * 1.02), key=lambda g: (g["threshold"], -g["ambiguity"]))
    # Then ask when unsure (top two intents closer than the ambiguity threshold) as often as the false-refusal
    # budget allows: the largest ambiguity threshold, at that threshold, whose false refusals stay within 2%.
    asking = [
        g
        for g in grid
        if g["threshold"] == best["threshold"] and g["false_refusal_rate"] <= FALSE_REFUSAL_BUDGET
        and g["oos_recall"] >= best["oos_recall"]
    ]  # fmt: skip
    best = max(asking, key=lambda g: g["ambiguity"], default=best)
    header = f"{'threshold':>9} {'ambig':>5} {'handled':>7} {'macro-F1':>8} {'off-topic R':>11} {'false refusals':>14}"
    print(header + " budget used")
    for g in grid:
        print(
            f"{g['threshold']:>9} {g['ambiguity']:>5} {g['handled']:>7.3f} {g['intent_macro_f1']:>8.3f} "
            f"{g['oos_recall']:>11.3f} {g['false_refusal_rate']:>14.3f} {g['budget_used']:>11.2f}"
            f"{'  <- best' if g is best else ''}"
        )
    common = {
        "folds": folds,
        "examples": len(rows),
        "off_topic": sum(r["gold"] == metrics.OUT_OF_SCOPE for r in rows),
        "config_sha": ev.config_sha(config),
    }
    variants_path = ev.EVAL_DIR / "cv_variants.json"
    variants = json.loads(variants_path.read_text()) if variants_path.exists() else {}
    variants[config] = {**common, "best": {k: best[k] for k in ("threshold", "ambiguity")}, **{
        k: best[k] for k in ("intent_macro_f1", "oos_recall", "false_refusal_rate")
    }}  # fmt: skip
    variants_path.write_text(json.dumps(variants, indent=1, sort_keys=True) + "\n")
    print(f"written eval/cv_variants.json ({config})")
    if config != "config.yml":
        return
    out = {
        **common,
        "criterion": "min max(false refusals / 2%, missed off-topic / 10%) (the targets as budgets); among rules "
        "within 2% of that minimum, the highest threshold; then the largest ambiguity threshold at that threshold "
        "with false refusals within 2%",
        "best": {"threshold": best["threshold"], "ambiguity": best["ambiguity"]},
        "grid": grid,
    }
    (ev.EVAL_DIR / "threshold_cv.json").write_text(json.dumps(out, indent=1) + "\n")
    print("written eval/threshold_cv.json")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=3)
    parser.add_argument("--config", default="config.yml", help="pipeline to cross-validate (default: %(default)s)")
    parser.add_argument("--variants", action="store_true", help=f"cross-validate each of {', '.join(VARIANTS)}")
    parser.add_argument("--rescore", action="store_true", help="reuse the saved out-of-fold predictions")
    args = parser.parse_args()
    if not Path(args.config).is_file():
        parser.error(f"--config {args.config}: no such file (run from the repository root)")
    if args.variants:
        ev.write_no_spacy_config()
        ev.write_no_unknown_words_config()
    for config in VARIANTS if args.variants else [args.config]:
        cross_validate(config, args.folds, args.rescore)


if __name__ == "__main__":
    main()
