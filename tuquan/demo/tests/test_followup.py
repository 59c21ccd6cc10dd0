"""The demo fills every module: targets, support, good practices, commendations and reviews.

Built once for the module (registry and follow-up, about 15 s) inside a transaction rolled back at
the end. The pages are opened as the demo's PV05 officer and as the demo's commune officer.
"""

from collections import Counter
from datetime import date

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import F, Q, Sum
from django.test import Client

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.commendations.choices import AwardLevel, CommendationStatus, RecipientKind
from tuquan.commendations.models import Commendation
from tuquan.demo.followup import generate_followup
from tuquan.demo.generator import generate_demo
from tuquan.demo.recognition import number
from tuquan.places.models import AdminUnit
from tuquan.practices.models import GoodPractice
from tuquan.reviews.choices import PeriodKind, ReviewStatus
from tuquan.reviews.models import Review
from tuquan.schemes.models import Scheme
from tuquan.support.choices import Source, SupportKind
from tuquan.support.models import SupportRecord
from tuquan.targets.models import Target

DEMO_COMMUNE = "Phường Bắc Nha Trang"
PAGES = {
    "targets": "/chi-tieu/2025/",
    "support": "/ho-tro/",
    "practices": "/dien-hinh/",
    "commendations": "/khen-thuong/",
    "reviews": "/bao-cao/",
}


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from tuquan.places.services import places_load

    with django_db_blocker.unblock(), transaction.atomic():
        places_load(province_codes=[56])
        generate_demo(seed=2022)
        result = generate_followup(seed=2022)
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def client_for(username: str) -> Client:
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def page_units(name: str, context) -> list[str]:
    """The commune (or province) of every row a page lists."""
    if name == "targets":
        return [row.target.unit.name for row in context["rows"]]
    if name == "support":
        return [row["scheme__commune__name"] for row in context["by_commune"]]
    if name == "practices":
        return [practice.unit.name for practice in context["practices"]]
    if name == "commendations":
        return [item.unit.name for item in context["items"]]
    return [review.unit.name for review in context["object_list"]]


def test_every_part_is_generated(demo_db):
    assert demo_db.created and not demo_db.skipped
    counts = (
        Target.objects.count(),
        SupportRecord.objects.count(),
        GoodPractice.objects.count(),
        Commendation.objects.count(),
        Review.objects.count(),
    )
    assert counts == (
        demo_db.targets,
        demo_db.support_records,
        demo_db.practices,
        demo_db.commendations,
        demo_db.reviews,
    )
    assert "chỉ tiêu thi đua" in demo_db.summary()


def test_every_commune_with_a_police_station_has_targets_for_the_last_two_years(demo_db):
    province = AdminUnit.objects.get(era="current", level="province", code="56")
    communes = set(province.children.exclude(division_type="đặc khu").values_list("pk", flat=True))
    for year in (2025, 2026):
        assert set(Target.objects.filter(year=year).values_list("unit", flat=True)) == communes
    assert set(Target.objects.values_list("year", flat=True)) == {2025, 2026}
    assert not Target.objects.filter(unit__division_type="đặc khu").exists()


def test_targets_page_shows_communes_that_reached_nearly_reached_and_missed(demo_db):
    response = client_for("pv05").get(PAGES["targets"])
    assert response.status_code == 200
    lines = response.context["matrix"]["lines"]
    assert len(lines) == 64
    shortfall = Counter(min(line["count"] - line["reached"], 2) for line in lines)
    assert shortfall[0] >= 10  # every target reached
    assert shortfall[1] >= 10  # one target short
    assert shortfall[2] >= 3  # two or more missed
    summary = {group["label"]: group for group in response.context["summary"]}
    assert all(group["reached"] and group["not_reached"] for group in summary.values())
    body = response.content.decode()
    assert "Đạt" in body and "Chưa đạt" in body


