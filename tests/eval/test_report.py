"""reports/eval.md's views of the independent sets (eval/report.py): both sets, whole and novel subset, in the
three-views table and issue 14's targets, the end-to-end figures beside them, and no message of a set in the
report. Built from predictions scored by the real metric functions, as eval/run_eval.py scores them."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Dict, List, Sequence, Tuple

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "eval"))

import metrics  # noqa: E402
import report  # noqa: E402

SECRET = "a message of the final test set that must never reach a report"
SYSTEMS = [
    SimpleNamespace(key="ours", label="careerbot (config.yml)", config="config.yml"),
    SimpleNamespace(key="rasa_default", label="Rasa default pipeline", config="eval/config_rasa_default.yml"),
    SimpleNamespace(key="tfidf_lr", label="TF-IDF + logistic regression", config=None),
]
FALLBACK = {"threshold": 0.25, "ambiguity": 0.0}


def scored(pairs: Sequence[Tuple[str, str]], text: str = "held-out message") -> Dict:
    """(gold, predicted) pairs scored like run_eval.score_rows (intents and refusals)."""
    rows = [{"text": f"{text} {i}", "gold": g, "pred": p, "raw_pred": p} for i, (g, p) in enumerate(pairs)]
    gold, pred = [g for g, _ in pairs], [p for _, p in pairs]
    return {
        "rows": rows,
        "intent": metrics.intent_metrics(gold, pred),
        "intent_raw": metrics.intent_metrics(gold, pred),
        "oos": metrics.out_of_scope_metrics(gold, pred),
        "oos_raw": metrics.out_of_scope_metrics(gold, pred),
        "confusions": metrics.confusions(rows),
    }


def pairs(right: int, wrong: int, off_topic: int) -> List[Tuple[str, str]]:
    """`right` salary questions answered, `wrong` sent to the skills answer, `off_topic` messages refused."""
    return [
        *[("ask_salary", "ask_salary")] * right,
        *[("ask_salary", "ask_skills")] * wrong,
        *[("out_of_scope", "out_of_scope")] * off_topic,
    ]


def results() -> Dict:
    out = {}
    for system in SYSTEMS:
        wrong_2 = 1 if system.key == "ours" else 3  # independent 2: ours 9 of 10 right, the others 7 of 10
        out[system.key] = {
            **scored(pairs(18, 2, 5)),
            "independent": {**scored(pairs(28, 0, 2), "set 1 message"), "novel": scored(pairs(20, 0, 2))},
            "independent_2": {**scored(pairs(8 - wrong_2, wrong_2, 2), SECRET), "novel": scored(pairs(3, 1, 1))},
            "fallback": FALLBACK,
            "train_seconds": 1.0,
        }
    out["tfidf_lr"].update(best_C=10, cv_macro_f1=0.9)
    return out


FACTS = {
    "independent": {"path": "eval/independent_nlu.yml", "size": 30, "off_topic": 2, "verbatim": 6, "copies": 8,
                    "novel": 22, "novel_off_topic": 2},
    "independent_2": {"path": "eval/independent_nlu_2.yml", "size": 10, "off_topic": 2, "verbatim": 4,
                      "copies": 5, "novel": 5, "novel_off_topic": 1},
}  # fmt: skip
CORE = {"story_accuracy": 1.0, "stories_correct": 3, "stories_total": 3, "action_weighted_f1": 1.0}
E2E = {
    "model": "`models/careerbot.tar.gz` (built 2026-12-02 00:52, sha256 8f8e5e09f889)",
    "sets": {
        "independent": {"file": "independent_nlu.yml", "measured": "2026-12-02 01:00", "scored": 200, "right": 195,
                        "asked": 1, "wrong": 4, "novel": {"scored": 150, "right": 146}},
        "independent_2": {"file": "independent_nlu_2.yml", "measured": "2026-12-02 01:00", "scored": 100,
                          "right": 97, "asked": 0, "wrong": 3, "novel": {"scored": 80, "right": 77}},
    },
}  # fmt: skip


@pytest.fixture()
def summary() -> Dict:
    train = [{"intent": "ask_salary"}] * 3
    test = [{"intent": "ask_salary"}, {"intent": "out_of_scope"}]
    s = report.summarize(SYSTEMS, results(), CORE, train, test, 90.0, {}, FACTS)
    s["cv_variants"] = {
        "config.yml": {"intent_macro_f1": 0.925, "oos_recall": 0.918, "false_refusal_rate": 0.017, "current": True}
    }
    s["e2e"] = E2E
    return s


def test_both_sets_are_scored_whole_and_novel_per_system(summary: Dict) -> None:
    sets = summary["independent_sets"]
    assert list(sets) == ["independent", "independent_2"]
    assert sets["independent_2"]["size"] == 10 and sets["independent_2"]["novel"] == 5
    assert sets["independent_2"]["systems"]["ours"]["intent_accuracy"] == pytest.approx(0.9)
    assert sets["independent_2"]["systems"]["rasa_default"]["intent_accuracy"] == pytest.approx(0.7)
    assert sets["independent_2"]["novel_systems"]["ours"]["intent_accuracy"] == pytest.approx(0.8)
    assert sets["independent"]["novel_systems"]["tfidf_lr"]["oos_recall"] == 1.0


def test_no_message_of_an_independent_set_is_kept_or_reported(summary: Dict) -> None:
    text = "\n".join(report._three_views_section(summary))
    assert SECRET not in json.dumps(summary) and SECRET not in text
    assert "set 1 message" not in text


def test_the_three_views_table_has_a_row_per_set_and_novel_subset(summary: Dict) -> None:
    lines = report._three_views_section(summary)
    assert lines[0] == "## Three views: cross-validation, held-out set, independent sets"
    first, second = (lines.index(next(x for x in lines if x.startswith(f"| **{label}"))) for label in ("care", "Rasa"))
    assert [row.split(" | ")[1] for row in lines[first:second]] == [
        "CV",
        "held-out",
        "independent 1",
        "independent 1, novel",
        "independent 2",
        "independent 2, novel",
    ]
    assert "| **careerbot (config.yml)** | CV | n/a | 0.925 | 0.918 | 1.7% |" in lines
    assert "|  | independent 2 | 0.900 | 0.967 | 1.000 | 0.0% |" in lines
    assert "|  | independent 2, novel | 0.800 | 0.929 | 1.000 | 0.0% |" in lines
    assert "|  | independent 2 | 0.700 | 0.885 | 1.000 | 0.0% |" in lines[second:]  # Rasa default's own scores
    bullets = [line for line in lines if line.startswith("- **independent 2**")]
    assert len(bullets) == 1 and "final held-out test set" in bullets[0]
    assert "the other 5 (1 off-topic) are its **novel** subset" in bullets[0]


def test_issue_14_targets_are_stated_for_both_sets(summary: Dict) -> None:
    lines = report._three_views_section(summary)
    assert "| independent 1 intent accuracy ≥ 0.93 | 1.000 (novel: 1.000) | yes |" in lines
    assert "| independent 2 intent accuracy ≥ 0.93 | 0.900 (novel: 0.800) | **no** |" in lines
    assert "| independent 2 off-topic recall ≥ 0.93 | 1.000 (novel: 1.000) | yes |" in lines
    assert "| independent 2 false refusals ≤ 2% | 0.0% (novel: 0.0%) | yes |" in lines
    assert "| CV intent macro-F1 ≥ 0.93 | 0.925 | **no** |" in lines


def test_end_to_end_figures_sit_beside_the_nlu_figures(summary: Dict) -> None:
    lines = report._three_views_section(summary)
    assert "| independent 1 (`independent_nlu.yml`) | 200 | 97.5% | 0.5% | 2.0% | 97.3% of 150 |" in lines
    assert "| independent 2 (`independent_nlu_2.yml`) | 100 | 97.0% | 0.0% | 3.0% | 96.2% of 80 |" in lines
    assert any("sha256 8f8e5e09f889" in line for line in lines)
    assert lines.index("| independent 2 (`independent_nlu_2.yml`) | 100 | 97.0% | 0.0% | 3.0% | 96.2% of 80 |") < (
        lines.index("| target | measured | met |")
    )


def test_without_an_end_to_end_run_the_section_says_so(summary: Dict) -> None:
    summary["e2e"] = {}
    lines = report._three_views_section(summary)
    assert any("`make e2e-eval` has not been run" in line for line in lines)
    assert not any("`independent_nlu_2.yml`) |" in line for line in lines)


def test_a_summary_from_before_the_second_set_still_renders(summary: Dict) -> None:
    """`run_eval.py --report-only` on a results/eval/summary.json written by the one-set version."""
    old = {k: v for k, v in summary.items() if k not in ("independent_sets", "e2e")}
    old.update(
        independent={"ours": summary["independent_sets"]["independent"]["systems"]["ours"]},
        independent_size=30,
        independent_off_topic=2,
        independent_seen_in_training=6,
    )
    lines = report._three_views_section(old)
    assert "|  | independent 1 | 1.000 | 1.000 | 1.000 | 0.0% |" in lines
    assert not any("independent 2" in line for line in lines)
    assert any(line.startswith("| independent 1 intent accuracy ≥ 0.93 | 1.000 | yes") for line in lines)


def test_the_refusal_split_names_the_ambiguity_rule_only_when_it_is_on(summary: Dict) -> None:
    split = {
        "in_scope": 28,
        "out_of_scope": 1,
        "fallback": 2,
        "no_ambiguity": {"accuracy": 0.95, "oos_recall": 0.9, "false_refusal_rate": 0.01},
    }
    summary["independent_sets"]["independent"]["refusals_ours"] = split
    off = [line for line in report._three_views_section(summary) if line.startswith("Of our 28")]
    assert len(off) == 1 and "1 was declined" in off[0] and "ambiguity rule is off" in off[0]
    assert "Without the ambiguity rule" not in off[0]
    summary["systems"]["ours"]["fallback_ambiguity"] = 0.1
    on = [line for line in report._three_views_section(summary) if line.startswith("Of our 28")]
    assert "top two intents within 0.1" in on[0] and "would be accuracy 0.950" in on[0]
