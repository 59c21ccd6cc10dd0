"""Logging in and out: a Vietnamese page, clear errors, lockout after 5 failures, POST-only logout."""

import pytest
from django.conf import settings
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import TEST_PASSWORD, make_user

pytestmark = pytest.mark.django_db

LOGIN_URL = reverse("accounts:login")
HOME_URL = reverse("dashboards:home")


def _login(client, username, password):
    return client.post(LOGIN_URL, {"username": username, "password": password})


def test_login_page_is_in_vietnamese(client):
    html = client.get(LOGIN_URL).content.decode()
    assert '<html lang="vi">' in html
    for text in ("Đăng nhập", "Tên đăng nhập", "Mật khẩu", "mô hình, tổ chức tự quản về an ninh, trật tự"):
        assert text in html


def test_correct_password_logs_in_and_opens_home(client, users):
    response = _login(client, "pv05", TEST_PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == HOME_URL
    assert "Đăng xuất" in client.get(HOME_URL).content.decode()


def test_wrong_password_shows_a_vietnamese_message(client, users):
    response = _login(client, "pv05", "sai-mat-khau")
    assert response.status_code == 200
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in(client, khanh_hoa):
    make_user("nghi.viec", Role.VIEWER, khanh_hoa, is_active=False)
    response = _login(client, "nghi.viec", TEST_PASSWORD)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_five_failures_lock_the_account_even_for_the_right_password(client, users):
    assert settings.AXES_FAILURE_LIMIT == 5
    for _ in range(4):
        assert _login(client, "commune", "sai-mat-khau").status_code == 200
    locked = _login(client, "commune", "sai-mat-khau")
    assert locked.status_code == 429
    assert "tạm thời bị khóa" in locked.content.decode()
    assert "5 lần liên tiếp" in locked.content.decode()
    assert "trong 30 phút" in locked.content.decode()
    again = _login(client, "commune", TEST_PASSWORD)
    assert again.status_code == 429
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account_not_per_station(client, users):
    """Officers of one commune station share an IP address: one officer's typos lock only them."""
    for _ in range(5):
        _login(client, "commune", "sai-mat-khau")
    assert _login(client, "viewer", TEST_PASSWORD).status_code == 302


def test_administrator_unlocks_a_locked_account_from_the_user_page(client, users):
    for _ in range(5):
        _login(client, "commune", "sai-mat-khau")
    admin = client.__class__()
    admin.force_login(users["admin"])
    account_url = reverse("accounts:user_detail", args=[users["commune"].pk])
    page = admin.get(account_url).content.decode()
    assert "Đang bị khóa đăng nhập" in page
    assert "Mở khóa đăng nhập" in page
    assert "Đang bị khóa" in admin.get(reverse("accounts:user_list")).content.decode()

    response = admin.post(reverse("accounts:user_unlock", args=[users["commune"].pk]))
    assert response.status_code == 302
    assert "Mở khóa đăng nhập" not in admin.get(account_url).content.decode()
    assert _login(client, "commune", TEST_PASSWORD).status_code == 302


def test_successful_login_resets_the_failure_count(client, users):
    for _ in range(4):
        _login(client, "commune", "sai-mat-khau")
    assert _login(client, "commune", TEST_PASSWORD).status_code == 302
    client.post(reverse("accounts:logout"))
    for _ in range(4):
        _login(client, "commune", "sai-mat-khau")
    assert _login(client, "commune", TEST_PASSWORD).status_code == 302


def test_logout_is_post_only(client, users):
    client.force_login(users["viewer"])
    assert client.get(reverse("accounts:logout")).status_code == 405
    assert "_auth_user_id" in client.session
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 302
    assert response["Location"] == LOGIN_URL
    assert "_auth_user_id" not in client.session


def test_logged_in_user_visiting_login_goes_home(client, users):
    client.force_login(users["viewer"])
    response = client.get(LOGIN_URL)
    assert response.status_code == 302
    assert response["Location"] == HOME_URL


def test_login_refuses_redirect_to_another_site(client, users):
    response = client.post(
        LOGIN_URL, {"username": "viewer", "password": TEST_PASSWORD, "next": "https://evil.example/"}
    )
    assert response["Location"] == HOME_URL
