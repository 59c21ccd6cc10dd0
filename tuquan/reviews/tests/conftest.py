from datetime import date

import pytest

from tuquan.reviews.tests.factories import build_dataset


@pytest.fixture
def dataset(commune, other_commune):
    return build_dataset(commune, other_commune)


@pytest.fixture
def make_review(users, khanh_hoa):
    from tuquan.reviews.services import review_create

    def _make(unit=None, user=None, start=date(2024, 1, 1), end=date(2024, 12, 31), kind="year"):
        return review_create(
            user=user or users["pv05"],
            unit=unit or khanh_hoa,
            period_kind=kind,
            period_start=start,
            period_end=end,
        )

    return _make
