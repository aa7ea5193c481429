"""End-to-end on content: what people get in whole conversations, checked for the facts each reply must contain.

The topic-level score (eval/e2e_replies.py) asks whether a reply answered the right *section*; this asks whether
it said the right *thing*. Each conversation of a set (the blind writers' format, ../shared/tools/qa_check.py:
`id`, `category`, `turns` of `user` + `numbers` / `any` / `none` + a per-turn `kind`) is sent turn by turn over
REST in one conversation of its own to the real servers (started as `make serve` starts them, ops/servers.py) and
every reply is checked by eval/content_checks.py. Results are grouped by kind (single, follow_up, multi_part,
exact_fact, unknown_fact, self_description, typo).

A set whose file name contains "final" is a held-out test: only its aggregate figures (overall and per kind) are
written or printed, never its turns, so that it keeps measuring generalisation.

    .venv/bin/python eval/e2e_conversations.py [SET.yml ...]   (default: eval/conversations_*.yml)
    .venv/bin/python eval/e2e_conversations.py --url http://127.0.0.1:5005 SET.yml   (a bot already running)

`make e2e-eval` runs it after the topic-level score, on the same servers. Writes reports/e2e_conversations.md and,
for development sets only, results/e2e/<set>.json (every turn, with the reply). Exits 1 when a development set falls
below its floor (eval/dev_floors.py).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import uuid
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Mapping, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "eval"), str(ROOT)]

import content_checks  # noqa: E402
import yaml  # noqa: E402
from dev_floors import below_floor  # noqa: E402

REPORT = ROOT / "reports" / "e2e_conversations.md"
RESULTS = ROOT / "results" / "e2e"
# Conversations in flight at once: the two cores serve several users in about the time of one, and every
# conversation has its own sender, so the replies are the same as one at a time.
WORKERS = 3
KINDS = ("single", "follow_up", "multi_part", "exact_fact", "unknown_fact", "self_description", "typo")

Say = Callable[[str, str], List[Mapping[str, Any]]]  # (sender, text) -> the REST reply's messages


@dataclass
class Turn:
    conversation: str
    index: int
    kind: str
    user: str
    problems: List[str] = field(default_factory=list)
    reply: str = ""
    latency_ms: float = 0.0

    @property
    def right(self) -> bool:
        return not self.problems


def default_sets() -> List[Path]:
    return sorted((ROOT / "eval").glob("conversations_*.yml"))


def is_final(path: Path) -> bool:
    """A held-out set: reported in aggregate only."""
    return "final" in path.name


def load_set(path: Path) -> List[Dict[str, Any]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, Mapping):
        data = data.get("conversations") or []
    return list(data)


def kind_of(turn: Mapping[str, Any], conversation: Mapping[str, Any]) -> str:
    return str(turn.get("kind") or conversation.get("category") or "unlabelled")


def run_conversation(say: Say, conversation: Mapping[str, Any]) -> List[Turn]:
    """Every turn of one conversation, in order, under one fresh sender id."""
    name = str(conversation.get("id", "?"))
    sender = f"conv-{name[:40]}-{uuid.uuid4().hex[:8]}"
    turns = []
    for index, spec in enumerate(conversation.get("turns") or []):
        turn = Turn(name, index, kind_of(spec, conversation), str(spec["user"]))
        started = time.perf_counter()
        try:
            turn.reply = content_checks.reply_text(say(sender, turn.user))
            turn.problems = content_checks.check(spec, turn.reply)
        except Exception as error:  # noqa: BLE001 - a transport failure is a failed turn
            turn.problems = [f"error {type(error).__name__}: {error}"]
        turn.latency_ms = round((time.perf_counter() - started) * 1000, 1)
        turns.append(turn)
    return turns


def run_set(say: Say, path: Path, workers: int = WORKERS) -> List[Turn]:
    """Every conversation of a set, `workers` of them at a time (each under its own sender, so they cannot see each
    other; the servers serve concurrent users anyway), the turns in the set's order."""
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        done = list(pool.map(lambda conversation: run_conversation(say, conversation), load_set(path)))
    return [turn for turns in done for turn in turns]


def per_kind(turns: Sequence[Turn]) -> Dict[str, List[int]]:
    """kind -> [right, total], the known kinds first."""
    counts: Dict[str, List[int]] = defaultdict(lambda: [0, 0])
    for turn in turns:
        counts[turn.kind][0] += turn.right
        counts[turn.kind][1] += 1
    order = [k for k in KINDS if k in counts] + sorted(k for k in counts if k not in KINDS)
    return {k: counts[k] for k in order}


def _pct(right: int, total: int) -> str:
    return f"{100 * right / total:.1f} %" if total else "n/a"


def _cell(text: str, width: int = 300) -> str:
    text = text.replace("|", "\\|").replace("\n", " ⏎ ")
    return text if len(text) <= width else text[:width] + " …"


def summary_line(name: str, turns: Sequence[Turn]) -> str:
    right = sum(t.right for t in turns)
    kinds = ", ".join(f"{k} {_pct(r, n)}" for k, (r, n) in per_kind(turns).items())
    return f"{name}: {right}/{len(turns)} = {_pct(right, len(turns))} right ({kinds})"


