"""reports/eval.md and the plots for `make eval`, from the results of eval/run_eval.py."""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Dict, List

TARGETS = {"intent_macro_f1": 0.95, "entity_micro_f1": 0.90, "oos_recall": 0.90, "false_refusal_rate": 0.02}

# (key in the flat summary, column header, higher is better)
COLUMNS = [
    ("intent_accuracy", "intent acc", True),
    ("intent_macro_f1", "intent macro-F1", True),
    ("entity_micro_f1", "entity F1 (token)", True),
    ("entity_value_f1", "entity F1 (value)", True),
    ("oos_precision", "off-topic P", True),
    ("oos_recall", "off-topic R", True),
    ("false_refusal_rate", "false refusals", False),
    ("fallback_rate", "fallback rate", False),
]

# The same predictions with the fallback undone (the classifier's top intent), as `rasa test nlu` scores them.
RAW_COLUMNS = [
    ("raw_intent_accuracy", "intent acc", True),
    ("raw_intent_macro_f1", "intent macro-F1", True),
    ("raw_oos_recall", "off-topic R", True),
    ("raw_false_refusal_rate", "false refusals", False),
]


def flat(result: Dict) -> Dict:
    out = {
        "intent_accuracy": result["intent"]["accuracy"],
        "intent_macro_f1": result["intent"]["macro_f1"],
        "raw_intent_accuracy": result["intent_raw"]["accuracy"],
        "raw_intent_macro_f1": result["intent_raw"]["macro_f1"],
        "entity_micro_f1": result.get("entity_micro_f1"),
        "entity_value_f1": result["entity_values"]["micro"]["f1"] if "entity_values" in result else None,
        "train_seconds": result.get("train_seconds"),
        "diet_from_rasa_cache": result.get("diet_from_rasa_cache", False),
        "fallback_threshold": result["fallback"]["threshold"],
        "fallback_ambiguity": result["fallback"]["ambiguity"],
    }
    for key in ("oos_precision", "oos_recall", "oos_f1", "false_refusal_rate", "fallback_rate", "false_refusals"):
        out[key] = result["oos"][key]
    if "oos_raw" in result:
        out["raw_oos_recall"] = result["oos_raw"]["oos_recall"]
        out["raw_false_refusal_rate"] = result["oos_raw"]["false_refusal_rate"]
    return out


def summarize(
    systems,
    results: Dict,
    core: Dict,
    train_examples: List,
    test: List,
    runtime: float,
    times: Dict,
    sets: Dict | None = None,
):
    """The run's figures without per-message rows. `sets`: facts per independent set name (path, size, overlap),
    completed here with each system's scores on the whole set and on its novel subset."""
    ours = results["ours"]
    return {
        "generated": time.strftime("%Y-%m-%d %H:%M"),
        "runtime_seconds": round(runtime),
        "step_seconds": {k: round(v) for k, v in times.items()},
        "training_examples": len(train_examples),
        "held_out": len(test),
        "held_out_off_topic": ours["oos"]["off_topic"],
        "intents": len({ex["intent"] for ex in test}),
        "systems": {s.key: {"label": s.label, "config": s.config, **flat(results[s.key])} for s in systems},
        "independent_sets": {
            name: {
                **facts,
                "systems": _set_scores(systems, results, name, novel=False),
                "novel_systems": _set_scores(systems, results, name, novel=True),
            }
            for name, facts in (sets or {}).items()
        },
        "tfidf_lr": {"best_C": results["tfidf_lr"]["best_C"], "cv_macro_f1": results["tfidf_lr"]["cv_macro_f1"]},
        "ours_per_intent": ours["intent"]["per_intent"],
        "ours_confusions": ours["confusions"],
        "entity_reports": {k: r["entity_report"] for k, r in results.items() if "entity_report" in r},
        "ours_entity_values": ours.get("entity_values"),
        "core": core,
    }


def _set_scores(systems, results: Dict, name: str, novel: bool) -> Dict:
    """Flat scores per system on the independent set `name` (its novel subset if `novel`), where measured."""
    out = {}
    for s in systems:
        scored = results[s.key].get(name)
        if scored and novel:
            scored = scored.get("novel")
        if scored:
            out[s.key] = flat({**scored, "fallback": results[s.key]["fallback"]})
    return out


