"""Optional TOTP two-factor: enrol from the account page, a code after the password, backup codes,
turning it off, an administrator's reset, the shared lockout counter, and the enforcing setting."""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tuquan.accounts import services
from tuquan.accounts.testing import TEST_PASSWORD

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
CODE_URL = reverse("accounts:login_code")
PAGE_URL = reverse("accounts:two_factor")
HOME_URL = reverse("dashboards:home")


class Clock:
    """The TOTP plugin's clock, moved by the test (codes are single-use per 30-second step)."""

    def __init__(self, now: float):
        self.now = now

    def time(self) -> float:
        return self.now

    def tick(self, steps: int = 1) -> None:
        self.now += 30 * steps


@pytest.fixture
def clock(monkeypatch):
    clock = Clock(1_780_000_000.0)
    monkeypatch.setattr("django_otp.plugins.otp_totp.models.time", clock)
    return clock


@pytest.fixture
def no_backoff(settings):
    """django-otp waits 1, 2, 4 … s after a wrong code; tests that retry at once switch it off."""
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code_for(device: TOTPDevice, clock: Clock) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now
    return f"{totp.token():06d}"


def wrong_code(device: TOTPDevice, clock: Clock) -> str:
    right = {code_for(device, Clock(clock.now + 30 * offset)) for offset in (-1, 0, 1)}
    return next(f"{n:06d}" for n in range(1_000_000) if f"{n:06d}" not in right)


def enrol(user, clock) -> tuple[TOTPDevice, list[str]]:
    services.two_factor_start(user=user)
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    device, codes = services.two_factor_confirm(user=user, code=code_for(device, clock))
    clock.tick()
    return device, codes


def password_step(client, username, next_url=None):
    data = {"username": username, "password": TEST_PASSWORD}
    if next_url:
        data["next"] = next_url
    return client.post(LOGIN_URL, data)


# --------------------------------------------------------------------------- enrolment


def test_officer_enrols_by_scanning_the_qr_code_and_confirming_a_code(client, users, clock, no_backoff):
    pv05 = users["pv05"]
    client.force_login(pv05)
    page = client.get(PAGE_URL).content.decode()
    assert "Chưa bật" in page
    assert "nên bật xác thực hai bước" in page

    page = client.post(PAGE_URL, {"action": "start"}).content.decode()
    qr = re.search(r'<img src="(data:image/svg\+xml[^"]+)"', page)
    assert qr, "the QR code is an inline data: image (CSP img-src allows data:, no script)"
    assert "style=" not in page.split("<main", 1)[1]
    device = TOTPDevice.objects.get(user=pv05, confirmed=False)
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7 ]+)<', page).group(1)
    assert secret.replace(" ", "") in device.config_url

    refused = client.post(PAGE_URL, {"action": "confirm", "code": wrong_code(device, clock)})
    assert refused.status_code == 400
    assert "Mã xác thực không đúng" in refused.content.decode()
    pv05.refresh_from_db()
    assert not pv05.two_factor_enabled

    done = client.post(PAGE_URL, {"action": "confirm", "code": code_for(device, clock)})
    assert done.status_code == 200
    html = done.content.decode()
    assert "Đã bật xác thực hai bước" in html
    codes = re.findall(r'<li class="col">([a-z2-7]{8})</li>', html)
    assert len(codes) == services.BACKUP_CODE_COUNT
    pv05.refresh_from_db()
    assert pv05.two_factor_enabled
    # The enrolling session counts as verified: the officer is not thrown out.
    assert client.get(HOME_URL).status_code == 200
    assert "Còn 10 mã dự phòng" in client.get(PAGE_URL).content.decode()


def test_commune_officer_is_not_nagged_but_may_enrol(client, users, clock):
    client.force_login(users["commune"])
    page = client.get(PAGE_URL).content.decode()
    assert "nên bật xác thực hai bước" not in page
    assert "Bật xác thực hai bước" in page
    response = password_step(client.__class__(), "commune")
    assert response.status_code == 302


def test_pv05_without_two_factor_logs_in_with_a_notice(client, users):
    response = password_step(client, "pv05")
    assert response["Location"] == HOME_URL
    assert "nên bật" in client.get(HOME_URL).content.decode()


# --------------------------------------------------------------------------- login


