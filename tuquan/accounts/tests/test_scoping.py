"""The one scoping rule (tuquan.core.scoping) on Scheme, for every kind of user."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user
from tuquan.core.scoping import get_for_user
from tuquan.schemes.models import Scheme

pytestmark = pytest.mark.django_db


def _names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


ALL = {"Tổ tự quản Vĩnh Hòa", "Camera an ninh xóm Bến", "Tuần tra nhân dân Thử"}
KHANH_HOA = {"Tổ tự quản Vĩnh Hòa", "Camera an ninh xóm Bến"}


def test_anonymous_sees_nothing(schemes):
    assert not Scheme.objects.restrict(AnonymousUser(), "view").exists()
    assert not Scheme.objects.visible_to(None).exists()


def test_inactive_user_sees_nothing(schemes, khanh_hoa):
    user = make_user("cu", Role.PV05, khanh_hoa, is_active=False)
    assert not Scheme.objects.visible_to(user).exists()


def test_superuser_without_jurisdiction_sees_the_whole_country(schemes):
    root = make_user("root", Role.ADMIN, None, is_superuser=True, is_staff=True)
    assert _names(Scheme.objects.visible_to(root)) == ALL
    assert _names(Scheme.objects.restrict(root, "change")) == ALL


def test_pv05_sees_and_changes_the_whole_province_subtree_only(schemes, users):
    pv05 = users["pv05"]
    assert _names(Scheme.objects.visible_to(pv05)) == KHANH_HOA
    assert _names(Scheme.objects.editable_by(pv05)) == KHANH_HOA


def test_commune_officer_sees_only_their_commune(schemes, users):
    officer = users["commune"]
    assert _names(Scheme.objects.visible_to(officer)) == {"Tổ tự quản Vĩnh Hòa"}
    assert _names(Scheme.objects.restrict(officer, "change")) == {"Tổ tự quản Vĩnh Hòa"}


def test_commune_officer_cannot_see_other_commune_scheme(schemes, users):
    with pytest.raises(Http404):
        get_for_user(Scheme, users["commune"], "view", pk=schemes["other_commune"].pk)


def test_scheme_leader_sees_and_changes_only_their_scheme(schemes):
    leader = make_user("truong", Role.LEADER, scheme=schemes["own"])
    assert _names(Scheme.objects.visible_to(leader)) == {"Tổ tự quản Vĩnh Hòa"}
    assert _names(Scheme.objects.editable_by(leader)) == {"Tổ tự quản Vĩnh Hòa"}
    assert get_for_user(Scheme, leader, "change", pk=schemes["own"].pk) == schemes["own"]


def test_scheme_leader_cannot_add_or_delete(schemes):
    leader = make_user("truong", Role.LEADER, scheme=schemes["own"])
    assert not Scheme.objects.restrict(leader, "add").exists()
    assert not Scheme.objects.restrict(leader, "delete").exists()


def test_viewer_sees_the_province_but_cannot_change(schemes, users):
    viewer = users["viewer"]
    assert _names(Scheme.objects.visible_to(viewer)) == KHANH_HOA
    assert not Scheme.objects.editable_by(viewer).exists()
    with pytest.raises(Http404):
        get_for_user(Scheme, viewer, "change", pk=schemes["own"].pk)


def test_user_without_jurisdiction_sees_nothing(schemes):
    user = make_user("lac", Role.PV05, None)
    assert not Scheme.objects.visible_to(user).exists()


def test_commune_officer_of_another_province_sees_none_of_khanh_hoa(schemes, other_province):
    officer = make_user("ca.thu", Role.COMMUNE, other_province.children.get())
    assert _names(Scheme.objects.visible_to(officer)) == {"Tuần tra nhân dân Thử"}


def test_get_for_user_answers_404_for_a_malformed_key(schemes, users):
    with pytest.raises(Http404):
        get_for_user(Scheme, users["pv05"], pk="abc")


def test_scoping_composes_with_other_filters(schemes, users):
    queryset = Scheme.objects.filter(name__startswith="Camera").visible_to(users["pv05"])
    assert _names(queryset) == {"Camera an ninh xóm Bến"}
