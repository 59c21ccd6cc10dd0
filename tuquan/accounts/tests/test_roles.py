"""Each role's permissions, as ``user.has_perm`` answers them everywhere (views, templates, admin, API)."""

import pytest

from tuquan.accounts.choices import Role
from tuquan.accounts.roles import ROLE_PERMISSIONS, permissions_for
from tuquan.accounts.testing import make_user

from .conftest import make_scheme

pytestmark = pytest.mark.django_db

# (permission, roles that have it)
EXPECTED = [
    ("places.view_adminunit", {"viewer", "leader", "commune", "pv05", "admin"}),
    ("schemes.view_scheme", {"viewer", "leader", "commune", "pv05", "admin"}),
    ("reports.view_statistics", {"viewer", "leader", "commune", "pv05", "admin"}),
    ("schemes.change_scheme", {"leader", "commune", "pv05", "admin"}),
    ("schemes.add_scheme", {"commune", "pv05", "admin"}),
    ("schemes.view_member_personal_data", {"leader", "commune", "pv05", "admin"}),
    ("assessments.submit_assessment", {"commune", "pv05", "admin"}),
    ("assessments.approve_assessment", {"pv05", "admin"}),
    ("assessments.add_campaign", {"pv05", "admin"}),
    ("schemes.add_schemekind", {"pv05", "admin"}),
    ("audit.view_history", {"pv05", "admin"}),
    ("accounts.view_user", {"admin"}),
    ("accounts.add_user", {"admin"}),
    ("accounts.change_user", {"admin"}),
]
NOBODY = ["accounts.delete_user", "schemes.delete_scheme", "places.change_adminunit"]


@pytest.fixture
def role_users(khanh_hoa, commune):
    scheme = make_scheme(commune, "Tổ tự quản số 1")
    return {
        "viewer": make_user("u.viewer", Role.VIEWER, khanh_hoa),
        "leader": make_user("u.leader", Role.LEADER, scheme=scheme),
        "commune": make_user("u.commune", Role.COMMUNE, commune),
        "pv05": make_user("u.pv05", Role.PV05, khanh_hoa),
        "admin": make_user("u.admin", Role.ADMIN, khanh_hoa),
    }


def test_every_role_has_a_permission_set():
    assert set(ROLE_PERMISSIONS) == set(Role.values)
    assert permissions_for("unknown") == set()


@pytest.mark.parametrize(("permission", "roles"), EXPECTED, ids=[p for p, _ in EXPECTED])
def test_role_grants_exactly_the_expected_roles(role_users, permission, roles):
    granted = {role for role, user in role_users.items() if user.has_perm(permission)}
    assert granted == roles


@pytest.mark.parametrize("permission", NOBODY)
def test_nobody_deletes_registry_data_or_users(role_users, permission):
    assert not any(user.has_perm(permission) for user in role_users.values())


def test_deactivated_user_loses_every_permission(role_users):
    user = role_users["pv05"]
    user.is_active = False
    user.save()
    assert not user.has_perm("schemes.view_scheme")
    assert user.get_all_permissions() == set()


def test_viewer_cannot_change_anything(role_users):
    perms = role_users["viewer"].get_all_permissions()
    assert perms
    assert all(".view_" in perm for perm in perms)


def test_permissions_are_never_granted_per_object(role_users):
    """Jurisdiction is the scoping rule's job, not an object permission."""
    assert not role_users["pv05"].has_perm("schemes.view_scheme", obj=object())


def test_only_the_role_table_grants_and_asking_costs_no_query(role_users, django_assert_num_queries):
    from django.contrib.auth.models import Group, Permission

    officer = role_users["viewer"]
    extra = Permission.objects.get(codename="delete_scheme")
    group = Group.objects.create(name="Ngoài vai trò")
    group.permissions.add(extra)
    officer.groups.add(group)
    officer.user_permissions.add(extra)
    officer = type(officer).objects.get(pk=officer.pk)  # no permission cache
    with django_assert_num_queries(0):
        assert officer.has_perm("schemes.view_scheme")
        assert not officer.has_perm("schemes.delete_scheme")
    assert officer.get_all_permissions() == permissions_for(Role.VIEWER)
