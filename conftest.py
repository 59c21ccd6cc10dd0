"""Fixtures shared by every app's tests: Khánh Hòa's units and a user of each role."""

import pytest

from tuquan.accounts.testing import make_user


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs ~0.3 s a user; tests do not need it."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _units_forgotten():
    """Each test starts without the unit choices, kind count or cached pages an earlier test's
    (rolled-back) rows left in memory: a rollback can bring a registry version back (ADR 0015)."""
    from django.core.cache import caches

    from tuquan.schemes.selectors import forget_kind_total, forget_unit_choices

    forget_unit_choices()
    forget_kind_total()
    caches["pages"].clear()


@pytest.fixture
def khanh_hoa(db):
    """Khánh Hòa (56) loaded from vietnam-provinces: both maps and the succession table."""
    from tuquan.places.models import AdminUnit
    from tuquan.places.services import places_load

    places_load(province_codes=[56])
    return AdminUnit.objects.get(era="current", level="province", code="56")


@pytest.fixture
def commune(khanh_hoa):
    """Phường Bắc Nha Trang."""
    return khanh_hoa.children.get(code="22333")


@pytest.fixture
def other_commune(khanh_hoa):
    """Another current commune of Khánh Hòa (Xã Khánh Sơn's neighbour list varies; pick by name)."""
    return khanh_hoa.children.exclude(code="22333").order_by("code").first()


@pytest.fixture
def users(khanh_hoa, commune, other_commune):
    """One user per role: PV05 and viewer on the province, commune officers on two communes, an admin."""
    from tuquan.accounts.choices import Role

    return {
        "admin": make_user("admin", Role.ADMIN, khanh_hoa),
        "pv05": make_user("pv05", Role.PV05, khanh_hoa),
        "commune": make_user("commune", Role.COMMUNE, commune),
        "other_commune": make_user("other", Role.COMMUNE, other_commune),
        "viewer": make_user("viewer", Role.VIEWER, khanh_hoa),
    }
