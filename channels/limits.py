"""Rate limits for the chat channels: per conversation, per client address, and for the whole server.

A person types a message every few seconds; a script can send hundreds a second and keep the (2-core) server
busy for everyone, or open thousands of conversations that each cost a row set in the database. Each limit is a
token bucket: `burst` at once, then `rate` per second. Defaults are generous so that people, the tests and
`make bench` never meet them:

    CAREERBOT_RATE_PER_SENDER   messages per second per conversation (default 1), CAREERBOT_BURST_PER_SENDER (30)
    CAREERBOT_RATE_PER_IP       messages per second per client address (default 20), CAREERBOT_BURST_PER_IP (600)
    CAREERBOT_RATE_EXEMPT_IPS   client addresses without a per-address limit (default "127.0.0.1 ::1": local tools)
    CAREERBOT_NEW_CONVERSATIONS_PER_MINUTE  conversations this server has not seen recently, all clients together
                                (default 1200), CAREERBOT_NEW_CONVERSATIONS_BURST (300)
    CAREERBOT_RATE_TOTAL        messages per second, all clients together (default 100), CAREERBOT_BURST_TOTAL (500)
    CAREERBOT_TRUSTED_PROXIES   addresses or networks (CIDR) of reverse proxies whose X-Forwarded-For is believed
                                (default "127.0.0.1 ::1": nginx on the same machine); "" believes no header

The client address is the peer's, unless the peer is a trusted proxy: then it is the right-most address of
X-Forwarded-For that is not itself a trusted proxy (what nginx's `$proxy_add_x_forwarded_for` appended), so a
client cannot choose its own address by sending the header, and behind nginx the per-address limit sees each
client instead of 127.0.0.1. The global limits apply to every message, exempt or not. They are per Rasa process:
with N instances the whole deployment allows N times as much.

A rate of 0 switches that limit off. Memory is bounded: the least recently seen keys are forgotten first.
"""

from __future__ import annotations

import ipaddress
import os
import time
from collections import OrderedDict
from typing import Iterable

MAX_KEYS = 100_000
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def env_number(name: str, default: float) -> float:
    """A non-negative number from the environment, `default` when unset or unreadable."""
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


def parse_networks(text: str) -> tuple[Network, ...]:
    """ "127.0.0.1 10.0.0.0/8 ::1" -> networks; words that are not addresses are ignored."""
    networks = []
    for word in text.replace(",", " ").split():
        try:
            networks.append(ipaddress.ip_network(word, strict=False))
        except ValueError:
            continue
    return tuple(networks)


def _trusted(address: str, proxies: Iterable[Network]) -> bool:
    try:
        ip = ipaddress.ip_address(address.strip())
    except ValueError:
        return False
    return any(ip in network for network in proxies if ip.version == network.version)


def client_address(peer: str | None, forwarded_for: str | None, proxies: tuple[Network, ...]) -> str | None:
    """The client's address: the peer's, or, from a trusted proxy, the last untrusted hop of X-Forwarded-For."""
    if not peer or not forwarded_for or not _trusted(peer, proxies):
        return peer
    hops = [hop.strip() for hop in forwarded_for.split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop, proxies):
            return hop[:64]
    return hops[0][:64] if hops else peer


class RateLimiter:
    """All limits together, configured from the environment."""

    GLOBAL = "*"

    def __init__(self) -> None:
        self.per_sender = TokenBucket(
            env_number("CAREERBOT_RATE_PER_SENDER", 1), env_number("CAREERBOT_BURST_PER_SENDER", 30)
        )
        self.per_ip = TokenBucket(env_number("CAREERBOT_RATE_PER_IP", 20), env_number("CAREERBOT_BURST_PER_IP", 600))
        self.exempt = frozenset(os.environ.get("CAREERBOT_RATE_EXEMPT_IPS", "127.0.0.1 ::1").split())
        self.new_conversations = TokenBucket(
            env_number("CAREERBOT_NEW_CONVERSATIONS_PER_MINUTE", 1200) / 60,
            env_number("CAREERBOT_NEW_CONVERSATIONS_BURST", 300),
        )
        self.total = TokenBucket(env_number("CAREERBOT_RATE_TOTAL", 100), env_number("CAREERBOT_BURST_TOTAL", 500))
        self.proxies = parse_networks(os.environ.get("CAREERBOT_TRUSTED_PROXIES", "127.0.0.1 ::1"))
        self._senders: OrderedDict[str, None] = OrderedDict()  # recently seen conversations, least recent first

    def _remember(self, sender_id: str) -> None:
        """A conversation that got through: not new for the next MAX_KEYS distinct conversations."""
        self._senders[sender_id] = None
        self._senders.move_to_end(sender_id)
        if len(self._senders) > MAX_KEYS:
            self._senders.popitem(last=False)

    def client(self, peer: str | None, forwarded_for: str | None) -> str | None:
        return client_address(peer, forwarded_for, self.proxies)

    def check(self, sender_id: str, ip: str | None) -> float:
        """0 when the message may go on; else seconds to wait (Retry-After). `ip`: the client (see client())."""
        # Cheapest refusals first, so that a flood refused by one limit does not use up the next one's budget:
        # a flood of new conversations leaves the total for the conversations already going on.
        wait = self.per_ip.take(ip) if ip and ip not in self.exempt else 0.0
        if wait == 0.0 and sender_id not in self._senders:
            wait = self.new_conversations.take(self.GLOBAL)
        if wait == 0.0:
            wait = self.total.take(self.GLOBAL)
        if wait == 0.0:
            self._remember(sender_id)
            wait = self.per_sender.take(sender_id)
        return wait


RATE_LIMITED_REPLY = "You're sending messages faster than I can read them. Please wait a few seconds, then ask again."