def independent_sets(s: Dict) -> Dict:
    """The summary's independent sets; a summary.json written before there were two (one set, flat keys) too."""
    if "independent_sets" in s:
        return s["independent_sets"]
    if not s.get("independent"):
        return {}
    return {
        "independent": {
            "path": "eval/independent_nlu.yml",
            "size": s.get("independent_size", 0),
            "off_topic": s.get("independent_off_topic", 0),
            "verbatim": s.get("independent_seen_in_training", 0),
            "systems": s["independent"],
            "novel_systems": {},
            "refusals_ours": s.get("independent_refusals_ours"),
        }
    }


def fmt(value, pct: bool = False) -> str:
    if value is None:
        return "n/a"
    return f"{value * 100:.1f}%" if pct else f"{value:.3f}"


PCT = {"false_refusal_rate", "fallback_rate", "raw_false_refusal_rate"}


def comparison_chart(summary: Dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    metrics = [
        ("intent_accuracy", "intent\naccuracy"),
        ("intent_macro_f1", "intent\nmacro-F1"),
        ("entity_micro_f1", "entity F1\n(token)"),
        ("oos_recall", "off-topic\nrecall"),
        ("kept", "in-scope kept\n(1 - false refusals)"),
    ]
    systems = summary["systems"]
    fig, ax = plt.subplots(figsize=(11, 5.5))
    width = 0.8 / len(systems)
    x = np.arange(len(metrics))
    table = {
        key: [
            (1 - system["false_refusal_rate"]) if m == "kept" else system.get(m)  # None: not measured
            for m, _ in metrics
        ]
        for key, system in systems.items()
    }
    measured = [v for values in table.values() for v in values if v is not None]
    bottom = max(0.0, np.floor((min(measured) - 0.05) * 20) / 20)
    for i, (key, system) in enumerate(systems.items()):
        values = table[key]
        heights = [v if v is not None else 0 for v in values]
        bars = ax.bar(x + (i - (len(systems) - 1) / 2) * width, heights, width, label=system["label"])
        for bar, value in zip(bars, values, strict=True):
            y = bottom + 0.005 if value is None else value + 0.003
            text = "n/a" if value is None else f"{value:.2f}"
            ax.text(bar.get_x() + bar.get_width() / 2, y, text, ha="center", va="bottom", fontsize=7)
    for m, target in (("intent_macro_f1", 0.95), ("entity_micro_f1", 0.90), ("oos_recall", 0.90), ("kept", 0.98)):
        j = [k for k, _ in metrics].index(m)
        ax.hlines(target, j - 0.45, j + 0.45, colors="black", linestyles="dashed", linewidth=1)
    ax.set_xticks(x)
    ax.set_xticklabels([label for _, label in metrics])
    ax.set_ylim(bottom, 1.02)
    ax.set_ylabel(f"score on tests/nlu_test.yml (axis starts at {bottom:.2f})")
    ax.set_title(f"Held-out NLU ({summary['held_out']} messages), fallback active; dashed = target")
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=len(systems), fontsize=8, frameon=False)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def write(summary: Dict, before: Dict | None, out: Path, reports: Path) -> None:
    reports.mkdir(exist_ok=True)
    plots = out / "nlu" / "ours"
    shutil.copy(plots / "with_fallback" / "intent_confusion_matrix.png", reports / "intent_confusion_matrix.png")
    shutil.copy(plots / "raw" / "intent_histogram.png", reports / "intent_histogram.png")
    comparison_chart(summary, reports / "eval_comparison.png")
    (reports / "eval.md").write_text(markdown(summary, before))


def _cells(systems: Dict, columns) -> List:
    """(system, formatted cells) per system; the best value of each column in bold."""
    best = {}
    for key, _, higher in columns:
        values = [v[key] for v in systems.values() if v.get(key) is not None]
        best[key] = (max if higher else min)(values) if values else None
    out = []
    for system in systems.values():
        cells = []
        for key, _, _ in columns:
            text = fmt(system.get(key), key in PCT)
            cells.append(f"**{text}**" if system.get(key) is not None and system[key] == best[key] else text)
        out.append((system, cells))
    return out


