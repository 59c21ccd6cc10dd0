from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign, Elimination
from tuquan.assessments.services import assessment_approve, assessment_start, schemes_eliminate
from tuquan.places.models import AdminUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def foreign_province(db):
    return AdminUnit.objects.create(
        code="1",
        name="Thành phố Hà Nội",
        short_name="Hà Nội",
        division_type="thành phố trung ương",
        level="province",
        era="current",
        path="N1/",
    )


def _campaign_on(unit, users, name="Đợt riêng"):
    return Campaign.objects.create(
        year=2026,
        name=name,
        root_unit=unit,
        period_start=date(2025, 11, 15),
        period_end=date(2026, 11, 14),
        self_assessment_deadline=date(2026, 11, 30),
        approval_deadline=date(2026, 12, 15),
    )


class TestCampaignPages(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, campaign, other_commune, users):
        return campaign, _campaign_on(other_commune, users)

    def object_urls(self, obj):
        return [
            (reverse("assessments:campaign_detail", args=[obj.pk]), "get"),
            (reverse("assessments:campaign_results", args=[obj.pk]), "get"),
            (reverse("assessments:results_export", args=[obj.pk]), "get"),
        ]

    def list_urls(self):
        return [(reverse("assessments:campaign_list"), "get")]


class TestCampaignCreate(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, campaign):
        return campaign, campaign

    def object_urls(self, obj):
        return []

    def list_urls(self):
        return [(reverse("assessments:campaign_create"), "get")]


class TestLateExport(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, campaign, foreign_province, users):
        return campaign, _campaign_on(foreign_province, users)

    def object_urls(self, obj):
        return [(reverse("assessments:late_export", args=[obj.pk]), "get")]


class TestAssessmentPage(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, users, campaign, scheme, other_scheme):
        own = assessment_start(user=users["pv05"], campaign=campaign, scheme=scheme)
        other = assessment_start(user=users["pv05"], campaign=campaign, scheme=other_scheme)
        return own, other

    def object_urls(self, obj):
        return [(reverse("assessments:assessment_detail", args=[obj.pk]), "get")]


class TestAssessmentStart(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, campaign, scheme, other_scheme):
        return scheme, other_scheme

    def object_urls(self, obj):
        campaign = Campaign.objects.get()
        return [(reverse("assessments:assessment_start", args=[campaign.pk, obj.pk]), "post")]


class TestImportPages(ScopedViewChecks):
    permitted_role = "commune"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, campaign, other_commune, users):
        return campaign, _campaign_on(other_commune, users)

    def object_urls(self, obj):
        return [
            (reverse("assessments:import", args=[obj.pk]), "get"),
            (reverse("assessments:import_template", args=[obj.pk]), "get"),
        ]


class TestEliminationPages(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, users, khanh_hoa, other_commune):
        def make(unit, number):
            return Elimination.objects.create(
                unit=unit, decision_number=number, decision_date=date(2026, 12, 1), issuer="CA tỉnh", reason="x"
            )

        return make(khanh_hoa, "1/QĐ"), make(other_commune, "2/QĐ")

    def object_urls(self, obj):
        return [(reverse("assessments:elimination_detail", args=[obj.pk]), "get")]

    def list_urls(self):
        return [(reverse("assessments:elimination_list"), "get")]


class TestEliminationCreate(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, campaign):
        return campaign, campaign

    def object_urls(self, obj):
        return []

    def list_urls(self):
        return [(reverse("assessments:elimination_create"), "get")]


# --------------------------------------------------------------------------- workflow through the pages


def _post_scores(client, assessment, ratio=Decimal("0.9"), action="save", version=None, **extra):
    data = {"version": assessment.version if version is None else version, "action": action, **extra}
    for criterion in assessment.campaign.criteria.all():
        data[f"score_{criterion.pk}"] = str((criterion.max_points * ratio).quantize(Decimal("0.01")))
        data[f"note_{criterion.pk}"] = "Có biên bản"
    return client.post(reverse("assessments:assessment_detail", args=[assessment.pk]), data)


def test_pv05_creates_a_campaign_with_default_period(client, users):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("assessments:campaign_create"),
        {
            "year": 2027,
            "name": "Kiểm tra năm 2027",
            "criteria_set": 1,
            "self_assessment_deadline": "2027-11-30",
            "approval_deadline": "2027-12-15",
        },
    )
    campaign = Campaign.objects.get(year=2027)
    assert response.status_code == 302
    assert campaign.period_start == date(2026, 11, 15)
    assert campaign.criteria.count() == 9


