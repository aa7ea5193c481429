"""End-to-end: was the right thing answered? Each message of a labelled NLU file goes to the real servers over REST.

NLU accuracy (eval/run_eval.py) measures the classifier only; the action server re-reads the text (multi-part
questions, topic correction, clarifying questions, the off-topic double check), so this sends every message in a
fresh conversation to `rasa run` + the action server (started as `make serve` starts them, ops/servers.py, on
free loopback ports with a tracker store of their own), reads the conversation's tracker and scores what the
bot did against the gold intent (the rules: eval/e2e_scoring.py).

    .venv/bin/python eval/e2e_replies.py [FILE ...]   (default: both independent sets; `make e2e-eval`)

Writes reports/e2e_replies.md and results/e2e/<file>.json (one row per message). CAREERBOT_MODEL or --model picks
the model (default models/careerbot.tar.gz).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Sequence, Tuple

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "eval"), str(ROOT)]
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # the replayed answer code may load TensorFlow

import e2e_conversations as conversations  # noqa: E402
import e2e_scoring as scoring  # noqa: E402
import requests  # noqa: E402
import yaml  # noqa: E402

from ops import servers  # noqa: E402

DEFAULT_FILES = ("eval/independent_nlu.yml", "eval/independent_nlu_2.yml")
REPORT = ROOT / "reports" / "e2e_replies.md"
RESULTS = ROOT / "results" / "e2e"
TOP_WRONG = 25
_ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")  # '[ML engineer](role)' -> 'ML engineer'


@dataclass(frozen=True)
class Example:
    text: str
    intent: str


def load_examples(path: Path) -> List[Example]:
    """The (text, intent) pairs of a Rasa NLU YAML file, entity annotations removed."""
    data = yaml.safe_load(path.read_text()) or {}
    examples = []
    for block in data.get("nlu") or []:
        if "intent" not in block:
            continue
        for line in str(block.get("examples") or "").splitlines():
            line = line.strip()
            if line.startswith("- "):
                examples.append(Example(_ANNOTATION.sub(r"\1", line[2:].strip()), str(block["intent"])))
    return examples


# --- the servers -------------------------------------------------------------------------------------------------


# A measurement opens a thousand fresh conversations a minute on purpose: the server-wide limits (channels/limits.py)
# are off for it; the per-conversation and per-address ones stay (loopback is exempt from the latter).
UNLIMITED = {"CAREERBOT_NEW_CONVERSATIONS_PER_MINUTE": "0", "CAREERBOT_RATE_TOTAL": "0"}


class Bot:
    """The action server and `rasa run` (with its HTTP API, for the trackers) on free loopback ports."""

    def __init__(self, model: Path, workdir: Path) -> None:
        self.workdir = workdir
        actions_port, self.port = servers.free_port(), servers.free_port()
        self.actions = servers.start_action_server(workdir / "actions.log", actions_port)
        try:
            try:
                endpoints = servers.isolated_endpoints(workdir)  # its own tracker store, not var/careerbot.db
            except ValueError as error:
                raise SystemExit(f"e2e_replies: {error}") from None
            self.rasa = servers.spawn_rasa(
                workdir / "rasa.log",
                model,
                self.port,
                actions_port,
                endpoints=endpoints,
                extra_args=["--enable-api"],
                env=UNLIMITED,
            )
            self.rasa.wait_ready(300)
        except BaseException:
            self.actions.stop()
            raise
        self.session = requests.Session()

    def close(self) -> None:
        self.rasa.stop()
        self.actions.stop()

    def say(self, sender: str, text: str) -> List[dict]:
        url = f"http://127.0.0.1:{self.port}/webhooks/rest/webhook"
        response = self.session.post(url, json={"sender": sender, "message": text}, timeout=60)
        response.raise_for_status()
        return response.json()

    def events(self, sender: str) -> List[dict]:
        response = self.session.get(f"http://127.0.0.1:{self.port}/conversations/{sender}/tracker", timeout=60)
        response.raise_for_status()
        return response.json().get("events") or []


@contextmanager
def running_bot(model: Path) -> Iterator[Bot]:
    """The servers for the length of a block; their logs are kept (and named) only when they fail to start."""
    workdir = Path(tempfile.mkdtemp(prefix="careerbot-e2e-"))
    try:
        bot = Bot(model, workdir)
    except RuntimeError as error:
        raise SystemExit(f"e2e: the servers did not start (logs in {workdir}): {error}") from None
    try:
        yield bot
    finally:
        bot.close()
    shutil.rmtree(workdir, ignore_errors=True)


# --- which topics a multi-part reply answered ---------------------------------------------------------------------


class Replayer:
    """The tracker's `topic` slot holds only the last topic a multi-part reply answered. The answer action's pure
    part (understand + render, given the NLU result the tracker recorded and the slots before the message) is run
    again here; its topics are used only when its reply text equals the one the bot sent, else the slot is."""

    def __init__(self) -> None:
        from actions.answers.clarify import CLARIFY, decline, off_topic
        from actions.answers.phrasing import combine
        from actions.answers.pipeline import answer_message
        from actions.knowledge import get_kb
        from actions.understanding.question import CONTEXT_SLOTS
        from actions.understanding.triage import triage

        self.kb = get_kb()
        self._combine, self._answer, self._triage, self._slots = combine, answer_message, triage, CONTEXT_SLOTS
        self.texts = scoring.ReplyTexts(
            off_topic=off_topic().text[:40],
            decline=decline().text[:40],
            clarify=CLARIFY,
        )

    def replay(self, events: Sequence[Mapping[str, Any]]) -> Tuple[scoring.Replayed | None, str]:
        """(what the answer action did, 'replayed') when the replay reproduces the reply; (None, why) otherwise."""
        user, after = scoring.last_turn(events)
        actions = [e.get("name") for e in after if e.get("event") == "action"]
        if user is None or not any(e.get("event") == "slot" and e.get("name") == "topic" for e in after):
            return None, "no answer"
        parse = user.get("parse_data") or {}
        text = str(user.get("text") or parse.get("text") or "")
        intent = str((parse.get("intent") or {}).get("name") or "")
        before = scoring.slots_before_last_turn(events)
        previous = {slot: before.get(slot) for slot in self._slots}
        if "action_clarify" in actions:
            decision = self._triage(self.kb, parse.get("intent_ranking") or [], text, intent, before.get("topic"))
            if decision.kind != "answer":
                return None, "mismatch"
            intent = decision.intents[0]
        elif "action_answer_question" not in actions:
            return None, "not the answer action"
        message = {"text": text, "intent": parse.get("intent"), "entities": parse.get("entities") or []}
        answered = self._answer(self.kb, message, previous, before.get("fit_role"), intent)
        sent = [str(e.get("text") or "") for e in after if e.get("event") == "bot"]
        if not answered or self._combine([a for _, a in answered]).text not in sent:
            return None, "mismatch"
        lacks = any(q.missing or q.unknown_value("job_title") or q.unknown_value("role") for q, _ in answered)
        return scoring.Replayed(tuple(q.topic for q, _ in answered), lacks), "replayed"


# --- one message --------------------------------------------------------------------------------------------------


def run_one(bot: Bot, replayer: Replayer, example: Example) -> Dict[str, Any]:
    """Send the message (after the lead-in for a follow-up) in a fresh conversation; observe and score it."""
    sender = f"e2e-{uuid.uuid4().hex}"
    lead_in = example.intent in scoring.FOLLOW_UPS
    if lead_in:
        bot.say(sender, scoring.LEAD_IN)
    started = time.perf_counter()
    bot.say(sender, example.text)
    latency = time.perf_counter() - started
    events = bot.events(sender)
    replayed, replay = replayer.replay(events)
    seen = scoring.observe(events, replayer.texts, replayed)
    verdict = scoring.score(example.intent, seen)
    return {
        "text": example.text,
        "gold": example.intent,
        "lead_in": scoring.LEAD_IN if lead_in else None,
        "verdict": verdict.verdict,
        "category": verdict.category,
        "happened": scoring.what_happened(seen),
        "same_topic": (seen.topics[-1:] == [scoring.LEAD_IN_TOPIC]) if lead_in else None,
        "replay": replay,
        "latency_ms": round(latency * 1000, 1),
        **seen.as_dict(),
    }


def run_file(bot: Bot, replayer: Replayer, path: Path) -> List[Dict[str, Any]]:
    examples = load_examples(path)
    rows = []
    for index, example in enumerate(examples, 1):
        rows.append(run_one(bot, replayer, example))
        if index % 100 == 0:
            print(f"  {path.name}: {index}/{len(examples)}", flush=True)
    return rows


# --- the report ---------------------------------------------------------------------------------------------------


def totals(rows: Iterable[Mapping[str, Any]]) -> Dict[str, int]:
    """right / asked / wrong over the scored messages, the two kinds of wrong the issue names, and the rest."""
    rows = list(rows)
    scored = [r for r in rows if r["verdict"] != scoring.CONTEXT]
    count = Counter(r["verdict"] for r in scored)
    return {
        "messages": len(rows),
        "scored": len(scored),
        "right": count[scoring.RIGHT],
        "asked": count[scoring.ASK],
        "wrong": count[scoring.WRONG],
        "declined_in_scope": sum(r["category"] == "declined in scope" for r in scored),
        "off_topic_answered": sum(r["category"] == "off-topic answered" for r in scored),
        "context_not_scored": len(rows) - len(scored),
    }


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} %" if whole else "n/a"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def file_section(name: str, rows: List[Dict[str, Any]]) -> List[str]:
    t = totals(rows)
    lines = [
        f"## {name}",
        "",
        f"{t['messages']} messages, {t['scored']} scored ({t['context_not_scored']} affirm/deny/stop not scored).",
        "",
        "| right | asked (gold offered) | wrong | of which declined in scope | of which off-topic answered |",
        "|---|---|---|---|---|",
        f"| {t['right']} ({_pct(t['right'], t['scored'])}) | {t['asked']} ({_pct(t['asked'], t['scored'])}) "
        f"| {t['wrong']} ({_pct(t['wrong'], t['scored'])}) | {t['declined_in_scope']} | {t['off_topic_answered']} |",
        "",
        "Per gold intent:",
        "",
        "| gold | n | right | asked | wrong | declined in scope | off-topic answered | NLU intent = gold |",
        "|---|---|---|---|---|---|---|---|",
    ]
    by_gold: Dict[str, List[Dict[str, Any]]] = defaultdict(list)
    for row in rows:
        by_gold[row["gold"]].append(row)
    for gold in sorted(by_gold):
        group = by_gold[gold]
        g = totals(group)
        nlu = sum(r["intent"] == gold for r in group)
        if g["scored"] == 0:
            happened = Counter(r["happened"] for r in group).most_common(2)
            note = "; ".join(f"{what} ×{n}" for what, n in happened)
            lines.append(f"| {gold} | {len(group)} | not scored: {_cell(note)} | | | | | {nlu} |")
            continue
        lines.append(
            f"| {gold} | {len(group)} | {g['right']} | {g['asked']} | {g['wrong']} | {g['declined_in_scope']} "
            f"| {g['off_topic_answered']} | {nlu} |"
        )
    follow = [r for r in rows if r["lead_in"]]
    if follow:
        kept = sum(bool(r["same_topic"]) for r in follow if r["gold"] == "inform")
        informs = sum(r["gold"] == "inform" for r in follow)
        note = f"Follow-ups were sent after {scoring.LEAD_IN!r}; {kept} of {informs} inform replies kept its topic."
        lines += ["", note]
    lacking = sum(r["category"] == "said the article lacks it" for r in rows)
    terse = sum(r["verdict"] == scoring.WRONG and r["intent"] in scoring.FOLLOW_UPS and not r["lead_in"] for r in rows)
    lines += [
        "",
        f"out_of_scope counted right because the reply said the article lacks it: {lacking}. Wrong replies to "
        f"messages NLU read as a follow-up (inform / ask_other_role) though they came without a previous turn: "
        f"{terse}.",
    ]
    replays = Counter(r["replay"] for r in rows)
    multi = sum(len(r["topics"]) > 1 for r in rows)
    lines += [
        "",
        f"Multi-part replies (more than one topic answered): {multi}. Topics read by replaying the answer action: "
        f"{replays['replayed']}; replay did not reproduce the reply (the `topic` slot used): {replays['mismatch']}.",
        "",
        f"The {TOP_WRONG} most common wrong outcomes (gold → what the bot did), with examples:",
        "",
        "| n | gold | what happened | examples |",
        "|---|---|---|---|",
    ]
    wrong = [r for r in rows if r["verdict"] == scoring.WRONG]
    groups: Dict[Tuple[str, str], List[Dict[str, Any]]] = defaultdict(list)
    for row in wrong:
        groups[(row["gold"], row["happened"])].append(row)
    ranked = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))[:TOP_WRONG]
    for (gold, happened), group in ranked:
        examples = "; ".join(f"“{_cell(r['text'])}” (NLU {r['intent']})" for r in group[:3])
        lines.append(f"| {len(group)} | {gold} | {_cell(happened)} | {examples} |")
    return lines + [""]


def model_id(model: Path) -> str:
    """Which model was measured: the archive's modification time and the start of its SHA-256."""
    digest = hashlib.sha256(model.read_bytes()).hexdigest()[:12]
    return f"built {time.strftime('%Y-%m-%d %H:%M', time.localtime(model.stat().st_mtime))}, sha256 {digest}"


