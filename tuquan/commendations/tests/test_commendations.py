"""Commendations: proposing and approving, suggestions at the N-year boundary, exports, scoping."""

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from tuquan.accounts.testing import ScopedViewChecks
from tuquan.assessments.models import Assessment, Campaign
from tuquan.commendations import views as commendations_views
from tuquan.commendations.models import Commendation
from tuquan.commendations.selectors import commendation_suggestions, next_security_day
from tuquan.commendations.services import (
    commendation_create,
    commendation_propose_schemes,
    commendation_update,
)
from tuquan.schemes.testing import make_scheme


def _campaign(root, year: int) -> Campaign:
    campaign, _ = Campaign.objects.get_or_create(
        root_unit=root,
        year=year,
        name=f"Kiểm tra năm {year}",
        defaults={
            "period_start": date(year - 1, 11, 15),
            "period_end": date(year, 11, 14),
            "self_assessment_deadline": date(year, 11, 20),
            "approval_deadline": date(year, 12, 10),
        },
    )
    return campaign


def rate(scheme, khanh_hoa, ratings: dict[int, str], state: str = "approved") -> None:
    for year, rating in ratings.items():
        Assessment.objects.create(campaign=_campaign(khanh_hoa, year), scheme=scheme, state=state, final_rating=rating)


def propose(user, scheme, **extra):
    data = {
        "recipient_kind": "scheme",
        "scheme": scheme,
        "title": "Giấy khen của Giám đốc Công an tỉnh",
        "award_form": "giay_khen",
        "level": "ca_tinh",
        "year": 2025,
    }
    data.update(extra)
    return commendation_create(user=user, data=data)


@pytest.fixture
def schemes(commune, other_commune):
    return {
        "own": make_scheme(commune, date(2019, 1, 1), name="Tổ gương sáng khu phố 1"),
        "other": make_scheme(other_commune, date(2019, 1, 1), name="Xóm đạo bình yên"),
    }


# --------------------------------------------------------------------------- services


def test_commune_officer_proposes_and_cannot_approve(users, schemes):
    item = propose(users["commune"], schemes["own"])
    assert item.status == "proposed" and item.unit == schemes["own"].commune
    decision = {"decision_number": "12/QĐ", "decision_date": date(2025, 8, 1), "issuer": "Giám đốc"}
    with pytest.raises(ValidationError) as error:
        propose(users["commune"], schemes["own"], status="approved", **decision)
    assert "status" in error.value.message_dict
    with pytest.raises(PermissionDenied):  # proposing is all a commune officer does
        commendation_update(user=users["commune"], commendation=item, data={"reason": "x"})
    with pytest.raises(PermissionDenied):
        propose(users["viewer"], schemes["own"])


def test_pv05_approves_with_a_decision(users, schemes):
    item = propose(users["commune"], schemes["own"])
    with pytest.raises(ValidationError) as error:
        commendation_update(user=users["pv05"], commendation=item, data={"status": "approved"})
    assert {"decision_number", "decision_date"} <= set(error.value.message_dict)
    commendation_update(
        user=users["pv05"],
        commendation=item,
        data={
            "status": "approved",
            "decision_number": "1234/QĐ-CAT",
            "decision_date": date(2025, 8, 15),
            "issuer": "Giám đốc Công an tỉnh Khánh Hòa",
        },
    )
    item.refresh_from_db()
    assert item.status == "approved" and item.decision_number == "1234/QĐ-CAT"


def test_person_commendation_needs_a_name_and_a_commune_in_the_jurisdiction(users, commune, other_commune):
    base = {"recipient_kind": "person", "title": "Bằng khen", "award_form": "bang_khen", "level": "ubnd_tinh"}
    with pytest.raises(ValidationError) as error:
        commendation_create(user=users["commune"], data=base | {"year": 2025, "unit": other_commune})
    assert {"person_name", "unit"} <= set(error.value.message_dict)
    item = commendation_create(
        user=users["commune"],
        data=base | {"year": 2025, "unit": commune, "person_name": "Nguyễn Văn An", "person_role": "Tổ trưởng"},
    )
    assert item.recipient_label == "Nguyễn Văn An"


def test_commune_officer_cannot_commend_another_communes_scheme(users, schemes):
    with pytest.raises(ValidationError) as error:
        propose(users["commune"], schemes["other"])
    assert "scheme" in error.value.message_dict


# --------------------------------------------------------------------------- suggestions


