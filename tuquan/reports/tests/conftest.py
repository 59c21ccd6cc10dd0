"""A small hand-counted registry for the statistics tests.

2022, old districts × class (system scope, agency row on), counted by hand:

| row                                | Tốt | Khá | TB | Yếu | Mới | total |
|------------------------------------|-----|-----|----|-----|-----|-------|
| Thành phố Nha Trang                |  2  |  0  | 0  |  1  |  1  |   4   |
| Thành phố Cam Ranh                 |  1  |  0  | 0  |  0  |  0  |   1   |
| Cơ quan, doanh nghiệp, nhà trường  |  0  |  1  | 0  |  0  |  0  |   1   |
| total                              |  3  |  1  | 0  |  1  |  1  |   6   |

Nha Trang: ``good`` (Bắc Nha Trang), ``eliminated_later`` (eliminated 2023, weak in 2022),
``young`` (founded 2022, not yet classified), ``other_good`` (Phường Nha Trang, the other
commune officer's). Not counted in 2022: ``voided``, ``founded_2023``, ``post_reform`` (founded
after 01/07/2025, mapped to Nha Trang by succession) and ``ambiguous`` (founded after the reform in
Phường Đô Vinh, which came from two districts).
"""

from datetime import date

import pytest

from tuquan.accounts.choices import Role
from tuquan.accounts.testing import make_user
from tuquan.places.models import AdminUnit, Succession
from tuquan.reports.tests import factories as f


def legacy_source(current: AdminUnit) -> AdminUnit:
    """One pre-2025 commune the current commune came from."""
    return (
        Succession.objects.filter(new_unit=current, old_unit__level="commune")
        .select_related("old_unit")
        .order_by("old_unit__code")
        .first()
        .old_unit
    )


@pytest.fixture
def cam_ranh_pair(khanh_hoa):
    """(old commune of Cam Ranh, the current commune it went into)."""
    old = AdminUnit.objects.filter(era="legacy", level="commune", parent__code="569").order_by("code").first()
    new = Succession.objects.filter(old_unit=old, new_unit__level="commune").first().new_unit
    return old, new


@pytest.fixture
def dataset(commune, other_commune, cam_ranh_pair):
    rural = f.kind("Tiếng kẻng an ninh (thử)", "nong_thon")
    agency = f.kind("Trường học an toàn (thử)", "co_quan")
    old_here, old_there = legacy_source(commune), legacy_source(other_commune)
    cam_ranh_old, cam_ranh_new = cam_ranh_pair
    rated = {"rating_year": 2022}
    return {
        "rural": rural,
        "agency": agency,
        "good": f.scheme(
            commune=commune, legacy_commune=old_here, scheme_kind=rural, rating="tot", teams=2, members=3, **rated
        ),
        "eliminated_later": f.scheme(
            commune=commune,
            legacy_commune=old_here,
            scheme_kind=rural,
            founded_on=date(2019, 5, 1),
            status="eliminated",
            ended_on=date(2023, 3, 1),
            rating="yeu",
            members=1,
            **rated,
        ),
        "young": f.scheme(
            commune=commune,
            legacy_commune=old_here,
            scheme_kind=rural,
            founded_on=date(2022, 6, 1),
            rating="chua_danh_gia",
            **rated,
        ),
        "school": f.scheme(
            commune=commune,
            legacy_commune=old_here,
            scheme_kind=agency,
            founded_on=date(2021, 9, 5),
            host="nha_truong",
            rating="kha",
            teams=1,
            members=4,
            **rated,
        ),
        "other_good": f.scheme(
            commune=other_commune, legacy_commune=old_there, scheme_kind=rural, rating="tot", **rated
        ),
        "cam_ranh": f.scheme(
            commune=cam_ranh_new,
            legacy_commune=cam_ranh_old,
            scheme_kind=rural,
            founded_on=date(2018, 1, 1),
            host="mttq",
            rating="tot",
            **rated,
        ),
        "voided": f.scheme(commune=commune, legacy_commune=old_here, status="voided", ended_on=date(2021, 1, 1)),
        "founded_2023": f.scheme(
            commune=commune, legacy_commune=old_here, scheme_kind=rural, founded_on=date(2023, 4, 1)
        ),
        "post_reform": f.scheme(commune=commune, scheme_kind=rural, founded_on=date(2025, 9, 1)),
        "ambiguous": f.scheme(
            commune=f.unit("22738"), scheme_kind=rural, founded_on=date(2025, 10, 1), status="active"
        ),
    }


@pytest.fixture
def national_user(db):
    """A superuser without a jurisdiction: sees the whole country."""
    return make_user("quoc.gia", Role.ADMIN, None, is_superuser=True, is_staff=True)
