from datetime import date

import pytest
from django.core.exceptions import ValidationError

from tuquan.reviews.models import Review
from tuquan.reviews.services import ReviewConflict, review_create, review_refresh_figures, review_update


def test_drafting_fills_the_figures_and_the_issuing_body_of_the_unit(make_review, khanh_hoa, dataset):
    review = make_review()
    assert review.figures["totals"]["at_end"] == 6
    assert review.figures_read_at is not None
    assert review.title == "Tổng kết công tác xây dựng mô hình, tổ chức tự quản về an ninh, trật tự năm 2024"
    assert (review.issuer_parent, review.issuer) == ("CÔNG AN TỈNH KHÁNH HÒA", "PHÒNG XÂY DỰNG PHONG TRÀO BẢO VỆ ANTQ")
    assert review.number_line.endswith("/BC-CAT-PV05")
    assert review.status == "draft"
    assert review.situation == ""  # the narrative is the officer's


def test_a_commune_review_is_issued_by_the_commune_police(make_review, users, commune):
    review = make_review(
        unit=commune, user=users["commune"], start=date(2024, 1, 1), end=date(2024, 6, 30), kind="half_year"
    )
    assert review.issuer == "CÔNG AN PHƯỜNG BẮC NHA TRANG"
    assert review.number_line.endswith("/BC-CAP")  # a phường's police (CAP), not a xã's (CAX)
    assert review.place == "Bắc Nha Trang"
    assert review.title.startswith("Sơ kết") and review.title.endswith("6 tháng đầu năm 2024")


@pytest.mark.parametrize(("code", "symbol"), [("22333", "BC-CAP"), ("22435", "BC-CAX"), ("22736", "BC-CAĐK")])
def test_the_number_symbol_follows_the_kind_of_commune(khanh_hoa, code, symbol):
    from tuquan.reviews.services import issuer_defaults

    assert issuer_defaults(khanh_hoa.children.get(code=code))["symbol"] == symbol


def test_commune_officer_cannot_draft_a_review_of_another_commune(users, other_commune):
    with pytest.raises(ValidationError):
        review_create(
            user=users["commune"],
            unit=other_commune,
            period_kind="year",
            period_start=date(2024, 1, 1),
            period_end=date(2024, 12, 31),
        )
    assert not Review.objects.exists()


def test_a_period_ending_before_it_starts_is_refused(users, khanh_hoa):
    with pytest.raises(ValidationError):
        review_create(
            user=users["pv05"],
            unit=khanh_hoa,
            period_kind="year",
            period_start=date(2024, 12, 31),
            period_end=date(2024, 1, 1),
        )


def test_each_save_keeps_the_previous_content_as_a_version(make_review, users):
    review = make_review()
    review = review_update(review=review, user=users["pv05"], expected_version=1, situation="Tình hình lần 1")
    review = review_update(review=review, user=users["admin"], expected_version=2, situation="Tình hình lần 2")
    assert review.version == 3
    assert review.situation == "Tình hình lần 2"
    versions = {v.number: v for v in review.versions.all()}
    assert set(versions) == {1, 2}
    assert versions[1].content["situation"] == ""
    assert versions[2].content["situation"] == "Tình hình lần 1"
    assert versions[2].saved_by == users["pv05"]
    assert versions[1].content["figures"]["totals"] == review.figures["totals"]


def test_a_stale_save_is_refused_with_who_saved_first(make_review, users):
    review = make_review()
    review_update(review=review, user=users["admin"], expected_version=1, proposals="Bản của quản trị")
    with pytest.raises(ReviewConflict) as error:
        review_update(review=review, user=users["pv05"], expected_version=1, proposals="Bản cũ của PV05")
    assert "phiên bản 2" in str(error.value)
    assert str(users["admin"]) in str(error.value)
    review.refresh_from_db()
    assert review.proposals == "Bản của quản trị"
    assert review.versions.count() == 1


def test_refreshing_the_figures_reads_new_data_and_keeps_the_old_figures(make_review, users, commune, dataset):
    from tuquan.schemes.testing import make_scheme

    review = make_review()
    make_scheme(commune, date(2024, 11, 1))  # entered late
    review = review_refresh_figures(review=review, user=users["pv05"], expected_version=1)
    assert review.figures["totals"]["new"] == 4
    assert review.versions.get(number=1).content["figures"]["totals"]["new"] == 3


def test_period_and_figures_cannot_be_changed_through_the_edit_service(make_review, users):
    review = make_review()
    with pytest.raises(ValueError):
        review_update(review=review, user=users["pv05"], expected_version=1, figures={})