def _summary_section(s: Dict) -> List[str]:
    """A few generated sentences so the headline survives reruns."""
    systems = s["systems"]
    ours, default, lr, ablation = (systems[k] for k in ("ours", "rasa_default", "tfidf_lr", "no_spacy"))
    met = sum(
        [
            ours["intent_macro_f1"] >= TARGETS["intent_macro_f1"],
            (ours["entity_micro_f1"] or 0) >= TARGETS["entity_micro_f1"],
            ours["oos_recall"] >= TARGETS["oos_recall"],
            ours["false_refusal_rate"] <= TARGETS["false_refusal_rate"],
        ]
    )
    best_intents = max(systems.values(), key=lambda v: v["intent_macro_f1"])
    best_oos = max(systems.values(), key=lambda v: v["oos_recall"])
    return [
        "## Summary",
        "",
        f"- Our pipeline meets {met} of the 4 absolute targets (macro-F1 {fmt(ours['intent_macro_f1'])}, entity F1 "
        f"{fmt(ours['entity_micro_f1'])}, off-topic recall {fmt(ours['oos_recall'])}, false refusals "
        f"{fmt(ours['false_refusal_rate'], True)}).",
        f"- Best intent macro-F1 in this run: {best_intents['label']} ({fmt(best_intents['intent_macro_f1'])}); "
        f"best off-topic recall: {best_oos['label']} ({fmt(best_oos['oos_recall'])}). The Rasa default pipeline "
        f"(2 transformer layers, 100 epochs) scores {fmt(default['intent_macro_f1'])} macro-F1 and trained in "
        f"{default['train_seconds']:.0f} s"
        f"{' (restored from Rasa cache, so not comparable)' if default.get('diet_from_rasa_cache') else ''} "
        f"vs our {ours['train_seconds']:.0f} s; TF-IDF + LR scores "
        f"{fmt(lr['intent_macro_f1'])} in {lr['train_seconds']:.0f} s.",
        f"- What spaCy buys (ours vs the ablation without it): intent macro-F1 {fmt(ours['intent_macro_f1'])} vs "
        f"{fmt(ablation['intent_macro_f1'])}, entity F1 {fmt(ours['entity_micro_f1'])} vs "
        f"{fmt(ablation['entity_micro_f1'])}, off-topic recall {fmt(ours['oos_recall'])} vs "
        f"{fmt(ablation['oos_recall'])}.",
        f"- Dialogue: {s['core']['stories_correct']}/{s['core']['stories_total']} test stories pass, action F1 "
        f"{fmt(s['core']['action_weighted_f1'])}.",
        "",
    ]


def _threshold_section(cv: Dict | None, ours: Dict) -> List[str]:
    if not cv:
        return []
    lines = [
        "## Choosing the fallback threshold (training data only)",
        "",
        f"`eval/tune_threshold.py`: {cv['folds']}-fold cross-validation of `config.yml`'s pipeline on the training "
        f"data ({cv['examples']} examples, {cv['off_topic']} off-topic), refusal rule applied to the pooled "
        "out-of-fold predictions (`eval/threshold_cv.json`). The held-out set played no part in the choice. "
        "Criterion: the targets as error budgets (≤ 2% of in-scope refused, ≤ 10% of off-topic let through); "
        "pick the rule that uses the smallest share of the tighter budget, i.e. minimise "
        "max(false refusals / 2%, missed off-topic / 10%) (`budget used`); among rules within 2% of that "
        "minimum (a tie at this sample size) keep the highest threshold, since the fallback is also the net for "
        "gibberish the training data cannot cover. "
        f"CV choice: {cv['best']['threshold']} / {cv['best']['ambiguity']}; `config.yml` uses threshold "
        f"{ours['fallback_threshold']}, ambiguity {ours['fallback_ambiguity']} (bold).",
        "",
        _row(["threshold", "ambiguity", "intent macro-F1", "off-topic R", "false refusals", "budget used"]),
        _row(["---"] * 6),
    ]
    for g in cv["grid"]:
        chosen = g["threshold"] == ours["fallback_threshold"] and g["ambiguity"] == ours["fallback_ambiguity"]
        cells = [
            g["threshold"],
            g["ambiguity"],
            fmt(g["intent_macro_f1"]),
            fmt(g["oos_recall"]),
            fmt(g["false_refusal_rate"], True),
            f"{g['budget_used']:.2f}",
        ]
        lines.append(_row([f"**{c}**" for c in cells] if chosen else cells))
    return [*lines, ""]


CV_VARIANT_LABELS = {
    "config.yml": "careerbot's pipeline",
    "eval/config_previous.yml": "the pipeline before issue 14 (spaCy doc vector, no sentence encoder)",
    "eval/config_no_spacy.yml": "the same without spaCy",
    "eval/config_no_unknown_words.yml": "the same without the unknown-word share",
}


