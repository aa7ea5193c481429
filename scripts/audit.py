#!/usr/bin/env python3
"""Audit the pins of the lock files (requirements.lock, requirements.nodeps.lock, web/package-lock.json) against
security/advisories.yml.

    scripts/audit.py                              print the findings table
    scripts/audit.py --report reports/audit.md    also write the Markdown report (`make audit`)
    scripts/audit.py --online                     also run pip-audit, when it is on PATH and OSV is reachable
    options: --lock FILE (repeatable; default both Python lock files), --npm-lock FILE (default
    web/package-lock.json; "none" skips it), --snapshot FILE (default security/advisories.yml)

The snapshot is a dated, hand-compiled copy of the advisories that concern our pins (see its header for what
it covers and how to refresh it). A finding is a pin inside an advisory's affected range; it is mitigated
when the snapshot entry has a `mitigation` note written for this deployment. Withdrawn advisories are shown
but not counted.

npm packages (the chat widget's lock) are matched against entries with `ecosystem: npm`. A pass only covers
advisories published up to the snapshot's `data_through`; when that is older than the newest pinned release
(`lock_newest_release`), the data cannot know that release's advisories and the audit says STALE.

Exit codes: 0 every finding is mitigated (or there is none), 1 an unmitigated finding (e.g. a pin moved into
a known range, or a new advisory without a note), 2 a usage or parse error (one line on stderr), 3 no
unmitigated finding but the advisory data is STALE (older than the newest pinned release): not a pass.
"""

from __future__ import annotations

import argparse
import datetime
import json
import re
import shutil
import subprocess
import sys
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn, Sequence

import yaml
from packaging.specifiers import InvalidSpecifier, Specifier, SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parents[1]
# Both lock files `make setup` installs: the second (installed with --no-deps) holds the sentence encoder's two model
# packages (its tokenizer and its int8 ONNX weights).
DEFAULT_LOCKS = [ROOT / "requirements.lock", ROOT / "requirements.nodeps.lock"]
DEFAULT_NPM_LOCK = ROOT / "web" / "package-lock.json"
DEFAULT_SNAPSHOT = ROOT / "security" / "advisories.yml"
ONLINE_TIMEOUT_SECONDS = 300
TABLE_WIDTH = 120

# name[extras]==version, optionally followed by an environment marker; nothing else is a pin.
PIN_RE = re.compile(
    r"^(?P<name>[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)(?:\[[^\]]*\])?\s*==\s*(?P<version>[^\s;]+)\s*(?:;.*)?$"
)
UNREACHABLE_HINTS = (
    "connection",
    "max retries",
    "name or service not known",
    "temporary failure in name resolution",
    "timed out",
    "network is unreachable",
    "404",
    "serviceerror",
)


class AuditError(Exception):
    """A usage or parse error, reported as one line with exit code 2."""


@dataclass(frozen=True)
class Pin:
    """One `name==version` line of the lock file."""

    name: str
    version: Version
    line: int
    ecosystem: str = "PyPI"

    @property
    def key(self) -> tuple[str, str]:
        return self.ecosystem, package_key(self.ecosystem, self.name)


def package_key(ecosystem: str, name: str) -> str:
    """PyPI names are compared normalized (PEP 503); npm names are already canonical (lowercase, maybe @scope/)."""
    return canonicalize_name(name) if ecosystem == "PyPI" else name.lower()


@dataclass(frozen=True)
class Advisory:
    """One snapshot entry: the ranges it affects and, for matching ones, what it means for this deployment."""

    id: str
    package: str
    affected: tuple[SpecifierSet, ...]
    fixed: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    summary: str = ""
    mitigation: str = ""
    withdrawn: str = ""
    source: str = ""
    ecosystem: str = "PyPI"

    def affects(self, version: Version) -> bool:
        return any(spec.contains(version, prereleases=True) for spec in self.affected)


@dataclass(frozen=True)
class Finding:
    """A pinned version inside an advisory's affected range."""

    pin: Pin
    advisory: Advisory

    @property
    def mitigated(self) -> bool:
        return bool(self.advisory.mitigation.strip())

    @property
    def fixed_in(self) -> str:
        return ", ".join(self.advisory.fixed) or "no fix listed"