def set_section(name: str, turns: Sequence[Turn], final: bool) -> List[str]:
    right = sum(t.right for t in turns)
    conversations = len({t.conversation for t in turns})
    lines = [
        f"## {name}" + (" (final, held out: aggregates only)" if final else ""),
        "",
        f"{conversations} conversations, {len(turns)} turns: **{right} right ({_pct(right, len(turns))})**.",
        "",
        "| kind | right | turns | % |",
        "|---|---|---|---|",
    ]
    for kind, (ok, total) in per_kind(turns).items():
        lines.append(f"| {kind} | {ok} | {total} | {_pct(ok, total)} |")
    if final:
        return lines + [""]
    failed = [t for t in turns if not t.right]
    lines += [
        "",
        f"Failing turns ({len(failed)}):",
        "",
        "| turn | kind | message | why | reply |",
        "|---|---|---|---|---|",
    ]
    for t in failed:
        lines.append(
            f"| {_cell(t.conversation, 60)}#{t.index} | {t.kind} | {_cell(t.user, 120)} "
            f"| {_cell('; '.join(t.problems), 160)} | {_cell(t.reply)} |"
        )
    return lines + [""]


def write_report(results: Mapping[str, Sequence[Turn]], finals: Sequence[str], model: str, seconds: float) -> None:
    lines = [
        "# End-to-end on content: do the replies say the right thing?",
        "",
        "Generated by `make e2e-eval` (`eval/e2e_conversations.py`): each conversation of each set is sent turn by",
        "turn over REST, in one conversation of its own, to the real Rasa server and action server; every reply",
        "(its texts and button titles) is checked for the facts the turn lists (`numbers`, `any`, `none`:",
        "`eval/content_checks.py`). The sets were written blind from the article. A final (held-out) set is",
        "reported in aggregate only.",
        "",
        f"Model: {model}. Run time: {seconds:.0f} s.",
        "",
        "| set | turns | right | " + " | ".join(KINDS) + " |",
        "|---|---|---|" + "---|" * len(KINDS),
    ]
    for name, turns in results.items():
        kinds = per_kind(turns)
        cells = [_pct(*kinds[k]) if k in kinds else "–" for k in KINDS]
        right = sum(t.right for t in turns)
        lines.append(f"| {name} | {len(turns)} | {_pct(right, len(turns))} | " + " | ".join(cells) + " |")
    lines.append("")
    for name, turns in results.items():
        lines += set_section(name, turns, name in finals)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines), encoding="utf-8")


def run_sets(say: Say, paths: Sequence[Path], workers: int = WORKERS) -> Dict[str, List[Turn]]:
    results: Dict[str, List[Turn]] = {}
    for path in paths:
        results[path.name] = run_set(say, path, workers)
        if not is_final(path):
            RESULTS.mkdir(parents=True, exist_ok=True)
            rows = [asdict(t) | {"right": t.right} for t in results[path.name]]
            (RESULTS / f"{path.stem}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
        print(summary_line(path.name, results[path.name]), flush=True)
    return results


def floors_broken(results: Mapping[str, Sequence[Turn]]) -> List[str]:
    """The development sets below their floors (eval/dev_floors.py), each also printed to stderr."""
    low = [below_floor(name, sum(t.right for t in turns), len(turns)) for name, turns in results.items()]
    low = [line for line in low if line]
    for line in low:
        print(f"BELOW FLOOR {line}", file=sys.stderr)
    return low


def rest_say(url: str) -> Say:
    import requests

    session = requests.Session()

    def say(sender: str, text: str) -> List[Mapping[str, Any]]:
        response = session.post(f"{url.rstrip('/')}/webhooks/rest/webhook", json={"sender": sender, "message": text})
        response.raise_for_status()
        return response.json()

    return say


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="*", type=Path, help="conversation sets (default: eval/conversations_*.yml)")
    parser.add_argument("--url", help="a bot already running (else the servers are started as make serve does)")
    parser.add_argument("--workers", type=int, default=WORKERS, help="conversations at a time (%(default)s)")
    parser.add_argument("--show-fail", type=int, default=0, help="print this many failing turns of dev sets")
    args = parser.parse_args(argv)
    paths = [p if p.is_absolute() else Path.cwd() / p for p in args.sets] or default_sets()
    if not paths:
        print("e2e_conversations: no conversation sets (eval/conversations_*.yml)", file=sys.stderr)
        return 2
    started = time.monotonic()
    if args.url:
        results = run_sets(rest_say(args.url), paths, args.workers)
        model = f"the bot at {args.url}"
    else:
        import e2e_replies

        from ops import servers

        with e2e_replies.running_bot(servers.MODEL) as bot:
            results = run_sets(bot.say, paths, args.workers)
        model = f"`{servers.MODEL}` ({e2e_replies.model_id(servers.MODEL)})"
    finals = [p.name for p in paths if is_final(p)]
    write_report(results, finals, model, time.monotonic() - started)
    for name, turns in results.items():
        if name in finals:
            continue
        for t in [t for t in turns if not t.right][: args.show_fail]:
            print(f"FAIL {t.conversation}#{t.index} [{t.kind}] {t.user!r}: {'; '.join(t.problems)}\n   {t.reply!r}")
    print(f"-> {REPORT.relative_to(ROOT)}")
    return 1 if floors_broken(results) else 0


if __name__ == "__main__":
    sys.exit(main())