def _cv_variants_sentence(variants: Dict) -> str:
    """The pipeline comparison that decided config.yml, from eval/cv_variants.json (eval/tune_threshold.py)."""
    if not variants:
        return "(No pipeline comparison by cross-validation is kept: run `eval/tune_threshold.py --variants`.)"
    parts = []
    for config, v in variants.items():
        stale = "" if v.get("current") else ", measured on an earlier version of that config"
        parts.append(
            f"{CV_VARIANT_LABELS.get(config, config)} (`{config}`) macro-F1 {v['intent_macro_f1']:.3f} / "
            f"off-topic recall {v['oos_recall']:.3f} / false refusals {100 * v['false_refusal_rate']:.1f}% at its "
            f"best rule {v['best']['threshold']} / {v['best']['ambiguity']}{stale}"
        )
    return (
        f"In {next(iter(variants.values()))['folds']}-fold CV of the training data "
        f"(`eval/tune_threshold.py --variants` → `eval/cv_variants.json`): {'; '.join(parts)}. The sentence "
        "encoder (its weight and the 3:1 blend with the n-gram-only regression), the unknown-word share (and "
        "its weight), the fallback threshold and, "
        "earlier, the switch away from DIET (0.709 / 0.650 in that run's CV) were decided this way, without the "
        "held-out set."
    )


# Issue 14's targets, on genuinely new wording: CV of the training data and the independent sets.
NEW_WORDING_TARGETS = {"intent_macro_f1": 0.93, "intent_accuracy": 0.93, "oos_recall": 0.93, "false_refusal_rate": 0.02}

SET_LABELS = {"independent": "independent 1", "independent_2": "independent 2"}
SET_ABOUT = {
    "independent": "written from the article alone by a helper who never saw `data/` or `tests/`, labelled afterwards",
    "independent_2": "a second set written blind by another helper session that saw only the article and the "
    "intent list (`eval/independent_nlu_2.md`), kept as the project's final held-out test set (only aggregate "
    "figures of it are reported, never its messages)",
}


def _set_label(name: str) -> str:
    return SET_LABELS.get(name, name)


def _set_bullet(name: str, d: Dict) -> str:
    copies = (
        f" and {d['copies']} have a verbatim or near copy there by `eval/dedupe.py`'s rule; the other {d['novel']} "
        f"({d['novel_off_topic']} off-topic) are its **novel** subset"
        if "novel" in d
        else ""
    )
    return (
        f"- **{_set_label(name)}**: `{d['path']}` ({d['size']} messages, {d['off_topic']} off-topic), "
        f"{SET_ABOUT.get(name, 'an independent set')}; never trained or tuned on. {d['verbatim']} of its messages "
        f"happen to occur verbatim in the training data{copies}."
    )


def _view_rows(label: str, cells_by_view: List) -> List[str]:
    """One row per view of a system; the system's label on its first row only."""
    rows = []
    for i, (view, v) in enumerate(cells_by_view):
        rows.append(_row([f"**{label}**" if i == 0 else "", view, *v]))
    return rows


def _scores(d: Dict | None) -> List[str]:
    d = d or {}
    return [
        fmt(d.get("intent_accuracy")),
        fmt(d.get("intent_macro_f1")),
        fmt(d.get("oos_recall")),
        fmt(d.get("false_refusal_rate"), True),
    ]


def _e2e_lines(e2e: Dict) -> List[str]:
    """`make e2e-eval`'s headline per set (results/e2e/*.json), next to the NLU figures."""
    if not e2e.get("sets"):
        return [
            "End to end: `make e2e-eval` has not been run (no `results/e2e/*.json`), so only the NLU figures are "
            "shown.",
            "",
        ]
    sets = e2e["sets"]
    measured = sorted({v["measured"] for v in sets.values()})
    model = f" on {e2e['model']}" if e2e.get("model") else ""
    lines = [
        f"End to end (`make e2e-eval` → `reports/e2e_replies.md`; run of {' / '.join(measured)}{model}): every "
        "message of each set sent over REST, in a fresh conversation, to the real Rasa server and action server, "
        "and the reply scored against the gold intent. The action server re-reads the text (topic words, "
        "multi-part questions, follow-ups), so these are the answers people get, where the table above scores the "
        "classifier alone; affirm/deny/stop are not scored, asked = a clarifying question that offered the right "
        "topic.",
        "",
        _row(["set", "scored", "right", "asked", "wrong", "right, novel subset"]),
        _row(["---"] * 6),
    ]
    for name, t in sets.items():
        novel = t.get("novel") or {}
        lines.append(
            _row(
                [
                    f"{_set_label(name)} (`{t['file']}`)",
                    t["scored"],
                    _pct(t["right"], t["scored"]),
                    _pct(t["asked"], t["scored"]),
                    _pct(t["wrong"], t["scored"]),
                    f"{_pct(novel.get('right', 0), novel.get('scored', 0))} of {novel.get('scored', 0)}",
                ]
            )
        )
    return [*lines, ""]


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}%" if whole else "n/a"


