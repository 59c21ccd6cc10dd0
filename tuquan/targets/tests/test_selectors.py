from datetime import date

import pytest

from tuquan.assessments.choices import Rating
from tuquan.schemes.choices import Field, Status
from tuquan.schemes.models import ActivityReport, Scheme, SchemeKind
from tuquan.targets import selectors, services
from tuquan.targets.choices import Indicator
from tuquan.targets.models import Target

pytestmark = pytest.mark.django_db
YEAR = 2025


def _target(commune, indicator, value, **extra):
    return Target.objects.create(year=YEAR, unit=commune, indicator=indicator, value=value, **extra)


def _row(users, target):
    rows = selectors.target_rows(user=users["pv05"], year=YEAR)
    return next(row for row in rows if row.target.pk == target.pk)


def _schemes(make_scheme, n, **data):
    return [make_scheme(name=f"Mô hình {i} {data.get('name', '')}", **data) for i in range(n)]


def test_min_active_schemes_reached_at_n_not_at_n_minus_one(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_ACTIVE_SCHEMES, 3)
    _schemes(make_scheme, 2)
    assert (_row(users, target).reached_value, _row(users, target).reached) == (2, False)
    make_scheme(name="Thứ ba")
    assert (_row(users, target).reached_value, _row(users, target).reached) == (3, True)


def test_eliminated_scheme_no_longer_counts_for_the_year(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_ACTIVE_SCHEMES, 1)
    scheme = make_scheme()
    assert _row(users, target).reached
    Scheme.objects.filter(pk=scheme.pk).update(status=Status.ELIMINATED, ended_on=date(YEAR, 6, 1))
    assert not _row(users, target).reached
    assert list(selectors.communes_without_active_scheme(user=users["pv05"], year=YEAR)).count(commune) == 1


def test_scheme_eliminated_after_the_year_still_counts_for_it(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_ACTIVE_SCHEMES, 1)
    scheme = make_scheme()
    Scheme.objects.filter(pk=scheme.pk).update(status=Status.ELIMINATED, ended_on=date(YEAR + 1, 2, 1))
    assert _row(users, target).reached


def test_min_new_schemes_counts_schemes_founded_in_the_year(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_NEW_SCHEMES, 2)
    make_scheme(name="Cũ", founded_on=date(YEAR - 1, 12, 31))
    make_scheme(name="Mới 1", founded_on=date(YEAR, 1, 1))
    assert (_row(users, target).reached_value, _row(users, target).reached) == (1, False)
    make_scheme(name="Mới 2", founded_on=date(YEAR, 12, 31))
    assert (_row(users, target).reached_value, _row(users, target).reached) == (2, True)


def _rate(schemes, rating):
    Scheme.objects.filter(pk__in=[s.pk for s in schemes]).update(latest_rating=rating, latest_rating_year=YEAR)


def test_share_good_8499_percent_is_not_85(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_SHARE_GOOD, 85)
    schemes = _schemes(make_scheme, 20)
    # 17 of 20 = 85 % exactly: reached
    _rate(schemes[:17], Rating.GOOD)
    _rate(schemes[17:], Rating.FAIR)
    row = _row(users, target)
    assert (row.reached_value, row.reached) == (85, True)
    # 16 of 20 = 80 %: not reached
    _rate(schemes[16:17], Rating.AVERAGE)
    assert not _row(users, target).reached


def test_share_good_just_below_threshold_is_not_rounded_up(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_SHARE_GOOD, 85)
    schemes = _schemes(make_scheme, 7)  # 6/7 = 85.71 %; 5/6 = 83.33 %
    _rate(schemes[:6], Rating.GOOD)
    _rate(schemes[6:], Rating.WEAK)
    assert _row(users, target).reached
    _rate(schemes[6:], Rating.NEW)  # not assessed: 6/6
    assert _row(users, target).reached_value == 100
    target.value = 100
    target.save()
    _rate(schemes[5:6], Rating.FAIR)  # 5/6 = 83.33 %
    row = _row(users, target)
    assert (str(row.reached_value), row.reached) == ("83.33", False)


def test_share_good_without_any_assessment_is_not_reached(users, commune, make_scheme):
    target = _target(commune, Indicator.MIN_SHARE_GOOD, 0)
    make_scheme()
    assert not _row(users, target).reached


def test_has_kind_by_kind_and_by_field(users, commune, make_scheme, kind):
    religious = SchemeKind.objects.filter(field=Field.RELIGION).first() or SchemeKind.objects.create(
        name="Xóm đạo bình yên thử", field=Field.RELIGION, search_text="x"
    )
    by_kind = _target(commune, Indicator.HAS_KIND, 1, kind=religious)
    by_field = _target(commune, Indicator.HAS_KIND, 1, field=Field.RELIGION)
    make_scheme(kind=kind)
    assert not _row(users, by_kind).reached
    assert not _row(users, by_field).reached
    make_scheme(kind=religious, name="Xóm đạo")
    assert _row(users, by_kind).reached
    assert _row(users, by_field).reached


