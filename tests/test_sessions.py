"""Signed sessions (channels/sessions.py) and the page server's /session.js issuance, without Rasa.

The channels' refusals over real servers are in tests/e2e/test_signed_sessions.py and test_widget_signed.py.
"""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Iterator

import jwt
import pytest
import requests

from channels import sessions
from ops.servers import ROOT, free_port, page_server_command, server_env, wait_http

KEY = "unit-test-key-" + "k" * 32


@pytest.fixture
def key_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("CAREERBOT_JWT_SECRET", raising=False)
    path = tmp_path / "var" / "session-secret"
    monkeypatch.setenv("CAREERBOT_JWT_SECRET_FILE", str(path))
    return path


def test_a_key_is_generated_once_private_and_shared(key_file: Path) -> None:
    (key_file.parent).mkdir(mode=0o755)
    key = sessions.secret()
    assert len(key) >= 48 and key_file.read_text().strip() == key
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file.parent.stat().st_mode) == 0o700
    sessions._cached.clear()
    assert sessions.secret() == key  # a second process reads the same key
    assert sessions.verified_sender(sessions.issue("alice")) == "alice"


def test_processes_starting_together_agree_on_one_key(key_file: Path) -> None:
    code = "from channels import sessions; print(sessions.secret())"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "CAREERBOT_JWT_SECRET_FILE": str(key_file)}
    procs = [
        subprocess.Popen([sys.executable, "-c", code], env=env, stdout=subprocess.PIPE, text=True) for _ in range(4)
    ]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert keys == {key_file.read_text().strip()}


