"""Pure parts of the demo generator: the province spec, scaling, and score spreading."""

import random
from decimal import Decimal

import pytest

from tuquan.assessments.choices import Rating
from tuquan.assessments.rules import RatingRules, rating_for_total
from tuquan.demo.campaigns import score_total, spread
from tuquan.demo.registry import half_years
from tuquan.demo.spec import KHANH_HOA, apportion


def test_khanh_hoa_spec_adds_up_to_the_articles_322():
    assert KHANH_HOA.base_total == 322
    assert sum(KHANH_HOA.base_ratings.values()) == 322
    assert sum(n for _, n in KHANH_HOA.agencies) == 13


@pytest.mark.parametrize("scale", [0.1, 0.5, 2, 10])
def test_a_scaled_province_keeps_classes_adding_up_to_its_schemes(scale):
    spec = KHANH_HOA.scaled(scale)
    assert sum(spec.base_ratings.values()) == spec.base_total
    assert all(d.schemes >= 1 for d in spec.districts)


def test_apportion_splits_exactly_and_in_proportion():
    assert apportion({"a": 1, "b": 1, "c": 2}, 8) == {"a": 2, "b": 2, "c": 4}
    assert sum(apportion({"a": 86, "b": 168, "c": 42}, 101).values()) == 101


@pytest.mark.parametrize("rating", [Rating.GOOD, Rating.FAIR, Rating.AVERAGE, Rating.WEAK])
def test_scores_stay_within_maxima_and_add_up_to_a_total_of_the_wanted_class(rating):
    rng = random.Random(3)
    rules = RatingRules()
    maxima = [Decimal(m) for m in (10, 10, 15, 10, 15, 10, 10, 10, 10)]
    for _ in range(200):
        total = score_total(rng, rating, rules, sum(maxima))
        values = spread(rng, maxima, total)
        assert sum(values) == total
        assert all(0 <= v <= m for v, m in zip(values, maxima, strict=True))
        assert rating_for_total(total, rules) == rating


def test_half_years_cover_the_period():
    from datetime import date

    halves = half_years(date(2021, 11, 15), date(2022, 11, 14))
    assert halves == [
        (date(2021, 7, 1), date(2021, 12, 31)),
        (date(2022, 1, 1), date(2022, 6, 30)),
        (date(2022, 7, 1), date(2022, 12, 31)),
    ]
