"""Pure metric helpers for `make eval` (no Rasa imports, so they are cheap to test and reuse)."""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Callable, Dict, Iterable, List, Sequence, Tuple

import dedupe  # eval/dedupe.py, next to this module
from sklearn.metrics import precision_recall_fscore_support

OUT_OF_SCOPE = "out_of_scope"
FALLBACK = "nlu_fallback"
REFUSED = {OUT_OF_SCOPE, FALLBACK}
NOVEL = "novel"


def intent_metrics(gold: Sequence[str], pred: Sequence[str]) -> Dict:
    """Accuracy, and per-intent / macro P, R, F1 over the gold intents.

    Labels are the intents that occur in the gold data, so a refusal (`nlu_fallback`) counts as a miss for
    the message's intent but is not a class of its own (it would add a constant 0 to the macro average).
    """
    labels = sorted(set(gold))
    p, r, f, s = precision_recall_fscore_support(gold, pred, labels=labels, zero_division=0)
    per_intent = {
        label: {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i, label in enumerate(labels)
    }
    n = len(gold)
    return {
        "accuracy": sum(g == q for g, q in zip(gold, pred, strict=True)) / n if n else 0.0,
        "macro_precision": float(p.mean()),
        "macro_recall": float(r.mean()),
        "macro_f1": float(f.mean()),
        "per_intent": per_intent,
    }


def out_of_scope_metrics(gold: Sequence[str], pred: Sequence[str]) -> Dict:
    """Refusal = predicted `out_of_scope` or `nlu_fallback` (the bot declines to answer either way)."""
    refused = [q in REFUSED for q in pred]
    is_oos = [g == OUT_OF_SCOPE for g in gold]
    n_oos = sum(is_oos)
    n_in = len(gold) - n_oos
    tp = sum(r and o for r, o in zip(refused, is_oos, strict=True))
    n_refused = sum(refused)
    false_refusals = n_refused - tp
    precision = tp / n_refused if n_refused else 0.0
    recall = tp / n_oos if n_oos else 0.0
    return {
        "oos_precision": precision,
        "oos_recall": recall,
        "oos_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "false_refusal_rate": false_refusals / n_in if n_in else 0.0,
        "false_refusals": false_refusals,
        "in_scope": n_in,
        "off_topic": n_oos,
        "fallback_rate": sum(q == FALLBACK for q in pred) / len(pred) if pred else 0.0,
        "fallbacks": sum(q == FALLBACK for q in pred),
    }


def handled_rate(gold: Sequence[str], pred: Sequence[str]) -> float:
    """Share of messages the bot treats right: in-scope → the gold intent, off-topic → refused."""
    ok = sum((q in REFUSED) if g == OUT_OF_SCOPE else (q == g) for g, q in zip(gold, pred, strict=True))
    return ok / len(gold) if gold else 0.0


def confusions(rows: Iterable[Dict], top: int = 8, examples: int = 3) -> List[Dict]:
    """Most frequent (gold → predicted) errors, each with up to `examples` messages."""
    pairs: Dict[Tuple[str, str], List[str]] = defaultdict(list)
    for row in rows:
        if row["gold"] != row["pred"]:
            pairs[(row["gold"], row["pred"])].append(row["text"])
    ranked = sorted(pairs.items(), key=lambda kv: (-len(kv[1]), kv[0]))
    return [{"gold": g, "pred": p, "count": len(texts), "examples": texts[:examples]} for (g, p), texts in ranked[:top]]


def _plain(entity: str, value: str) -> str:
    return str(value).strip().lower()


def _entity_keys(entities: Iterable[Dict], canonical: Callable[[str, str], str]) -> Counter:
    return Counter((e["entity"], canonical(e["entity"], str(e.get("value", "")))) for e in entities)


def entity_value_metrics(rows: Iterable[Dict], canonical: Callable[[str, str], str] = _plain) -> Dict:
    """Micro P/R/F1 over (entity, value) pairs per message, values mapped by `canonical(entity, value)`.

    Complements Rasa's token-level report (which checks spans and types but not the value): with the
    action's normaliser as `canonical` it scores what `action_answer_question` ends up using.
    """
    tp = fp = fn = 0
    per: Dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        gold = _entity_keys(row["gold_entities"], canonical)
        pred = _entity_keys(row["pred_entities"], canonical)
        hit = gold & pred
        for (entity, _), k in hit.items():
            per[entity]["tp"] += k
        for (entity, _), k in (pred - hit).items():
            per[entity]["fp"] += k
        for (entity, _), k in (gold - hit).items():
            per[entity]["fn"] += k
        tp += sum(hit.values())
        fp += sum((pred - hit).values())
        fn += sum((gold - hit).values())

    def prf(t: int, p: int, n: int) -> Dict:
        precision = t / (t + p) if t + p else 0.0
        recall = t / (t + n) if t + n else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return {"precision": precision, "recall": recall, "f1": f1, "support": t + n}

    return {"micro": prf(tp, fp, fn), "per_entity": {e: prf(c["tp"], c["fp"], c["fn"]) for e, c in sorted(per.items())}}


def apply_fallback(ranking: Sequence[Tuple[str, float]], threshold: float, ambiguity: float) -> Tuple[str, float]:
    """Rasa's FallbackClassifier rule on a ranked list of (intent, confidence)."""
    top, conf = ranking[0]
    second = ranking[1][1] if len(ranking) > 1 else 0.0
    if conf < threshold or conf - second < ambiguity:
        return FALLBACK, threshold
    return top, conf


def novelty(texts: Sequence[str], training: Sequence[str]) -> List[str]:
    """Per text: "verbatim" or "near" when the training data holds such a copy of it (eval/dedupe.py's normalised
    keys and rule; `training` = dedupe.training_keys(...)), else NOVEL.

    Why: the independent sets share common phrasings ("hi", "thanks") with the training data; a copied message
    measures memory, so their figures are also reported on the novel subset alone.
    """
    training_set = set(training)
    kinds = []
    for text in texts:
        found = dedupe.overlap(text, training, training_set)
        kinds.append(found[0] if found else NOVEL)
    return kinds


def novel_only(rows: Sequence[Dict], kinds: Sequence[str]) -> List[Dict]:
    """The rows whose message is novel (`kinds` from `novelty`, in the same order)."""
    return [row for row, kind in zip(rows, kinds, strict=True) if kind == NOVEL]
