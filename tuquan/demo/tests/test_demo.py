"""The Khánh Hòa demo reproduces the 2022 article and continues plausibly to 2026.

The demo is generated once for the module (about 10 s) inside a transaction that is rolled back
at the end, so other test modules never see it.
"""

import io
import random
from collections import Counter
from datetime import date

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum

from tuquan.accounts.choices import Role
from tuquan.accounts.models import User
from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign, CriterionScore, EliminatedScheme, Elimination
from tuquan.assessments.rules import RatingRules, rating_for_total
from tuquan.demo.campaigns import base_campaign_name
from tuquan.demo.generator import generate_demo, plan_demo
from tuquan.demo.geography import Geography
from tuquan.demo.registry import K_ELDERS, K_MOUNTAIN_TEAM
from tuquan.demo.spec import KHANH_HOA
from tuquan.places.choices import Era, Level
from tuquan.places.models import REORGANISATION_DATE, Succession
from tuquan.schemes.choices import Field, HostOrganisation, Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, Team

ARTICLE_DISTRICTS = {
    "Thành phố Nha Trang": 87,
    "Thành phố Cam Ranh": 39,
    "Thị xã Ninh Hòa": 70,
    "Huyện Diên Khánh": 37,
    "Huyện Cam Lâm": 23,
    "Huyện Vạn Ninh": 33,
    "Huyện Khánh Sơn": 12,
    "Huyện Khánh Vĩnh": 8,
    "agencies": 13,
}
ARTICLE_CLASSES = {
    Rating.GOOD: 86,
    Rating.FAIR: 168,
    Rating.AVERAGE: 42,
    Rating.WEAK: 7,
    Rating.NEW: 19,
}
END_2022 = date(2022, 12, 31)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    from tuquan.places.services import places_load

    with django_db_blocker.unblock(), transaction.atomic():
        places_load(province_codes=[56])
        result = generate_demo(seed=2022)
        yield result
        transaction.set_rollback(True)


@pytest.fixture
def demo_db(demo, db):
    return demo


def registered_end_2022():
    return Scheme.objects.exclude(status=Status.VOIDED).filter(
        Q(founded_on__lte=END_2022) & (Q(ended_on__isnull=True) | Q(ended_on__gt=END_2022))
    )


def test_2022_register_by_pre_2025_district_is_the_articles_table(demo_db):
    rows = (
        registered_end_2022().values("legacy_commune__parent__name", "kind__field").annotate(n=Count("pk")).order_by()
    )
    counts = Counter()
    for row in rows:
        key = "agencies" if row["kind__field"] == Field.AGENCY else row["legacy_commune__parent__name"]
        counts[key] += row["n"]
    assert dict(counts) == ARTICLE_DISTRICTS
    assert sum(counts.values()) == 322


def test_2022_campaign_classes_are_the_articles(demo_db):
    campaign = Campaign.objects.get(year=2022)
    assert campaign.name == base_campaign_name(2022)
    counts = dict(
        Assessment.objects.filter(campaign=campaign)
        .values_list("final_rating")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("final_rating", "n")
    )
    assert counts == ARTICLE_CLASSES
    assert not Assessment.objects.filter(campaign=campaign).exclude(state=State.APPROVED).exists()


def test_every_district_but_truong_sa_has_schemes_and_no_unit_is_invented(demo_db):
    districts = set(registered_end_2022().values_list("legacy_commune__parent__code", flat=True))
    assert districts == {"568", "569", "570", "571", "572", "573", "574", "575"}
    assert not Scheme.objects.filter(commune__code="22736").exists()  # Đặc khu Trường Sa


def test_newly_founded_at_the_2022_inspection_are_exactly_nineteen(demo_db):
    founded = registered_end_2022().values_list("founded_on", flat=True)
    assert min(founded).year == 2005
    assert max(founded) <= date(2022, 11, 14)
    assert sum(1 for day in founded if day > date(2021, 11, 14)) == 19
    years = Counter(day.year for day in founded)
    assert len(years) >= 15


def test_every_scheme_sits_in_a_current_commune_its_legacy_commune_went_into(demo_db):
    schemes = Scheme.objects.all()
    assert not schemes.exclude(commune__era=Era.CURRENT, commune__level=Level.COMMUNE).exists()
    with_legacy = schemes.filter(legacy_commune__isnull=False)
    assert not with_legacy.exclude(legacy_commune__era=Era.LEGACY, legacy_commune__level=Level.COMMUNE).exists()
    mapped = Succession.objects.filter(old_unit=OuterRef("legacy_commune"), new_unit=OuterRef("commune"))
    assert not with_legacy.exclude(Exists(mapped)).exists()
    # Founded from the reorganisation: no old unit; before it: always one.
    assert not schemes.filter(founded_on__gte=REORGANISATION_DATE, legacy_commune__isnull=False).exists()
    assert not schemes.filter(founded_on__lt=REORGANISATION_DATE, legacy_commune__isnull=True).exists()