def _three_views_section(s: Dict) -> List[str]:
    """CV of the training data, the old held-out set and the independent sets (whole and novel subset), per
    system, in one table; then the end-to-end figures and issue 14's targets."""
    sets = independent_sets(s)
    variants = s.get("cv_variants") or {}
    if not sets and not variants:
        return []
    lines = [
        "## Three views: cross-validation, held-out set, independent sets",
        "",
        "- **CV**: 3-fold cross-validation of the training data (`eval/tune_threshold.py` → `eval/cv_variants.json`; "
        "each pipeline at its own best refusal rule; Rasa's default pipeline only if its CV was run).",
        f"- **held-out**: `tests/nlu_test.yml` ({s['held_out']} messages, {s['held_out_off_topic']} off-topic), "
        "written in the training data's style; verbatim and near copies of training examples removed "
        "(`eval/dedupe.py`).",
        *[_set_bullet(name, d) for name, d in sets.items()],
        '- Fallback active as configured. Both independent sets share some common phrasings ("hi", "thanks") '
        "with the training data, so each is scored whole and on its novel subset.",
        "",
        _row(["system", "view", "intent acc", "intent macro-F1", "off-topic R", "false ref."]),
        _row(["---"] * 6),
    ]
    for key, system in s["systems"].items():
        cv = variants.get(system.get("config") or "", {})
        stale = " (older config)" if cv and not cv.get("current", True) else ""
        views = [
            (
                "CV",
                [
                    "n/a",
                    fmt(cv.get("intent_macro_f1")) + stale,
                    fmt(cv.get("oos_recall")),
                    fmt(cv.get("false_refusal_rate"), True),
                ],
            ),
            ("held-out", _scores(system)),
        ]
        for name, d in sets.items():
            views.append((_set_label(name), _scores(d["systems"].get(key))))
            if d.get("novel_systems"):
                views.append((f"{_set_label(name)}, novel", _scores(d["novel_systems"].get(key))))
        lines += _view_rows(system["label"], views)
    lines.append("")
    for name, d in sets.items():
        split = d.get("refusals_ours")
        if not split:
            continue
        ambiguity = s["systems"]["ours"]["fallback_ambiguity"]
        why = (
            f"mostly the ambiguity threshold: top two intents within {ambiguity}"
            if ambiguity
            else "the ambiguity rule is off, so these are below the confidence threshold"
        )
        without = (
            f" Without the ambiguity rule its figures would be accuracy {fmt(split['no_ambiguity']['accuracy'])}, "
            f"off-topic recall {fmt(split['no_ambiguity']['oos_recall'])}, false refusals "
            f"{fmt(split['no_ambiguity']['false_refusal_rate'], True)}."
            if ambiguity
            else ""
        )
        lines += [
            f"Of our {split['in_scope']} in-scope messages of {_set_label(name)}, {split['out_of_scope']} "
            f"{'was' if split['out_of_scope'] == 1 else 'were'} declined as off-topic and {split['fallback']} went "
            "to `nlu_fallback`, which `action_clarify` turns into a question with the likely topics as buttons "
            f"({why}); both count as refusals above.{without}",
            "",
        ]
    lines += _e2e_lines(s.get("e2e") or {})

    ours_cv = variants.get("config.yml", {})
    checks = [
        ("CV intent macro-F1 ≥ 0.93", ours_cv.get("intent_macro_f1"), None, True, 0.93),
        ("CV false refusals ≤ 2%", ours_cv.get("false_refusal_rate"), None, False, 0.02),
        ("CV off-topic recall ≥ 0.93", ours_cv.get("oos_recall"), None, True, 0.93),
    ]
    for name, d in sets.items():
        ours, novel = d["systems"].get("ours", {}), (d.get("novel_systems") or {}).get("ours")
        label = _set_label(name)
        for key, text, higher, bound in (
            ("intent_accuracy", "intent accuracy ≥ 0.93", True, NEW_WORDING_TARGETS["intent_accuracy"]),
            ("oos_recall", "off-topic recall ≥ 0.93", True, NEW_WORDING_TARGETS["oos_recall"]),
            ("false_refusal_rate", "false refusals ≤ 2%", False, NEW_WORDING_TARGETS["false_refusal_rate"]),
        ):
            checks.append((f"{label} {text}", ours.get(key), (novel or {}).get(key) if novel else None, higher, bound))
    lines += [
        "Issue 14's targets for new wording (our pipeline; each independent set judged whole, its novel subset "
        "in brackets):",
        "",
        _row(["target", "measured", "met"]),
        _row(["---"] * 3),
    ]
    for name, value, novel, higher, bound in checks:
        ok = value is not None and (value >= bound if higher else value <= bound)
        shown = fmt(value, not higher) + (f" (novel: {fmt(novel, not higher)})" if novel is not None else "")
        lines.append(_row([name, shown, "yes" if ok else "**no**"]))
    return [*lines, ""]


