"""Training as the benchmark measures it: from scratch, and `make train` with nothing changed; plus the default model.

Training goes through ops.training (the same command and cache key as `make eval`); here it always trains, with an
empty Rasa component cache, because the time is the figure. The default-config model takes ~40 minutes, so it is
kept in results/bench/models/ and reused while its key (config, domain, data, components, Rasa) matches.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Dict, List

from measure import LoadSampler, loadavg
from settings import DEFAULT_CONFIG, MODELS, OUT, ROOT

from ops import training
from ops.servers import server_env


def train(key: str, config: str) -> Dict:
    """`rasa train` from scratch (an empty Rasa cache, as `make train` on a fresh checkout), then the same
    command again with nothing changed (Rasa's own fingerprint check)."""
    MODELS.mkdir(parents=True, exist_ok=True)
    name = f"{key}-{training.training_key(config)}"
    cache = Path(tempfile.mkdtemp(prefix=f"rasa-cache-{key}-", dir=OUT))
    log = OUT / f"train-{key}.log"
    load = loadavg()
    print(f"== {key}: training {name} from scratch (log {log.relative_to(ROOT)}, load {load})", flush=True)
    env = server_env({"RASA_CACHE_DIRECTORY": str(cache)})
    try:
        with LoadSampler(5.0) as sampler:
            trained = training.train(config, MODELS, key, log=log, env=env, reuse=False)
    except SystemExit:
        shutil.rmtree(cache, ignore_errors=True)
        raise
    seconds = trained.meta["train_seconds"]
    t = time.monotonic()
    noop_cmd = trained.command[:-4] + ["--out", str(cache / "noop"), "--num-threads", "2"]
    noop = subprocess.run(noop_cmd, env=env, capture_output=True)
    noop_s = time.monotonic() - t if noop.returncode == 0 else None
    shutil.rmtree(cache, ignore_errors=True)
    meta = {"train_s": round(seconds, 1), "train_noop_s": noop_s and round(noop_s, 1), "config": config,
            "loadavg_before": load, "loadavg_during": sampler.summary(),
            "trained_at": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    print(f"   trained in {seconds:.0f}s; unchanged re-run {meta['train_noop_s']}s", flush=True)
    return {"model": trained.model, **meta}


def train_ours() -> Dict:
    """careerbot from scratch, measured on every run (about a minute); the model itself is not kept."""
    result = train("ours", "config.yml")
    result["model"].unlink(missing_ok=True)
    result["model"].with_name(result["model"].name.replace(".tar.gz", ".json")).unlink(missing_ok=True)
    del result["model"]
    return result


def default_model(args) -> Dict:
    """The default-config model: --default-model, else the one cached for today's inputs, else the newest cached
    one (trained on earlier data: noted in the report), else train it (~40 min; --retrain-default forces it)."""
    name = f"default-{training.training_key(DEFAULT_CONFIG)}"
    exact = MODELS / f"{name}.tar.gz"
    if args.default_model:
        model = Path(args.default_model).resolve()
    elif args.retrain_default or not any(MODELS.glob("default-*.tar.gz")):
        result = train("default", DEFAULT_CONFIG)
        (MODELS / f"{name}.json").write_text(json.dumps({k: v for k, v in result.items() if k != "model"}))
        return {**result, "cached": False, "stale_inputs": False}
    elif exact.exists():
        model = exact
    else:
        model = max(MODELS.glob("default-*.tar.gz"), key=lambda p: p.stat().st_mtime)
    meta_path = model.with_name(model.name.replace(".tar.gz", ".json"))
    meta = json.loads(meta_path.read_text()) if meta_path.exists() else {}
    changed = [
        str(p.relative_to(ROOT))
        for p in training.training_inputs(DEFAULT_CONFIG)
        if p.stat().st_mtime > model.stat().st_mtime
    ]
    stale = model.name != exact.name
    print(f"== default: cached model {model.name}" + (f" (inputs changed since: {changed})" if stale else ""))
    return {**meta, "model": model, "cached": True, "stale_inputs": stale, "changed_since": changed,
            "model_mtime": time.strftime("%Y-%m-%d %H:%M", time.localtime(model.stat().st_mtime))}  # fmt: skip


def make_noop() -> Dict:
    """`make train` when nothing changed: `make -q train` (make's own up-to-date check, never trains) is timed,
    then `make train` itself when that check says the model is up to date."""
    t = time.monotonic()
    q = subprocess.run(["make", "-q", "train"], cwd=ROOT, capture_output=True)
    check = round(time.monotonic() - t, 2)
    if q.returncode != 0:
        return {"up_to_date": False, "check_s": check}
    t = time.monotonic()
    subprocess.run(["make", "train"], cwd=ROOT, capture_output=True)
    return {"up_to_date": True, "check_s": check, "seconds": round(time.monotonic() - t, 2)}


def stale_components(model: Path) -> List[str]:
    """components/*.py newer than the model (`make train` would retrain it; `make bench` runs it first)."""
    return [str(p.relative_to(ROOT)) for p in training.component_files() if p.stat().st_mtime > model.stat().st_mtime]
