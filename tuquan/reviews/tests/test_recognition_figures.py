"""The review report counts targets reached and commendations decided in its period."""

import io
from datetime import date

from docx import Document

from tuquan.commendations.models import Commendation
from tuquan.reviews.docx import review_docx
from tuquan.reviews.selectors import review_figures
from tuquan.targets.models import Target


def _commend(unit, scheme, on, form="giay_khen", status="approved", kind="scheme"):
    return Commendation.objects.create(
        recipient_kind=kind,
        scheme=scheme if kind == "scheme" else None,
        person_name="" if kind == "scheme" else "Nguyễn Văn A",
        unit=unit,
        title="Giấy khen của Giám đốc Công an tỉnh",
        award_form=form,
        level="ca_tinh",
        year=on.year,
        decision_number="12/QĐ-CAT" if status == "approved" else "",
        decision_date=on if status == "approved" else None,
        issuer="Công an tỉnh Khánh Hòa" if status == "approved" else "",
        status=status,
    )


def test_targets_of_the_period_year_with_reached_counts(khanh_hoa, commune, other_commune, dataset):
    Target.objects.create(year=2024, unit=commune, indicator="min_active_schemes", value=1)
    Target.objects.create(year=2024, unit=other_commune, indicator="min_active_schemes", value=50)
    Target.objects.create(year=2023, unit=commune, indicator="min_active_schemes", value=1)  # another year

    targets = review_figures(khanh_hoa, date(2024, 1, 1), date(2024, 12, 31))["targets"]

    assert targets["year"] == 2024
    assert targets["assigned"] == 2
    assert targets["reached"] == 1
    assert targets["by_indicator"][0]["assigned"] == 2


def test_only_commendations_decided_in_the_period_count(khanh_hoa, commune, dataset):
    scheme = dataset["A"]
    _commend(commune, scheme, date(2024, 8, 19))
    _commend(commune, None, date(2024, 9, 2), form="bang_khen", kind="person")
    _commend(commune, scheme, date(2023, 8, 19))  # before the period
    _commend(commune, scheme, date(2024, 10, 1), status="proposed")  # not decided

    commendations = review_figures(khanh_hoa, date(2024, 1, 1), date(2024, 12, 31))["commendations"]

    assert commendations["total"] == 2
    assert {row["label"]: (row["schemes"], row["people"]) for row in commendations["by_form"]} == {
        "Giấy khen": (1, 0),
        "Bằng khen": (0, 1),
    }


def test_review_docx_reports_targets_and_commendations(make_review, commune, dataset):
    Target.objects.create(year=2024, unit=commune, indicator="min_active_schemes", value=1)
    _commend(commune, dataset["A"], date(2024, 8, 19))
    text = "\n".join(p.text for p in Document(io.BytesIO(review_docx(make_review()))).paragraphs)
    assert "Thực hiện chỉ tiêu thi đua năm 2024" in text
    assert "Khen thưởng" in text
