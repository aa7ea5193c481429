"""Broken configuration fails fast with one clear line, and a protected HTTP API refuses strangers."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import requests
import yaml

from tests.e2e.servers import (
    ROOT,
    VENV_BIN,
    base_env,
    free_port,
    spawn_rasa_server,
    start_action_server,
    start_rasa_server,
)

pytestmark = pytest.mark.e2e


def test_malformed_kb_stops_the_action_server(tmp_path: Path):
    data = yaml.safe_load((ROOT / "actions" / "knowledge" / "careers.yml").read_text())
    data["salaries"]["bands"]["ml_engineer"]["senior"]["low"] = "a lot"
    bad = tmp_path / "careers.yml"
    bad.write_text(yaml.safe_dump(data))
    result = subprocess.run(
        [str(VENV_BIN / "python"), "-m", "rasa_sdk", "--actions", "actions", "--port", str(free_port())],
        cwd=ROOT,
        env=base_env(CAREERBOT_KB=str(bad)),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    line = next(ln for ln in result.stderr.splitlines() if "careerbot: refusing to start" in ln)
    assert str(bad) in line and "salaries.bands.ml_engineer.senior.low" in line
    assert "Traceback" not in result.stderr


def test_enabled_api_requires_the_token(tmp_path: Path):
    actions = start_action_server(tmp_path)
    rasa = start_rasa_server(tmp_path, actions.port, extra_args=["--enable-api", "--auth-token", "s3cret"])
    try:
        url = f"http://127.0.0.1:{rasa.port}/status"
        assert requests.get(url, timeout=10).status_code == 401
        assert requests.get(url, params={"token": "wrong"}, timeout=10).status_code == 401
        assert requests.get(url, params={"token": "s3cret"}, timeout=10).status_code == 200
    finally:
        rasa.stop()
        actions.stop()


def test_unreachable_tracker_store_stops_start_up_with_one_clear_line(tmp_path: Path):
    """Rasa's own SQL store retries a dead database forever; careerbot's gives up after connect_timeout."""
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        yaml.safe_dump(
            {
                "action_endpoint": {"url": f"http://127.0.0.1:{free_port()}/webhook"},
                "tracker_store": {
                    "type": "stores.tracker_store.CareerbotSQLTrackerStore",
                    "dialect": "postgresql",
                    "url": "127.0.0.1",
                    "port": free_port(),  # nothing listens there
                    "db": "careerbot",
                    "username": "careerbot",
                    "password": "do-not-print-me",
                    "connect_timeout": 4,
                },
            }
        )
    )
    rasa = spawn_rasa_server(tmp_path, free_port(), endpoints=str(endpoints))
    try:
        returncode = rasa.proc.wait(timeout=240)  # model loading dominates; the wait itself is 4 s
    finally:
        rasa.stop()
    output = rasa.log.read_text()
    assert returncode != 0
    # Sanic logs the traceback first; Rasa's own error line (what a person reads last) is the one-liner.
    line = next((ln for ln in output.splitlines() if "TrackerStoreUnavailable: " in ln), None)
    assert line is not None, output[-3000:]
    assert "cannot reach its tracker store (postgresql database 'careerbot' at 127.0.0.1:" in line
    assert "Connection refused" in line
    assert "do-not-print-me" not in output