def test_two_good_years_running_are_suggested_one_is_not(users, schemes, commune, khanh_hoa):
    two = schemes["own"]
    one = make_scheme(commune, date(2019, 1, 1), name="Một năm Tốt")
    broken = make_scheme(commune, date(2019, 1, 1), name="Tốt rồi Khá")
    rate(two, khanh_hoa, {2023: "tot", 2024: "tot"})
    rate(one, khanh_hoa, {2023: "kha", 2024: "tot"})
    rate(broken, khanh_hoa, {2023: "tot", 2024: "kha"})
    suggested = list(commendation_suggestions(user=users["pv05"], years=2))
    assert suggested == [two]
    # N is a parameter: with 1 year the scheme rated Tốt only in 2024 qualifies too
    assert set(commendation_suggestions(user=users["pv05"], years=1)) == {two, one}
    # three years asked, two given: nobody
    assert list(commendation_suggestions(user=users["pv05"], years=3)) == []


def test_only_approved_assessments_count(users, schemes, khanh_hoa):
    rate(schemes["own"], khanh_hoa, {2023: "tot"})
    rate(schemes["own"], khanh_hoa, {2024: "tot"}, state="submitted")
    assert list(commendation_suggestions(user=users["pv05"], years=2, until=2024)) == []


def test_commendation_after_the_streak_removes_the_suggestion(users, schemes, khanh_hoa):
    rate(schemes["own"], khanh_hoa, {2023: "tot", 2024: "tot"})
    old = propose(users["pv05"], schemes["own"], year=2022)  # before the streak: still suggested
    assert list(commendation_suggestions(user=users["pv05"])) == [schemes["own"]]
    assert commendation_suggestions(user=users["pv05"]).get().last_commended == old.year
    propose(users["pv05"], schemes["own"], year=2024)
    assert list(commendation_suggestions(user=users["pv05"])) == []


def test_suggestions_are_scoped_and_bounded(users, schemes, khanh_hoa, django_assert_max_num_queries):
    rate(schemes["own"], khanh_hoa, {2023: "tot", 2024: "tot"})
    rate(schemes["other"], khanh_hoa, {2023: "tot", 2024: "tot"})
    assert list(commendation_suggestions(user=users["commune"])) == [schemes["own"]]
    with django_assert_max_num_queries(2):
        assert len(list(commendation_suggestions(user=users["pv05"]))) == 2


def test_one_click_proposal_creates_proposed_commendations(client, users, schemes, khanh_hoa):
    rate(schemes["own"], khanh_hoa, {2023: "tot", 2024: "tot"})
    client.force_login(users["commune"])
    page = client.get(reverse("commendations:suggestion_list"))
    assert schemes["own"].name in page.content.decode()
    response = client.post(reverse("commendations:suggestion_propose"), {"scheme": [schemes["own"].pk]})
    assert response.status_code == 302
    item = Commendation.objects.get()
    assert (item.scheme, item.status, item.title) == (
        schemes["own"],
        "proposed",
        "Giấy khen của Giám đốc Công an tỉnh",
    )
    assert "2 năm liền (2023–2024)" in item.reason
    assert list(commendation_suggestions(user=users["pv05"])) == []


def test_next_security_day_is_19_august():
    assert next_security_day(date(2026, 8, 19)) == date(2026, 8, 19)
    assert next_security_day(date(2026, 8, 20)) == date(2027, 8, 19)
    assert next_security_day(date(2026, 1, 5)) == date(2026, 8, 19)


# --------------------------------------------------------------------------- exports


@pytest.fixture
def proposals(users, schemes, commune):
    commendation_propose_schemes(user=users["pv05"], schemes=[schemes["own"], schemes["other"]], year=2025)
    commendation_create(
        user=users["pv05"],
        data={
            "recipient_kind": "person",
            "unit": commune,
            "person_name": "Trần Thị Bình",
            "person_role": "Tổ viên",
            "title": "Kỷ niệm chương Bảo vệ an ninh Tổ quốc",
            "award_form": "ky_niem_chuong",
            "level": "bo_cong_an",
            "year": 2025,
            "reason": "Phát hiện, tố giác tội phạm",
        },
    )