def test_kubernetes_pods_need_the_configured_secret(key_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KUBERNETES_SERVICE_HOST", "10.0.0.1")
    with pytest.raises(RuntimeError, match="CAREERBOT_JWT_SECRET"):
        sessions.secret()
    assert not key_file.exists()
    monkeypatch.setenv("CAREERBOT_JWT_SECRET", KEY)
    assert sessions.secret() == KEY


def test_the_configured_secret_wins(key_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CAREERBOT_JWT_SECRET", KEY)
    assert sessions.secret() == KEY and not key_file.exists()


@pytest.mark.parametrize(
    ("claims", "accepted"),
    [
        ({"sub": "alice", "aud": sessions.AUDIENCE, "exp": 10**10}, True),
        ({"sub": "alice", "aud": sessions.AUDIENCE}, False),  # no exp: never expires, refused
        ({"sub": "alice", "exp": 10**10}, False),  # no audience
        ({"sub": "alice", "aud": "another-service", "exp": 10**10}, False),
        ({"sub": "alice", "aud": sessions.AUDIENCE, "exp": 1}, False),  # expired
        ({"aud": sessions.AUDIENCE, "exp": 10**10}, False),  # names nobody
    ],
)
def test_tokens_need_exp_and_our_audience(claims: dict, accepted: bool) -> None:
    token = jwt.encode(claims, KEY, algorithm="HS256")
    assert (sessions.verified_sender(token, KEY) == "alice") is accepted
    assert sessions.verified_sender("Bearer " + token, "another-key-" + "x" * 32) is None
    none_alg = jwt.encode(claims, None, algorithm="none")
    assert sessions.verified_sender(none_alg, KEY) is None


@pytest.mark.parametrize(
    ("argv", "env", "needed"),
    [
        (["rasa", "run", "--interface", "127.0.0.1", "--endpoints", "endpoints.yml"], {}, False),  # make serve
        (["rasa", "shell", "--interface", "localhost"], {}, False),
        (["rasa", "run", "--interface", "::1"], {}, False),
        (["rasa", "run"], {}, True),  # rasa's own default interface is 0.0.0.0
        (["rasa", "run", "--interface", "0.0.0.0"], {}, True),  # BIND_HOST=0.0.0.0 make serve
        (["rasa", "run", "-i", "10.1.2.3"], {}, True),
        (["rasa", "run", "--interface", "127.0.0.1", "--endpoints", "/app/endpoints.prod.yml"], {}, True),
        (["rasa", "run", "--interface", "127.0.0.1"], {"KUBERNETES_SERVICE_HOST": "10.0.0.1"}, True),
        (["rasa", "run", "--interface", "127.0.0.1"], {"CAREERBOT_REST_TOKENS": "required"}, True),
    ],
)
def test_rest_needs_a_token_where_strangers_can_reach_it(argv: list, env: dict, needed: bool) -> None:
    assert sessions.rest_needs_token(argv, env) is needed


def test_origins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "http://127.0.0.1:8000 http://localhost:8000")
    assert sessions.origin_allowed(None) and sessions.origin_allowed("http://localhost:8000")
    assert not sessions.origin_allowed("http://evil.example")
    monkeypatch.delenv("CORS_ORIGINS")
    assert sessions.origin_allowed(None) and not sessions.origin_allowed("http://127.0.0.1:8000")


def test_the_command_line_issues_a_token(key_file: Path, capsys: pytest.CaptureFixture) -> None:
    assert sessions.main(["issue", "api-client-7", "--hours", "1"]) == 0
    token = capsys.readouterr().out.strip()
    assert sessions.verified_sender(token) == "api-client-7"
    claims = jwt.decode(token, sessions.secret(), algorithms=["HS256"], audience=sessions.AUDIENCE)
    assert 3500 <= claims["exp"] - claims["iat"] <= 3600


# ---------- the page server ----------


@pytest.fixture
def page(tmp_path: Path, key_file: Path) -> Iterator[str]:
    port = free_port()
    env = server_env(
        {
            "CAREERBOT_JWT_SECRET_FILE": str(key_file),
            "CAREERBOT_SESSIONS_BURST": "3",
            "CAREERBOT_SESSIONS_PER_MINUTE": "6",
            "CORS_ORIGINS": f"http://127.0.0.1:{port}",
            "WEB_QUIET": "1",
        }
    )
    env.pop("CAREERBOT_JWT_SECRET", None)
    log = tmp_path / "web.log"
    argv = page_server_command("127.0.0.1", port, "http://127.0.0.1:5005")
    proc = subprocess.Popen(argv, cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/config.js", proc, 30, log)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(10)


def issued(body: str) -> dict:
    return json.loads(re.search(r"var issued = (\{.*?\});", body).group(1))


def test_the_page_server_signs_with_the_shared_key_and_limits_issuance(page: str, key_file: Path) -> None:
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600  # generated by the page server on its first start
    first = requests.get(page + "/session.js", timeout=10)
    assert first.status_code == 200 and first.headers["Cache-Control"] == "no-store"
    pair = issued(first.text)
    claims = jwt.decode(pair["token"], key_file.read_text().strip(), algorithms=["HS256"], audience=sessions.AUDIENCE)
    assert claims["sub"] == pair["senderId"] and claims["exp"] > time.time() + 3600
    statuses = [requests.get(page + "/session.js", timeout=10).status_code for _ in range(3)]
    assert statuses == [200, 200, 429], statuses
    limited = requests.get(page + "/session.js", timeout=10)
    assert limited.status_code == 429 and int(limited.headers["Retry-After"]) >= 1 and '"token"' not in limited.text
    assert requests.get(page + "/", timeout=10).status_code == 200  # the page itself is not limited


def test_another_sites_page_gets_no_session(page: str) -> None:
    for headers in ({"Origin": "http://evil.example"}, {"Sec-Fetch-Site": "cross-site"}):
        refused = requests.get(page + "/session.js", headers=headers, timeout=10)
        assert refused.status_code == 403 and '"token"' not in refused.text, headers
    ok = requests.get(page + "/session.js", headers={"Sec-Fetch-Site": "same-origin", "Origin": page}, timeout=10)
    assert ok.status_code == 200 and issued(ok.text)["token"]


def test_concurrent_issuance_counts_every_request(page: str) -> None:
    statuses: list = []

    def fetch() -> None:
        statuses.append(requests.get(page + "/session.js", timeout=10).status_code)

    threads = [threading.Thread(target=fetch) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses.count(200) <= 4 and statuses.count(429) >= 4, statuses  # burst 3 (+1 refill at most)
