"""The national data generator (issue 8) at its tiny scale: counts, invariants, determinism."""

import io

import pytest
from django.core.management import call_command
from django.db.models import Count, OuterRef, Q, Subquery

from tuquan.assessments.choices import Rating, State
from tuquan.assessments.models import Assessment, Campaign, EliminatedScheme, Elimination
from tuquan.core.text import fold
from tuquan.demo.national import SHOWCASE_MEMBERS, SHOWCASE_NAME, NationalGenerator, generate_national
from tuquan.places.models import AdminUnit
from tuquan.schemes.choices import Status
from tuquan.schemes.models import ActivityReport, Member, Scheme, Team


@pytest.fixture
def tiny(db):
    out = io.StringIO()
    result = generate_national(scale="tiny", seed=7, out=out)
    return result, out.getvalue()


def test_tiny_scale_writes_the_planned_counts_and_says_how_long_it_took(tiny):
    result, output = tiny
    assert result.provinces == 2
    assert Scheme.objects.count() == result.schemes == 300
    assert Team.objects.count() == result.teams >= 300
    assert Member.objects.count() == result.members
    assert 8 * 300 <= result.members <= 32 * 300 + SHOWCASE_MEMBERS
    assert ActivityReport.objects.count() == result.reports > 0
    assert Campaign.objects.count() == result.campaigns == 2 * 8
    assert Assessment.objects.count() == result.assessments > 0
    assert "[####" in output and "giây" in result.summary()


def test_every_scheme_is_in_a_current_commune_of_the_chosen_provinces_with_a_unique_code(tiny):
    assert Scheme.objects.values("code").distinct().count() == 300
    assert not Scheme.objects.exclude(commune__era="current", commune__level="commune").exists()
    provinces = set(AdminUnit.objects.filter(level="province", era="current").values_list("code", flat=True))
    assert {"56", "4"} <= provinces


def test_search_text_is_the_folded_name_code_area_and_leader(tiny):
    for scheme in Scheme.objects.order_by("pk")[:50]:
        expected = fold(" ".join(p for p in (scheme.name, scheme.code, scheme.area, scheme.leader_name) if p))
        assert scheme.search_text == expected[:600]
    assert Scheme.objects.search("to dan pho").exists() or Scheme.objects.search("thon").exists()


def test_latest_rating_is_the_class_of_the_last_approved_assessment(tiny):
    last = Assessment.objects.filter(scheme=OuterRef("pk"), state=State.APPROVED).order_by("-campaign__year")
    schemes = Scheme.objects.annotate(
        last_rating=Subquery(last.values("final_rating")[:1]), last_year=Subquery(last.values("campaign__year")[:1])
    )
    rated = schemes.exclude(last_rating=None)
    assert rated.exists()
    assert not rated.exclude(latest_rating=Subquery(last.values("final_rating")[:1])).exists()
    assert not rated.exclude(latest_rating_year=Subquery(last.values("campaign__year")[:1])).exists()
    assert not schemes.filter(last_rating=None).exclude(latest_rating="").exists()


def test_one_assessment_per_scheme_and_campaign_and_only_eligible_schemes_are_assessed(tiny):
    assert not Assessment.objects.values("scheme", "campaign").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert not Assessment.objects.filter(
        scheme__founded_on__gt=Subquery(Campaign.objects.filter(pk=OuterRef("campaign")).values("period_start")[:1])
    ).exists()
    assert not Assessment.objects.filter(state=State.APPROVED, final_rating="").exists()
    assert Assessment.objects.filter(campaign__year=2026).exclude(state=State.APPROVED).exists()


def test_a_weak_class_leads_to_an_elimination_decision_and_ends_the_scheme(tiny):
    eliminated = Scheme.objects.filter(status=Status.ELIMINATED)
    assert eliminated.count() == EliminatedScheme.objects.count()
    assert not eliminated.filter(Q(ended_on=None) | Q(elimination_item=None)).exists()
    assert not eliminated.exclude(latest_rating=Rating.WEAK).exists()
    assert not Scheme.objects.filter(status=Status.ACTIVE, ended_on__isnull=False).exists()
    for item in EliminatedScheme.objects.select_related("assessment__campaign", "elimination__campaign"):
        assert item.assessment.final_rating == Rating.WEAK
        assert item.assessment.campaign == item.elimination.campaign
        assert not Assessment.objects.filter(
            scheme=item.scheme_id, campaign__year__gt=item.assessment.campaign.year
        ).exists()
    assert Elimination.objects.count() >= 1


def test_generated_rows_pass_the_models_validation(tiny):
    for scheme in Scheme.objects.order_by("?")[:20]:
        scheme.full_clean()
    for member in Member.objects.order_by("?")[:50]:
        member.full_clean()
    for report in ActivityReport.objects.order_by("?")[:20]:
        report.full_clean()
    for assessment in Assessment.objects.order_by("?")[:20]:
        assessment.full_clean()


def test_the_showcase_scheme_has_200_members_and_ten_years_of_reports(tiny):
    showcase = Scheme.objects.get(name=SHOWCASE_NAME)
    assert showcase.members.count() == SHOWCASE_MEMBERS
    years = set(showcase.activity_reports.values_list("period_start__year", flat=True))
    assert len(years) >= 10
    assert showcase.assessments.count() == 8


def test_sequences_continue_after_the_generated_ids(tiny):
    scheme = Scheme.objects.order_by("pk").last()
    team = Team.objects.create(scheme=scheme, name="Tổ thêm sau")
    assert team.pk > Team.objects.exclude(pk=team.pk).order_by("pk").last().pk


def test_a_second_run_on_the_same_database_is_refused(tiny):
    with pytest.raises(ValueError, match="Đã có mô hình"):
        generate_national(scale="tiny", seed=7, out=io.StringIO())


@pytest.mark.django_db
def test_the_same_seed_plans_the_same_rows():
    def plan(seed):
        generator = NationalGenerator(scale="tiny", seed=seed, out=io.StringIO())
        generator._load_places()
        generator._make_kinds()
        generator._plan()
        return [(p.code, p.name, p.founded_on, p.members, p.ratings) for p in generator.plans]

    assert plan(3) == plan(3)
    assert plan(3) != plan(4)


@pytest.mark.django_db
def test_the_command_prints_the_summary():
    out = io.StringIO()
    call_command("generate_data", "--scale", "tiny", "--seed", "1", stdout=out)
    assert "300 mô hình" in out.getvalue()


def test_the_benchmark_runs_its_quick_cases_on_the_generated_data(tiny, capsys):
    """``python -m bench --quick`` on the tiny set: every case answers (a page, or "not available")."""
    from argparse import Namespace

    from bench.cases import run

    args = Namespace(quick=True, repeat=1, no_load=True, no_excel=True, load_seconds=1, only=None, import_rows=10)
    assert run(args) == 0
    output = capsys.readouterr().out
    assert "Chi tiết mô hình" in output
    assert "Khung trang" in output  # case 0, the page that reads no data, served by the bench's addresses
    assert "HTTP 500" not in output and "lỗi" not in output