def _row(cells) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown(s: Dict, before: Dict | None) -> str:
    systems = s["systems"]
    ours = systems["ours"]
    lines = [
        "# Held-out evaluation",
        "",
        f"Generated by `make eval` (`eval/run_eval.py`) on {s['generated']} in {s['runtime_seconds'] // 60} min "
        f"{s['runtime_seconds'] % 60} s. Training data: {s['training_examples']} examples from `data/`; "
        f"held-out set: `tests/nlu_test.yml`, {s['held_out']} messages over {s['intents']} intents, "
        f"{s['held_out_off_topic']} of them off-topic (`out_of_scope`), written independently and never trained on.",
        "",
        *_summary_section(s),
        "## How it is measured",
        "",
        "- Each Rasa pipeline is trained on the same data (`data/`, `domain.yml`) and loaded in-process "
        "(`Agent.load`); every held-out message goes through the full pipeline **with the FallbackClassifier "
        "active**. `rasa test nlu` (and the CI gate built on it) undoes fallback predictions; its numbers are the "
        "second table below (for our model they match `rasa test nlu` exactly).",
        "- Intent accuracy / macro-F1: macro over the gold intents; a fallback (`nlu_fallback`) counts as a miss.",
        "- Refused = predicted `out_of_scope` or `nlu_fallback`. Off-topic recall = share of `out_of_scope` "
        "messages refused; off-topic precision = share of refusals that were off-topic; false refusals = share "
        "of in-scope messages refused; fallback rate = share of all messages sent to `nlu_fallback`.",
        "- Entity F1 (token): Rasa's own token-level entity evaluation (of the pipeline's entity extractor, micro "
        "average, as in "
        "the CI gate). Entity F1 (value): (entity, value) pairs per message after the synonym mapper *and* the "
        "action's normaliser (`actions/understanding/vocabulary.py`), i.e. the keys `action_answer_question` "
        "ends up using.",
        "- How far to trust the held-out figures: the held-out set was written in the training data's style and "
        "earlier rounds added training examples after looking at its errors, so it is easier than genuinely new "
        "wording. Its verbatim and near copies of training examples (139 of 559) were removed for issue 14 "
        f"(`eval/dedupe.py`; {s.get('held_out_seen_in_training', 'n/a')} verbatim now). The cross-validation on "
        "the training data and the independent sets (next sections) are the views of new wording. "
        f"{_cv_variants_sentence(s.get('cv_variants') or {})}",
        "- TF-IDF + LR: word 1-2-grams and char_wb 1-4-grams, logistic regression with C chosen by 3-fold CV "
        f"on the training data (C = {s['tfidf_lr']['best_C']}); intents only; the fallback rule of "
        "`config.yml` (threshold, ambiguity) is applied to its probabilities.",
        "",
        "## Comparison (same run, same training data)",
        "",
        _row(["system", "fallback", *[c for _, c, _ in COLUMNS], "train time"]),
        _row(["---"] * (len(COLUMNS) + 3)),
    ]
    for system, cells in _cells(systems, COLUMNS):
        fb = f"{system['fallback_threshold']} / {system['fallback_ambiguity']}"
        train = f"{system['train_seconds']:.0f} s" if system.get("train_seconds") is not None else "n/a"
        if system.get("diet_from_rasa_cache"):
            train += " (DIET from Rasa's cache)"
        lines.append(_row([system["label"], fb, *cells, train]))
    lines += [
        "",
        "Fallback = threshold / ambiguity threshold. Bold = best in the column. Train time: wall clock on the "
        "shared 2-core machine (`--num-threads 2`), so only a rough guide; the TF-IDF time includes the CV search.",
        "",
        "The same predictions with the fallback undone (each classifier's top intent; what `rasa test nlu` and "
        "the CI gate in `tests/nlu_thresholds.yml` measure):",
        "",
        _row(["system", *[c for _, c, _ in RAW_COLUMNS]]),
        _row(["---"] * (len(RAW_COLUMNS) + 1)),
        *[_row([system["label"], *cells]) for system, cells in _cells(systems, RAW_COLUMNS)],
        "",
        "![comparison](eval_comparison.png)",
        "",
        *_three_views_section(s),
        *_threshold_section(s.get("threshold_cv"), ours),
        "## Targets (our pipeline)",
        "",
        _row(["target", "measured", "met"]),
        _row(["---"] * 3),
    ]
    baselines = [systems["rasa_default"], systems["tfidf_lr"]]

    def caught(system: Dict) -> str:  # the counts behind a recall: one message of 63 is ~1.6 points
        n = s["held_out_off_topic"]
        return f"{fmt(system['oos_recall'])} ({round(system['oos_recall'] * n)} of {n})"

    checks = [
        (
            "intent macro-F1 above both baselines",
            f"{fmt(ours['intent_macro_f1'])} vs {', '.join(fmt(b['intent_macro_f1']) for b in baselines)}",
            all(ours["intent_macro_f1"] > b["intent_macro_f1"] for b in baselines),
        ),
        (
            "off-topic recall above both baselines",
            f"{caught(ours)} vs {', '.join(caught(b) for b in baselines)}",
            all(ours["oos_recall"] > b["oos_recall"] for b in baselines),
        ),
        ("intent macro-F1 ≥ 0.95", fmt(ours["intent_macro_f1"]), ours["intent_macro_f1"] >= 0.95),
        ("entity F1 ≥ 0.90", fmt(ours["entity_micro_f1"]), (ours["entity_micro_f1"] or 0) >= 0.90),
        ("off-topic recall ≥ 0.90", fmt(ours["oos_recall"]), ours["oos_recall"] >= 0.90),
        (
            "false refusals ≤ 2% of in-scope",
            f"{fmt(ours['false_refusal_rate'], True)} ({ours['false_refusals']} "
            f"message{'' if ours['false_refusals'] == 1 else 's'})",
            ours["false_refusal_rate"] <= 0.02,
        ),
    ]
    lines += [_row([name, value, "yes" if ok else "**no**"]) for name, value, ok in checks]

    if before and before.get("generated") != s["generated"]:
        lines += [
            "",
            f"## Before / after (before: run of {before['generated']})",
            "",
            f"Before: {before['training_examples']} training examples, our fallback "
            f"{before['systems']['ours']['fallback_threshold']} / {before['systems']['ours']['fallback_ambiguity']}. "
            f"After: {s['training_examples']} training examples, fallback {ours['fallback_threshold']} / "
            f"{ours['fallback_ambiguity']}. {before.get('note', '')} The baselines are retrained on the same data "
            "each run; TF-IDF + LR uses our fallback rule, so it moves with our threshold.",
            "",
            _row(["system", *[c for _, c, _ in COLUMNS]]),
            _row(["---"] * (len(COLUMNS) + 1)),
        ]
        for key, system in systems.items():
            old = before["systems"].get(key, {})
            cells = [
                f"{fmt(old.get(k), k in PCT)} → {fmt(system.get(k), k in PCT)}" if old else fmt(system.get(k), k in PCT)
                for k, _, _ in COLUMNS
            ]
            lines.append(_row([system["label"], *cells]))
        old_core = before.get("core", {})
        if old_core:
            lines += [
                "",
                f"Dialogue: story accuracy {fmt(old_core['story_accuracy'])} → {fmt(s['core']['story_accuracy'])}, "
                f"action F1 {fmt(old_core['action_weighted_f1'])} → {fmt(s['core']['action_weighted_f1'])}.",
            ]

    core = s["core"]
    lines += [
        "",
        "## Dialogue (`rasa test core --stories tests/test_stories.yml`, our model)",
        "",
        f"- Story (conversation) accuracy: {fmt(core['story_accuracy'])} "
        f"({core['stories_correct']}/{core['stories_total']} stories).",
        f"- Action level: accuracy {fmt(core['action_accuracy'])}, weighted F1 {fmt(core['action_weighted_f1'])}, "
        f"macro F1 {fmt(core['action_macro_f1'])} over {core['actions_total']} predicted actions.",
        "",
        "## Entities (Rasa token-level, per entity)",
        "",
    ]
    reports = s["entity_reports"]
    values = (s.get("ours_entity_values") or {}).get("per_entity", {})
    names = sorted(k for k in reports["ours"] if not k.endswith(" avg") and k not in ("accuracy", "no_entity"))
    others = [k for k in reports if k != "ours"]
    lines += [
        _row(["entity", "support", "P", "R", "F1", "value F1", *[f"F1 {systems[k]['label']}" for k in others]]),
        _row(["---"] * (6 + len(others))),
    ]
    for name in [*names, "micro avg"]:
        r = reports["ours"].get(name, {})
        lines.append(
            _row(
                [
                    name,
                    r.get("support", 0),
                    fmt(r.get("precision")),
                    fmt(r.get("recall")),
                    fmt(r.get("f1-score")),
                    fmt(values[name]["f1"]) if name in values else "",
                    *[fmt(reports[k].get(name, {}).get("f1-score")) for k in others],
                ]
            )
        )
    lines += [
        "",
        "Support counts tokens (Rasa's evaluation is per token).",
        "",
        "## Weak spots of our pipeline",
        "",
        "Lowest-F1 intents (fallback active):",
        "",
        _row(["intent", "P", "R", "F1", "support"]),
        _row(["---"] * 5),
    ]
    per_intent = sorted(s["ours_per_intent"].items(), key=lambda kv: (kv[1]["f1"], kv[0]))
    for name, r in per_intent[:8]:
        lines.append(_row([name, fmt(r["precision"]), fmt(r["recall"]), fmt(r["f1"]), r["support"]]))
    lines += ["", "Most frequent confusions (gold → predicted), with held-out examples:", ""]
    for c in s["ours_confusions"]:
        examples = "; ".join(f"“{t}”" for t in c["examples"])
        lines.append(f"- **{c['gold']} → {c['pred']}** ({c['count']}×): {examples}")
    lines += [
        "",
        "## Plots",
        "",
        "- `intent_confusion_matrix.png`: Rasa's intent confusion matrix for our pipeline with the fallback active "
        "(`nlu_fallback` appears as a predicted label).",
        "- `intent_histogram.png`: Rasa's intent confidence histogram (the classifier's own confidence, before the "
        f"fallback; our threshold is {ours['fallback_threshold']}).",
        "- `eval_comparison.png`: the comparison above.",
        "",
        "![confusion matrix](intent_confusion_matrix.png)",
        "",
        "![confidence histogram](intent_histogram.png)",
        "",
        "## Reproduce",
        "",
        "`make eval`. Models are cached in `results/eval/models/` by a hash of config + training data, so a rerun "
        "without data changes only re-evaluates. Per-message predictions: "
        "`results/eval/nlu/<system>/predictions.json`; "
        "full summary: `results/eval/summary.json`.",
        "",
        "Step times this run (wall clock; cached models are not retrained):",
        "",
        *[f"- {k}: {v} s" for k, v in s["step_seconds"].items()],
        "",
        "## Caveats",
        "",
        "- The training data was improved after looking at our pipeline's errors on this held-out set (new "
        "examples were written from `docs/intents.md`, never copied or paraphrased from the test file, and checked "
        "for overlap with it), so the *after* numbers are somewhat optimistic; a fresh held-out set would tell.",
        f"- {s['held_out']} messages: one message is {100 / max(s['held_out'], 1):.1f} points of accuracy, and an "
        "intent with 10-15 test messages moves "
        f"~7-10 F1 points per error; with {s['held_out_off_topic']} off-topic messages, one is "
        f"{100 / max(s['held_out_off_topic'], 1):.1f} points of off-topic recall, so a lead of a message or two over a "
        "baseline there is within what a different test set could undo. DIET retrained on the same data varies by "
        "about ±1 point between runs.",
        "- The cross-validation numbers used for the threshold are much lower than the held-out ones (folds train "
        "on 2/3 of a deliberately varied training set); only their relative ordering was used.",
        "",
    ]
    return "\n".join(lines)
