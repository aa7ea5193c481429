"""reports/bench.md and reports/bench_latency.png from a run's results (results/bench/<label>.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from settings import BENCH, DEFAULT_CONFIG, LABELS, REPORTS, TARGETS_NOTE


def ratio(a, b, digits=2) -> str:
    try:
        return f"{a / b:.{digits}f}×"
    except (TypeError, ZeroDivisionError):
        return "–"


def plot(results: Dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 4))
    colors = {"ours": "tab:blue", "default": "tab:red"}
    for name, run in results["systems"].items():
        color, label = colors.get(name, "tab:gray"), LABELS.get(name, name)
        users = [lv["users"] for lv in run["levels"]]
        ax1.plot(users, [lv["p50_ms"] for lv in run["levels"]], "o-", color=color, label=f"{label} p50")
        ax1.plot(users, [lv["p95_ms"] for lv in run["levels"]], "s--", color=color, label=f"{label} p95")
        ax2.plot(users, [lv["msg_per_s"] for lv in run["levels"]], "o-", color=color, label=label)
    ax1.axhline(150, color="gray", lw=0.8, ls=":", label="p95 target (20 users)")
    ax1.set(xlabel="concurrent users", ylabel="latency (ms)", yscale="log", title="Latency vs users (REST, 2 cores)")
    ax2.set(xlabel="concurrent users", ylabel="messages / s", title="Throughput vs users")
    ax2.set_ylim(bottom=0)
    for ax in (ax1, ax2):
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _fmt_ms(ms: float) -> str:
    return f"{ms / 1000:.2f} s" if ms >= 1000 else f"{ms:g} ms"


def targets(results: Dict) -> List[Tuple[str, str, str]]:
    """(target, met / not met, measured figure) for each of the issue's targets."""
    systems = results["systems"]
    levels = {name: {lv["users"]: lv for lv in run.get("levels", [])} for name, run in systems.items()}
    o, d = levels.get("ours", {}), levels.get("default", {})
    status = lambda ok: "**met**" if ok else "**not met**"  # noqa: E731
    rows = []
    if 1 in o:
        lv = o[1]
        worst = max(lv["p50_ms"], lv["p50_factual_ms"])
        rows.append((
            "1 user: p50 ≤ 20 ms, including the action-server hop", status(worst <= 20),
            f"p50 {_fmt_ms(lv['p50_ms'])} over all turns, {_fmt_ms(lv['p50_factual_ms'])} over the factual turns "
            f"(all answered through the action server); Rasa default {d[1]['p50_ms'] if 1 in d else '–'} ms",
        ))  # fmt: skip
    else:
        rows.append(("1 user: p50 ≤ 20 ms, including the action-server hop", "not measured", "–"))
    if 20 in o and 20 in d:
        r = o[20]["msg_per_s"] / d[20]["msg_per_s"] if d[20]["msg_per_s"] else float("inf")
        rows.append((
            "20 users: ≥ 3× the default's throughput", status(r >= 3),
            f"{r:.2f}× ({o[20]['msg_per_s']} vs {d[20]['msg_per_s']} msg/s)",
        ))  # fmt: skip
    else:
        rows.append(("20 users: ≥ 3× the default's throughput", "not measured", "–"))
    if 20 in o:
        lv = o[20]
        rows.append((
            "20 users: p95 ≤ 150 ms, zero errors", status(lv["p95_ms"] <= 150 and lv["errors"] == 0),
            f"p95 {_fmt_ms(lv['p95_ms'])}, {lv['errors']} errors of {lv['messages']} messages "
            f"({lv['empty']} empty replies, {lv['mismatches']} wrong)",
        ))  # fmt: skip
    else:
        rows.append(("20 users: p95 ≤ 150 ms, zero errors", "not measured", "–"))
    ours = systems.get("ours", {})
    if "cold_start_s" in ours:
        cold_s, actions_s = ours["cold_start_s"], ours["actions_start_s"]
        rows.append((
            "cold start ≤ 20 s", status(cold_s <= 20),
            f"action server and `rasa run` started together (as `make serve` starts them) → first answer "
            f"{cold_s:.1f} s; the action server answered /health after {actions_s:.1f} s",
        ))  # fmt: skip
    tr = results.get("training", {})
    to, mk = tr.get("ours"), tr.get("make_noop", {})
    if to:
        rows.append((
            "`make train` ≤ 3 min from scratch", status(to["train_s"] <= 180),
            f"{to['train_s']:.0f} s (`rasa train` with an empty cache, load {to['loadavg_before'][0]} before it)",
        ))  # fmt: skip
    else:
        rows.append(("`make train` ≤ 3 min from scratch", "not measured", "–"))
    if mk.get("up_to_date"):
        rows.append((
            "`make train` ≤ 5 s when nothing changed", status(mk["seconds"] <= 5),
            f"{mk['seconds']} s (make compares file times and does not start Rasa; "
            f"`rasa train` itself with nothing changed: {to and to.get('train_noop_s')} s)",
        ))  # fmt: skip
    else:
        rows.append((
            "`make train` ≤ 5 s when nothing changed", "not measured",
            f"models/careerbot.tar.gz was out of date when checked (`make -q train` {mk.get('check_s', '–')} s)",
        ))  # fmt: skip
    return rows