def test_kinds_fit_the_places(demo_db):
    religious = Scheme.objects.filter(kind__field=Field.RELIGION)
    assert religious.count() >= 10
    assert not religious.exclude(focus_religion=True).exists()
    assert not religious.exclude(host__in=[HostOrganisation.PARISH, HostOrganisation.PAGODA]).exists()
    assert Scheme.objects.filter(name="Phật tử chùa Hưng Long tự quản về ANTT").count() == 1
    mountain = {"573", "575"}
    elders = Scheme.objects.filter(kind__name=K_ELDERS, legacy_commune__isnull=False)
    assert set(elders.values_list("legacy_commune__parent__code", flat=True)) >= mountain
    assert not Scheme.objects.filter(kind__field=Field.ETHNIC).exclude(focus_ethnic=True).exists()
    assert not Scheme.objects.filter(kind__field=Field.ETHNIC).exclude(host=HostOrganisation.ELDERS).exists()
    khanh_thanh = Scheme.objects.get(name="Đội tự quản về ANTT xã Khánh Thành")
    assert khanh_thanh.kind.name == K_MOUNTAIN_TEAM and khanh_thanh.legacy_commune.name == "Xã Khánh Thành"
    assert (
        Scheme.objects.filter(replicated_from=khanh_thanh).exists()
        or Scheme.objects.filter(kind__name=K_MOUNTAIN_TEAM).count() == 1
    )
    technology = Scheme.objects.filter(kind__field=Field.TECHNOLOGY, legacy_commune__isnull=False)
    assert technology.count() >= 10
    assert set(technology.values_list("legacy_commune__parent__code", flat=True)) <= {"568", "569", "582"}  # the cities
    assert not Scheme.objects.filter(kind__name="Camera an ninh", camera_count=0).exists()


def test_teams_members_and_reports_are_plausible(demo_db):
    members = Scheme.objects.annotate(n=Count("members")).aggregate(low=Count("pk", filter=Q(n__lt=5)))
    assert members["low"] == 0
    assert not Scheme.objects.annotate(n=Count("members")).filter(n__gt=25).exists()
    assert not Scheme.objects.annotate(n=Count("teams")).filter(Q(n__lt=1) | Q(n__gt=4)).exists()
    assert not Member.objects.exclude(phone__regex=r"^09[0-9]{8}$").exists()
    assert not Member.objects.exclude(national_id__regex=r"^[0-9]{12}$").exists()
    assert Member.objects.values("national_id").distinct().count() == Member.objects.count()
    assert ActivityReport.objects.filter(period_end__lte=date(2026, 6, 30)).count() == ActivityReport.objects.count()
    totals = ActivityReport.objects.aggregate(tips=Sum("tips_to_police"), disputes=Sum("disputes_mediated"))
    assert totals["tips"] > 1000 and totals["disputes"] > 500


def test_weak_schemes_of_2022_are_eliminated_early_2023(demo_db):
    weak = Assessment.objects.filter(campaign__year=2022, final_rating=Rating.WEAK).values_list("scheme", flat=True)
    elimination = Elimination.objects.get(campaign__year=2022)
    assert date(2023, 1, 1) <= elimination.decision_date <= date(2023, 3, 31)
    assert set(EliminatedScheme.objects.filter(elimination=elimination).values_list("scheme", flat=True)) == set(weak)
    eliminated = Scheme.objects.filter(pk__in=weak)
    assert set(eliminated.values_list("status", flat=True)) == {Status.ELIMINATED}
    assert set(eliminated.values_list("ended_on", flat=True)) == {elimination.decision_date}


def test_later_years_add_schemes_campaigns_and_eliminations(demo_db):
    assert list(Campaign.objects.order_by("year").values_list("year", flat=True)) == [2022, 2023, 2024, 2025, 2026]
    founded = Counter(Scheme.objects.filter(founded_on__year__gte=2023).values_list("founded_on__year", flat=True))
    assert all(founded[year] > 0 for year in (2023, 2024, 2025, 2026))
    assert Elimination.objects.count() >= 3
    ninh_thuan = Scheme.objects.filter(
        Q(legacy_commune__path__startswith="L58/") | Q(commune__successions_as_new__old_unit__path__startswith="L58/")
    ).distinct()
    assert 10 <= ninh_thuan.count() <= 40
    assert not ninh_thuan.filter(founded_on__lt=date(2025, 1, 1)).exists()
    for year in (2023, 2024, 2025):
        states = set(Assessment.objects.filter(campaign__year=year).values_list("state", flat=True))
        assert states == {State.APPROVED}


