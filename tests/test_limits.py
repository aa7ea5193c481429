"""Rate limits (channels/limits.py): the global limits, and the client address behind trusted proxies."""

from __future__ import annotations

import pytest

from channels.limits import RateLimiter, client_address, parse_networks

LOCAL = parse_networks("127.0.0.1 ::1")


@pytest.mark.parametrize(
    ("peer", "header", "proxies", "client"),
    [
        ("203.0.113.9", None, LOCAL, "203.0.113.9"),
        ("203.0.113.9", "1.2.3.4", LOCAL, "203.0.113.9"),  # not a proxy: its header is ignored
        ("127.0.0.1", "198.51.100.7", LOCAL, "198.51.100.7"),  # nginx on this machine
        ("127.0.0.1", "1.2.3.4, 198.51.100.7", LOCAL, "198.51.100.7"),  # the client's own forged hop is skipped
        ("127.0.0.1", "198.51.100.7, 10.0.0.5", parse_networks("127.0.0.1 10.0.0.0/8"), "198.51.100.7"),
        ("127.0.0.1", "198.51.100.7", parse_networks(""), "127.0.0.1"),  # no trusted proxies
        ("127.0.0.1", None, LOCAL, "127.0.0.1"),
        ("::1", "2001:db8::1", LOCAL, "2001:db8::1"),
    ],
)
def test_client_address(peer, header, proxies, client):
    assert client_address(peer, header, proxies) == client


def test_new_conversations_are_limited_across_all_senders(monkeypatch):
    monkeypatch.setenv("CAREERBOT_NEW_CONVERSATIONS_PER_MINUTE", "6")
    monkeypatch.setenv("CAREERBOT_NEW_CONVERSATIONS_BURST", "3")
    limiter = RateLimiter()
    assert [limiter.check(f"s{i}", "127.0.0.1") for i in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.check("s3", "127.0.0.1") > 0  # a 4th new conversation, even from an exempt address
    assert limiter.check("s0", "127.0.0.1") == 0.0  # a known conversation goes on


def test_total_rate_applies_to_everyone(monkeypatch):
    monkeypatch.setenv("CAREERBOT_RATE_TOTAL", "1")
    monkeypatch.setenv("CAREERBOT_BURST_TOTAL", "5")
    limiter = RateLimiter()
    waits = [limiter.check("same", None) for _ in range(6)]
    assert waits[:5] == [0.0] * 5 and waits[5] > 0


def test_per_address_limit_sees_clients_behind_the_proxy(monkeypatch):
    monkeypatch.setenv("CAREERBOT_BURST_PER_IP", "2")
    monkeypatch.setenv("CAREERBOT_RATE_PER_IP", "0.1")
    limiter = RateLimiter()
    first = limiter.client("127.0.0.1", "198.51.100.7")
    assert [limiter.check(f"a{i}", first) > 0 for i in range(3)] == [False, False, True]
    assert limiter.check("b", limiter.client("127.0.0.1", "198.51.100.8")) == 0.0
    assert limiter.check("c", limiter.client("127.0.0.1", None)) == 0.0  # local tools stay exempt


def test_a_flood_of_new_conversations_leaves_room_for_the_ongoing_ones(monkeypatch):
    monkeypatch.setenv("CAREERBOT_NEW_CONVERSATIONS_BURST", "5")
    monkeypatch.setenv("CAREERBOT_BURST_TOTAL", "10")
    limiter = RateLimiter()
    assert limiter.check("ongoing", None) == 0.0
    refused = sum(limiter.check(f"flood-{i}", None) > 0 for i in range(1000))
    assert refused == 1000 - 4  # the ongoing conversation took one of the 5 new ones
    assert limiter.check("ongoing", None) == 0.0