@dataclass
class Snapshot:
    """The parsed security/advisories.yml."""

    path: Path
    source: str
    date: str
    data_through: str  # publication date of the newest advisory the snapshot's sources held
    refresh: str
    deployment: str
    known_gaps: list[str]
    advisories: list[Advisory]
    lock_newest_release: str = "unknown"  # upload date of the newest pinned release, as the snapshot recorded it
    lock_newest_package: str = ""

    @property
    def stale(self) -> bool:
        """True when the advisory data ends before the newest pinned release came out."""
        try:
            return datetime.date.fromisoformat(self.data_through) < datetime.date.fromisoformat(
                self.lock_newest_release
            )
        except ValueError:
            return True  # unknown dates: nothing shows the data is recent enough


@dataclass
class OnlineResult:
    """What pip-audit said, if it could run: a status line and the vulnerabilities it reported."""

    status: str
    ran: bool = False
    vulns: list[tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = field(default_factory=list)


@dataclass
class Audit:
    """The outcome of matching the pins against the snapshot."""

    pins: list[Pin]
    snapshot: Snapshot
    findings: list[Finding]
    withdrawn: list[Finding]
    online: OnlineResult | None = None
    online_unmitigated: list[str] = field(default_factory=list)
    unparsed_npm: list[str] = field(default_factory=list)

    def count(self, ecosystem: str) -> int:
        return sum(1 for pin in self.pins if pin.ecosystem == ecosystem)

    @property
    def unmitigated(self) -> list[Finding]:
        return [f for f in self.findings if not f.mitigated]

    @property
    def exit_code(self) -> int:
        if self.unmitigated or self.online_unmitigated:
            return 1
        return 3 if self.snapshot.stale else 0


def display(path: Path) -> str:
    """The path relative to the repository (or the working directory) when it is inside it."""
    for base in (ROOT, Path.cwd()):
        try:
            return str(path.resolve().relative_to(base))
        except ValueError:
            continue
    return str(path)


def parse_lock(text: str, origin: str = "requirements.lock") -> list[Pin]:
    """The pins of a pip-freeze style lock file; AuditError on anything that is not `name==version`."""
    pins: list[Pin] = []
    seen: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        match = PIN_RE.match(line)
        if match is None:
            raise AuditError(f"{origin}:{number}: cannot parse {line!r} (expected name==version)")
        name, version_text = match.group("name"), match.group("version")
        try:
            version = Version(version_text)
        except InvalidVersion:
            raise AuditError(f"{origin}:{number}: {name} has an invalid version {version_text!r}") from None
        pin = Pin(name, version, number)
        if pin.key[1] in seen:
            raise AuditError(f"{origin}:{number}: {name} is already pinned on line {seen[pin.key[1]]}")
        seen[pin.key[1]] = number
        pins.append(pin)
    if not pins:
        raise AuditError(f"{origin}: no name==version pins found")
    return pins


def parse_npm_lock(text: str, origin: str = "web/package-lock.json") -> tuple[list[Pin], list[str]]:
    """Every installed package of an npm lock file (v2/v3 `packages`), and the name@version strings whose version
    is not a plain release number (not matched, listed in the report)."""
    try:
        data = json.loads(text)
    except ValueError:
        raise AuditError(f"{origin}: not valid JSON") from None
    packages = data.get("packages") if isinstance(data, dict) else None
    if not isinstance(packages, dict) or not packages:
        raise AuditError(f"{origin}: no `packages` (lockfileVersion 2 or 3 expected)")
    pins: list[Pin] = []
    unparsed: list[str] = []
    seen: set[tuple[str, str]] = set()
    for number, (path, entry) in enumerate(packages.items(), start=1):
        if not path or not isinstance(entry, dict) or entry.get("link") or "node_modules/" not in path:
            continue
        name, version_text = path.rsplit("node_modules/", 1)[1], str(entry.get("version", ""))
        if (name, version_text) in seen:
            continue
        seen.add((name, version_text))
        try:
            pins.append(Pin(name, Version(version_text), number, "npm"))
        except InvalidVersion:
            unparsed.append(f"{name}@{version_text}")
    return pins, unparsed


def strict_specifier_set(text: str) -> SpecifierSet:
    """A PEP 440 specifier set; InvalidSpecifier for anything else (older packaging would accept legacy forms)."""
    parts = [part.strip() for part in text.split(",")]
    if not all(parts):
        raise InvalidSpecifier(f"Invalid specifier: {text!r}")
    for part in parts:
        Specifier(part)
    return SpecifierSet(text)


def _strings(value: Any, where: str, what: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(item, (str, int, float)) for item in value):
        raise AuditError(f"{where}: `{what}` must be a list of strings")
    return tuple(str(item) for item in value)


def _advisory(entry: Any, package: str | None, where: str) -> Advisory:
    if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
        raise AuditError(f"{where}: every entry needs an `id`")
    where = f"{where}: {entry['id']}"
    package = package or entry.get("package")
    if not isinstance(package, str) or not package:
        raise AuditError(f"{where}: `package` is missing")
    ranges = _strings(entry.get("affected"), where, "affected")
    if not ranges:
        raise AuditError(f"{where}: `affected` needs at least one specifier set")
    try:
        affected = tuple(strict_specifier_set(spec) for spec in ranges)
    except InvalidSpecifier as error:
        raise AuditError(f"{where}: invalid specifier ({error})") from None
    text = {key: entry.get(key) or "" for key in ("summary", "mitigation", "withdrawn", "source")}
    if isinstance(text["withdrawn"], datetime.date):  # an unquoted YAML date
        text["withdrawn"] = text["withdrawn"].isoformat()
    if not all(isinstance(value, str) for value in text.values()):
        raise AuditError(f"{where}: summary, mitigation, withdrawn and source must be strings")
    ecosystem = str(entry.get("ecosystem") or "PyPI")
    if ecosystem not in ("PyPI", "npm"):
        raise AuditError(f"{where}: `ecosystem` must be PyPI or npm")
    return Advisory(
        id=entry["id"],
        package=package_key(ecosystem, package),
        ecosystem=ecosystem,
        affected=affected,
        fixed=_strings(entry.get("fixed"), where, "fixed"),
        aliases=_strings(entry.get("aliases"), where, "aliases"),
        **{key: " ".join(value.split()) for key, value in text.items()},
    )


def load_snapshot(path: Path) -> Snapshot:
    """Parse the advisory snapshot; AuditError when it is missing or malformed."""
    where = display(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise AuditError(f"{where}: cannot read ({error.strerror})") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise AuditError(f"{where}: not valid YAML{at}") from None
    if not isinstance(data, dict) or not isinstance(data.get("advisories"), list):
        raise AuditError(f"{where}: expected a mapping with an `advisories` list")
    checked = data.get("checked") or {}
    if not isinstance(checked, dict):
        raise AuditError(f"{where}: `checked` must map package names to lists of entries")
    advisories = [_advisory(entry, None, where) for entry in data["advisories"]]
    for advisory in advisories:
        if not advisory.summary:
            raise AuditError(f"{where}: {advisory.id}: `summary` is missing")
    for package, entries in checked.items():
        if not isinstance(entries, list):
            raise AuditError(f"{where}: checked.{package} must be a list")
        advisories.extend(_advisory(entry, str(package), where) for entry in entries)
    gaps = data.get("known_gaps") or []
    return Snapshot(
        path=path,
        source=str(data.get("source", "")),
        date=str(data.get("snapshot_date", "unknown")),
        data_through=str(data.get("data_through", "unknown")),
        refresh=" ".join(str(data.get("refresh", "")).split()),
        deployment=" ".join(str(data.get("deployment", "")).split()),
        known_gaps=[" ".join(str(gap).split()) for gap in gaps],
        advisories=advisories,
        lock_newest_release=str((data.get("lock_newest_release") or {}).get("date", "unknown")),
        lock_newest_package=str((data.get("lock_newest_release") or {}).get("package", "")),
    )


def audit(pins: Sequence[Pin], snapshot: Snapshot) -> Audit:
    """Match every pin against every snapshot entry for its package."""
    by_package: dict[tuple[str, str], list[Advisory]] = {}
    for advisory in snapshot.advisories:
        by_package.setdefault((advisory.ecosystem, advisory.package), []).append(advisory)
    findings: list[Finding] = []
    withdrawn: list[Finding] = []
    for pin in pins:
        for advisory in by_package.get(pin.key, []):
            if advisory.affects(pin.version):
                (withdrawn if advisory.withdrawn else findings).append(Finding(pin, advisory))
    return Audit(list(pins), snapshot, findings, withdrawn)


def _merge_online(results: list[OnlineResult]) -> OnlineResult:
    """One result for several lock files: it ran only if pip-audit answered for every one of them."""
    if len(results) == 1:
        return results[0]
    statuses = list(dict.fromkeys(result.status for result in results))
    merged = OnlineResult("; ".join(statuses), ran=all(result.ran for result in results))
    for result in results:
        merged.vulns += result.vulns
    return merged


def run_pip_audit(lock: Path) -> OnlineResult:
    """Run pip-audit on the lock file (no resolution, no pip) and say plainly when it could not reach OSV."""
    executable = shutil.which("pip-audit")
    if executable is None:
        return OnlineResult("skipped: pip-audit is not on PATH (pip install pip-audit)")
    command = [executable, "-r", str(lock), "--no-deps", "--disable-pip", "-f", "json", "--progress-spinner", "off"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=ONLINE_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        return OnlineResult(f"vulnerability service unreachable: pip-audit gave no answer in {ONLINE_TIMEOUT_SECONDS}s")
    try:
        report = json.loads(done.stdout)
    except ValueError:
        lines = [line.strip() for line in (done.stderr or done.stdout).splitlines() if line.strip()]
        last = lines[-1] if lines else f"exit code {done.returncode}"
        if any(hint in (done.stderr or "").lower() for hint in UNREACHABLE_HINTS):
            return OnlineResult(f"vulnerability service unreachable: {last}")
        return OnlineResult(f"pip-audit failed: {last}")
    dependencies = report.get("dependencies", []) if isinstance(report, dict) else report
    result = OnlineResult("ran: pip-audit answered", ran=True)
    for dependency in dependencies:
        for vuln in dependency.get("vulns", []):
            result.vulns.append(
                (
                    str(dependency.get("name")),
                    str(dependency.get("version")),
                    str(vuln.get("id")),
                    tuple(str(alias) for alias in vuln.get("aliases", [])),
                    tuple(str(fix) for fix in vuln.get("fix_versions", [])),
                )
            )
    return result


def cross_check(result: Audit) -> None:
    """Online findings that no mitigated snapshot entry covers (by id or alias) count as unmitigated."""
    if result.online is None:
        return
    known = set()
    for finding in result.findings + result.withdrawn:
        if finding.mitigated or finding.advisory.withdrawn:
            known.update({finding.advisory.id, *finding.advisory.aliases})
    for name, version, vuln_id, aliases, _ in result.online.vulns:
        if not known.intersection({vuln_id, *aliases}):
            result.online_unmitigated.append(f"{name} {version} {vuln_id}")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def format_table(result: Audit) -> str:
    """The findings as a plain-text table for the terminal, mitigation notes wrapped under their column."""
    rows = [("package", "version", "advisory", "fixed in", "mitigation note")]
    for finding in result.findings:
        note = finding.advisory.mitigation if finding.mitigated else "NONE: unmitigated"
        rows.append((finding.pin.name, str(finding.pin.version), finding.advisory.id, finding.fixed_in, note))
    widths = [max(len(row[column]) for row in rows) for column in range(4)]
    indent = sum(widths) + 2 * 4
    lines = []
    for row in rows:
        head = "  ".join(cell.ljust(width) for cell, width in zip(row[:4], widths, strict=True))
        wrapped = textwrap.wrap(row[4], max(TABLE_WIDTH - indent, 40)) or [""]
        lines.append(f"{head}  {wrapped[0]}".rstrip())
        lines.extend(" " * indent + rest for rest in wrapped[1:])
    return "\n".join(lines)


def data_age(snapshot: Snapshot, today: datetime.date) -> str:
    """How old the advisory data is: a pass only covers advisories published up to that date."""
    try:
        through = datetime.date.fromisoformat(snapshot.data_through)
    except ValueError:
        return "Advisory data: newest entry's date unknown; advisories published after the snapshot are not checked."
    text = (
        f"Advisory data through {through.isoformat()} ({(today - through).days} days before today): advisories "
        "published later are NOT checked; refresh the snapshot (see its `refresh` field)."
    )
    if snapshot.stale:
        newest = f"{snapshot.lock_newest_package} " if snapshot.lock_newest_package else ""
        text += (
            f" STALE: the newest pinned release ({newest}{snapshot.lock_newest_release}) is newer than the data, "
            "so this is not a pass (exit code 3)."
        )
    return text


def format_summary(result: Audit, lock_name: str) -> str:
    """The terminal output: header, table, withdrawn entries, online status and the verdict."""
    snapshot = result.snapshot
    out = [
        f"Audit of {lock_name} ({result.count('PyPI')} PyPI + {result.count('npm')} npm pins) against "
        f"{display(snapshot.path)} "
        f"(snapshot {snapshot.date}, {len(snapshot.advisories)} advisories)",
        data_age(snapshot, datetime.date.today()),
        "",
    ]
    out.append(format_table(result) if result.findings else "No pinned version is inside a known affected range.")
    if result.withdrawn:
        listed = ", ".join(f"{f.advisory.id} ({f.pin.name} {f.pin.version})" for f in result.withdrawn)
        out += ["", f"Withdrawn advisories, not counted: {listed}"]
    if result.online is not None:
        out += ["", f"Online check (pip-audit): {result.online.status}"]
        if result.online.ran:
            out.append(f"  {len(result.online.vulns)} reported, {len(result.online_unmitigated)} not in the snapshot")
            out += [f"  not in the snapshot: {item}" for item in result.online_unmitigated]
    mitigated = len(result.findings) - len(result.unmitigated)
    out += ["", f"{len(result.findings)} finding(s): {mitigated} mitigated, {len(result.unmitigated)} unmitigated."]
    if result.exit_code == 3:
        out.append("STALE advisory data: no unmitigated finding in it, but it predates the newest pinned release.")
    for finding in result.unmitigated:
        out.append(
            f"UNMITIGATED: {finding.pin.name} {finding.pin.version} {finding.advisory.id} (fixed in "
            f"{finding.fixed_in}): upgrade, or add a `mitigation` note to {display(snapshot.path)}"
        )
    return "\n".join(out)


def format_report(result: Audit, lock_name: str, today: str) -> str:
    """The Markdown report written by --report."""
    snapshot = result.snapshot
    matched = [f.advisory.id for f in result.findings]
    packages = {advisory.package for advisory in snapshot.advisories}
    verdict = {
        0: "pass: every finding has a mitigation note",
        1: "fail: unmitigated findings",
        3: "not a pass: every finding has a mitigation note, but the advisory data is STALE",
    }[result.exit_code]
    out = [
        "# Dependency audit",
        "",
        f"Generated on {today} by `make audit` (`scripts/audit.py --report`) from `{lock_name}` and "
        f"`{display(snapshot.path)}`; offline, nothing was fetched.",
        "",
        f"- Advisory snapshot: {snapshot.date}; source: {snapshot.source}.",
        f"- {data_age(snapshot, datetime.date.fromisoformat(today))}",
        f"- Pins checked: {len(result.pins)} ({result.count('PyPI')} PyPI, {result.count('npm')} npm).",
        f"- Advisories in the snapshot: {len(snapshot.advisories)}, for {len(packages)} packages.",
        f"- Advisories matched: {len(matched)}" + (f" ({', '.join(matched)})" if matched else "") + ".",
        f"- Unmitigated: {len(result.unmitigated)}. Result: {verdict} (exit code {result.exit_code}).",
    ]
    if result.withdrawn:
        withdrawn = ", ".join(f.advisory.id for f in result.withdrawn)
        out.append(f"- Withdrawn advisories that match a pin (not counted): {len(result.withdrawn)} ({withdrawn}).")
    if result.unparsed_npm:
        out.append(f"- npm versions not matched (not release numbers): {', '.join(result.unparsed_npm)}.")
    out += ["", "## Findings", ""]
    if result.findings:
        out += [
            "| Package | Version | Advisory | Fixed in | Summary | Mitigation |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for finding in result.findings:
            advisory = finding.advisory
            name = advisory.id + (f" ({', '.join(advisory.aliases)})" if advisory.aliases else "")
            note = advisory.mitigation if finding.mitigated else "**none: unmitigated**"
            cells = (finding.pin.name, str(finding.pin.version), name, finding.fixed_in, advisory.summary, note)
            out.append("| " + " | ".join(_cell(cell) for cell in cells) + " |")
    else:
        out.append("No pinned version is inside a known affected range.")
    if result.withdrawn:
        out += ["", "## Withdrawn advisories (not counted)", ""]
        out += [
            f"- {f.advisory.id} ({f.pin.name} {f.pin.version}, withdrawn {f.advisory.withdrawn}): {f.advisory.summary}"
            for f in result.withdrawn
        ]
    if result.online is not None:
        out += ["", "## Online check (pip-audit)", "", result.online.status + "."]
        out += [f"- not in the snapshot: {item}" for item in result.online_unmitigated]
    out += ["", "## How this deployment mitigates them", "", snapshot.deployment or "(not described)"]
    out += ["", "## Known gaps", ""] + [f"- {gap}" for gap in snapshot.known_gaps]
    out += ["", "## Refreshing the snapshot", "", snapshot.refresh or "(not described)", ""]
    return "\n".join(out)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(2, f"audit.py: {message} (see --help)\n")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the audit; the return value is the process exit code."""
    parser = _Parser(description="Audit the lock files against security/advisories.yml (offline).")
    parser.add_argument(
        "--lock", type=Path, action="append", help="pip-freeze lock file (repeatable; default: both of make setup's)"
    )
    parser.add_argument(
        "--npm-lock", default=str(DEFAULT_NPM_LOCK), help='npm lock file (default web/package-lock.json; "none" skips)'
    )
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT, help="advisory snapshot (YAML)")
    parser.add_argument("--report", type=Path, help="also write a Markdown report here")
    parser.add_argument("--online", action="store_true", help="also run pip-audit (needs network access to OSV)")
    args = parser.parse_args(argv)
    try:
        locks = args.lock or DEFAULT_LOCKS
        lock_name = " + ".join(display(lock) for lock in locks)
        pins: list[Pin] = []
        for lock in locks:
            try:
                lock_text = lock.read_text(encoding="utf-8")
            except OSError as error:
                raise AuditError(f"{display(lock)}: cannot read ({error.strerror})") from None
            pins += parse_lock(lock_text, display(lock))
        unparsed: list[str] = []
        if args.npm_lock != "none":
            npm_lock = Path(args.npm_lock)
            try:
                npm_text = npm_lock.read_text(encoding="utf-8")
            except OSError as error:
                raise AuditError(f"{display(npm_lock)}: cannot read ({error.strerror})") from None
            npm_pins, unparsed = parse_npm_lock(npm_text, display(npm_lock))
            pins += npm_pins
            lock_name += f" + {display(npm_lock)}"
        result = audit(pins, load_snapshot(args.snapshot))
        result.unparsed_npm = unparsed
        if args.online:
            result.online = _merge_online([run_pip_audit(lock) for lock in locks])
            cross_check(result)
        if args.report is not None:
            report = format_report(result, lock_name, datetime.date.today().isoformat())
            try:
                args.report.parent.mkdir(parents=True, exist_ok=True)
                args.report.write_text(report, encoding="utf-8")
            except OSError as error:
                raise AuditError(f"{args.report}: cannot write the report ({error.strerror})") from None
    except AuditError as error:
        print(f"audit.py: {error}", file=sys.stderr)
        return 2
    print(format_summary(result, lock_name))
    if args.report is not None:
        print(f"\nReport written to {display(args.report)}")
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main())