def _store(store: Dict) -> str:
    extra = ", ".join(f"{k} {v}" for k, v in store.items() if k not in ("type", "dialect", "db"))
    return f"`type: {store.get('type')}` on SQLite" + (f" ({extra})" if extra else "")


def write_report(results: Dict) -> None:
    m = results["machine"]
    systems = results["systems"]
    ours, default = systems.get("ours", {}), systems.get("default", {})
    tr = results["training"]
    td = tr.get("default_model", {})
    lines = [
        "# Benchmark: careerbot vs Rasa's default configuration",
        "",
        f"Generated by `make bench` (`bench/run_bench.py`) on {results['date']}. Closed-loop users (no think time) "
        "send multi-turn conversations over the REST channel (`POST /webhooks/rest/webhook`) to `rasa run` + the "
        "action server, both on 127.0.0.1, one Sanic worker, in-memory lock store. Every factual turn goes "
        'through NLU, the policies and the action server; the conversations (salary → "and at senior level?" → '
        '"and the other role?", deployment step → its tools, greetings, out of scope) are `CONVERSATIONS` in '
        "`bench/loadgen.py`. Ratios are careerbot ÷ Rasa default.",
        "",
        "| | careerbot | Rasa default |",
        "|---|---|---|",
        f"| model | `models/careerbot.tar.gz` ({results['ours_model']['mtime']}, sha256 "
        f"{results['ours_model']['sha256']}), trained from `config.yml` | `{DEFAULT_CONFIG}` (`rasa init`'s "
        "pipeline and policies: DIET, ResponseSelector, Memoization, Rule, UnexpecTED, TED) on the same data, "
        "domain and actions |",
        f"| channels (credentials) | `credentials.yml`: {', '.join(f'`{c}`' for c in ours.get('channels', []))} "
        "(guarded REST/socket.io; loading them installs the cached jsonschema validation, "
        "`patches/jsonschema_validate.py`) | Rasa's stock `rest:` and `socketio:` (a temporary credentials file) |",
        f"| tracker store | `endpoints.yml`: {_store(ours.get('tracker_store', {}))} (`stores/tracker_store.py`), "
        f"database file moved to a scratch dir | Rasa's stock {_store(default.get('tracker_store', {}))} "
        "(SQLite's default rollback journal, a new connection for every query) |",
        "| started as | `make serve` does (`scripts/serve.sh`): action server (`python -m rasa_sdk --actions "
        "actions`), then `rasa run --credentials … --endpoints …` with `--cors` for the chat page | the same "
        "action-server command, then `rasa run` with the files above (no `--cors`) |",
        "",
    ]
    if td.get("stale_inputs"):
        changed = ", ".join(f"`{c}`" for c in td.get("changed_since", [])) or "the inputs"
        lines += [
            f"**The Rasa default model is a cached one** (`results/bench/models/{Path(td['model']).name}`, trained "
            f"{td.get('trained_at', td.get('model_mtime'))} in {td.get('train_s', '?')} s): retraining it (TED + "
            "DIET + UnexpecTED, ~40 min on this machine) on every run is too slow, so it was trained on an earlier "
            f"version of the training data ({changed} changed since). Its serving figures depend on the pipeline, "
            "not on a few changed examples; its replies to the benchmark conversations are checked like "
            "careerbot's (`wrong` column). `bench/run_bench.py --retrain-default` trains it again.",
            "",
        ]
    if results.get("stale_components"):
        lines += [
            "**Note:** " + ", ".join(f"`{c}`" for c in results["stale_components"]) + " changed after "
            "the benchmarked model was trained, so it may predate that code (`make train` retrains it).",
            "",
        ]
    lw = results["load_wait"]
    all_levels = [lv for run in systems.values() for lv in run.get("levels", [])]
    during = [lv["loadavg_during"] for lv in all_levels if "loadavg_during" in lv]
    other = [lv["other_cpu_cores"] for lv in all_levels if "other_cpu_cores" in lv]
    lines += [
        f"**Machine:** {m['cores']} cores ({m['cpu']}), {m['ram_gib']} GiB RAM, Linux {m['kernel']}, "
        f"Python {m['python']}, Rasa {m['rasa']}, spaCy {m.get('spacy', '?')}, TensorFlow {m['tensorflow']}. "
        f"Load average (1/5/15 min) at start: {m['loadavg_start']}; waited {lw['waited_s']} s for the 1-min load "
        f"to fall below {results['max_load']} (then {lw['after']})."
        + (
            f" During the measured levels the 1-min load average was {min(x['min'] for x in during)}–"
            f"{max(x['max'] for x in during)} (it includes the benchmark's own servers and client), and other "
            f"processes used {min(other)}–{max(other)} of the {m['cores']} cores (`/proc/stat` minus the "
            "benchmark's processes; `other` column)."
            if during and other
            else ""
        ),
        "",
        f"## Targets ({TARGETS_NOTE})",
        "",
        "| target | status | measured (careerbot) |",
        "|---|---|---|",
        *[f"| {t} | {s} | {v} |" for t, s, v in targets(results)],
        "",
        "## Latency and throughput",
        "",
        "| users | system | p50 ms | p50 ms, factual | p95 ms | p99 ms | msg/s | errors | empty | wrong "
        "| Rasa CPU ms/msg | action CPU ms/msg | load | other |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    levels = {name: {lv["users"]: lv for lv in run.get("levels", [])} for name, run in systems.items()}
    for users in sorted({u for lv in levels.values() for u in lv}):
        for name in ("ours", "default"):
            lv = levels.get(name, {}).get(users)
            if not lv:
                continue
            ld = lv.get("loadavg_during", {})
            lines.append(
                f"| {users} | {LABELS[name]} | {lv['p50_ms']} | {lv.get('p50_factual_ms', '–')} | {lv['p95_ms']} | "
                f"{lv['p99_ms']} | {lv['msg_per_s']} | {lv['errors']} | {lv['empty']} | {lv['mismatches']} | "
                f"{lv['rasa_cpu_ms_per_msg']} | {lv['actions_cpu_ms_per_msg']} | "
                f"{ld.get('min', lv['loadavg_before'][0])}–{ld.get('max', lv['loadavg_before'][0])} | "
                f"{lv.get('other_cpu_cores', '–')} |"
            )
        o, d = levels.get("ours", {}).get(users), levels.get("default", {}).get(users)
        if o and d:
            lines.append(
                f"| {users} | *careerbot ÷ default* | {ratio(o['p50_ms'], d['p50_ms'])} | "
                f"{ratio(o.get('p50_factual_ms'), d.get('p50_factual_ms'))} | {ratio(o['p95_ms'], d['p95_ms'])} | "
                f"{ratio(o['p99_ms'], d['p99_ms'])} | **{ratio(o['msg_per_s'], d['msg_per_s'])}** | | | | "
                f"{ratio(o['rasa_cpu_ms_per_msg'], d['rasa_cpu_ms_per_msg'])} | | | |"
            )
    lines += [
        "",
        "`p50 ms, factual`: only the turns answered by the action server (those with an expected substring). "
        "`errors`: HTTP errors, time-outs and careerbot's apology (channels/guard.py gives up after 20 s). "
        "`empty`: a 200 with no text; with Rasa's stock channels (Rasa default) a turn that failed inside Rasa "
        "shows this way, as there is no guard to apologise. "
        '`wrong`: replies without the substring the script expects (e.g. "senior" after "and at senior level?"): '
        "a smoke check that the follow-ups still work, not an accuracy measure (reports/eval.md is). CPU ms/msg: "
        "CPU time of each process during the level ÷ messages. `load`: 1-min load average sampled during the "
        "level (min–max, includes the benchmark itself); `other`: cores used by other processes during the level.",
        "",
        "![latency vs users](bench_latency.png)",
        "",
        "## Memory, cold start, training",
        "",
        "| | careerbot | Rasa default | careerbot ÷ default |",
        "|---|---:|---:|---:|",
    ]

    def row(label, get, with_ratio=True):
        vals = []
        for name in ("ours", "default"):
            try:
                vals.append(get(systems[name]))
            except (KeyError, TypeError):
                vals.append(None)
        cells = " | ".join("–" if v is None else str(v) for v in vals)
        lines.append(f"| {label} | {cells} | {ratio(vals[0], vals[1]) if with_ratio else ''} |")

    row("peak RSS, `rasa run` (MiB)", lambda r: r["rasa_mem"]["peak_rss_mib"])
    row("peak RSS, action server (MiB)", lambda r: r["actions_mem"]["peak_rss_mib"])
    row("cold start: both servers started together → first answer (s)", lambda r: r["cold_start_s"])
    row("1-min load when that start began", lambda r: r["load_at_start"][0], with_ratio=False)
    row("… of which: action server → /health (s)", lambda r: r["actions_start_s"])
    to = tr.get("ours")
    lines.append(
        f"| `rasa train` from scratch, empty cache (s) | {to['train_s'] if to else '–'} | "
        f"{td.get('train_s', '–')} | {ratio(to and to['train_s'], td.get('train_s'))} |"
    )
    lines.append(
        f"| `rasa train` again, nothing changed (s) | {to and to.get('train_noop_s') or '–'} | "
        f"{td.get('train_noop_s') or '–'} | |"
    )
    mk = tr.get("make_noop", {})
    noop = mk.get("seconds") if mk.get("up_to_date") else f"– (model out of date; `make -q train` {mk.get('check_s')})"
    lines.append(f"| `make train`, nothing changed (s) | {noop} | | |")
    lines += [
        "",
        "Training: careerbot from `config.yml` exactly as `make train` runs it (`rasa train --num-threads 2`), "
        "from scratch with an empty Rasa cache, measured on every `make bench`"
        + (
            f" ({to['trained_at']}, 1-min load {to['loadavg_before'][0]} before, "
            f"{to['loadavg_during']['min']}–{to['loadavg_during']['max']} during)"
            if to
            else ""
        )
        + f". Rasa default: `{DEFAULT_CONFIG}`, same flags, "
        + (
            f"the cached model's training run ({td.get('trained_at')}, 1-min load {td['loadavg_before'][0]} before it)."
            if td.get("cached") and td.get("loadavg_before")
            else "trained in this run."
        )
        + " `make train` with nothing changed is make's file-time check only (the Makefile retrains when "
        "config.yml, domain.yml, data/ or components/ is newer than the model); `rasa train` with nothing changed "
        "runs Rasa's graph again with a warm cache.",
        "",
    ]
    for name in ("ours", "default"):
        prof = systems.get(name, {}).get("profile")
        if not prof:
            continue
        if "error" in prof:
            lines += [f"## Where `rasa run`'s CPU goes ({LABELS[name]})", "", f"No profile: {prof['error']}", ""]
            continue
        lines += [
            f"## Where `rasa run`'s CPU goes ({LABELS[name]}, py-spy, {prof['users']} users)",
            "",
            f"{prof['samples']} samples at 100 Hz over an extra {prof['users']}-user pass of "
            f"{prof.get('messages', '?')} messages after the measured levels (py-spy from a throwaway venv, "
            "not a project dependency). "
            f"{prof['idle_pct']} % of them found the event loop waiting; of the others (busy), the share whose "
            "stack contains each part (they overlap; parts below 0.5 % left out):",
            "",
            "| part | % of busy samples |",
            "|---|---:|",
            *[f"| {k} | {v} |" for k, v in prof["buckets_pct"].items() if v >= 0.5],
            "",
        ]
    if not any(systems.get(n, {}).get("profile") for n in ("ours", "default")):
        lines += [
            "## Where `rasa run`'s CPU goes",
            "",
            "No profile in this run (py-spy not found: it is not in requirements.lock; "
            "`python -m venv /tmp/pyspy-venv && /tmp/pyspy-venv/bin/pip install py-spy` makes it available).",
            "",
        ]
    notes = BENCH / "notes.md"
    if notes.exists():
        lines += [notes.read_text().rstrip(), ""]
    (REPORTS / "bench.md").write_text("\n".join(lines))
