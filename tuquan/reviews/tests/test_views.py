from datetime import date

import pytest
from django.urls import reverse

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.reviews import docx as review_docx_module
from tuquan.reviews.models import Review


@pytest.fixture
def scoped_objects(make_review, users, commune, other_commune):
    own = make_review(unit=commune, user=users["commune"])
    other = make_review(unit=other_commune, user=users["other_commune"])
    return own, other


class TestReadingPages(ScopedViewChecks):
    """Every role may read the reviews of its jurisdiction; another commune's review is 404."""

    permitted_role = "commune"
    forbidden_role = None

    def object_urls(self, obj):
        return [
            (reverse("reviews:review_detail", args=[obj.pk]), "get"),
            (reverse("reviews:version_list", args=[obj.pk]), "get"),
            (reverse("reviews:review_docx", args=[obj.pk]), "get"),
        ]

    def list_urls(self):
        return [(reverse("reviews:review_list"), "get")]


class TestWritingPages(ScopedViewChecks):
    """Editing needs reviews.change_review (the viewer gets 403) and the jurisdiction (else 404)."""

    permitted_role = "commune"
    forbidden_role = "viewer"

    def object_urls(self, obj):
        return [
            (reverse("reviews:review_edit", args=[obj.pk]), "get"),
            (reverse("reviews:review_edit", args=[obj.pk]), "post"),
            (reverse("reviews:review_refresh", args=[obj.pk]), "post"),
        ]

    def list_urls(self):
        return [(reverse("reviews:review_create"), "get")]


def test_the_list_shows_only_reviews_inside_the_jurisdiction(
    client, users, scoped_objects, django_assert_max_num_queries
):
    own, other = scoped_objects
    client.force_login(users["commune"])
    with django_assert_max_num_queries(12):
        response = client.get(reverse("reviews:review_list"))
    assert own.title in response.text
    assert [r.pk for r in response.context["object_list"]] == [own.pk]
    client.force_login(users["pv05"])
    assert {r.pk for r in client.get(reverse("reviews:review_list")).context["object_list"]} == {own.pk, other.pk}


def test_pv05_drafts_a_review_from_the_create_page(client, users, khanh_hoa, dataset):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("reviews:review_create"),
        {"unit": khanh_hoa.pk, "period_kind": "year", "year": 2024},
    )
    review = Review.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:review_edit", args=[review.pk])
    assert (review.period_start, review.period_end) == (date(2024, 1, 1), date(2024, 12, 31))
    assert review.figures["totals"]["at_end"] == 6


def test_the_create_form_offers_only_units_of_the_jurisdiction(client, users, commune, other_commune):
    client.force_login(users["commune"])
    response = client.get(reverse("reviews:review_create"))
    assert list(response.context["form"].fields["unit"].queryset) == [commune]
    response = client.post(
        reverse("reviews:review_create"), {"unit": other_commune.pk, "period_kind": "year", "year": 2024}
    )
    assert response.status_code == 200
    assert "unit" in response.context["form"].errors
    assert not Review.objects.exists()


def test_multi_year_review_needs_a_start_year(client, users, khanh_hoa):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("reviews:review_create"), {"unit": khanh_hoa.pk, "period_kind": "multi_year", "year": "2024"}
    )
    assert "start_year" in response.context["form"].errors
    response = client.post(
        reverse("reviews:review_create"), {"unit": khanh_hoa.pk, "period_kind": "year", "year": "abc"}
    )
    assert response.status_code == 200 and "year" in response.context["form"].errors


def _edit_data(review, **changes):
    data = {
        "title": review.title,
        "number": "",
        "symbol": review.symbol,
        "issuer_parent": review.issuer_parent,
        "issuer": review.issuer,
        "place": review.place,
        "issued_on": "",
        "status": "draft",
        "recipients": review.recipients,
        "signer_title": review.signer_title,
        "signer_name": "",
        "version": review.version,
    }
    return data | changes