def test_proposal_list_as_xlsx(client, users, proposals, schemes):
    client.force_login(users["commune"])
    response = client.get(reverse("commendations:proposal_xlsx"), {"year": 2025})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value.startswith("DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG")
    rows = [row for row in sheet.iter_rows(min_row=5, values_only=True) if row[0]]
    assert len(rows) == 2  # the commune officer's scope: own scheme + the person
    names = {row[1] for row in rows}
    assert any(schemes["own"].name in name for name in names)
    assert not any(schemes["other"].name in name for name in names)


def test_proposal_list_as_docx(client, users, proposals, schemes):
    client.force_login(users["pv05"])
    response = client.get(reverse("commendations:proposal_docx"))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG" in text
    header = document.tables[0]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in header.rows[0].cells[1].text
    table = document.tables[1]
    body = [[cell.text for cell in row.cells] for row in table.rows[1:]]
    assert len(body) == 3
    assert any("Trần Thị Bình" in row[1] for row in body)
    assert any("Kỷ niệm chương Bảo vệ an ninh Tổ quốc" == row[3] for row in body)


# --------------------------------------------------------------------------- views


@pytest.fixture
def scoped_commendations(users, schemes):
    return propose(users["pv05"], schemes["own"]), propose(users["pv05"], schemes["other"])


class TestCommendationViews(ScopedViewChecks):
    permitted_role = "commune"

    @pytest.fixture
    def scoped_objects(self, scoped_commendations):
        return scoped_commendations

    def object_urls(self, obj):
        return [(reverse("commendations:commendation_detail", args=[obj.pk]), "get")]

    def list_urls(self):
        return [
            (reverse("commendations:commendation_list"), "get"),
            (reverse("commendations:suggestion_list"), "get"),
            (reverse("commendations:proposal_xlsx"), "get"),
            (reverse("commendations:proposal_docx"), "get"),
        ]


class TestCommendationWriteViews(ScopedViewChecks):
    permitted_role = "pv05"
    forbidden_role = "viewer"

    @pytest.fixture
    def scoped_objects(self, users, scoped_commendations, schemes, other_commune):
        own, _ = scoped_commendations
        return own, _hidden_from_pv05(users)

    def object_urls(self, obj):
        return [(reverse("commendations:commendation_update", args=[obj.pk]), "get")]

    def list_urls(self):
        return [
            (reverse("commendations:commendation_create"), "get"),
            (reverse("commendations:suggestion_propose"), "post"),
        ]


def _hidden_from_pv05(users):
    """A commendation placed outside PV05's unit tree (a pre-2025 commune), so PV05 gets 404."""
    from tuquan.places.models import AdminUnit

    outside = (
        AdminUnit.objects.exclude(path__startswith=users["pv05"].jurisdiction.path).filter(level="commune").first()
    )
    if outside is None:
        pytest.skip("only one province loaded")
    scheme = make_scheme(outside, date(2019, 1, 1))
    return Commendation.objects.create(
        recipient_kind="scheme", scheme=scheme, unit=outside, title="x", award_form="khac", level="khac", year=2025
    )


def test_commune_officer_cannot_edit_another_communes_commendation(client, users, scoped_commendations):
    _, other = scoped_commendations
    client.force_login(users["commune"])
    assert client.get(reverse("commendations:commendation_update", args=[other.pk])).status_code == 403
    client.force_login(users["other_commune"])
    assert (
        client.get(reverse("commendations:commendation_detail", args=[scoped_commendations[0].pk])).status_code == 404
    )


def test_form_preset_fills_the_award_and_errors_show_next_to_fields(client, users, schemes):
    client.force_login(users["pv05"])
    url = reverse("commendations:commendation_create")
    response = client.post(
        url, {"preset": "gk_ca_xa", "recipient_kind": "person", "year": "2025", "status": "proposed"}
    )
    body = response.content.decode()
    assert response.status_code == 200 and 'data-field-error="person_name"' in body
    response = client.post(
        url,
        {
            "preset": "bk_ubnd_tinh",
            "recipient_kind": "scheme",
            "scheme": schemes["own"].pk,
            "year": 2025,
            "status": "proposed",
        },
    )
    item = Commendation.objects.get()
    assert response.status_code == 302
    assert (item.title, item.award_form, item.level, item.issuer) == (
        "Bằng khen của Chủ tịch UBND tỉnh",
        "bang_khen",
        "ubnd_tinh",
        "Chủ tịch UBND tỉnh Khánh Hòa",
    )


def test_list_page_in_bounded_queries(client, users, scoped_commendations, django_assert_max_num_queries):
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("commendations:commendation_list"), {"status": "proposed"})
    assert response.status_code == 200


