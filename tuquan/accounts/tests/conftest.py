"""Fixtures of the accounts tests: schemes to scope, and a second province."""

from datetime import date

import pytest

from tuquan.places.choices import Era, Level
from tuquan.places.models import AdminUnit


def make_scheme(commune, name: str):
    """A scheme written straight through the ORM (the services have their own tests)."""
    from tuquan.schemes.choices import Field
    from tuquan.schemes.models import Scheme, SchemeKind

    kind, _ = SchemeKind.objects.get_or_create(
        name="Tiếng kẻng an ninh", defaults={"field": Field.RURAL, "search_text": "tieng keng an ninh"}
    )
    scheme = Scheme(
        code=f"T-{commune.code}-{name[:8]}", kind=kind, name=name, commune=commune, founded_on=date(2024, 3, 1)
    )
    scheme.refresh_search_text()
    scheme.save()
    return scheme


@pytest.fixture
def other_province(db):
    """A made-up province with one commune, outside Khánh Hòa."""
    province = AdminUnit.objects.create(
        code="99",
        name="Tỉnh Thử Nghiệm",
        short_name="Thử Nghiệm",
        division_type="tỉnh",
        level=Level.PROVINCE,
        era=Era.CURRENT,
        path="N99/",
    )
    AdminUnit.objects.create(
        code="99001",
        name="Xã Thử Nghiệm",
        short_name="Thử Nghiệm",
        division_type="xã",
        level=Level.COMMUNE,
        era=Era.CURRENT,
        parent=province,
        path="N99/99001/",
    )
    return province


@pytest.fixture
def schemes(commune, other_commune, other_province):
    """One scheme in the commune, one in another Khánh Hòa commune, one in another province."""
    return {
        "own": make_scheme(commune, "Tổ tự quản Vĩnh Hòa"),
        "other_commune": make_scheme(other_commune, "Camera an ninh xóm Bến"),
        "other_province": make_scheme(other_province.children.get(), "Tuần tra nhân dân Thử"),
    }