def test_running_2026_campaign_has_unfinished_work_and_late_communes(demo_db):
    campaign = Campaign.objects.get(year=2026)
    states = Counter(Assessment.objects.filter(campaign=campaign).values_list("state", flat=True))
    assert states[State.DRAFT] and states[State.SUBMITTED] and states[State.APPROVED] and states[State.RETURNED]
    in_scope = Scheme.objects.filter(founded_on__lte=campaign.period_end, status=Status.ACTIVE).count()
    assert sum(states.values()) < in_scope  # some not started
    late = Assessment.objects.filter(campaign=campaign, state__in=[State.DRAFT, State.RETURNED])
    assert late.values("scheme__commune").distinct().count() >= 3
    assert campaign.self_assessment_deadline < date(2026, 11, 28) < campaign.approval_deadline


def test_scores_totals_and_classes_agree_with_the_rules(demo_db):
    rows = (
        Assessment.objects.exclude(state=State.DRAFT).select_related("campaign").annotate(scored=Sum("scores__score"))
    )
    for assessment in rows:
        assert assessment.scored == assessment.total
        if assessment.suggested_rating != Rating.NEW:
            assert (
                rating_for_total(assessment.total, RatingRules.of(assessment.campaign)) == assessment.suggested_rating
            )
        if assessment.state == State.APPROVED:
            assert assessment.final_rating == assessment.suggested_rating
    assert not CriterionScore.objects.filter(score__gt=F("criterion__max_points")).exists()


def test_latest_rating_is_the_last_approved_class(demo_db):
    last = (
        Assessment.objects.filter(scheme=OuterRef("pk"), state=State.APPROVED)
        .order_by("-campaign__year")
        .values("campaign__year", "final_rating")
    )
    schemes = Scheme.objects.annotate(
        year=Subquery(last.values("campaign__year")[:1]), rating=Subquery(last.values("final_rating")[:1])
    )
    for scheme in schemes:
        assert (scheme.latest_rating_year, scheme.latest_rating or None) == (scheme.year, scheme.rating), scheme.code


def test_sample_rows_pass_full_clean(demo_db):
    rng = random.Random(1)
    for model in (Scheme, Team, Member, ActivityReport, Assessment, CriterionScore, Elimination, EliminatedScheme):
        ids = list(model.objects.values_list("pk", flat=True))
        for obj in model.objects.filter(pk__in=rng.sample(ids, min(25, len(ids)))):
            obj.full_clean()


def test_demo_users_see_their_part(demo_db):
    officer = User.objects.get(username="congan.bacnhatrang")
    visible = Scheme.objects.visible_to(officer)
    assert visible.count() >= 5
    assert set(visible.values_list("commune__code", flat=True)) == {"22333"}
    leader = User.objects.get(username__startswith="truong.")
    assert leader.role == Role.LEADER and leader.scheme.commune.code == "22333"
    assert list(Scheme.objects.visible_to(leader)) == [leader.scheme]
    assert User.objects.filter(role=Role.COMMUNE).count() >= 60


def test_generation_is_deterministic(demo_db):
    geo = Geography(KHANH_HOA)
    officers = {u.jurisdiction_id: u for u in User.objects.filter(role=Role.COMMUNE)}

    def snapshot(plan):
        return [
            (
                p.scheme.code,
                p.scheme.name,
                p.scheme.founded_on,
                p.scheme.leader_name,
                p.scheme.latest_rating,
                tuple(m.full_name for m in p.members),
            )
            for p in plan.registry.plans
        ]

    first = snapshot(plan_demo(seed=2022, spec=KHANH_HOA, geo=geo, officers=officers))
    second = snapshot(plan_demo(seed=2022, spec=KHANH_HOA, geo=geo, officers=officers))
    assert first == second
    stored = {
        code: (name, founded_on, leader)
        for code, name, founded_on, leader in Scheme.objects.values_list("code", "name", "founded_on", "leader_name")
    }
    assert {row[0]: row[1:4] for row in first} == stored
    other = snapshot(plan_demo(seed=7, spec=KHANH_HOA, geo=geo, officers=officers))
    assert other != first


def test_second_run_writes_nothing_and_is_quick(demo_db, django_assert_max_num_queries):
    before = (Scheme.objects.count(), Member.objects.count(), Assessment.objects.count(), User.objects.count())
    with django_assert_max_num_queries(10):
        result = generate_demo(seed=2022)
    assert not result.created
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert "đã có sẵn" in out.getvalue()
    after = (Scheme.objects.count(), Member.objects.count(), Assessment.objects.count(), User.objects.count())
    assert after == before