def test_all_activity_reports_filed(users, commune, make_scheme):
    target = _target(commune, Indicator.ALL_ACTIVITY_REPORTS_FILED, 100)
    first, second = _schemes(make_scheme, 2)
    ActivityReport.objects.create(scheme=first, period_start=date(YEAR, 1, 1), period_end=date(YEAR, 6, 30))
    ActivityReport.objects.create(scheme=second, period_start=date(YEAR - 1, 1, 1), period_end=date(YEAR - 1, 12, 31))
    row = _row(users, target)
    assert (row.reached_value, row.reached) == (50, False)
    ActivityReport.objects.create(scheme=second, period_start=date(YEAR, 7, 1), period_end=date(YEAR, 12, 31))
    assert _row(users, target).reached


def test_bulk_assignment_to_every_commune_then_update(users, khanh_hoa):
    communes = khanh_hoa.children.all()
    created, updated = services.target_assign_bulk(
        user=users["pv05"], year=YEAR, units=communes, data={"indicator": Indicator.MIN_ACTIVE_SCHEMES, "value": 1}
    )
    assert (created, updated) == (communes.count(), 0)
    created, updated = services.target_assign_bulk(
        user=users["pv05"], year=YEAR, units=communes[:3], data={"indicator": Indicator.MIN_ACTIVE_SCHEMES, "value": 2}
    )
    assert (created, updated) == (0, 3)
    assert Target.objects.filter(value=2).count() == 3


def test_commune_officer_cannot_assign(users, commune):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.target_create(
            user=users["commune"], year=YEAR, unit=commune, data={"indicator": Indicator.MIN_ACTIVE_SCHEMES, "value": 1}
        )


def test_has_kind_needs_a_kind_or_a_field(users, commune):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.target_create(
            user=users["pv05"], year=YEAR, unit=commune, data={"indicator": Indicator.HAS_KIND, "value": 1}
        )


def test_commune_officer_sees_only_their_commune_targets(users, commune, other_commune):
    _target(commune, Indicator.MIN_ACTIVE_SCHEMES, 1)
    _target(other_commune, Indicator.MIN_ACTIVE_SCHEMES, 1)
    rows = selectors.targets_for_unit(users["commune"], YEAR)
    assert [row.target.unit for row in rows] == [commune]


def test_year_figures_in_bounded_queries(users, khanh_hoa, make_scheme, kind, django_assert_max_num_queries):
    communes = list(khanh_hoa.children.all()[:10])
    for unit in communes:
        make_scheme(commune=unit, name=f"MH {unit.code}")
        for indicator, extra in [
            (Indicator.MIN_ACTIVE_SCHEMES, {}),
            (Indicator.MIN_SHARE_GOOD, {}),
            (Indicator.HAS_KIND, {"kind": kind}),
            (Indicator.ALL_ACTIVITY_REPORTS_FILED, {}),
        ]:
            Target.objects.create(year=YEAR, unit=unit, indicator=indicator, value=1, **extra)
    with django_assert_max_num_queries(6):
        page = selectors.year_page(user=users["pv05"], year=YEAR)
    assert len(page["rows"]) == 40


@pytest.mark.parametrize(
    ("good", "assessed", "reached"),
    [(8499, 10000, False), (8500, 10000, True), (17, 20, True), (16, 20, False)],
)
def test_share_good_boundary_is_exact(good, assessed, reached):
    target = Target(indicator=Indicator.MIN_SHARE_GOOD, value=85)
    value, is_reached = selectors.evaluate(target, selectors.CommuneFigures(good=good, assessed=assessed), {})
    assert is_reached is reached
    assert float(value) == pytest.approx(good * 100 / assessed, abs=0.005)


def test_dashboard_partial_shows_commune_targets(rf, users, commune, make_scheme):
    from django.template.loader import render_to_string

    _target(commune, Indicator.MIN_ACTIVE_SCHEMES, 1)
    make_scheme()
    request = rf.get("/")
    request.user = users["commune"]
    html = render_to_string(
        "targets/partials/commune_targets.html",
        {"target_rows": selectors.targets_for_unit(users["commune"], YEAR), "target_year": YEAR},
        request=request,
    )
    assert "Chỉ tiêu thi đua năm 2025" in html
    assert "Đạt" in html and "Chưa đạt" not in html


def test_communes_without_a_scheme_are_found_per_commune(users, commune, other_commune, make_scheme):
    """An anti-join per commune (NOT EXISTS), not NOT IN the country's schemes: with the latter,
    PostgreSQL compared each commune with every scheme when it expected them not to fit in memory."""
    make_scheme(commune=other_commune)
    without = selectors.communes_without_active_scheme(user=users["pv05"], year=YEAR)
    assert commune in without and other_commune not in without
    sql = str(without.query).upper()
    assert "NOT EXISTS" in sql and '"ID" IN (SELECT' not in sql
