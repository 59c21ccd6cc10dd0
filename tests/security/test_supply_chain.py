"""The dependency audit fails on a real finding and only on that: an unreachable database is a
notice, not a pass in disguise and not a failure (tests/security/audit_dependencies.py)."""

import json

from tests.security import audit_dependencies as audit


def _report(*dependencies):
    return json.dumps({"dependencies": list(dependencies), "fixes": []})


def test_a_known_vulnerability_is_a_finding():
    stdout = _report(
        {"name": "django", "version": "6.1.3", "vulns": [{"id": "PYSEC-2099-1", "fix_versions": ["6.1.4"]}]},
        {"name": "openpyxl", "version": "3.1.5", "vulns": []},
    )
    outcome = audit.interpret(1, stdout, "")
    assert outcome.reachable
    assert outcome.audited == 2
    assert outcome.findings == ["django 6.1.3: PYSEC-2099-1 (fixed in: 6.1.4)"]


def test_a_vulnerability_listed_with_a_reason_is_not_a_finding(monkeypatch):
    monkeypatch.setattr(audit, "IGNORED", {"PYSEC-2099-1": "only the unused GIS module"})
    stdout = _report({"name": "django", "version": "6.1.3", "vulns": [{"id": "PYSEC-2099-1", "fix_versions": []}]})
    assert audit.interpret(1, stdout, "").findings == []


def test_every_package_not_found_on_the_index_means_unreachable_not_clean():
    stdout = _report(
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (6.1.3)"},
        {"name": "segno", "skip_reason": "Dependency not found on PyPI and could not be audited: segno (1.6.6)"},
    )
    outcome = audit.interpret(0, stdout, "")
    assert not outcome.reachable
    assert "not reachable" in outcome.error


def test_a_connection_error_is_unreachable():
    stderr = "Traceback …\nrequests.exceptions.ConnectionError: Failed to resolve 'api.osv.dev'"
    outcome = audit.interpret(1, "", stderr)
    assert not outcome.reachable
    assert "api.osv.dev" in outcome.error


def test_main_fails_on_a_finding_and_passes_when_nothing_answers(monkeypatch, capsys):
    finding = audit.Outcome(reachable=True, audited=3, findings=["x 1.0: GHSA-1 (fixed in: 1.1)"])
    monkeypatch.setattr(audit, "run_pip_audit", lambda service: finding)
    assert audit.main() == 1
    assert "KNOWN VULNERABILITIES" in capsys.readouterr().out

    down = audit.Outcome(reachable=False, error="Name or service not known")
    monkeypatch.setattr(audit, "run_pip_audit", lambda service: down)
    assert audit.main() == 0
    assert "NOT AUDITED" in capsys.readouterr().out

    calls = []
    clean = audit.Outcome(reachable=True, audited=90)

    def pypi_down(service):
        calls.append(service)
        return down if service == "pypi" else clean

    monkeypatch.setattr(audit, "run_pip_audit", pypi_down)
    assert audit.main() == 0
    assert calls == ["pypi", "osv"], "falls back to OSV when PyPI does not answer"
    assert "no known vulnerabilities in 90" in capsys.readouterr().out
