"""``make audit``: pip-audit over the pinned, hashed requirements.txt, told apart from "could not ask".

pip-audit needs a vulnerability database on the network (PyPI's JSON API, or OSV). Police and
build machines are often offline or behind a proxy; there pip-audit either crashes on the
connection or — with PyPI — reports every package as "not found on PyPI" and then says "No known
vulnerabilities found", which reads like a pass. This script runs it with JSON output and decides:

- a known vulnerability in a pinned package → exit 1 with the package, version, id and fixed
  versions (unless its id is in ``IGNORED`` below with a reason);
- the database unreachable from every service tried → a loud "NOT AUDITED" notice and exit 0, so
  a network outage alone does not fail the build (docs/security.md says where to run it instead);
- otherwise exit 0 with how many packages were audited.

Run: ``.venv/bin/python tests/security/audit_dependencies.py`` (``make audit`` does).
"""

from __future__ import annotations

import json
import subprocess  # nosec B404 - runs pip-audit from this virtualenv with fixed arguments
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REQUIREMENTS = ROOT / "requirements.txt"
SERVICES = ("pypi", "osv")
TIMEOUT_SECONDS = 300
NOT_ON_INDEX = "not found on PyPI"

# Vulnerability id → why it does not apply to tuquan. Empty: add an entry only with a reason.
IGNORED: dict[str, str] = {}


@dataclass
class Outcome:
    reachable: bool
    audited: int = 0
    skipped: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    error: str = ""


def interpret(returncode: int, stdout: str, stderr: str) -> Outcome:
    """What one pip-audit run says (pure: tested in test_supply_chain.py)."""
    try:
        report = json.loads(stdout)
    except ValueError:
        last = (stderr.strip().splitlines() or [f"pip-audit exited with {returncode}"])[-1]
        return Outcome(reachable=False, error=last[:300])
    dependencies = report.get("dependencies", []) if isinstance(report, dict) else []
    outcome = Outcome(reachable=True)
    for dependency in dependencies:
        name, version = dependency.get("name", "?"), dependency.get("version", "?")
        if "skip_reason" in dependency:
            outcome.skipped.append(f"{name}: {dependency['skip_reason']}")
            continue
        outcome.audited += 1
        for vuln in dependency.get("vulns", []):
            if vuln.get("id") in IGNORED:
                continue
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed release yet"
            outcome.findings.append(f"{name} {version}: {vuln.get('id')} (fixed in: {fixes})")
    if dependencies and outcome.audited == 0 and all(NOT_ON_INDEX in s for s in outcome.skipped):
        outcome.reachable = False
        outcome.error = f"every package answered '{NOT_ON_INDEX}': the index's JSON API is not reachable"
    return outcome


def run_pip_audit(service: str) -> Outcome:
    command = [
        sys.executable, "-m", "pip_audit", "-r", str(REQUIREMENTS), "--require-hashes", "--disable-pip",
        "--vulnerability-service", service, "--format", "json", "--progress-spinner", "off",
    ]  # fmt: skip
    for vuln_id in IGNORED:
        command += ["--ignore-vuln", vuln_id]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)  # nosec B603
    except subprocess.TimeoutExpired:
        return Outcome(reachable=False, error=f"no answer within {TIMEOUT_SECONDS} s")
    return interpret(done.returncode, done.stdout, done.stderr)


def main() -> int:
    errors = []
    for service in SERVICES:
        outcome = run_pip_audit(service)
        if not outcome.reachable:
            errors.append(f"{service}: {outcome.error}")
            continue
        if outcome.findings:
            print(f"pip-audit ({service}): KNOWN VULNERABILITIES in pinned dependencies:")
            for line in outcome.findings:
                print(f"  - {line}")
            print("Upgrade the pin (requirements*.in, make lock) or list the id in IGNORED with a reason.")
            return 1
        print(f"pip-audit ({service}): no known vulnerabilities in {outcome.audited} pinned packages.")
        if outcome.skipped:
            print(f"  not audited ({len(outcome.skipped)}): " + "; ".join(outcome.skipped))
        return 0
    print("pip-audit: NOT AUDITED — no vulnerability database reachable from this machine:")
    for line in errors:
        print(f"  - {line}")
    print("  The build goes on (a network outage is not a finding); run `make audit` where PyPI or")
    print("  api.osv.dev is reachable (CI with network, or a release machine) — see docs/security.md.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
