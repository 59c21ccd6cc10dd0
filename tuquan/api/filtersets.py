"""The pages' FilterSets, as the API uses them.

``ApiSchemeFilterSet`` is the registry page's ``SchemeFilterSet`` with one bound added:
``founded_year`` outside 1900–2100 made the database raise (OverflowError → 500) — found by
the schemathesis run; reported to the registry's owner. Once ``SchemeFilterSet`` bounds the
year itself, this subclass can go and the API use ``SchemeFilterSet`` directly.
"""

import django_filters

from tuquan.schemes.filtersets import SchemeFilterSet


class ApiSchemeFilterSet(SchemeFilterSet):
    founded_year = django_filters.NumberFilter(
        field_name="founded_on",
        lookup_expr="year",
        label="Năm thành lập",
        min_value=1900,
        max_value=2100,
    )
