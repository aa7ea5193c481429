"""The benchmark's load: closed-loop users talking through multi-turn conversations over the REST channel."""

from __future__ import annotations

import asyncio
import statistics
import time
from dataclasses import dataclass, field
from typing import Dict, List

# Multi-turn conversations: (message, substring expected in the reply or None). Turns with an expected substring
# are factual questions answered by the action server (action_answer_question); their follow-ups depend on the
# slots it set on the previous turn. The others are rules (greet, goodbye, bot challenge) or fallbacks.
CONVERSATIONS: List[List[tuple]] = [
    [
        ("hi", None),
        ("how much does an ML engineer make?", "Machine Learning Engineer"),
        ("and at senior level?", "senior"),
        ("and the other role?", "AI Engineer"),
        ("thanks", None),
    ],
    [
        ("what happens in the deployment step?", "Deployment"),
        ("which tools are used in that step?", "Docker"),
        ("bye", None),
    ],
    [
        ("hello", None),
        ("what does an AI engineer do?", "AI Engineer"),
        ("and the other role?", "Machine Learning Engineer"),
        ("what about salaries in India?", "United States"),
    ],
    [
        ("what skills do I need to become an ML engineer?", None),
        ("what's the weather like today?", None),
        ("how should I start learning?", None),
        ("are you a bot?", None),
    ],
]
APOLOGY = "Sorry, something went wrong on my side"
LEVELS = {1: 100, 20: 600, 50: 1000}  # concurrent users -> total message budget


@dataclass
class Sample:
    latency: float
    ok: bool
    empty: bool
    mismatch: bool
    factual: bool


@dataclass
class LevelResult:
    users: int
    samples: List[Sample] = field(default_factory=list)
    problems: List[Dict] = field(default_factory=list)
    wall: float = 0.0


async def drive(port: int, users: int, budget: int, time_limit: float, tag: str) -> LevelResult:
    """`users` closed-loop users (no think time) talk through CONVERSATIONS until `budget` messages are sent."""
    import aiohttp

    result = LevelResult(users)
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    sent = 0
    deadline = time.monotonic() + time_limit
    timeout = aiohttp.ClientTimeout(total=60)

    async def user(session, u: int) -> None:
        nonlocal sent
        n = 0
        while True:
            conv = CONVERSATIONS[(u + n) % len(CONVERSATIONS)]
            sender = f"bench-{tag}-{users}-{u}-{n}"
            n += 1
            for text, expect in conv:
                if sent >= budget or time.monotonic() > deadline:
                    return
                sent += 1
                t = time.perf_counter()
                ok = empty = mismatch = False
                try:
                    async with session.post(url, json={"sender": sender, "message": text}, timeout=timeout) as r:
                        body = await r.json() if r.status == 200 else None
                    ok = r.status == 200
                    reply = "\n".join(m.get("text") or "" for m in (body or []))
                    empty = ok and not reply.strip()
                    if APOLOGY in reply:  # channels/guard.py gave up (reply timeout or a failure): not an answer
                        ok = False
                    mismatch = ok and bool(expect) and expect.lower() not in reply.lower()
                    if (mismatch or empty or not ok) and len(result.problems) < 20:
                        result.problems.append(
                            {"sender": sender, "message": text, "expected": expect, "reply": reply[:160]}
                        )
                except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as e:
                    if len(result.problems) < 20:
                        result.problems.append({"sender": sender, "message": text, "error": repr(e)[:160]})
                result.samples.append(Sample(time.perf_counter() - t, ok, empty, mismatch, bool(expect)))

    connector = aiohttp.TCPConnector(limit=users + 4)
    async with aiohttp.ClientSession(connector=connector) as session:
        start = time.perf_counter()
        await asyncio.gather(*(user(session, u) for u in range(users)))
        result.wall = time.perf_counter() - start
    return result


def pct(values: List[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    k = (len(values) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(values) - 1)
    return values[lo] + (values[hi] - values[lo]) * (k - lo)


def summarize(level: LevelResult) -> Dict:
    lat = [s.latency * 1000 for s in level.samples if s.ok]
    factual = [s.latency * 1000 for s in level.samples if s.ok and s.factual]
    ok = len(lat)
    return {
        "users": level.users,
        "messages": len(level.samples),
        "p50_ms": round(pct(lat, 0.50), 1),
        "p95_ms": round(pct(lat, 0.95), 1),
        "p99_ms": round(pct(lat, 0.99), 1),
        "p50_factual_ms": round(pct(factual, 0.50), 1),
        "mean_ms": round(statistics.fmean(lat), 1) if lat else None,
        "msg_per_s": round(ok / level.wall, 1) if level.wall else 0.0,
        "errors": len(level.samples) - ok,
        "empty": sum(s.empty for s in level.samples),
        "mismatches": sum(s.mismatch for s in level.samples),
        "wall_s": round(level.wall, 1),
        "problems": level.problems,
    }