def test_commune_officer_docx_names_the_commune_police(client, users, proposals, commune):
    client.force_login(users["commune"])
    document = Document(io.BytesIO(client.get(reverse("commendations:proposal_docx")).content))
    left = document.tables[0].rows[0].cells[0].text
    assert f"CÔNG AN {commune.name}".upper() in left
    assert len(document.tables[1].rows) == 1 + 2  # header + own scheme + the person


def test_member_commendation_takes_name_scheme_and_commune_from_the_member(users, schemes):
    from tuquan.schemes.models import Member

    member = Member.objects.create(scheme=schemes["own"], full_name="Lê Văn Cường")
    item = commendation_create(
        user=users["commune"],
        data={
            "recipient_kind": "person",
            "member": member,
            "title": "Giấy khen",
            "award_form": "giay_khen",
            "level": "ca_xa",
            "year": 2025,
        },
    )
    assert (item.person_name, item.scheme, item.unit) == ("Lê Văn Cường", schemes["own"], schemes["own"].commune)
    other_member = Member.objects.create(scheme=schemes["other"], full_name="Ngoài địa bàn")
    with pytest.raises(ValidationError) as error:
        commendation_create(
            user=users["commune"],
            data={
                "recipient_kind": "person",
                "member": other_member,
                "title": "Giấy khen",
                "award_form": "giay_khen",
                "level": "ca_xa",
                "year": 2025,
            },
        )
    assert "member" in error.value.message_dict


def test_suggestion_page_in_bounded_queries(client, users, schemes, khanh_hoa, django_assert_max_num_queries):
    for index in range(5):
        scheme = make_scheme(schemes["own"].commune, date(2019, 1, 1), name=f"Mô hình Tốt {index}")
        rate(scheme, khanh_hoa, {2023: "tot", 2024: "tot"})
    client.force_login(users["pv05"])
    with django_assert_max_num_queries(8):
        response = client.get(reverse("commendations:suggestion_list"))
    assert response.content.decode().count('name="scheme"') == 5


def test_scheme_page_links_to_a_prefilled_proposal(client, users, schemes):
    client.force_login(users["commune"])
    page = client.get(reverse("schemes:scheme_detail", args=[schemes["own"].pk])).content.decode()
    link = f"{reverse('commendations:commendation_create')}?scheme={schemes['own'].pk}"
    assert link in page
    form = client.get(link).content.decode()
    assert f'<option value="{schemes["own"].pk}" selected>' in form


def test_suggestion_page_queries_do_not_grow_with_the_suggestions(client, users, schemes, khanh_hoa):
    def count_queries() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("commendations:suggestion_list")).status_code == 200
        return len(queries)

    client.force_login(users["pv05"])
    rate(schemes["own"], khanh_hoa, {2023: "tot", 2024: "tot"})
    propose(users["pv05"], schemes["own"], year=2020)  # last_commended is read for the page too
    few = count_queries()
    for index in range(6):
        scheme = make_scheme(schemes["own"].commune, date(2019, 1, 1), name=f"Thêm {index}")
        rate(scheme, khanh_hoa, {2023: "tot", 2024: "tot"})
        propose(users["pv05"], scheme, year=2021)
    assert count_queries() == few
    page = client.get(reverse("commendations:suggestion_list")).content.decode()
    assert page.count("Năm 2021") == 6 and page.count("Năm 2020") == 1


def test_suggestions_come_a_page_at_a_time_with_their_total(client, users, commune, khanh_hoa, monkeypatch):
    monkeypatch.setattr(commendations_views, "SUGGESTIONS_PER_PAGE", 2)
    names = [f"Mô hình {letter}" for letter in "ABCDE"]
    for name in names:
        rate(make_scheme(commune, date(2019, 1, 1), name=name), khanh_hoa, {2023: "tot", 2024: "tot"})
    client.force_login(users["pv05"])
    url = reverse("commendations:suggestion_list")
    pages = [client.get(url, {"page": number}).content.decode() for number in (1, 2, 3)]
    shown = [[name for name in names if name in page] for page in pages]
    assert shown == [names[0:2], names[2:4], names[4:5]]
    assert all("5 mô hình" in page for page in pages)
    assert "Trang 2 / 3" in pages[1]
    # past the end: the last page, not an empty list
    assert names[4] in client.get(url, {"page": 9}).content.decode()