def test_support_covers_a_realistic_share_of_schemes_every_year_with_every_source(demo_db):
    by_year = {
        row["date__year"]: row
        for row in SupportRecord.objects.values("date__year").annotate(
            money=Sum("value", filter=Q(kind=SupportKind.MONEY)), value=Sum("value")
        )
    }
    assert set(by_year) == {2022, 2023, 2024, 2025, 2026}
    for year, row in by_year.items():
        active = Scheme.objects.filter(founded_on__lte=date(year, 12, 31)).exclude(ended_on__lt=date(year, 1, 1))
        supported = SupportRecord.objects.filter(date__year=year).values("scheme").distinct().count()
        assert 0.15 <= supported / active.count() <= 0.5, year
        # Hundreds of millions of đồng a year for a province of 300–400 schemes, not billions each.
        assert 150_000_000 <= row["money"] <= 1_500_000_000, year
        assert row["value"] <= 2_500_000_000, year
    sources = set(SupportRecord.objects.values_list("source", flat=True))
    assert {Source.COMMUNE_BUDGET, Source.SOCIALISED, Source.DEFENCE_FUND, Source.PROVINCE_BUDGET} <= sources
    assert SupportRecord.objects.filter(kind=SupportKind.ITEM, team__isnull=False).exists()
    assert not SupportRecord.objects.filter(date__gt=date(2026, 11, 28)).exists()
    assert not SupportRecord.objects.filter(date__lt=F("scheme__founded_on")).exists()


@pytest.mark.parametrize("username", ["pv05", "congan.bacnhatrang"])
def test_support_overview_totals_are_the_sum_of_the_records(demo_db, username):
    user = User.objects.get(username=username)
    response = client_for(username).get(PAGES["support"])
    assert response.status_code == 200
    context = response.context
    records = SupportRecord.objects.visible_to(user)
    money = records.filter(kind=SupportKind.MONEY).aggregate(total=Sum("value"))["total"]
    assert money > 0
    assert context["total"]["money"] == money
    assert context["total"]["records"] == records.count()
    for table in ("by_commune", "by_source", "by_year", "by_kind"):
        assert sum(row["money"] for row in context[table]) == money, table
        assert sum(row["records"] for row in context[table]) == records.count(), table
    assert f'data-testid="total-money">{number(money)}<' in response.content.decode()


@pytest.mark.parametrize("name", list(PAGES))
def test_pv05_sees_rows_of_many_communes_on_every_page(demo_db, name):
    response = client_for("pv05").get(PAGES[name])
    assert response.status_code == 200
    units = page_units(name, response.context)
    assert len(set(units)) >= 3, name
    assert DEMO_COMMUNE in units or name == "reviews" and "Tỉnh Khánh Hòa" in units


@pytest.mark.parametrize("name", list(PAGES))
def test_commune_officer_sees_rows_of_their_commune_only(demo_db, name):
    response = client_for("congan.bacnhatrang").get(PAGES[name])
    assert response.status_code == 200
    units = page_units(name, response.context)
    assert units, name
    assert set(units) == {DEMO_COMMUNE}, name


def test_practices_and_commendations_are_plausible(demo_db):
    practices = GoodPractice.objects.all()
    assert 8 <= practices.count() <= 25
    assert not practices.filter(schemes__isnull=True).exists()
    assert practices.filter(unit__level="province").count() >= 5
    assert practices.filter(unit__level="commune").count() >= 3
    spread = practices.get(title__contains="Khánh Thành")
    assert spread.schemes.filter(replicated_from__isnull=False).exists()
    assert "nhân rộng ra" in spread.body

    commendations = Commendation.objects.all()
    assert 50 <= commendations.count() <= 200
    approved = commendations.filter(status=CommendationStatus.APPROVED)
    assert not approved.filter(Q(decision_number="") | Q(decision_date__isnull=True) | Q(issuer="")).exists()
    assert not approved.filter(decision_date__gt=date(2026, 11, 28)).exists()
    assert set(approved.values_list("recipient_kind", flat=True)) == {RecipientKind.SCHEME, RecipientKind.PERSON}
    assert approved.filter(level=AwardLevel.MINISTRY).exists()
    assert set(approved.values_list("year", flat=True)) == {2022, 2023, 2024, 2025, 2026}
    proposed = commendations.filter(status=CommendationStatus.PROPOSED)
    assert proposed.exists() and set(proposed.values_list("year", flat=True)) == {2026}
    assert proposed.filter(unit__name=DEMO_COMMUNE).exists()
    assert not commendations.filter(recipient_kind=RecipientKind.PERSON, member__isnull=True).exists()


