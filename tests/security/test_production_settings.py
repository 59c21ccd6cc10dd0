"""Production settings pass ``manage.py check --deploy``; sessions expire; the CSP has no unsafe-inline.

(The password policy — 10+ characters, not common, not all digits, not like the username, told in
Vietnamese next to the field — is tested in tuquan/accounts/tests/test_user_management.py.)
"""

import json
import os
import secrets
import subprocess  # nosec B404
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tuquan.accounts.testing import TEST_PASSWORD

ROOT = Path(__file__).resolve().parents[2]


def _production_env(tmp_path) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("TUQUAN_", "SECURE_"))}
    # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE for their own process; a deployment never has it.
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    env.update(
        TUQUAN_DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="tuquan.example.gov.vn",
        CSRF_TRUSTED_ORIGINS="https://tuquan.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'deploy.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings",
    )
    return env


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    done = subprocess.run(  # nosec B603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=_production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues" in done.stdout


def test_production_settings_secure_cookies_hsts_and_csp(tmp_path):
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({k: getattr(s, k) for k in ('DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', "
        "'SESSION_COOKIE_HTTPONLY', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', "
        "'X_FRAME_OPTIONS', 'SESSION_EXPIRE_AT_BROWSER_CLOSE', 'SESSION_COOKIE_AGE')} | "
        "{'csp': {k: [str(v) for v in vs] for k, vs in s.SECURE_CSP.items()}}))"
    )
    done = subprocess.run(  # nosec B603 - this interpreter, fixed arguments
        [sys.executable, "-c", script], cwd=ROOT, env=_production_env(tmp_path), capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"] and values["SESSION_COOKIE_HTTPONLY"]
    assert values["SECURE_SSL_REDIRECT"]
    assert values["SECURE_HSTS_SECONDS"] >= 31_536_000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["X_FRAME_OPTIONS"] == "DENY"
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] and values["SESSION_COOKIE_AGE"] <= 8 * 3600
    csp = values["csp"]
    assert all("unsafe" not in source for sources in csp.values() for source in sources), csp
    assert csp["script-src"] == ["'self'"] and csp["object-src"] == ["'none'"]


def test_production_refuses_to_start_without_a_secret_key(tmp_path):
    env = _production_env(tmp_path)
    env["SECRET_KEY"] = ""
    done = subprocess.run(  # nosec B603 - this interpreter, fixed arguments
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        check=False,
    )  # fmt: skip
    assert done.returncode != 0
    assert "SECRET_KEY must be set" in done.stderr


@pytest.mark.django_db
def test_every_page_carries_a_csp_without_unsafe_inline(client, users):
    client.force_login(users["pv05"])
    header = client.get(reverse("dashboards:home"))["Content-Security-Policy"]
    assert "script-src 'self'" in header
    assert "unsafe-inline" not in header and "unsafe-eval" not in header


@pytest.mark.django_db
def test_a_session_ends_with_the_browser_and_after_eight_hours_at_most(client, users):
    response = client.post(reverse("accounts:login"), {"username": "commune", "password": TEST_PASSWORD})
    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["max-age"] == "" and cookie["expires"] == "", "a browser-session cookie"
    assert cookie["httponly"]
    assert client.get(reverse("dashboards:home")).status_code == 200

    session = Session.objects.get(session_key=client.session.session_key)
    age = session.expire_date - timezone.now()
    assert timedelta(hours=7, minutes=59) < age <= timedelta(hours=8)

    # Eight hours later (the server-side expiry passes): the same cookie no longer opens anything.
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("dashboards:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


@pytest.mark.django_db
def test_logging_out_ends_the_session_on_the_server(client, users):
    client.post(reverse("accounts:login"), {"username": "commune", "password": TEST_PASSWORD})
    key = client.session.session_key
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get(reverse("dashboards:home")).status_code == 302
