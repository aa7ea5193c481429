"""serving/action_server.py: the token check's pieces (the real server is probed in tests/e2e/test_hostile_ids.py)."""

from __future__ import annotations

import pytest

from serving.action_server import TOKEN_HEADER, authorised, token_from_env


def test_only_the_exact_token_is_authorised() -> None:
    token = "s3cret-" * 4
    assert authorised({TOKEN_HEADER: token}, token)
    for offered in ({}, {TOKEN_HEADER: ""}, {TOKEN_HEADER: token[:-1]}, {TOKEN_HEADER: token + "x"},
                    {TOKEN_HEADER: "pt\udfff"}):  # fmt: skip
        assert not authorised(offered, token)


@pytest.mark.parametrize("value", [None, "", "short"])
def test_the_server_refuses_to_start_without_a_real_token(monkeypatch, value) -> None:
    if value is None:
        monkeypatch.delenv("CAREERBOT_ACTION_TOKEN", raising=False)
    else:
        monkeypatch.setenv("CAREERBOT_ACTION_TOKEN", value)
    with pytest.raises(SystemExit) as stop:
        token_from_env()
    assert "CAREERBOT_ACTION_TOKEN" in str(stop.value)
