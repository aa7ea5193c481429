"""Train a Rasa model with a cache: `make eval`, eval/tune_threshold.py and `make bench` all train through here.

A cached model is reused only when nothing that shapes it changed. The key is a hash of the Rasa version, the
config file, domain.yml, the training data files (every data/**/*.yml unless the caller narrows it) and every
components/*.py: the custom NLU components are training inputs too, and leaving them out (as two of the
earlier copies did) let cross-validation reuse a model trained on old code.

Models go to results/<tool>/models/<name>-<key>.tar.gz with a <name>-<key>.json beside it (training time,
config), so a cached model still reports how long it took to train.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Dict, List, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
RASA = str(Path(sys.executable).parent / "rasa")
RESULTS = ROOT / "results"


def models_dir(tool: str) -> Path:
    """results/<tool>/models: where `tool` (eval, bench, ...) keeps its cached models."""
    return RESULTS / tool / "models"


def data_files() -> List[Path]:
    return sorted((ROOT / "data").rglob("*.yml"))


def component_files() -> List[Path]:
    return sorted((ROOT / "components").rglob("*.py"))


def _absolute(path: str | Path) -> Path:
    path = Path(path)
    return path if path.is_absolute() else ROOT / path


def _label(path: Path) -> str:
    """The name a file enters the key under: relative to the repository, so the key does not depend on the clone."""
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


def training_inputs(
    config: str | Path, data: Sequence[str | Path] | None = None, extra: Sequence[str | Path] = ()
) -> List[Path]:
    """Every file a model trained on `config` depends on (data: the training data files, default all of data/)."""
    files = data_files() if data is None else [_absolute(p) for p in data]
    return [_absolute(config), ROOT / "domain.yml", *files, *(_absolute(p) for p in extra), *component_files()]


def training_key(
    config: str | Path, data: Sequence[str | Path] | None = None, *, extra: Sequence[str | Path] = (), tag: str = ""
) -> str:
    """12 hex digits of a hash of the Rasa version, `tag` and the training inputs (names and contents)."""
    header = f"rasa {metadata.version('rasa')}" + (f" {tag}" if tag else "") + "\n"
    digest = hashlib.sha256(header.encode())
    for path in training_inputs(config, data, extra):
        digest.update(_label(path).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()[:12]


@dataclass
class Trained:
    model: Path
    cached: bool  # True: reused from an earlier run, nothing was trained now
    key: str
    meta: Dict  # train_seconds, config, diet_from_rasa_cache: recorded when it was trained
    command: List[str]  # the `rasa train` command line (bench re-runs it to time Rasa's no-op check)
    log: Path


def train(
    config: str | Path,
    out_dir: Path,
    name: str,
    *,
    nlu_only: bool = False,
    data: Sequence[str | Path] | None = None,
    data_arg: str | Path = "data",
    extra_inputs: Sequence[str | Path] = (),
    tag: str = "",
    log: Path | None = None,
    env: Mapping[str, str] | None = None,
    reuse: bool = True,
) -> Trained:
    """`rasa train` (or `rasa train nlu`) of `config` into out_dir/<name>-<key>.tar.gz, unless that model exists.

    `data` are the files the key covers (default: all of data/); `data_arg` is what `rasa train` reads (a file or
    folder). `reuse=False` always trains (bench measures training time). Exits with the log's tail on failure.
    """
    key = training_key(config, data, extra=extra_inputs, tag=tag)
    stem = f"{name}-{key}"
    model, meta_path = out_dir / f"{stem}.tar.gz", out_dir / f"{stem}.json"
    log = log or out_dir / f"train-{name}.log"
    command = [RASA, "train", "nlu"] if nlu_only else [RASA, "train"]
    command += ["--config", str(config), "--domain", "domain.yml"]
    command += ["--nlu", str(data_arg)] if nlu_only else ["--data", str(data_arg)]
    command += ["--out", str(out_dir), "--fixed-model-name", stem, "--num-threads", "2"]
    if reuse and model.exists() and meta_path.exists():
        return Trained(model, True, key, json.loads(meta_path.read_text()), command, log)
    out_dir.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    with log.open("w") as handle:
        result = subprocess.run(
            command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=dict(env) if env else None
        )
    seconds = time.monotonic() - started
    if result.returncode != 0 or not model.exists():
        raise SystemExit(f"training {name} failed (exit {result.returncode}); see {log}:\n{log.read_text()[-3000:]}")
    # Rasa's own training cache (.rasa/cache) may restore components trained earlier on the same inputs.
    restored = "Restored component 'DIETClassifier' from cache" in log.read_text()
    meta = {"train_seconds": seconds, "config": str(config), "diet_from_rasa_cache": restored}
    meta_path.write_text(json.dumps(meta))
    return Trained(model, False, key, meta, command, log)


def fresh_cache_env(cache: Path, base: Mapping[str, str] | None = None) -> Dict[str, str]:
    """The environment for a training from scratch: Rasa's component cache in `cache` (empty), not .rasa/cache."""
    return {**(base if base is not None else os.environ), "RASA_CACHE_DIRECTORY": str(cache)}
