"""Which schemes a campaign covers, so that "not started" and "late" stay honest."""

from datetime import date

from tuquan.assessments.services import assessment_start, campaign_schemes
from tuquan.schemes.models import Scheme


def _end(scheme, ended_on):
    Scheme.objects.filter(pk=scheme.pk).update(status="eliminated", ended_on=ended_on)


def test_scheme_eliminated_during_the_period_is_not_counted_as_not_started(campaign, make_scheme):
    kept = make_scheme(name="Tổ tự quản còn hoạt động")
    gone = make_scheme(name="Tổ tự quản thanh loại đầu năm")
    _end(gone, date(2026, 1, 15))  # the outcome of last year's inspection, inside this period

    covered = set(campaign_schemes(campaign).values_list("pk", flat=True))

    assert kept.pk in covered
    assert gone.pk not in covered


def test_scheme_ended_after_the_period_is_still_covered(campaign, make_scheme):
    later = make_scheme(name="Tổ tự quản thanh loại sau đợt")
    _end(later, date(2026, 12, 20))

    assert campaign_schemes(campaign).filter(pk=later.pk).exists()


def test_scheme_assessed_before_it_ended_keeps_its_place(campaign, make_scheme, users):
    assessed = make_scheme(name="Tổ tự quản đã chấm điểm")
    assessment_start(user=users["pv05"], campaign=campaign, scheme=assessed)
    _end(assessed, date(2026, 10, 1))

    assert campaign_schemes(campaign).filter(pk=assessed.pk).exists()
