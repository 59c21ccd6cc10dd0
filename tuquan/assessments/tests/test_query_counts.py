"""Elimination and results pages: the same number of queries whatever the number of rows, and the
same figures as counted by hand (issue 8: a country has 150.000 schemes and a million assessments)."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tuquan.assessments.choices import Rating, Recommendation, State
from tuquan.assessments.models import Assessment, Campaign
from tuquan.assessments.selectors import campaign_results_tables, elimination_candidates
from tuquan.assessments.services import schemes_eliminate
from tuquan.schemes.models import SchemeKind

pytestmark = pytest.mark.django_db


def _approved(campaign, scheme, rating, recommendation=Recommendation.MAINTAIN):
    return Assessment.objects.create(
        campaign=campaign, scheme=scheme, state=State.APPROVED, final_rating=rating, recommendation=recommendation
    )


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def _eliminate(users, schemes, number):
    return schemes_eliminate(
        user=users["pv05"],
        schemes=schemes,
        decision_number=number,
        decision_date=date(2026, 12, 20),
        issuer="Công an tỉnh Khánh Hòa",
        reason="Xếp loại Yếu",
    )


def test_elimination_list_shows_each_decisions_scheme_count_in_constant_queries(client, users, make_scheme):
    client.force_login(users["pv05"])
    url = reverse("assessments:elimination_list")
    _eliminate(users, [make_scheme(name="Mô hình A")], "1/QĐ")
    few = _queries(client, url)
    _eliminate(users, [make_scheme(name=f"Mô hình B{i}") for i in range(3)], "2/QĐ")
    _eliminate(users, [make_scheme(name=f"Mô hình C{i}") for i in range(2)], "3/QĐ")
    assert _queries(client, url) == few
    page = client.get(url).content.decode()
    rows = {number: page.split(number, 1)[1].split("</tr>", 1)[0] for number in ("1/QĐ", "2/QĐ", "3/QĐ")}
    assert '<td class="num">1</td>' in rows["1/QĐ"]
    assert '<td class="num">3</td>' in rows["2/QĐ"]
    assert '<td class="num">2</td>' in rows["3/QĐ"]


def test_elimination_list_is_paged(client, users, make_scheme, monkeypatch):
    from tuquan.assessments import views

    monkeypatch.setattr(views, "ELIMINATIONS_PER_PAGE", 2)
    for i in range(3):
        _eliminate(users, [make_scheme(name=f"Mô hình {i}")], f"{i + 1}/QĐ")
    client.force_login(users["pv05"])
    url = reverse("assessments:elimination_list")
    first, second = client.get(url).content.decode(), client.get(url + "?page=2").content.decode()
    assert "Trang 1 / 2" in first
    # Newest first (same date: the latest decision first); each decision on exactly one page.
    assert [n in first for n in ("3/QĐ", "2/QĐ", "1/QĐ")] == [True, True, False]
    assert [n in second for n in ("3/QĐ", "2/QĐ", "1/QĐ")] == [False, False, True]


def test_elimination_candidates_are_active_schemes_rated_weak_or_proposed_for_removal(
    users, campaign, make_scheme, khanh_hoa
):
    weak, proposed, good, submitted, eliminated, earlier = (
        make_scheme(name=name)
        for name in ("Yếu", "Đề nghị thanh loại", "Tốt", "Chưa duyệt", "Đã thanh loại", "Năm trước")
    )
    _approved(campaign, weak, Rating.WEAK, Recommendation.ELIMINATE)
    _approved(campaign, proposed, Rating.AVERAGE, Recommendation.ELIMINATE)
    _approved(campaign, good, Rating.GOOD)
    Assessment.objects.create(campaign=campaign, scheme=submitted, state=State.SUBMITTED, final_rating=Rating.WEAK)
    _approved(campaign, eliminated, Rating.WEAK, Recommendation.ELIMINATE)
    _eliminate(users, [eliminated], "1/QĐ")
    past = Campaign.objects.create(
        year=2025,
        name="Đợt 2025",
        root_unit=khanh_hoa,
        period_start=date(2024, 11, 15),
        period_end=date(2025, 11, 14),
        self_assessment_deadline=date(2025, 11, 30),
        approval_deadline=date(2025, 12, 15),
    )
    _approved(past, earlier, Rating.WEAK, Recommendation.ELIMINATE)

    def names(queryset):
        return sorted(s.name for s in queryset)

    assert names(elimination_candidates(users["pv05"])) == ["Năm trước", "Yếu", "Đề nghị thanh loại"]
    assert names(elimination_candidates(users["pv05"], campaign)) == ["Yếu", "Đề nghị thanh loại"]
    assert names(elimination_candidates(users["pv05"], past)) == ["Năm trước"]
    assert names(elimination_candidates(users["other_commune"])) == []  # outside their commune
    assert names(elimination_candidates(users["viewer"])) == []  # may not change schemes


def test_elimination_form_lists_candidates_with_latest_class_in_constant_queries(client, users, campaign, make_scheme):
    client.force_login(users["pv05"])
    url = reverse("assessments:elimination_create")
    _approved(campaign, make_scheme(name="Mô hình số 0"), Rating.WEAK, Recommendation.ELIMINATE)
    few = _queries(client, url)
    for i in range(1, 6):
        _approved(campaign, make_scheme(name=f"Mô hình số {i}"), Rating.AVERAGE, Recommendation.ELIMINATE)
    assert _queries(client, url) == few
    page = client.get(url).content.decode()
    assert page.count('name="schemes"') == 6
    assert page.count("rating-yeu") == 1 and page.count("rating-trung_binh") == 5


def _two_kinds():
    return list(SchemeKind.objects.order_by("pk")[:2])


def test_results_tables_match_hand_counts(users, campaign, make_scheme, commune, other_commune):
    first_kind, second_kind = _two_kinds()
    data = [
        (commune, first_kind, Rating.GOOD),
        (commune, first_kind, Rating.GOOD),
        (commune, second_kind, Rating.WEAK),
        (other_commune, first_kind, Rating.FAIR),
        (other_commune, second_kind, Rating.FAIR),
        (other_commune, second_kind, Rating.AVERAGE),
    ]
    for i, (unit, kind, rating) in enumerate(data):
        _approved(campaign, make_scheme(name=f"Mô hình {i}", commune=unit, kind=kind), rating)
    Assessment.objects.create(  # not approved: not counted
        campaign=campaign, scheme=make_scheme(name="Chưa duyệt"), state=State.SUBMITTED, final_rating=Rating.GOOD
    )
    tables = dict(campaign_results_tables(campaign, users["pv05"]))
    columns = [Rating.GOOD, Rating.FAIR, Rating.AVERAGE, Rating.WEAK, Rating.NEW]

    def expected(key):
        out = {}
        for unit, kind, rating in data:
            name = key(unit, kind)
            row = out.setdefault(name, dict.fromkeys(columns, 0))
            row[rating] += 1
        return {name: ([row[c] for c in columns], sum(row.values())) for name, row in out.items()}

    def got(title):
        return {row["name"]: (row["counts"], row["total"]) for row in tables[title]}

    assert got("Xã/phường/đặc khu (hiện hành)") == expected(lambda unit, kind: unit.name)
    assert got("Loại mô hình") == expected(lambda unit, kind: kind.name)
    assert got("Lĩnh vực") == expected(lambda unit, kind: kind.get_field_display())
    legacy = got("Huyện/thị xã/thành phố (trước 01/7/2025)")
    assert sum(total for _, total in legacy.values()) == len(data)
    # A commune officer sees only their commune's row.
    own = dict(campaign_results_tables(campaign, users["commune"]))["Xã/phường/đặc khu (hiện hành)"]
    assert [(row["name"], row["total"]) for row in own] == [(commune.name, 3)]


def test_results_page_queries_do_not_grow_with_assessments(
    client, users, campaign, make_scheme, commune, other_commune
):
    client.force_login(users["pv05"])
    url = reverse("assessments:campaign_results", args=[campaign.pk])
    first_kind, second_kind = _two_kinds()
    _approved(campaign, make_scheme(name="Mô hình 0"), Rating.GOOD)
    few = _queries(client, url)
    for i, rating in enumerate([Rating.FAIR, Rating.WEAK, Rating.AVERAGE, Rating.GOOD], start=1):
        unit = other_commune if i % 2 else commune
        _approved(campaign, make_scheme(name=f"Mô hình {i}", commune=unit, kind=second_kind), rating)
    assert _queries(client, url) == few
    page = client.get(url).content.decode()
    assert 'data-testid="results-total">5<' in page