def write_report(results: Mapping[str, List[Dict[str, Any]]], model: Path, seconds: float) -> None:
    lines = [
        "# End-to-end replies: was the right thing answered?",
        "",
        "Generated by `make e2e-eval` (`eval/e2e_replies.py`): every message of each file sent over REST, in a fresh",
        "conversation, to the real Rasa server and action server; what the bot did is read from the conversation's",
        "tracker and scored against the gold intent by the rules in `eval/e2e_scoring.py` (its docstring). In short:",
        "an `ask_*` message is right when its topic was answered (any part of a multi-part reply; the role-fit",
        "interview also counts for ask_role_fit and ask_skill_gap); a clarifying question offering the gold topic is",
        "*asked*; out_of_scope is right when declined or when the reply starts by saying the article lacks that fact",
        "(\"I don't have salary figures for 'pilots'\"); greet/goodbye/thanks/help/bot_challenge when their response",
        f"came; inform and ask_other_role are sent after {scoring.LEAD_IN!r} (ask_other_role right when the same",
        "topic came for the other role, inform when the follow-up was answered from the KB); affirm/deny/stop are",
        "not scored. Percentages are of the scored messages.",
        "",
        f"Model: `{model}` ({model_id(model)}). Run time: {seconds:.0f} s for {sum(len(r) for r in results.values())} "
        "messages.",
        "",
        "| file | scored | right | asked | wrong | declined in scope | off-topic answered | median latency |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, rows in results.items():
        t = totals(rows)
        latencies = sorted(r["latency_ms"] for r in rows)
        median = latencies[len(latencies) // 2] if latencies else 0
        lines.append(
            f"| {name} | {t['scored']} | {_pct(t['right'], t['scored'])} | {_pct(t['asked'], t['scored'])} "
            f"| {_pct(t['wrong'], t['scored'])} | {t['declined_in_scope']} | {t['off_topic_answered']} | {median} ms |"
        )
    lines.append("")
    for name, rows in results.items():
        lines += file_section(name, rows)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text("\n".join(lines))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("files", nargs="*", default=list(DEFAULT_FILES), help="labelled Rasa NLU YAML files")
    parser.add_argument("--model", type=Path, default=servers.MODEL, help="model archive (default: %(default)s)")
    parser.add_argument(
        "--conversations",
        nargs="*",
        type=Path,
        help="conversation sets scored on content on the same servers (default: eval/conversations_*.yml)",
    )
    args = parser.parse_args(argv)
    sets = conversations.default_sets() if args.conversations is None else args.conversations
    paths = [Path(f) if Path(f).is_absolute() else ROOT / f for f in args.files]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        print(f"e2e_replies: no such file: {', '.join(missing)}", file=sys.stderr)
        return 2
    if not args.model.is_file():
        print(f"e2e_replies: no model at {args.model} (run `make train` or set CAREERBOT_MODEL)", file=sys.stderr)
        return 2
    started = time.monotonic()
    replayer = Replayer()
    results: Dict[str, List[Dict[str, Any]]] = {}
    workdir = Path(tempfile.mkdtemp(prefix="careerbot-e2e-"))  # server logs; kept when something fails
    print(f"starting the servers on {args.model} ...", flush=True)
    try:
        bot = Bot(args.model, workdir)
    except RuntimeError as error:
        print(f"e2e_replies: the servers did not start (logs in {workdir}): {error}", file=sys.stderr)
        return 1
    conversation_results: Dict[str, List[Any]] = {}
    conversation_seconds = 0.0
    try:
        for path in paths:
            results[path.name] = run_file(bot, replayer, path)
        if sets:
            conversation_started = time.monotonic()
            conversation_results = conversations.run_sets(bot.say, sets)
            conversation_seconds = time.monotonic() - conversation_started
    except requests.RequestException as error:
        print(f"e2e_replies: the bot stopped answering (logs in {workdir}): {error}", file=sys.stderr)
        return 1
    finally:
        bot.close()
    shutil.rmtree(workdir, ignore_errors=True)
    seconds = time.monotonic() - started - conversation_seconds
    RESULTS.mkdir(parents=True, exist_ok=True)
    for name, rows in results.items():
        (RESULTS / f"{Path(name).stem}.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False))
    write_report(results, args.model, seconds)
    if conversation_results:
        finals = [p.name for p in sets if conversations.is_final(p)]
        described = f"`{args.model}` ({model_id(args.model)})"
        conversations.write_report(conversation_results, finals, described, conversation_seconds)
        print(f"-> {conversations.REPORT.relative_to(ROOT)}")
    for name, rows in results.items():
        t = totals(rows)
        print(
            f"{name}: right {_pct(t['right'], t['scored'])}, asked {t['asked']}, wrong {t['wrong']} "
            f"(declined in scope {t['declined_in_scope']}, off-topic answered {t['off_topic_answered']})"
        )
    print(f"-> {REPORT.relative_to(ROOT)}, {RESULTS.relative_to(ROOT)}/ ({seconds:.0f} s)")
    return 1 if conversations.floors_broken(conversation_results) else 0


if __name__ == "__main__":
    sys.exit(main())
