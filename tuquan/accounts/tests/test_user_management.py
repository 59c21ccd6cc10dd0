"""Administrators manage users inside their jurisdiction: create, edit, deactivate, never delete."""

import pytest
from auditlog.models import LogEntry
from django.contrib.admin.sites import site
from django.urls import reverse

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.accounts.testing import ScopedViewChecks, make_user

pytestmark = pytest.mark.django_db

LIST_URL = reverse("accounts:user_list")
CREATE_URL = reverse("accounts:user_create")
GOOD_PASSWORD = "Bac-Nha-Trang-2026"


def _form(commune, **overrides):
    data = {
        "username": "ca.vinhhoa",
        "full_name": "Phạm Thị Lan",
        "email": "",
        "phone": "",
        "role": Role.COMMUNE,
        "jurisdiction": commune.pk,
        "scheme": "",
        "is_active": "on",
        "password1": GOOD_PASSWORD,
        "password2": GOOD_PASSWORD,
    }
    data.update(overrides)
    return data


@pytest.fixture
def admin_client(client, users):
    client.force_login(users["admin"])
    return client


class TestUserPagesAccess(ScopedViewChecks):
    permitted_role = "admin"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, users, other_province):
        outsider = make_user("ngoai.tinh", Role.COMMUNE, other_province.children.get())
        return users["viewer"], outsider

    def object_urls(self, obj):
        return [
            (reverse("accounts:user_detail", args=[obj.pk]), "get"),
            (reverse("accounts:user_edit", args=[obj.pk]), "get"),
            (reverse("accounts:user_deactivate", args=[obj.pk]), "post"),
            (reverse("accounts:user_unlock", args=[obj.pk]), "post"),
        ]

    def list_urls(self):
        return [(LIST_URL, "get"), (CREATE_URL, "get")]

    @pytest.mark.parametrize("role", ["pv05", "viewer", "commune"])
    def test_only_administrators_manage_users(self, client, users, role):
        client.force_login(users[role])
        assert client.get(LIST_URL).status_code == 403
        assert client.post(CREATE_URL, {}).status_code == 403


def test_admin_creates_a_commune_officer_with_a_hashed_password(admin_client, commune):
    response = admin_client.post(CREATE_URL, _form(commune))
    user = User.objects.get(username="ca.vinhhoa")
    assert response.status_code == 302
    assert response["Location"] == user.get_absolute_url()
    assert user.role == Role.COMMUNE
    assert user.jurisdiction == commune
    assert user.check_password(GOOD_PASSWORD)
    assert not user.is_staff
    entry = LogEntry.objects.get_for_object(user).get()
    assert entry.action == LogEntry.Action.CREATE
    assert entry.actor.username == "admin"
    assert "password" not in entry.changes_dict


def test_admin_edits_a_user_without_touching_the_password(admin_client, users, khanh_hoa):
    viewer = users["viewer"]
    old_hash = viewer.password
    data = _form(khanh_hoa, username="viewer", full_name="Lê Văn Minh", role=Role.PV05, password1="", password2="")
    response = admin_client.post(reverse("accounts:user_edit", args=[viewer.pk]), data)
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert (viewer.full_name, viewer.role, viewer.password) == ("Lê Văn Minh", Role.PV05, old_hash)
    update = LogEntry.objects.get_for_object(viewer).filter(action=LogEntry.Action.UPDATE).get()
    assert update.changes_dict["role"] == ["viewer", "pv05"]


def test_admin_deactivates_but_never_deletes(admin_client, users):
    officer = users["commune"]
    response = admin_client.post(reverse("accounts:user_deactivate", args=[officer.pk]))
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active is False
    assert "Đã vô hiệu hóa" in admin_client.get(LIST_URL).content.decode()
    assert not any("delete" in name for name in ("user_list", "user_create", "user_detail", "user_edit"))