def test_login_asks_for_the_code_after_the_password(client, users, clock):
    device, _ = enrol(users["pv05"], clock)
    response = password_step(client, "pv05", next_url="/mo-hinh/")
    assert response.status_code == 302
    assert response["Location"] == CODE_URL
    assert "_auth_user_id" not in client.session, "nothing is logged in before the code"
    assert client.get(HOME_URL)["Location"].startswith(LOGIN_URL)

    page = client.get(CODE_URL).content.decode()
    assert "Xác thực hai bước" in page
    assert "Mã xác thực" in page
    response = client.post(CODE_URL, {"code": code_for(device, clock)})
    assert response.status_code == 302
    assert response["Location"] == "/mo-hinh/"
    assert client.session["_auth_user_id"] == str(users["pv05"].pk)
    assert client.get(HOME_URL).status_code == 200


def test_a_wrong_or_reused_code_does_not_log_in(client, users, clock, no_backoff):
    device, _ = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    response = client.post(CODE_URL, {"code": wrong_code(device, clock)})
    assert response.status_code == 200
    assert "Mã xác thực không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session

    code = code_for(device, clock)
    assert client.post(CODE_URL, {"code": code}).status_code == 302
    other = client.__class__()
    password_step(other, "pv05")
    replay = other.post(CODE_URL, {"code": code})
    assert "Mã xác thực không đúng hoặc đã được dùng" in replay.content.decode()
    assert "_auth_user_id" not in other.session


def test_without_the_password_step_the_code_page_sends_back_to_login(client, users, clock):
    response = client.get(CODE_URL)
    assert response["Location"] == LOGIN_URL
    assert client.post(CODE_URL, {"code": "123456"})["Location"] == LOGIN_URL


def test_the_password_step_expires_after_five_minutes(client, users, clock, monkeypatch):
    device, _ = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    import tuquan.accounts.views as views

    real = views.time.time
    monkeypatch.setattr(views.time, "time", lambda: real() + views.PENDING_SECONDS + 1)
    response = client.post(CODE_URL, {"code": code_for(device, clock)})
    assert response["Location"] == LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_a_backup_code_logs_in_once(client, users, clock):
    _, codes = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    assert client.post(CODE_URL, {"code": codes[0].upper()}).status_code == 302
    other = client.__class__()
    password_step(other, "pv05")
    assert other.post(CODE_URL, {"code": codes[0]}).status_code == 200
    assert StaticToken.objects.filter(device__user=users["pv05"]).count() == services.BACKUP_CODE_COUNT - 1


def test_repeated_wrong_codes_back_off_with_a_clear_message(client, users, clock):
    device, _ = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    client.post(CODE_URL, {"code": wrong_code(device, clock)})
    response = client.post(CODE_URL, {"code": code_for(device, clock)})
    assert "hãy chờ" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_wrong_codes_count_towards_the_lockout_with_wrong_passwords(client, users, clock, no_backoff):
    """Passwords and codes share django-axes' counter: 2 wrong passwords + 3 wrong codes lock."""
    device, _ = enrol(users["admin"], clock)
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(2):
        client.post(LOGIN_URL, {"username": "admin", "password": "sai-mat-khau"})
    password_step(client, "admin")
    for _ in range(2):
        assert client.post(CODE_URL, {"code": wrong_code(device, clock)}).status_code == 200
    locked = client.post(CODE_URL, {"code": wrong_code(device, clock)})
    assert locked.status_code == 429
    assert "tạm thời bị khóa" in locked.content.decode()
    # Locked: neither the right code nor the right password opens the account now.
    assert client.post(CODE_URL, {"code": code_for(device, clock)})["Location"] == LOGIN_URL
    assert password_step(client, "admin").status_code == 429
    assert "_auth_user_id" not in client.session

    services.user_unlock(user=users["admin"])
    assert password_step(client, "admin")["Location"] == CODE_URL
    assert client.post(CODE_URL, {"code": code_for(device, clock)}).status_code == 302


def test_a_session_without_the_code_is_logged_out(client, users, clock):
    """A session opened before enrolment, or through a login page that asks no code (the Django
    admin's), does not survive: the user must log in again with the code."""
    client.force_login(users["pv05"])
    enrol(users["pv05"], clock)
    response = client.get(HOME_URL)
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN_URL)
    assert "_auth_user_id" not in client.session
    assert "nhập mã xác thực" in client.get(LOGIN_URL).content.decode()


# --------------------------------------------------------------------------- turning off, codes


