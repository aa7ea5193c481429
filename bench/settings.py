"""Paths and names shared by the benchmark's modules (bench/run_bench.py puts them together)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # ops/ (training, servers), also when run without the Makefile's PYTHONPATH
    sys.path.insert(0, str(ROOT))

BENCH = ROOT / "bench"
OUT = ROOT / "results" / "bench"
MODELS = OUT / "models"  # ops.training.models_dir("bench")
REPORTS = ROOT / "reports"
VENV_BIN = Path(sys.executable).parent
DEFAULT_CONFIG = "bench/config_rasa_default.yml"
PYSPY_VENV = Path("/tmp/pyspy-venv/bin/py-spy")
LABELS = {"ours": "careerbot", "default": "Rasa default"}
TARGETS_NOTE = "issue targets, 2 cores"
