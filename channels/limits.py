"""Per-client rate limits for the chat channels: a token bucket per sender id and one per remote address.

A person types a message every few seconds; a script can send hundreds a second and keep the (2-core) server
busy for everyone. Each key gets `burst` messages at once and then `rate` per second. Defaults are generous so
that people, the tests and `make bench` (short conversations, one sender each) never meet them:

    CAREERBOT_RATE_PER_SENDER   messages per second per conversation (default 1), CAREERBOT_BURST_PER_SENDER (30)
    CAREERBOT_RATE_PER_IP       messages per second per remote address (default 20), CAREERBOT_BURST_PER_IP (600)
    CAREERBOT_RATE_EXEMPT_IPS   addresses without a per-address limit (default "127.0.0.1 ::1": behind nginx every
                                client is 127.0.0.1, and nginx's limit_req does that job there; docs/scaling.md)

A rate of 0 switches that limit off. Memory is bounded: the least recently seen keys are forgotten first.
"""

from __future__ import annotations

import os
import time
from collections import OrderedDict

MAX_KEYS = 100_000


def _number(name: str, default: float) -> float:
    try:
        return max(0.0, float(os.environ.get(name, default)))
    except ValueError:
        return default


class TokenBucket:
    """`burst` tokens, refilled at `rate` per second, per key; take() spends one if there is one."""

    def __init__(self, rate: float, burst: float, max_keys: int = MAX_KEYS) -> None:
        self.rate, self.burst, self.max_keys = rate, max(1.0, burst), max_keys
        self._buckets: OrderedDict[str, list[float]] = OrderedDict()

    def take(self, key: str, now: float | None = None) -> float:
        """0 when allowed; otherwise the seconds until a message would be allowed again."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic() if now is None else now
        bucket = self._buckets.get(key)
        if bucket is None:
            bucket = self._buckets[key] = [self.burst, now]
            if len(self._buckets) > self.max_keys:
                self._buckets.popitem(last=False)
        else:
            self._buckets.move_to_end(key)
            bucket[0] = min(self.burst, bucket[0] + (now - bucket[1]) * self.rate)
            bucket[1] = now
        if bucket[0] >= 1.0:
            bucket[0] -= 1.0
            return 0.0
        return (1.0 - bucket[0]) / self.rate


class RateLimiter:
    """Both limits together, configured from the environment."""

    def __init__(self) -> None:
        self.per_sender = TokenBucket(
            _number("CAREERBOT_RATE_PER_SENDER", 1), _number("CAREERBOT_BURST_PER_SENDER", 30)
        )
        self.per_ip = TokenBucket(_number("CAREERBOT_RATE_PER_IP", 20), _number("CAREERBOT_BURST_PER_IP", 600))
        self.exempt = frozenset(os.environ.get("CAREERBOT_RATE_EXEMPT_IPS", "127.0.0.1 ::1").split())

    def check(self, sender_id: str, ip: str | None) -> float:
        """0 when the message may go on; else seconds to wait (Retry-After)."""
        wait = 0.0
        if ip and ip not in self.exempt:
            wait = self.per_ip.take(ip)
        if wait == 0.0:
            wait = self.per_sender.take(sender_id)
        return wait


RATE_LIMITED_REPLY = "You're sending messages faster than I can read them. Please wait a few seconds, then ask again."