def test_reviews_cover_past_years_and_quote_the_figures_they_keep(demo_db):
    province_reviews = Review.objects.filter(unit__level="province")
    yearly = province_reviews.filter(period_kind=PeriodKind.YEAR)
    assert sorted(yearly.values_list("period_start__year", flat=True)) == [2022, 2023, 2024, 2025, 2026]
    assert province_reviews.filter(period_kind=PeriodKind.HALF_YEAR).count() == 4
    assert list(yearly.filter(status=ReviewStatus.DRAFT).values_list("period_start__year", flat=True)) == [2026]
    final = Review.objects.filter(status=ReviewStatus.FINAL)
    assert not final.filter(Q(number="") | Q(issued_on__isnull=True)).exists()
    assert Review.objects.filter(unit__name=DEMO_COMMUNE, symbol="BC-CAP").count() == 2

    review = yearly.get(period_start__year=2025)
    figures = review.figures
    money_2025 = SupportRecord.objects.filter(date__year=2025, kind=SupportKind.MONEY).aggregate(t=Sum("value"))["t"]
    assert figures["support"]["money"] == money_2025
    decided = Commendation.objects.filter(decision_date__year=2025, status=CommendationStatus.APPROVED).count()
    assert figures["commendations"]["total"] == decided
    assert figures["targets"]["assigned"] == Target.objects.filter(year=2025).count()
    assert f"có {number(figures['totals']['at_end'])} mô hình" in review.results_intro
    assert f"kinh phí {number(money_2025)} đồng" in review.results_intro
    assert review.versions.count() == 1  # the draft the system read, then the officer's text


def test_every_row_was_written_by_a_service_and_is_in_the_audit_log(demo_db):
    pv05 = User.objects.get(username="pv05")
    for model in (Target, SupportRecord, GoodPractice, Commendation, Review):
        logged = LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), action=LogEntry.Action.CREATE
        )
        assert logged.count() == model.objects.count(), model
        assert not logged.filter(actor__isnull=True).exists(), model
    assert set(LogEntry.objects.get_for_model(Target).values_list("actor", flat=True)) == {pv05.pk}
    assert set(LogEntry.objects.get_for_model(SupportRecord).values_list("actor__role", flat=True)) == {Role.COMMUNE}
    approved = Commendation.objects.filter(status=CommendationStatus.APPROVED)
    decisions = LogEntry.objects.get_for_model(Commendation).filter(action=LogEntry.Action.UPDATE, actor=pv05)
    assert decisions.count() == approved.count()


def test_second_run_writes_nothing(demo_db, django_assert_max_num_queries):
    before = [model.objects.count() for model in (Target, SupportRecord, GoodPractice, Commendation, Review)]
    with django_assert_max_num_queries(8):  # the province, one probe a part, a savepoint
        result = generate_followup(seed=2022)
    assert not result.created
    assert len(result.skipped) == 5
    assert [model.objects.count() for model in (Target, SupportRecord, GoodPractice, Commendation, Review)] == before


def test_a_missing_part_is_added_and_the_same_seed_gives_the_same_rows(demo_db):
    def snapshot():
        return [
            (r.unit.name, r.title, r.status, r.number, r.issued_on, r.results_intro)
            for r in Review.objects.select_related("unit").order_by("pk")
        ]

    first = snapshot()
    Review.objects.all().delete()
    result = generate_followup(seed=2022)
    assert result.reviews == len(first)
    assert len(result.skipped) == 4
    assert snapshot() == first