def test_turning_off_needs_a_code(client, users, clock, no_backoff):
    device, _ = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    client.post(CODE_URL, {"code": code_for(device, clock)})
    clock.tick()

    refused = client.post(PAGE_URL, {"action": "disable", "code": wrong_code(device, clock)})
    assert refused.status_code == 400
    assert "Mã xác thực không đúng" in refused.content.decode()
    users["pv05"].refresh_from_db()
    assert users["pv05"].two_factor_enabled

    done = client.post(PAGE_URL, {"action": "disable", "code": code_for(device, clock)})
    assert done["Location"] == PAGE_URL
    users["pv05"].refresh_from_db()
    assert not users["pv05"].two_factor_enabled
    assert not TOTPDevice.objects.filter(user=users["pv05"]).exists()
    assert password_step(client.__class__(), "pv05")["Location"] == HOME_URL


def test_new_backup_codes_replace_the_old_ones(client, users, clock):
    device, old = enrol(users["pv05"], clock)
    password_step(client, "pv05")
    client.post(CODE_URL, {"code": code_for(device, clock)})
    clock.tick()
    html = client.post(PAGE_URL, {"action": "regenerate", "code": code_for(device, clock)}).content.decode()
    new = re.findall(r'<li class="col">([a-z2-7]{8})</li>', html)
    assert len(new) == services.BACKUP_CODE_COUNT
    stored = set(StaticToken.objects.filter(device__user=users["pv05"]).values_list("token", flat=True))
    assert stored == set(new)
    assert not stored & set(old)


def test_administrator_resets_a_lost_device(client, users, clock):
    enrol(users["pv05"], clock)
    client.force_login(users["admin"])
    detail = client.get(reverse("accounts:user_detail", args=[users["pv05"].pk])).content.decode()
    assert "Đặt lại xác thực hai bước" in detail
    response = client.post(reverse("accounts:user_two_factor_reset", args=[users["pv05"].pk]))
    assert response.status_code == 302
    users["pv05"].refresh_from_db()
    assert not users["pv05"].two_factor_enabled
    assert password_step(client.__class__(), "pv05")["Location"] == HOME_URL
    from auditlog.models import LogEntry

    entry = LogEntry.objects.get_for_object(users["pv05"]).latest("timestamp")
    assert "two_factor_enabled" in entry.changes_dict
    assert entry.actor == users["admin"]


def test_commune_officer_cannot_reset_someone_elses_two_factor(client, users, clock):
    enrol(users["pv05"], clock)
    client.force_login(users["commune"])
    response = client.post(reverse("accounts:user_two_factor_reset", args=[users["pv05"].pk]))
    assert response.status_code == 403
    users["pv05"].refresh_from_db()
    assert users["pv05"].two_factor_enabled


# --------------------------------------------------------------------------- enforcing, API


def test_required_roles_must_enrol_before_using_the_site(client, users, settings, clock):
    settings.TUQUAN_REQUIRE_2FA_ROLES = ["pv05", "admin"]
    client.force_login(users["pv05"])
    response = client.get(HOME_URL)
    assert response["Location"] == PAGE_URL
    assert "phải bật xác thực hai bước" in client.get(PAGE_URL).content.decode()
    api = client.get("/api/v1/schemes/")
    assert api.status_code == 403
    assert api.json()["code"] == "two_factor_required"

    client.post(PAGE_URL, {"action": "start"})
    device = TOTPDevice.objects.get(user=users["pv05"], confirmed=False)
    client.post(PAGE_URL, {"action": "confirm", "code": code_for(device, clock)})
    assert client.get(HOME_URL).status_code == 200

    other = client.__class__()
    other.force_login(users["commune"])
    assert other.get(HOME_URL).status_code == 200, "roles not listed are not forced"


def test_api_tokens_are_not_asked_for_a_code(client, users, clock):
    """A bearer token is a separate, revocable secret created from a verified session; it is not a
    password login, so two-factor does not apply to it (docs/adr/0010-two-factor.md)."""
    from rest_framework.test import APIClient

    from tuquan.api.services import api_token_create

    enrol(users["pv05"], clock)
    secret = api_token_create(user=users["pv05"], name="Máy chủ báo cáo")[1]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert api.get("/api/v1/schemes/").status_code == 200


def test_a_broad_role_is_advised_to_turn_on_two_factor_after_login(client, users):
    response = client.post(LOGIN_URL, {"username": "pv05", "password": TEST_PASSWORD}, follow=True)
    page = response.content.decode()
    advice = f'nên bật <a class="alert-link" href="{reverse("accounts:two_factor")}">xác thực hai bước</a>'
    assert "Tài khoản Cán bộ Phòng PV05" in page and advice in page, "the link is a link, not escaped text"


def test_a_commune_officer_is_not_advised_to_turn_on_two_factor(client, users):
    page = client.post(LOGIN_URL, {"username": "commune", "password": TEST_PASSWORD}, follow=True).content.decode()
    assert "có quyền rộng" not in page