def test_campaign_form_shows_errors_next_to_fields(client, users):
    client.force_login(users["pv05"])
    response = client.post(
        reverse("assessments:campaign_create"),
        {
            "year": "abc",
            "name": "",
            "criteria_set": 1,
            "self_assessment_deadline": "2027-12-30",
            "approval_deadline": "2027-12-15",
        },
    )
    assert response.status_code == 400
    assert 'data-field-error="year"' in response.content.decode()


def test_commune_submits_and_pv05_approves_through_the_pages(client, users, campaign, scheme, activity):
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    client.force_login(users["commune"])
    assert _post_scores(client, assessment, action="submit").status_code == 302
    assessment.refresh_from_db()
    assert assessment.state == State.SUBMITTED
    assert assessment.total == Decimal("90")

    # the commune officer can no longer change it, nor approve it
    response = _post_scores(client, assessment, action="approve")
    assert response.status_code == 403

    client.force_login(users["pv05"])
    response = _post_scores(client, assessment, action="approve")
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.state, assessment.final_rating) == (State.APPROVED, Rating.GOOD)
    page = client.get(reverse("assessments:campaign_detail", args=[campaign.pk])).content.decode()
    assert "Tốt" in page


def test_viewer_reads_but_cannot_save(client, users, campaign, scheme):
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    client.force_login(users["viewer"])
    assert client.get(reverse("assessments:assessment_detail", args=[assessment.pk])).status_code == 200
    assert _post_scores(client, assessment).status_code == 403


def test_pv05_returns_with_a_comment(client, users, submitted):
    client.force_login(users["pv05"])
    response = _post_scores(client, submitted, action="return", return_comment="Thiếu minh chứng tiêu chí 3.1")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.state == State.RETURNED


def test_stale_save_is_refused_with_a_clear_message(client, users, campaign, scheme):
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    client.force_login(users["commune"])
    stale = assessment.version
    assert _post_scores(client, assessment, version=stale).status_code == 302
    response = _post_scores(client, assessment, ratio=Decimal("0.5"), version=stale)
    assert response.status_code == 409
    assert "người khác lưu" in response.content.decode()
    assert Assessment.objects.get(pk=assessment.pk).total == Decimal("90")


def test_score_above_maximum_is_shown_next_to_the_field(client, users, campaign, scheme):
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    client.force_login(users["commune"])
    response = _post_scores(client, assessment, ratio=Decimal("2"))
    assert response.status_code == 400
    assert "data-field-error=" in response.content.decode()


def test_campaign_page_query_count_does_not_grow_with_schemes(
    client, users, campaign, make_scheme, django_assert_max_num_queries
):
    for i in range(12):
        scheme = make_scheme(name=f"Mô hình số {i}")
        if i % 2:
            assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assessments:campaign_detail", args=[campaign.pk]))
    assert response.status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(reverse("assessments:campaign_results", args=[campaign.pk])).status_code == 200


