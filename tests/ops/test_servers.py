"""ops.servers: one command line per server, for `make serve` (wrapped) and for tests/eval/bench (direct)."""

from __future__ import annotations

import os

import pytest

from ops import servers


def test_rasa_run_command_direct_and_wrapped_differ_only_in_the_launcher() -> None:
    direct = servers.rasa_run_command("m.tar.gz", 5005, endpoints="e.yml", extra_args=["--debug"], cors=["http://a"])
    wrapped = servers.rasa_run_command(
        "m.tar.gz", 5005, endpoints="e.yml", extra_args=["--debug"], cors=["http://a"], wrapped=True
    )
    assert direct[0] == servers.RASA and wrapped[:3] == [servers.PYTHON, servers.WRAPPER, "rasa"]
    assert direct[1:] == wrapped[3:]
    assert direct[1:] == [
        "run", "--model", "m.tar.gz", "--interface", "127.0.0.1", "--port", "5005",
        "--credentials", "credentials.yml", "--endpoints", "e.yml", "--debug", "--cors", "http://a",
    ]  # fmt: skip


def test_no_cors_flag_unless_origins_are_given() -> None:
    assert "--cors" not in servers.rasa_run_command("m", 1)
    assert servers.rasa_run_command("m", 1, cors=[])[-1] == "--cors"  # as scripts/serve.sh passes it


def test_action_server_command_always_goes_through_the_wrapper() -> None:
    """The wrapper installs the token check (serving/action_server.py): no way to start an open action server."""
    expected = [servers.PYTHON, servers.WRAPPER, "rasa_sdk", "--actions", "actions", "--port", "5055"]
    assert servers.action_server_command(5055) == expected == servers.action_server_command(5055, wrapped=True)


def test_server_env_shares_one_action_token(monkeypatch) -> None:
    monkeypatch.delenv("CAREERBOT_ACTION_TOKEN", raising=False)
    first, second = servers.server_env(), servers.server_env()
    assert (
        len(first["CAREERBOT_ACTION_TOKEN"]) == 64
        and first["CAREERBOT_ACTION_TOKEN"] == second["CAREERBOT_ACTION_TOKEN"]
    )


def test_server_env_puts_the_project_first_on_pythonpath_once(monkeypatch) -> None:
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(servers.ROOT), "/elsewhere"]))
    env = servers.server_env({"ACTIONS_PORT": "1"}, host="0.0.0.0")
    assert env["PYTHONPATH"] == os.pathsep.join([str(servers.ROOT), "/elsewhere"])
    assert (env["SANIC_HOST"], env["ACTIONS_PORT"], env["RASA_TELEMETRY_ENABLED"]) == ("0.0.0.0", "1", "false")


def test_free_port_is_bindable() -> None:
    import socket

    port = servers.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_isolated_endpoints_moves_only_the_sqlite_file(tmp_path) -> None:
    real = (servers.ROOT / "endpoints.yml").read_text()
    copy = servers.isolated_endpoints(tmp_path).read_text()
    assert f"db: {tmp_path.resolve() / 'careerbot.db'}" in copy and servers.DEFAULT_SQLITE_DB not in copy
    assert copy.replace(str(tmp_path.resolve() / "careerbot.db"), servers.DEFAULT_SQLITE_DB) == real


def test_isolated_endpoints_says_when_endpoints_yml_changed(tmp_path, monkeypatch) -> None:
    (tmp_path / "endpoints.yml").write_text("tracker_store:\n  type: SQL\n  db: elsewhere.db\n")
    monkeypatch.setattr(servers, "ROOT", tmp_path)
    with pytest.raises(ValueError, match="no longer has the line 'db: var/careerbot.db'"):
        servers.isolated_endpoints(tmp_path / "out")
