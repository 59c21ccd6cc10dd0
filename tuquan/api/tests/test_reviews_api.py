"""Sơ kết, tổng kết over the API."""

from datetime import date

import pytest

from tuquan.api.testing import ApiScopedChecks
from tuquan.reviews import services as review_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def scoped_reviews(users, commune, other_commune):
    period = {"period_kind": "year", "period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)}
    own = review_services.review_create(user=users["commune"], unit=commune, **period)
    other = review_services.review_create(user=users["other_commune"], unit=other_commune, **period)
    return own, other


class TestReviewsEndpoint(ApiScopedChecks):
    url = "/api/v1/reviews/"
    writable = False

    @pytest.fixture
    def scoped_objects(self, scoped_reviews):
        return scoped_reviews

    def test_writes_are_not_offered(self, api_as, scoped_reviews):
        own, _ = scoped_reviews
        client = api_as("pv05")
        assert client.post(self.url, {}, format="json").status_code == 405
        assert client.patch(f"{self.url}{own.pk}/", {}, format="json").status_code == 405

    def test_review_carries_its_figures(self, api_as, scoped_reviews):
        own, _ = scoped_reviews
        body = api_as("commune").get(f"{self.url}{own.pk}/").json()
        assert body["figures"] == own.figures
        assert body["status"] == "draft"
        assert body["title"] == own.title