def test_late_communes_export_lists_communes_past_the_deadline(client, users, campaign, scheme):
    Campaign.objects.filter(pk=campaign.pk).update(
        self_assessment_deadline=date(2020, 1, 1), approval_deadline=date(2020, 1, 2)
    )
    client.force_login(users["pv05"])
    response = client.get(reverse("assessments:late_export", args=[campaign.pk]))
    sheet = load_workbook(BytesIO(response.content)).active
    communes = [row[1] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert communes == ["Phường Bắc Nha Trang"]


def test_results_export_has_one_sheet_per_grouping(client, users, submitted):
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    client.force_login(users["pv05"])
    response = client.get(reverse("assessments:results_export", args=[submitted.campaign_id]))
    book = load_workbook(BytesIO(response.content))
    assert len(book.sheetnames) == 5
    assert book["Tong hop"]["B4"].value == 1


# --------------------------------------------------------------------------- bulk import


def _filled_template(client, campaign, edit):
    response = client.get(reverse("assessments:import_template", args=[campaign.pk]))
    book = load_workbook(BytesIO(response.content))
    sheet = book.worksheets[0]
    edit(sheet)
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("diem.xlsx", buffer.getvalue())


def test_bulk_import_previews_then_saves_every_row(client, users, campaign, scheme, make_scheme):
    make_scheme(name="Camera an ninh tổ 7")
    client.force_login(users["commune"])

    def fill(sheet):
        for row in sheet.iter_rows(min_row=2):
            for cell in row[3:12]:
                cell.value = 8
            row[12].value = "Duy trì"

    upload = _filled_template(client, campaign, fill)
    response = client.post(reverse("assessments:import", args=[campaign.pk]), {"file": upload})
    assert response.status_code == 200
    assert Assessment.objects.count() == 0
    response = client.post(reverse("assessments:import", args=[campaign.pk]), {"action": "confirm"})
    assert response.status_code == 302
    assert Assessment.objects.count() == 2
    assert set(Assessment.objects.values_list("total", flat=True)) == {Decimal("72")}


def test_bulk_import_with_one_bad_cell_saves_nothing_and_lists_the_errors(client, users, campaign, scheme, make_scheme):
    make_scheme(name="Camera an ninh tổ 7")
    client.force_login(users["commune"])

    def fill(sheet):
        rows = list(sheet.iter_rows(min_row=2))
        for row in rows:
            for cell in row[3:12]:
                cell.value = 8
        rows[1][3].value = 99
        rows[1][4].value = "tám"

    upload = _filled_template(client, campaign, fill)
    response = client.post(reverse("assessments:import", args=[campaign.pk]), {"file": upload})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Điểm phải từ 0 đến 10" in page and "không phải là số" in page
    assert client.post(reverse("assessments:import", args=[campaign.pk]), {"action": "confirm"}).status_code == 302
    assert Assessment.objects.count() == 0


def test_bulk_import_refuses_another_communes_scheme(client, users, campaign, scheme, other_scheme):
    client.force_login(users["commune"])

    def fill(sheet):
        sheet.append([other_scheme.code, other_scheme.name, "x", 5])

    upload = _filled_template(client, campaign, fill)
    response = client.post(reverse("assessments:import", args=[campaign.pk]), {"file": upload})
    assert response.status_code == 400
    assert other_scheme.code in response.content.decode()


# --------------------------------------------------------------------------- elimination


def test_pv05_eliminates_weak_schemes_in_one_action(client, users, submitted, scheme, campaign):
    assessment_approve(
        user=users["pv05"],
        assessment=submitted,
        version=submitted.version,
        final_rating=Rating.WEAK,
        adjustment_reason="Không hoạt động",
    )
    client.force_login(users["pv05"])
    page = client.get(reverse("assessments:elimination_create") + f"?campaign={campaign.pk}").content.decode()
    assert scheme.name in page
    response = client.post(
        reverse("assessments:elimination_create"),
        {
            "campaign": campaign.pk,
            "schemes": [scheme.pk],
            "decision_number": "45/QĐ-CAT-PV05",
            "decision_date": "2026-12-20",
            "issuer": "Công an tỉnh Khánh Hòa",
            "reason": "Xếp loại Yếu, không còn hoạt động",
        },
    )
    assert response.status_code == 302
    scheme.refresh_from_db()
    assert scheme.status == "eliminated"
    results = client.get(reverse("assessments:campaign_results", args=[campaign.pk])).content.decode()
    assert 'data-rating="yeu">1<' in results


def test_elimination_form_lists_missing_decision_fields(client, users, scheme):
    client.force_login(users["pv05"])
    response = client.post(reverse("assessments:elimination_create"), {})
    assert response.status_code == 400
    page = response.content.decode()
    for name in ("decision_number", "decision_date", "issuer", "reason", "schemes"):
        assert f'data-field-error="{name}"' in page


def test_rating_history_partial_shows_each_year(users, submitted, scheme):
    from django.template.loader import render_to_string

    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    html = render_to_string("assessments/partials/rating_history.html", {"scheme": scheme})
    assert "2026" in html and "Tốt" in html


def test_eliminated_scheme_still_counts_in_past_results(users, submitted, scheme, campaign):
    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    schemes_eliminate(
        user=users["pv05"],
        schemes=[scheme],
        decision_number="1",
        decision_date=date(2027, 1, 5),
        issuer="CA tỉnh",
        reason="Giải thể",
    )
    from tuquan.assessments.selectors import campaign_progress, campaign_results

    assert campaign_results(campaign, users["pv05"])["by_value"][Rating.GOOD] == 1
    assert campaign_progress(campaign, users["pv05"])["totals"]["approved"] == 1


# --------------------------------------------------------------------------- evidence


@pytest.fixture
def with_evidence(settings, tmp_path, client, users, campaign, scheme):
    settings.MEDIA_ROOT = tmp_path
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    criterion = campaign.criteria.first()
    client.force_login(users["commune"])
    data = {
        "version": assessment.version,
        "action": "save",
        f"score_{criterion.pk}": "9",
        f"evidence_{criterion.pk}": SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test", "application/pdf"),
    }
    assert client.post(reverse("assessments:assessment_detail", args=[assessment.pk]), data).status_code == 302
    client.logout()
    return assessment, assessment.scores.get()


class TestEvidenceDownload(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, with_evidence, users, campaign, other_scheme, settings):
        assessment, score = with_evidence
        other = assessment_start(user=users["pv05"], campaign=campaign, scheme=other_scheme)
        other_score = other.scores.create(
            criterion=score.criterion, score=1, evidence=SimpleUploadedFile("x.pdf", b"%PDF")
        )
        return score, other_score

    def object_urls(self, obj):
        return [(reverse("assessments:evidence", args=[obj.assessment_id, obj.pk]), "get")]


def test_evidence_file_is_downloadable_by_the_commune(client, users, with_evidence):
    assessment, score = with_evidence
    client.force_login(users["commune"])
    response = client.get(reverse("assessments:evidence", args=[assessment.pk, score.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 test"


def test_evidence_with_a_forbidden_extension_is_refused(client, users, campaign, scheme):
    assessment = assessment_start(user=users["commune"], campaign=campaign, scheme=scheme)
    criterion = campaign.criteria.first()
    client.force_login(users["commune"])
    data = {
        "version": assessment.version,
        f"score_{criterion.pk}": "9",
        f"evidence_{criterion.pk}": SimpleUploadedFile("virus.exe", b"MZ"),
    }
    response = client.post(reverse("assessments:assessment_detail", args=[assessment.pk]), data)
    assert response.status_code == 400
    assert "Chỉ nhận tệp" in response.content.decode()


# --------------------------------------------------------------------------- criteria sets


class TestCriteriaSetPages(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "commune"

    @pytest.fixture
    def scoped_objects(self, db):
        from tuquan.assessments.models import CriteriaSet

        return CriteriaSet.objects.get(), None

    def object_urls(self, obj):
        return [(reverse("assessments:criteria_set_edit", args=[obj.pk]), "get")] if obj else []


def test_everyone_who_reads_campaigns_reads_the_criteria(client, users):
    client.force_login(users["viewer"])
    response = client.get(reverse("assessments:criteria_set_list"))
    assert response.status_code == 200
    assert "Duy trì sinh hoạt" in response.content.decode()


def _version_post(base, **overrides):
    data = {
        "threshold_good": "90",
        "threshold_fair": "75",
        "threshold_average": "55",
        "min_age_months": "6",
        "form-TOTAL_FORMS": str(base.criteria.count() + 1),
        "form-INITIAL_FORMS": "0",
    }
    for i, c in enumerate(base.criteria.all()):
        data.update({f"form-{i}-group": c.group, f"form-{i}-code": c.code, f"form-{i}-name": c.name})
        data[f"form-{i}-max_points"] = str(c.max_points)
    data.update(overrides)
    return data


def test_new_criteria_version_leaves_existing_campaigns_and_results_alone(client, users, submitted, campaign):
    from tuquan.assessments.models import CriteriaSet

    assessment_approve(user=users["pv05"], assessment=submitted, version=submitted.version)
    base = CriteriaSet.objects.get()
    client.force_login(users["pv05"])
    response = client.post(
        reverse("assessments:criteria_set_edit", args=[base.pk]),
        _version_post(base, **{"form-0-max_points": "20"}),
    )
    assert response.status_code == 302
    new = CriteriaSet.objects.get(is_active=True)
    assert (new.version, new.threshold_good, new.min_age_months) == (2, Decimal("90"), 6)
    assert new.criteria.get(code="1.1").max_points == Decimal("20")
    campaign.refresh_from_db()
    assert campaign.threshold_good == Decimal("85")
    assert campaign.criteria.get(code="1.1").max_points == Decimal("10")
    assert Assessment.objects.get(pk=submitted.pk).final_rating == Rating.GOOD


def test_new_criteria_version_with_duplicate_codes_is_refused(client, users):
    from tuquan.assessments.models import CriteriaSet

    base = CriteriaSet.objects.get()
    client.force_login(users["pv05"])
    response = client.post(
        reverse("assessments:criteria_set_edit", args=[base.pk]),
        _version_post(base, **{"form-1-code": "1.1", "threshold_fair": "95"}),
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Trùng mã tiêu chí: 1.1" in page
    assert "Ngưỡng điểm phải giảm dần" in page
    assert CriteriaSet.objects.count() == 1
