"""Vietnamese ORDER BY in the database, the same on SQLite and PostgreSQL."""

import pytest

from tuquan.core.text import vi_order
from tuquan.schemes.choices import Field
from tuquan.schemes.models import SchemeKind


@pytest.mark.django_db
def test_database_orders_in_vietnamese_alphabet():
    created = ["Đội tự quản", "Dân phòng", "Ăn ở", "An ninh", "Âu lo", "Bình yên"]
    for name in created:
        SchemeKind.objects.create(name=name, field=Field.RURAL, search_text=name)
    ordered = SchemeKind.objects.filter(name__in=created).order_by(vi_order("name"))
    names = list(ordered.values_list("name", flat=True))
    assert names == ["An ninh", "Ăn ở", "Âu lo", "Bình yên", "Dân phòng", "Đội tự quản"]