def test_admin_cannot_deactivate_themself(admin_client, users):
    admin = users["admin"]
    admin_client.post(reverse("accounts:user_deactivate", args=[admin.pk]))
    admin.refresh_from_db()
    assert admin.is_active


def test_deactivation_needs_post(admin_client, users):
    assert admin_client.get(reverse("accounts:user_deactivate", args=[users["commune"].pk])).status_code == 405


def test_admin_of_another_province_sees_no_khanh_hoa_user(client, users, other_province):
    outsider_admin = make_user("qt.thu", Role.ADMIN, other_province)
    client.force_login(outsider_admin)
    listed = {u.username for u in client.get(LIST_URL).context["object_list"]}
    assert listed == {"qt.thu"}
    assert client.get(reverse("accounts:user_detail", args=[users["pv05"].pk])).status_code == 404


def test_admin_cannot_give_a_jurisdiction_outside_their_own(admin_client, other_province):
    outside = other_province.children.get()
    response = admin_client.post(CREATE_URL, _form(outside))
    assert response.status_code == 200
    assert "jurisdiction" in response.context["form"].errors
    assert not User.objects.filter(username="ca.vinhhoa").exists()


def test_role_needs_a_matching_jurisdiction(admin_client, khanh_hoa):
    response = admin_client.post(CREATE_URL, _form(khanh_hoa, role=Role.COMMUNE))
    assert "Cán bộ Công an cấp xã phải được giao một xã/phường/đặc khu." in response.content.decode()


def test_scheme_leader_needs_a_scheme(admin_client, commune):
    response = admin_client.post(CREATE_URL, _form(commune, role=Role.LEADER))
    assert "Trưởng mô hình phải được gán một mô hình." in response.content.decode()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Ngan-1", "Mật khẩu quá ngắn"),
        ("qwertyuiop", "Mật khẩu này quá phổ biến"),
        ("8264019375", "Mật khẩu này hoàn toàn là số"),
        ("ca.vinhhoa1", "quá giống"),
    ],
    ids=["too-short", "common", "numeric", "like-username"],
)
def test_weak_passwords_are_rejected_in_vietnamese_next_to_the_field(admin_client, commune, password, message):
    response = admin_client.post(CREATE_URL, _form(commune, password1=password, password2=password))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert 'data-field-error="password' in html
    assert not User.objects.filter(username="ca.vinhhoa").exists()


def test_mismatched_passwords_are_rejected(admin_client, commune):
    response = admin_client.post(CREATE_URL, _form(commune, password2="Khac-Hoan-Toan-99"))
    assert "Hai trường mật khẩu không giống nhau" in response.content.decode()


def test_user_list_search_ignores_diacritics(admin_client, users):
    users["pv05"].full_name = "Nguyễn Văn Phong"
    users["pv05"].save()
    response = admin_client.get(LIST_URL, {"q": "nguyen van phong"})
    assert [u.username for u in response.context["object_list"]] == ["pv05"]


def test_user_list_query_count_is_bounded(admin_client, users, khanh_hoa, django_assert_max_num_queries):
    for index in range(20):
        make_user(f"xem{index}", Role.VIEWER, khanh_hoa)
    with django_assert_max_num_queries(10):
        admin_client.get(LIST_URL)


def test_django_admin_cannot_delete_users(rf, users):
    model_admin = site._registry[User]
    request = rf.get("/admin/accounts/user/")
    request.user = users["admin"]
    assert model_admin.has_delete_permission(request) is False
    assert "delete_selected" not in model_admin.get_actions(request)
    assert "deactivate_users" in model_admin.get_actions(request)


def test_django_admin_lists_only_users_of_the_admins_jurisdiction(admin_client, users, other_province):
    make_user("ngoai.tinh", Role.COMMUNE, other_province.children.get())
    User.objects.filter(pk=users["admin"].pk).update(is_staff=True)
    response = admin_client.get("/admin/accounts/user/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "ngoai.tinh" not in html
    assert "pv05" in html
