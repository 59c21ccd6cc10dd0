from datetime import date
from decimal import Decimal

import pytest

from tuquan.assessments.choices import Rating
from tuquan.assessments.rules import (
    RatingRules,
    apply_hard_rules,
    is_newly_founded,
    months_before,
    rating_for_total,
    suggest_rating,
)

RULES = RatingRules(hard_rules=({"rule": "no_activity_report", "cap": "trung_binh"},))


@pytest.mark.parametrize(
    ("total", "expected"),
    [
        ("100", Rating.GOOD),
        ("85", Rating.GOOD),
        ("84.99", Rating.FAIR),
        ("70", Rating.FAIR),
        ("69.99", Rating.AVERAGE),
        ("50", Rating.AVERAGE),
        ("49.99", Rating.WEAK),
        ("0", Rating.WEAK),
    ],
)
def test_total_is_classed_at_each_threshold_boundary(total, expected):
    assert rating_for_total(Decimal(total), RULES) == expected


def test_edited_thresholds_move_the_boundaries():
    strict = RatingRules(threshold_good=Decimal("90"), threshold_fair=Decimal("75"), threshold_average=Decimal("60"))
    assert rating_for_total(Decimal("89.99"), strict) == Rating.FAIR
    assert rating_for_total(Decimal("59.99"), strict) == Rating.WEAK


def test_scheme_founded_exactly_min_age_before_period_end_is_rated():
    assert not is_newly_founded(date(2025, 11, 14), date(2026, 11, 14), 12)


def test_scheme_founded_a_day_later_is_not_yet_rated():
    assert is_newly_founded(date(2025, 11, 15), date(2026, 11, 14), 12)


def test_months_before_clamps_to_the_end_of_a_short_month():
    assert months_before(date(2024, 3, 31), 1) == date(2024, 2, 29)
    assert months_before(date(2026, 1, 15), 2) == date(2025, 11, 15)


def test_new_scheme_is_suggested_not_rated_whatever_its_score():
    suggestion = suggest_rating(
        total=Decimal("99"), founded_on=date(2026, 6, 1), period_end=date(2026, 11, 14), facts={}, rules=RULES
    )
    assert suggestion.rating == Rating.NEW
    assert suggestion.notes


def test_no_activity_report_caps_a_good_total_at_average():
    suggestion = suggest_rating(
        total=Decimal("95"),
        founded_on=date(2020, 1, 1),
        period_end=date(2026, 11, 14),
        facts={"no_activity_report": True},
        rules=RULES,
    )
    assert suggestion.rating == Rating.AVERAGE
    assert "tối đa loại Trung bình" in suggestion.notes[0]


def test_hard_rule_never_raises_a_weak_rating():
    assert apply_hard_rules(Rating.WEAK, {"no_activity_report": True}, RULES.hard_rules).rating == Rating.WEAK


def test_hard_rule_does_nothing_when_its_condition_does_not_hold():
    assert apply_hard_rules(Rating.GOOD, {"no_activity_report": False}, RULES.hard_rules).rating == Rating.GOOD