def test_the_officer_writes_the_narrative_and_a_version_is_kept(client, users, scoped_objects):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    response = client.post(
        reverse("reviews:review_edit", args=[own.pk]),
        _edit_data(own, shortcomings="Thiếu kinh phí, chế độ, trang phục, công cụ hỗ trợ.", issued_on="05/01/2025"),
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.shortcomings.startswith("Thiếu kinh phí")
    assert own.issued_on == date(2025, 1, 5)
    assert own.version == 2
    assert own.versions.count() == 1
    page = client.get(reverse("reviews:version_list", args=[own.pk]))
    assert reverse("reviews:version_detail", args=[own.pk, 1]) in page.text
    assert client.get(reverse("reviews:version_detail", args=[own.pk, 1])).status_code == 200


def test_a_stale_edit_is_refused_with_a_clear_message_and_keeps_the_typed_text(client, users, scoped_objects):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    url = reverse("reviews:review_edit", args=[own.pk])
    client.post(url, _edit_data(own, lessons="Bản thứ nhất"))
    response = client.post(url, _edit_data(own, lessons="Bản viết trên trang cũ"))  # still version 1
    assert response.status_code == 200
    assert "sau khi bạn mở trang" in response.text
    assert "Bản viết trên trang cũ" in response.text
    own.refresh_from_db()
    assert own.lessons == "Bản thứ nhất"


def test_a_bad_date_is_shown_next_to_the_field(client, users, scoped_objects):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    response = client.post(reverse("reviews:review_edit", args=[own.pk]), _edit_data(own, issued_on="31/02/2025"))
    assert response.status_code == 200
    assert 'data-field-error="issued_on"' in response.text


def test_refreshing_the_figures_from_the_page(client, users, scoped_objects):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    response = client.post(reverse("reviews:review_refresh", args=[own.pk]), {"version": own.version})
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.version == 2
    stale = client.post(reverse("reviews:review_refresh", args=[own.pk]), {"version": 1}, follow=True)
    assert "sau khi bạn mở trang" in stale.text
    missing = client.post(reverse("reviews:review_refresh", args=[own.pk]), {"version": "x"})
    assert missing.status_code == 302


def test_hostile_narrative_is_shown_as_text(client, users, scoped_objects):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    client.post(reverse("reviews:review_edit", args=[own.pk]), _edit_data(own, causes="<script>alert(1)</script> =1+1"))
    response = client.get(reverse("reviews:review_detail", args=[own.pk]))
    assert "<script>alert(1)</script>" not in response.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt; =1+1" in response.text


def test_the_pdf_button_needs_libreoffice(client, users, scoped_objects, monkeypatch):
    own, _ = scoped_objects
    client.force_login(users["commune"])
    monkeypatch.setattr("tuquan.reviews.views.soffice_path", lambda: None)
    page = client.get(reverse("reviews:review_detail", args=[own.pk]))
    assert 'data-testid="download-pdf"' not in page.text
    assert "cần LibreOffice" in page.text
    response = client.get(reverse("reviews:review_pdf", args=[own.pk]))
    assert response.status_code == 302


@pytest.mark.skipif(review_docx_module.soffice_path() is None, reason="LibreOffice (soffice) is not installed")
def test_the_pdf_is_produced_with_libreoffice(client, users, scoped_objects):
    own, other = scoped_objects
    client.force_login(users["commune"])
    response = client.get(reverse("reviews:review_pdf", args=[own.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert client.get(reverse("reviews:review_pdf", args=[other.pk])).status_code == 404


def test_the_edit_form_offers_exactly_the_editable_fields():
    from tuquan.reviews.forms import ReviewForm
    from tuquan.reviews.services import EDITABLE_FIELDS

    assert set(ReviewForm._meta.fields) == set(EDITABLE_FIELDS)


def test_the_review_page_reads_a_bounded_number_of_queries(
    client, users, make_review, khanh_hoa, dataset, django_assert_max_num_queries
):
    review = make_review()
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("reviews:review_detail", args=[review.pk]))
    assert response.status_code == 200
    assert response.context["figures"]["totals"]["at_end"] == 6
